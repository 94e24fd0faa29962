"""The documented fields of every row type, with the kind of value each holds.

One source for the facade's filter checks (Respan silently ignores unknown filter keys on
some endpoints, so names are checked before sending) and for the emulator, which filters,
sorts and validates with the same knowledge. tests/ ties these tables to the generated
models, so a spec change that adds or drops a field fails until this file follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final


class Kind(StrEnum):
    """How a field's values compare and filter."""

    STRING = "string"
    TEXT = "text"  # free text or JSON (input, output): matched by its text
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATETIME = "datetime"
    JSON = "json"  # any JSON value; not filterable
    MAPPING = "mapping"  # metadata: filtered per key as `metadata__<key>` / `metadata.<key>`
    SCORES = "scores"  # scores: filtered per evaluator as `scores__<id>` / `scores.<id>`


def _fields(**kinds: Kind) -> MappingProxyType[str, Kind]:
    return MappingProxyType(kinds)


S, T, I, N, B, D, J, M, SC = (  # noqa: E741
    Kind.STRING,
    Kind.TEXT,
    Kind.INTEGER,
    Kind.NUMBER,
    Kind.BOOLEAN,
    Kind.DATETIME,
    Kind.JSON,
    Kind.MAPPING,
    Kind.SCORES,
)

RESPAN_EXPERIMENT: Final = _fields(
    id=S,
    name=S,
    status=S,
    created_at=D,
    description=S,
    dataset=S,
    dataset_id=S,
    dataset_name=S,
    workflow_count=I,
    progress=N,
    started_at=D,
    completed_at=D,
    tags=J,
)

RESPAN_TRACE: Final = _fields(
    id=S,
    trace_unique_id=S,
    root_span_unique_id=S,
    environment=S,
    customer_identifier=S,
    name=S,
    input=T,
    output=T,
    expected_output=T,
    status=S,
    comparison_key=S,
    start_time=D,
    end_time=D,
    duration=N,
    span_count=I,
    llm_call_count=I,
    total_cost=N,
    total_tokens=I,
    total_prompt_tokens=I,
    total_completion_tokens=I,
    error_count=I,
    metadata=M,
    scores=SC,
)

RESPAN_SPAN: Final = _fields(
    id=S,
    unique_id=S,
    organization_id=S,
    environment=S,
    timestamp=D,
    start_time=D,
    prompt_tokens=I,
    completion_tokens=I,
    total_request_tokens=I,
    cost=N,
    model=S,
    latency=N,
    status_code=I,
    status=S,
    prompt=T,
    completion=T,
    input=T,
    output=T,
    dataset_id=S,
    annotation_status=S,
    annotation_completed_by=J,
    scores=SC,
    metadata=M,
    custom_identifier=S,
    log_type=S,
)

# Filter names that are not row keys: the older plain filter form of seed 003 filters
# dataset spans by `created_at`, which is the span's `timestamp`.
RESPAN_SPAN_FILTER_ALIASES: Final = MappingProxyType({"created_at": "timestamp"})

# Galileo column ids (`metrics/<name>` and `user_metadata/<key>` reach inside a record).
GALILEO_RECORD: Final = _fields(
    id=S,
    type=S,
    project_id=S,
    run_id=S,
    name=T,
    input=T,
    output=T,
    created_at=D,
    tags=J,
    session_id=S,
    trace_id=S,
    parent_id=S,
    metrics=M,
    user_metadata=M,
)

# Galileo's filter `type` for each column (what available_columns reports as filter_type).
GALILEO_FILTER_TYPES: Final = MappingProxyType(
    {
        "id": "id",
        "type": "text",
        "project_id": "id",
        "run_id": "id",
        "name": "text",
        "input": "text",
        "output": "text",
        "created_at": "date",
        "tags": "collection",
        "session_id": "id",
        "trace_id": "id",
        "parent_id": "id",
    }
)
# The operators each Galileo filter type has (the service's own lists).
GALILEO_OPERATORS: Final = MappingProxyType(
    {
        "id": frozenset({"eq", "ne", "one_of", "not_in", "contains"}),
        "date": frozenset({"eq", "ne", "gt", "gte", "lt", "lte"}),
        "number": frozenset({"eq", "ne", "gt", "gte", "lt", "lte", "between"}),
        "boolean": frozenset({"eq", "ne"}),
        "collection": frozenset({"eq", "contains", "one_of", "not_in"}),
        "text": frozenset({"eq", "ne", "contains", "one_of", "not_in"}),
    }
)
GALILEO_METRIC_COLUMNS: Final = (
    "metrics/duration_ns",
    "metrics/cost",
    "metrics/num_input_tokens",
    "metrics/num_output_tokens",
)


def nested_field(name: str, fields: Mapping[str, Kind]) -> tuple[str, str] | None:
    """(container, key) for a name inside metadata or scores: `metadata__k` or `metadata.k`."""
    for separator in ("__", "."):
        prefix, sep, rest = name.partition(separator)
        if sep and rest and fields.get(prefix) in (Kind.MAPPING, Kind.SCORES):
            return prefix, rest
    return None


def galileo_column_id(name: str) -> str:
    """A Galileo column id from a field name: `metrics.duration_ns` -> `metrics/duration_ns`."""
    prefix, sep, rest = name.partition(".")
    if sep and rest and prefix in ("metrics", "user_metadata"):
        return f"{prefix}/{rest}"
    return name


def galileo_filter_type(column_id: str) -> str | None:
    """The filter `type` that fits a Galileo column, or None for an unknown column."""
    if column_id in GALILEO_FILTER_TYPES:
        return GALILEO_FILTER_TYPES[column_id]
    prefix, _, key = column_id.partition("/")
    if key and prefix == "metrics":
        return "number"
    if key and prefix == "user_metadata":
        return "text"
    return None
