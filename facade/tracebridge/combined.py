"""Several listings walked as one, each row saying which listing it came from.

    across = rs.experiments.traces_across(["exp_1", "exp_2"], where="total_cost > 0.01")
    across.to_parquet("traces.parquet")        # one file, `experiment_id` its first column

Every listing is planned (its ids and filter checked) before the first request; they are
walked one after another, so memory stays flat. Such a walk is not one listing the service
can page through again, so its exports cannot be resumed: they are written afresh.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import Any

from .errors import ConfigError
from .export.flatten import Row, RowSchema
from .export.methods import AsyncExports, Exports
from .pagination import AsyncPager, Pager


class _Taken:
    """The rows given so far of a combined walk: each page labelled and cut at the cap."""

    def __init__(self, column: str, cap: int | None):
        self.column, self.cap = column, cap
        self.rows = self.pages = 0

    def page(self, label: str, rows: list[Row]) -> list[Row]:
        room = len(rows) if self.cap is None else max(0, self.cap - self.rows)
        kept = [{self.column: label, **row} for row in rows[:room]]
        self.rows, self.pages = self.rows + len(kept), self.pages + 1
        return kept

    @property
    def full(self) -> bool:
        return self.cap is not None and self.rows >= self.cap


def _schema(column: str, first: Any) -> RowSchema:
    listed = first.export_source().schema
    fields = (column, *(f for f in listed.fields if f != column))
    return RowSchema(fields, listed.datetimes, listed.whole | {column})


def check_labels(labels: Sequence[str], what: str) -> None:
    """At least one label, none twice (the rows could not be told apart)."""
    if isinstance(labels, str) or not labels:
        raise ConfigError(f"give a list of one or more {what}s, not {labels!r}")
    twice = sorted({label for label in labels if list(labels).count(label) > 1})
    if twice:
        raise ConfigError(f"{what}s given twice: {', '.join(twice)}")


class _Walk:
    """What both kinds share: the parts, the label column, the cap on rows, and the seam an
    export reads (`export.source.RowSource`; no listing, so no resume)."""

    listing = None
    position = 0
    recent_capacity = 0

    def __init__(self, parts: Sequence[tuple[str, Any]], column: str, max_items: int | None):
        self._parts = list(parts)
        self.column = column
        self.schema = _schema(column, self._parts[0][1])
        self.page_size = max(part.export_source().page_size for _, part in self._parts)
        self._max_items = max_items

    def row_id(self, row: Row) -> Any:
        return None

    def resumed(self, position: int, rows: int) -> Any:
        raise ConfigError("a walk over several listings cannot be resumed")

    def export_source(self) -> Any:
        return self

    def _added(self, totals: list[int | None]) -> int | None:
        if any(total is None for total in totals):
            return None
        total = sum(t for t in totals if t is not None)
        return total if self._max_items is None else min(total, self._max_items)


class Combined(_Walk, Exports):
    """Blocking: `for row in combined`, `.rows()`, `.count`, and every `to_*` export."""

    def __init__(
        self, parts: Sequence[tuple[str, Pager[Any]]], column: str, max_items: int | None = None
    ):
        super().__init__(parts, column, max_items)

    @property
    def count(self) -> int | None:
        """The listings' totals added up (None when one of them has none)."""
        return self._added([pager.count for _, pager in self._parts])

    def __iter__(self) -> Iterator[Row]:
        return self.rows()

    def rows(self) -> Iterator[Row]:
        """Every row of every listing, its label first."""
        for _, rows in self.row_pages():
            yield from rows

    def row_pages(self, recent: Iterable[Any] = ()) -> Iterator[tuple[int, list[Row]]]:
        taken = _Taken(self.column, self._max_items)
        for label, pager in self._parts:
            for _, rows in pager.export_source().row_pages():
                if kept := taken.page(label, rows):
                    yield taken.pages, kept
                if taken.full:
                    return


class AsyncCombined(_Walk, AsyncExports):
    """The same for asyncio: `async for row in combined`, `await combined.count`, exports."""

    def __init__(
        self,
        parts: Sequence[tuple[str, AsyncPager[Any]]],
        column: str,
        max_items: int | None = None,
    ):
        super().__init__(parts, column, max_items)

    @property
    def count(self) -> Any:
        """`await combined.count`: the listings' totals added up (None when one has none)."""
        return self._count()

    async def _count(self) -> int | None:
        return self._added([await pager.count for _, pager in self._parts])

    def __aiter__(self) -> AsyncIterator[Row]:
        return self.rows()

    async def rows(self) -> AsyncIterator[Row]:
        async for _, rows in self.row_pages():
            for row in rows:
                yield row

    async def row_pages(self, recent: Iterable[Any] = ()) -> AsyncIterator[tuple[int, list[Row]]]:
        taken = _Taken(self.column, self._max_items)
        for label, pager in self._parts:
            async for _, rows in pager.export_source().row_pages():
                if kept := taken.page(label, rows):
                    yield taken.pages, kept
                if taken.full:
                    return
