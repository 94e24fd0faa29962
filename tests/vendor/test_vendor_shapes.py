"""Our specs against the vendors' own reading of the same APIs.

Every answer shaped like a vendor response model (samples.py) parses through the
operation's own generated parser with every field declared (none left in a model's
`additional_properties`) and serialises back to the same JSON; every request body
galileo's own models built (galileo_requests.py) parses into our request model and is sent
unchanged by the operation's request builder.
"""

from __future__ import annotations

from typing import Any

import attrs
import httpx
import pytest

from galileo_client.api.export import export_records
from galileo_client.api.records import get_trace_columns, search_traces
from galileo_client.models import (
    AvailableColumnsRequest,
    LogRecordsExportRequest,
    LogRecordsQueryRequest,
)
from respan_client.api.datasets import list_dataset_spans
from respan_client.api.experiment_traces import filter_experiment_traces, retrieve_experiment_trace
from respan_client.api.experiments import filter_experiments, retrieve_experiment
from respan_client.models import DatasetSpanFilterRequest, FilterRequest
from tracebridge import Respan
from tracebridge.emulator.data import SEED_TRACE_EXPERIMENT
from tracebridge.galileo import record_from_dict

from ..support import instants
from . import galileo_requests, samples


def undeclared(model: Any, where: str = "") -> list[str]:
    """Every key that landed in the additional_properties of a model that declares fields
    (free-form objects, which declare none, hold everything there by design)."""
    found: list[str] = []
    if attrs.has(type(model)):
        declared = [f.name for f in attrs.fields(type(model)) if f.name != "additional_properties"]
        extra = getattr(model, "additional_properties", {})
        if declared:
            found += [f"{where}.{key}" for key in extra]
        for field in declared:
            found += undeclared(getattr(model, field), f"{where}.{field}")
        for key, value in extra.items():
            found += undeclared(value, f"{where}[{key}]")
    elif isinstance(model, list):
        for index, item in enumerate(model):
            found += undeclared(item, f"{where}[{index}]")
    return found


def parsed(module: Any, body: Any) -> Any:
    client_package = module.__name__.split(".")[0]
    client = __import__(client_package).Client(base_url="http://127.0.0.1:9")
    result = module._parse_response(client=client, response=httpx.Response(200, json=body))
    assert result is not None
    return result


ANSWERS = [
    pytest.param(
        search_traces, samples.GALILEO_SEARCH_PAGE, id="galileo search, every record kind"
    ),
    pytest.param(
        search_traces, samples.GALILEO_SEARCH_PAGE_WITHOUT_RECORDS, id="galileo no records"
    ),
    pytest.param(get_trace_columns, samples.GALILEO_COLUMNS, id="galileo available_columns"),
    pytest.param(
        filter_experiments, samples.page([samples.RESPAN_EXPERIMENT]), id="respan experiments"
    ),
    pytest.param(
        retrieve_experiment, samples.RESPAN_EXPERIMENT_DETAIL, id="respan experiment detail"
    ),
    pytest.param(
        filter_experiment_traces, samples.page([samples.RESPAN_TRACE]), id="respan traces"
    ),
    pytest.param(
        filter_experiment_traces,
        samples.page([samples.RESPAN_TRACE_PLAIN_SCORES]),
        id="respan traces, plain-number scores",
    ),
    pytest.param(retrieve_experiment_trace, samples.RESPAN_TRACE_DETAIL, id="respan trace detail"),
    pytest.param(
        list_dataset_spans, samples.page([samples.RESPAN_DATASET_SPAN]), id="respan spans"
    ),
]


@pytest.mark.parametrize(("operation", "answer"), ANSWERS)
def test_a_vendor_shaped_answer_parses_with_every_field_declared(
    operation: Any, answer: dict[str, Any]
) -> None:
    model = parsed(operation, answer)
    assert undeclared(model) == []
    assert instants(model.to_dict()) == instants(answer)


def test_every_record_kind_parses_as_its_own_model_with_every_field_declared() -> None:
    kinds = {}
    for sample in samples.GALILEO_RECORDS:
        record = record_from_dict(sample)
        kinds[sample["type"]] = type(record).__name__
        assert undeclared(record) == [], sample["type"]
    assert kinds == {
        "trace": "TraceRecord",
        "llm": "SpanRecord",
        "agent": "SpanRecord",
        "tool": "SpanRecord",
        "retriever": "SpanRecord",
        "workflow": "SpanRecord",
        "control": "SpanRecord",
        "session": "SessionRecord",
    }


def test_scores_of_any_shape_do_not_make_a_page_unreadable() -> None:
    page = parsed(list_dataset_spans, samples.page([samples.RESPAN_DATASET_SPAN]))
    scores = page.results[0].scores
    assert scores.additional_properties == {"accuracy": 0.9, "tone": "polite", "checked": True}
    traces = parsed(filter_experiment_traces, samples.page([samples.RESPAN_TRACE_PLAIN_SCORES]))
    assert traces.results[0].scores["accuracy"] == 0.9
    detail = parsed(retrieve_experiment_trace, samples.RESPAN_TRACE_DETAIL)
    node = detail.span_tree[0]
    assert node.id == "sp_root" and node.scores["ev_1"].explanation == "Matches the reference."


REQUESTS = [
    *(
        pytest.param(export_records, LogRecordsExportRequest, body, id=f"export_records {i}")
        for i, body in enumerate(galileo_requests.EXPORT_RECORDS)
    ),
    *(
        pytest.param(search_traces, LogRecordsQueryRequest, body, id=f"search {i}")
        for i, body in enumerate(galileo_requests.SEARCH)
    ),
    *(
        pytest.param(get_trace_columns, AvailableColumnsRequest, body, id=f"columns {i}")
        for i, body in enumerate(galileo_requests.AVAILABLE_COLUMNS)
    ),
]


@pytest.mark.parametrize(("operation", "model", "body"), REQUESTS)
def test_a_galileo_built_request_round_trips_unchanged(
    operation: Any, model: Any, body: dict[str, Any]
) -> None:
    request = model.from_dict(body)
    assert undeclared(request) == []
    sent = operation.build_request(samples.PROJECT, body=request)
    assert instants(sent["json"]) == instants(body)


def test_respan_filter_bodies_take_every_documented_operator_spelling() -> None:
    spellings = {
        "customer_identifier": {"operator": "is", "value": ["c1"]},
        "name": {"value": ["refund question"]},  # no operator: equals
        "status": {"operator": "notEmpty", "value": [""]},
        "environment": {"operator": "iexact", "value": ["Production"]},
    }
    for model in (FilterRequest, DatasetSpanFilterRequest):
        assert model.from_dict({"filters": spellings}).to_dict() == {"filters": spellings}


def test_the_emulator_answers_the_respan_spellings(running: Any) -> None:
    with Respan(running.respan_key, base_url=running.respan_url) as rs:
        everything = list(rs.experiments.traces(SEED_TRACE_EXPERIMENT).rows())
        customer = everything[0]["customer_identifier"]
        wanted = {row["id"] for row in everything if row["customer_identifier"] == customer}
        assert 0 < len(wanted) < len(everything)
        by_is = rs.experiments.traces(
            SEED_TRACE_EXPERIMENT, {"customer_identifier": {"operator": "is", "value": [customer]}}
        )
        assert {row["id"] for row in by_is.rows()} == wanted
        bare = rs.experiments.traces(
            SEED_TRACE_EXPERIMENT, {"customer_identifier": {"value": [customer]}}
        )
        assert {row["id"] for row in bare.rows()} == wanted
        filled = rs.experiments.traces(
            SEED_TRACE_EXPERIMENT, {"customer_identifier": {"operator": "notEmpty", "value": [""]}}
        )
        assert len(list(filled.rows())) == len(everything)
