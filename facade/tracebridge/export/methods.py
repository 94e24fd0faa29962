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
    schema: str | None  # "common": the common schema's tables (docs/schema.md)
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


def _each(made: Any, convert: Any) -> Any:
    """A table converted, or each table of a common-schema dict."""
    if isinstance(made, dict):
        return {name: convert(table) for name, table in made.items()}
    return convert(made)


def _origin(pager: Any, schema: str) -> Any:
    from ..schema import check_common

    return check_common(schema, pager.export_source().schema.origin)


def common_arrow(pager: Any, schema: str, rows: Any, extra: str) -> dict[str, Any]:
    """A listing's rows as the common schema's Arrow tables."""
    origin = _origin(pager, schema)
    require("pyarrow", extra)
    from ..schema import common_rows
    from ..schema.write import to_arrow

    return to_arrow(common_rows(rows, origin))


def common_export(
    pager: Any,
    path: str | os.PathLike[str],
    format: str | None,
    options: ExportKeywords,
    rows: Any = None,
) -> Any:
    """A listing's rows written in the common schema (see `tracebridge.schema`)."""
    from ..errors import ConfigError

    origin = _origin(pager, str(options.get("schema")))
    refused = [name for name in ("columns", "resume") if options.get(name)]
    if options.get("flatten") is False:
        refused.append("flatten")
    if refused:
        raise ConfigError(
            f"{', '.join(refused)} do not go with schema='common' (its tables have fixed "
            "columns and are written afresh)"
        )
    from ..schema import common_rows, file_stem
    from ..schema.write import write_common, write_otlp

    pairs = common_rows(pager.rows() if rows is None else rows, origin)
    overwrite = bool(options.get("overwrite"))
    if format == "otlp":
        return write_otlp(pairs, path, source=origin.source, overwrite=overwrite)
    listing = pager.export_source().listing
    stem = file_stem(origin, listing.identity() if listing is not None else None)
    return write_common(
        pairs, path, format=format, stem=stem, overwrite=overwrite,
        progress=options.get("progress"),
    )  # fmt: skip


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
        `output` for what is guaranteed about the file. `schema="common"` writes the common
        schema's tables instead: into the folder `path` (one file per table), one XLSX
        with a sheet per table, or (`format="otlp"`) OTLP/JSON; see `tracebridge.schema`."""
        if options.get("schema") is not None:
            return common_export(self, path, format, options)  # type: ignore[no-any-return]
        from .pipeline import ExportOptions, export_pager

        native: Any = {key: value for key, value in options.items() if key != "schema"}
        return export_pager(cast("Exportable", self), ExportOptions(path, format, **native))

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
        self,
        *,
        columns: Sequence[str] | None = None,
        flatten: bool = True,
        extra: str = "parquet",
        schema: str | None = None,
    ) -> Any:
        """Every row as a pyarrow Table (the Parquet export's columns and types); with
        `schema="common"`, a dict of the common schema's tables (spans, traces, scores)."""
        if schema is not None:
            return common_arrow(self, schema, self.rows(), extra)  # type: ignore[attr-defined]
        from .pipeline import frame_rows

        rows = self.rows()  # type: ignore[attr-defined]
        return frame_rows(rows, _schema(self), columns=columns, flat=flatten, extra=extra)

    def to_pandas(
        self,
        *,
        columns: Sequence[str] | None = None,
        flatten: bool = True,
        schema: str | None = None,
    ) -> Any:
        """Every row as a pandas DataFrame, built from Arrow (a dict of them, one a table,
        with `schema="common"`)."""
        require("pandas", "pandas")  # named before any request
        table = self.to_arrow(columns=columns, flatten=flatten, extra="pandas", schema=schema)
        return _each(table, to_pandas)

    def to_polars(
        self,
        *,
        columns: Sequence[str] | None = None,
        flatten: bool = True,
        schema: str | None = None,
    ) -> Any:
        """Every row as a polars DataFrame, built from Arrow (a dict of them, one a table,
        with `schema="common"`)."""
        polars = require("polars", "polars")
        table = self.to_arrow(columns=columns, flatten=flatten, extra="polars", schema=schema)
        return _each(table, polars.from_arrow)


class AsyncExports:
    """Files and DataFrames from an `AsyncPager` (awaitables)."""

    async def to_file(
        self,
        path: str | os.PathLike[str],
        *,
        format: str | None = None,
        **options: Unpack[ExportKeywords],
    ) -> ExportResult:
        if options.get("schema") is not None:
            _origin(self, str(options["schema"]))  # checked before any request
            # The file writers block: an asyncio listing's rows are gathered, then written.
            rows = [row async for row in self.rows()]  # type: ignore[attr-defined]
            return common_export(self, path, format, options, rows)  # type: ignore[no-any-return]
        from .pipeline import ExportOptions, aexport_pager

        native: Any = {key: value for key, value in options.items() if key != "schema"}

        return await aexport_pager(
            cast("AsyncExportable", self), ExportOptions(path, format, **native)
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
        self,
        *,
        columns: Sequence[str] | None = None,
        flatten: bool = True,
        extra: str = "parquet",
        schema: str | None = None,
    ) -> Any:
        """As `Pager.to_arrow`."""
        if schema is not None:
            _origin(self, schema)  # checked before any request
        rows = [row async for row in self.rows()]  # type: ignore[attr-defined]
        if schema is not None:
            return common_arrow(self, schema, rows, extra)
        from .pipeline import frame_rows

        return frame_rows(rows, _schema(self), columns=columns, flat=flatten, extra=extra)

    async def to_pandas(
        self,
        *,
        columns: Sequence[str] | None = None,
        flatten: bool = True,
        schema: str | None = None,
    ) -> Any:
        """As `Pager.to_pandas`."""
        require("pandas", "pandas")  # named before any request
        table = await self.to_arrow(columns=columns, flatten=flatten, extra="pandas", schema=schema)
        return _each(table, to_pandas)

    async def to_polars(
        self,
        *,
        columns: Sequence[str] | None = None,
        flatten: bool = True,
        schema: str | None = None,
    ) -> Any:
        """As `Pager.to_polars`."""
        polars = require("polars", "polars")
        table = await self.to_arrow(columns=columns, flatten=flatten, extra="polars", schema=schema)
        return _each(table, polars.from_arrow)
