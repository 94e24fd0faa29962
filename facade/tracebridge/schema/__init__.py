"""One table for both services: the common schema (docs/schema.md).

    rs.experiments.traces("exp_123").to_parquet("out/", schema="common")
    # out/respan_traces.parquet, out/respan_spans.parquet, out/respan_scores.parquet

Rows of either service become rows of three tables, `spans`, `traces` and `scores` (long
format, one row per subject and evaluator), with the same columns whatever the source, aligned
with the OpenTelemetry GenAI semantic conventions and OpenInference (versions below). What no
column names stays in `metadata`, and the whole source row in `raw`: nothing is lost.
`--format otlp` (see `otlp`) writes the same data as OTLP/JSON trace requests.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from . import galileo, respan
from .tables import (
    OPENINFERENCE_VERSION,
    OTEL_SEMCONV_VERSION,
    SCHEMA_VERSION,
    TABLES,
    columns,
)

Row = dict[str, Any]
COMMON = "common"


@dataclass(frozen=True)
class Origin:
    """What rows are, for the common schema: the service, the kind of row (respan: trace or
    span; galileo: record) and what the listing knows that the rows do not say
    (`experiment_id` of an experiment's traces, `dataset_id`, Galileo's run)."""

    source: str
    kind: str
    context: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.source, self.kind) not in _MAPPERS:
            known = ", ".join(f"{s}/{k}" for s, k in _MAPPERS)
            raise ConfigError(
                f"{self.source} {self.kind} rows have no common-schema mapping; known: {known}"
            )


_MAPPERS = {
    ("respan", "trace"): respan.from_trace,
    ("respan", "span"): respan.from_span,
    ("galileo", "record"): galileo.from_record,
}


def common_rows(rows: Iterable[Row], origin: Origin) -> Iterator[tuple[str, Row]]:
    """Each source row's common-schema rows, as (table, row) pairs in the order they come."""
    mapper = _MAPPERS[(origin.source, origin.kind)]
    for row in rows:
        yield from mapper(row, origin.context)


def file_stem(origin: Origin, asked: str | None = None) -> str:
    """The name of an export's files: its source and a digest of what was asked (the
    listing's identity, else what the origin knows)."""
    import hashlib
    import json

    what = asked or json.dumps([origin.kind, dict(origin.context)], sort_keys=True, default=str)
    return f"{origin.source}-{hashlib.sha256(what.encode()).hexdigest()[:12]}"


def check_common(schema: Any, origin: Origin | None) -> Origin:
    """The origin of a common-schema export, refused before any request when there is none."""
    if schema != COMMON:
        raise ConfigError(f"schema must be {COMMON!r} or left out, not {schema!r}")
    if origin is None:
        raise ConfigError(
            "these rows have no common-schema mapping (it covers Respan traces and spans and "
            "Galileo trace and span records)"
        )
    return origin


__all__ = [
    "COMMON",
    "OPENINFERENCE_VERSION",
    "OTEL_SEMCONV_VERSION",
    "SCHEMA_VERSION",
    "TABLES",
    "Origin",
    "check_common",
    "columns",
    "common_rows",
    "file_stem",
]
