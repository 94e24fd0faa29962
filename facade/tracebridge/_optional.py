"""Optional dependencies: imported only when used, with an error that names the extra."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingDependencyError


def require(module: str, extra: str) -> ModuleType:
    """Import `module`, or fail with the pip command that installs `extra`."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{module} is needed for this and is not installed: pip install 'tracebridge[{extra}]'"
        ) from exc
