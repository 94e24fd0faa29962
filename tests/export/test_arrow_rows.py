"""The fast paths of an export held to the plain ones they replace, on generated values:
Arrow columns built from buffers against `pa.array` (pyarrow's own conversion), a page's
kinds taken a column at a time against `Columns.see` row by row, and flattening in one pass
against spreading then keeping the whole fields. And the reason for the first: writing
Parquet does not import pandas."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracebridge.export.arrow_rows import column, micros, record_batch
from tracebridge.export.flatten import Columns, _spread, flatten, parse_datetime

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

INT64 = st.integers(-(2**63), 2**63 - 1)
EDGES = st.sampled_from([0, -1, 1, -(2**63), 2**63 - 1, 2**53 + 1, -(2**53) - 1])
FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([-0.0, 0.0, 1e-310])
TEXT = st.text() | st.sampled_from(["", "é", "\u2028", "\x00", "\ud800", "😀" * 3])
ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8)), None]
)
MOMENTS = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    ZONES,
)
# Values of every kind, so a column also gets values its type cannot hold.
ANY = st.none() | st.booleans() | INT64 | EDGES | st.integers() | FLOATS | TEXT | MOMENTS
TYPED = {
    "string": (pa.string(), st.none() | TEXT),
    "int64": (pa.int64(), st.none() | INT64 | EDGES),
    "float64": (pa.float64(), st.none() | FLOATS | INT64 | EDGES),
    "bool": (pa.bool_(), st.none() | st.booleans()),
    "timestamp": (pa.timestamp("us", tz="UTC"), st.none() | MOMENTS),
}


def _same_values(ours: Any, theirs: Any) -> bool:
    """Equal arrays, NaN equal to NaN and -0.0 told from 0.0 (Arrow's equals does not)."""
    if ours.type != theirs.type or len(ours) != len(theirs):
        return False
    if ours.null_count != theirs.null_count:
        return False
    if pa.types.is_timestamp(ours.type):  # instants past datetime's range: compare counts
        ours, theirs = ours.cast(pa.int64()), theirs.cast(pa.int64())
    for mine, other in zip(ours.to_pylist(), theirs.to_pylist(), strict=True):
        if isinstance(mine, float) and isinstance(other, float):
            if math.isnan(mine) != math.isnan(other):
                return False
            if not math.isnan(mine) and (
                mine != other or math.copysign(1, mine) != math.copysign(1, other)
            ):
                return False
        elif mine != other or type(mine) is not type(other):
            return False
    return True


def _pyarrow_values(values: list[Any], kind: Any) -> list[Any]:
    """What pa.array is given for the reference: in a column of only numbers for a float
    type, integers as float() rounds them (pa.array refuses one past 2**53, which failed a
    whole export of a column of ids and scores; ours rounds)."""
    if pa.types.is_floating(kind) and all(
        v is None or type(v) is float or (type(v) is int and -(2**63) <= v < 2**63) for v in values
    ):
        return [float(v) if type(v) is int else v for v in values]
    return values


def _pyarrow(values: list[Any], kind: Any) -> Any:
    """pa.array's answer (see `_pyarrow_values`)."""
    try:
        return pa.array(_pyarrow_values(values, kind), type=kind)
    except Exception as error:
        return type(error)


def _ours(values: list[Any], kind: Any) -> Any:
    try:
        return column(pa, values, kind)
    except Exception as error:
        return type(error)


@SETTINGS
@given(
    st.sampled_from(sorted(TYPED)).flatmap(
        lambda name: st.tuples(st.just(name), st.lists(TYPED[name][1], max_size=40))
    )
)
def test_a_column_from_buffers_is_the_array_pyarrow_makes(case: tuple[str, list[Any]]) -> None:
    name, values = case
    kind = TYPED[name][0]
    theirs, ours = _pyarrow(values, kind), _ours(values, kind)
    if isinstance(theirs, type):
        assert ours is theirs  # the same error, from pa.array itself
    else:
        assert not isinstance(ours, type), ours
        assert _same_values(ours, theirs)


@SETTINGS
@given(st.sampled_from(sorted(TYPED)), st.lists(ANY, max_size=30))
def test_values_a_type_cannot_hold_get_pyarrows_answer(name: str, values: list[Any]) -> None:
    """Mixed values (a bool among integers, text among numbers, an integer past 64 bits):
    the same array or the same error as pa.array."""
    kind = TYPED[name][0]
    theirs, ours = _pyarrow(values, kind), _ours(values, kind)
    if isinstance(theirs, type):
        assert ours is theirs
    else:
        assert not isinstance(ours, type), ours
        assert _same_values(ours, theirs)


def test_microseconds_are_exact_across_zones_and_the_calendar() -> None:
    for moment in (
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2024, 2, 29, 12, 0, 0, 1, tzinfo=timezone(timedelta(hours=-3))),
    ):
        assert pa.array([moment], type=pa.timestamp("us", tz="UTC")).cast(pa.int64())[
            0
        ].as_py() == micros(moment)


@SETTINGS
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["a", "b", "created_at", "c.d"]),
            ANY | st.lists(st.integers(), max_size=2),
            max_size=4,
        ),
        max_size=25,
    )
)
def test_a_batch_of_rows_is_from_pylist_s(rows: list[dict[str, Any]]) -> None:
    """A whole batch: columns a row lacks are null, keys outside the schema are left out."""
    schema = pa.schema(
        [("a", pa.string()), ("b", pa.float64()), ("created_at", pa.timestamp("us", tz="UTC"))]
    )
    strings = [{k: v for k, v in row.items() if k != "c.d"} for row in rows]
    numbers = _pyarrow_values([row.get("b") for row in strings], pa.float64())
    for row, number in zip(strings, numbers, strict=True):  # integers rounded (_pyarrow)
        if "b" in row:
            row["b"] = number
    try:
        theirs = pa.RecordBatch.from_pylist(strings, schema=schema)
    except Exception as error:
        with pytest.raises(type(error)):
            record_batch(pa, rows, schema)
        return
    ours = record_batch(pa, rows, schema)
    assert ours.schema == schema
    for index in range(len(schema)):
        assert _same_values(ours.column(index), theirs.column(index))


@SETTINGS
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "a": st.none() | st.text(),
                "b": st.none() | st.floats(allow_nan=False) | INT64,
                "created_at": MOMENTS,
            },
            optional={"c.d": ANY},
        ),
        min_size=1,
        max_size=25,
    ),
    st.booleans(),
)
def test_rows_with_every_column_give_the_batch_sparse_rows_give(
    rows: list[dict[str, Any]], drop_one: bool
) -> None:
    """Rows holding every column (the common schema's) are read by position, at C speed;
    a batch where one row lacks a column is read cell by cell. Both give the same batch."""
    schema = pa.schema(
        [("a", pa.string()), ("b", pa.float64()), ("created_at", pa.timestamp("us", tz="UTC"))]
    )
    sparse = [{k: v for k, v in row.items() if v is not None} for row in rows]
    if drop_one:
        sparse[-1] = {k: v for k, v in sparse[-1].items() if k != "created_at"}
        rows = [*rows[:-1], {**rows[-1], "created_at": None}]
    ours = record_batch(pa, rows, schema)
    assert ours.equals(record_batch(pa, sparse, schema))
    reference = _pyarrow_values([row["b"] for row in rows], pa.float64())
    assert _same_values(ours.column(1), pa.array(reference, type=pa.float64()))
    assert ours.column(2).null_count == int(drop_one)


def test_a_mapping_that_fills_itself_in_is_read_with_get() -> None:
    """A defaultdict row missing a column gives a null there, as any mapping does, and is
    left as it was (indexing it would have added the key with its default)."""
    from collections import defaultdict

    schema = pa.schema([("a", pa.string()), ("b", pa.string())])
    row: defaultdict[str, Any] = defaultdict(str, {"a": "x"})
    batch = record_batch(pa, [row, {"a": "y", "b": "z"}], schema)
    assert batch.column(1).to_pylist() == [None, "z"]
    assert dict(row) == {"a": "x"}


# -- a page's kinds, a column at a time --------------------------------------------------------

FLAT_VALUES = (
    ANY
    | st.lists(st.integers(), max_size=2)
    | st.dictionaries(st.text(max_size=2), st.integers(), max_size=2)
)
DATES = st.sampled_from(["2024-05-01T10:00:00Z", "2024-05-01", "not a date", "2024-13-01T00:00:00"])


@SETTINGS
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["x", "y", "when", "n"]), FLAT_VALUES | DATES, max_size=4),
        max_size=30,
    )
)
def test_page_kinds_by_column_are_the_kinds_seen_row_by_row(rows: list[dict[str, Any]]) -> None:
    by_row = Columns(frozenset({"when"}))
    for row in rows:
        by_row.see(row)
    by_column = Columns(frozenset({"when"}))
    values = by_column.see_rows(rows)
    assert by_column.kinds == by_row.kinds
    for name, taken in values.items():
        expected = [row.get(name) for row in rows]
        if name == "when" and by_row.kinds[name] <= {"datetime", "null"}:
            expected = [None if v is None else parse_datetime(v) for v in expected]
        assert taken == expected


# -- flattening in one pass ------------------------------------------------------------------


def _flatten_in_two_passes(row: dict[str, Any], whole: frozenset[str]) -> dict[str, Any]:
    """The earlier way: spread everything but the whole fields, then keep those."""
    flat: dict[str, Any] = {}
    literal: dict[str, str] = {}
    _spread({k: v for k, v in row.items() if k not in whole}, "", "", False, flat, literal)
    for key, value in row.items():
        if key in whole:
            flat.setdefault(key, value)
    return flat


KEYS = st.sampled_from(["input", "tags", "metrics", "a", "a.b", "b", "x.y.z", "input.x"])
NESTED = st.recursive(ANY, lambda inner: st.dictionaries(KEYS, inner, max_size=3), max_leaves=8)


@SETTINGS
@given(st.dictionaries(KEYS, NESTED, max_size=6))
def test_one_pass_flattening_gives_the_two_pass_columns(row: dict[str, Any]) -> None:
    whole = frozenset({"input", "tags"})
    assert flatten(row, whole) == _flatten_in_two_passes(row, whole)
    dotted = frozenset({"input", "a.b"})  # a whole field with a dot takes the two passes
    assert flatten(row, dotted) == _flatten_in_two_passes(row, dotted)


def test_writing_parquet_does_not_import_pandas(tmp_path: Any) -> None:
    """pa.array's first call imports pandas when it is installed (some 40 MB); an export to
    Parquet, native or common, never needs it."""
    pytest.importorskip("pandas")
    script = f"""
import json, sys
from tracebridge.export import write_rows
from tracebridge.galileo import record_rows
from tracebridge.schema import Origin
rows = [{{"id": str(i), "type": "trace", "created_at": "2025-01-01T00:00:00Z", "tags": ["a"],
         "metrics": {{"cost": 0.5, "num_input_tokens": i, "judge": True}}, "input": "q"}}
        for i in range(50)]
write_rows(iter(rows), {str(tmp_path / "n.parquet")!r}, schema=record_rows())
origin = Origin("galileo", "record", {{"project_id": "p", "root_type": "trace"}})
write_rows(iter(rows), {str(tmp_path / "common")!r}, schema="common", origin=origin)
imported = "pandas" in sys.modules
import pyarrow.parquet as pq
assert pq.ParquetFile({str(tmp_path / "n.parquet")!r}).metadata.num_rows == 50
print(json.dumps(imported))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) is False


# -- JSON text with the C encoder built once ----------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | FLOATS | TEXT,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=3) | st.integers(0, 9).map(int), inner, max_size=3)
    ),
    max_leaves=10,
)


@SETTINGS
@given(JSON_VALUES | MOMENTS)
def test_compact_json_is_json_dumps_s(value: Any) -> None:
    from tracebridge._json import compact, lenient, strict

    def dumps(**options: Any) -> Any:
        try:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"), **options)
        except (TypeError, ValueError) as error:
            return type(error)

    def ours(encode: Any) -> Any:
        try:
            return encode(value)
        except (TypeError, ValueError) as error:
            return type(error)

    assert ours(compact) == dumps()
    assert ours(strict) == dumps(allow_nan=False)
    assert ours(lenient) == dumps(default=str)
