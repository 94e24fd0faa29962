"""Values every format can hold: strict JSON lines, and the limits of XLSX cells.

JSON has no NaN or Infinity, and UTF-8 has no lone UTF-16 surrogate (`"\\ud800"` in a JSON
body decodes to one). A row holding either is written with the number as null and the
surrogate as U+FFFD, and counted, so every format reads back and nothing fails at the end
of a long export. The fast path (nothing to replace) encodes each page once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from .._json import strict

XLSX_MAX_TEXT = 32_767  # characters in one XLSX cell
REPLACEMENT = "\ufffd"


def _line(row: Mapping[str, Any]) -> str:
    return strict(row) + "\n"


def encoded_lines(rows: Sequence[Mapping[str, Any]]) -> tuple[bytes, int]:
    """The rows as UTF-8 JSON lines, and how many values had to be replaced."""
    try:
        return "".join(_line(row) for row in rows).encode("utf-8"), 0
    except (ValueError, UnicodeEncodeError):
        pass  # a NaN/Infinity (ValueError) or a lone surrogate (UnicodeEncodeError)
    replaced = 0
    lines = []
    for row in rows:
        clean, count = cleaned(row)
        replaced += count
        lines.append(_line(clean))
    return "".join(lines).encode("utf-8"), replaced


def cleaned(value: Any) -> tuple[Any, int]:
    """The value with non-finite numbers as None and lone surrogates as U+FFFD (in keys
    too), and the number of replacements."""
    if isinstance(value, float):
        return (value, 0) if math.isfinite(value) else (None, 1)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, Mapping):
        out, total = {}, 0
        for key, item in value.items():
            name, a = _text(key) if isinstance(key, str) else (key, 0)
            out[name], b = cleaned(item)
            total += a + b
        return out, total
    if isinstance(value, list):
        items, total = [], 0
        for item in value:
            clean, count = cleaned(item)
            items.append(clean)
            total += count
        return items, total
    return value, 0


def _text(text: str) -> tuple[str, int]:
    try:
        text.encode("utf-8")
        return text, 0
    except UnicodeEncodeError:
        count = sum(1 for char in text if 0xD800 <= ord(char) <= 0xDFFF)
        return "".join(REPLACEMENT if 0xD800 <= ord(c) <= 0xDFFF else c for c in text), count


def too_long_for_xlsx(row: Mapping[str, Any]) -> str | None:
    """The first column whose cell text would not fit an XLSX cell, or None."""
    for name, value in row.items():
        if isinstance(value, str):
            if len(value) > XLSX_MAX_TEXT:
                return name
        elif isinstance(value, (list, dict)):
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            if len(text) > XLSX_MAX_TEXT:
                return name
    return None
