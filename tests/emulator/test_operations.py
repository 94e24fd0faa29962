"""The generated clients can do everything in their specs against the emulator, and every
answer conforms to the spec (status documented, body valid against its schema)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from uuid import UUID

import httpx
import pytest

from galileo_client.api.export import export_records
from galileo_client.api.projects import list_experiments as gl_list_experiments
from galileo_client.api.projects import list_log_streams, list_projects
from galileo_client.api.records import (
    count_sessions,
    count_spans,
    count_traces,
    get_session_columns,
    get_span_columns,
    get_trace_columns,
    search_sessions,
    search_spans,
    search_traces,
)
from galileo_client.models import (
    AvailableColumnsRequest,
    LogRecordsCountRequest,
    LogRecordsExportRequest,
    LogRecordsQueryRequest,
    RootType,
)
from respan_client.api.datasets import list_dataset_spans, list_dataset_spans_get
from respan_client.api.experiment_traces import (
    export_experiment_traces,
    filter_experiment_trace_summary,
    filter_experiment_traces,
    get_experiment_trace_summary,
    list_experiment_traces,
    resume_experiment_trace,
    retrieve_experiment_trace,
)
from respan_client.api.experiments import (
    create_experiment,
    delete_experiment,
    filter_experiment_score_histogram,
    filter_experiments,
    filter_experiments_summary,
    get_experiment_score_histogram,
    get_experiments_summary,
    list_experiments,
    list_experiments_filtered,
    replace_experiment,
    retrieve_experiment,
    update_experiment,
)
from respan_client.api.logs import list_spans, list_traces
from respan_client.models import (
    DatasetSpanFilterRequest,
    ExperimentCreate,
    ExperimentUpdate,
    FilterRequest,
    ListFilterRequest,
    LogFilterRequest,
    ResumeTraceRequest,
    TruthyFlag,
    WorkflowStep,
)
from tracebridge.emulator import Running
from tracebridge.emulator.data import (
    GALILEO_EXPERIMENT_ID,
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_DATASET,
    SEED_TRACE_EXPERIMENT,
)

from ..generated.specs import operations
from ..support import Conformance, raw_galileo, raw_respan

PROJECT = UUID(GALILEO_PROJECT_ID)
STREAM = UUID(GALILEO_LOG_STREAM_ID)
WINDOW = {
    "start_time": datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC),
    "end_time": datetime.datetime(2025, 7, 1, tzinfo=datetime.UTC),
}
Call = Callable[[Any], Any]
EXP = SEED_TRACE_EXPERIMENT

RESPAN_CALLS: dict[str, tuple[Call, int]] = {
    "list_experiments": (lambda c: list_experiments.sync_detailed(client=c, page_size=2), 200),
    "list_experiments_filtered": (
        lambda c: list_experiments_filtered.sync_detailed(client=c, sort_by="name"),
        200,
    ),
    "filter_experiments": (
        lambda c: filter_experiments.sync_detailed(
            client=c,
            body=FilterRequest.from_dict(
                {"filters": {"status": {"operator": "", "value": ["completed"]}}}
            ),
        ),
        200,
    ),
    "get_experiments_summary": (lambda c: get_experiments_summary.sync_detailed(client=c), 200),
    "filter_experiments_summary": (
        lambda c: filter_experiments_summary.sync_detailed(client=c, body=FilterRequest()),
        200,
    ),
    "create_experiment": (
        lambda c: create_experiment.sync_detailed(
            client=c,
            body=ExperimentCreate(
                dataset_id=SEED_DATASET, workflow=[WorkflowStep(type_="prompt")], name="made"
            ),
        ),
        201,
    ),
    "retrieve_experiment": (lambda c: retrieve_experiment.sync_detailed(EXP, client=c), 200),
    "replace_experiment": (
        lambda c: replace_experiment.sync_detailed(
            "exp_0003",
            client=c,
            body=ExperimentCreate(dataset_id=SEED_DATASET, workflow=[WorkflowStep(type_="eval")]),
        ),
        200,
    ),
    "update_experiment": (
        lambda c: update_experiment.sync_detailed(
            "exp_0002", client=c, body=ExperimentUpdate(name="renamed")
        ),
        200,
    ),
    "delete_experiment": (lambda c: delete_experiment.sync_detailed("exp_0001", client=c), 204),
    "list_experiment_traces": (
        lambda c: list_experiment_traces.sync_detailed(
            EXP, client=c, page=2, page_size=10, detail=TruthyFlag.ONE, preview_length=12, **WINDOW
        ),
        200,
    ),
    "export_experiment_traces": (
        lambda c: export_experiment_traces.sync_detailed(
            EXP,
            client=c,
            body=ListFilterRequest.from_dict(
                {"filters": [{"field": "status", "operator": "=", "value": "success"}]}
            ),
        ),
        202,
    ),
    "filter_experiment_traces": (
        lambda c: filter_experiment_traces.sync_detailed(
            EXP,
            client=c,
            sort_by="-total_cost",
            body=FilterRequest.from_dict(
                {"filters": {"total_cost": {"operator": "gt", "value": [0.001]}}}
            ),
        ),
        200,
    ),
    "get_experiment_trace_summary": (
        lambda c: get_experiment_trace_summary.sync_detailed(EXP, client=c),
        200,
    ),
    "filter_experiment_trace_summary": (
        lambda c: filter_experiment_trace_summary.sync_detailed(
            EXP,
            client=c,
            body=FilterRequest.from_dict(
                {"filters": {"status": {"operator": "", "value": ["error"]}}}
            ),
        ),
        200,
    ),
    "retrieve_experiment_trace": (
        lambda c: retrieve_experiment_trace.sync_detailed(EXP, "trace_789abc", client=c),
        200,
    ),
    "resume_experiment_trace": (
        lambda c: resume_experiment_trace.sync_detailed(
            EXP, "tr_123_0000004", client=c, body=ResumeTraceRequest(input_="q", output="a")
        ),
        200,
    ),
    "get_experiment_score_histogram": (
        lambda c: get_experiment_score_histogram.sync_detailed(
            EXP, client=c, evaluator_id="ev_relevance:grader", bins=5
        ),
        200,
    ),
    "filter_experiment_score_histogram": (
        lambda c: filter_experiment_score_histogram.sync_detailed(
            EXP, client=c, evaluator_id="faithfulness", body=FilterRequest()
        ),
        200,
    ),
    "list_dataset_spans_get": (
        lambda c: list_dataset_spans_get.sync_detailed(SEED_DATASET, client=c, sort_by="-cost"),
        200,
    ),
    "list_dataset_spans": (
        lambda c: list_dataset_spans.sync_detailed(
            SEED_DATASET,
            client=c,
            body=DatasetSpanFilterRequest.from_dict(
                {"filters": {"model": "gpt-4", "created_at": {"gte": "2024-01-01T00:00:00Z"}}}
            ),
        ),
        200,
    ),
    "list_spans": (
        lambda c: list_spans.sync_detailed(
            client=c, page_size=20, body=LogFilterRequest(), **WINDOW
        ),
        200,
    ),
    "list_traces": (
        lambda c: list_traces.sync_detailed(client=c, body=LogFilterRequest(), **WINDOW),
        200,
    ),
}

GALILEO_CALLS: dict[str, tuple[Call, int]] = {
    "list_projects": (
        lambda c: list_projects.sync_detailed(client=c, project_name="support-bot"),
        200,
    ),
    "list_log_streams": (lambda c: list_log_streams.sync_detailed(PROJECT, client=c), 200),
    "list_experiments": (lambda c: gl_list_experiments.sync_detailed(PROJECT, client=c), 200),
    "export_records": (
        lambda c: export_records.sync_detailed(
            PROJECT,
            client=c,
            body=LogRecordsExportRequest(root_type=RootType.SPAN, log_stream_id=STREAM),
        ),
        200,
    ),
    **{
        f"search_{plural}": (
            lambda c, op=op: op.sync_detailed(
                PROJECT, client=c, body=LogRecordsQueryRequest(log_stream_id=STREAM, limit=7)
            ),
            200,
        )
        for plural, op in (
            ("traces", search_traces),
            ("spans", search_spans),
            ("sessions", search_sessions),
        )
    },
    **{
        f"count_{plural}": (
            lambda c, op=op: op.sync_detailed(
                PROJECT,
                client=c,
                body=LogRecordsCountRequest(experiment_id=UUID(GALILEO_EXPERIMENT_ID)),
            ),
            200,
        )
        for plural, op in (
            ("traces", count_traces),
            ("spans", count_spans),
            ("sessions", count_sessions),
        )
    },
    **{
        f"get_{kind}_columns": (
            lambda c, op=op: op.sync_detailed(
                PROJECT, client=c, body=AvailableColumnsRequest(log_stream_id=STREAM)
            ),
            200,
        )
        for kind, op in (
            ("trace", get_trace_columns),
            ("span", get_span_columns),
            ("session", get_session_columns),
        )
    },
}


def test_every_operation_of_both_specs_is_exercised() -> None:
    assert {op["operationId"] for _, _, op in operations("respan")} == set(RESPAN_CALLS)
    assert {op["operationId"] for _, _, op in operations("galileo")} == set(GALILEO_CALLS)


@pytest.mark.parametrize(
    ("service", "operation_id"),
    [("respan", name) for name in RESPAN_CALLS] + [("galileo", name) for name in GALILEO_CALLS],
)
def test_operation_against_the_emulator(
    fresh: Running, conformance: dict[str, Conformance], service: str, operation_id: str
) -> None:
    calls = RESPAN_CALLS if service == "respan" else GALILEO_CALLS
    call, expected_status = calls[operation_id]
    seen: list[httpx.Response] = []

    def keep(response: httpx.Response) -> None:
        response.read()
        seen.append(response)

    hooks = {"event_hooks": {"response": [keep]}}
    client = raw_respan(fresh, **hooks) if service == "respan" else raw_galileo(fresh, **hooks)
    response = call(client)

    assert response.status_code == expected_status, response.content[:300]
    if expected_status != 204:
        assert response.parsed is not None
    assert len(seen) == 1
    conformance[service].check(seen[0])


def test_the_conformance_check_catches_a_wrong_body_and_an_undocumented_status(
    conformance: dict[str, Conformance],
) -> None:
    url = f"https://x/api/v2/experiments/{EXP}/logs/list/"
    wrong_body = httpx.Response(
        200, json={"count": "many", "results": []}, request=httpx.Request("POST", url)
    )
    with pytest.raises(Exception, match="'many' is not of type 'integer'"):
        conformance["respan"].check(wrong_body)
    undocumented = httpx.Response(418, json={}, request=httpx.Request("POST", url))
    with pytest.raises(AssertionError, match="undocumented 418"):
        conformance["respan"].check(undocumented)


def test_the_seed_pages_examples_are_served_verbatim(respan_http: httpx.Client) -> None:
    from tracebridge.emulator.data import SEED_EXPERIMENT, SEED_SPAN, SEED_TRACE

    experiments = respan_http.get("/api/v2/experiments/?page_size=100").json()["results"]
    assert experiments[-1] == SEED_EXPERIMENT
    traces = respan_http.post(
        f"/api/v2/experiments/{EXP}/logs/list/?page=7&page_size=10", json={}
    ).json()
    assert traces["results"][-1] == SEED_TRACE
    spans = respan_http.get(f"/api/datasets/{SEED_DATASET}/logs/list/?page_size=100").json()[
        "results"
    ]
    assert spans[-1] == SEED_SPAN


def test_include_fields_keeps_each_row_identity(respan_http: httpx.Client) -> None:
    """Found by schemathesis: include_fields naming no field gave rows `{}`, which the spec
    forbids (a trace requires its id). Whatever is asked, the id stays; the rest is as asked."""
    window = "start_time=2000-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z"
    answer = respan_http.post(f"/api/traces/list/?include_fields=nope&{window}", json={})
    rows = answer.json()["results"]
    assert rows and all(set(row) == {"id"} for row in rows)
    some = respan_http.post(f"/api/traces/list/?include_fields=name,status&{window}", json={})
    assert all(set(row) <= {"id", "name", "status"} for row in some.json()["results"])
