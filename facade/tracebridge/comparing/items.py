"""An experiment as `compare` sees it: one item per trace, with its alignment key, its
scores by evaluator, and its cost, latency and tokens, read through the common schema.

Alignment keys (docs/compare.md):
- Respan: the trace's `comparison_key` (the dataset row it ran); a trace without one falls
  back to its input text.
- Galileo: the dataset row the trace ran: its `dataset_input` text, followed by a short
  digest of its `dataset_output` and `dataset_metadata` (two rows with the same input and
  other expected outputs stay apart); a trace without `dataset_input` falls back to its
  input text.
A key met more than once in one experiment (an item run several times) is numbered by
order of start: the second `faq_001` is `faq_001#2`, and pairs with the other side's second;
a number already taken (a key spelled `faq_001#2` at the source) is passed over, so every
item keeps a key of its own and is compared or listed exactly once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..schema import Origin, common_rows
from ..schema.values import text

Row = dict[str, Any]
NUMERIC, BOOLEAN, CATEGORICAL, TEXT = "numeric", "boolean", "categorical", "text"
# The usage every item has, and whether less is better (it is, for all three).
USAGE = (("cost_usd", "cost_usd"), ("latency_ms", "duration_ms"), ("total_tokens", "total_tokens"))


@dataclass(frozen=True)
class Score:
    kind: str  # numeric | boolean | categorical | text
    value: Any
    evaluator_id: str | None = None


@dataclass
class Item:
    key: str
    trace_id: str
    start_time: Any
    input: str | None
    output: str | None
    expected_output: str | None
    usage: dict[str, float | None]
    scores: dict[str, Score] = field(default_factory=dict)


@dataclass
class Experiment:
    """One experiment's items, in order of start, and what the service calls it."""

    service: str
    id: str
    name: str | None
    items: list[Item]

    @property
    def label(self) -> str:
        return self.name or self.id

    def evaluator_id(self, name: str) -> str:
        """The service's id of the evaluator scores call `name` (its slug)."""
        for item in self.items:
            score = item.scores.get(name)
            if score is not None and score.evaluator_id:
                return score.evaluator_id
        return name

    def evaluators(self) -> dict[str, str]:
        """Each evaluator's value type (the first one met)."""
        found: dict[str, str] = {}
        for item in self.items:
            for name, score in item.scores.items():
                found.setdefault(name, score.kind)
        return found


def _score(row: Row) -> Score | None:
    kind = row.get("value_type")
    evaluator = row.get("evaluator_id")
    if kind == NUMERIC and row.get("numeric_value") is not None:
        return Score(NUMERIC, float(row["numeric_value"]), evaluator)
    if kind == BOOLEAN and row.get("bool_value") is not None:
        return Score(BOOLEAN, bool(row["bool_value"]), evaluator)
    if row.get("label") is not None:
        return Score(CATEGORICAL if kind == CATEGORICAL else TEXT, str(row["label"]), evaluator)
    return None


def _respan_key(trace: Row) -> str:
    return str(trace.get("comparison_key") or trace.get("input") or trace.get("source_id"))


def _galileo_key(trace: Row) -> str:
    raw = json.loads(trace["raw"]) if trace.get("raw") else {}
    if raw.get("dataset_input") is not None:
        key = text(raw["dataset_input"]) or ""
        rest = [raw.get("dataset_output"), raw.get("dataset_metadata")]
        if any(value is not None for value in rest):  # the row's other columns, in short
            digest = json.dumps(rest, sort_keys=True, separators=(",", ":"), default=str)
            key += f" [{hashlib.sha256(digest.encode()).hexdigest()[:8]}]"
        return key
    return str(trace.get("input") or trace.get("source_id"))


def items_of(pairs: Iterable[tuple[str, Row]], source: str) -> list[Item]:
    """The items of an experiment's common-schema rows: its traces and their trace scores."""
    traces: list[Row] = []
    scores: dict[str, dict[str, Score]] = {}
    for table, row in pairs:
        if table == "traces":
            traces.append(row)
        elif table == "scores" and row.get("subject_kind") == "trace":
            score = _score(row)
            if score is not None:
                name = str(row.get("evaluator_slug") or row.get("evaluator_id"))
                scores.setdefault(str(row["subject_id"]), {})[name] = score
    traces.sort(key=lambda t: (t.get("start_time") is None, t.get("start_time"), t["source_id"]))
    key_of = _galileo_key if source == "galileo" else _respan_key
    seen: dict[str, int] = {}
    taken: set[str] = set()
    items = []
    for trace in traces:
        base = key_of(trace)
        seen[base] = seen.get(base, 0) + 1
        key = base if seen[base] == 1 else f"{base}#{seen[base]}"
        while key in taken:  # a key that is itself spelled `k#2`: the next number is free
            seen[base] += 1
            key = f"{base}#{seen[base]}"
        taken.add(key)
        usage = {name: _number(trace.get(column)) for name, column in USAGE}
        items.append(
            Item(
                key=key,
                trace_id=str(trace["source_id"]),
                start_time=trace.get("start_time"),
                input=trace.get("input"),
                output=trace.get("output"),
                expected_output=trace.get("expected_output"),
                usage=usage,
                scores=scores.get(str(trace["source_id"]), {}),
            )
        )
    return items


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def check_id(client: Any, experiment_id: Any) -> str:
    """An experiment id as the client's service spells them, refused before any request."""
    from ..galileo import Galileo, _uuid
    from ..respan import Respan, _id

    if isinstance(client, Respan):
        return _id(experiment_id, "experiment_id")
    if isinstance(client, Galileo):
        return _uuid(experiment_id, "experiment_id")
    raise ConfigError(
        f"compare reads experiments with a Respan or Galileo client, not {type(client).__name__}"
    )


def load(client: Any, experiment_id: str, *, page_size: int = 100) -> Experiment:
    """An experiment's items, read with `client` (a Respan or a Galileo client)."""
    from ..galileo import Galileo
    from ..respan import Respan

    if isinstance(client, Respan):
        detail = client.experiments.get(experiment_id)
        # pages fetched ahead while one is read (the client's rate limiter paces them)
        pager = client.experiments.traces(experiment_id, page_size=page_size, concurrency=4)
        origin = Origin("respan", "trace", {"experiment_id": experiment_id})
        rows = common_rows(pager.rows(), origin)
        return Experiment("respan", experiment_id, _name(detail), items_of(rows, "respan"))
    if isinstance(client, Galileo):
        names = {str(e.id): e.name for e in client.experiments()}
        if experiment_id not in names:
            raise ConfigError(f"Galileo has no experiment {experiment_id!r} in this project")
        records = client.records("trace", experiment_id=experiment_id, page_size=500)
        rows = common_rows(records.rows(), records.export_source().schema.origin)
        return Experiment("galileo", experiment_id, names[experiment_id], items_of(rows, "galileo"))
    raise ConfigError(
        f"compare reads experiments with a Respan or Galileo client, not {type(client).__name__}"
    )


def _name(detail: Any) -> str | None:
    name = getattr(detail, "name", None)
    return name if isinstance(name, str) else None


def experiment_of(service: str, id: str, rows: Iterable[Row], name: str | None = None,
                  context: Mapping[str, Any] | None = None) -> Experiment:  # fmt: skip
    """An experiment from rows already read (a Respan experiment's traces, or a Galileo
    experiment's trace records), without a client."""
    kind = "trace" if service == "respan" else "record"
    base = {"experiment_id": id} | ({"root_type": "trace"} if service == "galileo" else {})
    origin = Origin(service, kind, {**base, **(context or {})})
    return Experiment(service, id, name, items_of(common_rows(rows, origin), service))
