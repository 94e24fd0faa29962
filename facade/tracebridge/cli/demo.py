"""`tracebridge demo`: the main job end to end against an embedded emulator, into a folder.

Lists Respan's experiments, exports one experiment's traces to Parquet and CSV, streams a
Galileo export to JSON lines, syncs both services into a DuckDB database and queries one of
its views, and prints what it wrote: the quickstart's first command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .common import Bar, DebugOption, QuietOption, print_rows, session, stdout
from .respan import EXPERIMENT_COLUMNS


def demo(
    out: Annotated[
        Path, typer.Option("--out", help="The folder to write into (made if missing).")
    ] = Path("tracebridge-demo"),
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Run the main job against an embedded emulator: list, export, stream; no key needed."""
    with session(emulator=True, quiet=quiet, debug=debug) as s:
        from ..emulator.data import (  # the emulator extra, checked by session()
            GALILEO_LOG_STREAM_ID,
            GALILEO_PROJECT_ID,
            SEED_TRACE_EXPERIMENT,
        )

        out.mkdir(parents=True, exist_ok=True)
        s.note(f"tracebridge demo: an embedded emulator on {s.base_url}, files into {out}/")
        written: list[tuple[Path, int, int | None]] = []
        with s.respan() as rs:
            print_rows(
                rs.experiments.list().rows(), EXPERIMENT_COLUMNS, as_json=False,
                title="Respan experiments",
            )  # fmt: skip
            traces = rs.experiments.traces(SEED_TRACE_EXPERIMENT, concurrency=4)
            for name in ("traces.parquet", "traces.csv"):
                with Bar(f"{SEED_TRACE_EXPERIMENT} -> {name}", quiet=quiet) as bar:
                    result = traces.to_file(out / name, progress=bar, overwrite=True)
                written.append((result.path, result.rows, len(result.columns)))
        with s.galileo(GALILEO_PROJECT_ID) as gl:
            with Bar("galileo traces -> galileo-traces.jsonl", quiet=quiet) as bar:
                streamed = gl.export_records(
                    "trace", log_stream_id=GALILEO_LOG_STREAM_ID,
                    to=out / "galileo-traces.jsonl", progress=bar, overwrite=True,
                )  # fmt: skip
            written.append((streamed.path, streamed.rows, None))
        database = out / "tracebridge.duckdb"
        with s.respan() as rs, s.galileo(GALILEO_PROJECT_ID) as gl:
            synced = _sync_both(rs, gl, database, SEED_TRACE_EXPERIMENT, GALILEO_LOG_STREAM_ID)
        written.append((database, synced, None))
        table = Table(title="Written", title_justify="left")
        for column in ("file", "rows", "columns", "bytes"):
            table.add_column(
                column, justify="left" if column == "file" else "right", overflow="fold"
            )
        for path, rows, columns in written:
            size = path.stat().st_size
            table.add_row(
                str(path), f"{rows:,}", "" if columns is None else str(columns), f"{size:,}"
            )
        stdout.print(table)
        _show_usage(database)


USAGE_QUERY = (
    "SELECT source, experiment_id, traces, round(cost_usd, 4) AS cost_usd, "
    "round(p95_duration_ms) AS p95_duration_ms FROM usage_by_experiment ORDER BY 1, 2"
)


def _sync_both(rs: Any, gl: Any, database: Path, experiment: str, log_stream: str) -> int:
    """Sync an experiment's traces and a log stream's records; the traces the database holds."""
    from ..syncing import GalileoRecords, RespanExperimentTraces, sync

    sources: list[Any] = [
        RespanExperimentTraces(experiment),
        GalileoRecords("trace", log_stream_id=log_stream),
        GalileoRecords("span", log_stream_id=log_stream),
    ]
    sync(sources, str(database), respan=rs, galileo=gl)
    return int(_query(database, "SELECT count(*) FROM traces")[1][0][0])


def _query(database: Path, statement: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    from ..syncing.database import DuckDBTarget

    target = DuckDBTarget(database, read_only=True)
    target.open()
    try:
        return target.query(statement)
    finally:
        target.close()


def _show_usage(database: Path) -> None:
    """What `tracebridge sql` prints for one of the synced database's views."""
    names, rows = _query(database, USAGE_QUERY)
    table = Table(
        title=f"tracebridge sql --to {database} (usage_by_experiment)", title_justify="left"
    )
    for name in names:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row))
    stdout.print(table)
