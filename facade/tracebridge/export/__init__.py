"""Exports: pages -> flat rows -> CSV, JSONL, Parquet, XLSX files or Arrow/pandas/polars.

The names below load with their module on first use: the clients import `flatten` and
`stream` for every listing, the pipeline and its writers only when something is exported.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_names

# Imported here, not lazily: the submodule `flatten` would otherwise shadow the function.
from .flatten import RowSchema, flatten

if TYPE_CHECKING:
    from .files import FORMAT_NAMES, FORMATS
    from .pipeline import (
        ExportOptions,
        ExportResult,
        Progress,
        aexport_pager,
        export_pager,
        write_rows,
    )

_MODULES = {
    "FORMATS": "files",
    "FORMAT_NAMES": "files",
    "ExportOptions": "pipeline",
    "ExportResult": "pipeline",
    "Progress": "pipeline",
    "aexport_pager": "pipeline",
    "export_pager": "pipeline",
    "write_rows": "pipeline",
}


__getattr__, __dir__ = lazy_names(__name__, _MODULES)


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
