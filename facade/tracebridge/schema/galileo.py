"""Galileo records in the common schema: a trace record gives a `traces` row, a span record
(llm, retriever, tool, workflow, agent, ...) a `spans` row, and each gives a `scores` row per
scorer metric (every key of `metrics` that is not one of the service's own measurements).
docs/schema.md has the field-by-field table."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..catalog import GALILEO_RECORD
from ..errors import ConfigError
from .values import (
    Row,
    identifier,
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
    get = row.get
    start = instant(get("created_at"))
    nanoseconds = number(metrics.get("duration_ns"))
    duration = nanoseconds / 1e6 if nanoseconds is not None else None
    log_stream, experiment = context.get("log_stream_id"), context.get("experiment_id")
    inputs, outputs = metrics.get("num_input_tokens"), metrics.get("num_output_tokens")
    tokens = metrics.get("num_total_tokens")
    # run_id is a log stream's or an experiment's id: a column when the listing says which,
    # else kept in metadata.
    mapped = _MAPPED_WITH_RUN if log_stream or experiment else _MAPPED
    record_id = identifier(get("id"))
    trace_id = identifier(get("trace_id")) or (record_id if kind == "trace" else None)
    # Each row is built whole in the contract's order (tables.py), from the runs of columns
    # both tables share: the writers take a row's columns by name, and a row that has every
    # column is their fast path.
    head = {"source": SOURCE, "source_id": record_id, "trace_id": trace_id}
    timing = {
        "start_time": start,
        "end_time": later(start, duration),
        "duration_ms": duration,
        "status": status(code=get("status_code")),
        "error_message": get("error_message"),
    }
    content = {
        "input": text(get("input")),
        "output": text(get("output")),
        "expected_output": text(get("dataset_output")),
        "input_tokens": whole(inputs),
        "output_tokens": whole(outputs),
        "total_tokens": whole(tokens) if tokens is not None else total(inputs, outputs),
        "cost_usd": number(metrics.get("cost")),
    }
    context_columns = {
        "session_id": get("session_id"),
        "user_id": None,
        "environment": None,
        "project_id": get("project_id") or context.get("project_id"),
        "log_stream_id": log_stream,
        "experiment_id": experiment,
        "dataset_id": None,
        "comparison_key": None,
        "tags": json_text(get("tags")),  # a JSON column: JSON text, whatever it holds
        "metadata": kept(SOURCE, row, mapped, get("user_metadata"), _measured(metrics)),
        "raw": raw(row),
    }
    if kind == "trace":
        span_count = whole(get("num_spans"))
        yield (
            "traces",
            {
                **head,
                "name": get("name"),
                **timing,
                **content,
                "span_count": span_count,
                **context_columns,
            },
        )
    else:
        model = get("model")
        yield (
            "spans",
            {
                **head,
                "span_id": record_id,
                "parent_span_id": identifier(get("parent_id")),
                "name": get("name"),
                "kind": KINDS.get(str(kind), "UNKNOWN"),
                **timing,
                "provider": provider(model),
                "model": model,
                **content,
                **context_columns,
            },
        )
    yield from scores(row, metrics, trace_id, experiment)


def _measured(metrics: Mapping[str, Any]) -> dict[str, Any]:
    """What `metadata` keeps of `metrics` (its scorer outputs are scores rows, its main
    measurements columns): the other measurements, as `metrics.<key>`."""
    return {
        f"metrics.{key}": value
        for key, value in metrics.items()
        if key in MEASUREMENTS and key not in MEASURED
    }


def scores(
    row: Mapping[str, Any], metrics: Mapping[str, Any], trace_id: Any, experiment: Any
) -> Iterator[tuple[str, Row]]:
    """A `scores` row per scorer metric of the record."""
    subject = "trace" if row.get("type") == "trace" else "span"
    for name, value in metrics.items():
        if name in MEASUREMENTS or value is None:
            continue
        score: Row = {
            "source": SOURCE,
            "subject_kind": subject,
            "subject_id": identifier(row.get("id")),
            "trace_id": trace_id,
            "experiment_id": experiment,
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
        elif (numeric := number(value)) is not None:
            score["value_type"], score["numeric_value"] = "numeric", numeric
        elif isinstance(value, str):
            score["value_type"], score["label"] = "categorical", value
        else:
            score["label"] = text(value)
        yield "scores", score
