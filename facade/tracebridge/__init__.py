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

from . import errors
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigError,
    FilterError,
    MissingDependencyError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    TracebridgeError,
    UnexpectedResponseError,
    ValidationError,
)
from .filters import F
from .galileo import AsyncGalileo, Galileo
from .pagination import AsyncPager, Pager
from .respan import AsyncRespan, Respan

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
    "F",
    "FilterError",
    "Galileo",
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
    "ValidationError",
    "__version__",
    "errors",
]
