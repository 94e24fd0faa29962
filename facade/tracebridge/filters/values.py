"""What every compiler shares: splitting an expression into ANDed flat_conditions, and checking a
value against the kind of field it is compared with. Everything here fails with
`FilterError` before any request is made."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..catalog import Kind, canonical
from ..errors import FilterError
from .expr import And, Compare, Expr, Not, Or

NUMERIC = (Kind.INTEGER, Kind.NUMBER)
LARGEST = 2**63 - 1  # the widest integer a service compares
TEXTUAL = (Kind.STRING, Kind.TEXT, Kind.MAPPING)


@dataclass(frozen=True)
class FlatCondition:
    """A comparison, possibly negated: the unit a flat dialect sends."""

    compare: Compare
    negated: bool

    def __str__(self) -> str:
        return str(Not(self.compare)) if self.negated else str(self.compare)


def flat_conditions(expression: Expr, dialect: str) -> list[FlatCondition]:
    """The ANDed comparisons of an expression; OR, or NOT over a group, cannot be flat."""
    if isinstance(expression, Compare):
        return [FlatCondition(expression, False)]
    if isinstance(expression, And):
        return [literal for item in expression.items for literal in flat_conditions(item, dialect)]
    if isinstance(expression, Not):
        inner = expression.item
        if isinstance(inner, Not):
            return flat_conditions(inner.item, dialect)
        if isinstance(inner, Compare):
            return [FlatCondition(inner, True)]
        raise FilterError(
            f"{dialect} cannot negate a group: {expression}",
            expression=str(expression),
            dialect=dialect,
        )
    if isinstance(expression, Or):
        raise FilterError(
            f"{dialect} cannot express OR: {expression}",
            expression=str(expression),
            dialect=dialect,
        )
    raise FilterError(f"not a filter expression: {expression!r}")  # pragma: no cover


def unsupported(literal: FlatCondition | Compare | Expr, dialect: str, why: str) -> FilterError:
    text = str(literal)
    return FilterError(
        f"{dialect} cannot express `{text}`: {why}", expression=text, dialect=dialect
    )


def check_value(value: Any, kind: Kind, field: str) -> Any:
    """The value in the form a service expects for a field of this kind."""
    if value is None:
        return None
    if kind in NUMERIC:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FilterError(f"{field} holds numbers; {value!r} is not a number", expression=field)
        if isinstance(value, int) and not -LARGEST <= value <= LARGEST:
            digits = len(str(abs(value)))
            raise FilterError(
                f"{field}: a {digits}-digit integer is too large to compare", expression=field
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise FilterError(f"{field}: {value!r} is not a finite number", expression=field)
        return value
    if kind is Kind.DATETIME:
        return iso_datetime(value, field)
    if kind is Kind.BOOLEAN:
        if not isinstance(value, bool):
            raise FilterError(f"{field} holds true or false, not {value!r}", expression=field)
        return value
    if kind is Kind.SCORES:
        return iso_datetime(value, field) if isinstance(value, datetime) else value
    if kind is Kind.JSON:
        raise FilterError(f"{field} cannot be filtered on", expression=field)
    if isinstance(value, datetime):
        return iso_datetime(value, field)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def iso_datetime(value: Any, field: str) -> str:
    """ISO 8601 in UTC for an aware datetime or a date-time string with its offset; a date
    alone (`2025-06-01`) is that day's start in UTC. A time without an offset is refused:
    the service would read it as UTC, the caller may have meant local time."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise FilterError(
                f"{field}: {value!r} is not an ISO 8601 date-time", expression=field
            ) from None
    elif isinstance(value, datetime):
        parsed = value
    else:
        raise FilterError(f"{field} holds date-times; {value!r} is not one", expression=field)
    if parsed.tzinfo is None:
        if not (isinstance(value, str) and len(value.strip()) == 10):
            raise FilterError(
                f"{field}: {str(value)!r} has no time zone; give one (tzinfo=UTC, or a text "
                "ending in Z or +02:00)",
                expression=field,
            )
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat().replace("+00:00", "Z")


def field_kind(
    name: str, fields: Mapping[str, Kind] | None, strict: bool, dialect: str
) -> Kind | None:
    """A field's kind from the endpoint's documented fields (None: unknown, allowed)."""
    if fields is None:
        return None
    if name in fields:
        return fields[name]
    documented = canonical(name, fields)  # a documented alias: `cost` for `total_cost`
    if documented in fields:
        return fields[documented]
    if strict:
        shown = {Kind.MAPPING: "{}.<key>", Kind.SCORES: "{}.<evaluator>"}
        known = ", ".join(
            sorted(shown.get(k, "{}").format(n) for n, k in fields.items() if k is not Kind.JSON)
        )
        raise FilterError(
            f"unknown field {name!r} for {dialect}; known fields: {known} "
            "(strict=False sends it anyway)",
            expression=name,
            dialect=dialect,
        )
    return None
