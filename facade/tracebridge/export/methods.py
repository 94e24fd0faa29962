"""The writers as pager methods: `pager.to_parquet(path)`, `await apager.to_csv(path)`, ...

    traces.to_parquet("t.parquet", columns=["id", "total_cost", "scores"], resume=True)
    frame = traces.to_pandas()

Files stream with flat memory (see `pipeline`); DataFrames hold the rows, so they are for
what fits in memory. Both share the flattening and the Arrow types of the Parquet export.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, TypedDict

from typing_extensions import Unpack

from .._optional import require
from .flatten import RowSchema
from .pipeline import ExportOptions, ExportResult, Progress, aexport_pager, export_pager, frame_rows


class ExportKeywords(TypedDict, total=False):
    columns: Sequence[str] | None  # only these, in this order (`scores` takes all scores.*)
    flatten: bool  # nested objects to dotted columns (False: kept as objects / JSON text)
    resume: bool  # continue an interrupted export from its checkpoint
    overwrite: bool  # replace a file already at the path (else ConfigError before any request)
    progress: Progress | None


def _schema(pager: Any) -> RowSchema:
    return pager.source.schema if pager.source is not None else RowSchema()


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
        return export_pager(self, ExportOptions(path, format, **options))

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
        rows = self.rows()  # type: ignore[attr-defined]
        return frame_rows(rows, _schema(self), columns=columns, flat=flatten, extra=extra)

    def to_pandas(self, *, columns: Sequence[str] | None = None, flatten: bool = True) -> Any:
        """Every row as a pandas DataFrame, built from Arrow."""
        require("pandas", "pandas")
        return self.to_arrow(columns=columns, flatten=flatten, extra="pandas").to_pandas()

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
        return await aexport_pager(self, ExportOptions(path, format, **options))

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
        rows = [row async for row in self.rows()]  # type: ignore[attr-defined]
        return frame_rows(rows, _schema(self), columns=columns, flat=flatten, extra=extra)

    async def to_pandas(self, *, columns: Sequence[str] | None = None, flatten: bool = True) -> Any:
        require("pandas", "pandas")
        table = await self.to_arrow(columns=columns, flatten=flatten, extra="pandas")
        return table.to_pandas()

    async def to_polars(self, *, columns: Sequence[str] | None = None, flatten: bool = True) -> Any:
        polars = require("polars", "polars")
        return polars.from_arrow(
            await self.to_arrow(columns=columns, flatten=flatten, extra="polars")
        )
