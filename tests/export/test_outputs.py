"""Where an export's bytes go: never over a file that was not meant to be replaced, never
a half-written file under the target's name, one export per target at a time, special
files written into rather than replaced, and work files that are always explained."""

from __future__ import annotations

import errno
import fcntl
import json
import math
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tracebridge import ConfigError, Galileo, Respan, ServerError
from tracebridge.emulator import Emulator, Fault, Running
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_TRACE_EXPERIMENT,
)
from tracebridge.errors import ExportValueError, ExportWriteError
from tracebridge.export import output as output_module
from tracebridge.export import pipeline, typed
from tracebridge.export.pipeline import write_rows
from tracebridge.export.values import XLSX_MAX_TEXT

from .test_writers import read_csv, truth

EXP = SEED_TRACE_EXPERIMENT
FORMATS = ("csv", "jsonl", "parquet", "xlsx")


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def ids_of(path: Path, format: str) -> list[str]:
    if format == "csv":
        return [row["id"] for row in read_csv(path)[1]]
    if format == "jsonl":
        return [json.loads(line)["id"] for line in path.read_text("utf-8").splitlines()]
    if format == "parquet":
        import pyarrow.parquet as pq

        return [str(v) for v in pq.read_table(path).column("id").to_pylist()]
    import openpyxl

    rows = openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True)
    index = list(next(rows)).index("id")
    return [str(row[index]) for row in rows]


# -- a file already there ------------------------------------------------------------------------


def test_an_existing_file_is_refused_before_any_request_unless_overwrite(
    rs: Respan, emulator: Emulator, tmp_path: Path
) -> None:
    target = tmp_path / "traces.csv"
    target.write_text("keep me\n")
    with pytest.raises(ConfigError, match=r"already exists; pass overwrite=True \(--force\)"):
        rs.experiments.traces(EXP).to_csv(target)
    assert target.read_text() == "keep me\n" and emulator.controls.request_log() == []
    result = rs.experiments.traces(EXP).to_csv(target, overwrite=True)
    assert result.rows == len(ids_of(target, "csv")) == 61


@pytest.mark.parametrize("format", FORMATS)
def test_a_writer_failing_half_way_leaves_the_target_as_it_was(
    rs: Respan, running: Running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format: str
) -> None:
    """The final write fails after part of the file is out: an existing target is byte for
    byte what it was, a new one does not appear, and the work files left are explained by
    the next run and finished by a resume."""
    target = tmp_path / f"traces.{format}"
    target.write_bytes(b"the previous export\n")
    real_writer = pipeline.WRITERS.get(format)
    real_publish = output_module.Output.publish
    real_typed_write = typed.TypedPages.write

    def failing_rows(rows: Any) -> Iterator[Any]:
        for index, row in enumerate(rows):
            if index == 30:
                raise OSError(errno.ENOSPC, "No space left on device")
            yield row

    def failing_writer(path: Path, rows: Any, columns: list[str], seen: Any) -> None:
        assert real_writer is not None
        real_writer(path, failing_rows(rows), columns, seen)

    def failing_publish(self: Any, whole: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def failing_typed_write(self: Any, path: Path, columns: Any, seen: Any) -> bool:
        path.write_bytes(b"PAR1 half a file")  # Parquet from the typed pages, cut short
        raise OSError(errno.ENOSPC, "No space left on device")

    if format == "jsonl":  # its rows file is the file: the last step is the rename
        monkeypatch.setattr(output_module.Output, "publish", failing_publish)
    elif format == "parquet":  # written from the pages typed as they came
        monkeypatch.setattr(typed.TypedPages, "write", failing_typed_write)
    else:
        monkeypatch.setitem(pipeline.WRITERS, format, failing_writer)
    pager = rs.experiments.traces(EXP, page_size=7)
    with pytest.raises(ExportWriteError, match="no space left on the device") as caught:
        pager.to_file(target, format=format, overwrite=True)
    assert target.read_bytes() == b"the previous export\n"
    assert "resume=True" in " ".join(caught.value.__notes__)
    assert visible(tmp_path) == [target.name]
    with pytest.raises(ConfigError, match=r"an interrupted export .* left 61 rows beside it"):
        pager.to_file(target, format=format, overwrite=False)
    monkeypatch.setattr(output_module.Output, "publish", real_publish)
    monkeypatch.setattr(typed.TypedPages, "write", real_typed_write)
    if real_writer is not None:
        monkeypatch.setitem(pipeline.WRITERS, format, real_writer)
    result = pager.to_file(target, format=format, resume=True)
    assert result.resumed and ids_of(target, format) == [r["id"] for r in truth(running)]
    assert os.listdir(tmp_path) == [target.name]


def test_a_failed_fetch_leaves_an_existing_target_untouched(
    rs: Respan, emulator: Emulator, tmp_path: Path
) -> None:
    target = tmp_path / "traces.parquet"
    target.write_bytes(b"PAR1 old")
    emulator.inject(Fault("status", status=500, times=50, path="/logs/list/"))
    rs.transport.policy = rs._core.policy = type(rs.transport.policy)(max_retries=0)
    with pytest.raises(ServerError):
        rs.experiments.traces(EXP, page_size=7).to_parquet(target, overwrite=True)
    assert target.read_bytes() == b"PAR1 old"


# -- one export at a time --------------------------------------------------------------------------


class Gate:
    """A progress hook that holds the export after its first page until released."""

    def __init__(self) -> None:
        self.reached, self.release = threading.Event(), threading.Event()

    def started(self, total: int | None, done: int) -> None:
        pass

    def advanced(self, rows: int) -> None:
        self.reached.set()
        assert self.release.wait(30)


@pytest.mark.parametrize("format", FORMATS)
def test_a_second_export_of_the_same_target_is_refused_while_the_first_runs(
    running: Running, tmp_path: Path, format: str
) -> None:
    target = tmp_path / f"traces.{format}"
    gate, outcome = Gate(), {}

    def first() -> None:
        with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as client:
            outcome["first"] = client.experiments.traces(EXP, page_size=7).to_file(
                target, progress=gate
            )

    thread = threading.Thread(target=first)
    thread.start()
    assert gate.reached.wait(30)
    try:
        with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as other:
            for resume in (False, True):
                with pytest.raises(ConfigError, match="another export is writing"):
                    other.experiments.traces(EXP, page_size=7).to_file(
                        target, resume=resume, overwrite=True
                    )
    finally:
        gate.release.set()
        thread.join(30)
    assert outcome["first"].rows == 61 and ids_of(target, format) == [
        r["id"] for r in truth(running)
    ]
    assert os.listdir(tmp_path) == [target.name]  # the lock file went with the lock


def test_a_galileo_stream_takes_the_same_lock(running: Running, tmp_path: Path) -> None:
    target = tmp_path / "spans.jsonl"
    lock = os.open(tmp_path / ".spans.jsonl.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        client = Galileo(running.galileo_key, base_url=running.base_url)
        with client as gl, pytest.raises(ConfigError, match="another export is writing"):
            gl.export_records(
                "span", log_stream_id=GALILEO_LOG_STREAM_ID, project_id=GALILEO_PROJECT_ID,
                to=target,
            )  # fmt: skip
    finally:
        os.close(lock)
    assert not target.exists()


# -- what is not a regular file -------------------------------------------------------------------


def test_a_device_is_written_into_never_replaced(rs: Respan) -> None:
    null = Path("/dev/null")
    before = null.stat()
    result = rs.experiments.traces(EXP, page_size=50).to_file(null, format="csv")
    after = null.stat()
    assert result.rows == 61 and stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_named_pipe_gets_the_file_and_stays_a_pipe(
    rs: Respan, running: Running, tmp_path: Path
) -> None:
    pipe = tmp_path / "rows.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    rs.experiments.traces(EXP, page_size=50).to_file(pipe, format="jsonl")
    reader.join(30)
    ids = [json.loads(line)["id"] for line in received[0].decode().splitlines()]
    assert ids == [r["id"] for r in truth(running)] and stat.S_ISFIFO(pipe.lstat().st_mode)
    assert visible(tmp_path) == ["rows.pipe"]


def test_a_symbolic_link_is_followed_and_kept(rs: Respan, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    rs.experiments.traces(EXP).to_csv(link, overwrite=True)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert len(ids_of(real, "csv")) == 61


def test_a_special_target_cannot_be_resumed(rs: Respan) -> None:
    with pytest.raises(ConfigError, match="not a regular file"):
        rs.experiments.traces(EXP).to_file("/dev/null", format="csv", resume=True)


# -- work files an earlier run left ----------------------------------------------------------------


class Stop(Exception):
    """Stands for a crash part-way through an export."""


class StopAfter:
    """A progress hook that stops the export after `pages` pages."""

    def __init__(self, pages: int):
        self.pages = pages

    def started(self, total: int | None, done: int) -> None:
        pass

    def advanced(self, rows: int) -> None:
        self.pages -= 1
        if self.pages == 0:
            raise Stop


def interrupted(rs: Respan, target: Path) -> None:
    """An export that stops after two pages, keeping its work for a resume."""
    with pytest.raises(Stop):
        rs.experiments.traces(EXP, page_size=7).to_csv(target, progress=StopAfter(2))


def test_leftover_work_is_explained_not_deleted(
    rs: Respan, emulator: Emulator, running: Running, tmp_path: Path
) -> None:
    target = tmp_path / "traces.csv"
    interrupted(rs, target)
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert ".traces.csv.checkpoint" in kept and not target.exists()
    with pytest.raises(ConfigError, match=r"left 14 rows .* resume=True \(--resume\)"):
        rs.experiments.traces(EXP, page_size=7).to_csv(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == kept  # nothing deleted
    result = rs.experiments.traces(EXP, page_size=7).to_csv(target, overwrite=True)
    assert not result.resumed and len(ids_of(target, "csv")) == 61


def test_a_kill_after_the_final_rename_leaves_nothing_a_resume_chokes_on(
    rs: Respan, running: Running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "traces.jsonl"
    real_publish = output_module.Output.publish

    def killed(self: Any, whole: Path) -> None:
        real_publish(self, whole)
        raise KeyboardInterrupt  # the process dies between the rename and the cleanup

    monkeypatch.setattr(output_module.Output, "publish", killed)
    with pytest.raises(KeyboardInterrupt):
        rs.experiments.traces(EXP, page_size=7).to_jsonl(target)
    monkeypatch.setattr(output_module.Output, "publish", real_publish)
    assert ".traces.jsonl.checkpoint" in os.listdir(tmp_path)
    whole = target.read_bytes()
    result = rs.experiments.traces(EXP, page_size=7).to_jsonl(target, resume=True)
    assert result.resumed and result.rows == 61 and target.read_bytes() == whole
    assert os.listdir(tmp_path) == [target.name]


# -- paths refused before any request --------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("bad\x00name.csv", "NUL"),
        ("x" * 300 + ".csv", "too long"),
        ("/proc/tracebridge-test.csv", "cannot write beside|permission denied|cannot write in"),
    ],
)
def test_an_unusable_path_fails_before_any_request(
    rs: Respan, emulator: Emulator, tmp_path: Path, path: str, message: str
) -> None:
    where = path if path.startswith("/") else str(tmp_path / path)
    with pytest.raises(ConfigError, match=message):
        rs.experiments.traces(EXP).to_csv(where)
    assert emulator.controls.request_log() == []


def test_a_text_file_for_a_stream_is_refused_before_any_request(
    running: Running, emulator: Emulator, tmp_path: Path
) -> None:
    with (
        (tmp_path / "t.jsonl").open("w") as text,
        Galileo(
            running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
        ) as gl,
        pytest.raises(ConfigError, match="binary"),
    ):
        gl.export_records("trace", log_stream_id=GALILEO_LOG_STREAM_ID, to=text)
    assert emulator.controls.request_log() == []


# -- values every format can hold ------------------------------------------------------------------

ODD_ROWS = [
    {"id": "a", "n": 2**70, "x": float("nan"), "text": "bad \ud800 char", "m": {"b": 1}, "m.b": 2},
    {"id": "b", "n": 5, "x": float("inf"), "text": "fine", "m": {"b": 3}, "m.b": 4},
]


@pytest.mark.parametrize("format", FORMATS)
def test_odd_values_are_kept_or_replaced_and_counted_never_fatal(
    tmp_path: Path, format: str
) -> None:
    target = tmp_path / f"odd.{format}"
    result = write_rows(ODD_ROWS, target)
    assert result.rows == 2 and result.replaced == 3  # a surrogate and two non-finite numbers
    if format == "jsonl":
        strict = [
            json.loads(line, parse_constant=lambda c: pytest.fail(f"bare {c} in JSONL"))
            for line in target.read_text("utf-8").splitlines()
        ]
        assert strict[0]["x"] is None and strict[0]["text"] == "bad \ufffd char"
        assert strict[0]["n"] == 2**70 and (strict[0]["m.b"], strict[0]["m\\.b"]) == (1, 2)
    if format == "csv":
        rows = read_csv(target)[1]
        assert rows[0]["n"] == str(2**70) and (rows[0]["m.b"], rows[0]["m\\.b"]) == ("1", "2")
    if format == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(target)
        assert table.column("n").to_pylist() == [str(2**70), "5"]  # decimal text, documented
        assert table.column("m\\.b").to_pylist() == [2, 4]
    if format == "xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(target).worksheets[0]
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert values[1][values[0].index("n")] == str(2**70)


def test_xlsx_refuses_a_cell_it_would_cut(tmp_path: Path) -> None:
    long = {"id": "a", "output": "y" * (XLSX_MAX_TEXT + 1)}
    with pytest.raises(ExportValueError, match=r"column .output. is longer than the 32,767"):
        write_rows([long], tmp_path / "long.xlsx")
    assert os.listdir(tmp_path) == []
    assert write_rows([long], tmp_path / "long.csv").rows == 1  # other formats hold it
    assert math.isclose(len(read_csv(tmp_path / "long.csv")[1][0]["output"]), XLSX_MAX_TEXT + 1)


def test_work_files_shorter_than_their_checkpoint_are_refused_not_padded(
    rs: Respan, tmp_path: Path
) -> None:
    target = tmp_path / "traces.jsonl"
    with pytest.raises(Stop):
        rs.experiments.traces(EXP, page_size=7).to_jsonl(target, progress=StopAfter(3))
    rows = tmp_path / ".traces.jsonl.rows.jsonl"
    with rows.open("r+b") as file:  # a disk that lost the last writes
        file.truncate(rows.stat().st_size // 2)
    with pytest.raises(ConfigError, match="shorter than its checkpoint says"):
        rs.experiments.traces(EXP, page_size=7).to_jsonl(target, resume=True)
    assert not target.exists()


def test_an_xlsx_writer_that_cannot_create_its_file_is_a_typed_error(
    rs: Respan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """xlsxwriter raises its own FileCreateError (not an OSError) when it cannot create the
    file: it comes out as ExportWriteError naming the target, with the rows kept."""
    target = tmp_path / "traces.xlsx"
    real = pipeline.WRITERS["xlsx"]

    def blocked(path: Path, rows: Any, columns: list[str], seen: Any) -> None:
        path.mkdir()  # the temporary name is taken by a folder: the file cannot be made
        try:
            real(path, rows, columns, seen)
        finally:
            path.rmdir()

    monkeypatch.setitem(pipeline.WRITERS, "xlsx", blocked)
    with pytest.raises(ExportWriteError, match="could not write") as caught:
        rs.experiments.traces(EXP, page_size=50).to_xlsx(target)
    assert ".part" not in str(caught.value) and not target.exists()
    assert caught.value.__cause__ is None and "FileCreateError" in str(caught.value)
    monkeypatch.setitem(pipeline.WRITERS, "xlsx", real)
    assert rs.experiments.traces(EXP, page_size=50).to_xlsx(target, resume=True).rows == 61


def test_a_full_disk_while_fetching_is_typed_and_keeps_what_was_checkpointed(
    rs: Respan, running: Running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "traces.csv"
    real_add = pipeline.Export.add
    calls = [0]

    def add(self: Any, position: int, rows: list[dict[str, Any]]) -> None:
        calls[0] += 1
        if calls[0] == 3:  # the third page's rows do not fit on the disk
            real_write = self._rows_file.write
            self._rows_file.write = lambda data: (real_write(data[:10]), _full())[0]
        real_add(self, position, rows)

    def _full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline.Export, "add", add)
    with pytest.raises(ExportWriteError, match="no space left") as caught:
        rs.experiments.traces(EXP, page_size=7).to_csv(target)
    assert "resume=True" in " ".join(caught.value.__notes__) and not target.exists()
    monkeypatch.setattr(pipeline.Export, "add", real_add)
    result = rs.experiments.traces(EXP, page_size=7).to_csv(target, resume=True)
    assert result.resumed and ids_of(target, "csv") == [r["id"] for r in truth(running)]


@pytest.mark.parametrize(
    "damage", ['{"version": 1', '{"version": 1, "rows": "many"}', "[]", '{"window": 5}']
)
def test_a_damaged_checkpoint_is_explained_and_force_starts_over(
    rs: Respan, tmp_path: Path, damage: str
) -> None:
    target = tmp_path / "traces.csv"
    interrupted(rs, target)
    checkpoint = tmp_path / ".traces.csv.checkpoint"
    saved = json.loads(checkpoint.read_text())
    broken = damage if damage != "[]" else "[]"
    if damage.startswith('{"version": 1,') or damage.startswith('{"window"'):
        broken = json.dumps({**saved, **json.loads(damage)})
    checkpoint.write_text(broken)
    with pytest.raises(ConfigError, match=r"overwrite=True \(--force\)"):
        rs.experiments.traces(EXP, page_size=7).to_csv(target, resume=True)
    assert rs.experiments.traces(EXP, page_size=7).to_csv(target, overwrite=True).rows == 61
