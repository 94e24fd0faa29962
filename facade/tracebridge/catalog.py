"""The fields of every row type and the kind of value each holds, read from the specs.

Nothing here is typed by hand: `scripts/regenerate.py` writes each spec's `x-` extensions
(field kinds, sortable fields, documented aliases, Galileo filter types and operators) into
`respan_client.api_facts` / `galileo_client.api_facts`, and this module gives them the shape
the facade's filter checks and the emulator share. A spec change reaches both at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

from galileo_client import api_facts as galileo_facts
from respan_client import api_facts as respan_facts


class Kind(StrEnum):
    """How a field's values compare and filter."""

    STRING = "string"
    TEXT = "text"  # free text or JSON (input, output): matched by its text
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATETIME = "datetime"
    JSON = "json"  # any JSON value; not filterable
    MAPPING = "mapping"  # metadata: filtered per key as `metadata__<key>` / `metadata.<key>`
    SCORES = "scores"  # scores: filtered per evaluator as `scores__<id>` / `scores.<id>`


class RowFields(Mapping[str, Kind]):
    """One row type's documented fields (name -> Kind), with what the spec says besides:
    the fields the service sorts by, other names it documents for a field (`aliases`), and
    for Galileo each column's filter `type` and the keys of its nested columns."""

    def __init__(self, name: str, facts: Mapping[str, Any]):
        self.name = name
        self._kinds = MappingProxyType({f: Kind(k) for f, k in facts["fields"].items()})
        self.sortable: frozenset[str] = frozenset(facts["sortable"])
        self.aliases: Mapping[str, str] = MappingProxyType(dict(facts["aliases"]))
        self.filter_types: Mapping[str, str] = MappingProxyType(dict(facts["filter_types"]))
        self.nested: Mapping[str, Mapping[str, Any]] = MappingProxyType(dict(facts["nested"]))

    def __getitem__(self, name: str) -> Kind:
        return self._kinds[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def __repr__(self) -> str:
        return f"RowFields({self.name!r}, {len(self)} fields)"

    def canonical(self, name: str) -> str:
        """The field a documented alias stands for (`cost` -> `total_cost`); else the name."""
        return self.aliases.get(name, name)


def _row(facts: Any, name: str) -> RowFields:
    return RowFields(name, facts.ROWS[name])


RESPAN_EXPERIMENT: Final = _row(respan_facts, "experiment")
RESPAN_TRACE: Final = _row(respan_facts, "trace")
RESPAN_SPAN: Final = _row(respan_facts, "span")
GALILEO_RECORD: Final = _row(galileo_facts, "record")

# Galileo's filter `type` for each column (what available_columns reports as filter_type).
GALILEO_FILTER_TYPES: Final = GALILEO_RECORD.filter_types
# The operators each Galileo filter type has, from the spec's filter schemas.
GALILEO_OPERATORS: Final = MappingProxyType(
    {kind: frozenset(operators) for kind, operators in galileo_facts.FILTER_OPERATORS.items()}
)
GALILEO_METRIC_COLUMNS: Final = tuple(
    f"metrics/{key}" for key in GALILEO_RECORD.nested.get("metrics", {}).get("keys", ())
)
# Respan's standard-format filter operators (`""`, `is` and no operator are equals).
RESPAN_OPERATORS: Final = frozenset(respan_facts.ENUMS["FilterOperator"])


def nested_field(name: str, fields: Mapping[str, Kind]) -> tuple[str, str] | None:
    """(container, key) for a name inside metadata or scores: `metadata__k` or `metadata.k`."""
    for separator in ("__", "."):
        prefix, sep, rest = name.partition(separator)
        if sep and rest and fields.get(prefix) in (Kind.MAPPING, Kind.SCORES):
            return prefix, rest
    return None


def canonical(name: str, fields: Mapping[str, Kind] | None) -> str:
    """The documented field an alias stands for, for row types that have aliases."""
    return fields.canonical(name) if isinstance(fields, RowFields) else name


def sortable_field(name: str, fields: Mapping[str, Kind]) -> str | None:
    """The documented field a sort key names (aliases resolved), or None when the service
    does not sort by it."""
    field = canonical(name, fields)
    if isinstance(fields, RowFields):
        return field if field in fields.sortable else None
    return field if fields.get(field) not in (None, Kind.MAPPING, Kind.SCORES, Kind.JSON) else None


def sortable_names(fields: Mapping[str, Kind]) -> list[str]:
    """Every name a sort may use (fields and their aliases), for error messages."""
    names = [name for name in fields if sortable_field(name, fields)]
    if isinstance(fields, RowFields):
        names += [alias for alias, field in fields.aliases.items() if field in fields.sortable]
    return sorted(names)


def kept_whole(fields: Mapping[str, Kind]) -> frozenset[str]:
    """The documented fields an export keeps as one column whatever they hold: all but the
    maps (metadata, scores, metrics, ...), whose keys become dotted columns."""
    return frozenset(
        name for name, kind in fields.items() if kind not in (Kind.MAPPING, Kind.SCORES)
    )


def galileo_column_id(name: str) -> str:
    """A Galileo column id from a field name: `metrics.duration_ns` -> `metrics/duration_ns`."""
    prefix, sep, rest = name.partition(".")
    if sep and rest and prefix in GALILEO_RECORD.nested:
        return f"{prefix}/{rest}"
    return name


def galileo_filter_type(column_id: str) -> str | None:
    """The filter `type` that fits a Galileo column, or None for an unknown column."""
    if column_id in GALILEO_FILTER_TYPES:
        return GALILEO_FILTER_TYPES[column_id]
    prefix, _, key = column_id.partition("/")
    nested = GALILEO_RECORD.nested.get(prefix)
    if key and nested is not None:
        return str(nested["filter_type"])
    return None
