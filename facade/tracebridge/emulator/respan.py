"""Respan's routes, as openapi/respan.yaml describes them.

Errors are Django REST framework's: `{"detail": ...}`, with `errors` on 422. A page past the
last answers 404 `{"detail": "Invalid page."}`. Unknown filter keys are rejected with 400
where the reference documents a 400 (experiments, experiment traces, organization lists)
and silently dropped where it does not (dataset spans), which is what makes the facade's
own field check necessary.
"""

from __future__ import annotations

import copy
import json
import statistics
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from respan_client import api_facts as respan_facts

from ..catalog import RESPAN_EXPERIMENT, RESPAN_SPAN, RESPAN_TRACE, Kind, sortable_field
from .data import EVALUATORS, Collection, Dataset, Row, iso
from .filters import FilterProblem, parse_datetime, respan_conditions, respan_predicate
from .query import Order, Predicate, QueryCache, Selection, both, sort_value

WORKFLOW_TYPES = ("prompt", "completion", "eval", "condition", "wait", "duplicate")
EXPORT_MESSAGE = "Exporting experiment logs. Check your email for the download link."

Handler = Callable[[Request], Awaitable[Response]]


class Problem(Exception):
    """An error answer: status and body."""

    def __init__(self, status: int, detail: str, **extra: Any):
        super().__init__(detail)
        self.status = status
        self.body = {"detail": detail, **extra}


def _invalid(field: str, message: str) -> Problem:
    return Problem(400, f"Invalid {field}: {message}", errors={field: [message]})


RENDERED_PAGES = 32  # organization listing pages kept rendered (at most ~40 MB)


class RespanService:
    def __init__(
        self,
        data: Dataset,
        key: str,
        cache: QueryCache,
        exports: list[dict[str, Any]],
        max_body: Any,
    ):
        self.data = data
        self.key = key
        self.cache = cache
        self.exports = exports
        self.max_body = max_body  # callable giving the current limit
        self._rendered: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()

    # -- plumbing ---------------------------------------------------------------------------

    def routes(self) -> list[Route]:
        e = "/api/v2/experiments"
        return [
            Route(f"{e}/", self._wrap(self.experiments_root), methods=["GET", "POST"]),
            Route(f"{e}/list/", self._wrap(self.experiments_list), methods=["GET", "POST"]),
            Route(f"{e}/summary/", self._wrap(self.experiments_summary), methods=["GET", "POST"]),
            Route(
                f"{e}/{{experiment_id}}/",
                self._wrap(self.experiment),
                methods=["GET", "PUT", "PATCH", "DELETE"],
            ),
            Route(
                f"{e}/{{experiment_id}}/logs/",
                self._wrap(self.traces_root),
                methods=["GET", "POST"],
            ),
            Route(
                f"{e}/{{experiment_id}}/logs/list/",
                self._wrap(self.traces_filter),
                methods=["POST"],
            ),
            Route(
                f"{e}/{{experiment_id}}/logs/summary/",
                self._wrap(self.traces_summary),
                methods=["GET", "POST"],
            ),
            Route(
                f"{e}/{{experiment_id}}/logs/{{log_id}}/",
                self._wrap(self.trace),
                methods=["GET", "PATCH"],
            ),
            Route(
                f"{e}/{{experiment_id}}/histogram/",
                self._wrap(self.histogram),
                methods=["GET", "POST"],
            ),
            Route(
                "/api/datasets/{dataset_id}/logs/list/",
                self._wrap(self.dataset_spans),
                methods=["GET", "POST"],
            ),
            Route("/api/request-logs/list/", self._wrap(self.org_spans), methods=["POST"]),
            Route("/api/traces/list/", self._wrap(self.org_traces), methods=["POST"]),
        ]

    def _wrap(self, handler: Handler) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                self._authenticate(request)
                return await handler(request)
            except Problem as problem:
                return JSONResponse(problem.body, status_code=problem.status)
            except FilterProblem as problem:
                return JSONResponse(
                    {"detail": str(problem), "errors": {"filters": [str(problem)]}}, status_code=400
                )

        return endpoint

    def _authenticate(self, request: Request) -> None:
        header = request.headers.get("authorization")
        if not header:
            raise Problem(401, "Authentication credentials were not provided.")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or token.strip() != self.key:
            raise Problem(401, "Invalid API key.")

    async def _body(self, request: Request, limit_applies: bool = False) -> dict[str, Any]:
        raw = await request.body()
        if limit_applies and len(raw) > self.max_body():
            raise Problem(413, "Request body too large. Narrow the filters or the time window.")
        if not raw.strip():
            return {}
        try:
            body = json.loads(raw)
        except ValueError as exc:
            raise Problem(400, f"JSON parse error - {exc}") from None
        if not isinstance(body, dict):
            raise Problem(400, "Invalid data. Expected a dictionary.")
        return body

    @staticmethod
    def _int(request: Request, name: str, default: int, low: int, high: int | None) -> int:
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise _invalid(name, "A valid integer is required.") from None
        if value < low:
            raise _invalid(name, f"Ensure this value is greater than or equal to {low}.")
        if high is not None and value > high:
            raise _invalid(name, f"Ensure this value is less than or equal to {high}.")
        return value

    @staticmethod
    def _time(request: Request, name: str) -> datetime | None:
        raw = request.query_params.get(name)
        if not raw:
            return None
        try:
            return parse_datetime(raw, name)
        except FilterProblem:
            raise _invalid(name, "Datetime has wrong format. Use ISO 8601.") from None

    @staticmethod
    def _flag(request: Request, name: str) -> bool:
        return request.query_params.get(name, "").lower() in ("1", "true")

    def _order(self, sort_by: str | None, fields: Mapping[str, Kind], default: str) -> Order | None:
        """None when the order is the collection's own (the default sort)."""
        sort_by = sort_by or default
        if sort_by == default:
            return None
        name = sortable_field(sort_by.removeprefix("-"), fields)
        if name is None:
            raise _invalid("sort_by", f"Cannot sort by {sort_by.removeprefix('-')!r}.")
        kind = fields[name]
        to_key = sort_value(kind)
        return Order(lambda row: to_key(row.get(name)), sort_by.startswith("-"))

    @staticmethod
    def _window(field: str, start: datetime | None, end: datetime | None) -> Any:
        if start is None and end is None:
            return None

        def inside(row: Row) -> bool:
            value = row.get(field)
            if value is None:
                return False
            moment = parse_datetime(value)
            return (start is None or moment >= start) and (end is None or moment < end)

        return inside

    def _page(
        self,
        request: Request,
        rows: Selection,
        page_size_max: int,
        page_size_default: int,
        count_is_page: bool = False,
        transform: Any = None,
    ) -> dict[str, Any]:
        page = self._int(request, "page", 1, 1, None)
        page_size = self._int(request, "page_size", page_size_default, 1, page_size_max)
        total = len(rows)
        start = (page - 1) * page_size
        if start >= total and page != 1:
            raise Problem(404, "Invalid page.")
        results = rows[start : start + page_size]
        if transform is not None:
            results = [transform(row) for row in results]
        has_next = start + page_size < total
        return {
            "count": len(results) if count_is_page else total,
            "next": str(request.url.include_query_params(page=page + 1)) if has_next else None,
            "previous": str(request.url.include_query_params(page=page - 1)) if page > 1 else None,
            "results": results,
        }

    # -- experiments ------------------------------------------------------------------------

    def _find_experiment(self, experiment_id: str) -> Row:
        for experiment in self.data.experiments:
            if experiment["id"] == experiment_id:
                return experiment
        raise Problem(404, "Not found.")

    @staticmethod
    def _listed(experiment: Row) -> Row:
        return {key: experiment[key] for key in RESPAN_EXPERIMENT if key in experiment} | {
            key: value
            for key, value in experiment.items()
            if key not in RESPAN_EXPERIMENT and key not in _DETAIL_ONLY
        }

    def _experiment_selection(self, request: Request, filters: Any) -> Selection:
        predicate = None
        if filters:
            predicate = respan_predicate(respan_conditions(filters), RESPAN_EXPERIMENT)
        order = self._order(request.query_params.get("sort_by"), RESPAN_EXPERIMENT, "-created_at")
        # few rows that change in place: not worth caching
        return self.cache.select(_ListCollection(self.data.experiments), None, predicate, order)

    async def experiments_root(self, request: Request) -> Response:
        if request.method == "POST":
            body = await self._body(request)
            experiment = self._new_experiment(body, existing=None)
            self.data.experiments.insert(0, experiment)
            self.data.experiment_traces[experiment["id"]] = Collection(0, lambda i: {})
            return JSONResponse(experiment, status_code=201)
        rows = self._experiment_selection(request, None)
        return JSONResponse(self._page(request, rows, 100, 100, transform=self._listed))

    async def experiments_list(self, request: Request) -> Response:
        body = await self._body(request) if request.method == "POST" else {}
        rows = self._experiment_selection(request, body.get("filters"))
        page = self._page(request, rows, 100, 100, transform=self._listed)
        page["current_filters"] = body.get("filters") or {}
        return JSONResponse(page)

    async def experiments_summary(self, request: Request) -> Response:
        body = await self._body(request) if request.method == "POST" else {}
        rows = self._experiment_selection(request, body.get("filters"))
        return JSONResponse({"total_count": len(rows)})

    async def experiment(self, request: Request) -> Response:
        experiment = self._find_experiment(request.path_params["experiment_id"])
        if request.method == "GET":
            return JSONResponse(experiment)
        if request.method == "DELETE":
            self.data.experiments.remove(experiment)
            self.data.experiment_traces.pop(experiment["id"], None)
            return Response(status_code=204)
        body = await self._body(request)
        if request.method == "PUT":
            replacement = self._new_experiment(body, existing=experiment)
            experiment.clear()
            experiment.update(replacement)
            return JSONResponse(experiment)
        errors = _field_errors(body, UPDATE_FIELDS)
        if errors:
            raise Problem(422, "Invalid input.", errors=errors)
        for key in ("name", "description", "tags", "evaluator_ids", "evaluator_slugs"):
            if key in body:
                experiment[key] = body[key]
        return JSONResponse(experiment)

    def _new_experiment(self, body: dict[str, Any], existing: Row | None) -> Row:
        errors = _field_errors(body, CREATE_FIELDS)
        if not isinstance(body.get("dataset_id"), str) or not body.get("dataset_id"):
            errors["dataset_id"] = ["This field is required."]
        elif body["dataset_id"] not in self.data.datasets:
            errors["dataset_id"] = ["Dataset not found."]
        workflow = body.get("workflow")
        if not isinstance(workflow, list) or not workflow:
            errors["workflow"] = ["This field is required."]
        else:
            for position, step in enumerate(workflow):
                if not isinstance(step, dict) or step.get("type") not in WORKFLOW_TYPES:
                    errors["workflow"] = [
                        f"Step {position}: type must be one of {', '.join(WORKFLOW_TYPES)}."
                    ]
        if body.get("evaluator_ids") and body.get("evaluator_workflow_ids"):
            errors["evaluator_ids"] = ["Give evaluator_ids or evaluator_workflow_ids, not both."]
        wanted_id = body.get("experiment_id")
        if (
            existing is None
            and wanted_id
            and any(e["id"] == wanted_id for e in self.data.experiments)
        ):
            errors["experiment_id"] = ["An experiment with this id already exists."]
        if errors:
            raise Problem(422, "Invalid input.", errors=errors)
        now = iso(datetime.now(UTC))
        experiment_id = (
            existing["id"] if existing else wanted_id or f"exp_new_{len(self.data.experiments):04d}"
        )
        return {
            "id": experiment_id,
            "name": body.get("name", ""),
            "status": "running",
            "created_at": existing["created_at"] if existing else now,
            "description": body.get("description"),
            "dataset": body["dataset_id"],
            "dataset_id": body["dataset_id"],
            "dataset_name": None,
            "workflow_count": len(workflow or []),
            "progress": 0,
            "started_at": now,
            "completed_at": None,
            "tags": [],
            # every step with its config (respan-api's workflow items require one)
            "workflow": [{"config": {}, **step} for step in workflow or []],
            "evaluator_ids": body.get("evaluator_ids", []),
            "evaluator_slugs": body.get("evaluator_slugs", []),
            "evaluator_workflow_ids": body.get("evaluator_workflow_ids", []),
            "batch_size": body.get("batch_size"),
            "concurrency": body.get("concurrency"),
            "enable_tracing": body.get("enable_tracing", True),
            "error_message": None,
        }

    # -- experiment traces ------------------------------------------------------------------

    def _traces_of(self, experiment_id: str) -> Collection:
        self._find_experiment(experiment_id)
        return self.data.experiment_traces[experiment_id]

    def _trace_selection(self, request: Request, experiment_id: str, filters: Any) -> Selection:
        traces = self._traces_of(experiment_id)
        predicate = None
        if filters:
            predicate = respan_predicate(respan_conditions(filters), RESPAN_TRACE)
        start, end = self._time(request, "start_time"), self._time(request, "end_time")
        predicate = both(predicate, self._window("start_time", start, end))
        sort_by = request.query_params.get("sort_by")
        order = self._order(sort_by, RESPAN_TRACE, "-start_time")
        key = [
            "traces",
            experiment_id,
            filters,
            sort_by,
            iso(start) if start else None,
            iso(end) if end else None,
        ]
        return self.cache.select(traces, key, predicate, order)

    def _trace_view(self, request: Request) -> Any:
        detail = self._flag(request, "detail")
        preview = request.query_params.get("preview_length")
        length = self._int(request, "preview_length", 0, 0, None) if preview else None

        def view(row: Row) -> Row:
            if not detail and length is None:
                return row
            row = dict(row)
            if detail:
                row["span_tree"] = span_tree(row)
            if length is not None:
                for key in ("input", "output"):
                    if isinstance(row.get(key), str):
                        row[key] = row[key][:length]
            return row

        return view

    async def traces_root(self, request: Request) -> Response:
        experiment_id = request.path_params["experiment_id"]
        if request.method == "POST" or self._flag(request, "export"):
            body = await self._body(request) if request.method == "POST" else {}
            filters = body.get("filters")
            if filters is not None and not isinstance(filters, list):
                raise Problem(400, "filters must be a list of {field, operator, value}.")
            rows = self._trace_selection(request, experiment_id, filters)
            self._record_export("experiment_traces", experiment_id, rows, body, request)
            return JSONResponse({"message": EXPORT_MESSAGE}, status_code=202)
        rows = self._trace_selection(request, experiment_id, None)
        return JSONResponse(
            self._page(request, rows, 100, 100, transform=self._trace_view(request))
        )

    async def traces_filter(self, request: Request) -> Response:
        experiment_id = request.path_params["experiment_id"]
        body = await self._body(request, limit_applies=True)
        rows = self._trace_selection(request, experiment_id, body.get("filters"))
        page = self._page(request, rows, 100, 100, transform=self._trace_view(request))
        page["current_filters"] = body.get("filters") or {}
        return JSONResponse(page)

    async def traces_summary(self, request: Request) -> Response:
        body = await self._body(request) if request.method == "POST" else {}
        rows = list(
            self._trace_selection(
                request, request.path_params["experiment_id"], body.get("filters")
            )
        )
        return JSONResponse(trace_summary(rows))

    async def trace(self, request: Request) -> Response:
        traces = self._traces_of(request.path_params["experiment_id"])
        log_id = request.path_params["log_id"]
        index = _locate(traces, log_id)
        if index is None:
            raise Problem(404, "Not found.")
        row = traces[index]
        if request.method == "GET":
            return JSONResponse({**row, "span_tree": span_tree(row)})
        body = await self._body(request)
        missing = {
            key: ["This field is required."] for key in ("input", "output") if key not in body
        }
        if missing:
            raise Problem(422, "Invalid input.", errors=missing)
        for key in ("metrics", "metadata"):
            if key in body and not isinstance(body[key], dict):
                raise Problem(422, "Invalid input.", errors={key: ["Expected a dictionary."]})
        updated = {**row, "input": body["input"], "output": body["output"], "status": "success"}
        if "metadata" in body:
            updated["metadata"] = {**(row.get("metadata") or {}), **body["metadata"]}
        traces.override(updated)
        return JSONResponse(
            {"id": row["id"], "trace_unique_id": row.get("trace_unique_id"), "status": "success"}
        )

    async def histogram(self, request: Request) -> Response:
        experiment = self._find_experiment(request.path_params["experiment_id"])
        raw_id = request.query_params.get("evaluator_id")
        if not raw_id:
            raise _invalid("evaluator_id", "This field is required.")
        bins = self._int(request, "bins", 20, 1, 50)
        if request.method == "POST":
            await self._body(request)  # read and, like the service, ignored
        evaluator_id = raw_id.split(":", 1)[0]
        traces = self.data.experiment_traces[experiment["id"]]
        known = {e[0]: e for e in EVALUATORS} | {e[1]: e for e in EVALUATORS}
        for row in traces.slice(0, 1):  # the experiment's own evaluators, by id or slug
            for slug, score in (row.get("scores") or {}).items():
                own = (score.get("evaluator_id"), slug, score.get("evaluator_name"), "")
                known.update({own[0]: own, slug: own})
        evaluator = known.get(evaluator_id)
        if evaluator is None:
            raise Problem(404, "Evaluator not found.")
        values = []
        for row in traces:
            score = (row.get("scores") or {}).get(evaluator[1])
            if not score:
                continue
            value = score.get("numerical_value")
            if value is None and score.get("boolean_value") is not None:
                value = 1.0 if score["boolean_value"] else 0.0
            if value is not None:
                values.append(float(value))
        return JSONResponse(histogram(evaluator, values, bins))

    def _record_export(
        self, kind: str, container: str, rows: Selection, body: dict[str, Any], request: Request
    ) -> None:
        self.exports.append(
            {
                "service": "respan",
                "kind": kind,
                "container": container,
                "method": request.method,
                "query": dict(request.query_params),
                "body": copy.deepcopy(body),
                "count": len(rows),
                "ids": [row.get("id") or row.get("unique_id") for row in rows],
            }
        )

    # -- spans ------------------------------------------------------------------------------

    async def dataset_spans(self, request: Request) -> Response:
        dataset_id = request.path_params["dataset_id"]
        spans = self.data.datasets.get(dataset_id)
        if spans is None:
            raise Problem(404, "Dataset not found.")
        body = await self._body(request) if request.method == "POST" else {}
        # the older page puts paging in the body
        query = dict(request.query_params)
        for key in ("page", "page_size"):
            if key in body and key not in query:
                query[key] = str(body[key])
        request = _with_query(request, query)
        filters = body.get("filters")
        predicate = None
        if filters:
            predicate = respan_predicate(
                respan_conditions(filters),
                RESPAN_SPAN,
                # the spec's x-unknown-filter-keys: this endpoint drops what it does not know
                unknown=respan_facts.OPERATIONS["list_dataset_spans"]["unknown_filter_keys"],
            )
        sort_by = request.query_params.get("sort_by")
        order = self._order(sort_by, RESPAN_SPAN, "unique_id")
        rows = self.cache.select(spans, ["dataset", dataset_id, filters, sort_by], predicate, order)
        if body.get("is_exporting"):
            export_format = body.get("export_format", ".csv")
            if export_format not in (".csv", ".jsonl"):
                raise _invalid("export_format", 'Must be ".csv" or ".jsonl".')
            self._record_export("dataset_spans", dataset_id, rows, body, request)
            return JSONResponse(
                {
                    "message": f"Exporting {len(rows)} spans as {export_format}. "
                    "Check your email for the download link."
                }
            )
        page = self._page(request, rows, 100, 100, transform=_fields_view(request))
        page["total_count"] = len(rows)
        page["filters_data"] = {}
        return JSONResponse(page)

    async def _org_list(
        self,
        request: Request,
        collection: Collection,
        fields: Mapping[str, Kind],
        time_field: str,
        count_is_page: bool,
    ) -> Response:
        body = await self._body(request, limit_applies=True)
        # Clients walking the same window at once (a benchmark's parallel exports) ask for
        # the same pages: a few rendered pages are kept, keyed by the collection's version,
        # so any change to the rows makes them stale.
        page_key = (collection.serial, collection.version, str(request.url), await request.body())
        cached = self._rendered.get(page_key)
        if cached is not None:
            return Response(cached, media_type="application/json")
        filters = body.get("filters")
        combine = body.get("operator", "AND")
        if combine not in ("AND", "OR"):
            raise _invalid("operator", 'Must be "AND" or "OR".')
        predicate = None
        if filters:
            conditions = respan_conditions(filters)
            if combine == "AND":
                predicate = respan_predicate(conditions, fields)
            else:
                tests = [respan_predicate([c], fields) for c in conditions]
                predicate = lambda row: any(test(row) for test in tests)  # noqa: E731
        start, end = self._time(request, "start_time"), self._time(request, "end_time")
        if start is None and end is None:
            end = datetime.now(UTC)
            start = datetime.fromtimestamp(end.timestamp() - 3600, UTC)
        for name in ("environment", "log_type"):
            wanted = request.query_params.get(name)
            if wanted:
                predicate = both(predicate, _equals(name, wanted))
        predicate = both(predicate, self._window(time_field, start, end))
        sort_by = request.query_params.get("sort_by")
        if sort_by in ("timestamp", "-timestamp") and time_field != "timestamp":
            sort_by = sort_by.replace("timestamp", time_field)
        order = self._order(sort_by, fields, f"-{time_field}")
        key = [
            "org",
            filters,
            combine,
            sort_by,
            iso(start) if start else None,
            iso(end) if end else None,
            request.query_params.get("environment"),
            request.query_params.get("log_type"),
        ]
        rows = self.cache.select(collection, key, predicate, order)
        answer = JSONResponse(
            self._page(
                request,
                rows,
                1000,
                50,
                count_is_page=count_is_page,
                transform=_fields_view(request),
            )
        )
        if "start_time" in request.query_params or "end_time" in request.query_params:
            self._rendered[page_key] = bytes(answer.body)  # not a window that moves with "now"
            while len(self._rendered) > RENDERED_PAGES:
                self._rendered.popitem(last=False)
        return answer

    async def org_spans(self, request: Request) -> Response:
        return await self._org_list(request, self.data.org_spans, RESPAN_SPAN, "timestamp", True)

    async def org_traces(self, request: Request) -> Response:
        return await self._org_list(
            request, self.data.org_traces, RESPAN_TRACE, "start_time", False
        )


# The typed fields of the experiment bodies, as the spec gives them, checked as DRF would.
CREATE_FIELDS = {
    "name": "string", "description": "string", "experiment_id": "string",
    "span_workflow_name": "string", "generation_method": "string", "enable_tracing": "boolean",
    "batch_size": "positive integer", "concurrency": "positive integer",
    "evaluator_ids": "strings", "evaluator_workflow_ids": "strings", "evaluator_slugs": "strings",
}  # fmt: skip
UPDATE_FIELDS = {
    "name": "string", "description": "string", "tags": "list",
    "evaluator_ids": "strings", "evaluator_slugs": "strings",
}  # fmt: skip


def _field_errors(body: dict[str, Any], fields: dict[str, str]) -> dict[str, list[str]]:
    """DRF's messages for fields of the wrong type."""
    errors: dict[str, list[str]] = {}
    for name, kind in fields.items():
        if name not in body:
            continue
        value = body[name]
        if kind == "string" and not isinstance(value, str):
            errors[name] = ["Not a valid string."]
        elif kind == "boolean" and not isinstance(value, bool):
            errors[name] = ["Must be a valid boolean."]
        elif kind == "positive integer":
            if isinstance(value, bool) or not isinstance(value, int):
                errors[name] = ["A valid integer is required."]
            elif value < 1:
                errors[name] = ["Ensure this value is greater than or equal to 1."]
        elif kind in ("list", "strings") and not isinstance(value, list):
            errors[name] = [f'Expected a list of items but got type "{type(value).__name__}".']
        elif kind == "strings" and not all(isinstance(item, str) for item in value):
            errors[name] = ["Not a valid string."]
    return errors


_DETAIL_ONLY = frozenset(
    {
        "workflow",
        "evaluator_ids",
        "evaluator_slugs",
        "evaluator_workflow_ids",
        "batch_size",
        "concurrency",
        "enable_tracing",
        "error_message",
    }
)


class _ListCollection(Collection):
    """A plain list seen as a Collection (experiments are few and change in place)."""

    def __init__(self, rows: list[Row]):
        super().__init__(0, lambda i: {})
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: int) -> Row:
        return self._rows[index]


def _equals(name: str, wanted: str) -> Predicate:
    return lambda row: row.get(name) == wanted


def _locate(traces: Collection, log_id: str) -> int | None:
    for index, row in enumerate(traces):
        if row.get("id") == log_id:
            return index
    return None


def _with_query(request: Request, query: dict[str, str]) -> Request:
    from urllib.parse import urlencode

    scope = dict(request.scope)
    scope["query_string"] = urlencode(query).encode()
    return Request(scope, request.receive)


def _fields_view(request: Request) -> Any:
    wanted = request.query_params.get("include_fields")
    if not wanted:
        return None
    # The row's identity stays whatever is asked: the spec requires `id` on every trace, and
    # a row without it could be neither fetched again nor told from another.
    names = ["id", *(name.strip() for name in wanted.split(",") if name.strip())]
    return lambda row: {name: row[name] for name in names if name in row}


def span_tree(trace: Row) -> list[Row]:
    """A deterministic span tree: a workflow root with one child per further span. Each
    node carries its `id` (respan-api's span-tree items require one)."""
    root_id = trace.get("root_span_unique_id") or f"{trace['id']}_root"
    numbers = range(1, max(1, int(trace.get("span_count") or 1)))
    chats = max(1, sum(1 for n in numbers if n % 2))
    children: list[Row] = [
        {
            "id": f"{root_id}_{n}",
            "span_unique_id": f"{root_id}_{n}",
            "span_name": "openai.chat" if n % 2 else "tool.lookup",
            "log_type": "chat" if n % 2 else "tool",
            "model": "gpt-4o" if n % 2 else None,
            "start_time": trace.get("start_time"),
            **(_share(trace, chats) if n % 2 else {}),
            "children": [],
        }
        for n in numbers
    ]
    return [
        {
            "id": root_id,
            "span_unique_id": root_id,
            "span_name": trace.get("name") or "workflow",
            "log_type": "workflow",
            "model": None,
            "children": children,
        }
    ]


def _share(trace: Row, chats: int) -> Row:
    """A chat span's part of its trace's cost and tokens (trace-shaped fields)."""
    prompt = int(trace.get("total_prompt_tokens") or 0) // chats
    completion = int(trace.get("total_completion_tokens") or 0) // chats
    return {
        "total_cost": round(float(trace.get("total_cost") or 0) / chats, 8),
        "total_prompt_tokens": prompt,
        "total_completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def trace_summary(rows: list[Row]) -> Row:
    def total(key: str) -> Any:
        return sum(row.get(key) or 0 for row in rows)

    scores: Row = {}
    for _, slug, _, value_type in EVALUATORS:
        values = []
        for row in rows:
            score = (row.get("scores") or {}).get(slug)
            if not score:
                continue
            if value_type == "numerical" and score.get("numerical_value") is not None:
                values.append(float(score["numerical_value"]))
            elif score.get("boolean_value") is not None:
                values.append(1.0 if score["boolean_value"] else 0.0)
        if values:
            scores[slug] = {"avg_score": round(statistics.fmean(values), 6), "count": len(values)}
    durations = [row["duration"] for row in rows if row.get("duration") is not None]
    return {
        "number_of_requests": len(rows),
        "total_cost": round(total("total_cost"), 8),
        "total_tokens": total("total_tokens"),
        "total_prompt_tokens": total("total_prompt_tokens"),
        "total_completion_tokens": total("total_completion_tokens"),
        "avg_latency": round(statistics.fmean(durations), 6) if durations else None,
        "scores": scores,
    }


def histogram(evaluator: tuple[Any, str, Any, str], values: list[float], bins: int) -> Row:
    low, high = 0.0, 1.0
    width = (high - low) / bins
    counts = [0] * bins
    for value in values:
        position = min(bins - 1, max(0, int((value - low) / width)))
        counts[position] += 1
    return {
        "evaluator_id": evaluator[0],
        "evaluator_slug": evaluator[1],
        "evaluator_name": evaluator[2],
        "bins": [
            {
                "lower": round(low + i * width, 6),
                "upper": round(low + (i + 1) * width, 6),
                "count": counts[i],
            }
            for i in range(bins)
        ],
        "stats": {
            "min": min(values) if values else None,
            "max": max(values) if values else None,
            "mean": round(statistics.fmean(values), 6) if values else None,
            "total": len(values),
        },
    }
