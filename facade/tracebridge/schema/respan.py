"""Respan rows in the common schema: a trace row (experiment traces, the organization's
traces) gives a `traces` row, a `spans` row per node of its span tree when it has one, and a
`scores` row per evaluator; a span row (dataset spans, the organization's spans) gives a
`spans` row and its `scores` rows. docs/schema.md has the field-by-field table."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

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
    truth,
    whole,
)

SOURCE = "respan"
TRACE_FIELDS = frozenset(
    {
        "id", "trace_unique_id", "name", "start_time", "end_time", "duration", "status",
        "input", "output", "expected_output", "total_prompt_tokens", "total_completion_tokens",
        "total_tokens", "total_cost", "span_count", "customer_identifier", "environment",
        "comparison_key", "metadata", "scores", "span_tree", "experiment_id",
    }
)  # fmt: skip
SPAN_FIELDS = frozenset(
    {
        "id", "unique_id", "span_unique_id", "trace_unique_id", "span_parent_id", "span_name",
        "log_type", "start_time", "timestamp", "latency", "status", "status_code",
        "error_message", "model", "prompt", "completion", "input", "output", "prompt_tokens",
        "completion_tokens", "total_request_tokens", "cost", "customer_identifier",
        "thread_identifier", "session_identifier", "environment", "dataset_id", "metadata",
        "scores", "experiment_id",
    }
)  # fmt: skip
NODE_FIELDS = frozenset({"id", "span_unique_id", "span_name", "log_type", "model", "children"})

# OpenInference span kinds for Respan's log types.
KINDS = {
    "chat": "LLM", "completion": "LLM", "text": "LLM", "response": "LLM", "generation": "LLM",
    "embedding": "EMBEDDING", "transcription": "LLM", "speech": "LLM",
    "workflow": "CHAIN", "task": "CHAIN", "handoff": "AGENT", "agent": "AGENT",
    "tool": "TOOL", "function": "TOOL", "guardrail": "GUARDRAIL", "score": "EVALUATOR",
}  # fmt: skip
_SCORE_TYPES = {
    "numerical": "numeric", "percentage": "numeric", "boolean": "boolean",
    "single_select": "categorical", "multi_select": "categorical", "categorical": "categorical",
    "text": "text", "comment": "text", "json": "text",
}  # fmt: skip


def kind_of(log_type: Any) -> str:
    return KINDS.get(str(log_type).lower(), "UNKNOWN") if log_type else "UNKNOWN"


def from_trace(row: Mapping[str, Any], context: Mapping[str, Any]) -> Iterator[tuple[str, Row]]:
    """A trace row's `traces` row, its span tree's `spans` rows and its `scores` rows."""
    start = instant(row.get("start_time"))
    seconds = number(row.get("duration"))
    duration = seconds * 1000 if seconds is not None else None
    end = instant(row.get("end_time")) or later(start, duration)
    trace_id = identifier(row.get("trace_unique_id")) or identifier(row.get("id"))
    experiment = row.get("experiment_id") or context.get("experiment_id")
    yield (
        "traces",
        {
            "source": SOURCE,
            "source_id": identifier(row.get("id")),
            "trace_id": trace_id,
            "name": row.get("name"),
            "start_time": start,
            "end_time": end,
            "duration_ms": duration,
            "status": status(text_status=row.get("status")),
            "error_message": None,
            "input": text(row.get("input")),
            "output": text(row.get("output")),
            "expected_output": text(row.get("expected_output")),
            "input_tokens": whole(row.get("total_prompt_tokens")),
            "output_tokens": whole(row.get("total_completion_tokens")),
            "total_tokens": whole(row.get("total_tokens"))
            if row.get("total_tokens") is not None
            else total(row.get("total_prompt_tokens"), row.get("total_completion_tokens")),
            "cost_usd": number(row.get("total_cost")),
            "span_count": whole(row.get("span_count")),
            "session_id": None,
            "user_id": row.get("customer_identifier"),
            "environment": row.get("environment"),
            "project_id": None,
            "log_stream_id": None,
            "experiment_id": experiment,
            "dataset_id": context.get("dataset_id"),
            "comparison_key": row.get("comparison_key"),
            "tags": None,
            "metadata": kept(SOURCE, row, TRACE_FIELDS, row.get("metadata")),
            "raw": raw(row),
        },
    )
    for node, parent in _nodes(row.get("span_tree"), None):
        yield "spans", _node(node, parent, trace_id, experiment, row)
    yield from scores(row.get("scores"), "trace", identifier(row.get("id")), trace_id, experiment)


def _nodes(tree: Any, parent: str | None) -> Iterator[tuple[Mapping[str, Any], str | None]]:
    for node in tree if isinstance(tree, list) else ():
        if isinstance(node, Mapping):
            yield node, parent
            span_id = identifier(node.get("span_unique_id")) or identifier(node.get("id"))
            yield from _nodes(node.get("children"), span_id)


def _node(
    node: Mapping[str, Any],
    parent: str | None,
    trace_id: Any,
    experiment: Any,
    trace: Mapping[str, Any],
) -> Row:
    """A node of a trace's span tree (trace-shaped) as a `spans` row."""
    start = instant(node.get("start_time"))
    seconds = number(node.get("duration"))
    duration = seconds * 1000 if seconds is not None else None
    model = node.get("model")
    span_row: Row = {
        "source": SOURCE,
        "source_id": identifier(node.get("span_unique_id")) or identifier(node.get("id")),
        "trace_id": trace_id,
        "span_id": identifier(node.get("span_unique_id")) or identifier(node.get("id")),
        "parent_span_id": parent,
        "name": node.get("span_name") or node.get("name"),
        "kind": kind_of(node.get("log_type")),
        "start_time": start,
        "end_time": instant(node.get("end_time")) or later(start, duration),
        "duration_ms": duration,
        "status": status(text_status=node.get("status")),
        "error_message": None,
        "provider": provider(model),
        "model": model,
        "input": text(node.get("input")),
        "output": text(node.get("output")),
        "expected_output": None,
        "input_tokens": whole(node.get("total_prompt_tokens")),
        "output_tokens": whole(node.get("total_completion_tokens")),
        "total_tokens": whole(node.get("total_tokens")),
        "cost_usd": number(node.get("total_cost")),
        "session_id": None,
        "user_id": trace.get("customer_identifier"),
        "environment": trace.get("environment"),
        "project_id": None,
        "log_stream_id": None,
        "experiment_id": experiment,
        "dataset_id": None,
        "comparison_key": trace.get("comparison_key"),
        "tags": None,
        "metadata": kept(SOURCE, node, NODE_FIELDS | TRACE_FIELDS, node.get("metadata")),
        "raw": raw({k: v for k, v in node.items() if k != "children"}),
    }
    return span_row


def from_span(row: Mapping[str, Any], context: Mapping[str, Any]) -> Iterator[tuple[str, Row]]:
    """A span row's `spans` row and its `scores` rows."""
    start = instant(row.get("start_time"))
    seconds = number(row.get("latency"))
    duration = seconds * 1000 if seconds is not None else None
    end = instant(row.get("timestamp")) or later(start, duration)
    span_id = (
        identifier(row.get("span_unique_id"))
        or identifier(row.get("unique_id"))
        or identifier(row.get("id"))
    )
    source_id = identifier(row.get("id")) or span_id  # the seed's dataset spans have no id
    trace_id = identifier(row.get("trace_unique_id"))
    experiment = row.get("experiment_id") or context.get("experiment_id")
    model = row.get("model")
    input_value = row.get("input") if row.get("input") is not None else row.get("prompt")
    output_value = row.get("output") if row.get("output") is not None else row.get("completion")
    yield (
        "spans",
        {
            "source": SOURCE,
            "source_id": source_id,
            "trace_id": trace_id,
            "span_id": span_id,
            "parent_span_id": identifier(row.get("span_parent_id")),
            "name": row.get("span_name") or row.get("log_type"),
            "kind": kind_of(row.get("log_type")),
            "start_time": start,
            "end_time": end,
            "duration_ms": duration,
            "status": status(text_status=row.get("status"), code=row.get("status_code")),
            "error_message": row.get("error_message"),
            "provider": provider(model),
            "model": model,
            "input": text(input_value),
            "output": text(output_value),
            "expected_output": None,
            "input_tokens": whole(row.get("prompt_tokens")),
            "output_tokens": whole(row.get("completion_tokens")),
            "total_tokens": whole(row.get("total_request_tokens"))
            if row.get("total_request_tokens") is not None
            else total(row.get("prompt_tokens"), row.get("completion_tokens")),
            "cost_usd": number(row.get("cost")),
            "session_id": row.get("session_identifier") or row.get("thread_identifier"),
            "user_id": row.get("customer_identifier"),
            "environment": row.get("environment"),
            "project_id": None,
            "log_stream_id": None,
            "experiment_id": experiment,
            "dataset_id": row.get("dataset_id") or context.get("dataset_id"),
            "comparison_key": None,
            "tags": None,
            "metadata": kept(SOURCE, row, SPAN_FIELDS, row.get("metadata")),
            "raw": raw(row),
        },
    )
    yield from scores(row.get("scores"), "span", source_id, trace_id, experiment)


def scores(
    found: Any, subject_kind: str, subject_id: Any, trace_id: Any, experiment: Any
) -> Iterator[tuple[str, Row]]:
    """One `scores` row per evaluator of a row's `scores` map: a ScoreValue object by its
    type, or (as the respan-api SDK allows) a bare value by its own type."""
    if not isinstance(found, Mapping):
        return
    for key, score in found.items():
        value: Mapping[str, Any] = score if isinstance(score, Mapping) else {"value": score}
        row: Row = {
            "source": SOURCE,
            "subject_kind": subject_kind,
            "subject_id": subject_id,
            "trace_id": trace_id,
            "experiment_id": experiment,
            "evaluator_id": value.get("evaluator_id") or key,
            "evaluator_slug": value.get("evaluator_slug") or key,
            "evaluator_name": value.get("evaluator_name"),
            "value_type": None,
            "numeric_value": None,
            "bool_value": None,
            "label": None,
            "explanation": value.get("explanation"),
        }
        _score_value(row, value)
        yield "scores", row


def _score_value(row: Row, value: Mapping[str, Any]) -> None:
    declared = _SCORE_TYPES.get(str(value.get("score_value_type") or "").lower())
    verdict = value.get("boolean_value")
    if isinstance(verdict, bool) or declared == "boolean":
        row["value_type"], row["bool_value"] = "boolean", truth(verdict)
        if row["bool_value"] is None and verdict is not None:  # kept, never read as a verdict
            row["label"] = text(verdict)
    elif number(value.get("numerical_value")) is not None or declared == "numeric":
        row["value_type"] = "numeric"
        row["numeric_value"] = number(value.get("numerical_value", value.get("avg_score")))
    elif value.get("categorical_value") is not None or declared == "categorical":
        labels = value.get("categorical_value")
        row["value_type"] = "categorical"
        row["label"] = ", ".join(map(str, labels)) if isinstance(labels, list) else text(labels)
    elif value.get("string_value") is not None or value.get("json_value") is not None:
        row["value_type"] = "text"
        row["label"] = text(value.get("string_value", value.get("json_value")))
    elif "value" in value:  # a bare value
        bare = value["value"]
        if isinstance(bare, bool):
            row["value_type"], row["bool_value"] = "boolean", bare
        elif number(bare) is not None:
            row["value_type"], row["numeric_value"] = "numeric", number(bare)
        else:
            row["value_type"], row["label"] = "text", text(bare)
    else:
        row["value_type"] = declared or "text"
        row["label"] = json_text(dict(value)) if declared is None else None
