"""The SQL both database targets run: the common schema's tables, the sync state, the views,
and the upsert of a staged page. DuckDB and PostgreSQL take the same statements; only the
column types differ (`Dialect`).

An upsert compares each staged trace or span with the stored one by its `raw` column (the
whole source row): new rows are inserted, changed ones replaced, equal ones left alone, so
a run that finds nothing new writes nothing. The scores of new and changed subjects are
replaced with the staged ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..schema.tables import BOOLEAN, INSTANT, INTEGER, JSON, NUMBER, TABLES, columns
from .batch import SUBJECT_KIND, SUBJECT_TABLES
from .state import STATE_COLUMNS, STATE_TABLE


@dataclass(frozen=True)
class Dialect:
    name: str
    types: dict[str, str]
    raw_type: str  # `raw` is compared as text: kept as text where JSON types rewrite it
    keys: bool  # declare primary keys (PostgreSQL's joins need the index; DuckDB's do not)


DUCKDB = Dialect(
    "duckdb",
    {INTEGER: "BIGINT", NUMBER: "DOUBLE", BOOLEAN: "BOOLEAN", INSTANT: "TIMESTAMPTZ",
     JSON: "JSON"},
    "VARCHAR",
    keys=False,
)  # fmt: skip
POSTGRES = Dialect(
    "postgres",
    {INTEGER: "bigint", NUMBER: "double precision", BOOLEAN: "boolean",
     INSTANT: "timestamptz", JSON: "jsonb"},
    "text",
    keys=True,
)  # fmt: skip


def create_tables(dialect: Dialect) -> list[str]:
    """CREATE TABLE IF NOT EXISTS for the three tables and the state."""
    statements = []
    for table, spec in TABLES.items():
        defined = []
        for name, kind in spec:
            kind_type = dialect.raw_type if name == "raw" else dialect.types.get(kind, "text")
            defined.append(f"{name} {kind_type}")
        if dialect.keys and table in SUBJECT_TABLES:
            defined.append("PRIMARY KEY (source, source_id)")
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(defined)})")
        if dialect.keys and table == "scores":
            statements.append(
                "CREATE INDEX IF NOT EXISTS scores_subject ON scores "
                "(source, subject_kind, subject_id)"
            )
    instant = dialect.types[INSTANT]
    statements.append(
        f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} (query text PRIMARY KEY, source text, "
        f"label text, watermark {instant}, last_run {instant}, rows_seen bigint, "
        "pending text, detail text, schema_version text)"
    )
    return statements


_DAY = "CAST((start_time AT TIME ZONE 'UTC') AS DATE)"
_SCORE = (
    "CASE WHEN numeric_value IS NOT NULL THEN numeric_value "
    "WHEN bool_value IS NOT NULL THEN CASE WHEN bool_value THEN 1.0 ELSE 0.0 END END"
)
_EVALUATOR = "coalesce(evaluator_slug, evaluator_name, evaluator_id)"
_USAGE = (
    "sum(cost_usd) AS cost_usd, sum(input_tokens) AS input_tokens, "
    "sum(output_tokens) AS output_tokens, sum(total_tokens) AS total_tokens, "
    "avg(duration_ms) AS mean_duration_ms, "
    "percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS median_duration_ms, "
    "percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95_duration_ms"
)
VIEWS = {
    # cost, latency and token use: per experiment and per day from traces, per model from
    # the spans that name one (a trace's cost is its spans' cost: never add the two).
    "usage_by_experiment": (
        f"SELECT source, experiment_id, count(*) AS traces, {_USAGE}, "
        "sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END) AS errors "
        "FROM traces GROUP BY source, experiment_id"
    ),
    "usage_by_day": (
        f"SELECT source, {_DAY} AS day, count(*) AS traces, {_USAGE}, "
        "sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END) AS errors "
        f"FROM traces GROUP BY source, {_DAY}"
    ),
    "usage_by_model": (
        f"SELECT source, provider, model, count(*) AS calls, {_USAGE} "
        "FROM spans WHERE model IS NOT NULL GROUP BY source, provider, model"
    ),
    # mean score: a number as it is, a pass/fail as 1/0 (the pass rate)
    "scores_by_experiment": (
        f"SELECT source, experiment_id, {_EVALUATOR} AS evaluator, count(*) AS scores, "
        f"avg({_SCORE}) AS mean_score FROM scores "
        f"GROUP BY source, experiment_id, {_EVALUATOR}"
    ),
    "scores_by_model": (
        f"SELECT s.source, p.model, {_EVALUATOR} AS evaluator, count(*) AS scores, "
        f"avg({_SCORE}) AS mean_score FROM scores s JOIN spans p "
        "ON s.subject_kind = 'span' AND p.source = s.source AND p.source_id = s.subject_id "
        f"WHERE p.model IS NOT NULL GROUP BY s.source, p.model, {_EVALUATOR}"
    ),
    "scores_by_day": (
        "SELECT s.source, CAST((coalesce(t.start_time, p.start_time) AT TIME ZONE 'UTC') "
        f"AS DATE) AS day, {_EVALUATOR} AS evaluator, count(*) AS scores, "
        f"avg({_SCORE}) AS mean_score FROM scores s "
        "LEFT JOIN traces t ON s.subject_kind = 'trace' AND t.source = s.source "
        "AND t.source_id = s.subject_id "
        "LEFT JOIN spans p ON s.subject_kind = 'span' AND p.source = s.source "
        "AND p.source_id = s.subject_id "
        "GROUP BY 1, 2, 3"
    ),
}


def create_views() -> list[str]:
    return [f"CREATE OR REPLACE VIEW {name} AS {query}" for name, query in VIEWS.items()]


def staged(table: str) -> str:
    return f"staged_{table}"


def classify(table: str, bounds: tuple[str, str] | None = None) -> str:
    """The staged subjects that are new or changed, with which they are. `bounds` (the
    staged rows' first and last start, as SQL literals) limits the stored rows compared to
    those that started between them: only for rows whose start never changes (Galileo's
    created_at), and it lets DuckDB skip every row group outside them."""
    within = f" AND o.start_time BETWEEN {bounds[0]} AND {bounds[1]}" if bounds else ""
    return (
        f"SELECT s.source, s.source_id, o.source_id IS NULL AS is_new "
        f"FROM {staged(table)} s LEFT JOIN {table} o "
        f"ON o.source = s.source AND o.source_id = s.source_id{within} "
        "WHERE o.source_id IS NULL OR CAST(o.raw AS text) IS DISTINCT FROM CAST(s.raw AS text)"
    )


def changed(table: str) -> str:
    return f"changed_{table}"


def replace_subjects(table: str, replaced: bool) -> list[str]:
    """Delete the changed rows (when there are any) and insert the new and changed ones."""
    names = ", ".join(columns(table))
    match = "c.source = {0}.source AND c.source_id = {0}.source_id"
    delete = (
        f"DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM {changed(table)} c "
        f"WHERE NOT c.is_new AND {match.format(table)})"
    )
    insert = (
        f"INSERT INTO {table} ({names}) SELECT {names} FROM {staged(table)} "
        f"WHERE EXISTS (SELECT 1 FROM {changed(table)} c WHERE {match.format(staged(table))})"
    )
    return [delete, insert] if replaced else [insert]


FRESH, REPLACED = "fresh_subjects", "replaced_subjects"


def subjects(new: bool) -> str:
    """The new (or the changed) traces and spans, as score subjects."""
    return " UNION ALL ".join(
        f"SELECT source, '{SUBJECT_KIND[table]}' AS subject_kind, source_id AS subject_id "
        f"FROM {changed(table)} WHERE {'' if new else 'NOT '}is_new"
        for table in SUBJECT_TABLES
    )


_OF = (
    "EXISTS (SELECT 1 FROM {a} a WHERE a.source = {t}.source "
    "AND a.subject_kind = {t}.subject_kind AND a.subject_id = {t}.subject_id)"
)
_EVALUATOR_KEY = "coalesce({t}.evaluator_id, {t}.evaluator_slug, {t}.evaluator_name, '')"
SCORE_VALUES = (
    "value_type", "numeric_value", "bool_value", "label", "explanation", "evaluator_id",
    "evaluator_slug", "evaluator_name", "trace_id", "experiment_id",
)  # fmt: skip


def count_fresh_scores() -> str:
    """The staged scores of new subjects: all of them new."""
    return f"SELECT count(*) FROM {staged('scores')} s WHERE {_OF.format(a=FRESH, t='s')}"


def count_replaced_scores() -> str:
    """New and changed scores among the staged scores of changed subjects."""
    differs = " OR ".join(f"o.{name} IS DISTINCT FROM s.{name}" for name in SCORE_VALUES)
    return (
        "SELECT count(*) FILTER (WHERE o.subject_id IS NULL), "
        f"count(*) FILTER (WHERE o.subject_id IS NOT NULL AND ({differs})) "
        f"FROM {staged('scores')} s LEFT JOIN scores o ON o.source = s.source "
        "AND o.subject_kind = s.subject_kind AND o.subject_id = s.subject_id "
        f"AND {_EVALUATOR_KEY.format(t='o')} = {_EVALUATOR_KEY.format(t='s')} "
        f"WHERE {_OF.format(a=REPLACED, t='s')}"
    )


def replace_scores(replaced: bool) -> list[str]:
    """The scores of changed subjects out (new subjects have none stored), then the staged
    scores of new and changed subjects in."""
    names = ", ".join(columns("scores"))
    delete = f"DELETE FROM scores WHERE {_OF.format(a=REPLACED, t='scores')}"
    insert = (
        f"INSERT INTO scores ({names}) SELECT {names} FROM {staged('scores')} "
        f"WHERE {_OF.format(a=FRESH, t=staged('scores'))} "
        f"OR {_OF.format(a=REPLACED, t=staged('scores'))}"
    )
    return [delete, insert] if replaced else [insert]


def save_state() -> list[str]:
    marks = ", ".join(["%s"] * len(STATE_COLUMNS))
    return [
        f"DELETE FROM {STATE_TABLE} WHERE query = %s",
        f"INSERT INTO {STATE_TABLE} ({', '.join(STATE_COLUMNS)}) VALUES ({marks})",
    ]
