"""The filter builder: expressions, their text form, and each compiler against the exact JSON
its dialect expects for every operator; and the errors for what a dialect cannot express,
raised before anything is sent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tracebridge.catalog import RESPAN_EXPERIMENT, RESPAN_SPAN, RESPAN_TRACE
from tracebridge.errors import FilterError
from tracebridge.filters import (
    F,
    parse,
    to_galileo_filters,
    to_galileo_tree,
    to_respan,
    to_respan_list,
)

T0 = datetime(2025, 1, 1, tzinfo=UTC)

# -- Respan standard ---------------------------------------------------------------------------

STANDARD: dict[str, tuple[Any, dict[str, Any]]] = {
    "==": (F.status == "success", {"status": {"operator": "", "value": ["success"]}}),
    "!=": (F.status != "success", {"status": {"operator": "not", "value": ["success"]}}),
    "~==": (~(F.status == "success"), {"status": {"operator": "not", "value": ["success"]}}),
    "<": (F.total_cost < 0.5, {"total_cost": {"operator": "lt", "value": [0.5]}}),
    "<=": (F.total_tokens <= 10, {"total_tokens": {"operator": "lte", "value": [10]}}),
    ">": (F.duration > 1, {"duration": {"operator": "gt", "value": [1]}}),
    ">=": (F.span_count >= 2, {"span_count": {"operator": "gte", "value": [2]}}),
    "contains": (F.name.contains("re"), {"name": {"operator": "contains", "value": ["re"]}}),
    "~contains": (~F.name.contains("re"), {"name": {"operator": "not_contains", "value": ["re"]}}),
    "icontains": (F.name.icontains("Re"), {"name": {"operator": "icontains", "value": ["Re"]}}),
    "startswith": (F.name.startswith("a"), {"name": {"operator": "startswith", "value": ["a"]}}),
    "~startswith": (
        ~F.name.startswith("a"),
        {"name": {"operator": "not_startswith", "value": ["a"]}},
    ),
    "endswith": (F.name.endswith("z"), {"name": {"operator": "endswith", "value": ["z"]}}),
    "~endswith": (~F.name.endswith("z"), {"name": {"operator": "not_endswith", "value": ["z"]}}),
    "isin": (F.status.isin(["a", "b"]), {"status": {"operator": "in", "value": ["a", "b"]}}),
    "~isin": (~F.status.isin(["a"]), {"status": {"operator": "not_in", "value": ["a"]}}),
    "between is a range under one key": (
        F.total_cost.between(0.1, 0.2),
        {"total_cost": [{"operator": "gte", "value": [0.1]}, {"operator": "lte", "value": [0.2]}]},
    ),
    "two conditions on one key": (
        (F.total_cost > 0.1) & (F.total_cost < 0.2),
        {"total_cost": [{"operator": "gt", "value": [0.1]}, {"operator": "lt", "value": [0.2]}]},
    ),
    "is_null": (F.end_time.is_null(), {"end_time": {"operator": "isnull", "value": [True]}}),
    "== None is is_null": (
        F.end_time == None,
        {"end_time": {"operator": "isnull", "value": [True]}},
    ),
    "~is_null": (~F.end_time.is_null(), {"end_time": {"operator": "isnull", "value": [False]}}),
    "metadata.key": (
        F["metadata.user_id"] == "u1",
        {"metadata__user_id": {"operator": "", "value": ["u1"]}},
    ),
    "metadata__key": (
        F["metadata__user_id"] == "u1",
        {"metadata__user_id": {"operator": "", "value": ["u1"]}},
    ),
    "metadata numbers are sent as strings": (
        F["metadata.n"] == 5,
        {"metadata__n": {"operator": "", "value": ["5"]}},
    ),
    "scores.id": (F["scores.ev_1"] > 0.5, {"scores__ev_1": {"operator": "gt", "value": [0.5]}}),
    "datetime is ISO in UTC": (
        F.start_time >= T0,
        {"start_time": {"operator": "gte", "value": ["2025-01-01T00:00:00Z"]}},
    ),
    "date-time text is checked and normalised": (
        F.start_time < "2025-01-01T01:00:00+01:00",
        {"start_time": {"operator": "lt", "value": ["2025-01-01T00:00:00Z"]}},
    ),
    "double negation": (~~(F.status == "x"), {"status": {"operator": "", "value": ["x"]}}),
}


@pytest.mark.parametrize(("expression", "expected"), STANDARD.values(), ids=STANDARD.keys())
def test_respan_standard(expression: Any, expected: dict[str, Any]) -> None:
    assert to_respan(expression, RESPAN_TRACE) == expected


def test_respan_standard_keys_are_anded_in_one_object() -> None:
    expression = (F.status == "ok") & (F.environment == "prod") & (F["metadata.a"] == "b")
    assert to_respan(expression, RESPAN_TRACE) == {
        "status": {"operator": "", "value": ["ok"]},
        "environment": {"operator": "", "value": ["prod"]},
        "metadata__a": {"operator": "", "value": ["b"]},
    }


def test_a_plain_dict_passes_through_as_the_escape_hatch() -> None:
    raw = {"model": "gpt-4", "created_at": {"gte": "2024-01-01T00:00:00Z"}}
    assert to_respan(raw, RESPAN_SPAN) == raw
    assert to_respan_list([{"field": "x", "operator": "=", "value": 1}]) == [
        {"field": "x", "operator": "=", "value": 1}
    ]


# -- Respan list format ------------------------------------------------------------------------

LIST: dict[str, tuple[Any, list[dict[str, Any]]]] = {
    "==": (F.status == "completed", [{"field": "status", "operator": "=", "value": "completed"}]),
    "!=": (F.status != "completed", [{"field": "status", "operator": "!=", "value": "completed"}]),
    ">": (F.total_cost > 1, [{"field": "total_cost", "operator": ">", "value": 1}]),
    ">=": (F.total_cost >= 1, [{"field": "total_cost", "operator": ">=", "value": 1}]),
    "<": (F.total_cost < 1, [{"field": "total_cost", "operator": "<", "value": 1}]),
    "<=": (F.total_cost <= 1, [{"field": "total_cost", "operator": "<=", "value": 1}]),
    "contains": (F.name.contains("x"), [{"field": "name", "operator": "contains", "value": "x"}]),
    "startsWith": (F.name.startswith("x"), [{"field": "name", "operator": "startsWith", "value": "x"}]),
    "endsWith": (F.name.endswith("x"), [{"field": "name", "operator": "endsWith", "value": "x"}]),
    "in": (F.comparison_key.isin(["k1", "k2"]), [{"field": "comparison_key", "operator": "in", "value": ["k1", "k2"]}]),
    "not_in": (~F.comparison_key.isin(["k1"]), [{"field": "comparison_key", "operator": "not_in", "value": ["k1"]}]),
    "between": (F.duration.between(1, 2), [{"field": "duration", "operator": ">=", "value": 1},
                                           {"field": "duration", "operator": "<=", "value": 2}]),
}  # fmt: skip


@pytest.mark.parametrize(("expression", "expected"), LIST.values(), ids=LIST.keys())
def test_respan_list_format(expression: Any, expected: list[dict[str, Any]]) -> None:
    assert to_respan_list(expression, RESPAN_TRACE) == expected


# -- Galileo flat filters ----------------------------------------------------------------------

GALILEO: dict[str, tuple[Any, list[dict[str, Any]]]] = {
    "text eq": (F.name == "x", [{"column_id": "name", "type": "text", "operator": "eq", "value": "x"}]),
    "text ne": (F.name != "x", [{"column_id": "name", "type": "text", "operator": "ne", "value": "x"}]),
    "text contains": (F.input.contains("Refund"),
                      [{"column_id": "input", "type": "text", "operator": "contains", "value": "Refund", "case_sensitive": True}]),
    "text icontains": (F.input.icontains("refund"),
                       [{"column_id": "input", "type": "text", "operator": "contains", "value": "refund", "case_sensitive": False}]),
    "text one_of": (F.name.isin(["a", "b"]), [{"column_id": "name", "type": "text", "operator": "one_of", "value": ["a", "b"]}]),
    "text not_in": (~F.name.isin(["a"]), [{"column_id": "name", "type": "text", "operator": "not_in", "value": ["a"]}]),
    "number with a dotted name": (F["metrics.duration_ns"] > 1e9,
                                  [{"column_id": "metrics/duration_ns", "type": "number", "operator": "gt", "value": 1e9}]),
    "number lte": (F["metrics/cost"] <= 0.5, [{"column_id": "metrics/cost", "type": "number", "operator": "lte", "value": 0.5}]),
    "number between": (F["metrics/cost"].between(1, 2),
                       [{"column_id": "metrics/cost", "type": "number", "operator": "between", "value": [1, 2]}]),
    "date gte": (F.created_at >= T0, [{"column_id": "created_at", "type": "date", "operator": "gte", "value": "2025-01-01T00:00:00Z"}]),
    "date between is two filters": (F.created_at.between(T0, "2025-02-01T00:00:00Z"),
                                    [{"column_id": "created_at", "type": "date", "operator": "gte", "value": "2025-01-01T00:00:00Z"},
                                     {"column_id": "created_at", "type": "date", "operator": "lte", "value": "2025-02-01T00:00:00Z"}]),
    "id eq": (F.session_id == "s-1", [{"column_id": "session_id", "type": "id", "operator": "eq", "value": "s-1"}]),
    "id contains has no case_sensitive": (F.id.contains("ab"), [{"column_id": "id", "type": "id", "operator": "contains", "value": "ab"}]),
    "collection contains": (F.tags.contains("prod"),
                            [{"column_id": "tags", "type": "collection", "operator": "contains", "value": "prod", "case_sensitive": True}]),
    "collection one_of": (F.tags.isin(["a", "b"]), [{"column_id": "tags", "type": "collection", "operator": "one_of", "value": ["a", "b"]}]),
    "user metadata is text": (F["user_metadata.tenant"] == "acme",
                              [{"column_id": "user_metadata/tenant", "type": "text", "operator": "eq", "value": "acme"}]),
}  # fmt: skip


@pytest.mark.parametrize(("expression", "expected"), GALILEO.values(), ids=GALILEO.keys())
def test_galileo_flat(expression: Any, expected: list[dict[str, Any]]) -> None:
    assert to_galileo_filters(expression) == expected


def test_galileo_type_comes_from_available_columns_when_given() -> None:
    columns = {"feedback/rating": "number", "is_complete": "boolean"}
    expression = (F["feedback/rating"] >= 4) & (F.is_complete == True)
    assert to_galileo_filters(expression, columns) == [
        {"column_id": "feedback/rating", "type": "number", "operator": "gte", "value": 4},
        {"column_id": "is_complete", "type": "boolean", "operator": "eq", "value": True},
    ]


def test_galileo_unknown_column_takes_its_type_from_the_value_when_not_strict() -> None:
    assert to_galileo_filters(
        (F.rating > 3) & (F.label == "x") & (F.done == False), strict=False
    ) == [
        {"column_id": "rating", "type": "number", "operator": "gt", "value": 3},
        {"column_id": "label", "type": "text", "operator": "eq", "value": "x"},
        {"column_id": "done", "type": "boolean", "operator": "eq", "value": False},
    ]


def test_galileo_tree() -> None:
    expression = (
        ((F["metrics.duration_ns"] > 1e9) & ~F.tags.contains("prod"))
        | (F.name == "weather")
        | ~(F.name != "x")
    )
    assert to_galileo_tree(expression) == {
        "or": [
            {"and": [
                {"filter": {"column_id": "metrics/duration_ns", "type": "number", "operator": "gt", "value": 1e9}},
                {"not": {"filter": {"column_id": "tags", "type": "collection", "operator": "contains", "value": "prod",
                                    "case_sensitive": True}}},
            ]},
            {"filter": {"column_id": "name", "type": "text", "operator": "eq", "value": "weather"}},
            {"filter": {"column_id": "name", "type": "text", "operator": "eq", "value": "x"}},
        ]
    }  # fmt: skip


# -- what cannot be expressed, and bad input: errors before any request -------------------------

CANNOT: dict[str, tuple[Any, Any, str]] = {
    "OR in Respan filters": (lambda: to_respan((F.a == 1) | (F.b == 2)), "Respan filters", "a = 1 or b = 2"),
    "OR in the Respan list format": (lambda: to_respan_list((F.status == "a") | (F.status == "b")),
                                     "Respan export filters (list format)", 'status = "a" or status = "b"'),
    "OR in Galileo flat filters": (lambda: to_galileo_filters((F.name == "a") | (F.name == "b")), "Galileo filters",
                                   'name = "a" or name = "b"'),
    "a negated group": (lambda: to_respan(~((F.status == "a") & (F.env == "b"))), "Respan filters",
                        'not (status = "a" and env = "b")'),
    "a negated range": (lambda: to_respan(~F.total_cost.between(1, 2), RESPAN_TRACE), "Respan filters",
                        "not total_cost between 1 and 2"),
    "a negated comparison": (lambda: to_respan(~(F.total_cost > 1), RESPAN_TRACE), "Respan filters", "not total_cost > 1"),
    "negated icontains": (lambda: to_respan(~F.name.icontains("x"), RESPAN_TRACE), "Respan filters", 'not name icontains "x"'),
    "icontains in the list format": (lambda: to_respan_list(F.name.icontains("x")), "Respan export filters (list format)",
                                     'name icontains "x"'),
    "is_null in the list format": (lambda: to_respan_list(F.name.is_null()), "Respan export filters (list format)",
                                   "name is null"),
    "startswith in Galileo": (lambda: to_galileo_filters(F.name.startswith("a")), "Galileo filters", 'name startswith "a"'),
    "endswith in the Galileo tree": (lambda: to_galileo_tree(F.name.endswith("a")), "Galileo filter tree", 'name endswith "a"'),
    "is_null in Galileo": (lambda: to_galileo_filters(F.name.is_null()), "Galileo filters", "name is null"),
    "ne on a collection": (lambda: to_galileo_filters(F.tags != "a"), "Galileo filters", 'tags != "a"'),
    "ordering a text column": (lambda: to_galileo_filters(F.name > "a"), "Galileo filters", 'name > "a"'),
    "one_of on numbers": (lambda: to_galileo_filters(F["metrics/cost"].isin([1, 2])), "Galileo filters",
                          "metrics/cost in (1, 2)"),
    "not contains in Galileo": (lambda: to_galileo_filters(~F.input.contains("a")), "Galileo filters",
                                'not input contains "a"'),
    "contains on a number field": (lambda: to_respan(F.total_cost.contains("1"), RESPAN_TRACE), "Respan filters",
                                   'total_cost contains "1"'),
}  # fmt: skip


@pytest.mark.parametrize(
    ("compile_it", "dialect", "expression"), CANNOT.values(), ids=CANNOT.keys()
)
def test_what_a_dialect_cannot_express(compile_it: Any, dialect: str, expression: str) -> None:
    with pytest.raises(FilterError) as caught:
        compile_it()
    assert caught.value.dialect == dialect
    assert caught.value.expression == expression
    assert dialect in str(caught.value) and expression in str(caught.value)


BAD_INPUT: dict[str, tuple[Any, str]] = {
    "unknown Respan field": (lambda: to_respan(F.colour == "red", RESPAN_TRACE), "unknown field 'colour' for Respan filters"),
    "unknown experiment field": (lambda: to_respan(F.total_cost > 1, RESPAN_EXPERIMENT), "unknown field 'total_cost'"),
    "unknown Galileo column": (lambda: to_galileo_filters(F.colour == "red"), "unknown column 'colour'"),
    "text for a number field": (lambda: to_respan(F.total_cost > "cheap", RESPAN_TRACE), "total_cost holds numbers; 'cheap'"),
    "bool for a number field": (lambda: to_respan(F.total_cost == True, RESPAN_TRACE), "total_cost holds numbers"),
    "a bad date": (lambda: to_respan(F.start_time > "last tuesday", RESPAN_TRACE), "'last tuesday' is not an ISO 8601 date-time"),
    "a bad Galileo date": (lambda: to_galileo_filters(F.created_at > "soon"), "'soon' is not an ISO 8601 date-time"),
    "a number for a Galileo text column": (lambda: to_galileo_filters(F.name == 3), "name holds text; 3 is not text"),
    "empty isin": (lambda: F.status.isin([]), "isin() needs at least one value"),
    "isin with a string": (lambda: F.status.isin("abc"), "takes a list of values, not a string"),
    "contains with a number": (lambda: F.name.contains(3), "contains() takes a string"),
    "between with None": (lambda: F.total_cost.between(None, 3), "between() needs two values"),
    "NaN": (lambda: F.total_cost > float("nan"), "is not a value a service can filter on"),
    "a dict value": (lambda: F.total_cost == {"a": 1}, "cannot filter on a dict"),
    "an empty field name": (lambda: F[""] == 1, "a field name must be a non-empty string"),
    "a JSON field": (lambda: to_respan(F.tags == "x", RESPAN_EXPERIMENT), "tags cannot be filtered on"),
}  # fmt: skip


@pytest.mark.parametrize(("make", "message"), BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input(make: Any, message: str) -> None:
    with pytest.raises(FilterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make()


def test_unknown_fields_pass_with_strict_false() -> None:
    assert to_respan(F.colour == "red", RESPAN_TRACE, strict=False) == {
        "colour": {"operator": "", "value": ["red"]}
    }


def test_expressions_have_no_truth_value() -> None:
    with pytest.raises(TypeError, match="no truth value"):
        bool(F.a == 1)
    with pytest.raises(TypeError, match="is a field, not a condition"):
        bool(F.a)


def test_expressions_are_immutable_hashable_and_compare_by_structure() -> None:
    first = (F.a == 1) & (F.b > 2)
    second = (F.a == 1) & (F.b > 2)
    assert first == second and hash(first) == hash(second)
    assert first != ((F.a == 1) | (F.b > 2))
    assert {first, second} == {first}
    with pytest.raises(AttributeError):
        first.items = ()  # type: ignore[misc]


# -- the text form -----------------------------------------------------------------------------

TEXT: dict[str, Any] = {
    "total_cost > 0.01": F.total_cost > 0.01,
    "status in (success, error)": F.status.isin(["success", "error"]),
    "metadata.env = prod": F["metadata.env"] == "prod",
    "a = 1 and b = 2 or not c = 3": ((F.a == 1) & (F.b == 2)) | ~(F.c == 3),
    "a = 1 and (b = 2 or c = 3)": (F.a == 1) & ((F.b == 2) | (F.c == 3)),
    "NOT a = 1 AND b = 'x y'": ~(F.a == 1) & (F.b == "x y"),
    "name icontains refund": F.name.icontains("refund"),
    "x not in (1, 2.5)": ~F.x.isin([1, 2.5]),
    "`metrics/duration_ns` between 1e9 and 5e9": F["metrics/duration_ns"].between(1e9, 5e9),
    "metrics/duration_ns >= 10": F["metrics/duration_ns"] >= 10,
    "start_time >= 2025-01-01T00:00:00Z": F.start_time >= T0,
    "end_time is null": F.end_time.is_null(),
    "end_time is not null": ~F.end_time.is_null(),
    "ok = true and flag != false": (F.ok == True) & (F.flag != False),
    "x = null": F.x.is_null(),
}


@pytest.mark.parametrize(("text", "expected"), TEXT.items(), ids=TEXT.keys())
def test_text_form(text: str, expected: Any) -> None:
    assert parse(text) == expected
    assert parse(str(expected)) == expected


MALFORMED: dict[str, str] = {
    "total_cost >": "column 13: the filter ends too early",
    "a = 1 and": "column 10: the filter ends too early",
    "(a = 1": "column 7: the filter ends too early",
    "a ~ 1": "column 3: unexpected '~'",
    "a in ()": "column 7: expected a value, found ')'",
    "a = 1 b = 2": "column 7: expected and, or or the end, found 'b'",
    "= 3": "column 1: expected a field name, found '='",
    "a is 3": "column 6: expected 'null', found '3'",
    "a contains 3": "column 12: contains takes a string",
    "a < null": "cannot compare with null",
    "": "the filter is empty",
}


@pytest.mark.parametrize(("text", "message"), MALFORMED.items(), ids=MALFORMED.keys())
def test_malformed_text(text: str, message: str) -> None:
    with pytest.raises(FilterError) as caught:
        parse(text)
    assert message in str(caught.value)
