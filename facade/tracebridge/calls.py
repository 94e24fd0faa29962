"""Requests planned once, sent by a blocking or an asyncio client.

Every facade method is written once, as a *plan*: it checks its input, builds the request
with the generated client's request builder and says how to read the answer (a `Call`), or
how to ask for each page of a listing (a `Listing`). Nothing is sent while planning, so a
bad input fails before any request. A plan becomes a method of a blocking resource with
`blocking(plan)` / `paged(plan)` and of an asyncio one with `awaiting(plan)` /
`apaged(plan)` (`streamed`/`streamed_rows` and their `a` twins for bodies read as they
arrive); all keep the plan's signature and docstring, so `Respan` and `AsyncRespan`
have the same surface by construction.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Concatenate, Generic, ParamSpec, Self, TypeVar

import httpx

from ._http import acheck_stream, asend, check_stream, failure, send
from .core import Core
from .errors import UnexpectedResponseError, body_excerpt
from .export.flatten import RowSchema
from .export.read_ahead import ReadAhead
from .export.stream import CutShort, FileSink, RowDecoder, ShortExport, StreamResult, check_count
from .pagination import AsyncPager, Pager, PageRequest, PageResult, Row, Style
from .transport import (
    BUDGET_EXTENSION,
    JSON_EXTENSION,
    STREAM_EXTENSION,
    RetryBudget,
    RetryPolicy,
    asleep,
)

# A streamed body that failed part-way: fetched again while the request's budget lasts.
BROKEN_BODY = (httpx.TransportError, httpx.DecodingError, CutShort, ShortExport)

M = TypeVar("M")
P = ParamSpec("P")


@dataclass(frozen=True)
class Call(Generic[M]):
    """One request, ready to send (httpx.request arguments), and how to read its answer."""

    request: dict[str, Any]
    read: Callable[[httpx.Response], M]


@dataclass(frozen=True)
class Stream:
    """A request whose answer body is copied to a file as it arrives. `expect` counts the
    records the export should hold: asked before each attempt, so a body with fewer records
    (empty, or cut at a record's end) is an error and fetched again, never a shorter file."""

    request: dict[str, Any]
    sink: FileSink
    expect: Call[int] | None = None

    def streaming(self, budget: RetryBudget) -> dict[str, Any]:
        return _with_extensions(self.request, {STREAM_EXTENSION: True, BUDGET_EXTENSION: budget})


@dataclass(frozen=True)
class RowStream:
    """A request whose answer body is read as rows as it arrives."""

    request: dict[str, Any]
    format: str

    def streaming(self) -> dict[str, Any]:
        return _with_extensions(self.request, {STREAM_EXTENSION: True})


def _with_extensions(request: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """The request with more httpx extensions, keeping the operation's facts it carries."""
    return {**request, "extensions": {**request.get("extensions", {}), **extra}}


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


class Sending:
    """What every client and resource sends with: its client's one `Core` (see `core`):
    the httpx client, and the retry policy for bodies streamed again."""

    _core: Core

    def __init__(self, core: Core):
        self._core = core

    @property
    def _policy(self) -> RetryPolicy:
        return self._core.policy


class Closing(Sending):
    """A blocking client: one connection pool, closed by close() or a `with` block."""

    @property
    def _http(self) -> httpx.Client:
        http: httpx.Client = self._core.http
        return http

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClosing(Sending):
    """An asyncio client: closed by `await aclose()` or an `async with` block."""

    @property
    def _http(self) -> httpx.AsyncClient:
        http: httpx.AsyncClient = self._core.http
        return http

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def _read(call: Call[M], response: httpx.Response) -> M:
    """Read an answer; one the generated models cannot read is an UnexpectedResponseError,
    not a KeyError from deep inside a parser."""
    try:
        return call.read(response)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UnexpectedResponseError(
            f"the answer is not in the documented form ({type(exc).__name__}: {exc})",
            status=response.status_code,
            excerpt=body_excerpt(response),
        ) from None
    finally:
        # httpx's bound stream points back at its response; with that cycle broken the
        # page (its body and parsed JSON) is freed now rather than at the next full GC,
        # which keeps a long export's memory flat.
        response.extensions.pop(JSON_EXTENSION, None)
        response.stream = httpx.ByteStream(b"")


def _typed(request: dict[str, Any], exc: BaseException) -> BaseException:
    """A stream's last failure as the tracebridge error to raise."""
    if isinstance(exc, httpx.RequestError):
        return failure(request, exc)
    return exc


class Blocking(Sending):
    """What a blocking resource has: plans to call and an httpx.Client to send with."""

    _plans: Any

    @property
    def _http(self) -> httpx.Client:
        http: httpx.Client = self._core.http
        return http

    def _stream(self, stream: Stream) -> StreamResult:
        """Copy the body to the sink; a body cut short (a broken connection, or one that
        ends mid-record) starts over while the request's retries remain (it only reads;
        the transport's retries count against the same budget), else raises with nothing
        left under the target name."""
        budget, sink = RetryBudget(), stream.sink
        try:
            while True:
                count = None if stream.expect is None else self._run(stream.expect)
                sink.open()
                try:
                    with self._http.stream(**stream.streaming(budget)) as response:
                        check_stream(response)
                        for chunk in response.iter_bytes():
                            sink.feed(chunk)
                    sink.complete()
                    check_count(count, sink.counter.rows)
                    return sink.publish()
                except BROKEN_BODY as exc:
                    sink.abort()
                    if not (sink.restartable and budget.spend(self._policy)):
                        raise _typed(stream.request, exc) from None
                    time.sleep(self._policy.backoff(budget.used - 1))
        finally:
            sink.close()

    def _stream_rows(self, stream: RowStream) -> Iterator[Row]:
        """The body's rows; the body is read ahead on a thread of its own (see `read_ahead`),
        so the download goes on while the caller works on the rows."""
        decoder = RowDecoder(stream.format)
        chunks = ReadAhead(lambda: self._http.stream(**stream.streaming()), check_stream)
        try:
            for chunk in chunks:
                yield from decoder.feed(chunk)
            yield from decoder.finish()
        except httpx.RequestError as exc:
            raise failure(stream.request, exc) from None
        finally:
            chunks.close()

    def _run(self, call: Call[M]) -> M:
        return _read(call, send(self._http, call.request))

    def _pager(self, listing: Listing[M]) -> Pager[M]:
        count = listing.count
        return Pager(
            lambda request: self._run(listing.page(request)),
            count=None if count is None else (lambda: self._run(count)),
            source=listing,
            **listing._pager_options(),
        )


class Awaiting(Sending):
    """What an asyncio resource has: plans to call and an httpx.AsyncClient to send with."""

    _plans: Any

    @property
    def _http(self) -> httpx.AsyncClient:
        http: httpx.AsyncClient = self._core.http
        return http

    async def _stream(self, stream: Stream) -> StreamResult:
        budget, sink = RetryBudget(), stream.sink
        try:
            while True:
                count: int | None = None
                if stream.expect is not None:
                    count = await self._run(stream.expect)
                sink.open()
                try:
                    async with self._http.stream(**stream.streaming(budget)) as response:
                        await acheck_stream(response)
                        async for chunk in response.aiter_bytes():
                            sink.feed(chunk)
                    sink.complete()
                    check_count(count, sink.counter.rows)
                    return sink.publish()
                except BROKEN_BODY as exc:
                    sink.abort()
                    if not (sink.restartable and budget.spend(self._policy)):
                        raise _typed(stream.request, exc) from None
                    await asleep(self._policy.backoff(budget.used - 1))
        finally:
            sink.close()

    async def _stream_rows(self, stream: RowStream) -> AsyncIterator[Row]:
        decoder = RowDecoder(stream.format)
        try:
            async with self._http.stream(**stream.streaming()) as response:
                await acheck_stream(response)
                async for chunk in response.aiter_bytes():
                    for row in decoder.feed(chunk):
                        yield row
            for row in decoder.finish():
                yield row
        except httpx.RequestError as exc:
            raise failure(stream.request, exc) from None

    async def _run(self, call: Call[M]) -> M:
        return _read(call, await asend(self._http, call.request))

    def _deferred_pager(
        self, plan: Callable[..., Listing[M]], need: NeedsLookup, args: Any, kwargs: Any
    ) -> AsyncPager[M]:
        """A pager whose listing is planned once the lookup it needs has been answered; the
        walk's shape (page size, style) does not depend on the answer."""
        shape = plan(self._plans, *args, **{**kwargs, "strict": False})
        planned: list[Listing[M]] = []

        async def listing() -> Listing[M]:
            if not planned:
                planned.append(await _aplanned(self, plan, need, args, kwargs))
            return planned[0]

        async def fetch(request: PageRequest) -> PageResult:
            return await self._run((await listing()).page(request))

        async def count() -> int:
            counted = (await listing()).count
            assert counted is not None  # the shape has a count, so the listing has one
            return await self._run(counted)

        return AsyncPager(
            fetch,
            count=None if shape.count is None else count,
            source=shape,
            **shape._pager_options(),
        )

    def _pager(self, listing: Listing[M]) -> AsyncPager[M]:
        count = listing.count
        return AsyncPager(
            lambda request: self._run(listing.page(request)),
            count=None if count is None else (lambda: self._run(count)),
            source=listing,
            **listing._pager_options(),
        )


class NeedsLookup(Exception):
    """A plan cannot be checked without asking the service one thing first (Galileo's
    available_columns for a column the documented catalog lacks): the methods below send
    `lookup`, hand its answer to `remember`, and plan again."""

    def __init__(self, lookup: Call[Any], remember: Callable[[Any], None]):
        super().__init__("the plan needs one lookup first")
        self.lookup = lookup
        self.remember = remember


def _planned(self: Blocking, plan: Callable[..., Any], args: Any, kwargs: Any) -> Any:
    try:
        return plan(self._plans, *args, **kwargs)
    except NeedsLookup as need:
        need.remember(self._run(need.lookup))
    return plan(self._plans, *args, **kwargs)


async def _aplanned(
    self: Awaiting, plan: Callable[..., Any], need: NeedsLookup, args: Any, kwargs: Any
) -> Any:
    need.remember(await self._run(need.lookup))
    return plan(self._plans, *args, **kwargs)


async def _run_later(
    self: Awaiting, plan: Callable[..., Any], need: NeedsLookup, args: Any, kwargs: Any
) -> Any:
    return await self._run(await _aplanned(self, plan, need, args, kwargs))


async def _stream_later(
    self: Awaiting, plan: Callable[..., Any], need: NeedsLookup, args: Any, kwargs: Any
) -> StreamResult:
    return await self._stream(await _aplanned(self, plan, need, args, kwargs))


async def _stream_rows_later(
    self: Awaiting, plan: Callable[..., Any], need: NeedsLookup, args: Any, kwargs: Any
) -> AsyncIterator[Row]:
    async for row in self._stream_rows(await _aplanned(self, plan, need, args, kwargs)):
        yield row


def blocking(plan: Callable[Concatenate[Any, P], Call[M]]) -> Callable[Concatenate[Blocking, P], M]:
    """The plan as a blocking method that sends its call and returns what it reads."""

    @functools.wraps(plan)
    def method(self: Blocking, /, *args: P.args, **kwargs: P.kwargs) -> M:
        call: Call[M] = _planned(self, plan, args, kwargs)
        return self._run(call)

    return method


def paged(
    plan: Callable[Concatenate[Any, P], Listing[M]],
) -> Callable[Concatenate[Blocking, P], Pager[M]]:
    """The listing plan as a blocking method returning a `Pager`."""

    @functools.wraps(plan)
    def method(self: Blocking, /, *args: P.args, **kwargs: P.kwargs) -> Pager[M]:
        return self._pager(_planned(self, plan, args, kwargs))

    return method


def awaiting(
    plan: Callable[Concatenate[Any, P], Call[M]],
) -> Callable[Concatenate[Awaiting, P], Awaitable[M]]:
    """The plan as a coroutine method; the input is checked when it is called, not awaited."""

    @functools.wraps(plan)
    def method(self: Awaiting, /, *args: P.args, **kwargs: P.kwargs) -> Awaitable[M]:
        try:
            return self._run(plan(self._plans, *args, **kwargs))
        except NeedsLookup as need:
            return _run_later(self, plan, need, args, kwargs)

    return method


def apaged(
    plan: Callable[Concatenate[Any, P], Listing[M]],
) -> Callable[Concatenate[Awaiting, P], AsyncPager[M]]:
    """The listing plan as a method returning an `AsyncPager` (`async for`)."""

    @functools.wraps(plan)
    def method(self: Awaiting, /, *args: P.args, **kwargs: P.kwargs) -> AsyncPager[M]:
        try:
            return self._pager(plan(self._plans, *args, **kwargs))
        except NeedsLookup as need:
            return self._deferred_pager(plan, need, args, kwargs)

    return method


def streamed(
    plan: Callable[Concatenate[Any, P], Stream],
) -> Callable[Concatenate[Blocking, P], StreamResult]:
    """The stream plan as a blocking method that copies the body to its target."""

    @functools.wraps(plan)
    def method(self: Blocking, /, *args: P.args, **kwargs: P.kwargs) -> StreamResult:
        return self._stream(_planned(self, plan, args, kwargs))

    return method


def streamed_rows(
    plan: Callable[Concatenate[Any, P], RowStream],
) -> Callable[Concatenate[Blocking, P], Iterator[Row]]:
    """The row-stream plan as a blocking method yielding rows as the body arrives."""

    @functools.wraps(plan)
    def method(self: Blocking, /, *args: P.args, **kwargs: P.kwargs) -> Iterator[Row]:
        return self._stream_rows(_planned(self, plan, args, kwargs))

    return method


def astreamed(
    plan: Callable[Concatenate[Any, P], Stream],
) -> Callable[Concatenate[Awaiting, P], Awaitable[StreamResult]]:
    @functools.wraps(plan)
    def method(self: Awaiting, /, *args: P.args, **kwargs: P.kwargs) -> Awaitable[StreamResult]:
        try:
            return self._stream(plan(self._plans, *args, **kwargs))
        except NeedsLookup as need:
            return _stream_later(self, plan, need, args, kwargs)

    return method


def astreamed_rows(
    plan: Callable[Concatenate[Any, P], RowStream],
) -> Callable[Concatenate[Awaiting, P], AsyncIterator[Row]]:
    @functools.wraps(plan)
    def method(self: Awaiting, /, *args: P.args, **kwargs: P.kwargs) -> AsyncIterator[Row]:
        try:
            return self._stream_rows(plan(self._plans, *args, **kwargs))
        except NeedsLookup as need:
            return _stream_rows_later(self, plan, need, args, kwargs)

    return method
