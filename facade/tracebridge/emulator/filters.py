"""How the emulator evaluates every filter dialect over plain rows.

Respan's standard form (`{field: {operator, value}}`), its older list form
(`[{field, operator, value}]`) and plain form (`{field: value | {gte, lte}}`) are all
normalised to conditions `(field, operator, values)` and ANDed. Galileo's flat filters and
filter trees are evaluated as given. Anything malformed raises `FilterProblem`, which the
routes answer with the service's own 400 or 422.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..catalog import (
    GALILEO_OPERATORS,
    RESPAN_OPERATORS,
    Kind,
    canonical,
    galileo_filter_type,
    nested_field,
)

Row = dict[str, Any]
Predicate = Callable[[Row], bool]


class FilterProblem(ValueError):
    """A filter the service would reject; `field` names the offending key when known."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


STANDARD_OPERATORS = RESPAN_OPERATORS  # the spec's FilterOperator
# Other spellings the service takes for one operator (respan-api's TraceFilterCondition).
SAME_OPERATOR = {"is": "", "notEmpty": "not_empty"}
LIST_OPERATORS = {
    "=": "",
    "!=": "not",
    ">": "gt",
    ">=": "gte",
    "<": "lt",
    "<=": "lte",
    "contains": "contains",
    "startsWith": "startswith",
    "endsWith": "endswith",
    "in": "in",
    "not_in": "not_in",
}
PLAIN_RANGE_KEYS = frozenset({"gt", "gte", "lt", "lte"})


@dataclass(frozen=True)
class Condition:
    field: str
    operator: str
    values: tuple[Any, ...]


# -- Respan ---------------------------------------------------------------------------------


def respan_conditions(filters: Any) -> list[Condition]:
    """Normalise a Respan `filters` value (standard, plain or list form) to conditions."""
    if filters is None:
        return []
    if isinstance(filters, list):
        return [_list_condition(item, position) for position, item in enumerate(filters)]
    if not isinstance(filters, Mapping):
        raise FilterProblem("filters must be an object")
    conditions: list[Condition] = []
    for key, clause in filters.items():
        conditions.extend(_clause_conditions(str(key), clause))
    return conditions


def _clause_conditions(key: str, clause: Any) -> list[Condition]:
    if isinstance(clause, list) and all(isinstance(item, Mapping) for item in clause) and clause:
        return [condition for item in clause for condition in _clause_conditions(key, item)]
    if isinstance(clause, Mapping):
        if "operator" in clause or "value" in clause:
            operator = clause.get("operator", "")  # no operator: equals
            if not isinstance(operator, str) or operator not in STANDARD_OPERATORS:
                raise FilterProblem(f"Unknown operator {operator!r} for {key}", key)
            operator = SAME_OPERATOR.get(operator, operator)
            return [Condition(key, operator, _as_values(clause.get("value")))]
        if clause and set(clause) <= PLAIN_RANGE_KEYS:
            return [Condition(key, op, (value,)) for op, value in clause.items()]
        raise FilterProblem(f"Malformed filter for {key}", key)
    # plain form: a bare value means equals
    return [Condition(key, "", _as_values(clause))]


def _list_condition(item: Any, position: int) -> Condition:
    if not isinstance(item, Mapping) or not {"field", "operator"} <= set(item):
        raise FilterProblem(f"filters[{position}] needs field, operator and value")
    operator = LIST_OPERATORS.get(item["operator"]) if isinstance(item["operator"], str) else None
    if operator is None:
        raise FilterProblem(f"Unknown operator {item['operator']!r}", str(item["field"]))
    return Condition(str(item["field"]), operator, _as_values(item.get("value")))


def _as_values(value: Any) -> tuple[Any, ...]:
    if isinstance(value, list):
        return tuple(value)
    return (value,)


@dataclass(frozen=True)
class FieldRef:
    """Where a filter key points in a row."""

    key: str
    kind: Kind
    subkey: str | None = None  # metadata key or score evaluator


def resolve_respan_field(name: str, fields: Mapping[str, Kind]) -> FieldRef | None:
    """The row location of a filter key (`metadata__k`, `metadata.k`, `scores__id`, or a
    documented alias such as `cost`: the row type's catalog knows its aliases)."""
    nested = nested_field(name, fields)
    if nested is not None:
        return FieldRef(nested[0], fields[nested[0]], nested[1])
    name = canonical(name, fields)
    kind = fields.get(name)
    if kind is None or kind in (Kind.MAPPING, Kind.SCORES):
        return None
    return FieldRef(name, kind)


def respan_predicate(
    conditions: list[Condition],
    fields: Mapping[str, Kind],
    unknown: str = "reject",
) -> Predicate:
    """AND of the conditions. Unknown keys raise (`reject`) or are dropped (`ignore`)."""
    tests: list[Predicate] = []
    for condition in conditions:
        ref = resolve_respan_field(condition.field, fields)
        if ref is None:
            if unknown == "ignore":
                continue
            raise FilterProblem(f"Unknown filter field: {condition.field}", condition.field)
        tests.append(_respan_test(ref, condition))
    return lambda row: all(test(row) for test in tests)


def _respan_value(row: Row, ref: FieldRef) -> tuple[bool, Any]:
    """(present, value) of a field in a row; scores give their value, not the object."""
    if ref.subkey is None:
        return ref.key in row, row.get(ref.key)
    container = row.get(ref.key)
    if not isinstance(container, Mapping) or ref.subkey not in container:
        return False, None
    value = container[ref.subkey]
    if ref.kind is Kind.SCORES and isinstance(value, Mapping):
        for name in ("numerical_value", "boolean_value", "string_value", "categorical_value"):
            if value.get(name) is not None:
                return True, value[name]
        return True, None
    return True, value


def _respan_test(ref: FieldRef, condition: Condition) -> Predicate:
    operator, values = condition.operator, condition.values
    kind = Kind.STRING if ref.kind is Kind.MAPPING else ref.kind
    if operator == "isnull":
        want_null = _truthy(values[0]) if values else True
        return lambda row: (_respan_value(row, ref)[1] is None) == want_null
    if operator in ("empty", "not_empty"):
        want_empty = operator == "empty"

        def emptiness(row: Row) -> bool:
            present, value = _respan_value(row, ref)
            if ref.subkey is not None and not present:
                return False
            return (value in (None, "", [], {})) == want_empty

        return emptiness
    if not values:
        raise FilterProblem(f"{condition.field}: value must not be empty", condition.field)
    if ref.kind is Kind.SCORES:
        kind = Kind.NUMBER if all(_is_number(v) for v in values) else Kind.STRING
    wanted = tuple(_coerce(value, kind, condition.field) for value in values)
    compare = _OPERATORS[operator]

    def test(row: Row) -> bool:
        present, value = _respan_value(row, ref)
        if ref.subkey is not None and not present:
            return False  # a missing metadata key never matches, even under `not`
        if value is None:
            return operator in ("not", "not_in", "not_contains", "not_startswith", "not_endswith")
        try:
            actual = _coerce(value, kind, condition.field)
        except FilterProblem:
            return False
        return compare(actual, wanted)

    return test


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _coerce(value: Any, kind: Kind, field: str) -> Any:
    if kind in (Kind.INTEGER, Kind.NUMBER):
        if isinstance(value, bool):
            raise FilterProblem(f"{field}: expected a number, got {value!r}", field)
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise FilterProblem(f"{field}: expected a number, got {value!r}", field) from None
        if math.isnan(number):
            raise FilterProblem(f"{field}: expected a number, got NaN", field)
        return number
    if kind is Kind.DATETIME:
        return parse_datetime(value, field)
    if kind is Kind.BOOLEAN:
        return _truthy(value)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def parse_datetime(value: Any, field: str = "time") -> datetime:
    if isinstance(value, datetime):
        return value
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        raise FilterProblem(f"{field}: {value!r} is not an ISO 8601 date-time", field) from None
    if parsed.tzinfo is None:
        from datetime import UTC

        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


_OPERATORS: dict[str, Callable[[Any, tuple[Any, ...]], bool]] = {
    "": lambda actual, wanted: actual in wanted,
    "not": lambda actual, wanted: actual not in wanted,
    "in": lambda actual, wanted: actual in wanted,
    "not_in": lambda actual, wanted: actual not in wanted,
    "lt": lambda actual, wanted: actual < wanted[0],
    "lte": lambda actual, wanted: actual <= wanted[0],
    "gt": lambda actual, wanted: actual > wanted[0],
    "gte": lambda actual, wanted: actual >= wanted[0],
    "contains": lambda actual, wanted: str(wanted[0]) in str(actual),
    "not_contains": lambda actual, wanted: str(wanted[0]) not in str(actual),
    "icontains": lambda actual, wanted: str(wanted[0]).lower() in str(actual).lower(),
    "startswith": lambda actual, wanted: str(actual).startswith(str(wanted[0])),
    "not_startswith": lambda actual, wanted: not str(actual).startswith(str(wanted[0])),
    "endswith": lambda actual, wanted: str(actual).endswith(str(wanted[0])),
    "not_endswith": lambda actual, wanted: not str(actual).endswith(str(wanted[0])),
    "iexact": lambda actual, wanted: _lower(actual) in tuple(_lower(w) for w in wanted),
}


# -- Galileo --------------------------------------------------------------------------------

_DEFAULT_OPERATOR = {"id": "eq", "boolean": "eq"}


def galileo_column(row: Row, column_id: str) -> Any:
    """A record's value for a column id (`metrics/duration_ns` reaches inside)."""
    head, sep, rest = column_id.partition("/")
    if sep:
        container = row.get(head)
        return container.get(rest) if isinstance(container, Mapping) else None
    return row.get(column_id)


# Columns the service lists in available_columns beyond the documented catalog: Galileo
# reports a text column per key of a record's dataset_metadata. The emulator serves them so
# that a client's open-catalog lookup is exercised against columns it cannot know in advance.
UNDOCUMENTED_CONTAINERS = {"dataset_metadata": "text"}
# ... and a column per scorer metric of the run (here one scorer, on traces).
UNDOCUMENTED_COLUMNS = {"metrics/correctness": "number"}


def column_filter_type(column_id: str) -> str | None:
    """The filter type of any column the emulated service has (None: no such column)."""
    documented = galileo_filter_type(column_id)
    if documented is not None:
        return documented
    if column_id in UNDOCUMENTED_COLUMNS:
        return UNDOCUMENTED_COLUMNS[column_id]
    head, _, key = column_id.partition("/")
    return UNDOCUMENTED_CONTAINERS.get(head) if key else None


def galileo_filter_predicate(spec: Any, where: str) -> Predicate:
    """One Galileo filter object; `where` locates it for error messages."""
    if not isinstance(spec, Mapping):
        raise FilterProblem(f"{where}: a filter must be an object")
    column = spec.get(
        "column_id", "fully_annotated" if spec.get("type") == "fully_annotated" else None
    )
    if not isinstance(column, str) or not column:
        raise FilterProblem(f"{where}.column_id: required")
    fits = column_filter_type(column)
    if fits is None:
        raise FilterProblem(f"{where}.column_id: unknown column {column!r}", column)
    kind = spec.get("type", fits)  # galileo's models default `type` per filter kind
    if kind not in GALILEO_OPERATORS:
        raise FilterProblem(f"{where}.type: unknown filter type {kind!r}")
    if kind == "fully_annotated":
        return lambda row: row.get("fully_annotated") is True
    if fits != kind and not (kind == "text" and fits == "id"):
        raise FilterProblem(
            f"{where}: column {column!r} takes a {fits!r} filter, not {kind!r}", column
        )
    operator = spec.get("operator", _DEFAULT_OPERATOR.get(kind))
    if operator not in GALILEO_OPERATORS[kind]:
        raise FilterProblem(f"{where}.operator: {operator!r} is not a {kind} operator", column)
    if "value" not in spec:
        raise FilterProblem(f"{where}.value: required", column)
    value = spec["value"]
    case_sensitive = spec.get("case_sensitive", True)
    return _GALILEO_BUILDERS[kind](column, operator, value, case_sensitive, where)


def _fold(value: Any, case_sensitive: bool) -> Any:
    if isinstance(value, str) and not case_sensitive:
        return value.lower()
    return value


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _text_filter(column: str, op: str, value: Any, case_sensitive: bool, where: str) -> Predicate:
    wanted = [_fold(str(v), case_sensitive) for v in _as_list(value)]
    if op in ("eq", "ne", "contains") and len(wanted) != 1:
        raise FilterProblem(f"{where}.value: {op} takes one value", column)

    def test(row: Row) -> bool:
        actual = galileo_column(row, column)
        if actual is None:
            return op in ("ne", "not_in")
        text = _fold(actual if isinstance(actual, str) else json.dumps(actual), case_sensitive)
        if op == "eq":
            return bool(text == wanted[0])
        if op == "ne":
            return bool(text != wanted[0])
        if op == "contains":
            return wanted[0] in text
        if op == "one_of":
            return text in wanted
        return text not in wanted

    return test


def _id_filter(column: str, op: str, value: Any, case_sensitive: bool, where: str) -> Predicate:
    return _text_filter(column, op, value, False, where)


def _number_filter(column: str, op: str, value: Any, _: bool, where: str) -> Predicate:
    numbers = [_coerce(v, Kind.NUMBER, where + ".value") for v in _as_list(value)]
    if op == "between":
        if len(numbers) != 2:
            raise FilterProblem(f"{where}.value: between takes [min, max]", column)
        low, high = numbers
        return lambda row: _number_in(galileo_column(row, column), lambda n: low <= n <= high)
    if len(numbers) != 1:
        raise FilterProblem(f"{where}.value: {op} takes one number", column)
    wanted = numbers[0]
    compare: Callable[[float], bool] = {
        "eq": lambda n: n == wanted,
        "ne": lambda n: n != wanted,
        "gt": lambda n: n > wanted,
        "gte": lambda n: n >= wanted,
        "lt": lambda n: n < wanted,
        "lte": lambda n: n <= wanted,
    }[op]
    return lambda row: _number_in(galileo_column(row, column), compare)


def _number_in(actual: Any, compare: Callable[[float], bool]) -> bool:
    if isinstance(actual, bool) or not isinstance(actual, (int, float)):
        return False
    return compare(float(actual))


def _date_filter(column: str, op: str, value: Any, _: bool, where: str) -> Predicate:
    wanted = parse_datetime(value, where + ".value")
    compare: Callable[[datetime], bool] = {
        "eq": lambda d: d == wanted,
        "ne": lambda d: d != wanted,
        "gt": lambda d: d > wanted,
        "gte": lambda d: d >= wanted,
        "lt": lambda d: d < wanted,
        "lte": lambda d: d <= wanted,
    }[op]

    def test(row: Row) -> bool:
        actual = galileo_column(row, column)
        return actual is not None and compare(parse_datetime(actual))

    return test


def _boolean_filter(column: str, op: str, value: Any, _: bool, where: str) -> Predicate:
    if not isinstance(value, bool):
        raise FilterProblem(f"{where}.value: expected true or false", column)
    if op == "eq":
        return lambda row: galileo_column(row, column) is value
    return lambda row: galileo_column(row, column) is not value


def _collection_filter(
    column: str, op: str, value: Any, case_sensitive: bool, where: str
) -> Predicate:
    wanted = [_fold(str(v), case_sensitive) for v in _as_list(value)]

    def test(row: Row) -> bool:
        actual = galileo_column(row, column)
        items = [_fold(str(v), case_sensitive) for v in (actual or [])]
        if op == "eq":
            return items == wanted
        if op == "contains":
            return all(w in items for w in wanted)
        if op == "one_of":
            return any(w in items for w in wanted)
        return not any(w in items for w in wanted)

    return test


_GALILEO_BUILDERS: dict[str, Callable[[str, str, Any, bool, str], Predicate]] = {
    "id": _id_filter,
    "text": _text_filter,
    "number": _number_filter,
    "date": _date_filter,
    "boolean": _boolean_filter,
    "collection": _collection_filter,
}


def galileo_predicate(filters: Any, tree: Any) -> Predicate:
    """AND of the flat filters and the filter tree (either may be absent)."""
    tests: list[Predicate] = []
    if filters is not None:
        if not isinstance(filters, list):
            raise FilterProblem("filters: must be a list")
        tests.extend(
            galileo_filter_predicate(spec, f"filters[{i}]") for i, spec in enumerate(filters)
        )
    if tree is not None:
        tests.append(galileo_tree_predicate(tree, "filter_tree"))
    return lambda row: all(test(row) for test in tests)


def galileo_tree_predicate(node: Any, where: str) -> Predicate:
    if not isinstance(node, Mapping) or len(node) != 1:
        raise FilterProblem(f"{where}: expected one of filter, and, or, not")
    ((key, value),) = node.items()
    if key == "filter":
        return galileo_filter_predicate(value, f"{where}.filter")
    if key in ("and", "or"):
        if not isinstance(value, list) or not value:
            raise FilterProblem(f"{where}.{key}: expected a non-empty list")
        children = [
            galileo_tree_predicate(child, f"{where}.{key}[{i}]") for i, child in enumerate(value)
        ]
        if key == "and":
            return lambda row: all(child(row) for child in children)
        return lambda row: any(child(row) for child in children)
    if key == "not":
        child = galileo_tree_predicate(value, f"{where}.not")
        return lambda row: not child(row)
    raise FilterProblem(f"{where}: expected one of filter, and, or, not, got {key!r}")
