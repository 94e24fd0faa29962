"""Values whose JSON type drifts from what the specs say, through every path that stores or
compares them: ids sent as numbers or null, verdicts sent as text or 0/1. Each is read by one
rule (`schema.values`) or refused with a typed error naming what was wrong; never stored
under a stand-in, never read as its opposite."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tracebridge
from tests.proxy import FaultProxy, Rule
from tracebridge import Respan
from tracebridge.comparing import experiment_of
from tracebridge.emulator import Emulator, Running, Sizes, serve
from tracebridge.errors import UnexpectedResponseError
from tracebridge.schema import Origin, common_rows
from tracebridge.schema.values import identifier, truth
from tracebridge.syncing import RespanExperimentTraces, open_target, sync

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
RESPAN_TRACE = Origin("respan", "trace", {"experiment_id": "exp_1"})


@given(JSON)
def test_an_id_of_any_json_type_is_text_or_nothing(value: Any) -> None:
    got = identifier(value)
    assert got is None or (isinstance(got, str) and got)
    if isinstance(value, int) and not isinstance(value, bool):
        assert got == str(value)
    if isinstance(value, str):
        assert got == (value or None)
    if isinstance(value, (bool, list, dict)) or value is None:
        assert got is None


@given(JSON)
def test_a_trace_of_any_id_maps_to_a_text_id_or_none(value: Any) -> None:
    pairs = list(common_rows([{"id": value, "start_time": "2025-01-01T00:00:00Z"}], RESPAN_TRACE))
    table, row = pairs[0]
    assert table == "traces" and row["source_id"] == identifier(value)


@pytest.mark.parametrize(
    ("sent", "read"),
    [(True, True), (False, False), ("true", True), ("false", False), ("False", False),
     ("no", False), ("yes", True), ("pass", True), ("fail", False), (1, True), (0, False),
     (1.0, True), (0.0, False), ("maybe", None), (2, None), (None, None), ([], None)],
)  # fmt: skip
def test_a_verdict_is_read_by_its_meaning_never_by_pythons_truthiness(sent: Any, read: Any) -> None:
    assert truth(sent) is read
    trace = {
        "id": "t1",
        "scores": {"faithful": {"score_value_type": "boolean", "boolean_value": sent}},
    }
    scores = [row for table, row in common_rows([trace], RESPAN_TRACE) if table == "scores"]
    assert scores[0]["value_type"] == "boolean" and scores[0]["bool_value"] is read
    if read is None and sent is not None:  # kept where a reader can see it, not dropped
        shown = sent if isinstance(sent, str) else json.dumps(sent, separators=(",", ":"))
        assert scores[0]["label"] == shown


def _trace(id: str, key: str, verdict: Any) -> dict[str, Any]:
    return {
        "id": id, "comparison_key": key, "start_time": "2025-01-01T00:00:00Z",
        "scores": {"faithfulness": {"score_value_type": "boolean", "boolean_value": verdict}},
    }  # fmt: skip


@pytest.mark.parametrize("spelling", [("false", "true"), ("no", "yes"), (0, 1)])
def test_the_gate_sees_a_regression_however_the_verdict_is_spelled(
    spelling: tuple[Any, Any],
) -> None:
    """Six items that went from true to false, sent as text or numbers: the gate holds."""
    worse, better = spelling
    base = experiment_of("respan", "exp_a", [_trace(f"a{i}", f"k{i}", better) for i in range(6)])
    new = experiment_of("respan", "exp_b", [_trace(f"b{i}", f"k{i}", worse) for i in range(6)])
    result = tracebridge.compare(base, new)
    metric = result.pairs[0].metrics["faithfulness"]
    assert metric.n == 6 and metric.worse == 6
    [verdict] = result.check(["faithfulness.worse > 0"])
    assert verdict.holds


def test_every_item_is_aligned_once_whatever_its_keys_hold() -> None:
    """Keys `k`, `k` and a key spelled `k#2` at the source: three items, three keys, each
    paired with its own counterpart."""
    ids = ["x1", "x2", "x3"]
    keys = ["k", "k#2", "k"]
    base = experiment_of(
        "respan",
        "a",
        [
            _trace(f"a-{i}", k, True) | {"start_time": f"2025-01-01T00:00:0{n}Z"}
            for n, (i, k) in enumerate(zip(ids, keys, strict=True))
        ],
    )
    new = experiment_of(
        "respan",
        "b",
        [
            _trace(f"b-{i}", k, False) | {"start_time": f"2025-01-01T00:00:0{n}Z"}
            for n, (i, k) in enumerate(zip(ids, keys, strict=True))
        ],
    )
    assert len({item.key for item in base.items}) == 3
    pair = tracebridge.compare(base, new).pairs[0]
    assert sorted((a.trace_id, b.trace_id) for a, b in pair.aligned) == [
        ("a-x1", "b-x1"), ("a-x2", "b-x2"), ("a-x3", "b-x3"),
    ]  # fmt: skip
    assert not pair.only_baseline and not pair.only_other


# -- through a sync, with the drift made by the fault proxy on the wire -----------------------


@pytest.fixture(scope="module")
def running() -> Iterator[Running]:
    with serve(
        Emulator(seed=5, sizes=Sizes(experiments=1, traces=120, galileo_traces=10, planted=False))
    ) as served:
        yield served


def _numeric_id(old: Any) -> Any:
    return int("".join(re.findall(r"\d", old))) if isinstance(old, str) else old


def _sync_through(running: Running, rule: Rule, database: Path) -> Any:
    experiment = running.emulator.data.experiments[0]["id"]
    with FaultProxy(running.base_url) as proxy:
        proxy.add(rule)
        with Respan(running.respan_key, base_url=proxy.url, rate_limit=None) as rs:
            return sync(
                [RespanExperimentTraces(experiment, page_size=50)], str(database), respan=rs
            )


def _held(database: Path, statement: str) -> list[tuple[Any, ...]]:
    reader = open_target(str(database))
    reader.open()
    try:
        return reader.query(statement)[1]
    finally:
        reader.close()


def test_ids_sent_as_numbers_are_stored_as_their_text(running: Running, tmp_path: Path) -> None:
    database = tmp_path / "copy.duckdb"
    result = _sync_through(
        running,
        Rule("set_field", path="/logs/list/", times=None, key="id", value=_numeric_id),
        database,
    )
    held = _held(database, "SELECT source_id FROM traces ORDER BY 1")
    experiment = running.emulator.data.experiments[0]["id"]
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs:
        assert result.tables["traces"].new == len(held) == rs.experiments.traces(experiment).count
    assert all(isinstance(value, str) and value.isdigit() for (value,) in held)


def test_an_id_sent_as_null_is_a_typed_error_not_a_row_short(
    running: Running, tmp_path: Path
) -> None:
    database = tmp_path / "copy.duckdb"
    rule = Rule(
        "set_field",
        path="/logs/list/",
        times=None,
        key="id",
        value=lambda old: None if old.endswith("7") else old,
    )
    with pytest.raises(UnexpectedResponseError, match="without a usable id"):
        _sync_through(running, rule, database)


def test_verdicts_sent_as_numbers_are_stored_as_booleans(running: Running, tmp_path: Path) -> None:
    """0 and 1 where a boolean belongs: stored as false and true (it failed the sync with
    an ArrowInvalid before)."""

    def numeric_verdicts(scores: Any) -> Any:
        if not isinstance(scores, dict):
            return scores
        return {
            name: {**score, "boolean_value": int(score["boolean_value"])}
            if isinstance(score, dict) and isinstance(score.get("boolean_value"), bool) else score
            for name, score in scores.items()
        }  # fmt: skip

    database = tmp_path / "copy.duckdb"
    _sync_through(
        running,
        Rule("set_field", path="/logs/list/", times=None, key="scores", value=numeric_verdicts),
        database,
    )
    clean = tmp_path / "clean.duckdb"
    _sync_through(running, Rule("status_503", path="/nothing-matches", times=0), clean)
    statement = "SELECT subject_id, evaluator_slug, bool_value FROM scores WHERE value_type = 'boolean' ORDER BY 1, 2"
    drifted, truth_rows = _held(database, statement), _held(clean, statement)
    assert drifted == truth_rows and any(row[2] is False for row in truth_rows)


ID = st.one_of(
    st.text(min_size=1, max_size=6), st.integers(-(2**70), 2**70), st.none(), st.just(""),
    st.booleans(), st.floats(allow_nan=True), st.lists(st.integers(), max_size=2),
)  # fmt: skip
VERDICT = st.one_of(
    st.booleans(), st.sampled_from(["true", "no", "PASS", "maybe", 0, 1, 2]), st.none()
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(ID, VERDICT), min_size=1, max_size=8))
def test_drifting_rows_are_stored_by_one_rule_or_refused_by_name(
    rows: list[tuple[Any, Any]],
) -> None:
    """Through a real DuckDB target: every trace with a usable id is stored once under its
    id's text, with its verdict read by `truth`; a page holding a row without one is refused
    with a typed error and stores nothing."""
    import tempfile

    from tracebridge.syncing.batch import Batch
    from tracebridge.syncing.database import DuckDBTarget
    from tracebridge.syncing.state import State

    traces = [
        {"id": id, "start_time": "2025-01-01T00:00:00Z",
         "scores": {"ok": {"score_value_type": "boolean", "boolean_value": verdict}}}
        for id, verdict in rows
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        target = DuckDBTarget(Path(folder) / "copy.duckdb")
        target.open()
        try:
            usable = all(identifier(id) is not None for id, _ in rows)
            try:
                target.apply(Batch.of(common_rows(traces, RESPAN_TRACE)), State("q", "respan", "q"))
            except UnexpectedResponseError as refused:
                assert not usable and "without a usable id" in str(refused)
                assert target.query("SELECT count(*) FROM traces")[1] == [(0,)]
                return
            assert usable
            latest = {identifier(id): truth(verdict) for id, verdict in rows}
            stored = dict(target.query("SELECT subject_id, bool_value FROM scores")[1])
            held = [source_id for (source_id,) in target.query("SELECT source_id FROM traces")[1]]
            assert sorted(held) == sorted(latest) and stored == latest
        finally:
            target.close()
