"""The common schema's tables to files: a folder with a subfolder per table holding one file
per export (`<folder>/<table>/<source>-<what>.<ext>`, CSV, JSON lines or Parquet), one XLSX
with a sheet per table, or Arrow tables in memory. `<what>` is a digest of what was asked, so
exports of other experiments, runs or filters sit side by side (`read_parquet('out/traces/*')`
reads them all) and the same export again replaces only its own files (with overwrite).

Each file is written under a hidden name beside its final one and renamed into place when
every table is whole, so a failed export leaves the files that were there as they were.
Parquet is written for every reader to take without casts: UTC timestamps in microseconds,
no unsigned or nested types, JSON as text, and the schema's version in the file's metadata.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .._optional import require
from ..errors import ConfigError, ExportValueError, ExportWriteError
from ..export.arrow_rows import record_batch, table_of
from ..export.files import format_for
from ..export.flatten import as_text
from ..export.values import XLSX_MAX_TEXT
from .tables import (
    BOOLEAN,
    INSTANT,
    INTEGER,
    NUMBER,
    OPENINFERENCE_VERSION,
    OTEL_SEMCONV_VERSION,
    SCHEMA_VERSION,
    TABLES,
    columns,
)

Row = dict[str, Any]
BATCH = 1_000
SUFFIXES = {"csv": ".csv", "jsonl": ".jsonl", "parquet": ".parquet"}


@dataclass(frozen=True)
class CommonResult:
    """What a common-schema export wrote: rows per table, and the files."""

    path: Path
    format: str
    rows: dict[str, int]
    files: list[Path] = field(default_factory=list)


def arrow_schema(table: str, pa: Any) -> Any:
    types = {
        INTEGER: pa.int64(),
        NUMBER: pa.float64(),
        BOOLEAN: pa.bool_(),
        INSTANT: pa.timestamp("us", tz="UTC"),
    }
    fields = [pa.field(name, types.get(kind, pa.string())) for name, kind in TABLES[table]]
    metadata = {
        "tracebridge.schema": "common",
        "tracebridge.schema_version": SCHEMA_VERSION,
        "tracebridge.table": table,
        "otel.semconv_version": OTEL_SEMCONV_VERSION,
        "openinference.semconv_version": OPENINFERENCE_VERSION,
    }
    return pa.schema(fields, metadata=metadata)


def to_arrow(pairs: Iterable[tuple[str, Row]]) -> dict[str, Any]:
    """The three tables as pyarrow Tables (every table, empty or not)."""
    pa = require("pyarrow", "parquet")
    kept: dict[str, list[Row]] = {table: [] for table in TABLES}
    for table, row in pairs:
        kept[table].append(row)
    return {table: table_of(pa, rows, arrow_schema(table, pa)) for table, rows in kept.items()}


def targets(
    path: str | os.PathLike[str], format: str | None, stem: str
) -> tuple[str, dict[str, Path]]:
    """The format and each table's file: `<folder>/<table>/<stem>.<ext>`, or one XLSX."""
    target = Path(os.fspath(path))
    chosen = _format(target, format)
    if chosen == "xlsx":
        return chosen, {table: target for table in TABLES}
    if target.suffix and target.suffix.lower() in (".csv", ".jsonl", ".parquet", ".ndjson"):
        raise ConfigError(
            f"a common-schema export writes one file per table into a folder: give a folder, "
            f"not {str(target)!r} (or an .xlsx file, for a sheet per table)"
        )
    return chosen, {table: target / table / f"{stem}{SUFFIXES[chosen]}" for table in TABLES}


def _format(target: Path, format: str | None) -> str:
    if format is not None or target.suffix.lower() == ".xlsx":
        chosen = format_for(target, format)
    else:
        chosen = "parquet"  # a folder names no format: Parquet, for the query engines
    return chosen


def check_targets(files: dict[str, Path], overwrite: bool) -> None:
    """Refuse, before any request, files already there (unless overwrite) or a folder path
    that is a file."""
    for path in set(files.values()):
        folder = path.parent
        if folder.exists() and not folder.is_dir():
            raise ConfigError(f"{str(folder)!r} is a file, not a folder for the tables")
        if path.exists() and not overwrite:
            raise ConfigError(
                f"{str(path)!r} is already there; pass overwrite=True (--force) to replace it"
            )


def write_common(
    pairs: Iterable[tuple[str, Row]],
    path: str | os.PathLike[str],
    *,
    format: str | None,
    stem: str,
    overwrite: bool = False,
    progress: Any = None,
) -> CommonResult:
    """Write the (table, row) pairs of `common_rows` as files named `stem` (see the module's
    docstring; `schema.file_stem` makes one)."""
    chosen, files = targets(path, format, stem)
    check_targets(files, overwrite)
    for file in files.values():
        file.parent.mkdir(parents=True, exist_ok=True)
    parts = {table: file.with_name(f".{file.name}.part") for table, file in files.items()}
    counts = {table: 0 for table in TABLES}
    if progress is not None:
        progress.started(None, 0)
    try:
        with _writers(chosen, parts) as sinks:
            for table, row in pairs:
                sinks[table](row)
                counts[table] += 1
                if progress is not None and counts[table] % 1000 == 0:
                    progress.advanced(1000)
        for table, part in parts.items():
            if part.exists():
                os.replace(part, files[table])
    except BaseException as exc:
        for part in parts.values():
            part.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, ConfigError):
            raise ExportWriteError(f"could not write {os.fspath(path)!r}: {exc}") from None
        raise
    written = sorted(set(files.values()))
    return CommonResult(Path(os.fspath(path)), chosen, counts, written)


def write_otlp(
    pairs: Iterable[tuple[str, Row]],
    path: str | os.PathLike[str],
    *,
    source: str,
    overwrite: bool = False,
) -> CommonResult:
    """The tables as OTLP/JSON lines in one file (see `otlp`), under its name when whole."""
    from .otlp import lines

    target = Path(os.fspath(path))
    check_targets({"otlp": target}, overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    counts = {table: 0 for table in TABLES}

    def counted() -> Iterator[tuple[str, Row]]:
        for table, row in pairs:
            counts[table] += 1
            yield table, row

    try:
        with part.open("wb") as file:
            for line in lines(counted(), source):
                file.write(line)
        os.replace(part, target)
    except BaseException as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ExportWriteError(f"could not write {str(target)!r}: {exc}") from None
        raise
    return CommonResult(target, "otlp", counts, [target])


@contextlib.contextmanager
def _writers(chosen: str, parts: dict[str, Path]) -> Iterator[dict[str, Any]]:
    with contextlib.ExitStack() as stack:
        if chosen == "xlsx":
            yield stack.enter_context(_xlsx(next(iter(parts.values()))))
        else:
            make = {"csv": _csv, "jsonl": _jsonl, "parquet": _parquet}[chosen]
            yield {table: stack.enter_context(make(table, part)) for table, part in parts.items()}


def _instant(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    return value


@contextlib.contextmanager
def _csv(table: str, path: Path) -> Iterator[Any]:
    names = columns(table)
    with path.open("w", newline="", encoding="utf-8") as file:
        out = csv.writer(file)
        out.writerow(names)

        def add(row: Row) -> None:
            out.writerow([_cell(row.get(name)) for name in names])

        yield add


def _cell(value: Any) -> str:
    """A CSV cell as the native exports write one (`as_text`), instants as ISO 8601 UTC."""
    return as_text(_instant(value))


@contextlib.contextmanager
def _jsonl(table: str, path: Path) -> Iterator[Any]:
    names = columns(table)
    with path.open("w", encoding="utf-8") as file:

        def add(row: Row) -> None:
            line = {name: _instant(row.get(name)) for name in names}
            file.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")

        yield add


@contextlib.contextmanager
def _parquet(table: str, path: Path) -> Iterator[Any]:
    pa = require("pyarrow", "parquet")
    parquet = require("pyarrow.parquet", "parquet")
    schema = arrow_schema(table, pa)
    pool = pa.default_memory_pool()
    batch: list[Row] = []
    with parquet.ParquetWriter(str(path), schema) as writer:

        def flush() -> None:
            if batch:
                writer.write_batch(record_batch(pa, batch, schema))
                batch.clear()
                pool.release_unused()  # memory stays flat: freed buffers go back

        def add(row: Row) -> None:
            batch.append(row)
            if len(batch) >= BATCH:
                flush()

        yield add
        flush()


@contextlib.contextmanager
def _xlsx(path: Path) -> Iterator[dict[str, Any]]:
    xlsxwriter = require("xlsxwriter", "xlsx")
    book = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    header = book.add_format({"bold": True})
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss.000"})
    sinks: dict[str, Any] = {}
    for table in TABLES:
        names = columns(table)
        sheet = book.add_worksheet(table)
        sheet.write_row(0, 0, names, header)
        sheet.freeze_panes(1, 0)
        sinks[table] = _xlsx_rows(sheet, names, when)
    try:
        yield {table: sink.add for table, sink in sinks.items()}
        for sink in sinks.values():
            sink.close()
    finally:
        book.close()


class _xlsx_rows:
    def __init__(self, sheet: Any, names: list[str], when: Any):
        self.sheet, self.names, self.when, self.line = sheet, names, when, 0

    def add(self, row: Row) -> None:
        self.line += 1
        for index, name in enumerate(self.names):
            value = row.get(name)
            if value is None:
                continue
            if isinstance(value, datetime):
                self.sheet.write_datetime(self.line, index, value.replace(tzinfo=None), self.when)
            elif isinstance(value, bool):
                self.sheet.write_boolean(self.line, index, value)
            elif isinstance(value, (int, float)):
                self.sheet.write_number(self.line, index, value)
            else:
                text = str(value)
                if len(text) > XLSX_MAX_TEXT:
                    raise ExportValueError(
                        f"a value of column {name!r} is longer than the {XLSX_MAX_TEXT:,} "
                        "characters an XLSX cell holds; export to Parquet, CSV or JSON lines"
                    )
                self.sheet.write_string(self.line, index, text)

    def close(self) -> None:
        self.sheet.autofilter(0, 0, max(self.line, 1), len(self.names) - 1)
