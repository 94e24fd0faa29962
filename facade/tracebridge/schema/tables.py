"""The common schema's three tables: their columns, in order, and each column's type.

Types are the few every reader agrees on (docs/schema.md): text, whole and decimal numbers,
booleans, and UTC instants to the microsecond; lists and objects are JSON text.
"""

from __future__ import annotations

from typing import Final

SCHEMA_VERSION: Final = "1.0"
# The conventions the column meanings and the OTLP attributes follow (they still move).
OTEL_SEMCONV_VERSION: Final = "1.44.0"  # opentelemetry-semantic-conventions 0.66b2
OPENINFERENCE_VERSION: Final = "0.1.42"  # openinference-semantic-conventions

TEXT, INTEGER, NUMBER, BOOLEAN, INSTANT, JSON = (
    "text",
    "integer",
    "number",
    "boolean",
    "instant",
    "json",
)

_IDENTITY = (
    ("source", TEXT),  # respan | galileo
    ("source_id", TEXT),  # the row's id at the source
)
_CONTEXT = (
    ("session_id", TEXT),
    ("user_id", TEXT),
    ("environment", TEXT),
    ("project_id", TEXT),
    ("log_stream_id", TEXT),
    ("experiment_id", TEXT),
    ("dataset_id", TEXT),
    ("comparison_key", TEXT),
    ("tags", JSON),
    ("metadata", JSON),  # the source's own metadata, and every field no column names
    ("raw", JSON),  # the whole source row: nothing is ever lost
)
_USAGE = (
    ("input_tokens", INTEGER),
    ("output_tokens", INTEGER),
    ("total_tokens", INTEGER),
    ("cost_usd", NUMBER),
)

SPANS: Final = (
    *_IDENTITY,
    ("trace_id", TEXT),
    ("span_id", TEXT),
    ("parent_span_id", TEXT),
    ("name", TEXT),
    ("kind", TEXT),  # OpenInference span kind: LLM, CHAIN, TOOL, RETRIEVER, AGENT, ...
    ("start_time", INSTANT),
    ("end_time", INSTANT),
    ("duration_ms", NUMBER),
    ("status", TEXT),  # ok | error | unset
    ("error_message", TEXT),
    ("provider", TEXT),
    ("model", TEXT),
    ("input", TEXT),
    ("output", TEXT),
    ("expected_output", TEXT),
    *_USAGE,
    *_CONTEXT,
)
TRACES: Final = (
    *_IDENTITY,
    ("trace_id", TEXT),
    ("name", TEXT),
    ("start_time", INSTANT),
    ("end_time", INSTANT),
    ("duration_ms", NUMBER),
    ("status", TEXT),
    ("error_message", TEXT),
    ("input", TEXT),
    ("output", TEXT),
    ("expected_output", TEXT),
    *_USAGE,
    ("span_count", INTEGER),
    *_CONTEXT,
)
SCORES: Final = (
    ("source", TEXT),
    ("subject_kind", TEXT),  # trace | span
    ("subject_id", TEXT),  # the scored row's source_id
    ("trace_id", TEXT),
    ("experiment_id", TEXT),
    ("evaluator_id", TEXT),
    ("evaluator_slug", TEXT),
    ("evaluator_name", TEXT),
    ("value_type", TEXT),  # numeric | boolean | categorical | text
    ("numeric_value", NUMBER),
    ("bool_value", BOOLEAN),
    ("label", TEXT),  # a categorical or text value
    ("explanation", TEXT),
)
TABLES: Final = {"spans": SPANS, "traces": TRACES, "scores": SCORES}


_COLUMNS: Final = {table: tuple(name for name, _ in kinds) for table, kinds in TABLES.items()}


def columns(table: str) -> list[str]:
    return list(_COLUMNS[table])
