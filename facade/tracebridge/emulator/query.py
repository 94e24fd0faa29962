"""Selecting, sorting and slicing a collection, with a small cache.

An unfiltered query in the collection's default order is served by slicing the lazy
collection directly, so paging a million generated rows costs only the rows of each page.
Any other query materialises the matching row indices once and keeps them (keyed by the
collection's version, so an insert invalidates them) for the pages that follow.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..catalog import Kind
from .data import Collection, Row
from .filters import parse_datetime

Predicate = Callable[[Row], bool]
Extract = Callable[[Row], Any]


@dataclass(frozen=True)
class Order:
    """Sort by one value, descending or not; rows without a value go last."""

    extract: Extract
    descending: bool


class Selection(Sequence[Row]):
    """The rows of a query, in order, fetched from the collection on demand."""

    def __init__(self, collection: Collection, indices: Sequence[int] | None):
        self._collection = collection
        self._indices = indices

    def __len__(self) -> int:
        return len(self._collection) if self._indices is None else len(self._indices)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if self._indices is None:
            return self._collection[index]
        return self._collection[self._indices[index]]

    def __iter__(self) -> Iterator[Row]:
        for index in range(len(self)):
            yield self[index]


class QueryCache:
    """The last few materialised selections."""

    def __init__(self, capacity: int = 32):
        self._capacity = capacity
        self._entries: OrderedDict[tuple[int, int, str], list[int]] = OrderedDict()
        self._lock = threading.Lock()

    def select(
        self,
        collection: Collection,
        key: Any,
        predicate: Predicate | None,
        order: Order | None,
    ) -> Selection:
        """The query's rows; `key` describes the query for caching (None: do not cache)."""
        if predicate is None and order is None:
            return Selection(collection, None)
        cache_key = (
            collection.serial,
            collection.version,
            json.dumps(key, sort_keys=True, default=str),
        )
        with self._lock:
            cached = self._entries.get(cache_key) if key is not None else None
            if cached is not None:
                self._entries.move_to_end(cache_key)
                return Selection(collection, cached)
        indices = [i for i, row in enumerate(collection) if predicate is None or predicate(row)]
        if order is not None:
            indices = _sorted(collection, indices, order)
        if key is None:
            return Selection(collection, indices)
        with self._lock:
            self._entries[cache_key] = indices
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)
        return Selection(collection, indices)


def _sorted(collection: Collection, indices: list[int], order: Order) -> list[int]:
    keyed: list[tuple[Any, int]] = []
    missing: list[int] = []
    for index in indices:
        value = order.extract(collection[index])
        if value is None:
            missing.append(index)
        else:
            keyed.append((value, index))
    # Python's sort is stable with reverse=True too: ties keep the default order.
    keyed.sort(key=lambda pair: pair[0], reverse=order.descending)
    return [index for _, index in keyed] + missing


def sort_value(kind: Kind) -> Callable[[Any], Any]:
    """How values of a kind compare when sorting."""
    if kind is Kind.DATETIME:
        return lambda value: None if value is None else parse_datetime(value)
    if kind in (Kind.INTEGER, Kind.NUMBER):
        return lambda value: None if value is None or isinstance(value, bool) else float(value)
    if kind is Kind.BOOLEAN:
        return lambda value: None if value is None else bool(value)
    return lambda value: (
        None if value is None else value if isinstance(value, str) else json.dumps(value)
    )


def both(first: Predicate | None, second: Predicate | None) -> Predicate | None:
    if first is None:
        return second
    if second is None:
        return first
    return lambda row: first(row) and second(row)
