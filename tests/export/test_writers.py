"""Each writer round-trips the emulator's rows: read the file back and compare, with the
flattened columns and the types the README documents, for 0, 1 and several pages."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tracebridge import (
    AsyncRespan,
    ConfigError,
    F,
    Galileo,
    MissingDependencyError,
    Respan,
    ServerError,
)
from tracebridge.emulator import Emulator, Fault, Running
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_TRACE_EXPERIMENT,
)
from tracebridge.export.flatten import Columns, RowSchema, flatten
from tracebridge.export.writers import write_xlsx

EXP = SEED_TRACE_EXPERIMENT
# 0 rows, 1 page, several pages (the experiment has 61 traces); pages fetched.
CASES = {
    "empty": ({"where": F.total_cost > 1000}, 1),  # one page, empty
    "one page": ({"page_size": 100}, 1),
    "several pages": ({"page_size": 7}, 9),
}


def truth(running: Running, **query: Any) -> list[dict[str, Any]]:
    """The rows the emulator holds, newest first as the service sorts them, filtered."""
    rows = list(running.emulator.data.experiment_traces[EXP])
    if "where" in query:
        rows = [r for r in rows if r["total_cost"] > 1000]
    return sorted(rows, key=lambda r: r["start_time"], reverse=True)


def flat(rs: Respan, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as the column contract flattens them (docs/columns.md): maps spread, every other
    documented field one column."""
    whole = rs.experiments.traces(EXP).export_source().schema.whole
    return [flatten(row, whole) for row in rows]


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def cell_text(value: Any) -> str:
    """The documented CSV text of a value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


@pytest.mark.parametrize(("query", "pages"), CASES.values(), ids=CASES.keys())
def test_csv_round_trip(
    rs: Respan, running: Running, tmp_path: Path, query: Any, pages: int
) -> None:
    expected = flat(rs, truth(running, **query))
    result = rs.experiments.traces(EXP, sort="-start_time", **query).to_csv(tmp_path / "t.csv")
    header, rows = read_csv(tmp_path / "t.csv")
    assert (result.rows, result.pages) == (len(expected), pages)
    assert header == result.columns and header[:3] == [
        "id",
        "trace_unique_id",
        "root_span_unique_id",
    ]
    assert [row["id"] for row in rows] == [row["id"] for row in expected]
    for got, want in zip(rows, expected, strict=True):
        assert got == {name: cell_text(want.get(name)) for name in header}
    if expected:
        assert header.index("metadata.user_id") < header.index("scores.faithfulness.boolean_value")
        assert header.index("error_count") < header.index("metadata.topic")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]  # no work files left


@pytest.mark.parametrize(("query", "pages"), CASES.values(), ids=CASES.keys())
def test_jsonl_round_trip_flat_and_nested(
    rs: Respan, running: Running, tmp_path: Path, query: Any, pages: int
) -> None:
    expected = truth(running, **query)
    pager = rs.experiments.traces(EXP, sort="-start_time", **query)
    pager.to_jsonl(tmp_path / "flat.jsonl")
    pager.to_jsonl(tmp_path / "nested.jsonl", flatten=False)
    lines = [json.loads(line) for line in (tmp_path / "flat.jsonl").read_text().splitlines()]
    nested = [json.loads(line) for line in (tmp_path / "nested.jsonl").read_text().splitlines()]
    assert nested == expected
    schema = pager.export_source().schema
    assert lines == [schema.arranged(row) for row in flat(rs, expected)]


@pytest.mark.parametrize(("query", "pages"), CASES.values(), ids=CASES.keys())
def test_parquet_round_trip_with_types(
    rs: Respan, running: Running, tmp_path: Path, query: Any, pages: int
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    expected = flat(rs, truth(running, **query))
    rs.experiments.traces(EXP, sort="-start_time", **query).to_parquet(tmp_path / "t.parquet")
    table = pq.read_table(tmp_path / "t.parquet")
    types = {field.name: field.type for field in table.schema}
    assert types["start_time"] == pa.timestamp("us", tz="UTC")
    assert types["id"] == pa.string()
    if expected:
        assert types["total_cost"] == pa.float64() and types["span_count"] == pa.int64()
        assert types["scores.faithfulness.boolean_value"] == pa.bool_()
        assert types["metadata.user_id"] == pa.string()
    for got, want in zip(table.to_pylist(), expected, strict=True):
        for name, value in got.items():
            if name in ("start_time", "end_time"):
                assert value == moment(want[name])
            elif isinstance(want.get(name), (list, dict)):
                assert json.loads(value) == want[name]
            else:
                assert value == want.get(name), name


def test_xlsx_round_trip_with_types(rs: Respan, running: Running, tmp_path: Path) -> None:
    import openpyxl

    expected = flat(rs, truth(running))
    result = rs.experiments.traces(EXP, sort="-start_time", page_size=25).to_xlsx(
        tmp_path / "t.xlsx"
    )
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx", read_only=True).worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))
    assert list(lines[0]) == result.columns
    for line, want in zip(lines[1:], expected, strict=True):
        got = dict(zip(result.columns, line, strict=True))
        assert got["start_time"] == moment(want["start_time"]).replace(tzinfo=None)
        assert got["total_cost"] == want["total_cost"] and got["span_count"] == want["span_count"]
        assert got["scores.faithfulness.boolean_value"] == want.get(
            "scores.faithfulness.boolean_value"
        )
        assert got["id"] == want["id"] and got["metadata.user_id"] == want.get("metadata.user_id")


def test_xlsx_starts_a_new_sheet_past_the_row_limit(tmp_path: Path) -> None:
    import openpyxl

    rows = [{"id": f"r{i}", "n": i} for i in range(12)]
    seen = Columns()
    for row in rows:
        seen.see(row)
    write_xlsx(tmp_path / "x.xlsx", rows, ["id", "n"], seen, rows_per_sheet=5)
    book = openpyxl.load_workbook(tmp_path / "x.xlsx", read_only=True)
    sheets = [list(s.iter_rows(values_only=True)) for s in book.worksheets]
    assert [len(s) for s in sheets] == [6, 6, 3]  # each with its header
    assert [line[1] for s in sheets for line in s[1:]] == list(range(12))


def test_xlsx_sheets_are_named_with_a_frozen_header_and_a_filter(
    rs: Respan, tmp_path: Path
) -> None:
    """Opened in a spreadsheet, the export reads as a table: the sheet named after the file,
    the header kept in view, a filter on every column (on each continuation sheet too)."""
    import openpyxl

    result = rs.experiments.traces(EXP, page_size=25).to_xlsx(tmp_path / "q3 [draft].xlsx")
    book = openpyxl.load_workbook(tmp_path / "q3 [draft].xlsx")
    sheet = book.worksheets[0]
    assert sheet.title == "q3 _draft_" and sheet.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(result.columns))
    assert sheet.auto_filter.ref == f"A1:{last}{result.rows + 1}"
    rows = [{"id": f"r{i}"} for i in range(7)]
    seen = Columns()
    for row in rows:
        seen.see(row)
    write_xlsx(tmp_path / "many.xlsx", rows, ["id"], seen, rows_per_sheet=5)
    book = openpyxl.load_workbook(tmp_path / "many.xlsx")
    assert [s.title for s in book.worksheets] == ["many", "many 2"]
    assert [s.auto_filter.ref for s in book.worksheets] == ["A1:A6", "A1:A3"]
    assert all(s.freeze_panes == "A2" for s in book.worksheets)


def test_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    import openpyxl

    rows = [{"id": '=HYPERLINK("http://x")', "n": "123"}]
    seen = Columns()
    seen.see(rows[0])
    write_xlsx(tmp_path / "x.xlsx", rows, ["id", "n"], seen)
    line = list(
        openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[0].iter_rows(values_only=True)
    )[1]
    assert line == ('=HYPERLINK("http://x")', "123")  # text stays text


def test_columns_selection_and_order(rs: Respan, tmp_path: Path) -> None:
    pager = rs.experiments.traces(EXP, page_size=50)
    result = pager.to_csv(tmp_path / "t.csv", columns=["total_cost", "id", "scores.faithfulness"])
    header, rows = read_csv(tmp_path / "t.csv")
    assert (
        header
        == result.columns
        == [
            "total_cost",
            "id",
            "scores.faithfulness.boolean_value",
            "scores.faithfulness.evaluator_id",
            "scores.faithfulness.evaluator_name",
            "scores.faithfulness.evaluator_slug",
            "scores.faithfulness.score_value_type",
        ]
    )
    assert len(rows) == 61
    pager.to_jsonl(tmp_path / "t.jsonl", columns=["id", "metadata"])
    first = json.loads((tmp_path / "t.jsonl").read_text().splitlines()[0])
    assert set(first) == {"id", "metadata.user_id", "metadata.topic"}


def test_column_order_is_documented_then_unknown_sorted() -> None:
    seen = Columns()
    seen.see({"zeta": 1, "scores.b.x": 1, "id": "a", "alpha": 2, "scores.a.y": 2, "metadata.k": 3})
    schema = RowSchema(("id", "name", "metadata", "scores"))
    assert seen.ordered(schema) == [
        "id", "name", "metadata.k", "scores.a.y", "scores.b.x", "alpha", "zeta",
    ]  # fmt: skip


def test_frames_share_the_parquet_types(rs: Respan, running: Running) -> None:
    pager = rs.experiments.traces(EXP, page_size=20)
    table = pager.to_arrow()
    frame = pager.to_pandas()
    polars_frame = pager.to_polars()
    assert table.num_rows == len(frame) == polars_frame.height == 61
    assert list(frame.columns) == table.column_names == polars_frame.columns
    assert str(frame["start_time"].dtype) == "datetime64[us, UTC]"
    assert frame["total_cost"].sum() == pytest.approx(sum(r["total_cost"] for r in truth(running)))


def test_galileo_records_export_with_their_schema(running: Running, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with Galileo(
        running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
    ) as gl:
        pager = gl.records("span", log_stream_id=GALILEO_LOG_STREAM_ID, page_size=10)
        result = pager.to_parquet(tmp_path / "spans.parquet")
        expected = list(running.emulator.data.galileo_runs[GALILEO_LOG_STREAM_ID].of_kind("span"))
    table = pq.read_table(tmp_path / "spans.parquet")
    assert result.rows == table.num_rows == len(expected) > 10
    assert table.column_names[:3] == ["id", "type", "project_id"]
    assert "metrics.duration_ns" in table.column_names
    assert sorted(table.column("id").to_pylist()) == sorted(r["id"] for r in expected)


def test_async_pagers_export_the_same_file(rs: Respan, running: Running, tmp_path: Path) -> None:
    import asyncio

    rs.experiments.traces(EXP, page_size=9).to_csv(tmp_path / "sync.csv")

    async def main() -> None:
        async with AsyncRespan(
            running.respan_key, base_url=running.base_url, rate_limit=None
        ) as client:
            await client.experiments.traces(EXP, page_size=9, concurrency=3).to_csv(
                tmp_path / "async.csv"
            )

    asyncio.run(main())
    assert (tmp_path / "sync.csv").read_bytes() == (tmp_path / "async.csv").read_bytes()


# -- nothing half-written, resuming, checked before any request -----------------------------


def test_a_failed_export_leaves_no_file_and_resumes_to_the_same_rows(
    running: Running, emulator: Emulator, tmp_path: Path
) -> None:
    target = tmp_path / "t.parquet"
    with Respan(
        running.respan_key, base_url=running.base_url, max_retries=0, rate_limit=None
    ) as rs:
        rs.experiments.traces(EXP, page_size=5).to_parquet(tmp_path / "whole.parquet")
        pager = rs.experiments.traces(EXP, page_size=5)

        class FailAfterFourPages:
            pages = 0

            def started(self, total: int | None, done: int) -> None:
                assert (total, done) == (61, 0)

            def advanced(self, rows: int) -> None:
                self.pages += 1
                if self.pages == 4:
                    emulator.inject(Fault("status", status=500, path="/logs/list/"))

        with pytest.raises(ServerError) as caught:
            pager.to_parquet(target, progress=FailAfterFourPages())
        assert not target.exists()
        assert any("resume=True" in note for note in caught.value.__notes__)
        assert (tmp_path / ".t.parquet.checkpoint").exists()
        result = pager.to_parquet(target, resume=True)
    import pyarrow.parquet as pq

    assert result.resumed and result.rows == 61
    assert pq.read_table(target).equals(pq.read_table(tmp_path / "whole.parquet"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.parquet", "whole.parquet"]


def test_resume_refuses_a_checkpoint_of_another_export(rs: Respan, tmp_path: Path) -> None:
    (tmp_path / ".t.csv.checkpoint").write_text(
        json.dumps({"version": 1, "identity": "other", "format": "csv", "page_size": 7})
    )
    with pytest.raises(ConfigError, match="different export"):
        rs.experiments.traces(EXP, page_size=7).to_csv(tmp_path / "t.csv", resume=True)


BAD_TARGETS: dict[str, tuple[Callable[[Respan, Path], Any], str]] = {
    "missing folder": (lambda rs, d: rs.experiments.traces(EXP).to_csv(d / "nope" / "t.csv"), "does not exist"),
    "a folder": (lambda rs, d: rs.experiments.traces(EXP).to_csv(d), "is a folder"),
    "unknown suffix": (lambda rs, d: rs.experiments.traces(EXP).to_file(d / "t.txt"), "cannot tell the format"),
    "unknown format": (lambda rs, d: rs.experiments.traces(EXP).to_file(d / "t.csv", format="xml"), "unknown format"),
    "unknown column": (lambda rs, d: rs.experiments.traces(EXP).to_csv(d / "t.csv", columns=["colour"]), "unknown columns"),
    "empty columns": (lambda rs, d: rs.experiments.traces(EXP).to_csv(d / "t.csv", columns=[]), "non-empty list"),
}  # fmt: skip


@pytest.mark.parametrize(("call", "message"), BAD_TARGETS.values(), ids=BAD_TARGETS.keys())
def test_bad_targets_fail_before_any_request(
    rs: Respan, emulator: Emulator, tmp_path: Path, call: Any, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        call(rs, tmp_path)
    assert emulator.controls.request_log() == []
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_folder_fails_before_any_request(
    rs: Respan, emulator: Emulator, tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    immutable = False
    try:
        if (locked / "probe").exists() or _can_write(locked):
            # root writes anywhere a mode forbids: the folder is made immutable instead
            immutable = _immutable(locked, True)
        with pytest.raises(ConfigError, match="permission denied"):
            rs.experiments.traces(EXP).to_csv(locked / "t.csv")
        assert emulator.controls.request_log() == []
        assert list(locked.iterdir()) == []
    finally:
        if immutable:
            _immutable(locked, False)
        locked.chmod(0o700)


def _immutable(folder: Path, on: bool) -> bool:
    """chattr +i (or -i): a folder nobody, root included, can write in."""
    import subprocess

    flag = "+i" if on else "-i"
    done = subprocess.run(["chattr", flag, str(folder)], capture_output=True, text=True)
    if done.returncode != 0 and on:
        pytest.fail(f"root can write in a 0o500 folder and chattr {flag} failed: {done.stderr}")
    return done.returncode == 0


def _can_write(folder: Path) -> bool:
    try:
        (folder / "probe").write_text("x")
    except PermissionError:
        return False
    (folder / "probe").unlink()
    return True


@pytest.mark.parametrize(("module", "extra", "call"), [
    ("pyarrow", "parquet", lambda p, d: p.to_parquet(d / "t.parquet")),
    ("xlsxwriter", "xlsx", lambda p, d: p.to_xlsx(d / "t.xlsx")),
    ("pandas", "pandas", lambda p, d: p.to_pandas()),
    ("polars", "polars", lambda p, d: p.to_polars()),
])  # fmt: skip
def test_a_missing_extra_is_named_before_any_request(
    rs: Respan,
    emulator: Emulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    extra: str,
    call: Any,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    with pytest.raises(MissingDependencyError, match=rf"tracebridge\[{extra}\]"):
        call(rs.experiments.traces(EXP), tmp_path)
    assert emulator.controls.request_log() == []


def test_each_page_is_freed_as_soon_as_it_is_read(
    rs: Respan, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """httpx ties a response and its stream in a cycle; the facade breaks it, so a long
    export holds one page at a time even before the garbage collector runs."""
    import gc
    import weakref

    import tracebridge.calls as calls

    pages: list[weakref.ref[Any]] = []
    read = calls._read

    def watched(call: Any, response: Any) -> Any:
        pages.append(weakref.ref(response))
        return read(call, response)

    monkeypatch.setattr(calls, "_read", watched)
    gc.disable()
    try:
        rs.experiments.traces(EXP, page_size=7).to_jsonl(tmp_path / "t.jsonl")
        assert len(pages) == 9 and [page() for page in pages] == [None] * 9
    finally:
        gc.enable()
