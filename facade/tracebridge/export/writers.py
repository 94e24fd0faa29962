"""The file formats: each writes an iterator of flat rows to a path with flat memory.

- CSV: a header line, then one line per row (text cells: empty for null, true/false, JSON
  for lists).
- JSONL: one strict JSON object per line, as the rows are (see `values`).
- Parquet: record batches of 10,000 rows through pyarrow's ParquetWriter, typed as `arrow`
  describes; integers past int64 are decimal text (a string column), never an overflow.
- XLSX: xlsxwriter in constant-memory mode, typed cells, date-times as UTC Excel dates, a
  new sheet every 1,048,575 rows (the format's limit less the header); text is never read
  as a formula; numbers past Excel's 15 digits are text.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .._optional import require
from .arrow import ArrowLayout
from .flatten import DATETIME, Columns, as_text, parse_datetime
from .values import encoded_lines

Rows = Iterable[Mapping[str, Any]]
XLSX_ROWS_PER_SHEET = 1_048_575
Writer = Callable[[Path, Rows, list[str], Columns], None]


def write_csv(path: Path, rows: Rows, columns: list[str], seen: Columns) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        out = csv.writer(file)
        out.writerow(columns)
        for row in rows:
            out.writerow([as_text(row.get(name)) for name in columns])


def write_jsonl(path: Path, rows: Rows, columns: list[str], seen: Columns) -> None:
    with path.open("wb") as file:
        for row in rows:
            file.write(encoded_lines([{name: row.get(name) for name in columns}])[0])


def write_parquet(path: Path, rows: Rows, columns: list[str], seen: Columns) -> None:
    layout = ArrowLayout(columns, seen)
    parquet = require("pyarrow.parquet", "parquet")
    pool = layout.pa.default_memory_pool()
    with parquet.ParquetWriter(str(path), layout.schema) as writer:
        for batch in layout.batches(rows):
            writer.write_batch(batch)
            pool.release_unused()  # memory stays flat: freed buffers go back


def write_xlsx(
    path: Path,
    rows: Rows,
    columns: list[str],
    seen: Columns,
    rows_per_sheet: int = XLSX_ROWS_PER_SHEET,
) -> None:
    xlsxwriter = require("xlsxwriter", "xlsx")
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    bold = workbook.add_format({"bold": True})
    when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss.000"})
    dated = {i for i, name in enumerate(columns) if seen.kinds.get(name, set()) & {DATETIME}}

    title = sheet_title(path)
    sheets: list[Any] = []

    def new_sheet() -> Any:
        name = title if not sheets else f"{title[:27]} {len(sheets) + 1}"
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, columns, bold)
        sheet.freeze_panes(1, 0)  # the header stays in view
        sheets.append(sheet)
        return sheet

    def finish(sheet: Any, line: int) -> None:
        if columns:
            sheet.autofilter(0, 0, line, len(columns) - 1)  # a filter on every column

    sheet, line = new_sheet(), 0
    try:
        for row in rows:
            if line == rows_per_sheet:
                finish(sheet, line)
                sheet, line = new_sheet(), 0
            line += 1
            for index, name in enumerate(columns):
                _write_cell(sheet, line, index, row.get(name), index in dated, when)
        finish(sheet, line)
    finally:
        workbook.close()


def sheet_title(path: Path) -> str:
    """The sheet's name from the file's (`.traces.xlsx.part`, a work file, gives `traces`;
    Excel allows 31 characters, none of []:*?/\\)."""
    stem = path.name.lstrip(".").split(".")[0] or "rows"
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in stem).strip("'") or "rows"
    return cleaned[:31]


def _write_cell(sheet: Any, line: int, index: int, value: Any, dated: bool, when: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(line, index, value)
    elif _excel_number(value):
        sheet.write_number(line, index, value)
    elif dated and isinstance(value, str) and (moment := parse_datetime(value)) is not None:
        sheet.write_datetime(line, index, moment.replace(tzinfo=None), when)
    else:
        sheet.write_string(line, index, as_text(value))


def _excel_number(value: Any) -> bool:
    """Whether Excel holds the number exactly (15 digits); else it is written as text."""
    if isinstance(value, int):
        return abs(value) < 10**15
    return isinstance(value, float) and math.isfinite(value) and abs(value) < 1e15


WRITERS: dict[str, Writer] = {
    "csv": write_csv,
    "jsonl": write_jsonl,
    "parquet": write_parquet,
    "xlsx": write_xlsx,
}
# Which optional module each format needs, checked before an export starts.
NEEDS: dict[str, tuple[str, str]] = {
    "parquet": ("pyarrow", "parquet"),
    "xlsx": ("xlsxwriter", "xlsx"),
}
