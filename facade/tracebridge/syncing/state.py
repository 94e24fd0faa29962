"""What a sync remembers of each source, kept in the target itself (`_tracebridge_sync`), so
the data and how far it goes are always written together, in one transaction.

    query      the source's identity (what was asked), the key
    source     respan | galileo
    label      how the command line names it
    watermark  when the last whole run began: the next run asks from here minus the lookback
    last_run   when a run last wrote (a run that finds nothing new writes nothing, this included)
    rows_seen  source rows read by the runs that wrote, all told
    pending    a run that has not finished: its bounds and its last page's position (JSON)
    detail     what the source keeps besides (an experiment's status), JSON
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from ..export.flatten import parse_datetime
from ..schema import SCHEMA_VERSION

STATE_TABLE = "_tracebridge_sync"
STATE_COLUMNS = (
    "query", "source", "label", "watermark", "last_run", "rows_seen", "pending", "detail",
    "schema_version",
)  # fmt: skip


@dataclass(frozen=True)
class Pending:
    """An unfinished run: the bounds it walked and the position its last written page
    reached. A resumed run keeps the bounds and starts at the position."""

    began: datetime  # the run's frozen upper bound, which becomes the watermark when done
    since: datetime | None
    floor: datetime | None

    def to_json(self) -> str:
        return json.dumps({k: _iso(v) for k, v in vars(self).items()})

    @classmethod
    def from_json(cls, text: str | None) -> Pending | None:
        if not text:
            return None
        values = json.loads(text)
        return cls(**{k: _moment(values.get(k)) for k in ("began", "since", "floor")})  # type: ignore[arg-type]


@dataclass(frozen=True)
class State:
    query: str
    source: str
    label: str
    watermark: datetime | None = None
    last_run: datetime | None = None
    rows_seen: int = 0
    pending: Pending | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def row(self) -> tuple[Any, ...]:
        """The state as a row of `_tracebridge_sync`, in STATE_COLUMNS' order."""
        return (
            self.query, self.source, self.label, self.watermark, self.last_run, self.rows_seen,
            self.pending.to_json() if self.pending else None,
            json.dumps(self.detail, sort_keys=True), SCHEMA_VERSION,
        )  # fmt: skip

    @classmethod
    def from_row(cls, values: tuple[Any, ...]) -> State:
        named = dict(zip(STATE_COLUMNS, values, strict=True))
        return cls(
            query=named["query"],
            source=named["source"],
            label=named["label"],
            watermark=_moment(named["watermark"]),
            last_run=_moment(named["last_run"]),
            rows_seen=int(named["rows_seen"] or 0),
            pending=Pending.from_json(named["pending"]),
            detail=json.loads(named["detail"] or "{}"),
        )

    def advanced(self, **changes: Any) -> State:
        return replace(self, **changes)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_datetime(str(value))
