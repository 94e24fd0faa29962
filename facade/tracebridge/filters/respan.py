"""Compilers to Respan's two filter formats.

Standard (every list and filter endpoint): `{"<key>": {"operator": .., "value": [..]}}`,
keys ANDed, two conditions on one key sent as a list (a range), `metadata.k` sent as
`metadata__k` and `scores.k` as `scores__k`. List (the e-mailed export's POST body):
`[{"field", "operator", "value"}]`. Neither can express OR, and each lacks some operators;
those fail with `FilterError` before any request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..catalog import RESPAN_OPERATORS, Kind, nested_field
from ..errors import FilterError
from .expr import Expr
from .values import TEXTUAL, FlatCondition, check_value, field_kind, flat_conditions, unsupported

STANDARD = "Respan filters"
LIST = "Respan export filters (list format)"

_STANDARD_OPERATORS = {
    # (operator, negated) -> the service's operator
    ("eq", False): "",
    ("eq", True): "not",
    ("ne", False): "not",
    ("ne", True): "",
    ("lt", False): "lt",
    ("le", False): "lte",
    ("gt", False): "gt",
    ("ge", False): "gte",
    ("contains", False): "contains",
    ("contains", True): "not_contains",
    ("icontains", False): "icontains",
    ("iexact", False): "iexact",
    ("startswith", False): "startswith",
    ("startswith", True): "not_startswith",
    ("endswith", False): "endswith",
    ("endswith", True): "not_endswith",
    ("in", False): "in",
    ("in", True): "not_in",
    ("is_null", False): "isnull",
    ("is_null", True): "isnull",
    ("is_empty", False): "empty",
    ("is_empty", True): "not_empty",
}
_LIST_OPERATORS = {
    ("eq", False): "=",
    ("eq", True): "!=",
    ("ne", False): "!=",
    ("ne", True): "=",
    ("lt", False): "<",
    ("le", False): "<=",
    ("gt", False): ">",
    ("ge", False): ">=",
    ("contains", False): "contains",
    ("startswith", False): "startsWith",
    ("endswith", False): "endsWith",
    ("in", False): "in",
    ("in", True): "not_in",
}
_TEXT_ONLY = ("contains", "icontains", "iexact", "startswith", "endswith")
# Every operator the standard format documents (the spec's FilterOperator), for checking
# filters given as a mapping.
DOCUMENTED_OPERATORS = RESPAN_OPERATORS
_TEXT_OPERATORS = frozenset(
    {"contains", "not_contains", "icontains", "startswith", "not_startswith", "endswith",
     "not_endswith", "iexact"}
)  # fmt: skip


def _key(
    name: str, fields: Mapping[str, Kind] | None, strict: bool, dialect: str
) -> tuple[str, Kind | None]:
    """The key to send and the kind of its values."""
    if fields is not None:
        nested = nested_field(name, fields)
        if nested is not None:
            container, key = nested
            return f"{container}__{key}", fields[container]
    return name, field_kind(name, fields, strict, dialect)


def _checked(literal: FlatCondition, kind: Kind | None, key: str, dialect: str) -> Any:
    compare = literal.compare
    if kind is not None and compare.op in _TEXT_ONLY and kind not in TEXTUAL:
        raise unsupported(
            literal, dialect, f"{compare.op} needs a text field; {key} holds {kind.value} values"
        )
    if kind is None:
        return compare.value
    if compare.op in ("in", "between"):
        return tuple(check_value(v, kind, compare.field) for v in compare.value)
    return check_value(compare.value, kind, compare.field)


def to_standard(
    expression: Expr | Mapping[str, Any],
    fields: Mapping[str, Kind] | None = None,
    *,
    strict: bool = True,
) -> dict[str, Any]:
    """The standard-format `filters` object. A mapping is taken as already in that format,
    and checked like an expression: documented keys, operators and value kinds."""
    if isinstance(expression, Mapping):
        return _checked_mapping(expression, fields, strict)
    out: dict[str, Any] = {}
    for literal in flat_conditions(expression, STANDARD):
        compare = literal.compare
        key, kind = _key(compare.field, fields, strict, STANDARD)
        value = _checked(literal, kind, key, STANDARD)
        for condition in _standard_conditions(literal, value):
            existing = out.get(key)
            if existing is None:
                out[key] = condition
            elif isinstance(existing, list):
                existing.append(condition)
            else:
                out[key] = [existing, condition]
    return out


def _checked_mapping(
    filters: Mapping[str, Any], fields: Mapping[str, Kind] | None, strict: bool
) -> dict[str, Any]:
    """A filters object given as it is sent, checked field by field. Each key takes a
    condition `{"operator": .., "value": [..]}`, a list of them (a range), or the plainer
    forms of seed 003: a bare value (equals) or `{"gte": .., "lte": ..}`."""
    out: dict[str, Any] = {}
    for key, conditions in filters.items():
        if not isinstance(key, str) or not key:
            raise FilterError(f"a filter key must be a field name, not {key!r}", dialect=STANDARD)
        name = key.replace("__", ".", 1) if "__" in key else key
        _, kind = _key(name, fields, strict, STANDARD)
        listed = conditions if isinstance(conditions, list) else [conditions]
        for condition in listed:
            for operator, values in _operations(key, condition):
                _check_operation(key, operator, values, kind)
        out[key] = conditions
    return out


def _operations(key: str, condition: Any) -> list[tuple[str, list[Any]]]:
    """(operator, values) pairs of one condition in any of its documented forms."""
    if not isinstance(condition, Mapping):
        return [("", [condition])]
    if "operator" in condition or "value" in condition:
        if set(condition) - {"operator", "value"}:
            raise FilterError(
                f'{key}: {condition!r} is not {{"operator": ..., "value": [...]}}',
                expression=key,
                dialect=STANDARD,
            )
        raw = condition.get("value", [])
        return [(condition.get("operator", ""), raw if isinstance(raw, list) else [raw])]
    return [(op, value if isinstance(value, list) else [value]) for op, value in condition.items()]


def _check_operation(key: str, operator: Any, values: list[Any], kind: Kind | None) -> None:
    if operator not in DOCUMENTED_OPERATORS:
        known = ", ".join(repr(o) for o in sorted(DOCUMENTED_OPERATORS))
        raise FilterError(
            f"{key}: unknown operator {operator!r}; Respan's are {known}",
            expression=key,
            dialect=STANDARD,
        )
    if operator in ("isnull", "empty", "not_empty") or kind is None:
        return
    if operator in _TEXT_OPERATORS and kind not in TEXTUAL:
        raise FilterError(
            f"{key}: {operator} needs a text field; {key} holds {kind.value} values",
            expression=key,
            dialect=STANDARD,
        )
    for value in values:
        if kind in (Kind.STRING, Kind.TEXT) and not isinstance(value, str):
            raise FilterError(
                f"{key} holds text; {value!r} is not text (write it as {str(value)!r})",
                expression=key,
                dialect=STANDARD,
            )
        check_value(value, kind, key)


def _standard_conditions(literal: FlatCondition, value: Any) -> list[dict[str, Any]]:
    compare = literal.compare
    if compare.op == "between":
        if literal.negated:
            raise unsupported(literal, STANDARD, "a negated range cannot be sent")
        low, high = value
        return [{"operator": "gte", "value": [low]}, {"operator": "lte", "value": [high]}]
    operator = _STANDARD_OPERATORS.get((compare.op, literal.negated))
    if operator is None:
        raise unsupported(literal, STANDARD, "the service has no operator for it")
    if compare.op == "is_null":
        return [{"operator": "isnull", "value": [not literal.negated]}]
    if compare.op == "is_empty":
        return [{"operator": operator, "value": [""]}]
    values = list(value) if compare.op == "in" else [value]
    return [{"operator": operator, "value": values}]


def to_list(
    expression: Expr | list[Any],
    fields: Mapping[str, Kind] | None = None,
    *,
    strict: bool = True,
) -> list[dict[str, Any]]:
    """The list-format `filters` of the export POST. A list is taken as already in it."""
    if isinstance(expression, list):
        return list(expression)
    out: list[dict[str, Any]] = []
    for literal in flat_conditions(expression, LIST):
        compare = literal.compare
        key, kind = _key(compare.field, fields, strict, LIST)
        value = _checked(literal, kind, key, LIST)
        if compare.op == "between" and not literal.negated:
            low, high = value
            out += [
                {"field": key, "operator": ">=", "value": low},
                {"field": key, "operator": "<=", "value": high},
            ]
            continue
        operator = _LIST_OPERATORS.get((compare.op, literal.negated))
        if operator is None:
            raise unsupported(literal, LIST, "the list format has no operator for it")
        out.append(
            {
                "field": key,
                "operator": operator,
                "value": list(value) if compare.op == "in" else value,
            }
        )
    return out
