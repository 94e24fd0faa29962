"""Galileo's export in the common schema, mapped by DuckDB: the JSON lines are read by DuckDB's
own JSON reader and turned into the staged `traces`, `spans` and `scores` tables in SQL, with
no Python per row, so a sync ingests at the speed of the stream.

It is the mapping of `schema.galileo.from_record`, written a second time in SQL and built from
the same constants (the mapped fields, the service's measurements, the span kinds, the model
providers); `tests/sync/test_galileo_sql.py` holds the two to the same answer, record by
record. Two differences are by design: `raw` is the export's line itself (the service's bytes,
not a re-serialization), and JSON text inside other columns is DuckDB's rendering (equal as
JSON, not always as text: `1e-05` is written `0.00001`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..errors import ConfigError, ExportWriteError, UnexpectedResponseError, excerpt
from ..schema.galileo import FIELDS, KINDS, MEASURED, MEASUREMENTS, SOURCE
from ..schema.tables import TABLES
from ..schema.values import PROVIDERS
from . import sql

MACROS = (
    "CREATE OR REPLACE TEMP MACRO tb_num(v) AS CASE WHEN json_type(v) IN "
    "('BIGINT', 'UBIGINT', 'DOUBLE') THEN TRY_CAST(v AS DOUBLE) END",
    "CREATE OR REPLACE TEMP MACRO tb_whole(v) AS CASE "
    "WHEN json_type(v) IN ('BIGINT', 'UBIGINT') THEN TRY_CAST(v AS BIGINT) "
    "WHEN json_type(v) = 'DOUBLE' AND TRY_CAST(v AS DOUBLE) = floor(TRY_CAST(v AS DOUBLE)) "
    "THEN TRY_CAST(TRY_CAST(v AS DOUBLE) AS BIGINT) END",
    "CREATE OR REPLACE TEMP MACRO tb_text(v) AS CASE WHEN v IS NULL OR json_type(v) = 'NULL' "
    "THEN NULL WHEN json_type(v) = 'VARCHAR' THEN json_extract_string(v, '$') "
    "ELSE CAST(v AS VARCHAR) END",
    # `values.later`: to the microsecond, half to even; none past what Python can hold
    "CREATE OR REPLACE TEMP MACRO tb_later(start, ms) AS CASE WHEN "
    "TRY(start + to_microseconds(TRY_CAST(round_even(ms * 1000, 0) AS BIGINT))) "
    "<= TIMESTAMPTZ '9999-12-31 23:59:59.999999+00' "
    "THEN TRY(start + to_microseconds(TRY_CAST(round_even(ms * 1000, 0) AS BIGINT))) END",
    # an object's (key, value) pairs, read once; none for anything else
    "CREATE OR REPLACE TEMP MACRO tb_pairs(o) AS CASE WHEN json_type(o) = 'OBJECT' THEN "
    "list_transform(map_entries(CAST(o AS MAP(VARCHAR, JSON))), "
    "lambda e: {'k': e.key, 'v': e.value}) ELSE []::STRUCT(k VARCHAR, v JSON)[] END",
)


# What one reading of each record takes out (json_extract with a list of paths parses the
# document once): text fields, JSON fields, and the measurements of `metrics`.
TEXTS = ("id", "type", "trace_id", "name", "created_at", "error_message", "session_id",
         "project_id", "parent_id", "model")  # fmt: skip
VALUES = ("metrics", "status_code", "input", "output", "dataset_output", "tags",
          "user_metadata", "num_spans")  # fmt: skip
MEASURES = ("duration_ns", "cost", "num_input_tokens", "num_output_tokens", "num_total_tokens")


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    return "'" + str(value).replace("'", "''") + "'"


def _names(values: Any) -> str:
    return ", ".join(_literal(value) for value in sorted(values))


def _paths(names: tuple[str, ...]) -> str:
    return "[" + ", ".join(f"'$.{name}'" for name in names) + "]"


def _fields(mapped: frozenset[str]) -> str:
    """Each record's fields as columns, each document read once: the named fields, the
    measurements, the metrics' other keys, and the (key, value) pairs no column names."""
    texts = ", ".join(f"s[{i}] AS {name}" for i, name in enumerate(TEXTS, 1))
    values = ", ".join(f"v[{i}] AS {name}" for i, name in enumerate(VALUES, 1))
    measures = ", ".join(
        f"CASE WHEN json_type(v[1]) = 'OBJECT' THEN json_extract(v[1], '$.{name}') END AS m_{name}"
        for name in MEASURES
    )
    # the fields no column names: the record with the mapped ones patched away (cheaper
    # than reading every pair of the whole record), without nulls
    patch = "{" + ", ".join(f'"{name}": null' for name in sorted(mapped | {"metrics"})) + "}"
    return (
        f"SELECT raw, {texts}, {values}, {measures}, tb_pairs(v[1]) AS metric_pairs, "
        f"list_filter(tb_pairs(json_merge_patch(j, {_literal(patch)})), "
        "lambda e: json_type(e.v) <> 'NULL') AS extra_pairs "
        f"FROM (SELECT raw, j, json_extract_string(j, {_paths(TEXTS)}) AS s, "
        f"json_extract(j, {_paths(VALUES)}) AS v FROM tb_records)"
    )


def _provider() -> str:
    """`values.provider` as a CASE over the model's name after its last `/`."""
    name = "lower(regexp_extract(model, '[^/]*$'))"
    whens = []
    for prefixes, who in PROVIDERS:
        tests = " OR ".join(f"starts_with({name}, {_literal(p)})" for p in prefixes)
        whens.append(f"WHEN {tests} THEN {_literal(who)}")
    return f"CASE WHEN coalesce(model, '') = '' THEN NULL {' '.join(whens)} END"


def _kind() -> str:
    whens = " ".join(f"WHEN {_literal(k)} THEN {_literal(v)}" for k, v in KINDS.items())
    return f"CASE type {whens} ELSE 'UNKNOWN' END"


def _metadata_pairs() -> str:
    """`values.kept` of a record and `galileo._measured`, as (key, value) pairs: the record's
    user_metadata, then every field no column names (and the measurements without a column)
    as `galileo.<field>`, which win over a user_metadata key of the same name."""
    kept = _names(MEASUREMENTS - MEASURED)
    extras = (
        "list_concat("
        "CASE WHEN user_metadata IS NOT NULL AND json_type(user_metadata) NOT IN "
        f"('OBJECT', 'NULL') THEN [{{'k': '{SOURCE}.metadata', 'v': user_metadata}}] "
        "ELSE []::STRUCT(k VARCHAR, v JSON)[] END, "
        f"list_transform(extra_pairs, lambda e: {{'k': '{SOURCE}.' || e.k, 'v': e.v}}), "
        f"list_transform(list_filter(metric_pairs, lambda e: e.k IN ({kept}) "
        f"AND json_type(e.v) <> 'NULL'), lambda e: {{'k': '{SOURCE}.metrics.' || e.k, "
        "'v': e.v}))"
    )
    return (
        f"SELECT *, list_concat(list_filter(tb_pairs(user_metadata), lambda e: NOT "
        "list_contains(list_transform(extras, lambda x: x.k), e.k)), extras) AS meta_pairs "
        f"FROM (SELECT *, {extras} AS extras FROM tb_fields)"
    )


METADATA = (
    "CASE WHEN len(meta_pairs) > 0 THEN CAST(to_json(map(list_transform(meta_pairs, "
    "lambda e: e.k), list_transform(meta_pairs, lambda e: e.v))) AS VARCHAR) END"
)


TRACE_ID = "coalesce(nullif(trace_id, ''), CASE WHEN type = 'trace' THEN nullif(id, '') END)"


def _common(context: Mapping[str, Any]) -> dict[str, str]:
    """The columns every record gives (a `traces` or `spans` row's shared part)."""
    runs = {key: context.get(key) for key in ("log_stream_id", "experiment_id")}
    duration = "tb_num(m_duration_ns) / 1e6"
    tokens_in, tokens_out = "tb_whole(m_num_input_tokens)", "tb_whole(m_num_output_tokens)"
    total = (
        "CASE WHEN json_type(m_num_total_tokens) IS NOT NULL "
        "AND json_type(m_num_total_tokens) <> 'NULL' THEN tb_whole(m_num_total_tokens) "
        f"WHEN {tokens_in} IS NULL AND {tokens_out} IS NULL THEN NULL "
        f"ELSE coalesce({tokens_in}, 0) + coalesce({tokens_out}, 0) END"
    )
    start = "TRY_CAST(created_at AS TIMESTAMPTZ)"
    return {
        "source": _literal(SOURCE),
        "source_id": "id",
        "trace_id": TRACE_ID,
        "name": "name",
        "start_time": start,
        "end_time": f"tb_later({start}, {duration})",
        "duration_ms": duration,
        "status": "CASE WHEN tb_whole(status_code) IS NULL THEN 'unset' "
        "WHEN tb_whole(status_code) < 400 THEN 'ok' ELSE 'error' END",
        "error_message": "error_message",
        "input": "tb_text(input)",
        "output": "tb_text(output)",
        "expected_output": "tb_text(dataset_output)",
        "input_tokens": tokens_in,
        "output_tokens": tokens_out,
        "total_tokens": total,
        "cost_usd": "tb_num(m_cost)",
        "session_id": "session_id",
        "project_id": f"coalesce(nullif(project_id, ''), {_literal(context.get('project_id'))})",
        "log_stream_id": _literal(runs["log_stream_id"]),
        "experiment_id": _literal(runs["experiment_id"]),
        "tags": "nullif(CAST(tags AS VARCHAR), 'null')",
        "metadata": METADATA,
        "raw": "raw",
        "span_count": "tb_whole(num_spans)",
        "span_id": "id",
        "parent_span_id": "parent_id",
        "kind": _kind(),
        "provider": _provider(),
        "model": "model",
    }


def _select(table: str, expressions: Mapping[str, str]) -> str:
    types = {name: sql.DUCKDB.types.get(kind, "VARCHAR") for name, kind in TABLES[table]}
    types["raw"] = sql.DUCKDB.raw_type
    return ", ".join(
        f"CAST({expressions.get(name, 'NULL')} AS {types[name]}) AS {name}"
        for name, _ in TABLES[table]
    )


def _scores(context: Mapping[str, Any]) -> str:
    """`schema.galileo.scores`: a row per scorer metric (a metric the service does not own)."""
    kind = "json_type(e.v)"
    expressions = {
        "source": _literal(SOURCE),
        "subject_kind": "CASE WHEN type = 'trace' THEN 'trace' ELSE 'span' END",
        "subject_id": "id",
        "trace_id": TRACE_ID,
        "experiment_id": _literal(context.get("experiment_id")),
        "evaluator_id": "e.k",
        "evaluator_slug": "e.k",
        "evaluator_name": "e.k",
        "value_type": f"CASE WHEN {kind} = 'BOOLEAN' THEN 'boolean' "
        f"WHEN {kind} IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN 'numeric' "
        f"WHEN {kind} = 'VARCHAR' THEN 'categorical' ELSE 'text' END",
        "numeric_value": "tb_num(e.v)",
        "bool_value": f"CASE WHEN {kind} = 'BOOLEAN' THEN TRY_CAST(e.v AS BOOLEAN) END",
        "label": f"CASE WHEN {kind} IN ('BOOLEAN', 'BIGINT', 'UBIGINT', 'DOUBLE') THEN NULL "
        "ELSE tb_text(e.v) END",
    }
    scorer = f"json_type(e.v) <> 'NULL' AND e.k NOT IN ({_names(MEASUREMENTS)})"
    return (
        f"SELECT {_select('scores', expressions)} FROM (SELECT type, id, trace_id, "
        f"unnest(list_filter(metric_pairs, lambda e: {scorer})) AS e FROM tb_fields)"
    )


def first_bad_line(path: str) -> tuple[int, str] | None:
    """The first line of a JSON-lines file that is not a JSON object, and its number."""
    with open(path, "rb") as file:
        for number, line in enumerate(file, 1):
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not isinstance(record, dict):
                return number, line.decode("utf-8", "replace")
    return None


def not_a_record(line: int, text: str) -> UnexpectedResponseError:
    return UnexpectedResponseError(
        f"Galileo's export holds a line that is not a JSON object with an id (line {line:,} "
        "of a chunk): the answer is not the export it documents",
        status=200,
        excerpt=excerpt(text[:400]),
    )


def stage_records(execute: Any, path: str, context: Mapping[str, Any]) -> None:
    """Read a JSON-lines file of Galileo records into the staged tables (see `sql.staged`),
    each record once (the last of repeats)."""
    runs = any(context.get(key) for key in ("log_stream_id", "experiment_id"))
    mapped = FIELDS | {"run_id"} if runs else FIELDS
    for macro in MACROS:
        execute(macro)
    execute("DROP TABLE IF EXISTS tb_records")
    try:
        execute(
            "CREATE TEMP TABLE tb_records AS SELECT j, raw, line FROM ("
            "SELECT json AS j, CAST(json AS VARCHAR) AS raw, row_number() OVER () AS line "
            f"FROM read_json_objects({_literal(path)}, format = 'newline_delimited')) "
            "QUALIFY row_number() OVER (PARTITION BY coalesce(json_extract_string(j, '$.id'), "
            "'line ' || line) ORDER BY line DESC) = 1"
        )
    except ExportWriteError:
        bad = first_bad_line(path)
        if bad is None:
            raise
        raise not_a_record(*bad) from None
    # a record must be an object with an id (text or a whole number): anything else is the
    # service's answer at fault, named by line, never a row keyed by a stand-in
    unusable = execute(
        "SELECT line, raw FROM tb_records WHERE json_type(j) IS DISTINCT FROM 'OBJECT' "
        "OR json_type(j, '$.id') NOT IN ('VARCHAR', 'BIGINT', 'UBIGINT') "
        "OR json_extract_string(j, '$.id') = '' ORDER BY line LIMIT 1"
    )
    if unusable:
        ((line, text),) = unusable
        raise not_a_record(int(line), text)
    execute("DROP TABLE IF EXISTS tb_fields")
    execute(f"CREATE TEMP TABLE tb_fields AS {_fields(frozenset(mapped))}")
    execute("DROP TABLE tb_records")
    ((sessions,),) = execute("SELECT count(*) FROM tb_fields WHERE type = 'session'")
    if sessions:
        raise ConfigError(
            "Galileo sessions have no table in the common schema (spans, traces, scores); "
            "export their traces or spans instead"
        )
    common = _common(context)
    keyed = _metadata_pairs()
    execute(
        f"CREATE TEMP TABLE {sql.staged('traces')} AS SELECT {_select('traces', common)} "
        f"FROM ({keyed}) WHERE type = 'trace'"
    )
    execute(
        f"CREATE TEMP TABLE {sql.staged('spans')} AS SELECT {_select('spans', common)} "
        f"FROM ({keyed}) WHERE type IS DISTINCT FROM 'trace'"
    )
    execute(f"CREATE TEMP TABLE {sql.staged('scores')} AS {_scores(context)}")
    execute("DROP TABLE tb_fields")
