"""What the specs learned from the vendors' own SDKs, as a user meets it: the newer record
fields sort and filter, documented aliases and operator spellings are accepted, Galileo's
own column list is asked before a column is refused, and every seed parameter reaches the
request. Run against the emulator, checked with rows fetched without the feature."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tracebridge import (
    AsyncGalileo,
    ConfigError,
    F,
    FilterError,
    Galileo,
    Respan,
    UnknownColumnError,
)
from tracebridge.emulator import Emulator, Running
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_DATASET,
    SEED_TRACE_EXPERIMENT,
)
from tracebridge.filters import parse, to_galileo_filters, to_respan, to_respan_list
from tracebridge.galileo import GalileoPlans
from tracebridge.pagination import PageRequest
from tracebridge.respan import ExperimentPlans

RUN = {"log_stream_id": GALILEO_LOG_STREAM_ID}
EXP = SEED_TRACE_EXPERIMENT


def column_requests(emulator: Emulator) -> int:
    return sum(
        1 for r in emulator.controls.request_log() if r["path"].endswith("/available_columns")
    )


# -- Galileo: the newer record fields --------------------------------------------------------


def test_records_sort_by_updated_at(gl: Galileo) -> None:
    rows = list(gl.records("trace", sort="updated_at", page_size=7, **RUN).rows())
    stamps = [datetime.fromisoformat(row["updated_at"]) for row in rows]
    assert len(rows) > 7 and stamps == sorted(stamps) and stamps != sorted(stamps, reverse=True)


def test_spans_filter_by_model_and_temperature(gl: Galileo) -> None:
    every = list(gl.records("span", **RUN).rows())
    wanted = {r["id"] for r in every if r.get("model") == "gpt-4o" and r.get("temperature") == 0.7}
    assert wanted
    where = (F.model == "gpt-4o") & (F.temperature == 0.7)
    assert {r["id"] for r in gl.records("span", where=where, **RUN).rows()} == wanted


def test_fully_annotated_is_its_own_filter(gl: Galileo) -> None:
    assert to_galileo_filters(F.fully_annotated == True) == [
        {"column_id": "fully_annotated", "type": "fully_annotated"}
    ]
    for refused in (F.fully_annotated == False, F.fully_annotated != True):
        with pytest.raises(FilterError, match="fully_annotated == true"):
            to_galileo_filters(refused)
    every = list(gl.records("trace", **RUN).rows())
    annotated = {r["id"] for r in every if r["fully_annotated"]}
    assert 0 < len(annotated) < len(every)
    got = gl.records("trace", where=F.fully_annotated == True, **RUN)
    assert {r["id"] for r in got.rows()} == annotated


def test_a_filter_without_type_is_typed_by_its_column(gl: Galileo, tmp_path: Path) -> None:
    untyped = [{"column_id": "name", "operator": "eq", "value": "chat completion"}]
    rows = list(gl.export_rows("span", where=untyped, **RUN))
    assert rows and {row["name"] for row in rows} == {"chat completion"}


def test_iexact_is_a_case_insensitive_equals_on_galileo(gl: Galileo) -> None:
    assert to_galileo_filters(F.name.iexact("Chat Completion")) == [
        {"column_id": "name", "type": "text", "operator": "eq", "value": "Chat Completion",
         "case_sensitive": False}
    ]  # fmt: skip
    exact = {r["id"] for r in gl.records("span", where=F.name == "chat completion", **RUN).rows()}
    loose = gl.records("span", where=F.name.iexact("CHAT Completion"), **RUN)
    assert exact and {r["id"] for r in loose.rows()} == exact
    with pytest.raises(FilterError, match="Galileo has no is empty filter"):
        to_galileo_filters(F.name.is_empty())


# -- Galileo: the service's own column list --------------------------------------------------


def test_a_column_outside_the_catalog_is_looked_up_once_per_run(
    gl: Galileo, emulator: Emulator
) -> None:
    before = column_requests(emulator)
    split = F["dataset_metadata/split"] == "test"
    rows = list(gl.records("trace", where=split, sort="dataset_metadata/split", **RUN).rows())
    assert rows and {r["dataset_metadata"]["split"] for r in rows} == {"test"}
    assert gl.count("trace", where=split, **RUN) == len(rows)
    assert column_requests(emulator) == before + 1  # asked once, then remembered
    with pytest.raises(UnknownColumnError, match="does not list it either") as caught:
        gl.count("trace", where=F["dataset_metadata/nope"] == "x", **RUN)
    assert caught.value.column == "dataset_metadata/nope"
    assert column_requests(emulator) == before + 1
    # another run is another question
    with pytest.raises(UnknownColumnError):
        gl.count("trace", where=F["mystery/column"] == "x", experiment_id=gl_experiment(gl))
    assert column_requests(emulator) == before + 2


def gl_experiment(gl: Galileo) -> str:
    return str(gl.experiments()[0].id)


def test_strict_false_sends_an_unknown_column_without_asking(
    gl: Galileo, emulator: Emulator
) -> None:
    before = column_requests(emulator)
    rows = gl.records("trace", where=F["dataset_metadata/split"] == "train", strict=False, **RUN)
    assert {r["dataset_metadata"]["split"] for r in rows.rows()} == {"train"}
    assert column_requests(emulator) == before


def test_the_async_client_looks_columns_up_too(running: Running) -> None:
    async def main() -> tuple[int, list[dict[str, Any]]]:
        async with AsyncGalileo(
            running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
        ) as client:
            where = F["dataset_metadata/split"] == "test"
            pager = client.records("trace", where=where, page_size=5, **RUN)
            rows = [row async for row in pager.rows()]
            return await client.count("trace", where=where, **RUN), rows

    total, rows = asyncio.run(main())
    assert len(rows) > 5 and {r["dataset_metadata"]["split"] for r in rows} == {"test"}
    assert total == len(rows)


# -- Galileo: request fields ------------------------------------------------------------------


def test_previous_last_row_id_goes_with_the_first_page_only() -> None:
    plans = GalileoPlans(GALILEO_PROJECT_ID)
    listing = plans.records(
        "trace", starting_token=200, previous_last_row_id="row-199", page_size=50, **RUN
    )
    first = listing.page(PageRequest(200, 50)).request["json"]
    second = listing.page(PageRequest(250, 50)).request["json"]
    assert first["previous_last_row_id"] == "row-199" and first["starting_token"] == 200
    assert "previous_last_row_id" not in second
    with pytest.raises(ConfigError, match="goes with starting_token"):
        plans.records("trace", previous_last_row_id="row-199", **RUN)


def test_search_and_export_take_the_newer_fields(tmp_path: Path) -> None:
    plans = GalileoPlans(GALILEO_PROJECT_ID)
    search = plans.records("span", include_code_metric_metadata=True, **RUN)
    assert search.page(PageRequest(0, 10)).request["json"]["include_code_metric_metadata"]
    stream = plans.export_records(
        "trace", to=tmp_path / "x.jsonl", file_name="q3 traces", include_code_metric_metadata=True,
        **RUN,
    )  # fmt: skip
    sent = stream.request["json"]
    assert sent["file_name"] == "q3 traces" and sent["include_code_metric_metadata"] is True
    for bad in ("", "   "):
        with pytest.raises(ConfigError, match="file_name"):
            plans.export_records("trace", to=tmp_path / "y.jsonl", file_name=bad, **RUN)
    columns = plans.columns(
        "trace", start_time="2025-01-01", end_time="2025-02-01T00:00:00Z", **RUN
    )
    assert columns.request["json"] == {
        **RUN,
        "start_time": "2025-01-01T00:00:00+00:00",
        "end_time": "2025-02-01T00:00:00+00:00",
    }
    with pytest.raises(ConfigError, match="time zone"):
        plans.columns("trace", start_time=datetime(2025, 1, 1), **RUN)


def test_the_export_with_a_file_name_is_still_the_export(gl: Galileo, tmp_path: Path) -> None:
    target = tmp_path / "named.jsonl"
    result = gl.export_records("trace", to=target, file_name="named", **RUN)
    assert result.rows == gl.count("trace", **RUN) and target.stat().st_size > 0


# -- Respan: aliases, operators and the export's parameters -----------------------------------


def test_documented_aliases_filter_and_sort(rs: Respan) -> None:
    every = list(rs.experiments.traces(EXP).rows())
    costly = {r["id"] for r in every if r["total_cost"] > 0.005}
    assert 0 < len(costly) < len(every)
    assert {r["id"] for r in rs.experiments.traces(EXP, F.cost > 0.005).rows()} == costly
    assert to_respan(F.cost > 0.005, rs_fields("trace"))["cost"]["operator"] == "gt"
    by_cost = [r["total_cost"] for r in rs.experiments.traces(EXP, sort="-cost").rows()]
    assert by_cost == sorted(by_cost, reverse=True)
    recent = rs.experiments.traces(EXP, F.timestamp >= every[0]["start_time"])
    assert all(r["start_time"] >= every[0]["start_time"] for r in recent.rows())
    spans = list(rs.datasets.spans(SEED_DATASET).rows())
    later = {r["id"] for r in spans if r["timestamp"] >= spans[2]["timestamp"]}
    got = rs.datasets.spans(SEED_DATASET, F.created_at >= spans[2]["timestamp"])
    assert {r["id"] for r in got.rows()} == later
    with pytest.raises(ConfigError, match=r"sortable fields: .*cost"):
        rs.experiments.traces(EXP, sort="-nope")


def rs_fields(name: str) -> Any:
    from tracebridge.catalog import RESPAN_SPAN, RESPAN_TRACE

    return {"trace": RESPAN_TRACE, "span": RESPAN_SPAN}[name]


def test_iexact_and_emptiness_reach_respan(rs: Respan) -> None:
    assert to_respan(F.status.iexact("SUCCESS"), rs_fields("trace")) == {
        "status": {"operator": "iexact", "value": ["SUCCESS"]}
    }
    assert to_respan(~F.status.is_empty(), rs_fields("trace")) == {
        "status": {"operator": "not_empty", "value": [""]}
    }
    parsed = parse("name iexact 'X' and comparison_key is not empty")
    assert str(parsed) == str(F.name.iexact("X") & ~F.comparison_key.is_empty())
    every = list(rs.experiments.traces(EXP).rows())
    success = {r["id"] for r in every if r["status"] == "success"}
    got = rs.experiments.traces(EXP, F.status.iexact("SUCCESS"))
    assert success and {r["id"] for r in got.rows()} == success
    assert len(list(rs.experiments.traces(EXP, ~F.status.is_empty()).rows())) == len(every)
    with pytest.raises(FilterError, match="list format has no operator"):
        to_respan_list(F.status.iexact("x"), rs_fields("trace"))
    with pytest.raises(FilterError, match="needs a text field"):
        to_respan(F.total_cost.iexact("1"), rs_fields("trace"))


def test_the_emailed_export_takes_its_sort_and_page(rs: Respan, emulator: Emulator) -> None:
    plans = ExperimentPlans()
    call = plans.export(EXP, sort="-cost", page=2, page_size=50)
    params = call.request["params"]
    assert (params["sort_by"], params["page"], params["page_size"]) == ("-cost", 2, 50)
    for bad, match in (
        ({"page_size": 101}, "page_size must be a whole number from 1 to 100"),
        ({"page": 0}, "page must be a whole number of at least 1"),
        ({"page": True}, "page must be"),
        ({"sort": "-nope"}, "cannot sort by 'nope'"),
    ):
        with pytest.raises(ConfigError, match=match):
            plans.export(EXP, **bad)
    assert "Check your email" in rs.experiments.export(EXP, sort="-cost", page_size=50)
    assert emulator.controls.exports[-1]["method"] == "GET"
