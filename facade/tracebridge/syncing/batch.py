"""A page of common-schema rows as a sync applies it: each trace and span once (the last
seen wins), and each score once per subject and evaluator. A subject's scores travel with
it: when a trace or span is new or changed its scores are replaced, so a score that
changed or disappeared at the source changes or disappears here too."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import UnexpectedResponseError, excerpt
from ..schema import TABLES

Row = dict[str, Any]
SUBJECT_TABLES = ("traces", "spans")
SUBJECT_KIND = {"traces": "trace", "spans": "span"}


def subject_key(row: Row) -> tuple[Any, Any]:
    return row.get("source"), row.get("source_id")


def score_key(row: Row) -> tuple[Any, ...]:
    evaluator = row.get("evaluator_id") or row.get("evaluator_slug") or row.get("evaluator_name")
    return row.get("source"), row.get("subject_kind"), row.get("subject_id"), evaluator or ""


@dataclass
class Counts:
    """What one apply did to a table's rows."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: Counts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged

    @property
    def written(self) -> int:
        return self.new + self.updated


@dataclass
class Batch:
    """The rows of one page (or of several, for a target that writes in larger steps)."""

    tables: dict[str, dict[tuple[Any, ...], Row]] = field(
        default_factory=lambda: {table: {} for table in TABLES}
    )

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, Row]]) -> Batch:
        batch = cls()
        batch.extend(pairs)
        return batch

    def extend(self, pairs: Iterable[tuple[str, Row]]) -> None:
        for table, row in pairs:
            key = score_key(row) if table == "scores" else subject_key(row)
            if key[-1 if table != "scores" else 2] is None:
                raise without_id(table, row)
            kept = self.tables[table]
            kept.pop(key, None)  # the latest comes last
            kept[key] = row

    def rows(self, table: str) -> list[Row]:
        return list(self.tables[table].values())

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def without_id(table: str, row: Row) -> UnexpectedResponseError:
    """A source row that has no id a store can key it by (null, empty, an object...):
    the service's answer is at fault, and the row is named rather than stored under a
    stand-in or dropped."""
    what = "a score's subject" if table == "scores" else f"a {table[:-1]}"
    return UnexpectedResponseError(
        f"{row.get('source')} sent {what} without a usable id (text or a whole number): "
        "it cannot be stored",
        status=200,
        excerpt=excerpt(str(row.get("raw") or "")[:400]),
    )


def counts_by_table() -> dict[str, Counts]:
    return {table: Counts() for table in TABLES}
