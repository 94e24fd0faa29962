"""Flat rows to Arrow: one type per column from the kinds of value it held.

    int -> int64; int and float -> float64; any integer past int64 -> string of its digits;
    bool -> bool; a documented date-time field whose
    values all read as ISO 8601 -> timestamp[us, UTC]; text -> string; anything mixed,
    lists and other JSON -> string holding JSON text; a column that was always null ->
    string (all null).

pyarrow is imported only here, when a Parquet file or a DataFrame is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from .._optional import require
from .arrow_rows import record_batch
from .flatten import (
    BIGINT,
    BOOL,
    DATETIME,
    FLOAT,
    INT,
    NULL,
    STR,
    Columns,
    as_text,
    parse_datetime,
)

BATCH_ROWS = 2_000


def pyarrow(extra: str = "parquet") -> Any:
    return require("pyarrow", extra)


def _type_and_cell(pa: Any, kinds: set[str]) -> tuple[Any, Any]:
    """The Arrow type for a column and the function that turns one value into its cell."""
    present = kinds - {NULL}
    if BIGINT in present and present <= {INT, BIGINT, FLOAT}:
        return pa.string(), _text
    if present == {BOOL}:
        return pa.bool_(), _same
    if present == {INT}:
        return pa.int64(), _same
    if present and present <= {INT, FLOAT}:
        return pa.float64(), _float
    if present == {DATETIME}:
        return pa.timestamp("us", tz="UTC"), _moment
    if present == {STR} or present <= {STR, DATETIME}:
        return pa.string(), _same
    return pa.string(), _text


def _same(value: Any) -> Any:
    return value


def _float(value: Any) -> Any:
    return None if value is None else float(value)


def _moment(value: Any) -> Any:
    if value is None or isinstance(value, datetime):  # read already (Columns.see_rows)
        return value
    return parse_datetime(value)


def _text(value: Any) -> Any:
    return None if value is None else as_text(value)


class ArrowLayout:
    """The schema for a set of columns, and how to make record batches of flat rows."""

    def __init__(self, columns: list[str], seen: Columns, extra: str = "parquet"):
        pa = self.pa = pyarrow(extra)
        self.columns = columns
        types, self.cells = [], []
        for name in columns:
            arrow_type, cell = _type_and_cell(pa, seen.kinds.get(name, {NULL}))
            types.append(pa.field(name, arrow_type))
            self.cells.append(cell)
        self.schema = pa.schema(types)
        # The Python step each column's values need first (text for JSON, datetimes parsed).
        self.convert = {
            name: cell
            for name, cell in zip(columns, self.cells, strict=True)
            if cell not in (_same, _float)
        }

    def batch(
        self, rows: list[Mapping[str, Any]], values: Mapping[str, list[Any]] | None = None
    ) -> Any:
        return record_batch(self.pa, rows, self.schema, self.convert, values)

    def batches(self, rows: Iterable[Mapping[str, Any]]) -> Iterator[Any]:
        chunk: list[Mapping[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= BATCH_ROWS:
                yield self.batch(chunk)
                chunk = []
        if chunk:
            yield self.batch(chunk)

    def table(self, rows: Iterable[Mapping[str, Any]]) -> Any:
        return self.pa.Table.from_batches(list(self.batches(rows)), schema=self.schema)
