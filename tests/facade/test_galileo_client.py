"""The Galileo client against the emulator: listings, records of each kind as an offset
pager (filters as a tree, so OR works), counts, columns, and input checked first."""

from __future__ import annotations

from typing import Any

import pytest

from galileo_client.models import LogRecord, SessionRecord, SpanRecord, TraceRecord
from tracebridge import (
    ConfigError,
    F,
    FilterError,
    NotFoundError,
    UnknownColumnError,
    ValidationError,
)
from tracebridge.emulator import Emulator, Running, planted
from tracebridge.emulator.data import (
    GALILEO_EXPERIMENT_ID,
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
)
from tracebridge.galileo import Galileo, record_from_dict

STREAM = GALILEO_LOG_STREAM_ID


def truth(running: Running, kind: str) -> list[dict[str, Any]]:
    return list(running.emulator.data.galileo_runs[STREAM].of_kind(kind))


def test_listings(gl: Galileo) -> None:
    assert [p.name for p in gl.projects()] == ["support-bot"] and gl.projects(name="nope") == []
    assert [s.id for s in gl.log_streams()] == [STREAM]
    planted_ids = list(planted.GALILEO_IDS.values())  # the experiments planted for compare
    assert [e.id for e in gl.experiments()] == [GALILEO_EXPERIMENT_ID, *planted_ids]


@pytest.mark.parametrize(
    ("kind", "cls"), [("trace", TraceRecord), ("span", SpanRecord), ("session", SessionRecord)]
)
def test_records_of_each_kind_every_one_once(
    gl: Galileo, running: Running, kind: str, cls: type
) -> None:
    records = list(gl.records(kind, log_stream_id=STREAM, page_size=7))  # type: ignore[arg-type]
    assert [r.id for r in records] == [r["id"] for r in truth(running, kind)]
    assert all(isinstance(r, cls) for r in records)


def test_where_with_or_and_not_sort_and_count(gl: Galileo, running: Running) -> None:
    where = (F["metrics.duration_ns"] > 4e9) | ~F.tags.contains("prod")
    expected = [
        r
        for r in truth(running, "trace")
        if r["metrics"]["duration_ns"] > 4e9 or "prod" not in r["tags"]
    ]
    records = gl.records(
        "trace", log_stream_id=STREAM, where=where, sort="metrics.cost", page_size=5, concurrency=3
    )
    assert records.count == len(expected) == gl.count("trace", log_stream_id=STREAM, where=where)
    assert [r.id for r in records] == [
        r["id"] for r in sorted(expected, key=lambda r: r["metrics"]["cost"])
    ]
    texted = gl.records(
        "span", log_stream_id=STREAM, where='type = tool and name icontains "LOOKUP"'
    )
    assert {r.type_ for r in texted} == {"tool"}


def test_columns_feed_the_filter_check(gl: Galileo) -> None:
    columns = gl.columns("trace", log_stream_id=STREAM)
    assert columns["metrics/duration_ns"] == "number" and columns["user_metadata/tenant"] == "text"
    records = gl.records(
        "trace", log_stream_id=STREAM, where=F["user_metadata/tenant"] == "acme", columns=columns
    )
    assert {r.user_metadata["tenant"] for r in records} == {"acme"}


def test_max_items_and_resume(gl: Galileo, running: Running) -> None:
    ids = [r["id"] for r in truth(running, "span")]
    assert [
        r.id for r in gl.records("span", log_stream_id=STREAM, max_items=10, page_size=4)
    ] == ids[:10]
    assert [r.id for r in gl.records("span", log_stream_id=STREAM, starting_token=70)] == ids[70:]


def test_an_unknown_kind_of_record_is_kept() -> None:
    record = record_from_dict({"type": "reranker", "id": "r1", "score": 0.4})
    assert isinstance(record, LogRecord) and record.additional_properties["score"] == 0.4


BAD: dict[str, tuple[Any, type[Exception], str]] = {
    "two run ids": (lambda gl: gl.records("trace", log_stream_id=STREAM, experiment_id=GALILEO_EXPERIMENT_ID),
                    ConfigError, "exactly one of log_stream_id"),
    "no run id": (lambda gl: gl.count("trace"), ConfigError, "exactly one of"),
    "not a uuid": (lambda gl: gl.records("trace", log_stream_id="stream-1"), ConfigError, "log_stream_id must be a UUID"),
    "bad project": (lambda gl: gl.log_streams(project_id="support-bot"), ConfigError, "project_id must be a UUID"),
    "bad kind": (lambda gl: gl.records("trail", log_stream_id=STREAM), ConfigError, "root_type must be"),
    "startswith": (lambda gl: gl.records("trace", log_stream_id=STREAM, where=F.name.startswith("x")), FilterError, "no startswith"),
    "page size 1001": (lambda gl: gl.records("trace", log_stream_id=STREAM, page_size=1001), ConfigError, "from 1 to 1000"),
}  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), BAD.values(), ids=BAD.keys())
def test_bad_input_fails_before_any_request(
    gl: Galileo, emulator: Emulator, call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call(gl)
    assert emulator.controls.request_log() == []


UNKNOWN_COLUMN = {
    "filter": lambda gl: gl.records("trace", log_stream_id=STREAM, where=F.colour == "x"),
    "sort": lambda gl: gl.records("trace", log_stream_id=STREAM, sort="-colour"),
    "export filter": lambda gl: gl.export_rows(
        "trace", log_stream_id=STREAM, where=F.colour == "x"
    ),
}


@pytest.mark.parametrize("call", UNKNOWN_COLUMN.values(), ids=UNKNOWN_COLUMN.keys())
def test_an_unknown_column_is_refused_after_asking_the_service_only(
    running: Running, emulator: Emulator, call: Any
) -> None:
    refused = pytest.raises(UnknownColumnError, match=r"'colour'.*does not list it either")
    with (
        Galileo(
            running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
        ) as gl,
        refused,
    ):
        call(gl)
    paths = [r["path"] for r in emulator.controls.request_log()]
    assert paths == [f"/v2/projects/{GALILEO_PROJECT_ID}/traces/available_columns"]


def test_no_project_is_a_config_error(running: Running) -> None:
    with (
        Galileo(running.galileo_key, base_url=running.base_url) as gl,
        pytest.raises(ConfigError, match="no project"),
    ):
        gl.log_streams()


def test_typed_errors_after_a_request(running: Running) -> None:
    unknown_project = "00000000-0000-4000-8000-000000000000"
    galileo = Galileo(running.galileo_key, base_url=running.base_url, project_id=unknown_project)
    with galileo as gl, pytest.raises(NotFoundError, match="Project not found"):
        gl.log_streams()
    with Galileo(
        running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
    ) as gl:
        with pytest.raises(NotFoundError, match="Metrics testing not found"):
            gl.count("trace", metrics_testing_id=unknown_project)
        raw = {"filter": {"type": "text", "column_id": "colour", "operator": "eq", "value": "x"}}
        with pytest.raises(ValidationError, match="unknown column 'colour'"):
            list(gl.records("trace", log_stream_id=STREAM, where=raw))


def test_a_malformed_raw_tree_fails_before_any_request(gl: Galileo, emulator: Emulator) -> None:
    with pytest.raises(FilterError, match="not in Galileo's form"):
        gl.records(
            "trace", log_stream_id=STREAM, where={"filter": {"type": "text", "column_id": "x"}}
        )
    assert emulator.controls.request_log() == []


def test_the_key_never_shows(running: Running) -> None:
    with Galileo(
        running.galileo_key, base_url=running.base_url, key_header="Splunk-AO-API-Key"
    ) as gl:
        assert running.galileo_key not in repr(gl)
        assert gl.projects()  # the emulator accepts the newer header name too


def test_records_count_comes_from_the_count_request(
    gl: Galileo, running: Running, emulator: Emulator
) -> None:
    pager = gl.records("trace", log_stream_id=STREAM, where=F.input.contains("a"))
    expected = sum(1 for row in truth(running, "trace") if "a" in row["input"])
    assert pager.count == expected == len(list(pager)) > 0
    paths = [entry["path"] for entry in emulator.controls.request_log()]
    assert sum(path.endswith("/traces/count") for path in paths) == 1
