"""Property tests of the filter builder.

- The text form reads back what expressions print: parse(str(e)) == e.
- For random expressions over the emulator's fields, the rows the emulator returns for the
  compiled filter are exactly the rows a local evaluation of the expression keeps (Respan
  standard filters over experiment traces; Galileo filter trees and flat filters over
  traces). The local evaluator below is written for the tests, apart from the emulator's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracebridge.catalog import RESPAN_TRACE
from tracebridge.emulator import Running
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_TRACE_EXPERIMENT,
    Dataset,
)
from tracebridge.filters import F, parse, to_galileo_filters, to_galileo_tree, to_respan
from tracebridge.filters.expr import And, Compare, Expr, Not, Or

from ..support import SIZES

Row = dict[str, Any]
# The data the shared emulator serves (same seed and sizes), so that strategies can draw
# values that occur in it: comparisons at a row's exact value tell < from <=.
DATA = Dataset(seed=7, sizes=SIZES)
TRACE_ROWS = list(DATA.experiment_traces[SEED_TRACE_EXPERIMENT])
GALILEO_TRACE_ROWS = list(DATA.galileo_runs[GALILEO_LOG_STREAM_ID].traces)


def occurring(values: list[Any], fallback: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from([v for v in values if v is not None]), fallback)


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# -- parse(str(e)) == e --------------------------------------------------------------------------

names = st.sampled_from(
    ["status", "total_cost", "metadata.user_id", "metrics/duration_ns", "weird name", "and", "x`y"]
)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
scalars = st.one_of(
    texts,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(
        min_value=datetime(1970, 1, 2),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from([None, UTC]),
    ),
)


@st.composite
def comparisons(draw: st.DrawFn) -> Expr:
    field = F[draw(names)]
    kind = draw(
        st.sampled_from(["eq", "ne", "lt", "le", "gt", "ge", "text", "in", "between", "null"])
    )
    if kind == "text":
        return getattr(
            field, draw(st.sampled_from(["contains", "icontains", "startswith", "endswith"]))
        )(draw(texts))
    if kind == "in":
        return field.isin(draw(st.lists(scalars, min_size=1, max_size=3)))
    if kind == "between":
        return field.between(draw(scalars), draw(scalars))
    if kind == "null":
        return field.is_null()
    value = draw(scalars)
    return {"eq": field.__eq__, "ne": field.__ne__, "lt": field.__lt__, "le": field.__le__,
            "gt": field.__gt__, "ge": field.__ge__}[kind](value)  # type: ignore[no-any-return]  # fmt: skip


expressions = st.recursive(
    comparisons(),
    lambda children: st.one_of(
        st.tuples(children, children).map(lambda pair: pair[0] & pair[1]),
        st.tuples(children, children).map(lambda pair: pair[0] | pair[1]),
        children.map(lambda child: ~child),
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(expressions)
def test_text_form_reads_back_what_expressions_print(expression: Expr) -> None:
    assert parse(str(expression)) == expression


# -- a local evaluator, for the comparison with the emulator --------------------------------------


def _respan_value(row: Row, name: str) -> tuple[bool, Any]:
    if name.startswith("metadata."):
        metadata = row.get("metadata") or {}
        key = name.split(".", 1)[1]
        return key in metadata, metadata.get(key)
    if name.startswith("scores."):
        score = (row.get("scores") or {}).get(name.split(".", 1)[1])
        if not score:
            return False, None
        return True, score.get("numerical_value", score.get("boolean_value"))
    return True, row.get(name)


def _compare(actual: Any, op: str, value: Any) -> bool:
    if isinstance(actual, str) and isinstance(value, datetime):
        actual = datetime.fromisoformat(actual)
    if op == "eq":
        return bool(actual == value)
    if op == "ne":
        return bool(actual != value)
    if op in ("lt", "le", "gt", "ge"):
        return {
            "lt": actual < value,
            "le": actual <= value,
            "gt": actual > value,
            "ge": actual >= value,
        }[op]
    if op == "contains":
        return value in actual
    if op == "icontains":
        return value.lower() in actual.lower()
    if op == "startswith":
        return bool(actual.startswith(value))
    if op == "endswith":
        return bool(actual.endswith(value))
    if op == "in":
        return actual in value
    if op == "between":
        return bool(value[0] <= actual <= value[1])
    raise AssertionError(op)


def respan_keeps(expression: Expr, row: Row) -> bool:
    """Respan's meaning: a row without a metadata key (or score) never matches, negated or not."""
    if isinstance(expression, And):
        return all(respan_keeps(item, row) for item in expression.items)
    if isinstance(expression, Not):
        inner = expression.item
        assert isinstance(inner, Compare)
        present, _ = _respan_value(row, inner.field)
        return present and not respan_keeps(inner, row)
    assert isinstance(expression, Compare)
    present, actual = _respan_value(row, expression.field)
    if not present:
        return False
    if expression.op == "is_null":
        return actual is None
    return actual is not None and _compare(actual, expression.op, expression.value)


def galileo_keeps(expression: Expr, row: Row) -> bool:
    if isinstance(expression, And):
        return all(galileo_keeps(item, row) for item in expression.items)
    if isinstance(expression, Or):
        return any(galileo_keeps(item, row) for item in expression.items)
    if isinstance(expression, Not):
        return not galileo_keeps(expression.item, row)
    assert isinstance(expression, Compare)
    head, _, tail = expression.field.replace(".", "/", 1).partition("/")
    actual = row[head][tail] if tail else row[head]
    if isinstance(actual, list):  # tags: a collection
        if expression.op in ("contains", "icontains"):
            fold = str.lower if expression.op == "icontains" else (lambda s: s)
            return fold(expression.value) in [fold(t) for t in actual]
        if expression.op == "in":
            return any(tag in expression.value for tag in actual)
        raise AssertionError(expression.op)
    return _compare(actual, expression.op, expression.value)


# -- Respan standard filters against the emulator -------------------------------------------------

TRACES = f"/api/v2/experiments/{SEED_TRACE_EXPERIMENT}/logs/"


@st.composite
def respan_literals(draw: st.DrawFn) -> Expr:
    choice = draw(st.sampled_from(["status", "environment", "total_cost", "total_tokens", "duration", "name",
                                   "comparison_key", "user", "score", "start_time"]))  # fmt: skip
    if choice in ("status", "environment", "user"):
        field = {"status": F.status, "environment": F.environment, "user": F["metadata.user_id"]}[
            choice
        ]
        pool = {"status": ["success", "error"], "environment": ["production", "staging", "development"],
                "user": [f"u{i}" for i in range(7)]}[choice]  # fmt: skip
        form = draw(st.sampled_from(["eq", "ne", "in", "not_in"]))
        if form in ("in", "not_in"):
            expression = field.isin(
                draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
            )
            return ~expression if form == "not_in" else expression
        value = draw(st.sampled_from(pool))
        return field == value if form == "eq" else field != value
    if choice in ("total_cost", "total_tokens", "duration", "score"):
        field = F["scores.answer_relevance"] if choice == "score" else F[choice]
        bounds = {
            "total_cost": (0.0, 0.007),
            "total_tokens": (0, 1300),
            "duration": (0.0, 9.0),
            "score": (0.0, 1.0),
        }[choice]
        number = occurring(
            [_respan_value(row, field.name)[1] for row in TRACE_ROWS],
            st.floats(*bounds) if choice != "total_tokens" else st.integers(*bounds),
        )
        form = draw(st.sampled_from(["lt", "le", "gt", "ge", "between"]))
        if form == "between":
            low, high = sorted((draw(number), draw(number)))
            return field.between(low, high)
        return getattr(field, f"__{form}__")(draw(number))  # type: ignore[no-any-return]
    if choice == "start_time":
        moment = datetime(2025, 5, 31, 23, 59, draw(st.integers(0, 59)), tzinfo=UTC)
        return F.start_time >= moment if draw(st.booleans()) else F.start_time < moment
    field = F[choice]
    fragment = draw(
        st.sampled_from(["refund", "ship", "ing", "question", "_0", "Log", "REFUND", "x"])
    )
    op = draw(st.sampled_from(["contains", "icontains", "startswith", "endswith"]))
    expression = getattr(field, op)(fragment)
    negate = op != "icontains" and draw(st.booleans())
    return ~expression if negate else expression


@pytest.fixture(scope="module")
def respan_rows(running: Running) -> list[Row]:
    headers = {"Authorization": f"Bearer {running.respan_key}"}
    return httpx.get(running.base_url + TRACES, params={"page_size": 100}, headers=headers).json()[
        "results"
    ]


@SETTINGS
@given(st.lists(respan_literals(), min_size=1, max_size=3))
def test_respan_filters_select_what_the_expression_means(
    running: Running, respan_rows: list[Row], parts: list[Expr]
) -> None:
    expression = And.of(*parts)
    body = {"filters": to_respan(expression, RESPAN_TRACE)}
    answer = httpx.post(
        running.base_url + TRACES + "list/",
        params={"page_size": 100},
        json=body,
        headers={"Authorization": f"Bearer {running.respan_key}"},
    ).json()
    assert [r["id"] for r in answer["results"]] == [
        r["id"] for r in respan_rows if respan_keeps(expression, r)
    ]


# -- Galileo filter trees and flat filters against the emulator -----------------------------------


@st.composite
def galileo_comparisons(draw: st.DrawFn) -> Expr:
    choice = draw(st.sampled_from(["name", "input", "duration", "cost", "tags", "created_at"]))
    if choice == "name":
        names_pool = [
            f"{t} question"
            for t in ("refund", "shipping", "login", "billing", "weather", "returns")
        ]
        if draw(st.booleans()):
            return F.name.isin(
                draw(st.lists(st.sampled_from(names_pool), min_size=1, max_size=3, unique=True))
            )
        value = draw(st.sampled_from(names_pool))
        return F.name == value if draw(st.booleans()) else F.name != value
    if choice == "input":
        fragment = draw(st.sampled_from(["refund", "Refund", "case 1", "help", "@example"]))
        return F.input.contains(fragment) if draw(st.booleans()) else F.input.icontains(fragment)
    if choice in ("duration", "cost"):
        field = F["metrics.duration_ns"] if choice == "duration" else F["metrics/cost"]
        metric = "duration_ns" if choice == "duration" else "cost"
        number = occurring(
            [row["metrics"][metric] for row in GALILEO_TRACE_ROWS],
            st.integers(200_000_000, 8_000_000_000)
            if choice == "duration"
            else st.floats(0.0001, 0.02),
        )
        form = draw(st.sampled_from(["lt", "le", "gt", "ge", "between", "eq"]))
        if form == "between":
            low, high = sorted((draw(number), draw(number)))
            return field.between(low, high)
        return getattr(field, f"__{form}__")(draw(number))  # type: ignore[no-any-return]
    if choice == "tags":
        tags = ["prod", "refund", "login", "weather", "billing"]
        return (
            F.tags.contains(draw(st.sampled_from(tags)))
            if draw(st.booleans())
            else F.tags.isin(
                draw(st.lists(st.sampled_from(tags), min_size=1, max_size=2, unique=True))
            )
        )
    moment = datetime(2025, 5, 31, 23, 56, draw(st.integers(0, 59)), tzinfo=UTC)
    return F.created_at > moment if draw(st.booleans()) else F.created_at <= moment


galileo_trees = st.recursive(
    galileo_comparisons(),
    lambda children: st.one_of(
        st.tuples(children, children).map(lambda pair: pair[0] & pair[1]),
        st.tuples(children, children).map(lambda pair: pair[0] | pair[1]),
        children.map(lambda child: ~child),
    ),
    max_leaves=5,
)


@pytest.fixture(scope="module")
def galileo_rows(running: Running) -> list[Row]:
    return _search(running, {})


def _search(running: Running, body: dict[str, Any]) -> list[Row]:
    answer = httpx.post(
        f"{running.base_url}/v2/projects/{GALILEO_PROJECT_ID}/traces/search",
        json={"log_stream_id": GALILEO_LOG_STREAM_ID, "limit": 1000, **body},
        headers={"Galileo-API-Key": running.galileo_key},
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["records"]  # type: ignore[no-any-return]


@SETTINGS
@given(galileo_trees)
def test_galileo_filter_trees_select_what_the_expression_means(
    running: Running, galileo_rows: list[Row], expression: Expr
) -> None:
    got = _search(running, {"filter_tree": to_galileo_tree(expression)})
    assert [r["id"] for r in got] == [r["id"] for r in galileo_rows if galileo_keeps(expression, r)]


@SETTINGS
@given(st.lists(galileo_comparisons(), min_size=1, max_size=3))
def test_galileo_flat_filters_select_what_the_expression_means(
    running: Running, galileo_rows: list[Row], parts: list[Expr]
) -> None:
    expression = And.of(*parts)
    got = _search(running, {"filters": to_galileo_filters(expression)})
    assert [r["id"] for r in got] == [r["id"] for r in galileo_rows if galileo_keeps(expression, r)]
