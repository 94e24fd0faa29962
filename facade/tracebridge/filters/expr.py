"""The filter expression tree, built with Python operators.

    F.status == "success"
    (F.total_cost > 0.01) & F["metadata.user_id"].isin(["u1", "u2"])
    F.input.icontains("refund") | ~F.name.startswith("tool")

Expressions are immutable, hashable, compare by structure, and print as the text form that
`tracebridge.filters.parse` reads back (`parse(str(e)) == e`). They never turn into a bool:
`a == b and c` is a mistake Python would otherwise accept silently.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from ..errors import FilterError

Scalar = str | int | float | bool | datetime | None

# Comparison operators, with their text spelling.
OPERATORS: dict[str, str] = {
    "eq": "=",
    "ne": "!=",
    "lt": "<",
    "le": "<=",
    "gt": ">",
    "ge": ">=",
    "contains": "contains",
    "icontains": "icontains",
    "iexact": "iexact",
    "startswith": "startswith",
    "endswith": "endswith",
    "in": "in",
    "between": "between",
    "is_null": "is null",
    "is_empty": "is empty",
}


class Expr:
    """A filter expression. Combine with `&`, `|` and `~`."""

    __slots__ = ()

    def __and__(self, other: Expr) -> Expr:
        return And.of(self, _expr(other))

    def __or__(self, other: Expr) -> Expr:
        return Or.of(self, _expr(other))

    def __invert__(self) -> Expr:
        return Not(self)

    def __rand__(self, other: Expr) -> Expr:
        return And.of(_expr(other), self)

    def __ror__(self, other: Expr) -> Expr:
        return Or.of(_expr(other), self)

    def __bool__(self) -> bool:
        raise TypeError(
            "a filter expression has no truth value: combine with & | ~ (not `and`, `or`, `not`), "
            "and put parentheses around comparisons: (F.a > 1) & (F.b == 2)"
        )

    def fields(self) -> frozenset[str]:
        """Every field name the expression mentions."""
        raise NotImplementedError  # pragma: no cover - every subclass defines it


def _expr(value: Any) -> Expr:
    if not isinstance(value, Expr):
        raise TypeError(f"expected a filter expression, got {type(value).__name__}: {value!r}")
    return value


def _check_scalar(value: Any, field: str) -> Scalar:
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    if value is None or isinstance(value, (str, bool, int, datetime)):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise FilterError(f"{field}: {value} is not a value a service can filter on")
        return value
    raise FilterError(f"{field}: cannot filter on a {type(value).__name__} ({value!r})")


@dataclass(frozen=True, eq=False)
class Field:
    """A field to compare: `F.name`, `F["metadata.user_id"]`, `F["metrics/duration_ns"]`."""

    name: str

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise FilterError(f"a field name must be a non-empty string, not {self.name!r}")

    def _compare(self, op: str, value: Any) -> Compare:
        return Compare(self.name, op, _check_scalar(value, self.name))

    def __eq__(self, value: Any) -> Compare:  # type: ignore[override]
        if value is None:
            return Compare(self.name, "is_null", None)
        return self._compare("eq", value)

    def __ne__(self, value: Any) -> Expr:  # type: ignore[override]
        if value is None:
            return Not(Compare(self.name, "is_null", None))
        return self._compare("ne", value)

    def __lt__(self, value: Any) -> Compare:
        return self._compare("lt", value)

    def __le__(self, value: Any) -> Compare:
        return self._compare("le", value)

    def __gt__(self, value: Any) -> Compare:
        return self._compare("gt", value)

    def __ge__(self, value: Any) -> Compare:
        return self._compare("ge", value)

    def __hash__(self) -> int:
        return hash(("Field", self.name))

    def __bool__(self) -> bool:
        raise TypeError(
            f"F.{self.name} is a field, not a condition: compare it, e.g. F.{self.name} == 'x'"
        )

    def contains(self, text: str) -> Compare:
        """The value holds `text` (case-sensitive)."""
        return Compare(self.name, "contains", _text(text, self.name, "contains"))

    def icontains(self, text: str) -> Compare:
        """The value holds `text`, ignoring case."""
        return Compare(self.name, "icontains", _text(text, self.name, "icontains"))

    def iexact(self, text: str) -> Compare:
        """The value equals `text`, ignoring case."""
        return Compare(self.name, "iexact", _text(text, self.name, "iexact"))

    def startswith(self, text: str) -> Compare:
        return Compare(self.name, "startswith", _text(text, self.name, "startswith"))

    def endswith(self, text: str) -> Compare:
        return Compare(self.name, "endswith", _text(text, self.name, "endswith"))

    def isin(self, values: Iterable[Any]) -> Compare:
        """The value is one of `values` (at least one)."""
        if isinstance(values, (str, bytes)):
            raise FilterError(
                f"{self.name}.isin() takes a list of values, not a string: {values!r}"
            )
        items = tuple(_check_scalar(value, self.name) for value in values)
        if not items:
            raise FilterError(f"{self.name}.isin() needs at least one value")
        return Compare(self.name, "in", items)

    def between(self, low: Any, high: Any) -> Compare:
        """low <= value <= high."""
        pair = (_check_scalar(low, self.name), _check_scalar(high, self.name))
        if None in pair:
            raise FilterError(f"{self.name}.between() needs two values, not None")
        return Compare(self.name, "between", pair)

    def is_null(self) -> Compare:
        """The value is missing or null (`~F.x.is_null()` for present)."""
        return Compare(self.name, "is_null", None)

    def is_empty(self) -> Compare:
        """The value is missing, null, empty text or an empty list (`~F.x.is_empty()`:
        it holds something)."""
        return Compare(self.name, "is_empty", None)


def _text(value: Any, field: str, op: str) -> str:
    if not isinstance(value, str):
        raise FilterError(f"{field}.{op}() takes a string, not {type(value).__name__} ({value!r})")
    return value


@dataclass(frozen=True, slots=True)
class Compare(Expr):
    """One comparison of a field with a value (a tuple for `in` and `between`)."""

    field: str
    op: str
    value: Any

    def __post_init__(self) -> None:
        if self.op not in OPERATORS:
            raise FilterError(f"unknown operator {self.op!r}")

    def fields(self) -> frozenset[str]:
        return frozenset({self.field})

    def __str__(self) -> str:
        name = format_field(self.field)
        if self.op in ("is_null", "is_empty"):
            return f"{name} {OPERATORS[self.op]}"
        if self.op == "in":
            return f"{name} in ({', '.join(format_value(v) for v in self.value)})"
        if self.op == "between":
            low, high = self.value
            return f"{name} between {format_value(low)} and {format_value(high)}"
        return f"{name} {OPERATORS[self.op]} {format_value(self.value)}"

    def __repr__(self) -> str:
        return f"<filter {self}>"


class _Group(Expr):
    __slots__ = ()
    items: tuple[Expr, ...]
    joiner: ClassVar[str]

    @classmethod
    def of(cls, *parts: Expr) -> Expr:
        """The group of the parts, flattening groups of the same kind; one part alone stays."""
        items: list[Expr] = []
        for part in parts:
            items.extend(part.items if isinstance(part, cls) else (part,))
        # And and Or are dataclasses whose one field is `items`
        return items[0] if len(items) == 1 else cls(tuple(items))  # type: ignore[call-arg]

    def fields(self) -> frozenset[str]:
        return frozenset().union(*(item.fields() for item in self.items))

    def __str__(self) -> str:
        return f" {self.joiner} ".join(_wrapped(item, type(self)) for item in self.items)

    def __repr__(self) -> str:
        return f"<filter {self}>"


@dataclass(frozen=True, slots=True)
class And(_Group):
    """All of the items hold."""

    items: tuple[Expr, ...]
    joiner: ClassVar[str] = "and"


@dataclass(frozen=True, slots=True)
class Or(_Group):
    """At least one of the items holds."""

    items: tuple[Expr, ...]
    joiner: ClassVar[str] = "or"


@dataclass(frozen=True, slots=True)
class Not(Expr):
    """The item does not hold."""

    item: Expr

    def fields(self) -> frozenset[str]:
        return self.item.fields()

    def __str__(self) -> str:
        item = self.item
        if isinstance(item, Compare) and item.op == "is_null":
            return f"{format_field(item.field)} is not null"
        if isinstance(item, Compare) and item.op == "in":
            return str(item).replace(" in (", " not in (", 1)
        return f"not ({item})" if isinstance(item, (_Group, Not)) else f"not {item}"

    def __repr__(self) -> str:
        return f"<filter {self}>"


def _wrapped(item: Expr, parent: type) -> str:
    text = str(item)
    return f"({text})" if isinstance(item, _Group) and not isinstance(item, parent) else text


IDENTIFIER_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-:")
KEYWORDS = frozenset({"and", "or", "not", "in", "is", "null", "between", "true", "false",
                      "contains", "icontains", "startswith", "endswith"})  # fmt: skip


def format_field(name: str) -> str:
    """A field as the text form writes it: bare when it can be, else backquoted."""
    bare = (
        (name[0].isalpha() or name[0] == "_")
        and all(c in IDENTIFIER_CHARS for c in name)
        and name.lower() not in KEYWORDS
    )
    return name if bare else "`" + name.replace("`", "``") + "`"


def format_value(value: Scalar) -> str:
    """A value as the text form writes it; datetimes bare in ISO 8601, strings quoted."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


class _FieldFactory:
    """`F.name` and `F["dotted.name"]` give a Field."""

    def __getattr__(self, name: str) -> Field:
        if name.startswith("__"):
            raise AttributeError(name)
        return Field(name)

    def __getitem__(self, name: str) -> Field:
        return Field(name)

    def __repr__(self) -> str:
        return "F"


F = _FieldFactory()
