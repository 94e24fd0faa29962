"""`tracebridge sync` keeps a local copy up to date; `tracebridge sql` queries it.

tracebridge sync --experiment all --log-stream L --project P      # into tracebridge.duckdb
tracebridge sync --experiment exp_123 --to postgresql://me@localhost/evals
tracebridge sql "SELECT * FROM usage_by_experiment"
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..errors import ConfigError
from .common import (
    Bar,
    DebugOption,
    EmulatorOption,
    JsonOption,
    QuietOption,
    Session,
    session,
    stderr,
    stdout,
)

TargetOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        envvar="TRACEBRIDGE_SYNC_TARGET",
        help="Where to sync: a .duckdb file (default tracebridge.duckdb), a postgresql:// URL "
        "or a folder (a Parquet dataset).",
    ),
]
_SPAN = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhdw])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def duration(text: str) -> timedelta:
    """`90s`, `10m`, `2h`, `7d`, `1w` as a timedelta."""
    found = _SPAN.match(text.strip())
    if found is None:
        raise ConfigError(f"{text!r} is not a duration: write e.g. 30s, 10m, 2h or 7d")
    return timedelta(**{_UNITS[found.group(2)]: float(found.group(1))})


def moment(text: str) -> datetime:
    """An ISO 8601 date-time (UTC unless it says), or a duration back from now (`7d`)."""
    if _SPAN.match(text.strip()):
        return datetime.now(UTC) - duration(text)
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--since {text!r} is neither a date-time nor a duration") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def sync(
    experiment: Annotated[
        list[str] | None,
        typer.Option(
            "--experiment", "-e", help="A Respan experiment's traces (repeat; `all`: every one)."
        ),
    ] = None,
    dataset: Annotated[
        list[str] | None, typer.Option("--dataset", help="A Respan dataset's spans (repeat).")
    ] = None,
    logs: Annotated[
        list[str] | None,
        typer.Option("--logs", help="The Respan organization's `traces` or `spans` (repeat)."),
    ] = None,
    log_stream: Annotated[
        list[str] | None,
        typer.Option("--log-stream", help="A Galileo log stream's records (repeat)."),
    ] = None,
    galileo_experiment: Annotated[
        list[str] | None,
        typer.Option("--galileo-experiment", help="A Galileo experiment's records (repeat)."),
    ] = None,
    records: Annotated[
        str,
        typer.Option("--records", help="Which Galileo records: trace, span or trace,span."),
    ] = "trace,span",
    project: Annotated[
        str | None,
        typer.Option("--project", envvar="GALILEO_PROJECT_ID", help="The Galileo project."),
    ] = None,
    to: TargetOption = None,
    rate_limit: Annotated[
        int,
        typer.Option(
            "--rate-limit", min=0, help="Respan requests per minute at most (0: no limit)."
        ),
    ] = 60,
    lookback: Annotated[
        str,
        typer.Option("--lookback", help="How late a row may arrive and still be found (10m)."),
    ] = "10m",
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Where a first sync starts: a date-time or a duration back (the organization's "
            "logs: 7d unless given; other sources: their beginning).",
        ),
    ] = None,
    full: Annotated[
        bool,
        typer.Option("--full", help="Read everything again (unchanged rows stay as they are)."),
    ] = False,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Bring a local database up to date with Respan and Galileo: only what is new or changed
    since the last sync is read, and upserted into the common schema's traces, spans and
    scores tables (with views for cost, latency, tokens and scores)."""
    from ..syncing import sync as run

    with session(emulator=emulator, quiet=quiet, debug=debug) as s:
        window = duration(lookback)
        start = moment(since) if since is not None else None
        kinds = [kind.strip() for kind in records.split(",") if kind.strip()]
        clients: dict[str, Any] = {}
        try:
            sources = _sources(s, clients, experiment, dataset, logs, log_stream,
                               galileo_experiment, kinds, project, rate_limit)  # fmt: skip
            with _Progress(quiet=quiet) as progress:
                result = run(
                    sources, to, respan=clients.get("respan"), galileo=clients.get("galileo"),
                    lookback=window, since=start, full=full, progress=progress,
                )  # fmt: skip
        finally:
            for client in clients.values():
                client.close()
        where = to or "tracebridge.duckdb"
        for line in result.summary():
            typer.echo(line)
        s.note(f"synced {len(result.sources)} source(s) into {_shown(where)}")


def _shown(target: str) -> str:
    from ..syncing.database import redact_url

    return redact_url(target)


def _sources(
    s: Session,
    clients: dict[str, Any],
    experiments: list[str] | None,
    datasets: list[str] | None,
    logs: list[str] | None,
    log_streams: list[str] | None,
    galileo_experiments: list[str] | None,
    kinds: list[str],
    project: str | None,
    rate_limit: int,
) -> list[Any]:
    from ..syncing import GalileoRecords, RespanDatasetSpans, RespanExperimentTraces, RespanLogs

    sources: list[Any] = []
    if experiments or datasets or logs:
        clients["respan"] = respan = s.respan(rate_limit=rate_limit)
        for name in experiments or []:
            if name == "all":
                for found in respan.experiments.list():
                    sources.append(RespanExperimentTraces(found.id, status=str(found.status)))
            else:
                sources.append(RespanExperimentTraces(name))
        sources += [RespanDatasetSpans(name) for name in datasets or []]
        sources += [RespanLogs(kind) for kind in logs or []]
    runs: list[tuple[str | None, str | None]] = [(run, None) for run in log_streams or []]
    runs += [(None, run) for run in galileo_experiments or []]
    if runs:
        if not kinds:
            raise ConfigError("--records needs trace, span or both")
        clients["galileo"] = s.galileo(project)
        for stream, experiment in runs:
            for kind in kinds:
                sources.append(GalileoRecords(kind, stream, experiment, project_id=project))
    if not sources:
        raise ConfigError(
            "nothing to sync: name sources with --experiment, --dataset, --logs, --log-stream "
            "or --galileo-experiment"
        )
    # the same source named twice is one source
    unique = {source.identity: source for source in sources}
    return list(unique.values())


class _Progress:
    """A line per source on stderr: its rows as they come, then what it wrote."""

    def __init__(self, *, quiet: bool):
        self.quiet = quiet
        self.bar: Bar | None = None

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__()
            self.bar = None

    def started(self, label: str, total: int | None) -> None:
        self.bar = Bar(label, quiet=self.quiet)
        self.bar.__enter__()
        self.bar.started(total, 0)

    def advanced(self, rows: int) -> None:
        if self.bar is not None:
            self.bar.advanced(rows)

    def finished(self, result: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__()
            self.bar = None
        if self.quiet:
            return
        written = sum(c.written for c in result.tables.values())
        what = f"{result.rows_read:,} rows read, {written:,} written"
        if result.resumed:
            what += " (resumed)"
        stderr.print(f"{result.label}: {what}", highlight=False)


def sql(
    query: Annotated[str, typer.Argument(help="One SQL statement (e.g. SELECT * FROM traces).")],
    to: TargetOption = None,
    as_json: JsonOption = False,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the rows to a file (.csv, .jsonl, .parquet)."),
    ] = None,
    debug: DebugOption = False,
) -> None:
    """Run a query against the synced database and print its rows (tables: traces, spans,
    scores, _tracebridge_sync; views: usage_by_experiment, usage_by_day, usage_by_model,
    scores_by_experiment, scores_by_day, scores_by_model)."""
    with session(emulator=False, quiet=True, debug=debug):
        target = _query_target(to)
        target.open()
        try:
            names, rows = target.query(query)
        finally:
            target.close()
        records = [dict(zip(names, row, strict=True)) for row in rows]
        if output is not None:
            from ..export.pipeline import write_rows

            result = write_rows(records, output, columns=names, flatten=False)
            stderr.print(f"wrote {result.rows:,} rows to {output}", highlight=False)
        elif as_json:
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n")
        else:
            table = Table(show_edge=False)
            for name in names:
                table.add_column(name, overflow="fold")
            for row in rows:
                table.add_row(*("" if value is None else str(value) for value in row))
            stdout.print(table)


def _query_target(to: str | None) -> Any:
    from ..syncing.database import DEFAULT_DATABASE, DuckDBTarget, PostgresTarget

    if to is None or not (to.startswith(("postgresql://", "postgres://"))):
        path = to or DEFAULT_DATABASE
        if Path(path).is_dir():
            from ..syncing.dataset import DatasetQuery

            return DatasetQuery(path)
        return DuckDBTarget(path, read_only=True)
    return PostgresTarget(to, read_only=True)
