"""compare on the emulator's planted experiments (tracebridge.emulator.planted): it finds
exactly the planted differences, on both services, and nothing where there are none."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tracebridge
from tracebridge import ConfigError, Galileo, Respan
from tracebridge.cli import app
from tracebridge.comparing import Comparison, experiment_of
from tracebridge.emulator import Emulator, Running, planted, serve
from tracebridge.emulator.data import GALILEO_PROJECT_ID, _rng

from ..proxy import FaultProxy, Rule

SEED = 7


@pytest.fixture(scope="module")
def served() -> Iterator[Running]:
    with serve(Emulator(seed=SEED)) as running:
        yield running


def _respan(served: Running) -> Respan:
    return Respan(served.respan_key, base_url=served.base_url, rate_limit=None)


@pytest.fixture(scope="module")
def respan_result(served: Running) -> Comparison:
    with _respan(served) as client:
        ids = planted.RESPAN_IDS
        return tracebridge.compare(ids["baseline"], ids["candidate"], ids["rerun"], client=client)


@pytest.fixture(scope="module")
def galileo_result(served: Running) -> Comparison:
    with Galileo(served.galileo_key, base_url=served.base_url,
                 project_id=GALILEO_PROJECT_ID) as client:  # fmt: skip
        ids = planted.GALILEO_IDS
        return tracebridge.compare(ids["baseline"], ids["candidate"], ids["rerun"], client=client)


def _planted(variant: str, item: int) -> dict:
    return planted.measures(_rng(SEED, "planted", item), variant, item)


ALIGNED = [i for i in range(planted.ITEMS) if i not in planted.BASE_ONLY]


def _respan_key(item: int) -> str:
    return f"faq_{item:03d}"


def _item_of(key: str) -> int:
    return int(key.split("_")[1]) if key.startswith("faq_") else int(key.split()[1].rstrip(":"))


@pytest.mark.parametrize("service", ["respan", "galileo"])
def test_the_planted_differences_and_only_those(
    service: str, respan_result: Comparison, galileo_result: Comparison
) -> None:
    result = respan_result if service == "respan" else galileo_result
    pair = result.pairs[0]
    # Unaligned items are counted and listed, never dropped.
    assert len(pair.aligned) == len(ALIGNED)
    assert sorted(_item_of(i.key) for i in pair.only_baseline) == list(planted.BASE_ONLY)
    assert sorted(_item_of(i.key) for i in pair.only_other) == list(planted.NEW_ONLY)

    relevance = pair.metrics["answer_relevance"]
    assert relevance.interval is not None
    low, high = relevance.interval
    assert low <= planted.RELEVANCE_SHIFT <= high, "the interval covers the planted shift"
    assert low > 0 and relevance.p_value is not None and relevance.p_value < 1e-6

    correctness = pair.metrics["correctness"]
    assert correctness.worse == len(planted.REGRESSED)
    assert correctness.improved == 0
    assert sorted(_item_of(r["key"]) for r in correctness.regressions) == sorted(planted.REGRESSED)
    expected = sum(
        _planted("candidate", i)["correctness"] - _planted("baseline", i)["correctness"]
        for i in ALIGNED
    ) / len(ALIGNED)
    assert correctness.difference == pytest.approx(expected)
    worst = correctness.regressions[0]
    assert worst["input"] and worst["baseline_output"] != worst["other_output"]

    faithful = pair.metrics["faithfulness"]
    assert (faithful.worse, faithful.improved) == (len(planted.REGRESSED), 0)
    assert sorted(_item_of(r["key"]) for r in faithful.regressions) == sorted(planted.REGRESSED)

    cost = pair.metrics["cost_usd"]
    for side, variant in (("baseline", "baseline"), ("other", "candidate")):
        mean = sum(_planted(variant, i)["cost"] for i in ALIGNED) / len(ALIGNED)
        assert pair_mean(pair, "cost_usd", side) == pytest.approx(mean)
    assert cost.worse == len(ALIGNED)  # more cost is worse
    latency = pair.metrics["latency_ms"]
    assert latency.improved == len(ALIGNED) and latency.difference < 0
    tokens = pair.metrics["total_tokens"]
    assert tokens.difference == pytest.approx(40) and tokens.interval == (40.0, 40.0)


def pair_mean(pair, name: str, side: str) -> float:  # type: ignore[no-untyped-def]
    return getattr(pair.metrics[name], side)["mean"]


def test_categorical_scores_get_a_confusion_table(respan_result: Comparison) -> None:
    tone = respan_result.pairs[0].metrics["tone"]
    expected: dict[str, dict[str, int]] = {}
    for i in ALIGNED:
        a, b = _planted("baseline", i)["tone"], _planted("candidate", i)["tone"]
        expected.setdefault(a, {}).setdefault(b, 0)
        expected[a][b] += 1
    assert tone.confusion == expected
    assert tone.changed == sum(n for a, row in expected.items() for b, n in row.items() if a != b)
    assert tone.difference is None and tone.interval is None  # no order, no difference


@pytest.mark.parametrize("service", ["respan", "galileo"])
def test_an_equal_rerun_differs_in_nothing(
    service: str, respan_result: Comparison, galileo_result: Comparison
) -> None:
    pair = (respan_result if service == "respan" else galileo_result).pairs[1]
    assert len(pair.aligned) == planted.ITEMS and not pair.only_baseline and not pair.only_other
    for metric in pair.metrics.values():
        assert metric.improved == metric.worse == metric.changed == 0, metric.name
        assert metric.difference in (0, None), metric.name
        assert metric.regressions == []


def test_the_gate(respan_result: Comparison) -> None:
    candidate = Comparison(respan_result.experiments[:2], respan_result.pairs[:1])
    rerun = Comparison(respan_result.experiments[::2], respan_result.pairs[1:])
    for conditions in (["correctness < -0.02"], ["faithfulness.worse > 0"],
                       ["correctness.low < 0"], ["cost_usd > 0.0005"]):  # fmt: skip
        assert all(v.holds for v in candidate.check(conditions)), conditions
        assert not any(v.holds for v in rerun.check(conditions)), conditions
    assert not any(v.holds for v in candidate.check(["answer_relevance.low < 0"]))
    assert not any(v.holds for v in rerun.check(["correctness.p < 0.05"]))  # no change: p = 1
    with pytest.raises(ConfigError, match=r"no metric 'accuracy'.*answer_relevance"):
        candidate.check(["accuracy < 0"])
    with pytest.raises(ConfigError, match="tone is categorical"):
        candidate.check(["tone < 0"])
    assert all(v.holds for v in candidate.check(["tone.changed > 0"]))


@pytest.mark.parametrize(
    "text",
    ["accuracy", "accuracy < x", "accuracy.mean < 0", "< 0", "accuracy <> 0", "a.low < 1 2"],
)
def test_a_malformed_condition_is_refused(text: str) -> None:
    from tracebridge.comparing import Condition

    with pytest.raises(ConfigError, match="--fail-if"):
        Condition.parse(text)


def test_condition_forms() -> None:
    from tracebridge.comparing import Condition

    tight = Condition.parse("accuracy<-0.02")
    assert (tight.metric, tight.stat, tight.op, tight.number) == ("accuracy", "diff", "<", -0.02)
    parsed = Condition.parse(" accuracy.low  >=  -1e-3 ")
    assert (parsed.metric, parsed.stat, parsed.op, parsed.number) == (
        "accuracy",
        "low",
        ">=",
        -0.001,
    )
    assert Condition.parse("cost_usd.p != .5").number == 0.5


def test_aligned_rows_hold_every_item(respan_result: Comparison, tmp_path: Path) -> None:
    rows = list(respan_result.rows())
    first = respan_result.pairs[0]
    assert len([r for r in rows if r["other_id"] == first.other.id]) == (
        len(first.aligned) + len(first.only_baseline) + len(first.only_other)
    )
    unaligned = [r for r in rows if not r["aligned"]]
    assert {r["key"] for r in unaligned} == {
        *(_respan_key(i) for i in planted.BASE_ONLY),
        *(_respan_key(i) for i in planted.NEW_ONLY),
    }
    regressed = next(r for r in rows if r["key"] == _respan_key(planted.REGRESSED[0])
                     and r["other_id"] == first.other.id)  # fmt: skip
    assert regressed["correctness.difference"] == pytest.approx(-planted.REGRESSION, abs=1e-9)
    assert regressed["faithfulness.baseline"] is True and regressed["faithfulness.other"] is False


def test_the_gate_stops_on_an_evaluator_the_other_side_lacks() -> None:
    def trace(id: str, scores: dict) -> dict:
        return {"id": id, "comparison_key": "k", "start_time": "2025-01-01T00:00:00Z",
                "scores": scores}  # fmt: skip

    a = experiment_of("respan", "exp_a", [trace("t1", {"acc": {"numerical_value": 0.9}})])
    b = experiment_of("respan", "exp_b", [trace("u1", {})])
    result = tracebridge.compare(a, b)
    assert result.pairs[0].metrics["acc"].n == 0
    [verdict] = result.check(["acc < -0.5"])
    assert verdict.holds and verdict.value is None
    assert "no aligned values" in verdict.describe()


def test_duplicate_keys_pair_in_order_of_start() -> None:
    def trace(id: str, key: str, second: int, score: float) -> dict:
        return {"id": id, "comparison_key": key, "start_time": f"2025-01-01T00:00:{second:02d}Z",
                "scores": {"acc": {"numerical_value": score}}}  # fmt: skip

    a = experiment_of("respan", "exp_a", [trace("t2", "k", 2, 0.5), trace("t1", "k", 1, 0.1)])
    b = experiment_of("respan", "exp_b", [trace("u1", "k", 1, 0.2), trace("u3", "k", 3, 0.9),
                                          trace("u2", "k", 2, 0.7)])  # fmt: skip
    result = tracebridge.compare(a, b)
    pair = result.pairs[0]
    assert [(x.trace_id, y.trace_id) for x, y in pair.aligned] == [("t1", "u1"), ("t2", "u2")]
    assert [i.key for i in pair.only_other] == ["k#3"]
    assert pair.metrics["acc"].difference == pytest.approx(((0.2 - 0.1) + (0.7 - 0.5)) / 2)


def test_bad_calls_fail_before_any_request(served: Running) -> None:
    served.emulator.controls.requests.clear()
    with _respan(served) as client:
        with pytest.raises(ConfigError, match="at least one other"):
            tracebridge.compare("exp_cmp_base", client=client)
        with pytest.raises(ConfigError, match="once"):
            tracebridge.compare("exp_cmp_base", "exp_cmp_base", client=client)
        with pytest.raises(ConfigError, match="confidence"):
            tracebridge.compare("exp_cmp_base", "exp_cmp_new", client=client, confidence=95)
        with pytest.raises(ConfigError, match="experiment_id holds a control character"):
            tracebridge.compare("exp_cmp_base", "exp\x01", client=client)
    galileo = Galileo(served.galileo_key, base_url=served.base_url, project_id=GALILEO_PROJECT_ID)
    with galileo as client, pytest.raises(ConfigError, match="experiment_id"):
        tracebridge.compare(planted.GALILEO_IDS["baseline"], "exp_cmp_new", client=client)
    assert served.emulator.controls.request_log() == []


def test_a_missing_experiment_is_a_typed_error(served: Running) -> None:
    with _respan(served) as client, pytest.raises(tracebridge.NotFoundError):
        tracebridge.compare("exp_cmp_base", "exp_nope", client=client)


def test_seeded_results_repeat(respan_result: Comparison) -> None:
    a, b = respan_result.experiments[:2]
    again = tracebridge.compare(a, b).pairs[0].metrics["answer_relevance"].interval
    assert again == respan_result.pairs[0].metrics["answer_relevance"].interval
    other_seed = tracebridge.compare(a, b, seed=1).pairs[0].metrics["answer_relevance"].interval
    assert other_seed != again


def test_faults_on_the_wire_change_nothing_or_fail_loudly(
    served: Running, respan_result: Comparison
) -> None:
    """Through a fault proxy written apart from the emulator: transient faults (a reset
    mid-body, a 503) are retried and give the very same comparison; a page of the wrong
    rows is an error, never a comparison of the wrong items."""
    ids = planted.RESPAN_IDS
    with FaultProxy(served.base_url) as proxy:
        proxy.add(Rule("reset_mid_body", path="/logs/list/", skip=1))
        proxy.add(Rule("status_503", path="/logs/list/", skip=2))
        with Respan(served.respan_key, base_url=proxy.url, rate_limit=None) as client:
            client.transport.sleep = lambda seconds: None
            again = tracebridge.compare(ids["baseline"], ids["candidate"], ids["rerun"],
                                        client=client)  # fmt: skip
        assert len(proxy.applied) == 2
    assert again.as_dict() == respan_result.as_dict()

    with FaultProxy(served.base_url) as proxy:
        proxy.add(Rule("previous_page", path="/logs/list/", skip=1))  # page 2 is page 1
        with Respan(served.respan_key, base_url=proxy.url, rate_limit=None) as client:
            client.transport.sleep = lambda seconds: None
            with pytest.raises(tracebridge.TracebridgeError):
                tracebridge.compare(ids["baseline"], ids["candidate"], client=client)
        assert proxy.applied


def test_chart_files_are_named_safely() -> None:
    pytest.importorskip("altair")
    from tracebridge.reporting import Chart

    # a changed name keeps what was safe, and a digest of the original tells it apart
    assert Chart("../judge: tone/v2-histogram", "t", {}).name.startswith("judge_tone_v2-histogram-")
    assert Chart("///", "t", {}).name.startswith("chart-")
    assert Chart("tone-histogram", "t", {}).name == "tone-histogram"


def test_the_vendors_shapes_align_and_score() -> None:
    """Rows shaped as the vendors' own SDK models declare them (tests/vendor/samples.py,
    written from respan-api 0.1.47 and galileo 2.7.0), not as our emulator makes them:
    Respan scores keyed by evaluator id with the slug inside, or a bare number; Galileo
    trace records with their dataset row."""
    import copy

    from ..vendor import samples

    changed = copy.deepcopy(samples.RESPAN_TRACE)
    changed.update(id="log_2", trace_unique_id="tr_2")
    changed["scores"]["ev_1"]["numerical_value"] = 0.6
    a = experiment_of("respan", "exp_a", [samples.RESPAN_TRACE])
    b = experiment_of("respan", "exp_b", [changed])
    [item] = a.items
    assert item.key == "row_7" and item.scores["accuracy"].evaluator_id == "ev_1"
    accuracy = tracebridge.compare(a, b).pairs[0].metrics["accuracy"]
    assert (accuracy.n, accuracy.worse) == (1, 1)
    assert accuracy.difference == pytest.approx(-0.3)
    plain = experiment_of("respan", "exp_c", [samples.RESPAN_TRACE_PLAIN_SCORES])
    assert plain.items[0].scores["accuracy"].value == 0.9

    record = copy.deepcopy(samples.GALILEO_TRACE)
    record["metrics"]["correctness"] = 0.75
    rerun = {**copy.deepcopy(record), "id": "9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6c",
             "input": "Where's my refund, please?"}  # fmt: skip
    rerun["metrics"]["correctness"] = 1.0
    first = experiment_of("galileo", planted.GALILEO_IDS["baseline"], [record])
    second = experiment_of("galileo", planted.GALILEO_IDS["candidate"], [rerun])
    assert first.items[0].key.startswith("Where is my refund? [")  # the dataset row
    pair = tracebridge.compare(first, second).pairs[0]
    assert len(pair.aligned) == 1, "another input text, the same dataset row: one item"
    assert pair.metrics["correctness"].difference == pytest.approx(0.25)
    assert pair.aligned[0][0].input == samples.GALILEO_TRACE["input"]


def test_an_evaluator_that_changed_its_type_is_compared_where_both_agree() -> None:
    """A numeric evaluator that gives a label in some items (a judge re-configured between
    experiments): those items count as missing, the rest are compared; nothing crashes."""

    def trace(id: str, key: str, value: object) -> dict:
        kind = "categorical" if isinstance(value, str) else "numerical"
        field = "categorical_value" if isinstance(value, str) else "numerical_value"
        return {"id": id, "comparison_key": key, "start_time": "2025-01-01T00:00:00Z",
                "scores": {"acc": {"score_value_type": kind, field: value}}}  # fmt: skip

    a = experiment_of("respan", "exp_a", [trace("a1", "k1", 0.5), trace("a2", "k2", 0.4)])
    b = experiment_of("respan", "exp_b", [trace("b1", "k1", 0.7), trace("b2", "k2", "good")])
    result = tracebridge.compare(a, b)
    acc = result.pairs[0].metrics["acc"]
    assert (acc.kind, acc.n, acc.missing) == ("numeric", 1, 1)
    assert acc.difference == pytest.approx(0.2) and acc.interval == pytest.approx((0.2, 0.2))
    rows = {r["key"]: r for r in result.rows()}
    assert rows["k2"]["acc.other"] == "good" and rows["k2"]["acc.difference"] is None


def _scored(prefix: str, values: list[float | None]) -> list[dict]:
    return [
        {"id": f"{prefix}{n}", "comparison_key": f"k{n}", "start_time": f"2025-01-01T00:00:{n:02d}Z",
         "scores": {} if value is None else {"acc": {"numerical_value": value}}}
        for n, value in enumerate(values)
    ]  # fmt: skip


def test_the_gate_holds_at_the_bound_of_an_inclusive_condition() -> None:
    """`<=` and `>=` include their bound: a difference of exactly -0.5 holds `acc <= -0.5`."""
    a = experiment_of("respan", "a", _scored("a", [1.0, 1.0]))
    b = experiment_of("respan", "b", _scored("b", [0.5, 0.5]))
    result = tracebridge.compare(a, b)
    assert [v.holds for v in result.check(["acc <= -0.5", "acc >= -0.5", "acc < -0.5",
                                           "acc > -0.5", "acc == -0.5", "acc != -0.5"])] == [
        True, True, False, False, True, False,
    ]  # fmt: skip


def test_a_second_condition_that_holds_fails_the_gate(tmp_path: Path) -> None:
    """Through the command line: the first condition does not hold, the second does: exit 6,
    and stderr says which."""
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["compare", "exp_cmp_base", "exp_cmp_new", "--emulator", "--quiet",
         "--fail-if", "latency_ms > 1000000000", "--fail-if", "correctness < -0.02"],
    )  # fmt: skip
    assert result.exit_code == 6, result.output
    assert "fail-if held: correctness < -0.02" in result.stderr
    assert "fail-if not held: latency_ms > 1000000000" in result.stderr


def test_the_interval_is_over_the_items_that_have_a_value() -> None:
    """Items with no value are not zeros: the interval of differences that are all -0.5
    where present is exactly (-0.5, -0.5) however many items lack a value."""
    a = experiment_of("respan", "a", _scored("a", [1.0, 1.0, 1.0, 1.0, None, None]))
    b = experiment_of("respan", "b", _scored("b", [0.5, 0.5, 0.5, 0.5, 0.7, 0.9]))
    metric = tracebridge.compare(a, b).pairs[0].metrics["acc"]
    assert metric.n == 4 and metric.difference == pytest.approx(-0.5)
    assert metric.interval == pytest.approx((-0.5, -0.5))
    c = experiment_of("respan", "c", _scored("c", [1.0, 1.0, 1.0, 1.0, None, None]))
    d = experiment_of("respan", "d", _scored("d", [0.6, 0.4, 0.6, 0.4, 0.1, 0.1]))
    low, high = tracebridge.compare(c, d).pairs[0].metrics["acc"].interval
    assert -0.6 - 1e-9 <= low <= high <= -0.4 + 1e-9  # means of -0.4 and -0.6, never diluted


def test_the_report_paints_regressions_red_and_escapes_what_the_service_named(
    tmp_path: Path,
) -> None:
    """A score that fell is `worse` (red), one that rose `better` (green), and so is a cost
    that fell; an evaluator or experiment name holding markup is text in the HTML."""
    pytest.importorskip("altair")
    import re

    from tracebridge.reporting import build

    evil = "<img src=x onerror=alert(1)>"

    def rows(prefix: str, acc: float, ok: float, cost: float) -> list[dict]:
        return [
            {"id": f"{prefix}{n}", "comparison_key": f"k{n}", "total_cost": cost + n / 1000,
             "start_time": f"2025-01-01T00:00:{n:02d}Z",
             "scores": {"acc": {"numerical_value": acc + n / 100},
                        evil: {"numerical_value": ok + n / 100}}}
            for n in range(8)
        ]  # fmt: skip

    base = experiment_of("respan", "base", rows("a", 0.9, 0.2, 0.02), name=evil)
    new = experiment_of("respan", "new", rows("b", 0.5, 0.6, 0.01))
    page = build(new, compare_with=base).html()
    # as markup, only escaped; inside the charts' scripts, JSON text that ends none of them
    outside = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    assert evil not in outside and html_escaped(evil) in outside
    assert page.lower().count("<script") == page.lower().count("</script>")  # none cut short

    paired = page[page.index("<h2>Paired comparison</h2>") :]

    def direction(metric: str) -> str:
        row = re.search(rf"<tr><td>{re.escape(metric)}</td>.*?</tr>", paired, re.S)
        assert row is not None, metric
        cells = re.findall(r'class="n ([a-z]*)"', row.group(0))
        return next(cell for cell in cells if cell)

    assert direction("acc") == "worse"
    assert direction(html_escaped(evil)) == "better"
    assert direction("cost_usd") == "better"
    assert ".worse { color: #c62828; }" in page and ".better { color: #1a7f37; }" in page


def html_escaped(text: str) -> str:
    import html

    return html.escape(text)
