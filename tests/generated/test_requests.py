"""The generated operations send the documented method, path, query, body and auth header.

Each case calls a generated operation through an AuthenticatedClient whose transport is an
httpx.MockTransport that records the request and answers with a canned response."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import galileo_client
import httpx
import pytest
import respan_client
from galileo_client.api.export import export_records
from galileo_client.api.records import count_spans, get_trace_columns, search_traces
from galileo_client.models import (
    AndNode,
    DateOperator,
    FilterLeaf,
    LogRecordsCountRequest,
    LogRecordsDateFilter,
    LogRecordsExportRequest,
    LogRecordsNumberFilter,
    LogRecordsQueryRequest,
    LogRecordsTextFilter,
    NotNode,
    NumberOperator,
    RootType,
    SortClause,
    TextOperator,
)
from galileo_client.models import ExportFormat as GalileoExportFormat
from respan_client.api.datasets import list_dataset_spans
from respan_client.api.experiment_traces import (
    export_experiment_traces,
    filter_experiment_traces,
    list_experiment_traces,
    resume_experiment_trace,
)
from respan_client.api.experiments import (
    create_experiment,
    delete_experiment,
    get_experiment_score_histogram,
)
from respan_client.api.logs import list_spans
from respan_client.models import (
    DatasetSpanFilterRequest,
    DatasetSpanFilterRequestExportFormat,
    ExperimentCreate,
    ExportMessage,
    FilterCondition,
    FilterOperator,
    FilterRequest,
    Filters,
    ListFilter,
    ListFilterOperator,
    ListFilterRequest,
    LogFilterRequest,
    LogFilterRequestOperator,
    ResumeTraceRequest,
    TruthyFlag,
    WorkflowStep,
)

RESPAN_KEY = "rs-test-key-0001"
GALILEO_KEY = "gl-test-key-0002"
PROJECT = "0f8b2c2e-7d1a-4c38-9a51-3e7c1d2b9a10"
STREAM = "5b7a8a9e-3c1d-4f2e-8b6a-9d0c1e2f3a4b"
EXPERIMENT = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
EMPTY_PAGE = {"count": 0, "next": None, "previous": None, "results": []}


@dataclass
class Recorder:
    """A MockTransport handler that keeps every request and answers one canned response."""

    status: int = 200
    answer: Any = field(default_factory=lambda: EMPTY_PAGE)
    content_type: str = "application/json"
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if isinstance(self.answer, bytes):
            return httpx.Response(
                self.status, content=self.answer, headers={"content-type": self.content_type}
            )
        if self.answer is None:
            return httpx.Response(self.status)
        return httpx.Response(self.status, json=self.answer)

    @property
    def only(self) -> httpx.Request:
        assert len(self.requests) == 1
        return self.requests[0]


def respan(recorder: Recorder) -> respan_client.AuthenticatedClient:
    return respan_client.AuthenticatedClient(
        base_url="https://api.respan.ai",
        token=RESPAN_KEY,
        httpx_args={"transport": httpx.MockTransport(recorder)},
    )


def galileo(recorder: Recorder) -> galileo_client.AuthenticatedClient:
    return galileo_client.AuthenticatedClient(
        base_url="https://api.galileo.ai",
        token=GALILEO_KEY,
        prefix="",
        auth_header_name="Galileo-API-Key",
        httpx_args={"transport": httpx.MockTransport(recorder)},
    )


def standard_filters(conditions: dict[str, Any]) -> Filters:
    filters = Filters()
    for key, value in conditions.items():
        filters[key] = value
    return filters


@dataclass
class Case:
    call: Callable[[Recorder], Any]
    method: str
    path: str
    query: dict[str, str]
    body: Any
    service: str = "respan"
    answer: Any = field(default_factory=lambda: EMPTY_PAGE)
    status: int = 200


CASES = {
    "respan export POST with list-format filters": Case(
        call=lambda r: export_experiment_traces.sync_detailed(
            "exp_123",
            client=respan(r),
            export=TruthyFlag.ONE,
            body=ListFilterRequest(
                filters=[
                    ListFilter(field="status", operator=ListFilterOperator.EQ, value="completed"),
                    ListFilter(
                        field="comparison_key", operator=ListFilterOperator.IN, value=["k1", "k2"]
                    ),
                ]
            ),
        ),
        method="POST",
        path="/api/v2/experiments/exp_123/logs/",
        query={"export": "1", "page": "1", "page_size": "100"},  # the spec's defaults, sent
        body={
            "filters": [
                {"field": "status", "operator": "=", "value": "completed"},
                {"field": "comparison_key", "operator": "in", "value": ["k1", "k2"]},
            ]
        },
        answer={"message": "Exporting experiment logs. Check your email for the download link."},
        status=202,
    ),
    "respan export GET with export=1 and a time window": Case(
        call=lambda r: list_experiment_traces.sync_detailed(
            "exp_123",
            client=respan(r),
            export=TruthyFlag.TRUE,
            start_time=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
            end_time=datetime.datetime(2025, 1, 31, 23, 59, 59, tzinfo=datetime.UTC),
        ),
        method="GET",
        path="/api/v2/experiments/exp_123/logs/",
        query={
            "export": "true",
            "page": "1",
            "page_size": "100",
            "start_time": "2025-01-01T00:00:00+00:00",
            "end_time": "2025-01-31T23:59:59+00:00",
        },
        body=None,
        answer={"message": "Exporting experiment logs."},
        status=202,
    ),
    "respan filter traces: range, metadata, paging and sort": Case(
        call=lambda r: filter_experiment_traces.sync_detailed(
            "exp 1/2",
            client=respan(r),
            page=2,
            page_size=100,
            sort_by="-start_time",
            body=FilterRequest(
                filters=standard_filters(
                    {
                        "total_cost": [
                            FilterCondition(operator=FilterOperator.GTE, value=[0.001]),
                            FilterCondition(operator=FilterOperator.LT, value=[0.01]),
                        ],
                        "metadata__user_id": FilterCondition(
                            operator=FilterOperator.EQ, value=["u1"]
                        ),
                    }
                )
            ),
        ),
        method="POST",
        path="/api/v2/experiments/exp%201%2F2/logs/list/",
        query={"page": "2", "page_size": "100", "sort_by": "-start_time"},
        body={
            "filters": {
                "total_cost": [
                    {"operator": "gte", "value": [0.001]},
                    {"operator": "lt", "value": [0.01]},
                ],
                "metadata__user_id": {"operator": "", "value": ["u1"]},
            },
            "is_exporting": False,  # the spec's default, sent by a model built in code
        },
    ),
    "respan dataset span filter with export": Case(
        call=lambda r: list_dataset_spans.sync_detailed(
            "_saved_logs",
            client=respan(r),
            page_size=50,
            include_fields="id,model,cost",
            body=DatasetSpanFilterRequest(
                filters=standard_filters(
                    {
                        "model": FilterCondition(
                            operator=FilterOperator.IN, value=["gpt-4", "gpt-4o"]
                        )
                    }
                ),
                is_exporting=True,
                export_format=DatasetSpanFilterRequestExportFormat.JSONL,
            ),
        ),
        method="POST",
        path="/api/datasets/_saved_logs/logs/list/",
        query={
            "page": "1",
            "page_size": "50",
            "sort_by": "unique_id",
            "include_fields": "id,model,cost",
        },
        body={
            "filters": {"model": {"operator": "in", "value": ["gpt-4", "gpt-4o"]}},
            "is_exporting": True,
            "export_format": ".jsonl",
        },
        answer={"message": "Export started."},
    ),
    "respan organization spans with page_size 1000": Case(
        call=lambda r: list_spans.sync_detailed(
            client=respan(r),
            page_size=1000,
            environment="production",
            body=LogFilterRequest(
                filters=standard_filters(
                    {"cost": FilterCondition(operator=FilterOperator.GT, value=[0.01])}
                ),
                operator=LogFilterRequestOperator.AND,
            ),
        ),
        method="POST",
        path="/api/request-logs/list/",
        query={
            "page": "1",
            "page_size": "1000",
            "sort_by": "-timestamp",
            "environment": "production",
        },
        body={"filters": {"cost": {"operator": "gt", "value": [0.01]}}, "operator": "AND"},
    ),
    "respan create experiment": Case(
        call=lambda r: create_experiment.sync_detailed(
            client=respan(r),
            body=ExperimentCreate(
                dataset_id="ds_1",
                workflow=[WorkflowStep(type_="prompt")],
                evaluator_slugs=["relevance"],
            ),
        ),
        method="POST",
        path="/api/v2/experiments/",
        query={},
        body={
            "dataset_id": "ds_1",
            "workflow": [{"type": "prompt"}],
            "evaluator_slugs": ["relevance"],
        },
        answer={
            "id": "exp_9",
            "name": "",
            "status": "running",
            "created_at": "2025-01-01T00:00:00Z",
        },
        status=201,
    ),
    "respan delete experiment answers 204 with no body": Case(
        call=lambda r: delete_experiment.sync_detailed("exp_9", client=respan(r)),
        method="DELETE",
        path="/api/v2/experiments/exp_9/",
        query={},
        body=None,
        answer=None,
        status=204,
    ),
    "respan histogram query": Case(
        call=lambda r: get_experiment_score_histogram.sync_detailed(
            "exp_1", client=respan(r), evaluator_id="ev_1:grader", bins=50
        ),
        method="GET",
        path="/api/v2/experiments/exp_1/histogram/",
        query={"evaluator_id": "ev_1:grader", "bins": "50"},
        body=None,
        answer={"evaluator_id": "ev_1", "bins": [], "stats": {"total": 0}},
    ),
    "respan resume a wait trace": Case(
        call=lambda r: resume_experiment_trace.sync_detailed(
            "exp_1", "log_7", client=respan(r), body=ResumeTraceRequest(input_="q", output="a")
        ),
        method="PATCH",
        path="/api/v2/experiments/exp_1/logs/log_7/",
        query={},
        body={"input": "q", "output": "a"},
        answer={"id": "log_7", "status": "running"},
    ),
    "galileo export_records with three filter types and a sort": Case(
        call=lambda r: export_records.sync_detailed(
            PROJECT,  # type: ignore[arg-type]
            client=galileo(r),
            body=LogRecordsExportRequest(
                root_type=RootType.TRACE,
                experiment_id=EXPERIMENT,  # type: ignore[arg-type]
                filters=[
                    LogRecordsTextFilter(
                        column_id="input",
                        operator=TextOperator.CONTAINS,
                        value="refund",
                        case_sensitive=False,
                        type_="text",
                    ),
                    LogRecordsNumberFilter(
                        column_id="metrics/duration_ns",
                        operator=NumberOperator.BETWEEN,
                        value=[1e9, 5e9],
                        type_="number",
                    ),
                    LogRecordsDateFilter(
                        column_id="created_at",
                        operator=DateOperator.GTE,
                        value="2025-01-01T00:00:00Z",
                        type_="date",
                    ),
                ],
                sort=SortClause(column_id="created_at", ascending=True, sort_type="column"),
                export_format=GalileoExportFormat.JSONL_FLAT,
                redact=False,
            ),
        ),
        method="POST",
        path=f"/v2/projects/{PROJECT}/export_records",
        query={},
        body={
            "root_type": "trace",
            "experiment_id": EXPERIMENT,
            "filters": [
                {
                    "column_id": "input",
                    "operator": "contains",
                    "value": "refund",
                    "case_sensitive": False,
                    "type": "text",
                },
                {
                    "column_id": "metrics/duration_ns",
                    "operator": "between",
                    "value": [1e9, 5e9],
                    "type": "number",
                },
                {
                    "column_id": "created_at",
                    "operator": "gte",
                    "value": "2025-01-01T00:00:00Z",
                    "type": "date",
                },
            ],
            "sort": {"column_id": "created_at", "ascending": True, "sort_type": "column"},
            "export_format": "jsonl_flat",
            "redact": False,
            "export_computed_metrics_only": False,
            "include_code_metric_metadata": False,
        },
        service="galileo",
        answer=b'{"id": "a"}\n{"id": "b"}\n',
    ),
    "galileo search with a filter tree": Case(
        call=lambda r: search_traces.sync_detailed(
            PROJECT,  # type: ignore[arg-type]
            client=galileo(r),
            body=LogRecordsQueryRequest(
                log_stream_id=STREAM,  # type: ignore[arg-type]
                starting_token=200,
                limit=100,
                filter_tree=AndNode(
                    and_=[
                        FilterLeaf(
                            filter_=LogRecordsNumberFilter(
                                column_id="metrics/duration_ns",
                                operator=NumberOperator.GT,
                                value=1e9,
                                type_="number",
                            )
                        ),
                        NotNode(
                            not_=FilterLeaf(
                                filter_=LogRecordsTextFilter(
                                    column_id="name",
                                    operator=TextOperator.CONTAINS,
                                    value="tool",
                                    type_="text",
                                )
                            )
                        ),
                    ]
                ),
            ),
        ),
        method="POST",
        path=f"/v2/projects/{PROJECT}/traces/search",
        query={},
        body={
            "log_stream_id": STREAM,
            "starting_token": 200,
            "limit": 100,
            "filter_tree": {
                "and": [
                    {
                        "filter": {
                            "column_id": "metrics/duration_ns",
                            "operator": "gt",
                            "value": 1e9,
                            "type": "number",
                        }
                    },
                    {
                        "not": {
                            "filter": {
                                "column_id": "name",
                                "operator": "contains",
                                "value": "tool",
                                "case_sensitive": True,
                                "type": "text",
                            }
                        }
                    },
                ]
            },
            "truncate_fields": False,
            "include_counts": False,
            "include_code_metric_metadata": False,
        },
        service="galileo",
        answer={"records": [], "next_starting_token": None},
    ),
    "galileo count spans": Case(
        call=lambda r: count_spans.sync_detailed(
            PROJECT,  # type: ignore[arg-type]
            client=galileo(r),
            body=LogRecordsCountRequest(experiment_id=EXPERIMENT),  # type: ignore[arg-type]
        ),
        method="POST",
        path=f"/v2/projects/{PROJECT}/spans/count",
        query={},
        body={"experiment_id": EXPERIMENT},
        service="galileo",
        answer={"total_count": 3},
    ),
    "galileo available columns of traces": Case(
        call=lambda r: get_trace_columns.sync_detailed(
            PROJECT,  # type: ignore[arg-type]
            client=galileo(r),
            body=galileo_client.models.AvailableColumnsRequest(log_stream_id=STREAM),  # type: ignore[arg-type]
        ),
        method="POST",
        path=f"/v2/projects/{PROJECT}/traces/available_columns",
        query={},
        body={"log_stream_id": STREAM},
        service="galileo",
        answer={"columns": []},
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_operation_sends_the_documented_request(case: Case) -> None:
    recorder = Recorder(status=case.status, answer=case.answer)
    response = case.call(recorder)
    request = recorder.only

    assert request.method == case.method
    assert request.url.raw_path.decode().split("?")[0] == case.path
    assert dict(parse_qsl(request.url.query.decode())) == case.query
    if case.body is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == case.body

    if case.service == "respan":
        assert request.headers["authorization"] == f"Bearer {RESPAN_KEY}"
        assert "galileo-api-key" not in request.headers
    else:
        assert request.headers["galileo-api-key"] == GALILEO_KEY
        assert "authorization" not in request.headers

    assert response.status_code == case.status


def test_export_get_answers_202_with_the_message() -> None:
    recorder = Recorder(status=202, answer={"message": "Check your email."})
    response = list_experiment_traces.sync_detailed(
        "e", client=respan(recorder), export=TruthyFlag.ONE
    )
    assert isinstance(response.parsed, ExportMessage)
    assert response.parsed.message == "Check your email."


def test_generated_export_records_returns_the_file_bytes() -> None:
    body = b'{"id": "a"}\n{"id": "b"}\n'
    recorder = Recorder(answer=body, content_type="application/jsonl")
    response = export_records.sync_detailed(
        PROJECT,  # type: ignore[arg-type]
        client=galileo(recorder),
        body=LogRecordsExportRequest(root_type=RootType.SPAN, log_stream_id=STREAM),  # type: ignore[arg-type]
    )
    assert response.parsed is not None
    assert response.parsed.payload.read() == body


def test_documented_errors_come_back_as_values_not_exceptions() -> None:
    recorder = Recorder(status=429, answer={"detail": "Rate limit exceeded", "retry_after": 30})
    response = filter_experiment_traces.sync_detailed("e", client=respan(recorder))
    assert response.status_code == 429
    assert response.parsed.retry_after == 30  # type: ignore[union-attr]
