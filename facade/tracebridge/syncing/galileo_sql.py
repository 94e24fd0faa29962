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

from collections.abc import Mapping
from typing import Any

from ..errors import ConfigError
from ..schema.galileo import FIELDS, KINDS, MEASURED, MEASUREMENTS, SOURCE
from ..schema.tables import TABLES
from ..schema.values import PROVIDERS
from . import sql

TYPE = "json_extract_string(j, '$.type')"
METRICS = "json_extract(j, '$.metrics')"
# a trace's id: its own trace_id, else (a trace) its id
TRACE_ID = (
    "coalesce(nullif(json_extract_string(j, '$.trace_id'), ''), "
    f"CASE WHEN {TYPE} = 'trace' THEN nullif(json_extract_string(j, '$.id'), '') END)"
)
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
    # a key of any name (a `$` or `/` would start a path): quoted in the path
    "CREATE OR REPLACE TEMP MACRO tb_get(j, k) AS json_extract(j, '$.\"' || "
    "replace(replace(k, '\\', '\\\\'), '\"', '\\\"') || '\"')",
)


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    return "'" + str(value).replace("'", "''") + "'"


def _names(values: Any) -> str:
    return ", ".join(_literal(value) for value in sorted(values))


def _provider() -> str:
    """`values.provider` as a CASE over the model's name after its last `/`."""
    name = "lower(regexp_extract(json_extract_string(j, '$.model'), '[^/]*$'))"
    whens = []
    for prefixes, who in PROVIDERS:
        tests = " OR ".join(f"starts_with({name}, {_literal(p)})" for p in prefixes)
        whens.append(f"WHEN {tests} THEN {_literal(who)}")
    empty = "coalesce(json_extract_string(j, '$.model'), '') = ''"
    return f"CASE WHEN {empty} THEN NULL {' '.join(whens)} END"


def _kind() -> str:
    whens = " ".join(f"WHEN {_literal(k)} THEN {_literal(v)}" for k, v in KINDS.items())
    return f"CASE json_extract_string(j, '$.type') {whens} ELSE 'UNKNOWN' END"


def _metadata(mapped: frozenset[str]) -> str:
    """`values.kept` of `galileo._unmapped`: the record's user_metadata, then every field no
    column names (and the measurements without a column) as `galileo.<field>`."""
    own = "json_extract(j, '$.user_metadata')"
    kept_measurements = _names(MEASUREMENTS - MEASURED)
    entries = (
        f"list_concat("
        f"CASE WHEN {own} IS NOT NULL AND json_type({own}) NOT IN ('OBJECT', 'NULL') "
        f"THEN [{{'key': '{SOURCE}.metadata', 'value': {own}}}] "
        "ELSE []::STRUCT(key VARCHAR, value JSON)[] END, "
        f"list_transform(list_filter(json_keys(j), lambda k: k NOT IN ({_names(mapped)}, "
        "'metrics') AND json_type(tb_get(j, k)) <> 'NULL'), "
        f"lambda k: {{'key': '{SOURCE}.' || k, 'value': tb_get(j, k)}}), "
        f"CASE WHEN json_type({METRICS}) = 'OBJECT' THEN list_transform(list_filter("
        f"json_keys(json_extract(j, '$.metrics')), lambda k: k IN ({kept_measurements}) "
        "AND json_type(tb_get(json_extract(j, '$.metrics'), k)) <> 'NULL'), "
        f"lambda k: {{'key': '{SOURCE}.metrics.' || k, 'value': tb_get({METRICS}, k)}}) "
        "ELSE []::STRUCT(key VARCHAR, value JSON)[] END)"
    )
    extra_keys = f"list_transform({entries}, lambda x: x.key)"
    owned = (
        f"CASE WHEN json_type({own}) = 'OBJECT' THEN list_filter(list_transform("
        f"json_keys({own}), lambda k: {{'key': k, 'value': tb_get({own}, k)}}), "
        f"lambda e: NOT list_contains({extra_keys}, e.key)) "
        "ELSE []::STRUCT(key VARCHAR, value JSON)[] END"
    )
    every = f"list_concat({owned}, {entries})"
    return (
        f"CASE WHEN len({every}) > 0 THEN CAST(to_json(map_from_entries({every})) AS VARCHAR) END"
    )


def _common(context: Mapping[str, Any]) -> dict[str, str]:
    """The columns every record gives (a `traces` or `spans` row's shared part)."""
    runs = {key: context.get(key) for key in ("log_stream_id", "experiment_id")}
    mapped = FIELDS | {"run_id"} if any(runs.values()) else FIELDS
    metrics = "json_extract(j, '$.metrics')"
    duration = f"tb_num(json_extract({metrics}, '$.duration_ns')) / 1e6"
    tokens_in, tokens_out = (
        f"tb_whole(json_extract({metrics}, '$.num_input_tokens'))",
        (f"tb_whole(json_extract({metrics}, '$.num_output_tokens'))"),
    )
    total = (
        f"CASE WHEN json_type(json_extract({metrics}, '$.num_total_tokens')) IS NOT NULL "
        f"AND json_type(json_extract({metrics}, '$.num_total_tokens')) <> 'NULL' "
        f"THEN tb_whole(json_extract({metrics}, '$.num_total_tokens')) "
        f"WHEN {tokens_in} IS NULL AND {tokens_out} IS NULL THEN NULL "
        f"ELSE coalesce({tokens_in}, 0) + coalesce({tokens_out}, 0) END"
    )
    start = "TRY_CAST(json_extract_string(j, '$.created_at') AS TIMESTAMPTZ)"
    return {
        "source": _literal(SOURCE),
        "source_id": "json_extract_string(j, '$.id')",
        "trace_id": TRACE_ID,
        "name": "json_extract_string(j, '$.name')",
        "start_time": start,
        "end_time": f"tb_later({start}, {duration})",
        "duration_ms": duration,
        "status": "CASE WHEN tb_whole(json_extract(j, '$.status_code')) IS NULL THEN 'unset' "
        "WHEN tb_whole(json_extract(j, '$.status_code')) < 400 THEN 'ok' ELSE 'error' END",
        "error_message": "json_extract_string(j, '$.error_message')",
        "input": "tb_text(json_extract(j, '$.input'))",
        "output": "tb_text(json_extract(j, '$.output'))",
        "expected_output": "tb_text(json_extract(j, '$.dataset_output'))",
        "input_tokens": tokens_in,
        "output_tokens": tokens_out,
        "total_tokens": total,
        "cost_usd": f"tb_num(json_extract({metrics}, '$.cost'))",
        "session_id": "json_extract_string(j, '$.session_id')",
        "project_id": "coalesce(nullif(json_extract_string(j, '$.project_id'), ''), "
        f"{_literal(context.get('project_id'))})",
        "log_stream_id": _literal(runs["log_stream_id"]),
        "experiment_id": _literal(runs["experiment_id"]),
        "tags": "nullif(CAST(json_extract(j, '$.tags') AS VARCHAR), 'null')",
        "metadata": _metadata(frozenset(mapped)),
        "raw": "raw",
        "span_count": "tb_whole(json_extract(j, '$.num_spans'))",
        "span_id": "json_extract_string(j, '$.id')",
        "parent_span_id": "json_extract_string(j, '$.parent_id')",
        "kind": _kind(),
        "provider": _provider(),
        "model": "json_extract_string(j, '$.model')",
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
    value = "tb_get(json_extract(j, '$.metrics'), k)"
    kind = f"json_type({value})"
    expressions = {
        "source": _literal(SOURCE),
        "subject_kind": f"CASE WHEN {TYPE} = 'trace' THEN 'trace' ELSE 'span' END",
        "subject_id": "json_extract_string(j, '$.id')",
        "trace_id": TRACE_ID,
        "experiment_id": _literal(context.get("experiment_id")),
        "evaluator_id": "k",
        "evaluator_slug": "k",
        "evaluator_name": "k",
        "value_type": f"CASE WHEN {kind} = 'BOOLEAN' THEN 'boolean' "
        f"WHEN {kind} IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN 'numeric' "
        f"WHEN {kind} = 'VARCHAR' THEN 'categorical' ELSE 'text' END",
        "numeric_value": f"tb_num({value})",
        "bool_value": f"CASE WHEN {kind} = 'BOOLEAN' THEN TRY_CAST({value} AS BOOLEAN) END",
        "label": f"CASE WHEN {kind} IN ('BOOLEAN', 'BIGINT', 'UBIGINT', 'DOUBLE') THEN NULL "
        f"ELSE tb_text({value}) END",
    }
    scorer = f"json_type(tb_get({METRICS}, k)) <> 'NULL' AND k NOT IN ({_names(MEASUREMENTS)})"
    return (
        f"SELECT {_select('scores', expressions)} FROM (SELECT j, unnest(list_filter("
        f"json_keys(json_extract(j, '$.metrics')), lambda k: {scorer})) AS k FROM tb_records "
        "WHERE json_type(json_extract(j, '$.metrics')) = 'OBJECT')"
    )


def stage_records(execute: Any, path: str, context: Mapping[str, Any]) -> None:
    """Read a JSON-lines file of Galileo records into the staged tables (see `sql.staged`),
    each record once (the last of repeats)."""
    for macro in MACROS:
        execute(macro)
    execute("DROP TABLE IF EXISTS tb_records")
    execute(
        "CREATE TEMP TABLE tb_records AS SELECT j, raw FROM ("
        "SELECT json AS j, CAST(json AS VARCHAR) AS raw, row_number() OVER () AS line "
        f"FROM read_json_objects({_literal(path)}, format = 'newline_delimited')) "
        "QUALIFY row_number() OVER (PARTITION BY json_extract_string(j, '$.id') "
        "ORDER BY line DESC) = 1"
    )
    ((sessions,),) = execute(
        "SELECT count(*) FROM tb_records WHERE json_extract_string(j, '$.type') = 'session'"
    )
    if sessions:
        raise ConfigError(
            "Galileo sessions have no table in the common schema (spans, traces, scores); "
            "export their traces or spans instead"
        )
    common = _common(context)
    execute(
        f"CREATE TEMP TABLE {sql.staged('traces')} AS SELECT {_select('traces', common)} "
        "FROM tb_records WHERE json_extract_string(j, '$.type') = 'trace'"
    )
    execute(
        f"CREATE TEMP TABLE {sql.staged('spans')} AS SELECT {_select('spans', common)} "
        "FROM tb_records WHERE json_extract_string(j, '$.type') IS DISTINCT FROM 'trace'"
    )
    execute(f"CREATE TEMP TABLE {sql.staged('scores')} AS {_scores(context)}")
    execute("DROP TABLE tb_records")
