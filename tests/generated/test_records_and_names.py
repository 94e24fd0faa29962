"""Galileo record unions stay open to new kinds; operation names are public API; the raw
clients never show a key in repr()."""

from __future__ import annotations

import httpx
import pytest
from galileo_client import AuthenticatedClient as GalileoClient
from galileo_client import Client
from galileo_client.api.records import search_spans
from galileo_client.models import (
    LogRecord,
    LogRecordsQueryResponse,
    SessionRecord,
    SpanRecord,
    SpanType,
    TraceRecord,
)
from respan_client import AuthenticatedClient as RespanClient

from .specs import SPEC_PACKAGES, operation_module, operations

SPAN_PAGE = {
    "records": [
        {"type": "llm", "id": "s1", "parent_id": "t1", "input": "hi", "metrics": {"cost": 0.1}},
        {"type": "reranker", "id": "s2", "parent_id": "t1", "scores": [0.9, 0.2]},
        {"type": "tool", "id": "s3", "parent_id": "s1", "output": {"ok": True}},
        {"type": "session", "id": "x1"},
        {"type": "trace", "id": "t1", "session_id": "x1"},
    ],
    "starting_token": 0,
    "limit": 5,
    "paginated": True,
    "next_starting_token": 5,
    "last_row_id": "t1",
}


def test_a_record_of_an_unknown_type_does_not_lose_the_page() -> None:
    response = httpx.Response(200, json=SPAN_PAGE)
    page = search_spans._parse_response(
        client=Client(base_url="http://127.0.0.1:9"), response=response
    )

    assert isinstance(page, LogRecordsQueryResponse)
    kinds = [type(record) for record in page.records]
    assert kinds == [SpanRecord, LogRecord, SpanRecord, SessionRecord, TraceRecord]
    assert [record.id for record in page.records] == ["s1", "s2", "s3", "x1", "t1"]
    unknown = page.records[1]
    assert unknown.type_ == "reranker"
    assert unknown.additional_properties["scores"] == [0.9, 0.2]
    assert page.records[0].type_ is SpanType.LLM
    assert page.next_starting_token == 5
    assert page.to_dict() == SPAN_PAGE


# The operationIds of API-NOTES: they name the modules people import.
RESPAN_OPERATIONS = {
    "create_experiment",
    "list_experiments",
    "list_experiments_filtered",
    "filter_experiments",
    "get_experiments_summary",
    "filter_experiments_summary",
    "retrieve_experiment",
    "replace_experiment",
    "update_experiment",
    "delete_experiment",
    "list_experiment_traces",
    "export_experiment_traces",
    "filter_experiment_traces",
    "retrieve_experiment_trace",
    "resume_experiment_trace",
    "get_experiment_trace_summary",
    "filter_experiment_trace_summary",
    "get_experiment_score_histogram",
    "filter_experiment_score_histogram",
    "list_dataset_spans",
    "list_dataset_spans_get",
    "list_spans",
    "list_traces",
}
GALILEO_OPERATIONS = {
    "export_records",
    "search_traces",
    "search_spans",
    "search_sessions",
    "count_traces",
    "count_spans",
    "count_sessions",
    "get_trace_columns",
    "get_span_columns",
    "get_session_columns",
    "list_projects",
    "list_log_streams",
    "list_experiments",
}


@pytest.mark.parametrize(
    ("spec_name", "expected"), [("respan", RESPAN_OPERATIONS), ("galileo", GALILEO_OPERATIONS)]
)
def test_every_documented_operation_is_an_importable_module(
    spec_name: str, expected: set[str]
) -> None:
    in_spec = {operation["operationId"] for _, _, operation in operations(spec_name)}
    assert in_spec == expected
    for operation_id in expected:
        module = operation_module(SPEC_PACKAGES[spec_name], operation_id)
        for function in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
            assert callable(getattr(module, function))


@pytest.mark.parametrize("client_class", [RespanClient, GalileoClient])
def test_repr_never_shows_the_key(client_class: type) -> None:
    key = "sk_live_do_not_print_0123456789"
    client = client_class(
        base_url="http://127.0.0.1:9",
        token=key,
        cookies={"session": key},
        headers={"X-Extra": key},
        httpx_args={"params": {"api_key": key}},
    )
    client.get_httpx_client()  # building it writes the auth header into the client's headers
    client.get_async_httpx_client()
    assert key not in repr(client)
    assert key not in str(client)
    assert "127.0.0.1:9" in repr(client)
