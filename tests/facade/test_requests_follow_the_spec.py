"""Every request the facade sends is one its spec declares, read back from the emulator's
request log and checked against the spec itself (not our models): the method and path of
exactly one operation, only the query parameters that operation declares (each value valid
for its schema), and a body valid for its request schema (JSON Schema 2020-12 on the spec's
own components). One facade call of every public method, on a fresh emulator."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from openapi_schema_validator import OAS31Validator

from tracebridge import F, Galileo, Respan
from tracebridge.emulator import Emulator, serve
from tracebridge.emulator.data import (
    GALILEO_EXPERIMENT_ID,
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_DATASET,
    SEED_TRACE_EXPERIMENT,
)

from ..generated.specs import load_spec, operation_for, resolve
from ..support import SIZES

SPECS = {name: load_spec(name) for name in ("respan", "galileo")}
EXP = SEED_TRACE_EXPERIMENT
WINDOW = {"start_time": "2000-01-01T00:00:00Z", "end_time": "2100-01-01T00:00:00Z"}
RUN = {"log_stream_id": GALILEO_LOG_STREAM_ID}


def _respan_calls(rs: Respan, tmp: Path) -> None:
    list(rs.experiments.list(F.status == "completed", sort="-created_at", max_items=3))
    rs.experiments.count(F.status == "completed")
    made = rs.experiments.create(SEED_DATASET, [{"type": "prompt"}], name="spec check")
    rs.experiments.get(made.id)
    rs.experiments.update(made.id, name="renamed")
    rs.experiments.replace(made.id, SEED_DATASET, [{"type": "eval"}])
    rs.experiments.delete(made.id)
    list(rs.experiments.traces(EXP, (F.cost > 0) & (F.timestamp >= "2000-01-01"), sort="-cost", detail=True, max_items=5))  # fmt: skip
    rs.experiments.trace(EXP, "trace_789abc")
    rs.experiments.resume(EXP, "tr_123_0000002", input={"q": 1}, output="done")
    rs.experiments.summary(EXP, F.status == "error", **WINDOW)
    rs.experiments.histogram(EXP, "answer_relevance", bins=4)
    rs.experiments.export(EXP, sort="-cost", page=1, page_size=50, **WINDOW)
    rs.experiments.export(EXP, F.status == "error")
    list(rs.datasets.spans(SEED_DATASET, F.created_at >= "2000-01-01", sort="-timestamp", max_items=5))  # fmt: skip
    rs.datasets.export(SEED_DATASET, F.model.iexact("GPT-4"), format=".jsonl", name="spans")
    list(rs.logs.spans(~F.model.is_empty(), max_items=5, **WINDOW))
    list(rs.logs.traces(F.cost >= 0, max_items=5, **WINDOW))


def _galileo_calls(gl: Galileo, tmp: Path) -> None:
    gl.projects()
    gl.log_streams()
    gl.experiments()
    where = (F.model == "gpt-4o") & F.name.iexact("CHAT COMPLETION")
    list(gl.records("span", where=where, sort="-updated_at", max_items=5, **RUN))
    list(gl.records("trace", where=F["dataset_metadata/split"] == "test", max_items=5, **RUN))
    list(gl.records("trace", starting_token=10, previous_last_row_id="abc", include_code_metric_metadata=True, max_items=5, **RUN))  # fmt: skip
    gl.count("session", where=F.fully_annotated == True, experiment_id=GALILEO_EXPERIMENT_ID)
    gl.columns("trace", start_time=datetime(2025, 1, 1, tzinfo=UTC), end_time="2026-01-01T00:00:00Z", **RUN)  # fmt: skip
    gl.export_records("trace", to=tmp / "t.csv", export_format="csv", column_ids=["id", "name"], file_name="q3", include_code_metric_metadata=True, sort="created_at", where=F.status_code == 200, **RUN)  # fmt: skip
    list(gl.export_rows("span", where=F.model == "gpt-4o", **RUN))
    for kind in ("trace", "span", "session"):  # each kind's own search, count and columns
        list(gl.records(kind, max_items=1, **RUN))
        gl.count(kind, **RUN)
        gl.columns(kind, **RUN)


def _validate(spec: dict[str, Any], schema: dict[str, Any], value: Any) -> None:
    OAS31Validator({**schema, "components": spec["components"]}).validate(value)


def _query_value(value: str, schema: dict[str, Any]) -> Any:
    types = schema.get("type")
    types = {types} if isinstance(types, str) else set(types or ())
    return int(value) if "integer" in types else value


def check(service: str, record: dict[str, Any]) -> None:
    spec = SPECS[service]
    operation = operation_for(spec, record["method"], record["path"])
    params = [
        resolve(spec, p) for p in (*operation["_path_params"], *operation.get("parameters", []))
    ]
    declared = {p["name"]: p for p in params if p["in"] == "query"}
    for name, value in parse_qsl(record["query"], keep_blank_values=True):
        assert name in declared, f"{operation['operationId']}: undeclared query {name}={value}"
        schema = resolve(spec, declared[name]["schema"])
        _validate(spec, schema, _query_value(value, schema))
    body = record["body"]
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        assert body in (None, b"", "", {}), f"{operation['operationId']} takes no body"
        return
    if isinstance(body, (bytes, str)):
        body = json.loads(body or "null")
    if body is None:
        assert not operation["requestBody"].get("required"), operation["operationId"]
        return
    _validate(spec, content["schema"], body)
    declared_keys = set(resolve(spec, content["schema"]).get("properties", {}))
    undeclared = set(body) - declared_keys if isinstance(body, dict) else set()
    assert not undeclared, f"{operation['operationId']} sends undeclared {sorted(undeclared)}"


CALLS: dict[str, Callable[..., None]] = {"respan": _respan_calls, "galileo": _galileo_calls}


@pytest.mark.parametrize("service", ["respan", "galileo"])
def test_every_facade_request_is_declared_by_its_spec(service: str, tmp_path: Path) -> None:
    with serve(Emulator(seed=5, sizes=SIZES)) as running:
        with (
            Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs,
            Galileo(
                running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
            ) as gl,
        ):
            CALLS[service](rs if service == "respan" else gl, tmp_path)
        records = [r for r in running.emulator.controls.request_log() if r["service"] == service]
    operations = set()
    for record in records:
        assert record["status"] < 400, record
        check(service, record)
        operations.add(
            operation_for(SPECS[service], record["method"], record["path"])["operationId"]
        )
    every = {op["operationId"] for item in SPECS[service]["paths"].values() for op in item.values() if isinstance(op, dict) and "operationId" in op}  # fmt: skip
    # each public facade method reached its operation; the two older GET forms are the
    # raw clients' (the facade lists with the POST forms, which take filters)
    assert every - operations <= {"list_experiments", "list_experiments_filtered", "get_experiments_summary", "get_experiment_trace_summary", "filter_experiment_score_histogram", "list_dataset_spans_get"}  # fmt: skip


def test_every_listing_walks_its_operation_the_way_the_spec_says() -> None:
    """`x-paging` of each listed operation is how the facade's pager walks it: page numbers
    for Respan's lists, offset tokens for Galileo's searches."""
    from tracebridge.galileo import GalileoPlans
    from tracebridge.pagination import PageRequest
    from tracebridge.respan import DatasetPlans, ExperimentPlans, LogPlans

    listings = {
        "experiments": ExperimentPlans().list(),
        "traces": ExperimentPlans().traces(EXP),
        "dataset spans": DatasetPlans().spans(SEED_DATASET),
        "organization spans": LogPlans().spans(**WINDOW),
        "organization traces": LogPlans().traces(**WINDOW),
        **{
            f"galileo {kind}s": GalileoPlans(GALILEO_PROJECT_ID).records(kind, **RUN)
            for kind in ("trace", "span", "session")
        },
    }
    for name, listing in listings.items():
        operation = listing.page(PageRequest(1, 10)).request["extensions"]["tracebridge.operation"]
        assert listing.style == operation["paging"], name
