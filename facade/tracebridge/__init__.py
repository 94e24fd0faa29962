"""tracebridge: LLM evaluation data out of Respan and Galileo, into files, DataFrames and pipelines.

    from tracebridge import Respan, F

    rs = Respan()                                   # RESPAN_API_KEY
    for trace in rs.experiments.traces("exp_123", where=F.total_cost > 0.01):
        ...

``AsyncRespan`` and ``AsyncGalileo`` have the same surface for asyncio.

The raw API clients generated from the specs in ``openapi/`` are importable on their own as
``respan_client`` and ``galileo_client``.
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from . import errors
from ._lazy import lazy_names
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigError,
    ExportValueError,
    ExportWriteError,
    FilterError,
    IncompleteListingError,
    MissingDependencyError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    TracebridgeError,
    UnexpectedResponseError,
    UnknownColumnError,
    ValidationError,
)
from .filters import F

if TYPE_CHECKING:
    from .comparing import compare
    from .galileo import AsyncGalileo, Galileo
    from .pagination import AsyncPager, Pager
    from .reporting import report
    from .respan import AsyncRespan, Respan
    from .syncing import sync

# The clients and pagers load on first use: `import tracebridge` stays cheap for the
# command line and for `F` and the errors.
_LAZY = {
    "Respan": "respan",
    "AsyncRespan": "respan",
    "Galileo": "galileo",
    "AsyncGalileo": "galileo",
    "Pager": "pagination",
    "AsyncPager": "pagination",
    "sync": "syncing",
    "compare": "comparing",
    "report": "reporting",
}


__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncGalileo",
    "AsyncPager",
    "AsyncRespan",
    "AuthenticationError",
    "BadRequestError",
    "ConfigError",
    "ExportValueError",
    "ExportWriteError",
    "F",
    "FilterError",
    "Galileo",
    "IncompleteListingError",
    "MissingDependencyError",
    "NotFoundError",
    "Pager",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "Respan",
    "ServerError",
    "TracebridgeError",
    "UnexpectedResponseError",
    "UnknownColumnError",
    "ValidationError",
    "__version__",
    "compare",
    "errors",
    "report",
    "sync",
]
