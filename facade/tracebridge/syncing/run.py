"""One sync run: for each source, what is new or changed since the last run is read page by
page, in the common schema, and upserted into the target with the source's state.

A run that is killed leaves its state `pending` at the last page written; the next run
resumes the same walk from there. A run that finds nothing new writes nothing at all.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from ..errors import ConfigError, IncompleteListingError
from ..export.stream import ShortExport
from ..schema import TABLES, common_rows
from .batch import Batch, Counts, counts_by_table
from .sources import Source, Window
from .state import Pending, State

DEFAULT_LOOKBACK = timedelta(minutes=10)
# Pages are written (each write a checkpoint) once they hold this many source rows: one page
# of the listings that page 500 or 1,000 rows, a few of those that page 100.
STEP_ROWS = 500
Row = dict[str, Any]
# The organization's logs have no beginning to sync from: the first run reaches this far back
# unless `since` says otherwise.
LOGS_FIRST_SYNC = timedelta(days=7)


class Target(Protocol):
    kind: str

    def open(self) -> None: ...

    def close(self) -> None: ...

    def load_state(self, query: str) -> State | None: ...

    def save_state(self, state: State) -> None: ...

    def apply(self, batch: Batch, state: State) -> dict[str, Counts]: ...


class Progress(Protocol):
    def started(self, label: str, total: int | None) -> None: ...

    def advanced(self, rows: int) -> None: ...

    def finished(self, result: SourceResult) -> None: ...


@dataclass
class SourceResult:
    """What a run did for one source."""

    label: str
    query: str
    rows_read: int = 0
    resumed: bool = False  # True: it went on from a killed run's last page
    tables: dict[str, Counts] = field(default_factory=counts_by_table)


@dataclass
class SyncResult:
    """What a run did: per source, and per table over all sources."""

    target: str
    sources: list[SourceResult] = field(default_factory=list)

    @property
    def tables(self) -> dict[str, Counts]:
        totals = counts_by_table()
        for source in self.sources:
            for table, counts in source.tables.items():
                totals[table].add(counts)
        return totals

    @property
    def written(self) -> int:
        return sum(counts.written for counts in self.tables.values())

    def summary(self) -> list[str]:
        """One line per table: `traces: 12 new, 3 updated, 240 unchanged`."""
        return [
            f"{table}: {c.new:,} new, {c.updated:,} updated, {c.unchanged:,} unchanged"
            for table, c in self.tables.items()
        ]


def open_target(target: Any = None) -> Any:
    """A target from what names one: a `postgresql://` URL, a `.duckdb` (or `.db`) file, a
    folder for a Parquet dataset, or a target object. Nothing: `tracebridge.duckdb` here."""
    from .database import DEFAULT_DATABASE, DuckDBTarget, PostgresTarget

    if target is None:
        return DuckDBTarget(DEFAULT_DATABASE)
    if not isinstance(target, (str, os.PathLike)):
        return target
    text = os.fspath(target)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresTarget(text)
    if text.lower().endswith((".duckdb", ".db", ".ddb")):
        return DuckDBTarget(text)
    if os.path.splitext(text)[1]:
        raise ConfigError(
            f"cannot tell what {text!r} is: give a .duckdb file, a postgresql:// URL or a "
            "folder (a Parquet dataset)"
        )
    from .dataset import DatasetTarget

    return DatasetTarget(text)


def run_sync(
    sources: Sequence[Source],
    target: Any,
    clients: dict[str, Any],
    *,
    lookback: timedelta = DEFAULT_LOOKBACK,
    since: datetime | None = None,
    full: bool = False,
    progress: Progress | None = None,
) -> SyncResult:
    """Sync each source into an open target (see `tracebridge.sync` for the options)."""
    result = SyncResult(repr(target))
    for source in sources:
        outcome = _sync_one(
            source, clients[source.service], target, lookback, since, full, progress
        )
        result.sources.append(outcome)
        if progress is not None:
            progress.finished(outcome)
    return result


def _lower_bound(
    source: Source, state: State, since: datetime | None, whole: bool, lookback: timedelta
) -> datetime | None:
    if not whole and state.watermark is not None:
        return state.watermark - lookback
    if since is not None:
        return since
    if getattr(source, "kind", None) in ("traces", "spans") and source.service == "respan":
        return datetime.now(UTC) - LOGS_FIRST_SYNC
    return None


def _sync_one(
    source: Source,
    client: Any,
    target: Target,
    lookback: timedelta,
    since: datetime | None,
    full: bool,
    progress: Progress | None,
) -> SourceResult:
    state = target.load_state(source.identity) or State(
        source.identity, source.service, source.label
    )
    outcome = SourceResult(source.label, source.identity)
    plan = source.plan(client, state.detail)
    detail = {**state.detail, **plan.detail}
    now = datetime.now(UTC)
    pending = state.pending
    if pending is not None and not full:
        began, lower, floor = pending.began, pending.since, pending.floor
        outcome.resumed = True
    else:
        began, floor = now, None
        lower = _lower_bound(source, state, since, full or plan.whole, lookback)
    window = Window(lower, floor, now)
    if hasattr(source, "export") and hasattr(target, "apply_records"):
        return _sync_export(source, client, target, window, state, outcome, began, detail, progress)
    pager = source.listing(client, window)
    origin = pager.source.schema.origin
    if progress is not None:
        progress.started(source.label, pager.count)
    wrote = False
    checkpoint = state
    gathered: list[Row] = []
    last = floor

    def write() -> None:
        """The pages gathered, upserted with the checkpoint of the last."""
        nonlocal wrote, checkpoint
        checkpoint = state.advanced(
            pending=Pending(began, lower, last),
            rows_seen=state.rows_seen + outcome.rows_read,
            last_run=now,
            detail=detail,
        )
        counts = target.apply(Batch.of(common_rows(gathered, origin)), checkpoint)
        gathered.clear()
        for table in TABLES:
            outcome.tables[table].add(counts[table])
        if any(c.written for c in counts.values()):
            wrote = True

    with _walked_again_when_short(target, state, Pending(began, lower, floor), detail):
        for _, rows in pager.export_source().row_pages():
            if not rows:
                continue
            outcome.rows_read += len(rows)
            gathered.extend(rows)
            positions = [moment for moment in map(source.position, rows) if moment is not None]
            last = max(positions) if positions else last
            if len(gathered) >= STEP_ROWS:
                write()
            if progress is not None:
                progress.advanced(len(rows))
    if gathered:
        write()
    finish = getattr(target, "finish", None)
    if finish is not None:  # a target that writes in larger steps than a page
        counts = finish(checkpoint)
        for table in TABLES:
            outcome.tables[table].add(counts[table])
        if any(c.written for c in counts.values()):
            wrote = True
    _finished(target, state, began, now, wrote, detail, outcome)
    return outcome


@contextlib.contextmanager
def _walked_again_when_short(
    target: Target, state: State, start: Pending, detail: dict[str, Any]
) -> Iterator[None]:
    """A walk that ends short of what the service counted (an export or pages with fewer
    rows) cannot say which rows are missing: the checkpoints written on the way may have
    passed them. The source's state goes back to where this run started (its watermark
    unmoved), so the next run walks the same window again, and the error is raised."""
    try:
        yield
    except (ShortExport, IncompleteListingError):
        target.save_state(state.advanced(pending=start, detail=detail))
        raise


def _finished(
    target: Target,
    state: State,
    began: datetime,
    now: datetime,
    wrote: bool,
    detail: dict[str, Any],
    outcome: SourceResult,
) -> None:
    """A whole run's state: its begin time is the watermark, nothing pending. Written only
    when the run wrote, ended a killed run's walk, or learned something of the source."""
    if wrote or state.pending is not None or detail != state.detail:
        target.save_state(
            state.advanced(
                watermark=began,
                pending=None,
                rows_seen=state.rows_seen + outcome.rows_read,
                last_run=now if wrote else state.last_run,
                detail=detail,
            )
        )


CHUNK_ROWS = 10_000  # records a database reads and upserts at once: a checkpoint each


def _sync_export(
    source: Any,
    client: Any,
    target: Any,
    window: Window,
    state: State,
    outcome: SourceResult,
    began: datetime,
    detail: dict[str, Any],
    progress: Progress | None,
) -> SourceResult:
    """A source read through the service's export: the body is cut into files of
    CHUNK_ROWS records while it downloads (on a thread of its own), and the database takes
    each file, with its checkpoint, while the next arrives: no Python per row."""
    import tempfile
    import threading

    from .chunks import ChunkWriter, Handoff

    now = datetime.now(UTC)
    wrote = False
    context = source.context(client)
    if progress is not None:
        progress.started(source.label, None)
    with tempfile.TemporaryDirectory(prefix="tracebridge-sync-") as folder:
        handoff = Handoff()
        writer = ChunkWriter(folder, CHUNK_ROWS, handoff.put)

        def download() -> None:
            try:
                source.export(client, window, writer)
                writer.finish()
            except BaseException as error:  # handed to the applying thread, raised there
                handoff.end(error)
            else:
                handoff.end()

        threading.Thread(target=download, name="tracebridge-export", daemon=True).start()
        floor = window.floor
        start = Pending(began, window.since, window.floor)
        with _walked_again_when_short(target, state, start, detail):
            while (chunk := handoff.get()) is not None:
                path, rows = chunk
                outcome.rows_read += rows

                def checkpoint(
                    last: datetime | None, read: int = outcome.rows_read, before: Any = floor
                ) -> State:
                    return state.advanced(
                        pending=Pending(began, window.since, last or before),
                        rows_seen=state.rows_seen + read,
                        last_run=now,
                        detail=detail,
                    )

                counts, last = target.apply_records(path, context, checkpoint)
                os.unlink(path)
                floor = last or floor
                for table in TABLES:
                    outcome.tables[table].add(counts[table])
                wrote = wrote or any(c.written for c in counts.values())
                if progress is not None:
                    progress.advanced(rows)
    _finished(target, state, began, now, wrote, detail, outcome)
    return outcome


def as_sources(items: Iterable[Source]) -> list[Source]:
    sources = list(items)
    if not sources:
        raise ConfigError("nothing to sync: name at least one source")
    seen: set[str] = set()
    for source in sources:
        if source.identity in seen:
            raise ConfigError(f"{source.label} is named twice")
        seen.add(source.identity)
    return sources
