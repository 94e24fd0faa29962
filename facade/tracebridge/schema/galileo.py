"""Galileo records in the common schema: a trace record gives a `traces` row, a span record
(llm, retriever, tool, workflow, agent, ...) a `spans` row, and each gives a `scores` row per
scorer metric (every key of `metrics` that is not one of the service's own measurements).
docs/schema.md has the field-by-field table."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..catalog import GALILEO_RECORD
from ..errors import ConfigError
from .tables import ordered_columns
from .values import (
    Row,
    instant,
    json_text,
    kept,
    later,
    number,
    provider,
    raw,
    status,
    text,
    total,
    whole,
)

SOURCE = "galileo"
# The service's own measurements in `metrics` (its documented keys); any other key is a
# scorer's output, and becomes a score.
MEASUREMENTS = frozenset(GALILEO_RECORD.nested.get("metrics", {}).get("keys", ()))
FIELDS = frozenset(
    {
        "id", "type", "name", "created_at", "status_code", "error_message", "model", "input",
        "output", "dataset_output", "session_id", "trace_id", "parent_id", "project_id",
        "tags", "user_metadata", "num_spans",
    }
)  # fmt: skip
# `metrics` itself is never kept whole in `metadata`: see `_measured`.
_MAPPED = FIELDS | {"metrics"}
_MAPPED_WITH_RUN = _MAPPED | {"run_id"}
# The measurements that have columns (the rest stay in `metadata` as metrics.<key>).
MEASURED = frozenset(
    {"duration_ns", "cost", "num_input_tokens", "num_output_tokens", "num_total_tokens"}
)
KINDS = {
    "llm": "LLM", "retriever": "RETRIEVER", "tool": "TOOL", "workflow": "CHAIN",
    "agent": "AGENT", "control": "GUARDRAIL", "guardrail": "GUARDRAIL",
    "embedding": "EMBEDDING", "reranker": "RERANKER", "evaluator": "EVALUATOR",
}  # fmt: skip


def run_context(run: Mapping[str, Any], project_id: Any, root_type: str) -> dict[str, Any]:
    """What a listing knows that its records do not say: which kind of run `run_id` is
    (and the kind of record asked, which tells two exports of one run apart)."""
    context = {"project_id": project_id, "root_type": root_type}
    for key in ("log_stream_id", "experiment_id"):
        if run.get(key):
            context[key] = str(run[key])
    return context


def from_record(row: Mapping[str, Any], context: Mapping[str, Any]) -> Iterator[tuple[str, Row]]:
    """A record's `traces` or `spans` row and its `scores` rows. A session has no table of
    the common schema: it is refused, naming what to export instead."""
    kind = row.get("type")
    if kind == "session":
        raise ConfigError(
            "Galileo sessions have no table in the common schema (spans, traces, scores); "
            "export their traces or spans instead"
        )
    found = row.get("metrics")
    metrics: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    start = instant(row.get("created_at"))
    nanoseconds = number(metrics.get("duration_ns"))
    duration = nanoseconds / 1e6 if nanoseconds is not None else None
    runs = {
        "log_stream_id": context.get("log_stream_id"),
        "experiment_id": context.get("experiment_id"),
    }
    # run_id is a log stream's or an experiment's id: a column when the listing says which,
    # else kept in metadata.
    mapped = _MAPPED_WITH_RUN if any(runs.values()) else _MAPPED
    common: Row = {
        "source": SOURCE,
        "source_id": row.get("id"),
        "trace_id": row.get("trace_id") or (row.get("id") if kind == "trace" else None),
        "name": row.get("name"),
        "start_time": start,
        "end_time": later(start, duration),
        "duration_ms": duration,
        "status": status(code=row.get("status_code")),
        "error_message": row.get("error_message"),
        "input": text(row.get("input")),
        "output": text(row.get("output")),
        "expected_output": text(row.get("dataset_output")),
        "input_tokens": whole(metrics.get("num_input_tokens")),
        "output_tokens": whole(metrics.get("num_output_tokens")),
        "total_tokens": whole(metrics.get("num_total_tokens"))
        if metrics.get("num_total_tokens") is not None
        else total(metrics.get("num_input_tokens"), metrics.get("num_output_tokens")),
        "cost_usd": number(metrics.get("cost")),
        "session_id": row.get("session_id"),
        "user_id": None,
        "environment": None,
        "project_id": row.get("project_id") or context.get("project_id"),
        **runs,
        "dataset_id": None,
        "comparison_key": None,
        "tags": json_text(row.get("tags")),  # a JSON column: JSON text, whatever it holds
        "metadata": kept(SOURCE, row, mapped, row.get("user_metadata"), _measured(metrics)),
        "raw": raw(row),
    }
    if kind == "trace":
        yield "traces", in_order("traces", {**common, "span_count": whole(row.get("num_spans"))})
    else:
        model = row.get("model")
        own = {
            "span_id": row.get("id"),
            "parent_span_id": row.get("parent_id"),
            "kind": KINDS.get(str(kind), "UNKNOWN"),
            "provider": provider(model),
            "model": model,
        }
        yield "spans", in_order("spans", {**common, **own})
    yield from scores(row, metrics, common)


def in_order(table: str, values: Row) -> Row:
    """A table's row with its columns in the contract's order."""
    names = ordered_columns(table)
    return dict(zip(names, map(values.get, names), strict=True))


def _measured(metrics: Mapping[str, Any]) -> dict[str, Any]:
    """What `metadata` keeps of `metrics` (its scorer outputs are scores rows, its main
    measurements columns): the other measurements, as `metrics.<key>`."""
    return {
        f"metrics.{key}": value
        for key, value in metrics.items()
        if key in MEASUREMENTS and key not in MEASURED
    }


def scores(
    row: Mapping[str, Any], metrics: Mapping[str, Any], common: Row
) -> Iterator[tuple[str, Row]]:
    """A `scores` row per scorer metric of the record."""
    subject = "trace" if row.get("type") == "trace" else "span"
    for name, value in metrics.items():
        if name in MEASUREMENTS or value is None:
            continue
        score: Row = {
            "source": SOURCE,
            "subject_kind": subject,
            "subject_id": row.get("id"),
            "trace_id": common["trace_id"],
            "experiment_id": common["experiment_id"],
            "evaluator_id": name,
            "evaluator_slug": name,
            "evaluator_name": name,
            "value_type": "text",
            "numeric_value": None,
            "bool_value": None,
            "label": None,
            "explanation": None,
        }
        if isinstance(value, bool):
            score["value_type"], score["bool_value"] = "boolean", value
        elif number(value) is not None:
            score["value_type"], score["numeric_value"] = "numeric", number(value)
        elif isinstance(value, str):
            score["value_type"], score["label"] = "categorical", value
        else:
            score["label"] = text(value)
        yield "scores", score
