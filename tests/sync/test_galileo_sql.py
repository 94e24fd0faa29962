"""The SQL mapping of Galileo records (what a sync into DuckDB runs on the export's lines) gives
the same common-schema rows as the Python mapping the exports use, record by record: on the
emulator's records and on records hypothesis makes up, with awkward keys, scorer values of
every JSON type, metadata that is not an object, and dates and numbers of the wrong kind."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID, GalileoRun
from tracebridge.schema import Origin, common_rows
from tracebridge.syncing.galileo_sql import stage_records

duckdb = pytest.importorskip("duckdb")
CONTEXT = {"log_stream_id": GALILEO_LOG_STREAM_ID, "project_id": GALILEO_PROJECT_ID}
JSON_COLUMNS = ("raw", "metadata", "tags", "input", "output", "expected_output", "label")


def _by_sql(rows: list[dict[str, Any]], folder: Path) -> dict[tuple[Any, ...], dict[str, Any]]:
    path = folder / "records.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    stage_records(lambda text: connection.execute(text).fetchall(), str(path), CONTEXT)
    found = {}
    for table in ("traces", "spans", "scores"):
        cursor = connection.execute(f"SELECT * FROM staged_{table}")
        names = [column[0] for column in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            found[_key(table, row)] = row
    connection.close()
    return found


def _by_python(rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], dict[str, Any]]:
    origin = Origin("galileo", "record", {**CONTEXT, "root_type": "trace"})
    return {_key(table, row): row for table, row in common_rows(rows, origin)}


def _key(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    if table == "scores":
        return table, row["subject_id"], row["evaluator_id"]
    return table, row["source_id"]


def _equal(column: str, python: Any, sql: Any) -> bool:
    if column in JSON_COLUMNS and isinstance(python, str) and isinstance(sql, str):
        try:
            return bool(json.loads(python) == json.loads(sql))
        except ValueError:
            return python == sql
    if isinstance(python, float) and isinstance(sql, float):
        return math.isclose(python, sql, rel_tol=1e-12)
    return bool(python == sql)


def _same(rows: list[dict[str, Any]], folder: Path) -> None:
    python, sql = _by_python(rows), _by_sql(rows, folder)
    assert sql.keys() == python.keys()
    for key, expected in python.items():
        differs = {
            column: (value, sql[key][column])
            for column, value in expected.items()
            if not _equal(column, value, sql[key][column])
        }
        assert not differs, f"{key}: {differs}"


def test_the_emulators_records_map_alike(tmp_path: Path) -> None:
    run = GalileoRun(5, GALILEO_LOG_STREAM_ID, 120)
    rows = [json.loads(json.dumps(row)) for row in [*run.traces, *run.spans]]
    _same(rows, tmp_path)


KEYS = st.sampled_from(["a.b", "$x", "/p", 'q"t', "back\\slash", "plain", "ünï", "metrics.cost"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False, width=64), st.text(max_size=8),
)  # fmt: skip
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def records(draw: st.DrawFn, index: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(["trace", "llm", "tool", "agent", "a_new_kind"]))
    row: dict[str, Any] = {"type": kind, "id": f"rec-{index}"}
    row["created_at"] = draw(
        st.sampled_from(["2025-05-31T10:00:00Z", "2025-05-31T10:00:00.123456+02:00",
                         "2025-05-31T10:00:00", "not a date", None])
    )  # fmt: skip
    row["status_code"] = draw(st.sampled_from([200, 404, 500.0, 201.5, True, "500", None]))
    metrics: dict[str, Any] = {}
    for name in draw(st.lists(st.sampled_from(["duration_ns", "cost", "num_input_tokens",
                                                "num_output_tokens", "num_total_tokens",
                                                "ttft_ns", "correctness", "toxicity"]),
                              unique=True, max_size=6)):  # fmt: skip
        metrics[name] = draw(SCALARS)
    row["metrics"] = draw(st.sampled_from([metrics, None, "not an object"]))
    row["user_metadata"] = draw(
        st.one_of(st.none(), st.just("text"), st.dictionaries(KEYS, SCALARS, max_size=3))
    )
    for name in ("input", "output", "dataset_output", "tags", "name", "model"):
        if draw(st.booleans()):
            row[name] = draw(VALUES) if name in ("input", "output", "tags") else draw(
                st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["gpt-4o", "openai/gpt-4o-mini", "Claude-3", ""]))
            )  # fmt: skip
    for name, value in draw(st.dictionaries(KEYS, VALUES, max_size=3)).items():
        row.setdefault(name, value)
    if kind != "trace":
        row["parent_id"] = draw(st.one_of(st.none(), st.just("rec-0")))
    return row


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_made_up_records_map_alike(data: st.DataObject, tmp_path: Path) -> None:
    rows = [data.draw(records(index)) for index in range(data.draw(st.integers(1, 6)))]
    _same(rows, tmp_path)


def test_the_seeds_records_map_alike(tmp_path: Path) -> None:
    """The records of the vendor's own reference example (a trace and a kind added later)."""
    from tests.schema.test_common_schema import example

    page = example("galileo_client", "/v2/projects/{project_id}/traces/search", "with_unknown_kind")
    rows = page["records"]
    assert {row["type"] for row in rows} >= {"trace"} and len(rows) >= 2
    _same(rows, tmp_path)
