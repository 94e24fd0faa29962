"""The Respan client against the emulator: what DESIGN.md's public API promises, checked
input before any request, and typed errors after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from tracebridge import (
    APIConnectionError,
    AuthenticationError,
    ConfigError,
    F,
    FilterError,
    NotFoundError,
    Respan,
    ServerError,
    UnexpectedResponseError,
    ValidationError,
)
from tracebridge.emulator import Emulator, Fault, Running, serve
from tracebridge.emulator.data import SEED_DATASET, SEED_TRACE_EXPERIMENT

from ..support import SIZES

EXP = SEED_TRACE_EXPERIMENT
WINDOW = {"start_time": "2025-05-01T00:00:00Z", "end_time": "2025-07-01T00:00:00Z"}


def rows_of(running: Running) -> list[dict[str, Any]]:
    return list(running.emulator.data.experiment_traces[EXP])


def test_keys_and_url_from_the_environment(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESPAN_API_KEY", running.respan_key)
    monkeypatch.setenv("RESPAN_BASE_URL", running.base_url + "/api")
    with Respan() as client:
        assert client.experiments.count() == len(running.emulator.data.experiments)
        assert (
            running.respan_key not in repr(client)
            and repr(client) == f"Respan(base_url={running.base_url!r})"
        )


def test_traces_with_a_filter_a_sort_and_a_count(rs: Respan, running: Running) -> None:
    traces = rs.experiments.traces(
        EXP, where=(F.status == "success") & (F.total_cost > 0.002), sort="-total_cost"
    )
    expected = sorted(
        (r for r in rows_of(running) if r["status"] == "success" and r["total_cost"] > 0.002),
        key=lambda r: -r["total_cost"],
    )
    assert traces.count == len(expected)
    assert [t.id for t in traces] == [r["id"] for r in expected]


def test_the_text_form_and_every_page_form(rs: Respan, running: Running) -> None:
    traces = rs.experiments.traces(
        EXP, where="metadata.user_id in (u1, u2)", page_size=5, concurrency=3
    )
    expected = [
        r["id"]
        for r in rows_of(running)
        if (r.get("metadata") or {}).get("user_id") in ("u1", "u2")
    ]
    assert [row["id"] for row in traces.rows()] == expected
    assert [t.id for page in traces.pages() for t in page.items] == expected
    assert [t.id for t in rs.experiments.traces(EXP, max_items=3)] == [
        r["id"] for r in rows_of(running)[:3]
    ]


def test_trace_detail_summary_histogram(rs: Respan) -> None:
    detail = rs.experiments.trace(EXP, "trace_789abc")
    assert detail.name == "User Query Processing" and detail.span_tree[0].children is not None
    summary = rs.experiments.summary(EXP, where=F.status == "error")
    assert summary.number_of_requests == sum(
        1 for _ in rs.experiments.traces(EXP, where=F.status == "error")
    )
    histogram = rs.experiments.histogram(EXP, "answer_relevance", bins=4)
    assert len(histogram.bins) == 4 and histogram.stats.total == 60


def test_experiments_list_get_and_changes() -> None:
    with (
        serve(Emulator(seed=2, sizes=SIZES)) as running,
        Respan(running.respan_key, base_url=running.base_url) as rs,
    ):
        completed = rs.experiments.list(where=F.status == "completed")
        assert completed.count == rs.experiments.count(F.status == "completed") > 0
        assert {e.status for e in completed} == {"completed"}
        made = rs.experiments.create(SEED_DATASET, [{"type": "prompt"}], name="made here")
        assert rs.experiments.get(made.id).name == "made here"
        assert rs.experiments.update(made.id, name="renamed").name == "renamed"
        assert (
            rs.experiments.replace(made.id, SEED_DATASET, [{"type": "eval"}]).workflow[0].type_
            == "eval"
        )
        rs.experiments.delete(made.id)
        with pytest.raises(NotFoundError):
            rs.experiments.get(made.id)
        with pytest.raises(ValidationError) as caught:
            rs.experiments.create("ds_nope", [{"type": "prompt"}])
        assert caught.value.errors == {"dataset_id": ["Dataset not found."]}
        resumed = rs.experiments.resume(EXP, "tr_123_0000002", input={"q": 1}, output="done")
        assert resumed.status == "success"


def test_exports_use_the_get_or_the_list_format_post(
    rs: Respan, emulator: Emulator, running: Running
) -> None:
    assert "Check your email" in rs.experiments.export(EXP)
    assert "Check your email" in rs.experiments.export(
        EXP, where=(F.status == "error") & (F.total_tokens >= 500)
    )
    first, second = emulator.controls.exports
    assert first["method"] == "GET" and first["count"] == 61
    assert second["body"] == {"filters": [
        {"field": "status", "operator": "=", "value": "error"},
        {"field": "total_tokens", "operator": ">=", "value": 500},
    ]}  # fmt: skip
    assert second["ids"] == [
        r["id"] for r in rows_of(running) if r["status"] == "error" and r["total_tokens"] >= 500
    ]
    message = rs.datasets.export(
        SEED_DATASET, where=F.model == "gpt-4", format=".jsonl", name="gpt-4 spans"
    )
    assert ".jsonl" in message and emulator.controls.exports[-1]["body"]["name"] == "gpt-4 spans"


def test_dataset_spans_and_organization_logs(rs: Respan, running: Running) -> None:
    spans = rs.datasets.spans(SEED_DATASET, where=F["metadata.user_id"] == "user3")
    assert {s.metadata["user_id"] for s in spans} == {"user3"} and spans.count == len(list(spans))
    org = rs.logs.spans(where=F.cost > 0.002, page_size=20, **WINDOW)
    assert org.count is None  # the service reports a page's size there, not a total
    expected = [r["id"] for r in running.emulator.data.org_spans if r["cost"] > 0.002]
    assert [s.id for s in org] == expected
    assert list(rs.logs.spans()) == []  # the last hour: the generated data is older
    assert rs.logs.traces(**WINDOW).count == 30


def test_the_window_is_frozen_when_the_listing_is_made() -> None:
    with (
        serve(Emulator(seed=4, sizes=SIZES)) as running,
        Respan(running.respan_key, base_url=running.base_url) as rs,
    ):
        traces = rs.experiments.traces(EXP, page_size=10)
        running.emulator.insert_traces(EXP, 5)
        assert len(list(traces)) == 61


BAD_INPUT: dict[str, tuple[Any, type[Exception], str]] = {
    "unknown field": (lambda rs: rs.experiments.traces(EXP, where=F.colour == "red"), FilterError, "unknown field 'colour'"),
    "unknown span field (the service would ignore it)": (
        lambda rs: rs.datasets.spans(SEED_DATASET, where=F.colour == "red"), FilterError, "unknown field 'colour'"),
    "OR": (lambda rs: rs.experiments.traces(EXP, where=(F.status == "a") | (F.status == "b")), FilterError, "cannot express OR"),
    "icontains in an export": (lambda rs: rs.experiments.export(EXP, where=F.name.icontains("x")), FilterError, "list format"),
    "malformed text": (lambda rs: rs.experiments.traces(EXP, where="total_cost >"), FilterError, "malformed filter"),
    "text for a number": (lambda rs: rs.experiments.traces(EXP, where=F.total_cost > "x"), FilterError, "holds numbers"),
    "page_size 0": (lambda rs: rs.experiments.traces(EXP, page_size=0), ConfigError, "page_size must be a whole number from 1 to 100"),
    "page_size 101": (lambda rs: rs.experiments.traces(EXP, page_size=101), ConfigError, "from 1 to 100, not 101"),
    "spans page_size 1001": (lambda rs: rs.logs.spans(page_size=1001), ConfigError, "from 1 to 1000, not 1001"),
    "negative max_items": (lambda rs: rs.experiments.list(max_items=-1), ConfigError, "max_items"),
    "empty id": (lambda rs: rs.experiments.get(""), ConfigError, "experiment_id must be a non-empty string"),
    "padded id": (lambda rs: rs.experiments.trace(EXP, " log "), ConfigError, "log_id must be a non-empty string"),
    "unknown sort": (lambda rs: rs.experiments.traces(EXP, sort="-colour"), ConfigError, "cannot sort by 'colour'"),
    "bad date": (lambda rs: rs.experiments.traces(EXP, start_time="yesterday"), ConfigError, "not an ISO 8601 date-time"),
    "bins 51": (lambda rs: rs.experiments.histogram(EXP, "ev", bins=51), ConfigError, "bins must be a whole number from 1 to 50"),
    "export format": (lambda rs: rs.datasets.export(SEED_DATASET, format="xlsx"), ConfigError, "format must be one of .csv, .jsonl"),
}  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_fails_before_any_request(
    rs: Respan, emulator: Emulator, call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call(rs)
    assert emulator.controls.request_log() == []


def test_typed_errors_after_a_request(running: Running, emulator: Emulator) -> None:
    with (
        Respan("wrong-key", base_url=running.base_url) as wrong,
        pytest.raises(AuthenticationError) as caught,
    ):
        wrong.experiments.get(EXP)
    assert "wrong-key" not in str(caught.value)
    with Respan(running.respan_key, base_url=running.base_url, max_retries=0) as rs:
        emulator.inject(Fault("html", status=502))
        with pytest.raises(ServerError, match="502 Bad Gateway"):
            rs.experiments.get(EXP)
        emulator.inject(Fault("truncate"))
        with pytest.raises(UnexpectedResponseError, match="not JSON"):
            rs.experiments.get(EXP)
        with pytest.raises(NotFoundError):
            list(rs.experiments.traces("exp_nope"))


def test_retries_are_on_by_default(rs: Respan, emulator: Emulator) -> None:
    emulator.inject(Fault("status", status=503, times=2, path="/logs/list/"))
    with Respan(rs.settings.api_key.reveal(), base_url=rs.settings.base_url) as client:
        client.transport.sleep = lambda seconds: None
        assert len(list(client.experiments.traces(EXP))) == 61
        assert client.transport.retries == 2


def test_a_dead_service_is_a_connection_error() -> None:
    with (
        Respan("k", base_url="http://127.0.0.1:9", max_retries=0) as rs,
        pytest.raises(APIConnectionError),
    ):
        rs.experiments.get(EXP)


def test_datetimes_in_any_zone_mean_the_same_instant(rs: Respan, running: Running) -> None:
    cut = datetime(2025, 5, 31, 23, 59, 30, tzinfo=UTC)
    elsewhere = cut.astimezone(timezone(timedelta(hours=5, minutes=30)))
    expected = sum(1 for r in rows_of(running) if datetime.fromisoformat(r["start_time"]) < cut)
    assert rs.experiments.traces(EXP, end_time=elsewhere).count == expected == 31
    assert rs.experiments.traces(EXP, end_time="2025-06-01T05:29:30+05:30").count == 31


def test_a_success_cut_short_is_repeated_only_when_safe(rs: Respan, emulator: Emulator) -> None:
    rs.transport.sleep = lambda seconds: None
    emulator.inject(Fault("truncate", times=2, path="/logs/list/"))
    assert len(list(rs.experiments.traces(EXP, page_size=25))) == 61
    assert rs.transport.retries == 2
    emulator.inject(Fault("truncate", method="POST", path="/v2/experiments/"))
    with pytest.raises(UnexpectedResponseError, match="not JSON"):
        rs.experiments.create(SEED_DATASET, [{"type": "prompt", "config": {"prompt_id": "p"}}])
    assert rs.transport.retries == 2  # a create may have happened: not repeated
