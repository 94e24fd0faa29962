"""doctor's read-only questions to Galileo: projects, log streams and experiments, then for
each record kind one search page of one record, the count and the columns, the first line
of the export stream, the paging signals of the trace search and what the search does with
a filter on a column nobody has. About twenty requests."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import httpx

from galileo_client import api_facts
from galileo_client.api.export import export_records
from galileo_client.api.projects import list_experiments, list_log_streams, list_projects
from galileo_client.api.records import (
    count_sessions,
    count_spans,
    count_traces,
    get_session_columns,
    get_span_columns,
    get_trace_columns,
    search_sessions,
    search_spans,
    search_traces,
)
from galileo_client.models import (
    AvailableColumnsRequest,
    LogRecordsCountRequest,
    LogRecordsExportRequest,
    LogRecordsQueryRequest,
)

from ..transport import STREAM_EXTENSION
from .probe import Check, Exchange, Prober
from .schema import Difference

KINDS = {
    "trace": (search_traces, count_traces, get_trace_columns),
    "span": (search_spans, count_spans, get_span_columns),
    "session": (search_sessions, count_sessions, get_session_columns),
}
UNKNOWN_FILTER = {
    "column_id": "tracebridge_doctor_unknown",
    "operator": "eq",
    "value": "tracebridge-doctor",
    "type": "text",
}


def _id_of(rows: Any) -> str | None:
    if isinstance(rows, list) and rows and isinstance(rows[0], dict) and rows[0].get("id"):
        return str(rows[0]["id"])
    return None


def run(
    prober: Prober, project_id: str | None, log_stream_id: str | None, experiment_id: str | None
) -> None:
    _, projects = prober.send("projects", list_projects)
    project = project_id or _id_of(projects)
    if project is None:
        prober.note(Check("galileo", "projects", "list_projects", notes=["no project to read"]))
        return
    _, streams = prober.send("log streams", list_log_streams, UUID(project))
    _, experiments = prober.send("experiments", list_experiments, UUID(project))
    run_ids: dict[str, str] = {}
    if log_stream_id or _id_of(streams):
        run_ids = {"log_stream_id": str(log_stream_id or _id_of(streams))}
    elif experiment_id or _id_of(experiments):
        run_ids = {"experiment_id": str(experiment_id or _id_of(experiments))}
    if not run_ids:
        prober.note(Check("galileo", "records", "search_traces", notes=["no run to read"]))
        return
    totals: dict[str, Any] = {}
    for kind, (search, count, columns) in KINDS.items():
        one = LogRecordsQueryRequest.from_dict({**run_ids, "starting_token": 0, "limit": 1})
        _, page = prober.send(f"{kind}s: one search page", search, UUID(project), body=one)
        _, counted = prober.send(
            f"{kind}s: count", count, UUID(project), body=LogRecordsCountRequest.from_dict(run_ids)
        )
        prober.send(
            f"{kind}s: columns", columns, UUID(project),
            body=AvailableColumnsRequest.from_dict(run_ids),
        )  # fmt: skip
        totals[kind] = (page, counted)
    _export_first_line(prober, project, run_ids)
    _paging(prober, project, run_ids, *totals["trace"])
    _unknown_column(prober, project, run_ids)


def _export_first_line(prober: Prober, project: str, run_ids: dict[str, str]) -> None:
    """The export is a stream that can be large: read its first line, then hang up."""
    check = Check("galileo", "export (first line)", export_records.OPERATION_ID)
    body = LogRecordsExportRequest.from_dict({"root_type": "trace", **run_ids})
    request = prober.request(export_records, UUID(project), body=body)
    request.extensions[STREAM_EXTENSION] = True
    response = prober.send_streamed(check.name, export_records.OPERATION_ID, request)
    if response is None:
        return
    try:
        check.status = response.status_code
        if response.status_code >= 400:
            check.notes.append(f"HTTP {response.status_code}: not reachable with this key")
            prober.note(check)
            return
        line = next(response.iter_lines(), "")  # the rest of the body is never read
    finally:
        response.close()
    prober.exchanges.append(Exchange(request, _first_line_response(response, line)))
    try:
        record = json.loads(line) if line else None
    except ValueError:
        check.problems.append("the export's first line is not JSON")
        prober.note(check)
        return
    if record is not None:
        schema = {"$ref": "#/components/schemas/AnyRecord"}
        check.differences = [
            Difference(f"(line).{d.path}" if d.path else "(line)", d.kind, d.expected, d.seen)
            for d in prober.spec.differences(record, schema)
        ]
    prober.note(check)


def _first_line_response(response: httpx.Response, line: str) -> httpx.Response:
    """What was read of the stream, as an answer a cassette can hold."""
    return httpx.Response(
        response.status_code,
        headers={"content-type": response.headers.get("content-type", "application/jsonl")},
        content=(line + "\n").encode() if line else b"",
        request=response.request,
    )


def _paging(prober: Prober, project: str, run_ids: dict[str, str], page: Any, counted: Any) -> None:
    """A one-record page names the next offset when there is more than one record; the
    page at the count is empty and names none."""
    check = Check("galileo", "paging (trace search)", search_traces.OPERATION_ID)
    total = counted.get("total_count") if isinstance(counted, dict) else None
    if not isinstance(total, int) or not isinstance(page, dict):
        check.notes.append("no count to check paging against")
        prober.note(check)
        return
    following = page.get("next_starting_token")
    if (following is not None) != (total > 1):
        check.problems.append(
            f"page 1 of {total} one-record pages: next_starting_token is "
            f"{'null' if following is None else 'set'}"
        )
    past = LogRecordsQueryRequest.from_dict({**run_ids, "starting_token": total, "limit": 1})
    _, after = prober.send(
        "paging: the offset past the end", search_traces, UUID(project), body=past, check=False
    )
    if isinstance(after, dict):
        if after.get("records"):
            check.problems.append("the offset past the end still returns records")
        if after.get("next_starting_token") is not None:
            check.problems.append("the offset past the end names a next offset")
    prober.note(check)


def _unknown_column(prober: Prober, project: str, run_ids: dict[str, str]) -> None:
    expected = api_facts.OPERATIONS[search_traces.OPERATION_ID]["unknown_filter_keys"]
    check = Check("galileo", "unknown filter column (trace search)", search_traces.OPERATION_ID)
    body = LogRecordsQueryRequest.from_dict({**run_ids, "limit": 1, "filters": [UNKNOWN_FILTER]})
    result, _ = prober.send(
        "trace search with an unknown column", search_traces, UUID(project), body=body, check=False
    )
    if result.status is None:
        return
    seen = "rejected" if 400 <= result.status < 500 else "ignored"
    check.unknown_filter("a filter on an unknown column", seen, expected)
    prober.note(check)
