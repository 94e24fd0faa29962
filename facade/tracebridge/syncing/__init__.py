"""Incremental sync into a database or a Parquet dataset (docs/sync.md).

    import tracebridge
    from tracebridge.syncing import GalileoRecords, RespanExperimentTraces

    result = tracebridge.sync(
        [RespanExperimentTraces("exp_123"), GalileoRecords("trace", log_stream_id="...")],
        "tracebridge.duckdb",               # or "postgresql://...", or a folder
    )
    print(*result.summary(), sep="\\n")    # traces: 250 new, 0 updated, 0 unchanged ...

Each run reads only what is new or changed since the last one (a lookback window catches
rows that arrive late), upserts it into the common schema's `traces`, `spans` and `scores`
tables by the source's ids, and keeps its state in the target (`_tracebridge_sync`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from .batch import Counts
from .run import DEFAULT_LOOKBACK, Progress, SourceResult, SyncResult, open_target
from .sources import GalileoRecords, RespanDatasetSpans, RespanExperimentTraces, RespanLogs, Source


def sync(
    sources: Iterable[Source],
    target: Any = None,
    *,
    respan: Any = None,
    galileo: Any = None,
    lookback: timedelta = DEFAULT_LOOKBACK,
    since: datetime | None = None,
    full: bool = False,
    progress: Progress | None = None,
) -> SyncResult:
    """Bring `target` up to date with each source.

    `target`: a `.duckdb` file (default `tracebridge.duckdb` here), a `postgresql://` URL, or
    a folder for a Parquet dataset. `respan`/`galileo`: the clients to read with (made from
    the environment when a source needs one and none is given). `lookback`: how late a row
    may arrive and still be found. `since`: where a first run starts (the organization's
    logs: 7 days back by default; other sources: their beginning). `full`: read everything
    again (rows that did not change are still not written).
    """
    from ..errors import ConfigError
    from .run import as_sources, run_sync

    chosen = as_sources(sources)
    if lookback < timedelta(0):
        raise ConfigError("lookback cannot be negative")
    opened = open_target(target)  # a target it cannot tell is refused before any client
    clients: dict[str, Any] = {}
    made: list[Any] = []
    for service, given in (("respan", respan), ("galileo", galileo)):
        if not any(source.service == service for source in chosen):
            continue
        if given is None:
            given = _client(service)
            made.append(given)
        clients[service] = given
    try:
        opened.open()
        try:
            return run_sync(
                chosen, opened, clients, lookback=lookback, since=since, full=full,
                progress=progress,
            )  # fmt: skip
        finally:
            opened.close()
    finally:
        for client in made:
            client.close()


def _client(service: str) -> Any:
    if service == "respan":
        from ..respan import Respan

        return Respan()
    from ..galileo import Galileo

    return Galileo()


__all__ = [
    "DEFAULT_LOOKBACK",
    "Counts",
    "GalileoRecords",
    "RespanDatasetSpans",
    "RespanExperimentTraces",
    "RespanLogs",
    "SourceResult",
    "SyncResult",
    "open_target",
    "sync",
]
