"""Drive galileo 2.7.0, unmodified, against a running emulator; print what it got as JSON.

Runs inside the vendor's own throwaway environment (scripts/vendor_sdks.py makes it), never
with tracebridge importable: `python drive_galileo.py '<job json>'`. Every answer is parsed by
the SDK's own models (its calls return them, or raise); what is printed is the ids each call
returned, for test_vendor_sdks.py to compare with tracebridge's answers to the same questions.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def main(job: dict[str, Any]) -> dict[str, Any]:
    os.environ["GALILEO_API_KEY"] = job["key"]
    os.environ["GALILEO_API_URL"] = job["url"]
    os.environ["GALILEO_CONSOLE_URL"] = job["url"]
    os.environ.pop("GALILEO_PROJECT", None)
    os.environ.pop("GALILEO_PROJECT_ID", None)

    from galileo import log_streams, projects, search
    from galileo.experiments import get_experiment, get_experiments
    from galileo.export import export_records
    from galileo.resources.models import (
        LLMExportFormat,
        LogRecordsSortClause,
        LogRecordsTextFilter,
        RootType,
    )
    from galileo.resources.models.log_records_text_filter_operator import (
        LogRecordsTextFilterOperator,
    )

    project, stream, experiment = job["project_id"], job["log_stream_id"], job["experiment_id"]
    out: dict[str, Any] = {}

    by_name = projects.get_project(name=job["project_name"])
    by_id = projects.get_project(id=project)
    out["project"] = {"by_name": str(by_name.id), "by_id": str(by_id.id)}
    out["projects"] = sorted(str(p.id) for p in projects.list_projects())
    named = log_streams.get_log_stream(name=job["log_stream_name"], project_id=project)
    out["log_stream"] = str(named.id)
    out["log_streams"] = sorted(str(s.id) for s in log_streams.list_log_streams(project_id=project))
    out["experiments"] = sorted(str(e.id) for e in get_experiments(project_id=project))
    found = get_experiment(project_id=project, experiment_name=job["experiment_name"])
    out["experiment"] = str(found.id)

    refund = LogRecordsTextFilter(
        column_id="input", operator=LogRecordsTextFilterOperator.CONTAINS, value="refund"
    )
    newest = LogRecordsSortClause(column_id="created_at", ascending=False)
    queries = {
        "traces": (search.get_traces, {"log_stream_id": stream}),
        "spans": (search.get_spans, {"log_stream_id": stream}),
        "sessions": (search.get_sessions, {"log_stream_id": stream}),
        "experiment traces": (search.get_traces, {"experiment_id": experiment}),
        "refund traces": (search.get_traces, {"log_stream_id": stream, "filters": [refund]}),
        "spans newest first": (search.get_spans, {"log_stream_id": stream, "sort": newest}),
    }
    out["search"], out["models"] = {}, {}
    for name, (function, arguments) in queries.items():
        ids: list[str] = []
        models: set[str] = set()
        token: int | None = 0
        while token is not None:
            page = function(project, limit=job["page_size"], starting_token=token, **arguments)
            ids += [str(record.id) for record in page.records]
            models |= {type(record).__name__ for record in page.records}
            token = page.next_starting_token if page.next_starting_token else None
        out["search"][name], out["models"][name] = ids, sorted(models)

    exports = {
        "traces": {"log_stream_id": stream},
        "spans": {"log_stream_id": stream, "root_type": RootType.SPAN},
        "sessions csv": {
            "log_stream_id": stream,
            "root_type": RootType.SESSION,
            "export_format": LLMExportFormat.CSV,
            "column_ids": ["id", "name", "created_at"],
        },
        "refund traces": {"experiment_id": experiment, "filters": [refund]},
        "first log stream": {},  # the SDK picks the project's oldest log stream itself
    }
    out["export"] = {
        name: [str(row["id"]) for row in export_records(project, **arguments)]
        for name, arguments in exports.items()
    }
    return out


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
