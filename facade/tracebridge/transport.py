"""Retries and rate limiting as httpx transports, under the facade and the raw clients alike.

    transport = RetryTransport(policy=RetryPolicy(max_retries=3), limiter=TokenBucket(60))
    client = respan_client.AuthenticatedClient(
        base_url=..., token=..., httpx_args={"transport": transport}
    )

Retries: exponential backoff with full jitter on 408, 429, 5xx (not 501/505) and broken
connections, honouring `Retry-After` (seconds or an HTTP date) and a 429 body's
`retry_after`, each wait capped. Only calls that are safe to repeat are retried after they
may have reached the service: the spec says which (`x-safe-to-repeat`, `x-unsafe-when` on
each operation, carried by every generated request). A Respan export trigger (which e-mails
someone) is retried only when the service certainly did not act on it: the connection
never opened, or a 429.

One budget per request: a caller that repeats a request itself (a Galileo export body cut
short after its headers) passes a `RetryBudget` in the request's extensions, and the
transport's retries and the caller's draw on it together, so `max_retries=3` means at most
four attempts in all.

Rate limiting: a token bucket shared by every request of a client (threads and tasks),
sized so that no window of `per` seconds ever holds more than `limit` requests.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from .errors import retry_after_of

log = logging.getLogger("tracebridge")

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 507, 508, 509, 520, 521, 522, 523, 524})
# Errors after which the request cannot have reached the service.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
STREAM_EXTENSION = "tracebridge.stream"  # set on a request whose body is read as a stream
SAFE_EXTENSION = "tracebridge.safe_to_retry"  # True/False overrides the classification
# The operation's facts from the spec (api_facts.py), set by every generated request builder.
OPERATION_EXTENSION = "tracebridge.operation"
JSON_EXTENSION = "tracebridge.json"  # the parsed body of a JSON answer the transport checked
BUDGET_EXTENSION = "tracebridge.budget"  # a RetryBudget shared with the caller's own retries


async def asleep(seconds: float) -> None:
    """`asyncio.sleep`, with asyncio imported by the first asyncio wait: a blocking client's
    `import tracebridge` never loads it."""
    import asyncio

    await asyncio.sleep(seconds)


class RetryBudget:
    """The retries one logical request has made, whoever made them."""

    __slots__ = ("used",)

    def __init__(self) -> None:
        self.used = 0

    def spend(self, policy: RetryPolicy) -> bool:
        """Take one retry if any is left."""
        if self.used >= policy.max_retries:
            return False
        self.used += 1
        return True


def parsed_json(response: httpx.Response) -> Any:
    """The answer's JSON body, parsed once: the transport keeps what it already checked."""
    if JSON_EXTENSION in response.extensions:
        return response.extensions[JSON_EXTENSION]
    return json.loads(response.content)


def safe_to_retry(request: httpx.Request) -> bool:
    """Whether repeating the request can do no harm, as its operation in the spec says
    (`x-safe-to-repeat`, `x-unsafe-when`). A request no generated builder made is judged by
    its method alone: only GET, HEAD and OPTIONS are repeated."""
    override = request.extensions.get(SAFE_EXTENSION)
    if override is not None:
        return bool(override)
    operation = request.extensions.get(OPERATION_EXTENSION)
    if operation is None:
        return request.method in ("GET", "HEAD", "OPTIONS")
    if not operation["safe_to_repeat"]:
        return False
    condition = operation.get("unsafe_when")
    return condition is None or not _holds(request, condition)


def _holds(request: httpx.Request, condition: dict[str, Any]) -> bool:
    """Whether the request's body field or query parameter holds one of the values."""
    name, values = condition["name"], condition["values"]
    if condition["in"] == "query":
        given = request.url.params.get_list(name)
        wanted = {str(value).lower() for value in values}
        return any(value.lower() in wanted for value in given)
    try:
        body = json.loads(request.content or b"{}")
    except ValueError:
        return False
    return isinstance(body, dict) and name in body and body[name] in values


def rate_limited(request: httpx.Request) -> bool:
    """Whether the service's rate limit covers the request (`x-rate-limited`); a request no
    generated builder made is counted against it."""
    operation = request.extensions.get(OPERATION_EXTENSION)
    return True if operation is None else bool(operation["rate_limited"])


class TokenBucket:
    """At most `limit` requests in any `per` seconds, shared across threads and tasks.

    The bucket holds `burst` tokens (a small burst) and refills at (limit - burst) / per, so
    a window of `per` seconds can hold at most burst + (limit - burst) = limit requests.
    """

    def __init__(
        self,
        limit: int,
        per: float = 60.0,
        *,
        clock: Callable[[], float] = time.monotonic,
    ):
        if limit < 1 or per <= 0:
            raise ValueError("a rate limit needs limit >= 1 and per > 0")
        self.limit = limit
        self.per = per
        self.burst = max(1, min(limit // 60, limit - 1)) if limit > 1 else 1
        self.rate = max(limit - self.burst, 1) / per  # tokens per second
        self._clock = clock
        self._tokens = float(self.burst)
        self._last = clock()
        self._lock = threading.Lock()

    def _reserve(self) -> float:
        """Take a token now or reserve the next one; the seconds to wait before using it."""
        with self._lock:
            now = self._clock()
            self._tokens = min(float(self.burst), self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= 1.0
            return 0.0 if self._tokens >= 0 else -self._tokens / self.rate

    def acquire(self, sleep: Callable[[float], None] = time.sleep) -> float:
        wait = self._reserve()
        if wait > 0:
            sleep(wait)
        return wait

    async def acquire_async(self) -> float:
        wait = self._reserve()
        if wait > 0:
            await asleep(wait)
        return wait


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 3
    backoff_base: float = 0.5  # seconds; attempt n waits up to base * 2**n (full jitter)
    backoff_max: float = 30.0
    retry_after_max: float = 120.0  # the longest a Retry-After is honoured

    def backoff(self, attempt: int, rng: random.Random | None = None) -> float:
        ceiling = min(self.backoff_max, self.backoff_base * (2**attempt))
        return (rng or random).uniform(0, ceiling)

    def wait_for(self, response: httpx.Response, attempt: int) -> float:
        """How long to wait before repeating after this answer."""
        body: Any = None
        if response.status_code == 429 and "json" in response.headers.get("content-type", ""):
            try:
                body = json.loads(response.content)
            except ValueError:
                body = None
        told = retry_after_of(response, body)
        if told is not None:
            return min(told, self.retry_after_max)
        return self.backoff(attempt)


def _retryable_status(request: httpx.Request, status: int) -> bool:
    if status not in RETRY_STATUSES:
        return False
    return status == 429 or safe_to_retry(request)


def _retryable_error(request: httpx.Request, error: Exception) -> bool:
    if isinstance(error, NOT_SENT):
        return True
    broken = isinstance(error, (httpx.TransportError, httpx.DecodingError))
    return broken and safe_to_retry(request)


def _describe(request: httpx.Request) -> str:
    return f"{request.method} {request.url.path}"  # never the headers: they hold the key


def _wait_after_error(
    policy: RetryPolicy, request: httpx.Request, error: Exception, attempt: int
) -> float | None:
    """Seconds to wait before repeating after a broken request; None: do not repeat."""
    if attempt >= policy.max_retries or not _retryable_error(request, error):
        return None
    wait = policy.backoff(attempt)
    log.debug(
        "retrying %s after %s (retry %d) in %.2fs",
        _describe(request),
        type(error).__name__,
        attempt + 1,
        wait,
    )
    return wait


def _wait_after_answer(
    policy: RetryPolicy, request: httpx.Request, response: httpx.Response, attempt: int
) -> float | None:
    """Seconds to wait before repeating after an answer (read already); None: keep it."""
    if attempt >= policy.max_retries or not _retryable_status(request, response.status_code):
        return None
    wait = policy.wait_for(response, attempt)
    log.debug(
        "retrying %s after HTTP %d (retry %d) in %.2fs",
        _describe(request),
        response.status_code,
        attempt + 1,
        wait,
    )
    return wait


def _wait_after_cut_body(
    policy: RetryPolicy, request: httpx.Request, response: httpx.Response, attempt: int
) -> float | None:
    """A success whose JSON body is cut short is repeated like a dropped connection when the
    request is safe to repeat; None: keep the answer (its JSON, parsed, rides along)."""
    if "json" not in response.headers.get("content-type", ""):
        return None
    try:
        response.extensions[JSON_EXTENSION] = json.loads(response.content)
        return None
    except ValueError:
        if attempt >= policy.max_retries or not safe_to_retry(request):
            return None
    wait = policy.backoff(attempt)
    log.debug(
        "retrying %s after a JSON body cut short (retry %d) in %.2fs",
        _describe(request),
        attempt + 1,
        wait,
    )
    return wait


class RetryTransport(httpx.BaseTransport):
    """Retries and rate limits around another transport (httpx's own by default)."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        limiter: TokenBucket | None = None,
        limited: Callable[[httpx.Request], bool] = rate_limited,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.inner = inner or httpx.HTTPTransport()
        self.policy = policy or RetryPolicy()
        self.limiter = limiter
        self.limited = limited
        self.sleep = sleep
        self.retries = 0  # retries made, for progress reports and benchmarks

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        budget = request.extensions.get(BUDGET_EXTENSION) or RetryBudget()
        while True:
            attempt = budget.used
            if self.limiter is not None and self.limited(request):
                self.limiter.acquire(self.sleep)
            try:
                response = self.inner.handle_request(request)
                if not request.extensions.get(STREAM_EXTENSION):
                    response.read()  # so a connection broken mid-body is retried here
            except Exception as error:
                wait = _wait_after_error(self.policy, request, error, attempt)
                if wait is None:
                    raise
            else:
                if response.status_code < 400:
                    if request.extensions.get(STREAM_EXTENSION):
                        return response
                    wait = _wait_after_cut_body(self.policy, request, response, attempt)
                else:
                    response.read()
                    wait = _wait_after_answer(self.policy, request, response, attempt)
                if wait is None:
                    return response
                response.close()
            budget.used += 1
            self.retries += 1
            self.sleep(wait)

    def close(self) -> None:
        self.inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The same, for httpx.AsyncClient."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        limiter: TokenBucket | None = None,
        limited: Callable[[httpx.Request], bool] = rate_limited,
    ):
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.policy = policy or RetryPolicy()
        self.limiter = limiter
        self.limited = limited
        self.retries = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        budget = request.extensions.get(BUDGET_EXTENSION) or RetryBudget()
        while True:
            attempt = budget.used
            if self.limiter is not None and self.limited(request):
                await self.limiter.acquire_async()
            try:
                response = await self.inner.handle_async_request(request)
                if not request.extensions.get(STREAM_EXTENSION):
                    await response.aread()
            except Exception as error:
                wait = _wait_after_error(self.policy, request, error, attempt)
                if wait is None:
                    raise
            else:
                if response.status_code < 400:
                    if request.extensions.get(STREAM_EXTENSION):
                        return response
                    wait = _wait_after_cut_body(self.policy, request, response, attempt)
                else:
                    await response.aread()
                    wait = _wait_after_answer(self.policy, request, response, attempt)
                if wait is None:
                    return response
                await response.aclose()
            budget.used += 1
            self.retries += 1
            await asleep(wait)

    async def aclose(self) -> None:
        await self.inner.aclose()
