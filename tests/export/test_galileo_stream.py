"""Galileo's export_records through the facade: the body copied to disk as it arrives (the
same bytes a raw streaming loop gets), read as rows, typed errors on the streaming path,
and a body cut short never passed off as a shorter file."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tracebridge import APIConnectionError, AsyncGalileo, ConfigError, F, Galileo, ValidationError
from tracebridge.emulator import Emulator, Fault, Running, Sizes, serve
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID
from tracebridge.transport import RetryPolicy

STREAM = GALILEO_LOG_STREAM_ID
EXPORT = f"/v2/projects/{GALILEO_PROJECT_ID}/export_records"


@pytest.fixture(scope="module")
def big() -> Iterator[Running]:
    """An emulator whose span export is several 64 KiB chunks long."""
    with serve(Emulator(seed=5, sizes=Sizes(galileo_traces=300))) as running:
        yield running


def client(running: Running, **options: Any) -> Galileo:
    gl = Galileo(
        running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID, **options
    )
    gl._core.policy = RetryPolicy(max_retries=gl._core.policy.max_retries, backoff_base=0.001)
    return gl


def raw_bytes(running: Running, body: dict[str, Any]) -> bytes:
    """What a plain httpx streaming loop receives for the same request (the baseline)."""
    headers = {"Galileo-API-Key": running.galileo_key}
    out = io.BytesIO()
    with (
        httpx.Client(base_url=running.base_url, headers=headers) as http,
        http.stream("POST", EXPORT, json=body) as response,
    ):
        for chunk in response.iter_bytes():
            out.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize("export_format", ["jsonl", "jsonl_flat", "csv"])
def test_the_file_holds_the_services_bytes_and_its_rows(
    big: Running, tmp_path: Path, export_format: str
) -> None:
    target = tmp_path / f"spans.{export_format}"
    with client(big) as gl:
        result = gl.export_records(
            "span", log_stream_id=STREAM, export_format=export_format, to=target
        )
        rows = list(gl.export_rows("span", log_stream_id=STREAM, export_format=export_format))
    body = {"root_type": "span", "log_stream_id": STREAM, "export_format": export_format}
    expected = raw_bytes(big, {**body, "redact": True})
    assert target.read_bytes() == expected and result.bytes == len(expected) > 3 * 65536
    total = len(list(big.emulator.data.galileo_runs[STREAM].of_kind("span")))
    assert result.rows == len(rows) == total
    text = expected.decode()
    if export_format == "csv":
        assert rows == list(csv.DictReader(io.StringIO(text, newline="")))
    else:
        assert rows == [json.loads(line) for line in text.splitlines()]
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_bytes_reach_the_disk_as_they_arrive(big: Running, tmp_path: Path) -> None:
    target = tmp_path / "spans.jsonl"
    part = tmp_path / ".spans.jsonl.part"
    sizes: list[int] = []

    class Watch:
        def started(self, total: int | None, done: int) -> None:
            pass

        def advanced(self, rows: int) -> None:
            pass

        def received(self, size: int) -> None:
            assert not target.exists()  # only whole files take the target's name
            sizes.append(part.stat().st_size)

    with client(big) as gl:
        result = gl.export_records("span", log_stream_id=STREAM, to=target, progress=Watch())
    assert len(sizes) > 3 and sizes == sorted(sizes) and sizes[0] < result.bytes
    assert max(b - a for a, b in zip([0, *sizes], sizes, strict=False)) <= 65536 * 2


def test_to_a_file_object_filters_sort_and_redaction(running: Running) -> None:
    out = io.BytesIO()
    with client(running) as gl:
        result = gl.export_records(
            "trace", log_stream_id=STREAM, to=out, where=F.input.contains("refund"),
            sort="created_at", redact=False,
        )  # fmt: skip
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    truth = [
        r for r in running.emulator.data.galileo_runs[STREAM].of_kind("trace")
        if "refund" in r["input"]
    ]  # fmt: skip
    assert result.path is None and result.rows == len(lines) == len(truth) > 0
    assert [r["created_at"] for r in lines] == sorted(r["created_at"] for r in truth)
    assert any("@example.com" in r["input"] for r in lines)  # not redacted, as asked


def test_csv_columns_are_chosen_and_ordered(running: Running) -> None:
    with client(running) as gl:
        rows = list(
            gl.export_rows(
                "span", log_stream_id=STREAM, export_format="csv",
                column_ids=["name", "metrics.duration_ns", "id"],
            )
        )  # fmt: skip
    assert list(rows[0]) == ["name", "metrics/duration_ns", "id"]


def test_a_422_on_the_streaming_path_is_a_validation_error(
    running: Running, tmp_path: Path
) -> None:
    bad = [
        {"column_id": "metrics/duration_ns", "type": "number", "operator": "between", "value": [3]}
    ]
    with client(running) as gl, pytest.raises(ValidationError, match="between") as caught:
        gl.export_records("span", log_stream_id=STREAM, where=bad, to=tmp_path / "x.jsonl")
    assert caught.value.status == 422 and caught.value.detail
    assert list(tmp_path.iterdir()) == []


def test_a_cut_body_is_fetched_again_or_fails_leaving_nothing(
    running: Running, tmp_path: Path
) -> None:
    emulator: Emulator = running.emulator
    try:
        emulator.inject(Fault("reset", path="export_records", times=2))
        with client(running) as gl:
            whole = gl.export_records("span", log_stream_id=STREAM, to=tmp_path / "a.jsonl")
        assert whole.rows == 75
        assert (tmp_path / "a.jsonl").read_bytes() == raw_bytes(
            running, {"root_type": "span", "log_stream_id": STREAM}
        )
        emulator.inject(Fault("reset", path="export_records", times=5))
        with client(running, max_retries=1) as gl, pytest.raises(APIConnectionError):
            gl.export_records("span", log_stream_id=STREAM, to=tmp_path / "b.jsonl")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]
        emulator.controls.faults.clear()
        emulator.inject(Fault("reset", path="export_records"))
        with client(running, max_retries=3) as gl, pytest.raises(APIConnectionError):
            list(gl.export_rows("span", log_stream_id=STREAM))  # rows given out: no restart
    finally:
        emulator.controls.reset()


def test_bad_input_is_refused_before_any_request(running: Running, tmp_path: Path) -> None:
    emulator: Emulator = running.emulator
    emulator.controls.requests.clear()
    with client(running) as gl:
        cases: list[tuple[Any, type[Exception], str]] = [
            (lambda: gl.export_records("span", log_stream_id=STREAM, to=tmp_path / "no" / "x.jsonl"), ConfigError, "does not exist"),
            (lambda: gl.export_records("span", log_stream_id=STREAM, export_format="xml", to=tmp_path / "x"), ConfigError, "export_format"),
            (lambda: gl.export_records("span", log_stream_id=STREAM, column_ids=["id"], to=tmp_path / "x"), ConfigError, "CSV"),
            (lambda: gl.export_records("span", log_stream_id=STREAM, export_format="jsonl_flat", computed_metrics_only=True, to=tmp_path / "x"), ConfigError, "jsonl_flat"),
            (lambda: gl.export_records("span", log_stream_id=STREAM, experiment_id=STREAM, to=tmp_path / "x"), ConfigError, "exactly one"),
            (lambda: gl.export_records("spans", log_stream_id=STREAM, to=tmp_path / "x"), ConfigError, "root_type"),
            (lambda: gl.export_rows("span", log_stream_id="not-a-uuid"), ConfigError, "UUID"),
        ]  # fmt: skip
        for call, error, message in cases:
            with pytest.raises(error, match=message):
                call()
    assert emulator.controls.request_log() == []
    assert list(tmp_path.iterdir()) == []


def test_the_async_client_streams_the_same_bytes(big: Running, tmp_path: Path) -> None:
    async def main() -> tuple[Any, list[Any]]:
        async with AsyncGalileo(
            big.galileo_key, base_url=big.base_url, project_id=GALILEO_PROJECT_ID
        ) as gl:
            result = await gl.export_records("span", log_stream_id=STREAM, to=tmp_path / "a.csv",
                                             export_format="csv")  # fmt: skip
            rows = [row async for row in gl.export_rows("span", log_stream_id=STREAM)]
            return result, rows

    result, rows = asyncio.run(main())
    with client(big) as gl:
        gl.export_records("span", log_stream_id=STREAM, to=tmp_path / "s.csv", export_format="csv")
        assert rows == list(gl.export_rows("span", log_stream_id=STREAM))
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "s.csv").read_bytes()
    assert result.rows == len(rows)


def test_the_stream_written_as_parquet(running: Running, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from tracebridge.export import write_rows
    from tracebridge.galileo import record_rows

    with client(running) as gl:
        result = write_rows(
            gl.export_rows("span", log_stream_id=STREAM), tmp_path / "spans.parquet",
            schema=record_rows(),
        )  # fmt: skip
        expected = list(gl.export_rows("span", log_stream_id=STREAM))
    table = pq.read_table(tmp_path / "spans.parquet")
    assert result.rows == table.num_rows == len(expected) == 75
    assert table.column_names[:3] == ["id", "type", "project_id"]
    assert table.column("metrics.duration_ns").to_pylist() == [
        row["metrics"].get("duration_ns") for row in expected
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["spans.parquet"]


def test_nothing_is_created_before_the_request_is_sent(running: Running, tmp_path: Path) -> None:
    async def main() -> None:
        async with AsyncGalileo(
            running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
        ) as gl:
            pending = gl.export_records("span", log_stream_id=STREAM, to=tmp_path / "s.jsonl")
            assert list(tmp_path.iterdir()) == []  # planned, not yet sent: no file
            await pending

    asyncio.run(main())
    assert [p.name for p in tmp_path.iterdir()] == ["s.jsonl"]


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_text_with_line_separators_other_than_newline_stays_one_record(chunk: int) -> None:
    """JSON carries U+2028, U+2029, U+0085 and \\x1c-\\x1e raw inside strings; only "\\n"
    ends a record (str.splitlines cut at them, and the export failed on such text)."""
    from tracebridge.export.stream import RowDecoder

    texts = ["a\u2028b", "c\u2029d", "e\u0085f", "g\x1ch\x1di\x1ej", "k\x0bl\x0cm", "crlf"]
    records = [{"id": str(index), "input": text} for index, text in enumerate(texts)]
    body = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    body = body.replace('"crlf"}\n', '"crlf"}\r\n').encode()
    decoder = RowDecoder("jsonl")
    rows = []
    for start in range(0, len(body), chunk):
        rows.extend(decoder.feed(body[start : start + chunk]))
    rows.extend(decoder.finish())
    assert rows == records


def _readers() -> list[Any]:
    import threading

    return [t for t in threading.enumerate() if t.name == "tracebridge-read-ahead"]


def test_rows_left_unread_stop_the_download(big: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    """export_rows reads the body ahead on a thread of its own, a bounded way ahead; a
    caller that stops after a few rows ends that thread and its response (nothing keeps
    downloading behind it), and what it read before is what a full read gives first."""
    import time

    from tracebridge.export import read_ahead

    monkeypatch.setattr(read_ahead, "DEPTH", 1)  # the body is longer than one chunk ahead
    with client(big) as gl:
        everything = list(gl.export_rows("span", log_stream_id=STREAM))
        rows = gl.export_rows("span", log_stream_id=STREAM)
        first = [row for row, _ in zip(rows, range(5), strict=False)]
        assert _readers()  # it is reading ahead while the caller holds the iterator
        rows.close()
        deadline = time.monotonic() + 5
        while _readers() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _readers()
    assert len(everything) == 900 and first == everything[:5]


def test_a_failure_while_reading_ahead_reaches_the_caller_after_its_rows(
    big: Running,
) -> None:
    """The connection reset mid-body on the reading thread is raised to the caller, typed,
    once the rows that arrived whole before it were given."""
    big.emulator.inject(Fault("reset", path="export_records"))
    try:
        with client(big, max_retries=3) as gl:
            got = []
            with pytest.raises(APIConnectionError):
                for row in gl.export_rows("span", log_stream_id=STREAM):
                    got.append(row)
            everything = list(gl.export_rows("span", log_stream_id=STREAM))
        assert got == everything[: len(got)] and len(got) < len(everything)
    finally:
        big.emulator.controls.reset()
    assert not _readers()
