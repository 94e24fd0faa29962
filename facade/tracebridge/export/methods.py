"""The writers as pager methods: `pager.to_parquet(path)`, `await apager.to_csv(path)`, ...

    traces.to_parquet("t.parquet", columns=["id", "total_cost", "scores"], resume=True)
    frame = traces.to_pandas()

Files stream with flat memory (see `pipeline`); DataFrames hold the rows, so they are for
what fits in memory. Both share the flattening and the Arrow types of the Parquet export.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict, Unpack, cast

from .._optional import require
from .flatten import RowSchema

if TYPE_CHECKING:  # the pipeline (and its writers) load with the first export
    from .pipeline import ExportResult, Progress
    from .source import AsyncExportable, Exportable


class ExportKeywords(TypedDict, total=False):
    columns: Sequence[str] | None  # only these, in this order (`scores` takes all scores.*)
    flatten: bool  # nested objects to dotted columns (False: kept as objects / JSON text)
    resume: bool  # continue an interrupted export from its checkpoint
    overwrite: bool  # replace a file already at the path (else ConfigError before any request)
    progress: Progress | None


def _schema(pager: Any) -> RowSchema:
    schema: RowSchema = pager.export_source().schema
    return schema


def to_pandas(table: Any) -> Any:
    """An Arrow table as a DataFrame whose booleans and integers stay booleans and integers
    where values are missing (pandas' nullable `boolean` and `Int64`, not object or float)."""
    pandas = require("pandas", "pandas")
    pyarrow = require("pyarrow", "pandas")

    nullable = {pyarrow.bool_(): pandas.BooleanDtype(), pyarrow.int64(): pandas.Int64Dtype()}
    return table.to_pandas(types_mapper=nullable.get)


class Exports:
    """Files and DataFrames from a blocking `Pager`."""

    def to_file(
        self,
        path: str | os.PathLike[str],
        *,
        format: str | None = None,
        **options: Unpack[ExportKeywords],
    ) -> ExportResult:
        """Export every row to `path` (a file, `-` for standard output, a device or a pipe),
        the format from `format` or the file's suffix.

        `columns` keeps some columns in that order, `flatten=False` keeps objects whole,
        `resume=True` continues an interrupted export, `overwrite=True` replaces a file
        already there, `progress` is told the total and each page. See `pipeline` and
        `output` for what is guaranteed about the file."""
        from .pipeline import ExportOptions, export_pager

        return export_pager(cast("Exportable", self), ExportOptions(path, format, **options))

    def to_csv(
        self, path: str | os.PathLike[str], **options: Unpack[ExportKeywords]
    ) -> ExportResult:
        """Export every row to `path` as CSV; options as for `to_file`."""
        return self.to_file(path, format="csv", **options)

    def to_jsonl(
        self, path: str | os.PathLike[str], **options: Unpack[ExportKeywords]
    ) -> ExportResult:
        """Export every row to `path` as JSON lines; options as for `to_file`."""
        return self.to_file(path, format="jsonl", **options)

    def to_parquet(
        self, path: str | os.PathLike[str], **options: Unpack[ExportKeywords]
    ) -> ExportResult:
        """Export every row to `path` as Parquet; options as for `to_file`."""
        return self.to_file(path, format="parquet", **options)

    def to_xlsx(
        self, path: str | os.PathLike[str], **options: Unpack[ExportKeywords]
    ) -> ExportResult:
        """Export every row to `path` as XLSX; options as for `to_file`."""
        return self.to_file(path, format="xlsx", **options)

    def to_arrow(
        self, *, columns: Sequence[str] | None = None, flatten: bool = True, extra: str = "parquet"
    ) -> Any:
        """Every row as a pyarrow Table (the Parquet export's columns and types)."""
        from .pipeline import frame_rows

        rows = self.rows()  # type: ignore[attr-defined]
        return frame_rows(rows, _schema(self), columns=columns, flat=flatten, extra=extra)

    def to_pandas(self, *, columns: Sequence[str] | None = None, flatten: bool = True) -> Any:
        """Every row as a pandas DataFrame, built from Arrow."""
        require("pandas", "pandas")  # named before any request
        table = self.to_arrow(columns=columns, flatten=flatten, extra="pandas")
        return to_pandas(table)

    def to_polars(self, *, columns: Sequence[str] | None = None, flatten: bool = True) -> Any:
        """Every row as a polars DataFrame, built from Arrow."""
        polars = require("polars", "polars")
        return polars.from_arrow(self.to_arrow(columns=columns, flatten=flatten, extra="polars"))


class AsyncExports:
    """Files and DataFrames from an `AsyncPager` (awaitables)."""

    async def to_file(
        self,
        path: str | os.PathLike[str],
        *,
        format: str | None = None,
        **options: Unpack[ExportKeywords],
    ) -> ExportResult:
        from .pipeline import ExportOptions, aexport_pager

        return await aexport_pager(
            cast("AsyncExportable", self), ExportOptions(path, format, **options)
        )

    async def to_csv(
        self, path: str | os.PathLike[str], **options: Unpack[ExportKeywords]
    ) -> ExportResult:
        """Export every row to `path` as CSV; options as for `to_file`."""
        return await self.to_file(path, format="csv", **options)

    async def to_jsonl(
        self, path: str | os.PathLike[str], **options: Unpack[ExportKeywords]
    ) -> ExportResult:
        """Export every row to `path` as JSON lines; options as for `to_file`."""
        return await self.to_file(path, format="jsonl", **options)

    async def to_parquet(
        self, path: str | os.PathLike[str], **options: Unpack[ExportKeywords]
    ) -> ExportResult:
        """Export every row to `path` as Parquet; options as for `to_file`."""
        return await self.to_file(path, format="parquet", **options)

    async def to_xlsx(
        self, path: str | os.PathLike[str], **options: Unpack[ExportKeywords]
    ) -> ExportResult:
        """Export every row to `path` as XLSX; options as for `to_file`."""
        return await self.to_file(path, format="xlsx", **options)

    async def to_arrow(
        self, *, columns: Sequence[str] | None = None, flatten: bool = True, extra: str = "parquet"
    ) -> Any:
        from .pipeline import frame_rows

        rows = [row async for row in self.rows()]  # type: ignore[attr-defined]
        return frame_rows(rows, _schema(self), columns=columns, flat=flatten, extra=extra)

    async def to_pandas(self, *, columns: Sequence[str] | None = None, flatten: bool = True) -> Any:
        require("pandas", "pandas")  # named before any request
        table = await self.to_arrow(columns=columns, flatten=flatten, extra="pandas")
        return to_pandas(table)

    async def to_polars(self, *, columns: Sequence[str] | None = None, flatten: bool = True) -> Any:
        polars = require("polars", "polars")
        return polars.from_arrow(
            await self.to_arrow(columns=columns, flatten=flatten, extra="polars")
        )
