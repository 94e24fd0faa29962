"""`tracebridge demo`: the main job end to end against an embedded emulator, into a folder.

Lists Respan's experiments, exports one experiment's traces to Parquet and CSV, streams a
Galileo export to JSON lines, and prints what it wrote: the quickstart's first command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
