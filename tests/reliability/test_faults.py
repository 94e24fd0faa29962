"""Exports under injected faults: each completes with exactly the emulator's rows (no
duplicates, no gaps), or, once retries run out, fails with its typed error and leaves no
file under the target name. For a paginated trace export and a Galileo streamed export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tracebridge import (
    APIConnectionError,
    APITimeoutError,
    F,
    Galileo,
    RateLimitError,
    Respan,
    ServerError,
    UnexpectedResponseError,
)
from tracebridge.emulator import Emulator, Fault, Insertion, Running, Sizes, serve
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_TRACE_EXPERIMENT,
)
from tracebridge.transport import RetryPolicy

from ..support import SIZES

EXP = SEED_TRACE_EXPERIMENT
TRACES = "/logs/list/"
EXPORT = "export_records"

TIMEOUT = 2.0  # seconds; only the `slow` fault, which never answers in time, reaches it

# name: (the fault, the typed error once retries run out)
FAULTS: dict[str, tuple[Fault, type[Exception]]] = {
    "429 with Retry-After": (Fault("status", status=429, retry_after=0.01), RateLimitError),
    "429 with retry_after in the body only": (
        Fault("status", status=429, retry_after=0.01, retry_after_header=False),
        RateLimitError,
    ),
    "500": (Fault("status", status=500), ServerError),
    "502 as an HTML page": (Fault("html", status=502), ServerError),
    "503": (Fault("status", status=503), ServerError),
    "connection reset mid-body": (Fault("reset"), APIConnectionError),
    "truncated JSON body": (Fault("truncate"), UnexpectedResponseError),
    # An answer that never comes (held until the controls are reset), against a timeout no
    # busy machine makes a normal answer miss: nothing here races a short timer.
    "slower than the timeout": (Fault("slow", seconds=600), APITimeoutError),
}


def fault(kind: str, *, path: str, times: int) -> Fault:
    template = FAULTS[kind][0]
    return Fault(
        template.kind, status=template.status, times=times, path=path, seconds=template.seconds,
        retry_after=template.retry_after, retry_after_header=template.retry_after_header,
    )  # fmt: skip


def respan(running: Running, retries: int) -> Respan:
    client = Respan(
        running.respan_key, base_url=running.base_url, rate_limit=None,
        max_retries=retries, timeout=TIMEOUT,
    )  # fmt: skip
    client.transport.policy = RetryPolicy(max_retries=retries, backoff_base=0.001)
    return client


def galileo(running: Running, retries: int) -> Galileo:
    client = Galileo(
        running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID,
        max_retries=retries, timeout=TIMEOUT,
    )  # fmt: skip
    client.transport.policy = client._core.policy = RetryPolicy(
        max_retries=retries, backoff_base=0.001
    )
    return client


def truth_ids(running: Running) -> list[str]:
    rows = sorted(
        running.emulator.data.experiment_traces[EXP], key=lambda r: r["start_time"], reverse=True
    )
    return [row["id"] for row in rows]


def csv_ids(path: Path) -> list[str]:
    with path.open(newline="") as file:
        return [row["id"] for row in csv.DictReader(file)]


class InjectAfter:
    """A progress hook that injects the fault once the export is `pages` pages in."""

    def __init__(self, emulator: Emulator, fault: Fault, pages: int = 2):
        self.emulator, self.fault, self.pages = emulator, fault, pages

    def started(self, total: int | None, done: int) -> None:
        pass

    def advanced(self, rows: int) -> None:
        self.pages -= 1
        if self.pages == 0:
            self.emulator.inject(self.fault)


@pytest.mark.parametrize("kind", FAULTS)
def test_a_trace_export_survives_the_fault(
    running: Running, emulator: Emulator, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "traces.csv"
    with respan(running, retries=4) as rs:
        hook = InjectAfter(emulator, fault(kind, path=TRACES, times=2))
        result = rs.experiments.traces(EXP, page_size=7, sort="-start_time").to_csv(
            target, progress=hook
        )
        assert rs.transport.retries >= 2 or kind == "slower than the timeout"
    assert csv_ids(target) == truth_ids(running) and result.rows == 61
    assert [p.name for p in tmp_path.iterdir()] == ["traces.csv"]


@pytest.mark.parametrize("kind", FAULTS)
def test_a_trace_export_out_of_retries_fails_typed_and_leaves_no_file(
    running: Running, emulator: Emulator, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "traces.csv"
    error = FAULTS[kind][1]
    with respan(running, retries=1) as rs, pytest.raises(error):
        hook = InjectAfter(emulator, fault(kind, path=TRACES, times=10))
        rs.experiments.traces(EXP, page_size=7).to_csv(target, progress=hook)
    assert not target.exists()


def raw_export(running: Running) -> bytes:
    headers = {"Galileo-API-Key": running.galileo_key}
    body = {"root_type": "span", "log_stream_id": GALILEO_LOG_STREAM_ID}
    with httpx.Client(base_url=running.base_url, headers=headers) as http:
        answer = http.post(f"/v2/projects/{GALILEO_PROJECT_ID}/export_records", json=body)
    return answer.content


@pytest.mark.parametrize("kind", FAULTS)
def test_a_galileo_stream_survives_the_fault(big: Running, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "spans.jsonl"
    big.emulator.controls.reset()
    big.emulator.inject(fault(kind, path=EXPORT, times=2))
    with galileo(big, retries=4) as gl:
        result = gl.export_records("span", log_stream_id=GALILEO_LOG_STREAM_ID, to=target)
    assert target.read_bytes() == raw_export(big)
    assert result.rows == len(target.read_bytes().splitlines())
    assert [p.name for p in tmp_path.iterdir()] == ["spans.jsonl"]


@pytest.mark.parametrize("kind", FAULTS)
def test_a_galileo_stream_out_of_retries_fails_typed_and_leaves_nothing(
    big: Running, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "spans.jsonl"
    big.emulator.controls.reset()
    big.emulator.inject(fault(kind, path=EXPORT, times=10))
    with galileo(big, retries=1) as gl, pytest.raises(FAULTS[kind][1]):
        gl.export_records("span", log_stream_id=GALILEO_LOG_STREAM_ID, to=target)
    assert list(tmp_path.iterdir()) == []
    big.emulator.controls.reset()


def test_a_cut_stream_is_never_a_shorter_file(big: Running) -> None:
    """Read as rows, a stream cut mid-way raises after the rows it had: never a clean end."""
    big.emulator.controls.reset()
    big.emulator.inject(Fault("truncate", path=EXPORT))
    rows: list[Any] = []
    with galileo(big, retries=3) as gl, pytest.raises(UnexpectedResponseError, match="middle"):
        rows.extend(gl.export_rows("span", log_stream_id=GALILEO_LOG_STREAM_ID))
    out = io.BytesIO()
    big.emulator.inject(Fault("reset", path=EXPORT, times=5))
    with galileo(big, retries=1) as gl, pytest.raises(APIConnectionError):
        gl.export_records("span", log_stream_id=GALILEO_LOG_STREAM_ID, to=out)
    big.emulator.controls.reset()


@pytest.fixture(scope="module")
def big() -> Iterator[Running]:
    """An emulator whose Galileo export spans several chunks, so faults cut it mid-way."""
    with serve(Emulator(seed=9, sizes=Sizes(galileo_traces=120))) as running:
        yield running


@pytest.mark.parametrize("concurrency", [1, 4])
def test_rows_inserted_during_an_export_neither_repeat_nor_go_missing(
    concurrency: int, tmp_path: Path
) -> None:
    with serve(Emulator(seed=4, sizes=SIZES)) as running:
        before = truth_ids(running)
        running.emulator.controls.insertions.append(
            Insertion(experiment_id=EXP, rows=3, path=TRACES)
        )
        with respan(running, retries=2) as rs:
            pager = rs.experiments.traces(EXP, F.total_cost >= 0, page_size=6,
                                          concurrency=concurrency)  # fmt: skip
            pager.to_csv(tmp_path / "t.csv")
        assert csv_ids(tmp_path / "t.csv") == before  # the frozen window: exactly these
        assert len(truth_ids(running)) > len(before)  # though rows arrived meanwhile
