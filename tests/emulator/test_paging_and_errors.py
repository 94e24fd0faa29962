"""Paging yields every row exactly once at any page size; time windows are [start, end);
bad requests get the services' documented errors."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracebridge.emulator import Running
from tracebridge.emulator.data import (
    GALILEO_EXPERIMENT_ID,
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_TRACE_EXPERIMENT,
)

from .test_filters import TRACES, walk_respan

PROJECT_PATH = f"/v2/projects/{GALILEO_PROJECT_ID}"
NO_SHARED_FIXTURE_WARNING = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def truth_ids(running: Running) -> list[str]:
    return [row["id"] for row in running.emulator.data.experiment_traces[SEED_TRACE_EXPERIMENT]]


@NO_SHARED_FIXTURE_WARNING
@given(page_size=st.integers(min_value=1, max_value=100), use_post=st.booleans())
def test_respan_paging_yields_every_row_once(
    running: Running, respan_http: httpx.Client, page_size: int, use_post: bool
) -> None:
    if use_post:
        rows = walk_respan(respan_http, "POST", f"{TRACES}list/?page_size={page_size}", {})
    else:
        rows = walk_respan(respan_http, "GET", f"{TRACES}?page_size={page_size}")
    assert [row["id"] for row in rows] == truth_ids(running)


@NO_SHARED_FIXTURE_WARNING
@given(
    limit=st.integers(min_value=1, max_value=60),
    kind=st.sampled_from(["traces", "spans", "sessions"]),
)
def test_galileo_paging_yields_every_record_once(
    running: Running, galileo_http: httpx.Client, limit: int, kind: str
) -> None:
    records: list[dict[str, Any]] = []
    token: int | None = 0
    while token is not None:
        page = galileo_http.post(
            f"{PROJECT_PATH}/{kind}/search",
            json={"log_stream_id": GALILEO_LOG_STREAM_ID, "limit": limit, "starting_token": token},
        ).json()
        assert len(page["records"]) <= limit
        records.extend(page["records"])
        token = page["next_starting_token"]
    run = running.emulator.data.galileo_runs[GALILEO_LOG_STREAM_ID]
    assert [r["id"] for r in records] == [r["id"] for r in run.of_kind(kind[:-1])]


def test_next_and_previous_are_absolute_urls_back_to_the_emulator(
    running: Running, respan_http: httpx.Client
) -> None:
    page = respan_http.get(f"{TRACES}?page=2&page_size=10&sort_by=-total_cost").json()
    assert page["count"] == 61
    assert page["next"].startswith(running.base_url + TRACES)
    assert "page=3" in page["next"] and "sort_by=-total_cost" in page["next"]
    assert "page=1" in page["previous"]
    assert respan_http.get(page["next"]).status_code == 200


def test_a_page_past_the_last_is_404_invalid_page(respan_http: httpx.Client) -> None:
    last = respan_http.get(f"{TRACES}?page=7&page_size=10").json()
    assert last["next"] is None and len(last["results"]) == 1
    past = respan_http.get(f"{TRACES}?page=8&page_size=10")
    assert past.status_code == 404
    assert past.json() == {"detail": "Invalid page."}


def test_an_empty_result_is_one_empty_page(respan_http: httpx.Client) -> None:
    body = {"filters": {"status": {"operator": "", "value": ["no-such-status"]}}}
    page = respan_http.post(f"{TRACES}list/", json=body).json()
    assert page == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
        "current_filters": body["filters"],
    }


def test_time_window_is_start_inclusive_end_exclusive(
    running: Running, respan_http: httpx.Client
) -> None:
    rows = list(running.emulator.data.experiment_traces[SEED_TRACE_EXPERIMENT])
    start, end = rows[10]["start_time"], rows[5]["start_time"]  # newest first
    got = walk_respan(
        respan_http, "GET", f"{TRACES}?start_time={start}&end_time={end}".replace("+", "%2B")
    )
    assert [r["id"] for r in got] == [r["id"] for r in rows[6:11]]


def test_organization_spans_count_is_the_page_size_and_default_window_is_the_last_hour(
    respan_http: httpx.Client,
) -> None:
    window = "start_time=2025-05-01T00:00:00Z&end_time=2025-07-01T00:00:00Z"
    first = respan_http.post(f"/api/request-logs/list/?page_size=30&{window}", json={}).json()
    assert first["count"] == 30 and first["next"]
    rows = walk_respan(respan_http, "POST", f"/api/request-logs/list/?page_size=30&{window}", {})
    assert len(rows) == 70
    recent = respan_http.post("/api/request-logs/list/", json={}).json()
    assert recent["results"] == []  # generated data is older than an hour
    traces = respan_http.post(f"/api/traces/list/?page_size=1000&{window}", json={}).json()
    assert traces["count"] == 30  # on traces, count is the total


# -- documented errors ----------------------------------------------------------------------

ERRORS: dict[str, tuple[str, str, dict[str, Any], Any, int, dict[str, Any]]] = {
    "respan: no key": ("respan", "GET", {}, "/api/v2/experiments/", 401,
                       {"detail": "Authentication credentials were not provided."}),
    "respan: wrong key": ("respan", "GET", {"Authorization": "Bearer nope"}, "/api/v2/experiments/", 401,
                          {"detail": "Invalid API key."}),
    "respan: page_size 0": ("respan", "GET", None, f"{TRACES}?page_size=0", 400,
                            {"detail": "Invalid page_size: Ensure this value is greater than or equal to 1.",
                             "errors": {"page_size": ["Ensure this value is greater than or equal to 1."]}}),
    "respan: page_size 101": ("respan", "GET", None, f"{TRACES}?page_size=101", 400,
                              {"detail": "Invalid page_size: Ensure this value is less than or equal to 100.",
                               "errors": {"page_size": ["Ensure this value is less than or equal to 100."]}}),
    "respan: page_size 1001 on spans": ("respan", "POST", None, "/api/request-logs/list/?page_size=1001", 400,
                                        {"detail": "Invalid page_size: Ensure this value is less than or equal to 1000.",
                                         "errors": {"page_size": ["Ensure this value is less than or equal to 1000."]}}),
    "respan: page 0": ("respan", "GET", None, f"{TRACES}?page=0", 400,
                       {"detail": "Invalid page: Ensure this value is greater than or equal to 1.",
                        "errors": {"page": ["Ensure this value is greater than or equal to 1."]}}),
    "respan: bad start_time": ("respan", "GET", None, f"{TRACES}?start_time=yesterday", 400,
                               {"detail": "Invalid start_time: Datetime has wrong format. Use ISO 8601.",
                                "errors": {"start_time": ["Datetime has wrong format. Use ISO 8601."]}}),
    "respan: unknown sort field": ("respan", "GET", None, f"{TRACES}?sort_by=-colour", 400,
                                   {"detail": "Invalid sort_by: Cannot sort by 'colour'.",
                                    "errors": {"sort_by": ["Cannot sort by 'colour'."]}}),
    "respan: unknown experiment": ("respan", "GET", None, "/api/v2/experiments/exp_nope/", 404, {"detail": "Not found."}),
    "respan: unknown experiment's traces": ("respan", "POST", None, "/api/v2/experiments/exp_nope/logs/list/", 404,
                                            {"detail": "Not found."}),
    "respan: unknown dataset": ("respan", "GET", None, "/api/datasets/ds_nope/logs/list/", 404,
                                {"detail": "Dataset not found."}),
    "respan: unknown trace": ("respan", "GET", None, f"{TRACES}tr_nope/", 404, {"detail": "Not found."}),
    "respan: unknown evaluator": ("respan", "GET", None,
                                  f"/api/v2/experiments/{SEED_TRACE_EXPERIMENT}/histogram/?evaluator_id=ev_nope", 404,
                                  {"detail": "Evaluator not found."}),
    "respan: bins 51": ("respan", "GET", None,
                        f"/api/v2/experiments/{SEED_TRACE_EXPERIMENT}/histogram/?evaluator_id=ev_relevance&bins=51",
                        400, {"detail": "Invalid bins: Ensure this value is less than or equal to 50.",
                              "errors": {"bins": ["Ensure this value is less than or equal to 50."]}}),
    "galileo: no key": ("galileo", "GET", {}, "/v2/projects", 401, {"detail": "Not authenticated"}),
    "galileo: wrong key": ("galileo", "GET", {"Galileo-API-Key": "nope"}, "/v2/projects", 401,
                           {"detail": "Invalid API key"}),
    "galileo: unknown project": ("galileo", "GET", None,
                                 "/v2/projects/00000000-0000-4000-8000-000000000000/log_streams", 404,
                                 {"detail": "Project not found"}),
    "galileo: project id not a uuid": ("galileo", "GET", None, "/v2/projects/support-bot/log_streams", 422,
                                       {"detail": [{"loc": ["path", "project_id"], "msg": "Input should be a valid UUID",
                                                    "type": "uuid_parsing", "input": "support-bot"}]}),
}  # fmt: skip


@pytest.mark.parametrize(
    ("service", "method", "headers", "url", "status", "body"), ERRORS.values(), ids=ERRORS.keys()
)
def test_documented_error(
    running: Running,
    respan_http: httpx.Client,
    galileo_http: httpx.Client,
    service: str,
    method: str,
    headers: dict[str, str] | None,
    url: str,
    status: int,
    body: dict[str, Any],
) -> None:
    if headers is None:
        client = respan_http if service == "respan" else galileo_http
        response = client.request(method, url)
    else:
        response = httpx.request(method, running.base_url + url, headers=headers)
    assert response.status_code == status
    assert response.json() == body


GALILEO_422: dict[str, tuple[str, dict[str, Any], Any]] = {
    "two ids": ("traces/search", {"log_stream_id": GALILEO_LOG_STREAM_ID, "experiment_id": GALILEO_EXPERIMENT_ID},
                "Exactly one of log_stream_id, experiment_id or metrics_testing_id is required."),
    "no id": ("traces/count", {}, "Exactly one of log_stream_id, experiment_id or metrics_testing_id is required."),
    "id not a uuid": ("spans/search", {"log_stream_id": "stream-1"},
                      [{"loc": ["body", "log_stream_id"], "msg": "Input should be a valid UUID", "type": "uuid_parsing",
                        "input": "stream-1"}]),
    "negative starting_token": ("spans/search", {"log_stream_id": GALILEO_LOG_STREAM_ID, "starting_token": -1},
                                [{"loc": ["body", "starting_token"], "msg": "Input should be greater than or equal to 0",
                                  "type": "greater_than_equal", "input": -1}]),
    "unknown column": ("traces/search", {"log_stream_id": GALILEO_LOG_STREAM_ID,
                                         "filters": [{"type": "text", "column_id": "colour", "operator": "eq", "value": "x"}]},
                       [{"loc": ["body", "filters", 0, "column_id"], "msg": "filters[0].column_id: unknown column 'colour'",
                         "type": "value_error"}]),
    "operator the type lacks": ("traces/search", {"log_stream_id": GALILEO_LOG_STREAM_ID,
                                                  "filters": [{"type": "date", "column_id": "created_at", "operator": "between",
                                                               "value": "2025-01-01T00:00:00Z"}]},
                                [{"loc": ["body", "filters", 0, "operator"],
                                  "msg": "filters[0].operator: 'between' is not a date operator", "type": "value_error"}]),
    "bad root_type": ("export_records", {"log_stream_id": GALILEO_LOG_STREAM_ID, "root_type": "record"},
                      [{"loc": ["body", "root_type"], "msg": "Input should be 'session', 'trace' or 'span'", "type": "enum",
                        "input": "record"}]),
    "computed metrics with jsonl_flat": ("export_records", {"log_stream_id": GALILEO_LOG_STREAM_ID, "root_type": "span",
                                                            "export_format": "jsonl_flat", "export_computed_metrics_only": True},
                                         "export_computed_metrics_only cannot be used with jsonl_flat."),
}  # fmt: skip


@pytest.mark.parametrize(("route", "body", "detail"), GALILEO_422.values(), ids=GALILEO_422.keys())
def test_galileo_validation_errors(
    galileo_http: httpx.Client, route: str, body: Any, detail: Any
) -> None:
    response = galileo_http.post(f"{PROJECT_PATH}/{route}", json=body)
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_galileo_unknown_log_stream_is_404(galileo_http: httpx.Client) -> None:
    body = {"log_stream_id": "00000000-0000-4000-8000-000000000000", "root_type": "trace"}
    response = galileo_http.post(f"{PROJECT_PATH}/export_records", json=body)
    assert response.status_code == 404
    assert response.json() == {"detail": "Log stream not found"}


def test_respan_rejects_unknown_filter_fields_where_it_documents_400(
    respan_http: httpx.Client,
) -> None:
    body = {"filters": {"colour": {"operator": "", "value": ["red"]}}}
    for url in (f"{TRACES}list/", "/api/v2/experiments/list/", "/api/traces/list/"):
        response = respan_http.post(url, json=body)
        assert response.status_code == 400, url
        assert response.json()["detail"] == "Unknown filter field: colour"


def test_respan_create_validation_is_422_with_field_errors(respan_http: httpx.Client) -> None:
    response = respan_http.post(
        "/api/v2/experiments/",
        json={
            "workflow": [{"type": "teleport"}],
            "evaluator_ids": ["a"],
            "evaluator_workflow_ids": ["b"],
        },
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Invalid input.",
        "errors": {
            "dataset_id": ["This field is required."],
            "workflow": [
                "Step 0: type must be one of prompt, completion, eval, condition, wait, duplicate."
            ],
            "evaluator_ids": ["Give evaluator_ids or evaluator_workflow_ids, not both."],
        },
    }


def test_respan_resume_needs_input_and_output(respan_http: httpx.Client) -> None:
    response = respan_http.patch(f"{TRACES}tr_123_0000001/", json={"output": "a"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"input": ["This field is required."]}


def test_respan_413_for_a_body_over_the_limit(emulator: Any, respan_http: httpx.Client) -> None:
    emulator.controls.max_body_bytes = 1000
    big = {
        "filters": {"comparison_key": {"operator": "in", "value": [f"key{i}" for i in range(200)]}}
    }
    response = respan_http.post(f"{TRACES}list/", json=big)
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_respan_malformed_json_is_400(respan_http: httpx.Client) -> None:
    response = respan_http.post(
        f"{TRACES}list/", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
