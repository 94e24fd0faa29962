"""The seam between what is walked and the export that writes it.

An export reads a walk through these protocols only: a `Pager` gives one with
`export_source()`, `write_rows` makes one of any iterable. Nothing here reaches into a
pager's private state, so either side can change without the other noticing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Any, Protocol

from .flatten import Row, RowSchema


class Listed(Protocol):
    """What an export's checkpoint keeps of the resource's listing: what was asked (its
    identity) and the time window frozen when the listing was made."""

    schema: RowSchema

    def identity(self) -> str: ...

    def frozen(self) -> dict[str, str]: ...

    def refreeze(self, values: Mapping[str, str]) -> None: ...


class Walked(Protocol):
    """What an export reads of any walk of rows before it starts: where it starts, how it
    pages, and `row_id`, which a resumed walk compares to drop rows written already."""

    @property
    def listing(self) -> Listed | None: ...  # None: a walk that cannot be resumed

    @property
    def schema(self) -> RowSchema: ...  # the columns its rows start with

    @property
    def page_size(self) -> int: ...

    @property
    def position(self) -> int: ...

    @property
    def recent_capacity(self) -> int: ...

    def row_id(self, row: Row) -> Any: ...


class RowSource(Walked, Protocol):
    """A walk of rows, page by page, each page with the position a resumed walk starts
    from."""

    def resumed(self, position: int, rows: int) -> RowSource: ...

    def row_pages(self, recent: Iterable[Any] = ()) -> Iterator[tuple[int, list[Row]]]: ...


class AsyncRowSource(Walked, Protocol):
    """A `RowSource` whose pages come from an asyncio walk."""

    def resumed(self, position: int, rows: int) -> AsyncRowSource: ...

    def row_pages(self, recent: Iterable[Any] = ()) -> AsyncIterator[tuple[int, list[Row]]]: ...


class Exportable(Protocol):
    """What `export_pager` takes: a total for the progress bar and a walk to write."""

    @property
    def count(self) -> int | None: ...

    def export_source(self) -> RowSource: ...


class AsyncExportable(Protocol):
    @property
    def count(self) -> Any: ...  # an awaitable of the total

    def export_source(self) -> AsyncRowSource: ...


class IterableSource:
    """Any iterable of rows, walked in chunks as if they were pages: no listing, no ids
    (so no resume), positions counting the chunks."""

    listing = None
    position = 0
    recent_capacity = 0

    def __init__(self, rows: Iterable[Row], schema: RowSchema | None = None, chunk: int = 10_000):
        self._rows = rows
        self.schema = schema or RowSchema()
        self.page_size = chunk

    @staticmethod
    def row_id(row: Row) -> None:
        return None

    def resumed(self, position: int, rows: int) -> IterableSource:
        raise TypeError("rows from an iterable cannot be walked again")

    def row_pages(self, recent: Iterable[Any] = ()) -> Iterator[tuple[int, list[Row]]]:
        chunk: list[Row] = []
        done = 0
        for row in self._rows:
            chunk.append(row)
            if len(chunk) == self.page_size:
                done += 1
                yield done, chunk
                chunk = []
        if chunk:
            yield done + 1, chunk
