"""One pager for both services: page numbers (Respan) and offset tokens (Galileo).

A resource gives the pager a `fetch(PageRequest) -> PageResult` that makes one request;
the pager decides which pages to ask for and in what order:

- iterating yields every item of every page, lazily; `.rows()` the raw dicts (no models);
  `.pages()` the pages;
- `.count` is the total the service reports: from the first page where pages carry it,
  else from a separate count request where the resource has one;
- `max_items` stops early without asking for pages it will not use; `start` resumes from
  a page number or an offset;
- `concurrency=N` fetches up to N pages ahead once the total says how many there are,
  and still yields them in order (threads for `Pager`, tasks for `AsyncPager`);
- `.to_csv/.to_jsonl/.to_parquet/.to_xlsx(path)` export every row (see `export`), and
  `.to_arrow/.to_pandas/.to_polars()` build DataFrames;
- an item whose id was already seen is dropped, so rows that move between pages while a
  walk goes on (the caller also freezes the time window) are neither doubled nor lost;
  `.repeated` counts them (a correct walk over a frozen window drops none) and a warning
  is logged. A page holding nothing but repeats is fetched once more (a stale or
  duplicated answer on the way), and a walk from the start that ends with fewer rows than
  the service counted raises `IncompleteListingError` rather than returning fewer rows
  (where pages do not carry the total, the count request is asked before the first page).

A page past the last is never asked for: Respan answers it with 404.
"""

from __future__ import annotations

import copy as _copy
import logging
import math
import threading
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, Self, TypeVar

from .errors import ConfigError, IncompleteListingError
from .export.flatten import RowSchema
from .export.methods import AsyncExports, Exports

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future

T = TypeVar("T")
Row = dict[str, Any]
Style = Literal["page", "offset"]
RECENT_IDS = 10_000  # ids remembered for dropping repeats (about 1 MB)
log = logging.getLogger("tracebridge")


@dataclass(frozen=True)
class PageRequest:
    """Which page to fetch: `position` is a page number from 1, or an offset from 0."""

    position: int
    size: int


@dataclass(frozen=True)
class PageResult:
    """What one request returned: the raw rows, whether more follow, the total if known."""

    rows: list[Row]
    has_next: bool
    total: int | None = None  # the number of matches, when the service reports it


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page as the pager yields it."""

    request: PageRequest
    items: list[T]
    total: int | None
    has_next: bool


def check_page_size(page_size: int, maximum: int) -> int:
    if (
        isinstance(page_size, bool)
        or not isinstance(page_size, int)
        or not 1 <= page_size <= maximum
    ):
        raise ConfigError(
            f"page_size must be a whole number from 1 to {maximum}, not {page_size!r}"
        )
    return page_size


def _whole(value: Any, low: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and value >= low


class _Paging:
    """What both pagers share: checked options, which page comes when, and the gate that
    drops repeated ids and stops at max_items."""

    def __init__(
        self,
        *,
        style: Style,
        page_size: int,
        max_page_size: int,
        max_items: int | None,
        start: int | None,
        concurrency: int,
        key: Callable[[Row], Any],
        total: int | None,
    ):
        self._style = style
        self._page_size = check_page_size(page_size, max_page_size)
        if max_items is not None and not _whole(max_items, 0):
            raise ConfigError(
                f"max_items must be a whole number from 0, or None, not {max_items!r}"
            )
        self._max_items = max_items
        first = 1 if style == "page" else 0
        if start is not None and not _whole(start, first):
            what = (
                "start page must be a page number from 1"
                if style == "page"
                else "start offset must be from 0"
            )
            raise ConfigError(f"the {what}, not {start!r}")
        self._start = first if start is None else start
        if not _whole(concurrency, 1):
            raise ConfigError(f"concurrency must be a whole number from 1, not {concurrency!r}")
        self._concurrency = concurrency
        self._key = key
        self._total = total
        self._first: PageResult | None = None
        self.repeated = 0  # rows dropped by the last walk because their id came already

    def _request(self, index: int) -> PageRequest:
        step = 1 if self._style == "page" else self._page_size
        return PageRequest(self._start + index * step, self._page_size)

    def _page_cap(self) -> int | None:
        """The most pages max_items can use (None: no cap)."""
        return None if self._max_items is None else math.ceil(self._max_items / self._page_size)

    def _planned(self, first: PageResult) -> int | None:
        """How many pages to fetch ahead concurrently (None: go one by one)."""
        total = self._total if first.total is None else first.total
        if self._concurrency == 1 or total is None:
            return None
        skipped = (self._start - 1) * self._page_size if self._style == "page" else self._start
        planned = math.ceil(max(0, total - skipped) / self._page_size)
        cap = self._page_cap()
        return planned if cap is None else min(planned, cap)

    def _take_first(self) -> PageResult | None:
        first, self._first = self._first, None  # a second walk fetches afresh
        return first

    def _keep_total(self, first: PageResult) -> None:
        if self._total is None:
            self._total = first.total

    def _counts_first(self) -> bool:
        """Whether to ask the count before the first page: a whole walk whose pages do not
        say the total can be checked against nothing else (asked first, rows that arrive
        or change during the walk can only add to what is found, never make it short)."""
        first = 1 if self._style == "page" else 0
        return self._total is None and self._start == first and self._max_items is None

    def _wants_count(self, first: PageResult) -> bool:
        """Whether to ask the count request, so pages after the first can be fetched ahead."""
        return self._concurrency > 1 and self._total is None and first.has_next

    @staticmethod
    def _more(result: PageResult) -> bool:
        return result.has_next and bool(result.rows)

    def _gate(self, recent: Iterable[Any] = ()) -> Gate:
        """A filter for rows that drops repeated ids and stops at max_items (see `Gate`)."""
        self.repeated = 0
        return Gate(self, RecentIds(self._recent_capacity(), recent))

    def _ended(self, gate: Gate) -> None:
        """After a whole walk: say what was dropped, and refuse a walk that came up short
        of the service's own count."""
        if self.repeated:
            log.warning("%d rows repeated across pages were dropped", self.repeated)
        first = 1 if self._style == "page" else 0
        whole = self._start == first and self._max_items is None
        if whole and self._total is not None and gate.emitted < self._total:
            raise IncompleteListingError(
                expected=self._total, received=gate.emitted, repeated=self.repeated
            )

    def _recent_capacity(self) -> int:
        return max(RECENT_IDS, 4 * self._page_size * self._concurrency)

    def _next_position(self, request: PageRequest) -> int:
        return request.position + (1 if self._style == "page" else self._page_size)

    def _resumed(self, start: int, done: int) -> Self:
        """A copy that starts at `start` having already given `done` items."""
        copy = _copy.copy(self)
        copy._start, copy._first = start, None
        if self._max_items is not None:
            copy._max_items = max(0, self._max_items - done)
        return copy


class PagerSource:
    """A pager as an export reads it (`export.source.RowSource`): where it starts, how it
    pages, and its rows page by page. Made by `Pager.export_source()`."""

    def __init__(self, pager: Pager[Any] | AsyncPager[Any]):
        self._pager = pager
        self.listing = pager.source
        self.schema = pager.source.schema if pager.source is not None else RowSchema()
        self.page_size = pager._page_size
        self.position = pager._start
        self.recent_capacity = pager._recent_capacity()
        self.row_id = pager._key

    def resumed(self, position: int, rows: int) -> PagerSource:
        """The same walk started at `position`, `rows` items already given."""
        return PagerSource(self._pager._resumed(position, rows))

    def row_pages(self, recent: Iterable[Any] = ()) -> Any:
        """Each page's new rows with the position that follows it (an iterator, or an
        async iterator for an AsyncPager)."""
        return self._pager._row_pages(recent)


class Gate:
    """Which rows of a page to keep: repeats are dropped (and counted on the paging), and
    the walk stops at max_items. Repeats come from rows moving between pages while the
    walk goes on, so they are near each other: the ids of the last RECENT_IDS rows are
    remembered, not all of them, and memory stays flat however long the walk."""

    def __init__(self, paging: _Paging, seen: RecentIds):
        self.paging = paging
        self.seen = seen
        self.emitted = 0
        self.stopped = False

    def admit(self, rows: list[Row]) -> list[Row]:
        """The rows to keep; `stopped` turns True when max_items is reached."""
        paging, kept = self.paging, []
        limit = paging._max_items
        for row in rows:
            if limit is not None and self.emitted >= limit:
                self.stopped = True
                break
            identity = paging._key(row)
            if identity is not None and not self.seen.add(identity):
                paging.repeated += 1
                continue
            self.emitted += 1
            kept.append(row)
        return kept

    def only_repeats(self, rows: list[Row], kept: list[Row]) -> bool:
        return bool(rows) and not kept and not self.stopped


class RecentIds:
    """The last `capacity` ids added, for telling repeats apart in constant memory."""

    def __init__(self, capacity: int, initial: Iterable[Any] = ()):
        self._order: deque[Any] = deque()
        self._members: set[Any] = set()
        self._capacity = capacity
        for identity in initial:
            self.add(identity)

    def add(self, identity: Any) -> bool:
        """Remember `identity`; False if it was already among the recent ones."""
        if identity in self._members:
            return False
        self._members.add(identity)
        self._order.append(identity)
        if len(self._order) > self._capacity:
            self._members.discard(self._order.popleft())
        return True


class Pager(_Paging, Exports, Generic[T]):
    """Every item of a listing, page by page, as described in the module's docstring."""

    def __init__(
        self,
        fetch: Callable[[PageRequest], PageResult],
        *,
        count: Callable[[], int] | None = None,
        source: Any = None,
        style: Style,
        page_size: int,
        parse: Callable[[Row], T],
        max_page_size: int = 100,
        max_items: int | None = None,
        start: int | None = None,
        concurrency: int = 1,
        key: Callable[[Row], Any] = lambda row: row.get("id"),
        total: int | None = None,
    ):
        super().__init__(
            style=style, page_size=page_size, max_page_size=max_page_size, max_items=max_items,
            start=start, concurrency=concurrency, key=key, total=total,
        )  # fmt: skip
        self._fetch = fetch
        self._counter = count
        self.source = source  # the resource's Listing: what an export's checkpoint needs
        self._parse = parse

    @property
    def count(self) -> int | None:
        """The total the service reports for this listing (None where it does not)."""
        if self._total is None and self._counter is not None:
            self._total = self._counter()
        elif self._total is None and self._first is None:
            self._first = self._fetch(self._request(0))
            self._total = self._first.total
        return self._total

    def __iter__(self) -> Iterator[T]:
        for row in self.rows():
            yield self._parse(row)

    def rows(self) -> Iterator[Row]:
        """Every row as the service sent it (a dict): the fast path, no models built."""
        for _, rows in self._row_pages():
            yield from rows

    def export_source(self) -> PagerSource:
        """This walk as an export reads it (see `export.source`)."""
        return PagerSource(self)

    def _row_pages(self, recent: Iterable[Any] = ()) -> Iterator[tuple[int, list[Row]]]:
        """Each page's new rows with the position that follows it (an export's checkpoint)."""
        gate = self._gate(recent)
        for index, result in enumerate(self._results()):
            request = self._request(index)
            kept = gate.admit(result.rows)
            if gate.only_repeats(result.rows, kept):  # a stale or duplicated page: ask again
                kept = gate.admit(self._fetch(request).rows)
            yield self._next_position(request), kept
            if gate.stopped:
                return
        self._ended(gate)

    def pages(self) -> Iterator[Page[T]]:
        """Each page, in order, with its items parsed."""
        for index, result in enumerate(self._results()):
            items = [self._parse(row) for row in result.rows]
            yield Page(self._request(index), items, result.total, result.has_next)

    def _results(self) -> Iterator[PageResult]:
        if self._max_items == 0:
            return
        if self._counter is not None and self._counts_first():
            self._total = self._counter()
        first = self._take_first() or self._fetch(self._request(0))
        self._keep_total(first)
        if self._counter is not None and self._wants_count(first):
            self._total = self._counter()
        yield first
        if not self._more(first):
            return
        index, cap, planned = 1, self._page_cap(), self._planned(first)
        if planned is not None:
            last = first
            for last in self._ahead(index, planned):
                yield last
            if not self._more(last) or (cap is not None and planned >= cap):
                return
            index = max(planned, 1)
        # Follow the service's own "more follows": rows added during the walk can make
        # more pages than the first total said, and none of them may be lost.
        while cap is None or index < cap:
            result = self._fetch(self._request(index))
            yield result
            if not self._more(result):
                return
            index += 1

    def _ahead(self, start: int, stop: int) -> Iterator[PageResult]:
        """Pages start..stop-1 (by index), up to `concurrency` in flight, yielded in order.

        Each page is fetched on a daemon thread of its own: a walk stopped early (Ctrl-C, an
        error, a consumer that stops) returns at once, leaving requests in flight to end on
        their own, instead of waiting for them as a thread pool's shutdown would (seconds,
        under latency or a retry's back-off)."""
        pending: deque[Future[PageResult]] = deque()
        index = start
        while index < stop or pending:
            while index < stop and len(pending) < self._concurrency:
                pending.append(_in_background(self._fetch, self._request(index)))
                index += 1
            result = pending.popleft().result()
            yield result
            if not result.has_next:
                return


def _in_background(
    fetch: Callable[[PageRequest], PageResult], request: PageRequest
) -> Future[PageResult]:
    """`fetch(request)` on a daemon thread, its result or error in the future returned."""
    from concurrent.futures import Future  # only when fetching ahead

    future: Future[PageResult] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(fetch(request))
        except BaseException as exc:  # handed to the walk, which raises it
            future.set_exception(exc)

    threading.Thread(target=run, name="tracebridge-page", daemon=True).start()
    return future


class AsyncPager(_Paging, AsyncExports, Generic[T]):
    """The same walk for asyncio: `async for`, `.rows()`, `.pages()`, `await pager.count`."""

    def __init__(
        self,
        fetch: Callable[[PageRequest], Awaitable[PageResult]],
        *,
        count: Callable[[], Awaitable[int]] | None = None,
        source: Any = None,
        style: Style,
        page_size: int,
        parse: Callable[[Row], T],
        max_page_size: int = 100,
        max_items: int | None = None,
        start: int | None = None,
        concurrency: int = 1,
        key: Callable[[Row], Any] = lambda row: row.get("id"),
        total: int | None = None,
    ):
        super().__init__(
            style=style, page_size=page_size, max_page_size=max_page_size, max_items=max_items,
            start=start, concurrency=concurrency, key=key, total=total,
        )  # fmt: skip
        self._fetch = fetch
        self._counter = count
        self.source = source  # the resource's Listing: what an export's checkpoint needs
        self._parse = parse

    @property
    def count(self) -> Awaitable[int | None]:
        """`await pager.count`: the total the service reports (None where it does not)."""
        return self._count()

    async def _count(self) -> int | None:
        if self._total is None and self._counter is not None:
            self._total = await self._counter()
        elif self._total is None and self._first is None:
            self._first = await self._fetch(self._request(0))
            self._total = self._first.total
        return self._total

    async def __aiter__(self) -> AsyncIterator[T]:
        async for row in self.rows():
            yield self._parse(row)

    async def rows(self) -> AsyncIterator[Row]:
        """Every row as the service sent it (a dict): the fast path, no models built."""
        async for _, rows in self._row_pages():
            for row in rows:
                yield row

    def export_source(self) -> PagerSource:
        """This walk as an export reads it (see `export.source`)."""
        return PagerSource(self)

    async def _row_pages(self, recent: Iterable[Any] = ()) -> AsyncIterator[tuple[int, list[Row]]]:
        gate = self._gate(recent)
        index = 0
        async for result in self._results():
            request = self._request(index)
            kept = gate.admit(result.rows)
            if gate.only_repeats(result.rows, kept):
                kept = gate.admit((await self._fetch(request)).rows)
            yield self._next_position(request), kept
            if gate.stopped:
                return
            index += 1
        self._ended(gate)

    async def pages(self) -> AsyncIterator[Page[T]]:
        index = 0
        async for result in self._results():
            yield Page(
                self._request(index),
                [self._parse(row) for row in result.rows],
                result.total,
                result.has_next,
            )
            index += 1

    async def _results(self) -> AsyncIterator[PageResult]:
        if self._max_items == 0:
            return
        if self._counter is not None and self._counts_first():
            self._total = await self._counter()
        first = self._take_first() or await self._fetch(self._request(0))
        self._keep_total(first)
        if self._counter is not None and self._wants_count(first):
            self._total = await self._counter()
        yield first
        if not self._more(first):
            return
        index, cap, planned = 1, self._page_cap(), self._planned(first)
        if planned is not None:
            last = first
            async for last in self._ahead(index, planned):
                yield last
            if not self._more(last) or (cap is not None and planned >= cap):
                return
            index = max(planned, 1)
        while cap is None or index < cap:
            result = await self._fetch(self._request(index))
            yield result
            if not self._more(result):
                return
            index += 1

    async def _ahead(self, start: int, stop: int) -> AsyncIterator[PageResult]:
        import asyncio  # loaded by the first asyncio walk, not by `import tracebridge`

        pending: deque[asyncio.Task[PageResult]] = deque()
        index = start
        try:
            while index < stop or pending:
                while index < stop and len(pending) < self._concurrency:
                    pending.append(asyncio.ensure_future(self._fetch(self._request(index))))
                    index += 1
                result = await pending.popleft()
                yield result
                if not result.has_next:
                    return
        finally:
            for task in pending:
                task.cancel()
