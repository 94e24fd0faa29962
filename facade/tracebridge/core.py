"""One client core for both services, built from a `Settings` alone.

Every client (Respan, Galileo, blocking or asyncio) and every resource and call of it sends
through the same pieces, made here and nowhere else: the retry policy and the rate limiter
the settings describe, the retrying transport that applies them, the generated client on
that transport (`raw`, for calls the facade lacks), and the httpx client every call uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

import httpx

from .config import USER_AGENT, Settings
from .transport import AsyncRetryTransport, RetryPolicy, RetryTransport, TokenBucket


@dataclass
class Core:
    """What a client sends with. `http` is the generated client's own httpx client, so
    the facade's calls and `raw`'s share one connection pool, retries and rate limit.
    Every resource of a client holds this one object."""

    settings: Settings
    policy: RetryPolicy
    limiter: TokenBucket | None
    transport: RetryTransport | AsyncRetryTransport
    raw: Any  # the generated package's AuthenticatedClient
    http: Any  # httpx.Client, or httpx.AsyncClient for an asyncio client


def build_core(settings: Settings, package: str, *, asynchronous: bool) -> Core:
    """The core of a client of `settings.service`, whose generated client is `package`
    (respan_client or galileo_client): retries up to `settings.max_retries`, at most
    `settings.rate_limit` requests per `settings.rate_window` seconds for every request
    of this client together, the key sent as the settings say."""
    policy = RetryPolicy(max_retries=settings.max_retries)
    limiter = (
        TokenBucket(settings.rate_limit, per=settings.rate_window) if settings.rate_limit else None
    )
    transport: RetryTransport | AsyncRetryTransport
    if asynchronous:
        transport = AsyncRetryTransport(policy=policy, limiter=limiter)
    else:
        transport = RetryTransport(policy=policy, limiter=limiter)
    raw = import_module(package).AuthenticatedClient(
        base_url=settings.base_url,
        token=settings.api_key.reveal(),
        prefix=settings.key_prefix,
        auth_header_name=settings.key_header,
        timeout=settings.timeout,
        headers={"User-Agent": USER_AGENT, **settings.headers},
        httpx_args={"transport": transport},
    )
    http: httpx.Client | httpx.AsyncClient = (
        raw.get_async_httpx_client() if asynchronous else raw.get_httpx_client()
    )
    return Core(settings, policy, limiter, transport, raw, http)
