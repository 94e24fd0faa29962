"""Python rows to an Arrow record batch, its buffers built here.

`pa.array` on Python lists would do it, but its first call imports pandas whenever pandas is
installed (pyarrow checks each input for a pandas object): some 40 MB of memory that a
Parquet export never uses, more than the rows it holds at a time. The columns an export
writes are only text, 64-bit integers, doubles, booleans and UTC timestamps, whose Arrow
layout is a validity bitmap and one or two plain buffers: those are made with the standard
library (`array`, `bytes`) and handed to `pa.Array.from_buffers`, which copies nothing and
imports nothing.

A column whose values are not exactly what its type holds (a float in an integer column, a
bool among numbers, text that is not UTF-8, an integer past 64 bits) is left to `pa.array`,
which gives the same array, or the same error, as before. One difference, on purpose: in a
float column an integer past 2**53 is the nearest double (`float()`), where `pa.array`
refused it and failed the whole export.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from operator import itemgetter
from typing import Any

from .flatten import INT64_MAX, INT64_MIN

Row = Mapping[str, Any]
Convert = Callable[[Any], Any]

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
_BITS = bytes.maketrans(b"\x00\x01", b"01")  # a bytes of 0/1 flags as the digits of a number
_OFFSETS_MAX = 2**31 - 1  # the string type's 32-bit offsets


def micros(moment: datetime) -> int:
    """An instant as whole microseconds since 1970 (a naive one is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - EPOCH) // MICROSECOND


def record_batch(
    pa: Any,
    rows: Sequence[Row],
    schema: Any,
    convert: Mapping[str, Convert] | None = None,
    taken: Mapping[str, list[Any]] | None = None,
) -> Any:
    """The rows as a RecordBatch of `schema` (its columns in its order, a column a row lacks
    as null, keys outside it ignored). `convert` turns a column's non-null values into what
    its type holds (a timestamp column holds datetimes then); `taken` has columns' values
    already taken out of the rows."""
    convert, taken = convert or {}, taken or {}
    names = [field.name for field in schema]  # a property that makes a new str each time
    found = _transposed(rows, [name for name in names if name not in taken])
    arrays = []
    for field, name in zip(schema, names, strict=True):
        values = taken.get(name)
        if values is None:
            values = found[name] if found is not None else [row.get(name) for row in rows]
        step = convert.get(name)
        if step is not None:
            values = [None if value is None else step(value) for value in values]
        arrays.append(column(pa, values, field.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _transposed(rows: Sequence[Row], names: list[str]) -> dict[str, list[Any]] | None:
    """The rows' columns, when every row is a plain dict with every one of `names` (the
    common schema's rows are): taken out by `itemgetter` and `zip`, in C, instead of a `get`
    per cell. None otherwise: sparse rows, and mappings whose `row[name]` may not be
    `row.get(name)` (a defaultdict would fill itself in), are read with `get`."""
    if len(names) < 2 or not rows or set(map(type, rows)) != {dict}:
        return None
    try:
        cells = list(map(itemgetter(*names), rows))
    except KeyError:
        return None
    return {
        name: list(values) for name, values in zip(names, zip(*cells, strict=True), strict=True)
    }


def table_of(pa: Any, rows: Sequence[Row], schema: Any) -> Any:
    """The rows as a pyarrow Table of `schema` (what `Table.from_pylist` gives)."""
    return pa.Table.from_batches([record_batch(pa, rows, schema)], schema=schema)


def column(pa: Any, values: list[Any], kind: Any) -> Any:
    """One column's values as an Arrow array of type `kind`."""
    try:
        built = _built(pa, values, kind)
    except (TypeError, ValueError, OverflowError, AttributeError, UnicodeEncodeError):
        built = None
    return pa.array(values, type=kind) if built is None else built


def _built(pa: Any, values: list[Any], kind: Any) -> Any:
    """The array from its buffers, or None for a type or values not handled here."""
    count, nulls = len(values), values.count(None)
    if nulls == count:
        return pa.nulls(count, kind)
    types = set(map(type, values))
    types.discard(type(None))
    valid = _bitmap(pa, bytes([value is not None for value in values])) if nulls else None
    filled = [value for value in values if value is not None] if nulls else values
    if pa.types.is_string(kind):
        if types != {str}:
            return None
        texts = [value or "" for value in values] if nulls else values
        joined = "".join(texts)
        if joined.isascii():  # one character a byte: the lengths are the offsets
            data, lengths = joined.encode("ascii"), map(len, texts)
        else:
            encoded = [text.encode("utf-8") for text in texts]
            data, lengths = b"".join(encoded), map(len, encoded)
        if len(data) > _OFFSETS_MAX:
            return None
        offsets = array("i", accumulate(lengths, initial=0))
        buffers = [valid, pa.py_buffer(offsets), pa.py_buffer(data)]
    elif pa.types.is_boolean(kind):
        if types != {bool}:
            return None
        buffers = [valid, _bitmap(pa, bytes([value is True for value in values]))]
    elif pa.types.is_int64(kind):
        if types != {int}:
            return None
        buffers = [valid, pa.py_buffer(array("q", [v or 0 for v in values] if nulls else values))]
    elif pa.types.is_float64(kind):
        if not types <= {float, int} or (
            int in types and not all(INT64_MIN <= v <= INT64_MAX for v in filled if type(v) is int)
        ):
            return None
        doubles = array("d", [0.0 if v is None else v for v in values] if nulls else values)
        buffers = [valid, pa.py_buffer(doubles)]
    elif pa.types.is_timestamp(kind) and kind.unit == "us":
        if not types <= {datetime, int}:
            return None
        stamps = [0 if v is None else v if type(v) is int else micros(v) for v in values]
        buffers = [valid, pa.py_buffer(array("q", stamps))]
    else:
        return None
    return pa.Array.from_buffers(kind, count, buffers, null_count=nulls)


def _bitmap(pa: Any, flags: bytes) -> Any:
    """One bit a value, least significant first, from a bytes of 0/1 flags."""
    number = int(flags[::-1].translate(_BITS), 2)
    return pa.py_buffer(number.to_bytes((len(flags) + 7) // 8, "little"))
