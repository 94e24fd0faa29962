"""Bad input, case by case: each gives its typed error, and where the input could be checked
first, nothing is sent. (The command line's cases, with exit codes and one-line messages,
are in tests/cli.)"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from galileo_client.models import LogRecord, TraceRecord
from tracebridge import (
    AuthenticationError,
    ConfigError,
    F,
    FilterError,
    Galileo,
    Respan,
    ServerError,
    UnexpectedResponseError,
)
from tracebridge.emulator import Emulator, Fault, Running
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID

EXP = "exp_123"
RUN = {"log_stream_id": GALILEO_LOG_STREAM_ID}


Case = Callable[[Respan, Galileo, Path], Any]
# name: (the call, the error, a piece of its message); all refused before any request.
BEFORE_ANY_REQUEST: dict[str, tuple[Case, type[Exception], str]] = {
    "unknown filter field": (lambda rs, gl, d: rs.experiments.traces(EXP, F.colour == "red"), FilterError, "unknown field 'colour'"),
    "unknown Galileo column, columns given": (lambda rs, gl, d: gl.records("trace", where=F.colour == "red", columns={"input": "text"}, **RUN), FilterError, "unknown column 'colour'.*nor one of the 1 given"),
    "an operator Galileo lacks": (lambda rs, gl, d: gl.records("span", where=F.name.startswith("x"), **RUN), FilterError, "startswith"),
    "an operator Respan's list format lacks": (lambda rs, gl, d: rs.experiments.export(EXP, F.name.icontains("x")), FilterError, "list format"),
    "OR for Respan": (lambda rs, gl, d: rs.experiments.traces(EXP, (F.status == "a") | (F.status == "b")), FilterError, "OR"),
    "OR for Galileo's flat export filters": (lambda rs, gl, d: gl.export_records("trace", to=d / "x.jsonl", where=(F.name == "a") | (F.name == "b"), **RUN), FilterError, "OR"),
    "a negated range": (lambda rs, gl, d: rs.experiments.traces(EXP, ~F.total_cost.between(1, 2)), FilterError, "total_cost"),
    "text for a number field": (lambda rs, gl, d: rs.experiments.traces(EXP, F.total_cost > "cheap"), FilterError, "total_cost"),
    "a bad date in a filter": (lambda rs, gl, d: rs.experiments.traces(EXP, F.start_time > "yesterday"), FilterError, "start_time"),
    "a bad date as a window": (lambda rs, gl, d: rs.experiments.traces(EXP, end_time="soon"), ConfigError, "end_time"),
    "an empty isin": (lambda rs, gl, d: rs.experiments.traces(EXP, F.status.isin([])), FilterError, "isin"),
    "malformed filter text": (lambda rs, gl, d: rs.experiments.traces(EXP, "total_cost >> 1"), FilterError, "malformed"),
    "unbalanced parentheses": (lambda rs, gl, d: gl.records("trace", where="(name = a", **RUN), FilterError, "malformed"),
    "page_size 0": (lambda rs, gl, d: rs.experiments.traces(EXP, page_size=0), ConfigError, "page_size"),
    "page_size 101": (lambda rs, gl, d: rs.datasets.spans("dataset_67890", page_size=101), ConfigError, "page_size"),
    "page_size 1001 for Galileo": (lambda rs, gl, d: gl.records("trace", page_size=1001, **RUN), ConfigError, "page_size"),
    "negative max_items": (lambda rs, gl, d: rs.experiments.list(max_items=-1), ConfigError, "max_items"),
    "concurrency 0": (lambda rs, gl, d: rs.experiments.traces(EXP, concurrency=0), ConfigError, "concurrency"),
    "a start page of 0": (lambda rs, gl, d: rs.experiments.traces(EXP, start_page=0), ConfigError, "start page"),
    "an empty experiment id": (lambda rs, gl, d: rs.experiments.get(""), ConfigError, "experiment_id"),
    "sorting by an unknown field": (lambda rs, gl, d: rs.experiments.traces(EXP, sort="-colour"), ConfigError, "cannot sort"),
    "histogram bins out of range": (lambda rs, gl, d: rs.experiments.histogram(EXP, "ev_1", bins=51), ConfigError, "bins"),
    "a non-UUID Galileo id": (lambda rs, gl, d: gl.records("trace", log_stream_id="stream-1"), ConfigError, "UUID"),
    "two Galileo run ids at once": (lambda rs, gl, d: gl.count("trace", experiment_id=GALILEO_LOG_STREAM_ID, **RUN), ConfigError, "exactly one"),
    "no Galileo run id": (lambda rs, gl, d: gl.columns("trace"), ConfigError, "exactly one"),
    "an unknown root type": (lambda rs, gl, d: gl.records("traces", **RUN), ConfigError, "root_type"),
    "an output in a missing folder": (lambda rs, gl, d: rs.experiments.traces(EXP).to_csv(d / "no" / "t.csv"), ConfigError, "does not exist"),
    "an unknown output format": (lambda rs, gl, d: rs.experiments.traces(EXP).to_file(d / "t.csv", format="xml"), ConfigError, "unknown format"),
    "an output suffix that names no format": (lambda rs, gl, d: rs.experiments.traces(EXP).to_file(d / "t.dat"), ConfigError, "cannot tell"),
    "an unknown export column": (lambda rs, gl, d: rs.experiments.traces(EXP).to_parquet(d / "t.parquet", columns=["colour"]), ConfigError, "unknown columns"),
    "an unknown Galileo export format": (lambda rs, gl, d: gl.export_records("trace", to=d / "x", export_format="xml", **RUN), ConfigError, "export_format"),
    "CSV column ids for a JSONL export": (lambda rs, gl, d: gl.export_records("trace", to=d / "x", column_ids=["id"], **RUN), ConfigError, "CSV"),
    "a Respan export format the service lacks": (lambda rs, gl, d: rs.datasets.export("dataset_67890", format=".xlsx"), ConfigError, "format"),
    # issue 12: refused too late or never before
    "a dot-segment experiment id": (lambda rs, gl, d: rs.experiments.traces(".."), ConfigError, "experiment_id is not an id"),
    "a dot-segment trace id": (lambda rs, gl, d: rs.experiments.trace(EXP, ".."), ConfigError, "log_id is not an id"),
    "a single-dot id": (lambda rs, gl, d: rs.experiments.get("."), ConfigError, "experiment_id"),
    "an id of 100k characters": (lambda rs, gl, d: rs.experiments.get("x" * 100_000), ConfigError, "100,002 characters"),
    "an id with a control character": (lambda rs, gl, d: rs.experiments.get("exp\x00"), ConfigError, "control character"),
    "a Galileo id of 100k characters": (lambda rs, gl, d: gl.records("trace", log_stream_id="x" * 100_000), ConfigError, "UUID"),
    "an integer past int64 in a filter": (lambda rs, gl, d: rs.experiments.traces(EXP, F.total_cost > 10**400), FilterError, "too large"),
    "infinity in a filter": (lambda rs, gl, d: rs.experiments.traces(EXP, F.total_cost > float("inf")), FilterError, "total_cost"),
    "a filter mapping with a number for text": (lambda rs, gl, d: rs.experiments.traces(EXP, {"status": 5}), FilterError, "status"),
    "a filter mapping with an unknown operator": (lambda rs, gl, d: rs.experiments.traces(EXP, {"status": {"operator": "like", "value": ["x"]}}), FilterError, "unknown operator 'like'"),
    "a filter mapping with an unknown field": (lambda rs, gl, d: rs.datasets.spans("dataset_67890", {"colour": "red"}), FilterError, "unknown field 'colour'"),
    "a window that ends before it starts": (lambda rs, gl, d: rs.experiments.traces(EXP, start_time="2025-02-01T00:00:00Z", end_time="2025-01-01T00:00:00Z"), ConfigError, "not before end_time"),
    "a start after the frozen now": (lambda rs, gl, d: rs.experiments.traces(EXP, start_time="2999-01-01T00:00:00Z"), ConfigError, "not before end_time"),
    "a naive date-time in a filter": (lambda rs, gl, d: rs.experiments.traces(EXP, F.start_time > "2025-01-01T10:00:00"), FilterError, "no time zone"),
    "a naive datetime as a window": (lambda rs, gl, d: rs.experiments.traces(EXP, end_time=datetime(2025, 1, 1)), ConfigError, "no time zone"),
    "filters nested 2,000 deep": (lambda rs, gl, d: rs.experiments.traces(EXP, "(" * 2000 + "status = a" + ")" * 2000), FilterError, "nested more than 100"),
    "a text-mode file for a stream": (lambda rs, gl, d: gl.export_records("trace", to=io.StringIO(), **RUN), ConfigError, "binary"),
    "an output path with NUL": (lambda rs, gl, d: rs.experiments.traces(EXP).to_csv(str(d / "a\x00b.csv")), ConfigError, "NUL"),
    "an output name too long": (lambda rs, gl, d: rs.experiments.traces(EXP).to_csv(d / ("x" * 300 + ".csv")), ConfigError, "too long"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("call", "error", "message"), BEFORE_ANY_REQUEST.values(), ids=BEFORE_ANY_REQUEST.keys()
)
def test_refused_before_any_request(
    rs: Respan, gl: Galileo, emulator: Emulator, tmp_path: Path, call: Case,
    error: type[Exception], message: str,
) -> None:  # fmt: skip
    with pytest.raises(error, match=message):
        result = call(rs, gl, tmp_path)
        list(result) if hasattr(result, "__iter__") else None
    assert emulator.controls.request_log() == []
    assert list(tmp_path.iterdir()) == []


CONFIG: dict[str, tuple[Callable[[], Any], str]] = {
    "a missing Respan key": (lambda: Respan(base_url="https://api.respan.ai"), "RESPAN_API_KEY"),
    "a missing Galileo key": (lambda: Galileo(base_url="https://api.galileo.ai"), "GALILEO_API_KEY"),
    "an unknown base URL scheme": (lambda: Respan("fake_key", base_url="ftp://api.respan.ai"), "https://"),
    "a base URL without a scheme": (lambda: Galileo("fake_key", base_url="api.galileo.ai"), "no scheme"),
    "a base URL with a password": (lambda: Respan("fake_key", base_url="https://u:sk-secret-123456@api.respan.ai"), "user name or password"),
    "a key holding NUL": (lambda: Respan("sk-secret\x00123456"), "control or non-ASCII"),
    "a key holding a non-ASCII letter": (lambda: Galileo("sk-sécret-123456"), "control or non-ASCII"),
    "a key that is not text": (lambda: Respan(12345678), "must be text"),  # type: ignore[arg-type]
    "max_retries=True": (lambda: Respan("fake_key", max_retries=True), "max_retries"),
    "rate_window=inf": (lambda: Respan("fake_key", rate_window=float("inf")), "rate_window"),
    "rate_window=nan": (lambda: Galileo("fake_key", rate_window=float("nan")), "rate_window"),
    "timeout=nan": (lambda: Respan("fake_key", timeout=float("nan")), "timeout"),
    "timeout=True": (lambda: Galileo("fake_key", timeout=True), "timeout"),
}  # fmt: skip


@pytest.mark.parametrize(("make", "message"), CONFIG.values(), ids=CONFIG.keys())
def test_configuration_errors_name_what_to_set(
    monkeypatch: pytest.MonkeyPatch, make: Callable[[], Any], message: str
) -> None:
    for name in ("RESPAN_API_KEY", "GALILEO_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError, match=message) as caught:
        make()
    assert "sk-secret" not in str(caught.value) and "sk-sécret" not in str(caught.value)


def test_a_wrong_key_is_an_authentication_error(running: Running) -> None:
    with (
        Respan("fake_wrong_key", base_url=running.base_url) as wrong,
        pytest.raises(AuthenticationError, match="HTTP 401"),
    ):
        wrong.experiments.count()


def test_a_server_answering_html_is_a_typed_error_with_an_excerpt(
    rs: Respan, emulator: Emulator
) -> None:
    emulator.inject(Fault("html", status=502, times=10))
    rs.transport.sleep = lambda seconds: None
    with pytest.raises(ServerError, match="502 Bad Gateway") as caught:
        rs.experiments.count()
    assert len(str(caught.value)) < 400  # a short excerpt, not the page


def mocked(handler: Callable[[httpx.Request], httpx.Response], client: Any) -> Any:
    client.transport.inner = httpx.MockTransport(handler)
    return client


def test_json_of_the_wrong_shape_is_an_unexpected_response() -> None:
    answer = httpx.Response(200, json={"items": [1, 2]})
    with mocked(lambda request: answer, Respan("fake_key", rate_limit=None)) as rs:
        with pytest.raises(UnexpectedResponseError, match="results is not a list of objects"):
            list(rs.experiments.traces(EXP))
        with pytest.raises(UnexpectedResponseError, match="documented form"):
            rs.experiments.count()


def test_an_unknown_record_type_keeps_its_page() -> None:
    page = {
        "records": [
            {"type": "agent_step", "id": "9f1c0000-0000-4000-8000-000000000001", "x": 1},
            {"type": "trace", "id": "9f1c0000-0000-4000-8000-000000000002", "name": "t"},
        ],
        "next_starting_token": None,
    }
    client = Galileo("fake_key", project_id=GALILEO_PROJECT_ID)

    def answer(request: httpx.Request) -> httpx.Response:
        counted = request.url.path.endswith("/count")  # a whole walk is checked against it
        return httpx.Response(200, json={"total_count": 2} if counted else page)

    with mocked(answer, client) as gl:
        records = list(gl.records("trace", **RUN))
    assert [type(r) for r in records] == [LogRecord, TraceRecord]
    assert records[0].additional_properties["x"] == 1
