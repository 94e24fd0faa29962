"""Drive respan-api 0.1.47, unmodified, against a running emulator; print what it got as JSON.

Runs inside the vendor's own throwaway environment (scripts/vendor_sdks.py makes it), never
with tracebridge importable: `python drive_respan.py '<job json>'`. Every answer is parsed by
the SDK's own pydantic models (its calls return them, or raise). Listings are walked page by
page while a page links the next; the SDK's own pager asks for one page more and gets
the documented DRF 404 "Invalid page.", which is recorded, not treated as a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any


def main(job: dict[str, Any]) -> dict[str, Any]:
    from respan import RespanClient
    from respan.core.api_error import ApiError

    client = RespanClient(
        authorization=f"Bearer {job['key']}", respan_api_key=job["key"], base_url=job["url"]
    )
    experiment, size = job["experiment_id"], job["page_size"]
    ever = {
        "start_time": dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
        "end_time": dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
    }
    out: dict[str, Any] = {}

    def walk(call: Any, *args: Any, **kwargs: Any) -> list[str]:
        """Every row id, page by page while the answer links a next page, each page parsed
        by the SDK's model."""
        ids: list[str] = []
        page = 1
        while True:
            answer = call(*args, page=page, page_size=size, **kwargs)
            response = getattr(answer, "response", answer)  # a SyncPager, or the page itself
            ids += [str(_id(row)) for row in response.results]
            if not response.next:
                return ids
            page += 1

    experiments = client.experiments
    out["experiments"] = walk(experiments.list_experiments)
    out["completed experiments"] = walk(
        experiments.list_experiments, filters={"status": {"operator": "", "value": ["completed"]}}
    )
    out["experiment"] = experiments.retrieve_experiment(experiment).id
    out["experiments summary"] = experiments.filter_experiments_summary().total_count
    out["traces"] = walk(experiments.list_experiment_spans, experiment)
    out["error traces"] = walk(
        experiments.list_experiment_spans,
        experiment,
        filters={"status": {"operator": "", "value": ["error"]}},
    )
    out["costly traces"] = walk(
        experiments.list_experiment_spans,
        experiment,
        sort_by="-total_cost",
        filters={"total_cost": {"operator": "gt", "value": [0.002]}},
    )
    detail = experiments.retrieve_experiment_span(experiment, job["trace_id"])
    out["trace detail"] = {"id": detail.id, "tree": [node.id for node in detail.span_tree or []]}
    summary = experiments.filter_experiment_spans_summary(experiment)
    out["trace summary"] = summary.number_of_requests
    histogram = experiments.filter_experiment_score_histogram(
        experiment, evaluator_id=job["evaluator"], bins=4
    )
    out["histogram"] = [bin_.count for bin_ in histogram.bins]
    out["dataset spans"] = walk(client.datasets.list_dataset_logs, job["dataset_id"])
    out["spans"] = walk(client.spans.list_spans, **ever)
    out["org traces"] = walk(client.traces.list_traces, **ever)

    made = experiments.create_experiment(
        dataset_id=job["dataset_id"],
        workflow=[{"type": "prompt", "config": {}}],
        name="made by respan-api",
    )
    renamed = experiments.update_experiment(made.id, name="renamed by respan-api")
    experiments.delete_experiment(made.id)
    out["changes"] = {"created": made.name, "renamed": renamed.name}

    seen: list[str] = []
    try:
        for row in experiments.list_experiment_spans(experiment, page_size=size):
            seen.append(str(row.id))
        out["pager end"] = {"rows": seen, "error": None}
    except ApiError as exc:
        out["pager end"] = {"rows": seen, "error": exc.status_code, "body": exc.body}
    return out


def _id(row: Any) -> Any:
    return row["id"] if isinstance(row, dict) else row.id


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1])), default=str))
