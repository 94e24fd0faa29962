"""The common schema as OpenTelemetry traces: OTLP/JSON, one `ExportTraceServiceRequest` per
line, for any OTLP-compatible backend (an OTel collector's file receiver, `otlphttp`).

- Every `traces` row is a root span; every `spans` row a span under its parent, or under its
  trace's root when it names none. Ids are derived from the source ids (SHA-256 of
  `<source>:<id>`), so exporting the same data twice gives the same ids: a backend that
  receives both keeps one copy, and parent links hold across files.
- Attributes follow the OpenTelemetry GenAI semantic conventions (`gen_ai.*`, schema
  OTEL_SEMCONV_VERSION) and OpenInference (`openinference.span.kind`, `input.value`,
  `llm.token_count.*`, `session.id`, ...); what neither names is `tracebridge.*`.
- Each `scores` row is a `gen_ai.evaluation.result` event on its subject's span.
- Ids are lowercase hex and 64-bit integers are strings, as the OTLP/JSON encoding says.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from .. import __version__
from .tables import OTEL_SEMCONV_VERSION

Row = dict[str, Any]
SPANS_PER_REQUEST = 500
SPAN_KIND_INTERNAL, SPAN_KIND_CLIENT = 1, 3
STATUS = {"ok": 1, "error": 2}  # STATUS_CODE_OK, STATUS_CODE_ERROR; unset is 0 (left out)
OPERATIONS = {
    "LLM": "chat",
    "EMBEDDING": "embeddings",
    "TOOL": "execute_tool",
    "AGENT": "invoke_agent",
    "RETRIEVER": "retrieval",
    "CHAIN": "invoke_workflow",
}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def hex_id(source: str, identity: Any, size: int) -> str:
    """A stable id of `size` bytes, as hex, for a source's id (never all zeros)."""
    digest = hashlib.sha256(f"{source}:{identity}".encode()).hexdigest()[: size * 2]
    return digest if digest.strip("0") else "1".rjust(size * 2, "0")


def trace_hex(row: Row, kind: str) -> str:
    """The OTLP trace id of a row: its trace's, or (a span with no trace) its own."""
    if row.get("trace_id"):
        return hex_id(row["source"], f"trace:{row['trace_id']}", 16)
    own = row["source_id"] if kind == "traces" else row.get("span_id") or row["source_id"]
    return hex_id(row["source"], f"trace:{own}", 16)


def span_hex(source: str, identity: Any) -> str:
    return hex_id(source, f"span:{identity}", 8)


def nanoseconds(moment: Any) -> str | None:
    """A time as OTLP's fixed64 nanoseconds since 1970; None for a time it cannot hold
    (before 1970, or past 2554), which is then written as unknown rather than wrapped."""
    if not isinstance(moment, datetime):
        return None
    count = (moment - EPOCH) // _MICROSECOND * 1000
    return str(count) if 0 <= count < 2**64 else None


_MICROSECOND = datetime(1970, 1, 1, 0, 0, 0, 1, tzinfo=UTC) - EPOCH


def value(item: Any) -> dict[str, Any]:
    """An attribute value; what OTLP's types cannot hold (an integer past 64 bits, NaN or
    an infinity, which JSON cannot carry) is its text."""
    if isinstance(item, bool):
        return {"boolValue": item}
    if isinstance(item, int):
        if -(2**63) <= item < 2**63:
            return {"intValue": str(item)}
        return {"stringValue": str(item)}
    if isinstance(item, float):
        return {"doubleValue": item} if math.isfinite(item) else {"stringValue": repr(item)}
    if isinstance(item, list):
        return {"arrayValue": {"values": [value(x) for x in item]}}
    return {"stringValue": str(item)}


def attributes(pairs: Iterable[tuple[str, Any]]) -> list[dict[str, Any]]:
    return [{"key": key, "value": value(item)} for key, item in pairs if item is not None]


def _tags(text: Any) -> list[str] | None:
    if not isinstance(text, str):
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return [text]
    if isinstance(found, list) and all(isinstance(tag, str) for tag in found):
        return found
    return None


def span(kind: str, row: Row) -> dict[str, Any]:
    """One common-schema `traces` or `spans` row as an OTLP span."""
    source = row["source"]
    is_trace = kind == "traces"
    own = (row.get("trace_id") if is_trace else row.get("span_id")) or row["source_id"]
    parent = None
    if not is_trace:
        if row.get("parent_span_id"):
            parent = span_hex(source, row["parent_span_id"])
        elif row.get("trace_id") and row.get("trace_id") != own:
            parent = span_hex(source, row["trace_id"])
    span_kind = "CHAIN" if is_trace else row.get("kind") or "UNKNOWN"
    start = nanoseconds(row.get("start_time"))
    end = nanoseconds(row.get("end_time")) or start
    model = row.get("model")
    out: dict[str, Any] = {
        "traceId": trace_hex(row, kind),
        "spanId": span_hex(source, own),
        "name": row.get("name") or span_kind.lower(),
        "kind": SPAN_KIND_CLIENT if span_kind in ("LLM", "EMBEDDING") else SPAN_KIND_INTERNAL,
        "startTimeUnixNano": start or "0",
        "endTimeUnixNano": end or "0",
        "attributes": attributes(
            [
                ("openinference.span.kind", span_kind),
                ("gen_ai.operation.name", OPERATIONS.get(span_kind)),
                ("gen_ai.provider.name", row.get("provider")),
                ("gen_ai.request.model", model),
                ("gen_ai.response.model", model),
                ("gen_ai.usage.input_tokens", row.get("input_tokens")),
                ("gen_ai.usage.output_tokens", row.get("output_tokens")),
                ("gen_ai.conversation.id", row.get("session_id")),
                ("llm.model_name", model),
                ("llm.token_count.prompt", row.get("input_tokens")),
                ("llm.token_count.completion", row.get("output_tokens")),
                ("llm.token_count.total", row.get("total_tokens")),
                ("input.value", row.get("input")),
                ("output.value", row.get("output")),
                ("session.id", row.get("session_id")),
                ("user.id", row.get("user_id")),
                ("metadata", row.get("metadata")),
                ("tag.tags", _tags(row.get("tags"))),
                ("deployment.environment.name", row.get("environment")),
                ("tracebridge.source", source),
                ("tracebridge.source_id", row.get("source_id")),
                ("tracebridge.trace_id", row.get("trace_id")),
                ("tracebridge.cost_usd", row.get("cost_usd")),
                ("tracebridge.expected_output", row.get("expected_output")),
                ("tracebridge.project_id", row.get("project_id")),
                ("tracebridge.log_stream_id", row.get("log_stream_id")),
                ("tracebridge.experiment_id", row.get("experiment_id")),
                ("tracebridge.dataset_id", row.get("dataset_id")),
                ("tracebridge.comparison_key", row.get("comparison_key")),
            ]
        ),
    }
    if parent is not None:
        out["parentSpanId"] = parent
    code = STATUS.get(str(row.get("status")))
    if code is not None:
        message = row.get("error_message")
        out["status"] = {"code": code, **({"message": message} if message else {})}
    return out


def evaluation(score: Row, at: str) -> dict[str, Any]:
    """A `scores` row as a `gen_ai.evaluation.result` event."""
    numeric = score.get("numeric_value")
    flag = score.get("bool_value")
    label = score.get("label")
    if flag is not None:
        numeric, label = (1.0 if flag else 0.0), ("true" if flag else "false")
    return {
        "timeUnixNano": at,
        "name": "gen_ai.evaluation.result",
        "attributes": attributes(
            [
                ("gen_ai.evaluation.name", score.get("evaluator_name") or score["evaluator_slug"]),
                ("gen_ai.evaluation.score.value", numeric),
                ("gen_ai.evaluation.score.label", label),
                ("gen_ai.evaluation.explanation", score.get("explanation")),
                ("tracebridge.evaluator_id", score.get("evaluator_id")),
                ("tracebridge.evaluator_slug", score.get("evaluator_slug")),
                ("tracebridge.value_type", score.get("value_type")),
            ]
        ),
    }


def requests(pairs: Iterable[tuple[str, Row]], source: str) -> Iterator[dict[str, Any]]:
    """ExportTraceServiceRequest documents of about SPANS_PER_REQUEST spans each. A request
    ends only between traces (rows of one trace id come together: a trace, its span tree,
    then its scores), so every score travels in the request that holds its subject; a
    single trace larger than the limit is one request of its own."""
    batch: list[dict[str, Any]] = []
    by_source_id: dict[Any, dict[str, Any]] = {}
    group: Any = _NO_GROUP
    for table, row in pairs:
        if table == "scores":
            subject = by_source_id.get(row.get("subject_id"))
            if subject is not None:
                subject.setdefault("events", []).append(evaluation(row, subject["endTimeUnixNano"]))
            continue
        key = row.get("trace_id") or ("row", row.get("source_id"))
        if key != group:  # a new trace begins: the only place a request may end
            group = key
            if len(batch) >= SPANS_PER_REQUEST:
                yield _request(batch, source)
                batch, by_source_id = [], {}
        made = span(table, row)
        batch.append(made)
        by_source_id[row.get("source_id")] = made
    if batch:
        yield _request(batch, source)


_NO_GROUP = object()


def _request(spans: list[dict[str, Any]], source: str) -> dict[str, Any]:
    return {
        "resourceSpans": [
            {
                "resource": {
                    "attributes": attributes(
                        [("service.name", source), ("tracebridge.source", source)]
                    )
                },
                "scopeSpans": [
                    {"scope": {"name": "tracebridge", "version": __version__}, "spans": spans}
                ],
                "schemaUrl": f"https://opentelemetry.io/schemas/{OTEL_SEMCONV_VERSION}",
            }
        ]
    }


def lines(pairs: Iterable[tuple[str, Row]], source: str) -> Iterator[bytes]:
    for request in requests(pairs, source):
        yield (json.dumps(request, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
