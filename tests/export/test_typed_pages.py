"""Parquet written from pages typed as they come (export.typed) is the file the JSON lines
path writes, and that path takes over whenever a page's types do not fit the file's."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from tracebridge import Respan
from tracebridge.export import typed, write_rows


def both_ways(
    rows: list[dict[str, Any]], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, Any, list[bool]]:
    """The file from the typed pages, the file from the JSON lines, and whether the typed
    pages wrote the first."""
    used: list[bool] = []
    real = typed.TypedPages.write

    def spying(self: Any, path: Path, columns: Any, seen: Any) -> bool:
        done = real(self, path, columns, seen)
        used.append(done)
        return done

    monkeypatch.setattr(typed.TypedPages, "write", spying)
    write_rows(iter(rows), folder / "typed.parquet", chunk_rows=3 if len(rows) < 100 else 700)
    monkeypatch.setattr(typed.TypedPages, "write", lambda *args: False)
    write_rows(iter(rows), folder / "lines.parquet", chunk_rows=3 if len(rows) < 100 else 700)
    return pq.read_table(folder / "typed.parquet"), pq.read_table(folder / "lines.parquet"), used


def test_pages_whose_columns_come_and_go_give_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        {"id": "a", "n": 1, "x": None},
        {"id": "b", "n": 2},
        {"id": "c", "n": 2.5, "tags": ["p"]},  # ints then a decimal: a float column
        {"id": "d", "meta": {"k": "v"}, "x": True},
        {"id": "e", "n": None, "x": False},
        {"id": "f", "when": "2025-01-01T00:00:00Z"},
    ]
    fast, slow, used = both_ways(rows, tmp_path, monkeypatch)
    assert used == [True]
    assert fast.schema == slow.schema and fast.to_pylist() == slow.to_pylist()
    assert fast.column("n").to_pylist() == [1.0, 2.0, 2.5, None, None, None]


@pytest.mark.parametrize(
    "rows",
    [
        [{"id": "a", "v": 1}, {"id": "b", "v": 2}, {"id": "c", "v": 3}, {"id": "d", "v": "four"}],
        [{"id": "a", "v": 1.5}, {"id": "b", "v": math.nan}],
        [{"id": "a", "v": "\ud800"}],
    ],
    ids=["kinds mix across pages", "a NaN", "a lone surrogate"],
)
def test_the_json_lines_path_takes_over_when_a_page_does_not_fit(
    rows: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow, used = both_ways(rows, tmp_path, monkeypatch)
    assert used in ([False], [])  # refused at the end, or given up while pages came
    assert fast.schema == slow.schema and fast.to_pylist() == slow.to_pylist()


def test_an_export_of_the_emulator_is_the_same_both_ways(
    rs: Respan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = list(rs.experiments.traces("exp_123", start_time="2000-01-01").rows())
    fast, slow, used = both_ways(rows, tmp_path, monkeypatch)
    assert used == [True] and fast.equals(slow)
    # byte for byte: a resumed export (which takes the JSON lines path) gives the same file
    assert (tmp_path / "typed.parquet").read_bytes() == (tmp_path / "lines.parquet").read_bytes()


def test_several_row_groups_are_the_same_bytes_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        {"id": f"r{n}", "n": n, "x": n * 0.5 if n % 3 else None, "tags": [str(n % 7)],
         "meta": {"k": n % 5}, "ok": n % 2 == 0}
        for n in range(4_100)  # more than two row groups of 2,000
    ]  # fmt: skip
    _, _, used = both_ways(rows, tmp_path, monkeypatch)
    assert (
        used == [True] and pq.ParquetFile(tmp_path / "typed.parquet").metadata.num_row_groups == 3
    )
    assert (tmp_path / "typed.parquet").read_bytes() == (tmp_path / "lines.parquet").read_bytes()
