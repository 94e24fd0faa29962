"""For each filter operator of each dialect, the emulator returns exactly the rows that a
plain Python evaluation of the same condition returns over its data (fetched unfiltered),
in the same order. The Python side is written out per case, independent of the emulator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from tracebridge.emulator import Running
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_DATASET,
    SEED_TRACE_EXPERIMENT,
)

Row = dict[str, Any]
Check = Callable[[Row], bool]
TRACES = f"/api/v2/experiments/{SEED_TRACE_EXPERIMENT}/logs/"


def walk_respan(client: httpx.Client, method: str, url: str, body: Any = None) -> list[Row]:
    rows: list[Row] = []
    next_url: str | None = url
    while next_url:
        response = client.request(method, next_url, json=body)
        assert response.status_code == 200, response.text
        page = response.json()
        rows.extend(page["results"])
        next_url = page["next"]
    return rows


def walk_galileo(client: httpx.Client, kind: str, body: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    token: int | None = 0
    while token is not None:
        response = client.post(
            f"/v2/projects/{GALILEO_PROJECT_ID}/{kind}/search",
            json={
                "log_stream_id": GALILEO_LOG_STREAM_ID,
                "limit": 17,
                "starting_token": token,
                **body,
            },
        )
        assert response.status_code == 200, response.text
        page = response.json()
        rows.extend(page["records"])
        token = page["next_starting_token"]
    return rows


def ids(rows: list[Row]) -> list[str]:
    return [row.get("id") or row["unique_id"] for row in rows]


def meta(row: Row, key: str) -> Any:
    return (row.get("metadata") or {}).get(key)


def score(row: Row, slug: str) -> Any:
    value = (row.get("scores") or {}).get(slug) or {}
    return value.get("numerical_value", value.get("boolean_value"))


# -- Respan standard form over experiment traces ----------------------------------------------

STANDARD: dict[str, tuple[dict[str, Any], Check]] = {
    "equals": (
        {"status": {"operator": "", "value": ["success"]}},
        lambda r: r["status"] == "success",
    ),
    "equals a scalar value": (
        {"status": {"operator": "", "value": "error"}},
        lambda r: r["status"] == "error",
    ),
    "not": (
        {"status": {"operator": "not", "value": ["success"]}},
        lambda r: r["status"] != "success",
    ),
    "in": (
        {"environment": {"operator": "in", "value": ["staging", "development"]}},
        lambda r: r["environment"] in ("staging", "development"),
    ),
    "not_in": (
        {"environment": {"operator": "not_in", "value": ["production"]}},
        lambda r: r["environment"] != "production",
    ),
    "lt": ({"total_cost": {"operator": "lt", "value": [0.002]}}, lambda r: r["total_cost"] < 0.002),
    "lte": (
        {"total_tokens": {"operator": "lte", "value": [600]}},
        lambda r: r["total_tokens"] <= 600,
    ),
    "gt": ({"duration": {"operator": "gt", "value": [4.5]}}, lambda r: r["duration"] > 4.5),
    "gte": ({"span_count": {"operator": "gte", "value": [3]}}, lambda r: r["span_count"] >= 3),
    "range on one key": (
        {
            "total_cost": [
                {"operator": "gte", "value": [0.001]},
                {"operator": "lt", "value": [0.003]},
            ]
        },
        lambda r: 0.001 <= r["total_cost"] < 0.003,
    ),
    "contains": (
        {"name": {"operator": "contains", "value": ["refund"]}},
        lambda r: "refund" in r["name"],
    ),
    "not_contains": (
        {"name": {"operator": "not_contains", "value": ["refund"]}},
        lambda r: "refund" not in r["name"],
    ),
    "icontains": (
        {"name": {"operator": "icontains", "value": ["REFUND"]}},
        lambda r: "refund" in r["name"].lower(),
    ),
    "startswith": (
        {"comparison_key": {"operator": "startswith", "value": ["ship"]}},
        lambda r: r["comparison_key"].startswith("ship"),
    ),
    "not_startswith": (
        {"comparison_key": {"operator": "not_startswith", "value": ["ship"]}},
        lambda r: not r["comparison_key"].startswith("ship"),
    ),
    "endswith": (
        {"customer_identifier": {"operator": "endswith", "value": ["7"]}},
        lambda r: r["customer_identifier"].endswith("7"),
    ),
    "not_endswith": (
        {"customer_identifier": {"operator": "not_endswith", "value": ["7"]}},
        lambda r: not r["customer_identifier"].endswith("7"),
    ),
    "iexact": (
        {"status": {"operator": "iexact", "value": ["SUCCESS"]}},
        lambda r: r["status"] == "success",
    ),
    "isnull false": (
        {"status": {"operator": "isnull", "value": [False]}},
        lambda r: r["status"] is not None,
    ),
    "metadata equals": (
        {"metadata__user_id": {"operator": "", "value": ["u3"]}},
        lambda r: meta(r, "user_id") == "u3",
    ),
    "metadata not: rows without the key never match": (
        {"metadata__user_id": {"operator": "not", "value": ["u3"]}},
        lambda r: meta(r, "user_id") is not None and meta(r, "user_id") != "u3",
    ),
    "metadata dotted name": (
        {"metadata.topic": {"operator": "in", "value": ["refund", "login"]}},
        lambda r: meta(r, "topic") in ("refund", "login"),
    ),
    "numerical score": (
        {"scores__answer_relevance": {"operator": "gt", "value": [0.5]}},
        lambda r: score(r, "answer_relevance") is not None and score(r, "answer_relevance") > 0.5,
    ),
    "boolean score": (
        {"scores__faithfulness": {"operator": "", "value": ["true"]}},
        lambda r: score(r, "faithfulness") is True,
    ),
    "date-time": (
        {"start_time": {"operator": "gte", "value": ["2025-05-31T23:59:30Z"]}},
        lambda r: (
            datetime.fromisoformat(r["start_time"])
            >= datetime.fromisoformat("2025-05-31T23:59:30Z")
        ),
    ),
    "several keys are ANDed": (
        {
            "status": {"operator": "", "value": ["success"]},
            "environment": {"operator": "", "value": ["production"]},
        },
        lambda r: r["status"] == "success" and r["environment"] == "production",
    ),
}


@pytest.fixture(scope="module")
def all_traces(running: Running) -> list[Row]:
    with httpx.Client(
        base_url=running.base_url, headers={"Authorization": f"Bearer {running.respan_key}"}
    ) as c:
        rows = walk_respan(c, "GET", TRACES + "?page_size=100")
    assert len(rows) == 61  # 60 generated and seed 001's trace
    return rows


@pytest.mark.parametrize(("filters", "check"), STANDARD.values(), ids=STANDARD.keys())
def test_standard_form(
    respan_http: httpx.Client, all_traces: list[Row], filters: Any, check: Check
) -> None:
    expected = ids([row for row in all_traces if check(row)])
    got = ids(walk_respan(respan_http, "POST", TRACES + "list/?page_size=7", {"filters": filters}))
    assert got == expected
    assert 0 < len(expected) < len(all_traces) or "isnull" in str(filters)


# -- Respan list form: the export POST; the emulator logs which rows it would export ----------

LIST_FORM: dict[str, tuple[dict[str, Any], Check]] = {
    "=": ({"field": "status", "operator": "=", "value": "error"}, lambda r: r["status"] == "error"),
    "!=": (
        {"field": "status", "operator": "!=", "value": "error"},
        lambda r: r["status"] != "error",
    ),
    ">": (
        {"field": "total_tokens", "operator": ">", "value": 700},
        lambda r: r["total_tokens"] > 700,
    ),
    ">=": (
        {"field": "total_tokens", "operator": ">=", "value": 700},
        lambda r: r["total_tokens"] >= 700,
    ),
    "<": ({"field": "duration", "operator": "<", "value": 2}, lambda r: r["duration"] < 2),
    "<=": ({"field": "duration", "operator": "<=", "value": 2}, lambda r: r["duration"] <= 2),
    "contains": (
        {"field": "name", "operator": "contains", "value": "ship"},
        lambda r: "ship" in r["name"],
    ),
    "startsWith": (
        {"field": "comparison_key", "operator": "startsWith", "value": "log"},
        lambda r: r["comparison_key"].startswith("log"),
    ),
    "endsWith": (
        {"field": "customer_identifier", "operator": "endsWith", "value": "1"},
        lambda r: r["customer_identifier"].endswith("1"),
    ),
    "in": (
        {"field": "comparison_key", "operator": "in", "value": ["refund_00", "billing_03"]},
        lambda r: r["comparison_key"] in ("refund_00", "billing_03"),
    ),
    "not_in": (
        {"field": "environment", "operator": "not_in", "value": ["production", "staging"]},
        lambda r: r["environment"] not in ("production", "staging"),
    ),
}


@pytest.mark.parametrize(("condition", "check"), LIST_FORM.values(), ids=LIST_FORM.keys())
def test_list_form_export(
    emulator: Any, respan_http: httpx.Client, all_traces: list[Row], condition: Any, check: Check
) -> None:
    response = respan_http.post(TRACES, json={"filters": [condition]})
    assert response.status_code == 202
    (export,) = emulator.controls.exports
    assert export["ids"] == ids([row for row in all_traces if check(row)])
    assert 0 < export["count"] < len(all_traces)


# -- Respan plain form (seed 003) over dataset spans ------------------------------------------


def test_plain_form_on_dataset_spans(respan_http: httpx.Client) -> None:
    url = f"/api/datasets/{SEED_DATASET}/logs/list/?page_size=100"
    spans = walk_respan(respan_http, "GET", url)
    assert len(spans) == 41 and spans[-1]["unique_id"] == "log_12345"
    filters = {
        "model": "gpt-4",
        "metadata.user_id": "user3",
        "created_at": {"gte": "2025-05-31T23:59:00Z", "lte": "2025-05-31T23:59:50Z"},
    }

    def check(r: Row) -> bool:
        moment = datetime.fromisoformat(r["timestamp"])
        low = datetime.fromisoformat("2025-05-31T23:59:00Z")
        high = datetime.fromisoformat("2025-05-31T23:59:50Z")
        return r["model"] == "gpt-4" and meta(r, "user_id") == "user3" and low <= moment <= high

    expected = ids([span for span in spans if check(span)])
    assert expected
    assert ids(walk_respan(respan_http, "POST", url, {"filters": filters})) == expected


def test_dataset_spans_isnull_and_empty(respan_http: httpx.Client) -> None:
    url = f"/api/datasets/{SEED_DATASET}/logs/list/?page_size=100"
    spans = walk_respan(respan_http, "GET", url)
    only_seed = walk_respan(
        respan_http, "POST", url, {"filters": {"cost": {"operator": "isnull", "value": [True]}}}
    )
    assert ids(only_seed) == ["log_12345"]
    empty = {"annotation_completed_by": {"operator": "empty", "value": [""]}}
    assert ids(walk_respan(respan_http, "POST", url, {"filters": empty})) == ids(
        [s for s in spans if not s.get("annotation_completed_by")]
    )
    not_empty = {"annotation_completed_by": {"operator": "not_empty", "value": [""]}}
    assert ids(walk_respan(respan_http, "POST", url, {"filters": not_empty})) == ids(
        [s for s in spans if s.get("annotation_completed_by")]
    )


def test_dataset_spans_silently_drop_unknown_keys(respan_http: httpx.Client) -> None:
    """What the facade's own field check guards against: the filter is ignored, not refused."""
    url = f"/api/datasets/{SEED_DATASET}/logs/list/?page_size=100"
    unfiltered = walk_respan(respan_http, "GET", url)
    dropped = walk_respan(
        respan_http, "POST", url, {"filters": {"colour": {"operator": "", "value": ["red"]}}}
    )
    assert ids(dropped) == ids(unfiltered)


# -- Galileo flat filters and filter trees ----------------------------------------------------

GALILEO: dict[str, tuple[str, dict[str, Any], Check]] = {
    "text eq": ("traces", {"type": "text", "column_id": "name", "operator": "eq", "value": "refund question"},
                lambda r: r["name"] == "refund question"),
    "text ne": ("traces", {"type": "text", "column_id": "name", "operator": "ne", "value": "refund question"},
                lambda r: r["name"] != "refund question"),
    "text contains, case-insensitive": (
        "traces",
        {"type": "text", "column_id": "input", "operator": "contains", "value": "REFUND", "case_sensitive": False},
        lambda r: "refund" in r["input"].lower(),
    ),
    "text contains, case-sensitive": (
        "traces", {"type": "text", "column_id": "input", "operator": "contains", "value": "refund"},
        lambda r: "refund" in r["input"],
    ),
    "text one_of": ("traces", {"type": "text", "column_id": "name", "operator": "one_of",
                               "value": ["login question", "billing question"]},
                    lambda r: r["name"] in ("login question", "billing question")),
    "text not_in": ("traces", {"type": "text", "column_id": "name", "operator": "not_in",
                               "value": ["login question"]}, lambda r: r["name"] != "login question"),
    "number gt": ("traces", {"type": "number", "column_id": "metrics/duration_ns", "operator": "gt", "value": 4e9},
                  lambda r: r["metrics"]["duration_ns"] > 4e9),
    "number lte": ("spans", {"type": "number", "column_id": "metrics/duration_ns", "operator": "lte", "value": 1e9},
                   lambda r: r["metrics"]["duration_ns"] <= 1e9),
    "number between": ("traces", {"type": "number", "column_id": "metrics/cost", "operator": "between",
                                  "value": [0.005, 0.015]}, lambda r: 0.005 <= r["metrics"]["cost"] <= 0.015),
    "date lt": ("traces", {"type": "date", "column_id": "created_at", "operator": "lt",
                           "value": "2025-05-31T23:58:00Z"},
                lambda r: datetime.fromisoformat(r["created_at"]) < datetime.fromisoformat("2025-05-31T23:58:00Z")),
    "date gte": ("sessions", {"type": "date", "column_id": "created_at", "operator": "gte",
                              "value": "2025-05-31T23:58:00Z"},
                 lambda r: datetime.fromisoformat(r["created_at"]) >= datetime.fromisoformat("2025-05-31T23:58:00Z")),
    "text eq on the record type": ("spans", {"type": "text", "column_id": "type", "operator": "eq", "value": "tool"},
                                   lambda r: r["type"] == "tool"),
    "id eq": ("spans", {"type": "id", "column_id": "trace_id", "operator": "eq", "value": "__FIRST_TRACE__"},
              lambda r: r["trace_id"] == "__FIRST_TRACE__"),
    "id contains": ("traces", {"type": "id", "column_id": "id", "operator": "contains", "value": "a"},
                    lambda r: "a" in r["id"]),
    "id not_in": ("spans", {"type": "id", "column_id": "parent_id", "operator": "not_in",
                            "value": ["__FIRST_TRACE__"]}, lambda r: r["parent_id"] != "__FIRST_TRACE__"),
    "id one_of on trace_id": ("spans", {"type": "id", "column_id": "trace_id", "operator": "one_of",
                                        "value": ["__FIRST_TRACE__"]}, lambda r: r["trace_id"] == "__FIRST_TRACE__"),
    "id ne": ("spans", {"type": "id", "column_id": "parent_id", "operator": "ne", "value": "__FIRST_TRACE__"},
              lambda r: r["parent_id"] != "__FIRST_TRACE__"),
    "collection contains": ("traces", {"type": "collection", "column_id": "tags", "operator": "contains",
                                       "value": "prod"}, lambda r: "prod" in r["tags"]),
    "collection one_of": ("traces", {"type": "collection", "column_id": "tags", "operator": "one_of",
                                     "value": ["login", "refund"]}, lambda r: bool({"login", "refund"} & set(r["tags"]))),
    "collection not_in": ("traces", {"type": "collection", "column_id": "tags", "operator": "not_in",
                                     "value": ["prod"]}, lambda r: "prod" not in r["tags"]),
    "collection eq": ("traces", {"type": "collection", "column_id": "tags", "operator": "eq",
                                 "value": ["refund"]}, lambda r: r["tags"] == ["refund"]),
    "user metadata": ("traces", {"type": "text", "column_id": "user_metadata/tenant", "operator": "eq",
                                 "value": "globex"}, lambda r: r["user_metadata"]["tenant"] == "globex"),
}  # fmt: skip


@pytest.fixture(scope="module")
def galileo_truth(running: Running) -> dict[str, list[Row]]:
    with httpx.Client(
        base_url=running.base_url, headers={"Galileo-API-Key": running.galileo_key}
    ) as c:
        truth = {kind: walk_galileo(c, kind, {}) for kind in ("traces", "spans", "sessions")}
    assert [len(truth[k]) for k in ("traces", "spans", "sessions")] == [25, 75, 7]
    return truth


def _substitute(value: Any, first_trace: str) -> Any:
    if isinstance(value, dict):
        return {k: _substitute(v, first_trace) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, first_trace) for v in value]
    return first_trace if value == "__FIRST_TRACE__" else value


@pytest.mark.parametrize(("kind", "spec", "check"), GALILEO.values(), ids=GALILEO.keys())
def test_galileo_flat_filter(
    galileo_http: httpx.Client,
    galileo_truth: dict[str, list[Row]],
    kind: str,
    spec: Any,
    check: Check,
) -> None:
    first_trace = galileo_truth["traces"][0]["id"]
    spec = _substitute(spec, first_trace)
    expected = [r["id"] for r in galileo_truth[kind] if _check_with(check, r, first_trace)]
    got = [r["id"] for r in walk_galileo(galileo_http, kind, {"filters": [spec]})]
    assert got == expected
    assert expected, "each case must select something"


def _check_with(check: Check, row: Row, first_trace: str) -> bool:
    linked = ("trace_id", "parent_id")
    substituted = {
        key: "__FIRST_TRACE__" if key in linked and value == first_trace else value
        for key, value in row.items()
    }
    return check(substituted)


def test_galileo_text_is_case_sensitive_by_default(galileo_http: httpx.Client) -> None:
    spec = {"type": "text", "column_id": "input", "operator": "contains", "value": "REFUND"}
    assert walk_galileo(galileo_http, "traces", {"filters": [spec]}) == []
    spec["case_sensitive"] = False
    assert walk_galileo(galileo_http, "traces", {"filters": [spec]})


@pytest.mark.parametrize("operator", ["eq", "ne"])
def test_galileo_number_equality(
    galileo_http: httpx.Client, galileo_truth: dict[str, list[Row]], operator: str
) -> None:
    tokens = galileo_truth["traces"][3]["metrics"]["num_input_tokens"]
    spec = {
        "type": "number",
        "column_id": "metrics/num_input_tokens",
        "operator": operator,
        "value": tokens,
    }
    same = [r["id"] for r in galileo_truth["traces"] if r["metrics"]["num_input_tokens"] == tokens]
    other = [r["id"] for r in galileo_truth["traces"] if r["metrics"]["num_input_tokens"] != tokens]
    got = [r["id"] for r in walk_galileo(galileo_http, "traces", {"filters": [spec]})]
    assert got == (same if operator == "eq" else other)


def test_galileo_filter_tree_and_or_not(
    galileo_http: httpx.Client, galileo_truth: dict[str, list[Row]]
) -> None:
    tree = {
        "or": [
            {"and": [
                {"filter": {"type": "number", "column_id": "metrics/duration_ns", "operator": "gt", "value": 5e9}},
                {"not": {"filter": {"type": "collection", "column_id": "tags", "operator": "contains", "value": "prod"}}},
            ]},
            {"filter": {"type": "text", "column_id": "name", "operator": "eq", "value": "weather question"}},
        ]
    }  # fmt: skip

    def check(r: Row) -> bool:
        long_not_prod = r["metrics"]["duration_ns"] > 5e9 and "prod" not in r["tags"]
        return long_not_prod or r["name"] == "weather question"

    expected = [r["id"] for r in galileo_truth["traces"] if check(r)]
    assert expected
    assert [
        r["id"] for r in walk_galileo(galileo_http, "traces", {"filter_tree": tree})
    ] == expected


def test_galileo_flat_filters_and_tree_together(
    galileo_http: httpx.Client, galileo_truth: dict[str, list[Row]]
) -> None:
    body = {
        "filters": [{"type": "text", "column_id": "type", "operator": "eq", "value": "llm"}],
        "filter_tree": {"not": {"filter": {"type": "number", "column_id": "metrics/duration_ns", "operator": "lt", "value": 1e9}}},
    }  # fmt: skip
    expected = [
        r["id"]
        for r in galileo_truth["spans"]
        if r["type"] == "llm" and r["metrics"]["duration_ns"] >= 1e9
    ]
    assert expected
    assert [r["id"] for r in walk_galileo(galileo_http, "spans", body)] == expected
