"""Requests planned once, sent by a blocking or an asyncio client.

Every facade method is written once, as a *plan*: it checks its input, builds the request
with the generated client's request builder and says how to read the answer (a `Call`), or
how to ask for each page of a listing (a `Listing`). Nothing is sent while planning, so a
bad input fails before any request. A plan becomes a method of a blocking resource with
`blocking(plan)` / `paged(plan)` and of an asyncio one with `awaiting(plan)` /
`apaged(plan)`; both keep the plan's signature and docstring, so `Respan` and `AsyncRespan`
have the same surface by construction.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

import httpx

from ._http import asend, send
from .export.flatten import RowSchema
from .pagination import AsyncPager, Pager, PageRequest, PageResult, Row, Style

M = TypeVar("M")
P = ParamSpec("P")


@dataclass(frozen=True)
class Call(Generic[M]):
    """One request, ready to send (httpx.request arguments), and how to read its answer."""

    request: dict[str, Any]
    read: Callable[[httpx.Response], M]


PAGING_KEYS = frozenset({"page", "page_size", "starting_token", "limit"})


@dataclass(frozen=True)
class Listing(Generic[M]):
    """A paged listing: the call for each page, how to read rows, and the paging options.

    `window` holds the values that freeze the result set (Respan's `end_time`, fixed when
    the listing is made); the page calls read it, so a resumed export can put back the
    window of the run it continues.
    """

    page: Callable[[PageRequest], Call[PageResult]]
    parse: Callable[[Row], M]
    style: Style
    page_size: int
    max_page_size: int
    max_items: int | None = None
    start: int | None = None
    concurrency: int = 1
    count: Call[int] | None = None  # a separate request for the total, where one exists
    schema: RowSchema = field(default_factory=RowSchema)
    window: dict[str, datetime] = field(default_factory=dict)

    def _pager_options(self) -> dict[str, Any]:
        return {
            "style": self.style,
            "page_size": self.page_size,
            "max_page_size": self.max_page_size,
            "parse": self.parse,
            "max_items": self.max_items,
            "start": self.start,
            "concurrency": self.concurrency,
        }

    def frozen(self) -> dict[str, str]:
        return {name: moment.isoformat() for name, moment in self.window.items()}

    def refreeze(self, values: Mapping[str, str]) -> None:
        for name, text in values.items():
            if name in self.window:
                self.window[name] = datetime.fromisoformat(text)

    def identity(self) -> str:
        """A digest of what is asked, apart from paging and the frozen window: two listings
        with the same identity walk the same rows."""
        request = dict(self.page(PageRequest(0, self.page_size)).request)
        params = {
            k: str(v)
            for k, v in dict(request.pop("params", None) or {}).items()
            if k not in PAGING_KEYS and k not in self.window
        }
        body = request.pop("json", None)
        if isinstance(body, dict):
            body = {k: v for k, v in body.items() if k not in PAGING_KEYS}
        text = json.dumps(
            [request.get("method"), request.get("url"), params, body], sort_keys=True, default=str
        )
        return hashlib.sha256(text.encode()).hexdigest()[:32]


class Blocking:
    """What a blocking resource has: plans to call and an httpx.Client to send with."""

    _plans: Any
    _http: httpx.Client

    def _run(self, call: Call[M]) -> M:
        return call.read(send(self._http, call.request))

    def _pager(self, listing: Listing[M]) -> Pager[M]:
        count = listing.count
        return Pager(
            lambda request: self._run(listing.page(request)),
            count=None if count is None else (lambda: self._run(count)),
            source=listing,
            **listing._pager_options(),
        )


class Awaiting:
    """What an asyncio resource has: plans to call and an httpx.AsyncClient to send with."""

    _plans: Any
    _http: httpx.AsyncClient

    async def _run(self, call: Call[M]) -> M:
        return call.read(await asend(self._http, call.request))

    def _pager(self, listing: Listing[M]) -> AsyncPager[M]:
        count = listing.count
        return AsyncPager(
            lambda request: self._run(listing.page(request)),
            count=None if count is None else (lambda: self._run(count)),
            source=listing,
            **listing._pager_options(),
        )


def blocking(plan: Callable[Concatenate[Any, P], Call[M]]) -> Callable[Concatenate[Blocking, P], M]:
    """The plan as a blocking method that sends its call and returns what it reads."""

    @functools.wraps(plan)
    def method(self: Blocking, /, *args: P.args, **kwargs: P.kwargs) -> M:
        return self._run(plan(self._plans, *args, **kwargs))

    return method


def paged(
    plan: Callable[Concatenate[Any, P], Listing[M]],
) -> Callable[Concatenate[Blocking, P], Pager[M]]:
    """The listing plan as a blocking method returning a `Pager`."""

    @functools.wraps(plan)
    def method(self: Blocking, /, *args: P.args, **kwargs: P.kwargs) -> Pager[M]:
        return self._pager(plan(self._plans, *args, **kwargs))

    return method


def awaiting(
    plan: Callable[Concatenate[Any, P], Call[M]],
) -> Callable[Concatenate[Awaiting, P], Awaitable[M]]:
    """The plan as a coroutine method; the input is checked when it is called, not awaited."""

    @functools.wraps(plan)
    def method(self: Awaiting, /, *args: P.args, **kwargs: P.kwargs) -> Awaitable[M]:
        return self._run(plan(self._plans, *args, **kwargs))

    return method


def apaged(
    plan: Callable[Concatenate[Any, P], Listing[M]],
) -> Callable[Concatenate[Awaiting, P], AsyncPager[M]]:
    """The listing plan as a method returning an `AsyncPager` (`async for`)."""

    @functools.wraps(plan)
    def method(self: Awaiting, /, *args: P.args, **kwargs: P.kwargs) -> AsyncPager[M]:
        return self._pager(plan(self._plans, *args, **kwargs))

    return method
