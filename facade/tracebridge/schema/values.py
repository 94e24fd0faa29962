"""The small conversions every mapping shares: instants, text, JSON text, numbers, status,
span kinds and providers, and the `metadata` that keeps what no column names."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from .._json import lenient
from ..export.flatten import INT64_MAX, INT64_MIN, parse_datetime

Row = dict[str, Any]

# Where a model's name says who serves it (gen_ai.provider.name values of the conventions).
PROVIDERS = (
    (("gpt-", "o1", "o3", "o4", "text-embedding", "chatgpt", "dall-e", "whisper"), "openai"),
    (("claude",), "anthropic"),
    (("gemini",), "gcp.gemini"),
    (("mistral", "mixtral", "codestral"), "mistral_ai"),
    (("command",), "cohere"),
    (("deepseek",), "deepseek"),
    (("grok",), "x_ai"),
    (("sonar",), "perplexity"),
)


def instant(value: Any) -> datetime | None:
    """An ISO 8601 text (or a datetime) as an aware UTC datetime; None if it is not one."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, str) and value:
        return parse_datetime(value)  # the exports' own reading of a date-time
    return None


def later(start: datetime | None, milliseconds: float | None) -> datetime | None:
    """`start` plus a duration, to the nearest microsecond (half to even, as SQL's
    round_even: the sync's SQL mapping computes it alike); None past the year 9999."""
    if start is None or milliseconds is None:
        return None
    try:
        return start + timedelta(microseconds=round(milliseconds * 1000))
    except OverflowError:
        return None


def json_text(value: Any) -> str | None:
    """Any JSON value as compact JSON text (None stays None)."""
    if value is None:
        return None
    return lenient(value)


def text(value: Any) -> str | None:
    """Text as it is; any other JSON value (messages, objects) as JSON text."""
    if value is None or isinstance(value, str):
        return value
    return json_text(value)


def identifier(value: Any) -> str | None:
    """An id as text, whatever JSON type carried it: text as it is, a whole number as its
    digits (services and proxies send numeric ids); None for null, empty text and anything
    that cannot be an id (an object, a list, a boolean, a fraction), so a store that keys
    rows by it refuses the row instead of keying it by a stand-in."""
    if type(value) is str:  # the usual case first
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return None


# The spellings of a verdict the vendors' SDKs and evaluators send where a boolean belongs.
TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1", "pass", "passed"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "0", "fail", "failed"})


def truth(value: Any) -> bool | None:
    """A boolean from what a service may send for one: a JSON boolean, the numbers 0 and 1,
    or a word such as "false", "no" or "pass" (any case); None for anything else (never
    `bool(value)`, which reads the text "false" as true)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value) if value in (0, 1) else None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def number(value: Any) -> float | None:
    if type(value) is float:  # the usual case first
        return value if math.isfinite(value) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def whole(value: Any) -> int | None:
    """A whole number that fits the 64-bit integer columns every reader takes; else None."""
    if type(value) is int:  # the usual case first
        return value if INT64_MIN <= value <= INT64_MAX else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    number = int(value)
    return number if INT64_MIN <= number <= INT64_MAX else None


def total(*values: Any) -> int | None:
    """The sum of the counts given, None when none is."""
    result = None
    for value in values:
        count = whole(value)
        if count is not None:
            result = count if result is None else result + count
    return result


def status(*, text_status: Any = None, code: Any = None) -> str:
    """ok, error or unset, from a status word (success, error, ...) or an HTTP status code."""
    if isinstance(text_status, str) and text_status:
        word = text_status.lower()
        if word in ("success", "ok", "completed", "succeeded"):
            return "ok"
        if word in ("error", "failed", "failure", "timeout"):
            return "error"
    code = whole(code)
    if code is not None:
        return "ok" if code < 400 else "error"
    return "unset"


def provider(model: Any) -> str | None:
    """Who serves a model, by its name (None when the name does not say)."""
    if not isinstance(model, str) or not model:
        return None
    name = model.lower().rsplit("/", 1)[-1]
    for prefixes, who in PROVIDERS:
        if name.startswith(prefixes):
            return who
    return None


def kept(
    source: str,
    row: Mapping[str, Any],
    mapped: Iterable[str],
    own: Any,
    extra: Mapping[str, Any] | None = None,
) -> str | None:
    """The `metadata` column: the source's own metadata map, and every field of the row no
    column names (then `extra`'s), under `<source>.<field>` (so it cannot clash with a
    metadata key)."""
    out: Row = dict(own) if isinstance(own, Mapping) else {}
    if own is not None and not isinstance(own, Mapping):
        out[f"{source}.metadata"] = own
    taken = mapped if isinstance(mapped, (set, frozenset)) else set(mapped)
    prefix = f"{source}."
    for fields in (row, extra) if extra else (row,):
        out.update(
            {
                f"{prefix}{key}": value
                for key, value in fields.items()
                if value is not None and key not in taken
            }
        )
    return json_text(out) if out else None


def raw(row: Mapping[str, Any]) -> str:
    text_value = json_text(row if type(row) is dict else dict(row))
    assert text_value is not None
    return text_value
