"""doctor's read-only questions to Respan: every read operation once (lists with page_size
1), then the paging signals of one listing and what two endpoints do with a filter key they
do not know, each compared with what the spec says. About twenty requests."""

from __future__ import annotations

from typing import Any

from respan_client import api_facts
from respan_client.api.datasets import list_dataset_spans, list_dataset_spans_get
from respan_client.api.experiment_traces import (
    filter_experiment_trace_summary,
    filter_experiment_traces,
    get_experiment_trace_summary,
    list_experiment_traces,
    retrieve_experiment_trace,
)
from respan_client.api.experiments import (
    filter_experiment_score_histogram,
    filter_experiments,
    filter_experiments_summary,
    get_experiment_score_histogram,
    get_experiments_summary,
    list_experiments,
    list_experiments_filtered,
    retrieve_experiment,
)
from respan_client.api.logs import list_spans, list_traces
from respan_client.models import DatasetSpanFilterRequest, FilterRequest, LogFilterRequest

from .probe import Check, Prober

UNKNOWN_KEY = "tracebridge_doctor_unknown"
UNKNOWN_FILTER = {UNKNOWN_KEY: {"operator": "", "value": ["tracebridge-doctor"]}}


def _first(body: Any, key: str = "results") -> dict[str, Any] | None:
    rows = body.get(key) if isinstance(body, dict) else None
    return rows[0] if isinstance(rows, list) and rows and isinstance(rows[0], dict) else None


def run(prober: Prober, experiment_id: str | None, dataset_id: str | None) -> None:
    one: dict[str, Any] = {"page": 1, "page_size": 1}
    _, listed = prober.send(
        "experiments (filtered list)", filter_experiments, body=FilterRequest(), **one
    )
    prober.send("experiments (list)", list_experiments, **one)
    prober.send("experiments (list, GET form)", list_experiments_filtered, **one)
    prober.send("experiments summary", get_experiments_summary)
    prober.send("experiments summary (filtered)", filter_experiments_summary, body=FilterRequest())
    first = _first(listed)
    experiment_id = experiment_id or (first or {}).get("id")
    if experiment_id is None:
        prober.note(
            Check("respan", "experiments", "filter_experiments", notes=["no experiment to read"])
        )
        return
    _, experiment = prober.send("experiment", retrieve_experiment, experiment_id)
    _traces(prober, experiment_id)
    dataset_id = dataset_id or (experiment or {}).get("dataset_id")
    if dataset_id:
        _dataset(prober, dataset_id)
    # the service's own window (the last hour): the same request every run, so a recorded
    # cassette replays
    prober.send("organization spans", list_spans, body=LogFilterRequest(), **one)
    prober.send("organization traces", list_traces, body=LogFilterRequest(), **one)


def _traces(prober: Prober, experiment_id: str) -> None:
    one: dict[str, Any] = {"page": 1, "page_size": 1}
    _, page = prober.send(
        "experiment traces", filter_experiment_traces, experiment_id, body=FilterRequest(), **one
    )
    prober.send("experiment traces (GET form)", list_experiment_traces, experiment_id, **one)
    prober.send("trace summary", get_experiment_trace_summary, experiment_id)
    prober.send(
        "trace summary (filtered)",
        filter_experiment_trace_summary,
        experiment_id,
        body=FilterRequest(),
    )
    trace = _first(page)
    if trace is None:
        return
    prober.send("trace", retrieve_experiment_trace, experiment_id, str(trace.get("id")))
    scores = trace.get("scores")
    if isinstance(scores, dict) and scores:
        evaluator = str(next(iter(scores)))
        prober.send(
            "score histogram", get_experiment_score_histogram, experiment_id, evaluator_id=evaluator
        )
        prober.send(
            "score histogram (filtered)", filter_experiment_score_histogram, experiment_id,
            evaluator_id=evaluator, body=FilterRequest(),
        )  # fmt: skip
    _paging(prober, experiment_id, page)
    _unknown_key(
        prober, "experiment traces", filter_experiment_traces, experiment_id, FilterRequest, page
    )


def _dataset(prober: Prober, dataset_id: str) -> None:
    one: dict[str, Any] = {"page": 1, "page_size": 1}
    _, page = prober.send(
        "dataset spans", list_dataset_spans, dataset_id, body=DatasetSpanFilterRequest(), **one
    )
    prober.send("dataset spans (GET form)", list_dataset_spans_get, dataset_id, **one)
    _unknown_key(
        prober, "dataset spans", list_dataset_spans, dataset_id, DatasetSpanFilterRequest, page
    )


def _paging(prober: Prober, experiment_id: str, first: Any) -> None:
    """Page 1 of 1-row pages links a next page when there is more than one row; the last
    page links none; the page after it is the documented 404."""
    check = Check("respan", "paging (experiment traces)", "filter_experiment_traces")
    count = first.get("count") if isinstance(first, dict) else None
    if not isinstance(count, int) or count < 1:
        check.notes.append("too few rows to check paging")
        prober.note(check)
        return
    if (first.get("next") is not None) != (count > 1):
        check.problems.append(
            f"page 1 of {count} one-row pages: next is {_shown(first.get('next'))}"
        )
    for page, expected in ((count, "last page"), (count + 1, "page past the end")):
        result, body = prober.send(
            f"paging: the {expected}", filter_experiment_traces, experiment_id,
            body=FilterRequest(), page=page, page_size=1, check=False,
        )  # fmt: skip
        if expected == "last page":
            if result.status != 200:
                check.problems.append(f"the last page ({page}) answered HTTP {result.status}")
            elif isinstance(body, dict) and body.get("next") is not None:
                check.problems.append("the last page links a next page")
        elif result.status != 404:
            check.problems.append(
                f"the page past the end answered HTTP {result.status}, not the documented 404"
            )
    prober.note(check)


def _unknown_key(
    prober: Prober, name: str, module: Any, path_id: str, model: Any, baseline: Any
) -> None:
    """Send a filter on a field nobody has; the spec says whether the endpoint rejects it
    (`x-unknown-filter-keys: reject`) or answers as if it were not there (`ignore`)."""
    expected = api_facts.OPERATIONS[module.OPERATION_ID]["unknown_filter_keys"]
    check = Check("respan", f"unknown filter key ({name})", module.OPERATION_ID)
    result, body = prober.send(
        f"{name} with an unknown filter key", module, path_id,
        body=model.from_dict({"filters": UNKNOWN_FILTER}), page=1, page_size=1, check=False,
    )  # fmt: skip
    if result.status is None:
        return
    rejected = 400 <= result.status < 500
    counts = [page.get("count") if isinstance(page, dict) else None for page in (body, baseline)]
    seen = "rejected" if rejected else "ignored" if counts[0] == counts[1] else "applied"
    check.unknown_filter("an unknown filter key", seen, expected)
    prober.note(check)


def _shown(value: Any) -> str:
    return "null" if value is None else "a link"
