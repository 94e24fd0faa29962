"""Rows to flat records: maps become dotted columns, in a deterministic order.

    flatten({"id": "t1", "scores": {"faithfulness": {"boolean_value": True}}})
    == {"id": "t1", "scores.faithfulness.boolean_value": True}

The documented maps (`scores`, `metadata`, Galileo's `metrics`, `user_metadata`,
`dataset_metadata`) and any object the spec does not document are flattened recursively,
keys joined with dots; an empty object leaves no column. Every other documented field is one
column whatever it holds (`input`, `expected_output`, `tags`: an object or a list there is
written as JSON text where a format has no place for it), so a field that is text in one row
and an object in the next stays one column. Column order: the row type's documented fields
in the generated model's order, each map's dotted columns in place and sorted, then any keys
the spec does not know, sorted: the same data always gives the same columns, whatever order
pages or keys arrived in. docs/columns.md states the whole contract.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from .._json import compact

Row = dict[str, Any]

# The kinds of value a column was seen to hold, for choosing its Arrow/Parquet type.
NULL, BOOL, INT, FLOAT, STR, JSON = "null", "bool", "int", "float", "str", "json"
BIGINT = "bigint"  # an integer past int64: kept as its decimal text where types are fixed
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
DATETIME = "datetime"  # a string in a documented date-time field that reads as ISO 8601


def flatten(row: Mapping[str, Any], whole: frozenset[str] = frozenset()) -> Row:
    """The row with every nested object spread into dotted keys, except the top-level
    fields named in `whole`, which keep their value as it is.

    A key that holds a dot itself (`{"a.b": 1}`) gives the same name as a nested one
    (`{"a": {"b": 2}}`). When both are in one row, the nested value keeps `a.b` and the
    other's dots are escaped with a backslash (`a\\.b`), so neither is lost."""
    flat: Row = {}
    literal: dict[str, str] = {}  # name -> escaped name, for names made from dotted keys
    if whole and not _dotless(whole):
        kept = {key: value for key, value in row.items() if key in whole}
        _spread({k: v for k, v in row.items() if k not in whole}, "", "", False, flat, literal)
        for key, value in kept.items():
            flat.setdefault(key, value)
        return flat
    _spread(row, "", "", False, flat, literal, whole)
    return flat


@lru_cache(maxsize=64)
def _dotless(whole: frozenset[str]) -> bool:
    """No whole field's name holds a dot, so none can be the name of a spread value, and
    whole fields can be kept in the same pass as the others are spread."""
    return not any("." in name for name in whole)


def _spread(
    row: Mapping[str, Any],
    prefix: str,
    escaped: str,
    dotted: bool,
    flat: Row,
    literal: dict[str, str],
    whole: frozenset[str] = frozenset(),
) -> None:
    for key, value in row.items():
        if key in whole:
            flat[key] = value
            continue
        name = prefix + key
        here = dotted or "." in key
        own = escaped + key.replace(".", "\\.") if here else name
        if isinstance(value, dict):
            _spread(value, name + ".", own + ".", here, flat, literal)
            continue
        if name not in flat:
            flat[name] = value
            if here:
                literal[name] = own
        elif here:
            flat[own] = value  # a dotted key meets a nested one: the nested keeps the name
        elif name in literal:
            flat[literal.pop(name)] = flat[name]
            flat[name] = value
        else:
            flat[name] = value


def kind_of(value: Any) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT if INT64_MIN <= value <= INT64_MAX else BIGINT
    if isinstance(value, float):
        return FLOAT
    if isinstance(value, str):
        return STR
    return JSON


# The kind of the values whose type says it alone (an int's depends on its size).
_KIND_OF_TYPE: dict[type, str] = {type(None): NULL, bool: BOOL, float: FLOAT, str: STR}


def as_text(value: Any) -> str:
    """A value as one cell of text: empty for null, true/false, JSON for lists/objects."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return repr(value)
    return compact(value)


@dataclass(frozen=True)
class RowSchema:
    """What is known of a row type before any row arrives: its documented top-level fields
    (in order), which of them hold date-times, and which stay one column whatever they hold
    (`whole`: every documented field but the maps)."""

    fields: tuple[str, ...] = ()
    datetimes: frozenset[str] = frozenset()
    whole: frozenset[str] = frozenset()
    origin: Any = None  # a schema.Origin: what the rows are, for the common schema

    def column_key(self) -> Any:
        """The sort key of a column name: documented fields in order (a map's dotted
        columns in place, sorted), then the others, sorted."""
        rank = {name: index for index, name in enumerate(self.fields)}
        unknown = len(rank)

        def key(column: str) -> tuple[int, str, int, str]:
            top, _, rest = column.partition(".")
            return (rank.get(top, unknown), top if top not in rank else "", bool(rest), column)

        return key

    def arranged(self, row: Mapping[str, Any], key: Any = None) -> Row:
        """A flat row with every documented field that is one column present (null when
        the row lacks it) and its keys in column order: one JSON line as a CSV row. A map
        (`metadata`) the row lacks adds nothing: its columns come from the rows that have it."""
        full = dict(row)
        for name in self.fields:
            if name in self.whole and name not in full:
                full[name] = None
        return {name: full[name] for name in sorted(full, key=key or self.column_key())}


def model_fields(*models: type) -> tuple[str, ...]:
    """The JSON names of generated attrs models' fields, in their order, without repeats."""
    import attrs

    names: dict[str, None] = {}
    for model in models:
        for attribute in attrs.fields(model):
            if attribute.name != "additional_properties":
                names.setdefault(attribute.name.rstrip("_"), None)
    return tuple(names)


def parse_datetime(value: str) -> datetime | None:
    """An ISO 8601 date-time as an aware UTC datetime (naive ones are taken as UTC)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


@dataclass
class Columns:
    """The columns seen so far and the kinds of value each held."""

    datetimes: frozenset[str] = frozenset()
    kinds: dict[str, set[str]] = field(default_factory=dict)

    def see(self, row: Mapping[str, Any]) -> None:
        kinds, datetimes, by_type = self.kinds, self.datetimes, _KIND_OF_TYPE
        for name, value in row.items():
            kind = by_type.get(type(value)) or kind_of(value)  # the common types at once
            if kind is STR and name in datetimes:
                kind = DATETIME if parse_datetime(value) is not None else STR
            seen = kinds.get(name)
            if seen is None:
                kinds[name] = {kind}
            elif kind not in seen:
                seen.add(kind)

    def see_rows(self, rows: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
        """`see` for each row, a column at a time: the type of each value is taken in C
        (`map(type, ...)`), so a page costs a pass per column, not a dict lookup per value.
        Returns each column's values (None where a row lacks it), for the page's batch."""
        names: set[str] = set().union(*rows)
        columns = {}
        for name in names:
            values = [row.get(name, _ABSENT) for row in rows]
            types = set(map(type, values))
            moments = None
            if str in types and name in self.datetimes:  # each text read once, kept
                moments = [parse_datetime(v) if type(v) is str else None for v in values]
                kinds = _kinds(values, types - {str}, True)
                read = (m for v, m in zip(values, moments, strict=True) if type(v) is str)
                kinds.update(STR if moment is None else DATETIME for moment in read)
            else:
                kinds = _kinds(values, types, name in self.datetimes)
            seen = self.kinds.get(name)
            if seen is None:
                self.kinds[name] = kinds
            else:
                seen |= kinds
            if moments is not None and kinds <= {DATETIME, NULL}:
                values = moments  # the page's batch takes them as they are: no second reading
            elif _Absent in types:
                values = [None if value is _ABSENT else value for value in values]
            columns[name] = values
        return columns

    def merge(self, other: Columns) -> None:
        """Take in the kinds another (a page's) saw."""
        for name, kinds in other.kinds.items():
            mine = self.kinds.get(name)
            if mine is None:
                self.kinds[name] = set(kinds)
            else:
                mine |= kinds

    def to_json(self) -> dict[str, list[str]]:
        return {name: sorted(kinds) for name, kinds in self.kinds.items()}

    @classmethod
    def from_json(cls, datetimes: frozenset[str], data: Mapping[str, Iterable[str]]) -> Columns:
        return cls(datetimes, {name: set(kinds) for name, kinds in data.items()})

    def ordered(self, schema: RowSchema) -> list[str]:
        """Every column seen, in the documented order (see the module's docstring); a
        documented field no row had is still a column (all null), so exports of one row
        type always share their columns."""
        for name in schema.fields:
            if name not in self.kinds and not any(c.startswith(name + ".") for c in self.kinds):
                self.kinds[name] = {NULL}
        for name in self.datetimes & set(self.kinds):
            if not self.kinds[name] - {NULL}:  # never a value: typed as documented
                self.kinds[name].add(DATETIME)
        return sorted(self.kinds, key=schema.column_key())


class _Absent:
    """A row without the column: no kind at all (a null is a kind)."""


_ABSENT = _Absent()


def _kinds(values: list[Any], types: set[type], dated: bool) -> set[str]:
    """The kinds `Columns.see` takes from one column's values (`types`: their types)."""
    kinds: set[str] = set()
    for kind_type in types:
        if kind_type is _Absent:
            continue
        kind = _KIND_OF_TYPE.get(kind_type)
        if kind is not None and not (kind is STR and dated):
            kinds.add(kind)
        elif kind_type is int:
            ints = [value for value in values if type(value) is int]
            if min(ints) >= INT64_MIN and max(ints) <= INT64_MAX:
                kinds.add(INT)
            else:
                kinds.update(kind_of(value) for value in ints)
        else:  # text in a date-time field, or a type of no kind of its own
            for value in values:
                if type(value) is kind_type:
                    kind = kind_of(value)
                    if kind is STR and dated:
                        kind = DATETIME if parse_datetime(str(value)) is not None else STR
                    kinds.add(kind)
    return kinds


def select(columns: list[str], wanted: Iterable[str] | None) -> list[str]:
    """The columns to write: all of them, or the wanted ones in the order asked (a wanted
    object field, like `scores`, takes all its dotted columns)."""
    if wanted is None:
        return columns
    chosen: list[str] = []
    for name in wanted:
        matches = [c for c in columns if c == name or c.startswith(name + ".")]
        chosen.extend(m for m in (matches or [name]) if m not in chosen)
    return chosen
