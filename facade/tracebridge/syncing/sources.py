"""What a sync reads: each source is one listing of one service, walked in the order of a
field that never changes once a row exists (a trace's start, a record's creation), between
a lower bound and an upper bound frozen when the run starts.

Walking in that order is what makes a page a safe checkpoint: rows that arrive or change
during the walk can only be met twice (harmless, they are upserted), never skipped; and a
killed walk resumes from the last page's position. Rows that change after they were synced
come back through the lower bound: Galileo records carry `updated_at`, so a run asks for
every record updated since the last run began (minus the lookback); Respan rows carry no such
field, so a run asks for rows that started since the last run began minus the lookback
window, and an experiment that ends gets one whole pass, its scores being final then.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from ..errors import ConfigError
from ..export.flatten import parse_datetime
from ..filters import F
from ..filters.expr import Expr

Row = dict[str, Any]
RESPAN_ENDED = frozenset({"completed", "failed", "cancelled"})
GALILEO_KINDS = ("trace", "span")


@dataclass(frozen=True)
class Window:
    """One walk's bounds: rows changed (Galileo) or started (Respan) at or after `since`,
    positioned at or after `floor` (a resumed walk's checkpoint), and before `until`."""

    since: datetime | None
    floor: datetime | None
    until: datetime

    @property
    def start(self) -> datetime | None:
        """The lower bound on the walked field: the later of since and floor."""
        bounds = [moment for moment in (self.since, self.floor) if moment is not None]
        return max(bounds) if bounds else None


@dataclass(frozen=True)
class Plan:
    """What a source's check before the walk found: whether the walk must be whole
    (ignoring the watermark), and what to remember of the source."""

    whole: bool = False
    detail: Mapping[str, Any] = field(default_factory=dict)


class Source(Protocol):
    service: str  # "respan" or "galileo": which client reads it

    @property
    def identity(self) -> str: ...  # what was asked, stable across runs: the state's key

    @property
    def label(self) -> str: ...  # how progress and the summary name it

    def plan(self, client: Any, detail: Mapping[str, Any]) -> Plan: ...

    def listing(self, client: Any, window: Window) -> Any: ...  # a Pager, oldest first

    def position(self, row: Row) -> datetime | None: ...  # the walked field's value


def _identity(*parts: Any) -> str:
    return json.dumps(parts, separators=(",", ":"), default=str)


def _moment(row: Row, name: str) -> datetime | None:
    value = row.get(name)
    if isinstance(value, str) and value:
        return parse_datetime(value)
    return value if isinstance(value, datetime) else None


def _bounded(name: str, window: Window) -> Expr:
    condition: Expr = F[name] < window.until
    if window.start is not None:
        condition = (F[name] >= window.start) & condition
    return condition


@dataclass(frozen=True)
class RespanExperimentTraces:
    """An experiment's traces (with their span trees, so models and spans are there too)."""

    experiment_id: str
    detail: bool = True
    page_size: int = 100
    status: str | None = None  # as a listing of experiments gave it (saves reading it again)
    concurrency: int = 4  # pages fetched ahead while one is written (the limiter paces them)
    service: str = "respan"

    @property
    def identity(self) -> str:
        return _identity("respan", "experiment-traces", self.experiment_id, self.detail)

    @property
    def label(self) -> str:
        return f"respan experiment {self.experiment_id}"

    def plan(self, client: Any, detail: Mapping[str, Any]) -> Plan:
        """A whole pass when the experiment has ended since the last run (its evaluators
        are done: every score is final), else the usual walk from the watermark."""
        status = self.status or str(client.experiments.get(self.experiment_id).status)
        ended = status in RESPAN_ENDED and detail.get("status") not in RESPAN_ENDED
        return Plan(whole=ended, detail={"status": status})

    def listing(self, client: Any, window: Window) -> Any:
        return client.experiments.traces(
            self.experiment_id,
            sort="start_time",
            start_time=window.start,
            end_time=window.until,
            detail=self.detail,
            page_size=self.page_size,
            concurrency=self.concurrency,
        )

    def position(self, row: Row) -> datetime | None:
        return _moment(row, "start_time")


@dataclass(frozen=True)
class RespanLogs:
    """The organization's traces or spans (the logs APIs, which page up to 1,000 rows)."""

    kind: str  # "traces" or "spans"
    page_size: int = 1000
    concurrency: int = 4  # traces only: the spans' pages say no total, so they come in turn
    service: str = "respan"

    def __post_init__(self) -> None:
        if self.kind not in ("traces", "spans"):
            raise ConfigError(f"Respan logs are traces or spans, not {self.kind!r}")

    @property
    def identity(self) -> str:
        return _identity("respan", f"org-{self.kind}")

    @property
    def label(self) -> str:
        return f"respan {self.kind}"

    @property
    def field(self) -> str:
        return "start_time" if self.kind == "traces" else "timestamp"

    def plan(self, client: Any, detail: Mapping[str, Any]) -> Plan:
        return Plan()

    def listing(self, client: Any, window: Window) -> Any:
        if window.start is None:
            raise ConfigError("the organization's logs need a start: give since=")
        bounds = {"start_time": window.start, "end_time": window.until, "sort": self.field}
        if self.kind == "spans":
            return client.logs.spans(page_size=self.page_size, **bounds)
        return client.logs.traces(page_size=self.page_size, concurrency=self.concurrency, **bounds)

    def position(self, row: Row) -> datetime | None:
        return _moment(row, self.field)


@dataclass(frozen=True)
class RespanDatasetSpans:
    """A dataset's spans (or `_saved_logs`)."""

    dataset_id: str
    page_size: int = 100
    concurrency: int = 4
    service: str = "respan"

    @property
    def identity(self) -> str:
        return _identity("respan", "dataset-spans", self.dataset_id)

    @property
    def label(self) -> str:
        return f"respan dataset {self.dataset_id}"

    def plan(self, client: Any, detail: Mapping[str, Any]) -> Plan:
        return Plan()

    def listing(self, client: Any, window: Window) -> Any:
        return client.datasets.spans(
            self.dataset_id,
            where=_bounded("timestamp", window),
            sort="timestamp",
            page_size=self.page_size,
            concurrency=self.concurrency,
        )

    def position(self, row: Row) -> datetime | None:
        return _moment(row, "timestamp")


@dataclass(frozen=True)
class GalileoRecords:
    """The trace or span records of a log stream or an experiment."""

    kind: str  # "trace" or "span"
    log_stream_id: str | None = None
    experiment_id: str | None = None
    project_id: str | None = None
    page_size: int = 500
    service: str = "galileo"

    def __post_init__(self) -> None:
        if self.kind not in GALILEO_KINDS:
            raise ConfigError(
                f"Galileo records sync as {' or '.join(GALILEO_KINDS)}, not {self.kind!r} "
                "(sessions have no table of the common schema)"
            )
        if (self.log_stream_id is None) == (self.experiment_id is None):
            raise ConfigError("give exactly one of log_stream_id and experiment_id")

    @property
    def identity(self) -> str:
        run = self.log_stream_id or self.experiment_id
        return _identity("galileo", self.kind, self.project_id, run)

    @property
    def label(self) -> str:
        run = self.log_stream_id or self.experiment_id
        return f"galileo {self.kind}s of {run}"

    def plan(self, client: Any, detail: Mapping[str, Any]) -> Plan:
        return Plan()

    def _where(self, window: Window) -> Expr:
        where = _bounded("created_at", Window(None, window.floor, window.until))
        if window.since is not None:
            where = (F["updated_at"] >= window.since) & where
        return where

    def context(self, client: Any) -> dict[str, Any]:
        """What the records' common-schema rows take from the listing (`run_context`)."""
        context = {"project_id": self.project_id or client.project_id, "root_type": self.kind}
        if self.log_stream_id:
            context["log_stream_id"] = self.log_stream_id
        if self.experiment_id:
            context["experiment_id"] = self.experiment_id
        return context

    def export(self, client: Any, window: Window, to: Any) -> Any:
        """The same records as the service's own export (JSON lines, redacted as the
        listing is), streamed to `to` (a path or a binary file): what a database that reads
        JSON itself takes."""
        return client.export_records(
            self.kind,
            to=to,
            log_stream_id=self.log_stream_id,
            experiment_id=self.experiment_id,
            project_id=self.project_id,
            where=self._where(window),
            sort="created_at",
        )

    def listing(self, client: Any, window: Window) -> Any:
        where = self._where(window)
        return client.records(
            self.kind,
            log_stream_id=self.log_stream_id,
            experiment_id=self.experiment_id,
            project_id=self.project_id,
            where=where,
            sort="created_at",
            page_size=self.page_size,
        )

    def position(self, row: Row) -> datetime | None:
        return _moment(row, "created_at")
