"""Compact JSON text, encoded with the C encoder built once.

`json.dumps(value, separators=...)` builds an encoder and then a C encoder for every value;
exports encode a value or three per row, and that set-up was a fifth of the time spent
encoding. Here the C encoder is made once (CPython's `json.encoder.c_make_encoder`, the one
`json.dumps` itself uses); where it is missing the pure-Python encoder does the same.
Circular references are not looked for: the values come from JSON or from the mappings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as _encoder
from typing import Any


def _compact(default: Callable[[Any], Any] | None, allow_nan: bool) -> Callable[[Any], str]:
    make = getattr(_encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator (not CPython)
        kwargs: dict[str, Any] = {"default": default} if default else {}
        return json.JSONEncoder(
            ensure_ascii=False, separators=(",", ":"), allow_nan=allow_nan, **kwargs
        ).encode
    strings = _encoder.encode_basestring  # ensure_ascii=False: text kept as it is

    def refuse(value: Any) -> Any:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    chunks = make(None, default or refuse, strings, None, ":", ",", False, False, allow_nan)

    def encode(value: Any) -> str:
        if isinstance(value, str):
            return str(strings(value))
        return "".join(chunks(value, 0))

    return encode


compact = _compact(None, True)  # JSON text of a value (NaN written as NaN, as json.dumps does)
strict = _compact(None, False)  # the same, but NaN and Infinity raise ValueError
lenient = _compact(str, True)  # anything JSON has no form for written as its str()
