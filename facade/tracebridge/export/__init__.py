"""Exports: pages -> flat rows -> CSV, JSONL, Parquet, XLSX files or Arrow/pandas/polars."""

from .files import FORMAT_NAMES, FORMATS
from .flatten import RowSchema, flatten
from .pipeline import (
    ExportOptions,
    ExportResult,
    Progress,
    aexport_pager,
    export_pager,
    write_rows,
)

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "ExportOptions",
    "ExportResult",
    "Progress",
    "RowSchema",
    "aexport_pager",
    "export_pager",
    "flatten",
    "write_rows",
]
