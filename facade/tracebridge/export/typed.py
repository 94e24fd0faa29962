"""Parquet made while the pages arrive, not after.

A Parquet file needs every column's type before its first row group, and a column's type is
known only when the last page has been seen (a column of integers can turn out to hold text on
the last page). So an export keeps its rows as JSON lines and writes the file at the end; for
a stream, that leaves half the work for after the last byte arrived. Here each page is also
turned into an Arrow batch as it comes, with the types its own values say, and kept in a work
folder. At the end, when every batch fits the file's final types exactly (a column absent or
all null in a page, whole numbers in a column of decimals), the file is written from the
batches in Arrow; otherwise (a column whose kinds mixed, a value JSON lines had to replace)
the JSON lines path writes it as before. Both give the same file.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .._optional import require
from .arrow import BATCH_ROWS, ArrowLayout
from .flatten import Columns


class TypedPages:
    """The pages of one Parquet export as Arrow batches in `folder`, one file a page."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pages = 0
        self.usable = True

    def add(
        self,
        flats: Sequence[Mapping[str, Any]],
        seen: Columns,
        values: Mapping[str, list[Any]] | None = None,
    ) -> None:
        """Keep a page, typed as its own values say (`seen`: this page's kinds; `values`:
        its columns' values, when `Columns.see_rows` took them already)."""
        if not self.usable or not flats:
            return
        pa = require("pyarrow", "parquet")
        try:
            layout = ArrowLayout(sorted(seen.kinds), seen)
            batch = layout.batch(list(flats), values)
            self.folder.mkdir(exist_ok=True)
            path = self.folder / f"{self.pages:09d}.arrow"
            with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, batch.schema) as out:
                out.write_batch(batch)
            self.pages += 1
        except (ValueError, TypeError, OverflowError, UnicodeError, OSError, pa.ArrowException):
            self.give_up()  # the JSON lines path will write the file

    def give_up(self) -> None:
        self.usable = False
        self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def write(self, path: Path, columns: list[str], seen: Columns) -> bool:
        """Write the Parquet file from the batches when each fits the final types; False
        (nothing written) when one does not."""
        if not self.usable:
            return False
        pa = require("pyarrow", "parquet")
        parquet = require("pyarrow.parquet", "parquet")
        schema = ArrowLayout(columns, seen).schema
        pool = pa.default_memory_pool()
        try:
            with parquet.ParquetWriter(str(path), schema) as writer:
                # Row groups of BATCH_ROWS rows, as the JSON lines path writes them: the same
                # rows give the same bytes whichever path wrote them (a resumed export
                # takes the other one).
                held: list[Any] = []
                count = 0
                for index in range(self.pages):
                    batch = _read(pa, self.folder / f"{index:09d}.arrow")
                    fitted = _fitted(pa, batch, schema)
                    if fitted is None:
                        raise _DoesNotFit
                    held.append(fitted)
                    count += fitted.num_rows
                    if count >= BATCH_ROWS:
                        held, count = _row_groups(pa, writer, held, schema, final=False)
                        pool.release_unused()
                _row_groups(pa, writer, held, schema, final=True)
        except _DoesNotFit:
            path.unlink(missing_ok=True)
            return False
        return True


class _DoesNotFit(Exception):
    pass


def _row_groups(
    pa: Any, writer: Any, held: list[Any], schema: Any, *, final: bool
) -> tuple[list[Any], int]:
    """Write the held rows in groups of BATCH_ROWS; keep the rest unless `final`."""
    if not held:
        return [], 0
    table = pa.Table.from_batches(held, schema=schema).combine_chunks()
    start = 0
    while table.num_rows - start >= BATCH_ROWS or (final and start < table.num_rows):
        piece = table.slice(start, BATCH_ROWS)
        writer.write_batch(piece.to_batches()[0])
        start += piece.num_rows
    rest = table.slice(start)
    return rest.to_batches(), rest.num_rows


def _read(pa: Any, path: Path) -> Any:
    with pa.OSFile(str(path), "rb") as source:  # read into memory: the batch outlives the file
        return pa.ipc.open_file(source).get_batch(0)


def _fitted(pa: Any, batch: Any, schema: Any) -> Any:
    """The batch with the file's columns and types, or None when a column's values would
    not be what the JSON lines path writes."""
    names = batch.schema.names
    arrays = []
    for field in schema:
        if field.name not in names:
            arrays.append(pa.nulls(batch.num_rows, field.type))
            continue
        column = batch.column(names.index(field.name))
        if column.type == field.type:
            arrays.append(column)
        elif column.null_count == len(column):
            arrays.append(pa.nulls(batch.num_rows, field.type))
        elif pa.types.is_integer(column.type) and pa.types.is_floating(field.type):
            arrays.append(column.cast(field.type))
        else:
            return None
    return pa.RecordBatch.from_arrays(arrays, schema=schema)
