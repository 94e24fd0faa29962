"""The emulator's knobs as a client meets them: rate limits, injected faults, latency,
rows inserted while paging, the request and export logs, the control plane over HTTP, and
the `python -m tracebridge.emulator` command."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tracebridge.emulator import Emulator, Fault, Insertion, Running
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID

from .test_filters import TRACES

EXPORT = f"/v2/projects/{GALILEO_PROJECT_ID}/export_records"


# Knobs produce answers the specs do not document (HTML pages, injected 503s), so these
# clients are not checked against the specs, unlike the ones of the other emulator tests.
@pytest.fixture
def respan_http(running: Running) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=running.base_url, headers={"Authorization": f"Bearer {running.respan_key}"}
    ) as client:
        yield client


@pytest.fixture
def galileo_http(running: Running) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=running.base_url, headers={"Galileo-API-Key": running.galileo_key}
    ) as client:
        yield client


def test_rate_limit_answers_the_documented_429_with_retry_after(
    emulator: Emulator, respan_http: httpx.Client
) -> None:
    emulator.controls.rate_limit = 3
    statuses = [respan_http.get(TRACES).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    limited = respan_http.get(TRACES)
    assert limited.json()["detail"] == "Rate limit exceeded"
    assert 1 <= limited.json()["retry_after"] <= 60
    assert limited.headers["retry-after"] == str(limited.json()["retry_after"])
    assert emulator.controls.throttled == 3


def test_rate_limit_body_only_form(emulator: Emulator, respan_http: httpx.Client) -> None:
    emulator.controls.rate_limit = 1
    emulator.controls.rate_limit_header = False
    respan_http.get(TRACES)
    limited = respan_http.get(TRACES)
    assert limited.status_code == 429
    assert "retry-after" not in limited.headers
    assert limited.json()["retry_after"] >= 1


def test_rate_limits_are_per_service(
    emulator: Emulator, respan_http: httpx.Client, galileo_http: httpx.Client
) -> None:
    emulator.controls.rate_limit = 1
    assert respan_http.get(TRACES).status_code == 200
    assert galileo_http.get("/v2/projects").status_code == 200
    assert respan_http.get(TRACES).status_code == 429


def test_a_burst_of_server_errors_then_success(
    emulator: Emulator, respan_http: httpx.Client
) -> None:
    emulator.inject(
        Fault("status", status=503, times=2, path="/logs/"),
        Fault("status", status=502, path="/logs/"),
    )
    assert [respan_http.get(TRACES).status_code for _ in range(4)] == [503, 503, 502, 200]
    assert emulator.controls.faults == []


def test_faults_match_their_path_and_method(emulator: Emulator, respan_http: httpx.Client) -> None:
    emulator.inject(Fault("status", status=500, path="/logs/list/", method="POST"))
    assert respan_http.get(TRACES).status_code == 200
    assert respan_http.post(TRACES + "list/", json={}).status_code == 500
    assert respan_http.post(TRACES + "list/", json={}).status_code == 200


def test_injected_429_with_header_or_only_body(
    emulator: Emulator, respan_http: httpx.Client
) -> None:
    emulator.inject(
        Fault("status", status=429, retry_after=2),
        Fault("status", status=429, retry_after=0.5, retry_after_header=False),
    )
    first, second = respan_http.get(TRACES), respan_http.get(TRACES)
    assert (first.status_code, first.headers["retry-after"], first.json()["retry_after"]) == (
        429,
        "2",
        2,
    )
    assert second.status_code == 429 and "retry-after" not in second.headers
    assert second.json() == {"detail": "Rate limit exceeded", "retry_after": 0.5}


def test_html_error_page(emulator: Emulator, respan_http: httpx.Client) -> None:
    emulator.inject(Fault("html", status=502))
    response = respan_http.get(TRACES)
    assert response.status_code == 502
    assert response.headers["content-type"] == "text/html"
    assert response.text.startswith("<html>")


def test_connection_reset_mid_body(emulator: Emulator, respan_http: httpx.Client) -> None:
    emulator.inject(Fault("reset"))
    with pytest.raises(httpx.RemoteProtocolError):
        respan_http.get(TRACES + "?page_size=100")
    assert respan_http.get(TRACES).status_code == 200  # the next request is served


def test_truncated_json_body(emulator: Emulator, respan_http: httpx.Client) -> None:
    emulator.inject(Fault("truncate"))
    response = respan_http.get(TRACES + "?page_size=100")
    assert response.status_code == 200
    whole = respan_http.get(TRACES + "?page_size=100").content
    assert whole.startswith(response.content) and len(response.content) < len(whole)
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_slow_response_outlasts_a_client_timeout(fresh: Running) -> None:
    # its own emulator: the abandoned request finishes later and must not land in another test
    fresh.emulator.inject(Fault("slow", seconds=600))  # never, until the controls are reset
    headers = {"Authorization": f"Bearer {fresh.respan_key}"}
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(fresh.base_url + TRACES, headers=headers, timeout=1.0)
    fresh.emulator.controls.reset()  # lets the held answer go: the emulator stops promptly
    assert httpx.get(fresh.base_url + TRACES, headers=headers, timeout=5).status_code == 200


def test_latency_is_added_to_each_request(emulator: Emulator, respan_http: httpx.Client) -> None:
    emulator.controls.latency = 0.2
    started = time.monotonic()
    respan_http.get(TRACES)
    assert time.monotonic() - started >= 0.2  # a floor set by a sleep, not a speed claim


def test_galileo_stream_cut_midway(emulator: Emulator, galileo_http: httpx.Client) -> None:
    emulator.inject(Fault("reset", path="export_records"))
    body = {"root_type": "span", "log_stream_id": GALILEO_LOG_STREAM_ID}
    received = bytearray()
    with (
        pytest.raises(httpx.RemoteProtocolError),
        galileo_http.stream("POST", EXPORT, json=body) as response,
    ):
        assert response.status_code == 200
        for chunk in response.iter_bytes():
            received.extend(chunk)
    assert received  # part of the file arrived before the cut
    whole = galileo_http.post(EXPORT, json=body).content
    assert len(received) < len(whole)


def test_galileo_export_streams_formats_columns_redaction_and_sort(
    galileo_http: httpx.Client,
) -> None:
    base = {"root_type": "trace", "log_stream_id": GALILEO_LOG_STREAM_ID}
    jsonl = [json.loads(line) for line in galileo_http.post(EXPORT, json=base).text.splitlines()]
    assert len(jsonl) == 25 and "<REDACTED>" in jsonl[0]["input"]
    raw = [
        json.loads(line)
        for line in galileo_http.post(EXPORT, json={**base, "redact": False}).text.splitlines()
    ]
    assert "@example.com" in raw[0]["input"]
    flat = [
        json.loads(line)
        for line in galileo_http.post(
            EXPORT, json={**base, "export_format": "jsonl_flat"}
        ).text.splitlines()
    ]
    assert (
        flat[0]["metrics/duration_ns"] == jsonl[0]["metrics"]["duration_ns"]
        and "metrics" not in flat[0]
    )
    csv_body = {
        **base,
        "export_format": "csv",
        "column_ids": ["id", "metrics/cost"],
        "sort": {"column_id": "metrics/cost"},
    }
    lines = galileo_http.post(EXPORT, json=csv_body).text.splitlines()
    assert lines[0] == "id,metrics/cost"
    costs = [float(line.split(",")[1]) for line in lines[1:]]
    assert costs == sorted(costs) and len(costs) == 25


def test_rows_inserted_while_paging_go_to_the_head(fresh: Running) -> None:
    headers = {"Authorization": f"Bearer {fresh.respan_key}"}
    with httpx.Client(base_url=fresh.base_url, headers=headers) as client:
        first = client.get(TRACES + "?page_size=5").json()
        frozen_end = first["results"][0]["start_time"]
        fresh.emulator.controls.insertions.append(
            Insertion(experiment_id="exp_123", rows=2, path="/logs/")
        )
        second = client.get(TRACES + "?page_size=5&page=2").json()
        assert second["count"] == first["count"] + 2  # rows arrived, shifting pages
        head = client.get(TRACES + "?page_size=3").json()["results"]
        assert [row["id"] for row in head[:2]] == ["tr_new_0000004", "tr_new_0000003"]
        assert head[0]["start_time"] > frozen_end
        # a window frozen at the walk's start does not see them
        window = client.get(
            TRACES, params={"end_time": "2025-06-01T00:00:00Z", "page_size": 5}
        ).json()
        assert window["count"] == first["count"]


def test_request_log_records_requests_and_no_credentials(fresh: Running) -> None:
    running, emulator = fresh, fresh.emulator
    headers = {"Authorization": f"Bearer {running.respan_key}"}
    httpx.post(
        running.base_url + TRACES + "list/?page_size=2", json={"filters": {}}, headers=headers
    )
    httpx.get(running.base_url + TRACES, headers={"Authorization": "Bearer wrong-key-123"})
    log = emulator.controls.request_log()
    assert [(r["method"], r["path"], r["status"], r["service"]) for r in log] == [
        ("POST", TRACES + "list/", 200, "respan"),
        ("GET", TRACES, 401, "respan"),
    ]
    assert log[0]["query"] == "page_size=2" and log[0]["body"] == {"filters": {}}
    text = json.dumps(log)
    assert running.respan_key not in text and "wrong-key-123" not in text


def test_dataset_export_is_logged(emulator: Emulator, respan_http: httpx.Client) -> None:
    body = {
        "filters": {"model": {"operator": "", "value": ["gpt-4"]}},
        "is_exporting": True,
        "export_format": ".jsonl",
    }
    response = respan_http.post("/api/datasets/_saved_logs/logs/list/", json=body)
    assert response.status_code == 200 and "Check your email" in response.json()["message"]
    (export,) = emulator.controls.exports
    assert export["kind"] == "dataset_spans" and export["body"] == body
    assert export["count"] == len(export["ids"]) == 10


def test_control_plane_over_http(running: Running) -> None:
    with httpx.Client(base_url=running.base_url + "/_emulator") as control:
        try:
            assert control.get("/health").json() == {"status": "ok"}
            assert (
                control.post("/config", json={"rate_limit": 600, "latency": 0}).json()["rate_limit"]
                == 600
            )
            assert control.post("/config", json={"colour": 1}).status_code == 400
            control.post(
                "/faults", json={"faults": [{"kind": "status", "status": 500, "path": "/v2/"}]}
            )
            assert control.post("/faults", json={"faults": [{"kind": "meteor"}]}).status_code == 400
            galileo = httpx.get(
                running.base_url + "/v2/projects", headers={"Galileo-API-Key": running.galileo_key}
            )
            assert galileo.status_code == 500
            inserted = control.post(
                "/insert", json={"experiment_id": "exp_0002", "count": 2}
            ).json()["ids"]
            assert len(inserted) == 2
            assert control.post("/insert", json={"experiment_id": "nope"}).status_code == 404
            assert any(r["path"] == "/v2/projects" for r in control.get("/requests").json())
            assert control.get("/exports").json() == []
            control.post("/config", json={"max_body_bytes": 10, "rate_window": 2.0})
        finally:
            settings = control.post("/reset").json()
            assert (
                settings["rate_limit"],
                settings["rate_window"],
                settings["max_body_bytes"],
            ) == (None, 60.0, 1 << 20)


def test_python_dash_m_serves_and_prints_url_and_keys() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tracebridge.emulator", "--port", "0", "--traces", "5"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = first.split(" on ", 1)[1].strip()
        keys = dict(
            item.split("=", 1)
            for line in [process.stdout.readline(), process.stdout.readline()]
            for item in line.split()
        )
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
        page = httpx.get(
            url + "/api/v2/experiments/exp_123/logs/",
            headers={"Authorization": f"Bearer {keys['RESPAN_API_KEY']}"},
            timeout=10,
        ).json()
        assert page["count"] == 6
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_data_is_deterministic_per_seed() -> None:
    def sample(seed: int) -> list[Any]:
        data = Emulator(seed=seed).data
        run = data.galileo_runs[GALILEO_LOG_STREAM_ID]
        return [data.experiment_traces["exp_123"][i] for i in (0, 99)] + [run.spans[7]]

    assert sample(1) == sample(1)
    assert sample(1) != sample(2)
