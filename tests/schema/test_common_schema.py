"""The common schema (docs/schema.md): the seeds' example rows and the emulator's rows of both
services map to it as the mapping table says, nothing of a source row is dropped, and one
DuckDB query reads a Respan and a Galileo export side by side."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracebridge import ConfigError, Galileo, Respan
from tracebridge.emulator import Running
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID
from tracebridge.schema import SCHEMA_VERSION, TABLES, Origin, columns, common_rows
from tracebridge.schema import galileo as galileo_map
from tracebridge.schema import respan as respan_map

ROOT = Path(__file__).resolve().parents[2]
RUN = {"log_stream_id": GALILEO_LOG_STREAM_ID}
EVER = "2000-01-01T00:00:00Z"


def example(package: str, path: str, name: str) -> Any:
    """An example answer of the spec (transcribed from the vendors' pages, the seeds)."""
    spec = json.loads((ROOT / "generated" / package / "openapi.json").read_text())
    for method, item in spec["paths"][path].items():
        if method == "parameters":
            continue
        for answer in item.get("responses", {}).values():
            for media in answer.get("content", {}).values():
                if name in media.get("examples", {}):
                    return media["examples"][name]["value"]
    raise LookupError(name)


def mapped(rows: list[dict[str, Any]], origin: Origin) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for table, row in common_rows(rows, origin):
        assert list(row) == columns(table)  # every column, in the contract's order
        tables[table].append(row)
    return tables


# -- the seeds' examples --------------------------------------------------------------------


def test_the_seed_trace_of_respan() -> None:
    page = example("respan_client", "/api/v2/experiments/{experiment_id}/logs/list/", "seed_001")
    source = page["results"][0]
    tables = mapped([source], Origin("respan", "trace", {"experiment_id": "exp_123"}))
    (trace,) = tables["traces"]
    assert trace["source"] == "respan" and trace["source_id"] == source["id"] == "trace_789abc"
    assert trace["trace_id"] == source["trace_unique_id"]
    assert trace["experiment_id"] == "exp_123"
    assert trace["cost_usd"] == source["total_cost"]
    assert trace["input_tokens"] == source["total_prompt_tokens"]
    assert trace["output_tokens"] == source["total_completion_tokens"]
    assert trace["total_tokens"] == source["total_tokens"]
    assert trace["duration_ms"] == pytest.approx(source["duration"] * 1000)
    assert trace["start_time"] == datetime.fromisoformat(
        source["start_time"].replace("Z", "+00:00")
    )
    assert trace["start_time"].tzinfo is UTC
    assert trace["status"] == "ok" and source["status"] == "success"
    assert trace["user_id"] == source["customer_identifier"]
    assert trace["input"] == source["input"] and trace["comparison_key"] == source["comparison_key"]
    assert json.loads(trace["raw"]) == source
    metadata = json.loads(trace["metadata"])
    own = source.get("metadata") or {}
    assert {k: metadata[k] for k in own} == own
    assert metadata["respan.root_span_unique_id"] == source["root_span_unique_id"]
    scores = tables["scores"]
    assert {s["evaluator_slug"] for s in scores} == set(source["scores"])
    for score in scores:
        given_score = source["scores"][score["evaluator_slug"]]
        assert score["subject_kind"] == "trace" and score["subject_id"] == "trace_789abc"
        if "numerical_value" in given_score:
            assert score["value_type"] == "numeric"
            assert score["numeric_value"] == given_score["numerical_value"]
        if "boolean_value" in given_score:
            assert (score["value_type"], score["bool_value"]) == (
                "boolean",
                given_score["boolean_value"],
            )


def test_the_seed_dataset_span_of_respan() -> None:
    page = example("respan_client", "/api/datasets/{dataset_id}/logs/list/", "seed_003")
    source = page["results"][0]
    tables = mapped([source], Origin("respan", "span", {"dataset_id": "dataset_67890"}))
    (span,) = tables["spans"]
    assert span["span_id"] == source["unique_id"] and span["model"] == source["model"] == "gpt-4"
    assert span["provider"] == "openai" and span["dataset_id"] == "dataset_67890"
    assert span["end_time"] == datetime(2024, 1, 15, 10, 30, tzinfo=UTC)  # its timestamp
    metadata = json.loads(span["metadata"])
    assert metadata["session_id"] == "session456"  # the source's own metadata, kept
    assert tables["traces"] == []


def test_the_seed_records_of_galileo_a_trace_and_a_kind_added_later() -> None:
    page = example("galileo_client", "/v2/projects/{project_id}/traces/search", "with_unknown_kind")
    tables = mapped(page["records"], Origin("galileo", "record", {**RUN, "root_type": "trace"}))
    (trace,) = tables["traces"]
    trace_source = page["records"][0]
    assert (
        trace["source_id"] == trace_source["id"] and trace["log_stream_id"] == GALILEO_LOG_STREAM_ID
    )
    assert trace["project_id"] == trace_source["project_id"]
    (later,) = tables["spans"]  # a record of a kind this version does not know: kept
    assert later["kind"] == "GUARDRAIL"  # Galileo's guardrail: OpenInference's GUARDRAIL
    assert json.loads(later["raw"]) == page["records"][1]
    assert json.loads(later["metadata"])["galileo.verdict"] == "pass"


def test_galileo_sessions_have_no_table_and_say_so_before_any_request(
    gl: Galileo, emulator: Any, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError, match="no common-schema mapping"):
        gl.records("session", **RUN).to_file(tmp_path, schema="common")
    assert emulator.controls.request_log() == []


# -- the emulator's rows, against the emulator's data ---------------------------------------


def test_respan_traces_with_their_span_trees(rs: Respan, running: Running, tmp_path: Path) -> None:
    truth = {row["id"]: row for row in running.emulator.data.experiment_traces["exp_123"]}
    result = rs.experiments.traces("exp_123", detail=True, start_time=EVER).to_file(
        tmp_path, schema="common"
    )
    assert result.rows["traces"] == len(truth)
    traces = _table(tmp_path, "traces")
    assert {t["source_id"] for t in traces} == set(truth)
    for trace in traces:
        source = truth[trace["source_id"]]
        assert trace["cost_usd"] == source["total_cost"] and trace["experiment_id"] == "exp_123"
        assert trace["span_count"] == source["span_count"]
    spans = _table(tmp_path, "spans")
    by_trace: dict[str, list[dict[str, Any]]] = {}
    for span in spans:
        by_trace.setdefault(span["trace_id"], []).append(span)
    for trace_id, tree in by_trace.items():
        roots = [s for s in tree if s["parent_span_id"] is None]
        assert len(roots) == 1 and roots[0]["kind"] == "CHAIN"  # the workflow root
        children = [s for s in tree if s["parent_span_id"] == roots[0]["span_id"]]
        assert len(children) == len(tree) - 1 == max(0, truth[trace_id]["span_count"] - 1)
    scores = _table(tmp_path, "scores")
    expected = sum(len(row.get("scores") or {}) for row in truth.values())
    assert len(scores) == expected and {s["subject_kind"] for s in scores} == {"trace"}


def test_galileo_records_and_their_scorer_metrics(
    gl: Galileo, running: Running, tmp_path: Path
) -> None:
    gl.records("trace", **RUN).to_file(tmp_path, schema="common")
    gl.records("span", **RUN).to_file(tmp_path, schema="common")
    run = running.emulator.data.galileo_runs[GALILEO_LOG_STREAM_ID]
    truth = {row["id"]: row for row in [*run.traces.slice(0, 10**6), *run.spans.slice(0, 10**6)]}
    traces, spans, scores = (_table(tmp_path, name) for name in ("traces", "spans", "scores"))
    assert len(traces) + len(spans) == len(truth)
    for row in [*traces, *spans]:
        source = truth[row["source_id"]]
        assert row["cost_usd"] == source["metrics"].get("cost")
        assert row["duration_ms"] == pytest.approx(source["metrics"]["duration_ns"] / 1e6)
        assert (
            row["log_stream_id"] == GALILEO_LOG_STREAM_ID
            and row["project_id"] == GALILEO_PROJECT_ID
        )
    for span in spans:
        assert span["parent_span_id"] == truth[span["source_id"]]["parent_id"]
    llm = [s for s in spans if s["kind"] == "LLM"]
    assert llm and all(s["model"] and s["provider"] in ("openai", "anthropic") for s in llm)
    assert {s["evaluator_slug"] for s in scores} == {"correctness"}
    assert len(scores) == len(traces)  # the one scorer runs on traces
    for score in scores:
        assert score["numeric_value"] == truth[score["subject_id"]]["metrics"]["correctness"]


def _table(folder: Path, name: str) -> list[dict[str, Any]]:
    return pa.concat_tables(
        [pq.read_table(path) for path in sorted((folder / name).glob("*.parquet"))]
    ).to_pylist()


# -- nothing dropped ------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
extra_keys = st.dictionaries(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12),
    json_values,
    max_size=6,
)
ORIGINS = {
    "respan trace": (
        Origin("respan", "trace"),
        respan_map.TRACE_FIELDS,
        {"id": "t1", "scores": {}},
    ),
    "respan span": (Origin("respan", "span"), respan_map.SPAN_FIELDS, {"id": "s1"}),
    "galileo record": (
        Origin("galileo", "record", {**RUN, "root_type": "span"}),
        galileo_map.FIELDS | {"run_id", "metrics"},
        {"id": "r1", "type": "llm", "metrics": {"duration_ns": 5}},
    ),
}


@pytest.mark.parametrize("name", ORIGINS)
@settings(max_examples=60, deadline=None)
@given(extra=extra_keys)
def test_every_source_field_lands_in_a_column_or_in_metadata(
    name: str, extra: dict[str, Any]
) -> None:
    origin, named, base = ORIGINS[name]
    source = {**extra, **base}
    pairs = list(common_rows([source], origin))
    subject = pairs[0][1]
    metadata = json.loads(subject["metadata"] or "{}")
    for key, value in source.items():
        if value is None or key in named:
            continue
        assert metadata[f"{origin.source}.{key}"] == value, key
    assert json.loads(subject["raw"]) == source


# -- one query over both services --------------------------------------------------------------


def test_one_duckdb_query_over_respan_and_galileo(
    rs: Respan, gl: Galileo, running: Running, tmp_path: Path
) -> None:
    rs.datasets.spans("dataset_67890").to_file(tmp_path, schema="common")
    rs.experiments.traces("exp_123", start_time=EVER).to_file(tmp_path, schema="common")
    gl.records("span", **RUN).to_file(tmp_path, schema="common")
    gl.records("trace", **RUN).to_file(tmp_path, schema="common")
    db = duckdb.connect()
    cost = db.sql(
        f"""SELECT source, model, round(sum(cost_usd), 6) AS cost
            FROM read_parquet('{tmp_path}/spans/*.parquet', union_by_name = true)
            WHERE model IS NOT NULL GROUP BY ALL ORDER BY ALL"""
    ).fetchall()
    scores = db.sql(
        f"""SELECT source, evaluator_slug,
                   round(avg(coalesce(numeric_value, CAST(bool_value AS DOUBLE))), 6)
            FROM read_parquet('{tmp_path}/scores/*.parquet', union_by_name = true)
            GROUP BY ALL ORDER BY ALL"""
    ).fetchall()
    # The same figures, worked out from the emulator's own rows.
    expected_cost: dict[tuple[str, str], float] = {}
    for row in running.emulator.data.datasets["dataset_67890"].slice(0, 10**6):
        key = ("respan", row["model"])
        expected_cost[key] = expected_cost.get(key, 0) + (row.get("cost") or 0)
    run = running.emulator.data.galileo_runs[GALILEO_LOG_STREAM_ID]
    for row in run.spans.slice(0, 10**6):
        if row.get("model"):
            key = ("galileo", row["model"])
            expected_cost[key] = expected_cost.get(key, 0) + (row["metrics"].get("cost") or 0)
    assert cost == [(s, m, round(c, 6)) for (s, m), c in sorted(expected_cost.items())]
    traces = running.emulator.data.experiment_traces["exp_123"]
    spans = running.emulator.data.datasets["dataset_67890"].slice(0, 10**6)
    values: dict[tuple[str, str], list[float]] = {}
    for row in [*traces, *spans]:
        for slug, score in (row.get("scores") or {}).items():
            value = score.get("numerical_value", score.get("boolean_value"))
            values.setdefault(("respan", slug), []).append(float(value))
    for row in run.traces.slice(0, 10**6):
        values.setdefault(("galileo", "correctness"), []).append(row["metrics"]["correctness"])
    assert scores == [(s, e, round(sum(v) / len(v), 6)) for (s, e), v in sorted(values.items())]


def test_parquet_is_read_without_casts_and_carries_its_version(rs: Respan, tmp_path: Path) -> None:
    rs.experiments.traces("exp_123", start_time=EVER).to_file(tmp_path, schema="common")
    (path,) = (tmp_path / "traces").glob("*.parquet")
    schema = pq.read_schema(path)
    assert schema.field("start_time").type == pa.timestamp("us", tz="UTC")
    assert all(not pa.types.is_unsigned_integer(f.type) for f in schema)
    assert all(not pa.types.is_nested(f.type) for f in schema)
    assert schema.metadata[b"tracebridge.schema_version"] == SCHEMA_VERSION.encode()
    polars = pytest.importorskip("polars")
    frame = polars.read_parquet(path)
    assert str(frame.schema["start_time"]) == "Datetime(time_unit='us', time_zone='UTC')"
    seen = duckdb.sql(f"SELECT typeof(start_time), typeof(raw) FROM '{path}' LIMIT 1").fetchall()
    assert seen == [("TIMESTAMP WITH TIME ZONE", "VARCHAR")]


def test_the_tables_go_into_one_workbook(rs: Respan, tmp_path: Path) -> None:
    import openpyxl

    result = rs.experiments.traces("exp_123", start_time=EVER).to_xlsx(
        tmp_path / "c.xlsx", schema="common"
    )
    book = openpyxl.load_workbook(tmp_path / "c.xlsx", read_only=True)
    assert book.sheetnames == ["spans", "traces", "scores"]
    header = next(book["traces"].iter_rows(values_only=True))
    assert list(header) == columns("traces")
    assert sum(1 for _ in book["traces"].iter_rows()) == result.rows["traces"] + 1


def test_a_common_export_refuses_what_it_cannot_do_before_any_request(
    rs: Respan, emulator: Any, tmp_path: Path
) -> None:
    traces = rs.experiments.traces("exp_123")
    with pytest.raises(ConfigError, match="columns do not go with schema='common'"):
        traces.to_file(tmp_path, schema="common", columns=["id"])
    with pytest.raises(ConfigError, match="give a folder"):
        traces.to_file(tmp_path / "t.parquet", schema="common")
    with pytest.raises(ConfigError, match="no common-schema mapping"):
        rs.experiments.list().to_file(tmp_path, schema="common")
    with pytest.raises(ConfigError, match="schema must be 'common'"):
        traces.to_file(tmp_path, schema="otel")
    traces.to_file(tmp_path, schema="common")
    emulator.controls.requests.clear()
    with pytest.raises(ConfigError, match="already there"):
        traces.to_file(tmp_path, schema="common")
    assert emulator.controls.request_log() == []


@pytest.mark.parametrize(
    ("sent", "stored"),
    [("2025-01-01T05:30:00+05:30", datetime(2025, 1, 1, tzinfo=UTC)),
     ("2024-12-31T19:00:00-05:00", datetime(2025, 1, 1, tzinfo=UTC)),
     ("2025-01-01T00:00:00Z", datetime(2025, 1, 1, tzinfo=UTC)),
     ("2025-01-01T00:00:00", datetime(2025, 1, 1, tzinfo=UTC))],
)  # fmt: skip
def test_a_time_with_another_offset_is_converted_to_utc_not_relabelled(
    sent: str, stored: datetime
) -> None:
    """The same instant whatever offset it was sent with (both services and both paths)."""
    respan = dict(common_rows([{"id": "t", "start_time": sent}], Origin("respan", "trace", {})))
    assert respan["traces"]["start_time"] == stored
    record = {"type": "trace", "id": "9f1c0000-0000-4000-8000-000000000002", "created_at": sent}
    galileo = dict(common_rows([record], Origin("galileo", "record", {"root_type": "trace"})))
    assert galileo["traces"]["start_time"] == stored


@pytest.mark.parametrize("count", [2**63, 2**70, -(2**63) - 1, 1e30])
def test_a_count_past_64_bits_is_null_not_kept(count: float) -> None:
    """Every reader takes 64-bit integer columns: a count past them is null (the source row
    keeps it in `raw`), never a value that fails the Parquet writer or wraps around."""
    row = {"id": "t", "total_prompt_tokens": count, "total_completion_tokens": 1,
           "total_tokens": count, "span_count": count}  # fmt: skip
    traces = dict(common_rows([row], Origin("respan", "trace", {})))["traces"]
    assert traces["input_tokens"] is None and traces["span_count"] is None
    assert traces["total_tokens"] is None
    assert str(int(count)) in traces["raw"] or repr(count) in traces["raw"]
