"""Compilers to Galileo's two filter forms.

Flat (`filters`, ANDed; the only form `export_records` takes): a list of typed filters.
Tree (`filter_tree` of search and count): `{"filter": f}`, `{"and": [..]}`, `{"or": [..]}`,
`{"not": e}`. Each filter's `type` is the column's (from `available_columns` when given,
else the documented columns), or for an unknown column, the value's. `contains` is
case-sensitive, `icontains` sends `case_sensitive: false`. Galileo has no startswith,
endswith or null test: those fail with `FilterError` before any request.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from ..catalog import GALILEO_OPERATORS, Kind, galileo_column_id, galileo_filter_type
from ..errors import FilterError, UnknownColumnError
from .expr import And, Compare, Expr, Not, Or
from .values import FlatCondition, check_value, flat_conditions, unsupported

FLAT = "Galileo filters"
TREE = "Galileo filter tree"

_KIND = {"number": Kind.NUMBER, "date": Kind.DATETIME, "boolean": Kind.BOOLEAN}
_PLAIN = {"eq": "eq", "ne": "ne", "lt": "lt", "le": "lte", "gt": "gt", "ge": "gte", "in": "one_of"}
_NEGATED = {"eq": "ne", "ne": "eq", "in": "not_in"}


def _column(
    name: str, columns: Mapping[str, str] | None, strict: bool, dialect: str
) -> tuple[str, str | None]:
    """The column id and its filter type (None: unknown and allowed)."""
    column = galileo_column_id(name)
    filter_type = (columns or {}).get(column) or galileo_filter_type(column)
    if filter_type is None and strict:
        raise UnknownColumnError(
            f"unknown column {column!r} for {dialect}: not a documented column"
            f"{' nor one of the ' + str(len(columns)) + ' given' if columns else ''} "
            "(strict=False sends it anyway)",
            column=column,
            dialect=dialect,
        )
    return column, filter_type


def _type_of_value(value: Any) -> str:
    sample = value[0] if isinstance(value, tuple) and value else value
    if isinstance(sample, bool):
        return "boolean"
    if isinstance(sample, (int, float)):
        return "number"
    if isinstance(sample, datetime):
        return "date"
    return "text"


def _value(value: Any, filter_type: str, field: str) -> Any:
    if isinstance(value, tuple):
        return [_value(item, filter_type, field) for item in value]
    if filter_type in _KIND:
        return check_value(value, _KIND[filter_type], field)
    if isinstance(value, UUID):
        return str(value)
    if not isinstance(value, str):
        raise FilterError(f"{field} holds text; {value!r} is not text", expression=field)
    return value


def leaf(
    literal: FlatCondition, columns: Mapping[str, str] | None, strict: bool, dialect: str
) -> list[dict[str, Any]]:
    """The filter objects for one literal (a date range takes two)."""
    compare = literal.compare
    column, known_type = _column(compare.field, columns, strict, dialect)
    filter_type = known_type or _type_of_value(compare.value)
    op, negated = compare.op, literal.negated
    base: dict[str, Any] = {"column_id": column, "type": filter_type}

    if op in ("startswith", "endswith", "is_null", "is_empty"):
        raise unsupported(literal, dialect, f"Galileo has no {op.replace('_', ' ')} filter")
    if filter_type == "fully_annotated":
        if op != "eq" or compare.value is not (not negated):
            raise unsupported(
                literal, dialect, "fully_annotated is only asked for as `fully_annotated == true`"
            )
        return [{"column_id": column, "type": filter_type}]
    if op == "iexact":
        if filter_type not in ("text", "collection") or (negated and filter_type != "text"):
            raise unsupported(literal, dialect, f"{column} is a {filter_type} column")
        value = _value(compare.value, filter_type, column)
        same = "ne" if negated else "eq"
        return [{**base, "operator": same, "value": value, "case_sensitive": False}]
    if op in ("contains", "icontains"):
        if negated:
            raise unsupported(literal, dialect, "Galileo has no 'does not contain' filter")
        if filter_type not in ("text", "collection", "id"):
            raise unsupported(literal, dialect, f"{column} is a {filter_type} column")
        sensitive = op == "contains"
        if filter_type == "id" and not sensitive:
            raise unsupported(literal, dialect, "id filters have no case-insensitive contains")
        spec = {**base, "operator": "contains", "value": _value(compare.value, filter_type, column)}
        if filter_type != "id":
            spec["case_sensitive"] = sensitive
        return [spec]
    if op == "between":
        if negated:
            raise unsupported(literal, dialect, "a negated range cannot be sent")
        low, high = _value(compare.value, filter_type, column)
        if filter_type == "number":
            return [{**base, "operator": "between", "value": [low, high]}]
        if filter_type == "date":
            return [
                {**base, "operator": "gte", "value": low},
                {**base, "operator": "lte", "value": high},
            ]
        raise unsupported(literal, dialect, f"{column} is a {filter_type} column")
    operator = _NEGATED.get(op) if negated else _PLAIN.get(op)
    if operator is None or operator not in GALILEO_OPERATORS[filter_type]:
        why = f"{filter_type} filters have no {operator or 'negated ' + op} operator"
        raise unsupported(literal, dialect, why)
    return [{**base, "operator": operator, "value": _value(compare.value, filter_type, column)}]


def to_flat(
    expression: Expr | list[Any],
    columns: Mapping[str, str] | None = None,
    *,
    strict: bool = True,
) -> list[dict[str, Any]]:
    """The flat `filters` list (ANDed). A list is taken as already in that form.

    `columns` maps column ids to their filter type, as available_columns reports them.
    """
    if isinstance(expression, list):
        return list(expression)
    return [
        spec
        for literal in flat_conditions(expression, FLAT)
        for spec in leaf(literal, columns, strict, FLAT)
    ]


def to_tree(
    expression: Expr | Mapping[str, Any],
    columns: Mapping[str, str] | None = None,
    *,
    strict: bool = True,
) -> dict[str, Any]:
    """The `filter_tree`. A mapping is taken as already in that form."""
    if isinstance(expression, Mapping):
        return dict(expression)
    return _node(expression, columns, strict)


def _node(expression: Expr, columns: Mapping[str, str] | None, strict: bool) -> dict[str, Any]:
    if isinstance(expression, And):
        return {"and": [_node(item, columns, strict) for item in expression.items]}
    if isinstance(expression, Or):
        return {"or": [_node(item, columns, strict) for item in expression.items]}
    if isinstance(expression, Not):
        inner = expression.item
        if isinstance(inner, Compare):
            try:  # a negation the filter itself can say (ne, not_in) reads better
                return _leaves(leaf(FlatCondition(inner, True), columns, strict, TREE))
            except FilterError:
                pass
        return {"not": _node(inner, columns, strict)}
    if isinstance(expression, Compare):
        return _leaves(leaf(FlatCondition(expression, False), columns, strict, TREE))
    raise FilterError(f"not a filter expression: {expression!r}")  # pragma: no cover


def _leaves(specs: list[dict[str, Any]]) -> dict[str, Any]:
    nodes = [{"filter": spec} for spec in specs]
    return nodes[0] if len(nodes) == 1 else {"and": nodes}
