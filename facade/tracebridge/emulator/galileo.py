"""Galileo's routes, as openapi/galileo.yaml describes them.

Validation errors are FastAPI's: 422 with `detail` as a list of `{loc, msg, type}`, or a
plain string for rules across fields (exactly one of the three ids). `export_records`
streams its file in chunks as it is produced, whatever its size.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from ..catalog import GALILEO_FILTER_TYPES, GALILEO_METRIC_COLUMNS, Kind
from .data import GALILEO_USER, Collection, Dataset, GalileoRun, Row
from .filters import (
    UNDOCUMENTED_COLUMNS,
    FilterProblem,
    column_filter_type,
    galileo_column,
    galileo_predicate,
)
from .galileo_sdk import Tokens, healthcheck
from .query import Order, QueryCache, Selection, sort_value

KINDS = {"traces": "trace", "spans": "span", "sessions": "session"}
RUN_IDS = ("log_stream_id", "experiment_id", "metrics_testing_id")
EXPORT_FORMATS = ("csv", "jsonl", "jsonl_flat")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
REDACTED = "<REDACTED>"
CHUNK_BYTES = 64 * 1024
TRUNCATED_LENGTH = 100  # characters of input/output kept with truncate_fields
BASE_COLUMNS = (
    "id", "type", "name", "input", "output", "created_at", "session_id", "trace_id",
    "parent_id", "project_id", "run_id", "tags",
)  # fmt: skip
DATA_TYPES = {
    "id": "uuid",
    "text": "text",
    "date": "timestamp",
    "number": "floating_point",
    "boolean": "boolean",
    "collection": "string_list",
    "fully_annotated": "boolean",
}
_SORT_KINDS = {"date": Kind.DATETIME, "number": Kind.NUMBER, "boolean": Kind.BOOLEAN}

Handler = Callable[[Request], Awaitable[Response]]


class Invalid(Exception):
    """A 422 (or another status) with FastAPI's body."""

    def __init__(self, detail: Any, status: int = 422):
        super().__init__(str(detail))
        self.detail = detail
        self.status = status


def _error(loc: list[Any], msg: str, kind: str, value: Any = None) -> Invalid:
    item: dict[str, Any] = {"loc": loc, "msg": msg, "type": kind}
    if value is not None:
        item["input"] = value
    return Invalid([item])


class GalileoService:
    def __init__(self, data: Dataset, key: str, cache: QueryCache, header_names: tuple[str, ...]):
        self.data = data
        self.key = key
        self.cache = cache
        self.header_names = header_names
        self.tokens = Tokens(key, GALILEO_USER)

    def routes(self) -> list[Route]:
        routes = [
            # galileo's SDK: see galileo_sdk.py for where each of these comes from
            Route("/healthcheck", self._healthcheck, methods=["GET"]),
            Route("/login/api_key", self._login, methods=["POST"]),
            Route("/current_user", self._wrap(self._current_user), methods=["GET"]),
            Route("/projects/all", self._wrap(self.projects), methods=["GET"]),
            Route("/projects/{project_id}", self._wrap(self.project), methods=["GET"]),
            Route(
                "/projects/{project_id}/log_streams/paginated",
                self._wrap(self.log_streams_page),
                methods=["GET"],
            ),
            Route(
                "/projects/{project_id}/log_streams/{log_stream_id}",
                self._wrap(self.log_stream),
                methods=["GET"],
            ),
        ]
        # the documented /v2 routes, and the same without the prefix as the SDK sends them
        for prefix in ("/v2/projects", "/projects"):
            routes += self._project_routes(prefix)
        return routes

    def _project_routes(self, p: str) -> list[Route]:
        routes = [
            Route(p, self._wrap(self.projects), methods=["GET"]),
            Route(f"{p}/{{project_id}}/log_streams", self._wrap(self.log_streams), methods=["GET"]),
            Route(f"{p}/{{project_id}}/experiments", self._wrap(self.experiments), methods=["GET"]),
            Route(
                f"{p}/{{project_id}}/export_records",
                self._wrap(self.export_records),
                methods=["POST"],
            ),
        ]
        for plural in KINDS:
            routes += [
                Route(
                    f"{p}/{{project_id}}/{plural}/search", self._wrap(self.search), methods=["POST"]
                ),
                Route(
                    f"{p}/{{project_id}}/{plural}/count", self._wrap(self.count), methods=["POST"]
                ),
                Route(
                    f"{p}/{{project_id}}/{plural}/available_columns",
                    self._wrap(self.columns),
                    methods=["POST"],
                ),
            ]
        return routes

    def _wrap(self, handler: Handler) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                self._authenticate(request)
                return await handler(request)
            except Invalid as problem:
                return JSONResponse({"detail": problem.detail}, status_code=problem.status)
            except FilterProblem as problem:
                return JSONResponse(
                    {
                        "detail": [
                            {
                                "loc": ["body", *_loc(str(problem))],
                                "msg": str(problem),
                                "type": "value_error",
                            }
                        ]
                    },
                    status_code=422,
                )

        return endpoint

    def _authenticate(self, request: Request) -> None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and token:
            if not self.tokens.check(token.strip()):
                raise Invalid("Invalid or expired token", status=401)
            return
        for name in self.header_names:
            if name in request.headers:
                if request.headers[name] != self.key:
                    raise Invalid("Invalid API key", status=401)
                return
        raise Invalid("Not authenticated", status=401)

    # -- listings ---------------------------------------------------------------------------

    def _project(self, request: Request) -> Row:
        project_id = request.path_params["project_id"]
        try:
            uuid.UUID(project_id)
        except ValueError:
            raise _error(
                ["path", "project_id"], "Input should be a valid UUID", "uuid_parsing", project_id
            ) from None
        for project in self.data.galileo_projects:
            if project["id"] == project_id:
                return project
        raise Invalid("Project not found", status=404)

    async def projects(self, request: Request) -> Response:
        name = request.query_params.get("project_name")
        kind = request.query_params.get("type")
        return JSONResponse(
            [
                p
                for p in self.data.galileo_projects
                if (name is None or p["name"] == name) and (kind is None or p["type"] == kind)
            ]
        )

    # -- the SDK's own routes (galileo_sdk.py) -------------------------------------------------

    async def _healthcheck(self, request: Request) -> Response:
        return JSONResponse(healthcheck())

    async def _login(self, request: Request) -> Response:
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            body = None
        given = body.get("api_key") if isinstance(body, dict) else None
        if not isinstance(given, str) or not hmac.compare_digest(given, self.key):
            return JSONResponse({"detail": "Invalid API key"}, status_code=401)
        return JSONResponse({"access_token": self.tokens.issue(), "token_type": "bearer"})

    async def _current_user(self, request: Request) -> Response:
        return JSONResponse({**GALILEO_USER, "role": "admin"})

    async def project(self, request: Request) -> Response:
        return JSONResponse(self._project(request))

    async def log_streams_page(self, request: Request) -> Response:
        project = self._project(request)
        streams = [s for s in self.data.galileo_log_streams if s["project_id"] == project["id"]]
        start = _query_int(request, "starting_token", 0, 0)
        limit = _query_int(request, "limit", 100, 1)
        page = streams[start : start + limit]
        more = start + limit < len(streams)
        return JSONResponse(
            {
                "log_streams": page,
                "starting_token": start,
                "limit": limit,
                "paginated": True,
                "next_starting_token": start + limit if more else None,
            }
        )

    async def log_stream(self, request: Request) -> Response:
        project = self._project(request)
        wanted = request.path_params["log_stream_id"]
        for stream in self.data.galileo_log_streams:
            if stream["project_id"] == project["id"] and stream["id"] == wanted:
                return JSONResponse(stream)
        raise Invalid("Log stream not found", status=404)

    async def log_streams(self, request: Request) -> Response:
        project = self._project(request)
        return JSONResponse(
            [s for s in self.data.galileo_log_streams if s["project_id"] == project["id"]]
        )

    async def experiments(self, request: Request) -> Response:
        project = self._project(request)
        return JSONResponse(
            [e for e in self.data.galileo_experiments if e["project_id"] == project["id"]]
        )

    # -- records ----------------------------------------------------------------------------

    async def _body(self, request: Request) -> dict[str, Any]:
        raw = await request.body()
        try:
            body = json.loads(raw) if raw.strip() else None
        except ValueError as exc:
            raise _error(["body"], f"JSON decode error: {exc}", "json_invalid") from None
        if not isinstance(body, dict):
            raise _error(
                ["body"],
                "Input should be a valid dictionary or object",
                "model_attributes_type",
                body,
            )
        return body

    def _run(self, body: Mapping[str, Any]) -> GalileoRun:
        given = [name for name in RUN_IDS if body.get(name) is not None]
        if len(given) != 1:
            raise Invalid(
                "Exactly one of log_stream_id, experiment_id or metrics_testing_id is required."
            )
        name = given[0]
        value = body[name]
        try:
            run_id = str(uuid.UUID(str(value)))
        except ValueError:
            raise _error(
                ["body", name], "Input should be a valid UUID", "uuid_parsing", value
            ) from None
        run = self.data.galileo_runs.get(run_id)
        if run is None:
            raise Invalid(
                f"{name.replace('_id', '').replace('_', ' ').capitalize()} not found", status=404
            )
        return run

    def _selection(self, run: GalileoRun, kind: str, body: Mapping[str, Any]) -> Selection:
        predicate = None
        if body.get("filters") is not None or body.get("filter_tree") is not None:
            predicate = galileo_predicate(body.get("filters"), body.get("filter_tree"))
        order = _order(body.get("sort"))
        key = [run.run_id, kind, body.get("filters"), body.get("filter_tree"), body.get("sort")]
        return self.cache.select(run.of_kind(kind), key, predicate, order)

    async def search(self, request: Request) -> Response:
        self._project(request)
        kind = KINDS[request.url.path.rsplit("/", 2)[-2]]
        body = await self._body(request)
        start = _non_negative(body, "starting_token", 0, 0)
        limit = _non_negative(body, "limit", 100, 1)
        rows = self._selection(self._run(body), kind, body)
        page = rows[start : start + limit]
        page = [_with_redacted(row) for row in page]
        if body.get("truncate_fields"):
            page = [_truncated(row) for row in page]
        more = start + limit < len(rows)
        return JSONResponse(
            {
                "records": page,
                "starting_token": start,
                "limit": limit,
                "paginated": True,
                "next_starting_token": start + limit if more else None,
                "last_row_id": page[-1]["id"] if page else None,
            }
        )

    async def count(self, request: Request) -> Response:
        self._project(request)
        kind = KINDS[request.url.path.rsplit("/", 2)[-2]]
        body = await self._body(request)
        return JSONResponse({"total_count": len(self._selection(self._run(body), kind, body))})

    async def columns(self, request: Request) -> Response:
        self._project(request)
        body = await self._body(request)
        run = self._run(body)
        return JSONResponse({"columns": available_columns(run)})

    async def export_records(self, request: Request) -> Response:
        self._project(request)
        body = await self._body(request)
        root_type = body.get("root_type")
        if root_type not in ("session", "trace", "span"):
            raise _error(
                ["body", "root_type"],
                "Input should be 'session', 'trace' or 'span'",
                "enum",
                root_type,
            )
        export_format = body.get("export_format", "jsonl")
        if export_format not in EXPORT_FORMATS:
            raise _error(
                ["body", "export_format"],
                "Input should be 'csv', 'jsonl' or 'jsonl_flat'",
                "enum",
                export_format,
            )
        metrics_only = bool(body.get("export_computed_metrics_only", False))
        if metrics_only and export_format == "jsonl_flat":
            raise Invalid("export_computed_metrics_only cannot be used with jsonl_flat.")
        column_ids = body.get("column_ids")
        if column_ids is not None and (
            not isinstance(column_ids, list) or not all(isinstance(c, str) for c in column_ids)
        ):
            raise _error(
                ["body", "column_ids"],
                "Input should be a valid list of strings",
                "list_type",
                column_ids,
            )
        rows = self._selection(self._run(body), root_type, body)
        redact = body.get("redact", True) is not False
        records = (_exported(row, redact, metrics_only) for row in rows)
        media = {"csv": "text/csv", "jsonl": "application/jsonl", "jsonl_flat": "application/jsonl"}
        headers = {}
        if body.get("file_name"):
            headers["content-disposition"] = f'attachment; filename="{body["file_name"]}"'
        return StreamingResponse(
            _chunks(_encode(records, export_format, column_ids)),
            media_type=media[export_format],
            headers=headers,
        )


def _loc(message: str) -> list[Any]:
    where = message.split(":", 1)[0]
    parts: list[Any] = []
    for piece in re.split(r"\.|\[", where):
        piece = piece.rstrip("]")
        if piece:
            parts.append(int(piece) if piece.isdigit() else piece)
    return parts


def _query_int(request: Request, name: str, default: int, low: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _error(
            ["query", name], "Input should be a valid integer", "int_parsing", raw
        ) from None
    return _non_negative({name: value}, name, default, low, where="query")


def _non_negative(
    body: Mapping[str, Any], name: str, default: int, low: int, where: str = "body"
) -> int:
    value = body.get(name, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error([where, name], "Input should be a valid integer", "int_type", value)
    if value < low:
        raise _error(
            [where, name],
            f"Input should be greater than or equal to {low}",
            "greater_than_equal",
            value,
        )
    return value


def _order(sort: Any) -> Order | None:
    if sort is None:
        return None
    if not isinstance(sort, Mapping) or not isinstance(sort.get("column_id"), str):
        raise _error(["body", "sort", "column_id"], "Field required", "missing")
    column = sort["column_id"]
    filter_type = column_filter_type(column)
    if filter_type is None:
        raise _error(
            ["body", "sort", "column_id"], f"Unknown column {column!r}", "value_error", column
        )
    ascending = sort.get("ascending", True)
    to_key = sort_value(_SORT_KINDS.get(filter_type, Kind.STRING))
    return Order(lambda row: to_key(galileo_column(row, column)), descending=not ascending)


def _with_redacted(row: Row) -> Row:
    """A searched record with the redacted texts the service adds beside the originals (the
    same redaction its export applies when asked to redact)."""
    row = dict(row)
    for key in ("input", "output"):
        if row.get(key) is not None:
            row.setdefault(f"redacted_{key}", _redact(row[key]))
    return row


def _truncated(row: Row) -> Row:
    row = dict(row)
    for key in ("input", "output"):
        if isinstance(row.get(key), str) and len(row[key]) > TRUNCATED_LENGTH:
            row[key] = row[key][:TRUNCATED_LENGTH]
    return row


def _exported(row: Row, redact: bool, metrics_only: bool) -> Row:
    if metrics_only:
        return {"id": row["id"], "type": row["type"], "metrics": row.get("metrics") or {}}
    if not redact:
        return row
    row = dict(row)
    for key in ("input", "output"):
        if row.get(key) is not None:
            row[key] = _redact(row[key])
    return row


def _redact(value: Any) -> Any:
    """A text, or the texts inside messages, with e-mail addresses replaced."""
    if isinstance(value, str):
        return EMAIL.sub(REDACTED, value)
    if isinstance(value, list):
        return [_redact(item) for item in value]
    if isinstance(value, dict):
        return {key: _redact(item) for key, item in value.items()}
    return value


def flat(record: Row) -> Row:
    """A record with nested objects spread into column ids (`metrics/duration_ns`)."""
    out: Row = {}
    for key, value in record.items():
        if isinstance(value, Mapping) and key in ("metrics", "user_metadata"):
            for inner, inner_value in value.items():
                out[f"{key}/{inner}"] = inner_value
        else:
            out[key] = value
    return out


def _encode(
    records: Iterable[Row], export_format: str, column_ids: list[str] | None
) -> Iterable[str]:
    if export_format == "jsonl":
        for record in records:
            yield json.dumps(record, ensure_ascii=False) + "\n"
        return
    if export_format == "jsonl_flat":
        for record in records:
            yield json.dumps(flat(record), ensure_ascii=False) + "\n"
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns: list[str] | None = list(column_ids) if column_ids else None
    header_written = False
    for record in records:
        row = flat(record)
        if columns is None:
            columns = [c for c in BASE_COLUMNS if c in row]
            columns += sorted(c for c in row if c not in BASE_COLUMNS)
        if not header_written:
            writer.writerow(columns)
            header_written = True
        writer.writerow([_cell(row.get(column)) for column in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if not header_written:  # no rows: the header alone
        writer.writerow(columns or list(BASE_COLUMNS))
        yield buffer.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


async def _chunks(pieces: Iterable[str]) -> AsyncIterator[bytes]:
    pending: list[bytes] = []
    size = 0
    for piece in pieces:
        encoded = piece.encode()
        pending.append(encoded)
        size += len(encoded)
        if size >= CHUNK_BYTES:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


def available_columns(run: GalileoRun) -> list[Row]:
    tenants: set[str] = set()
    dataset_keys: set[str] = set()
    sample: Collection = run.traces
    for row in sample.slice(0, 50):
        tenants.update((row.get("user_metadata") or {}).keys())
        dataset_keys.update((row.get("dataset_metadata") or {}).keys())
    column_ids = [
        *GALILEO_FILTER_TYPES,
        *GALILEO_METRIC_COLUMNS,
        *UNDOCUMENTED_COLUMNS,
        *(f"user_metadata/{k}" for k in sorted(tenants)),
        *(f"dataset_metadata/{k}" for k in sorted(dataset_keys)),
    ]
    columns = []
    for column_id in column_ids:
        filter_type = column_filter_type(column_id)
        columns.append(
            {
                "id": column_id,
                "label": column_id.replace("/", " ").replace("_", " "),
                "category": column_id.split("/", 1)[0] if "/" in column_id else "standard",
                "data_type": DATA_TYPES[filter_type or "text"],
                "filter_type": filter_type,
                "filterable": True,
                "sortable": filter_type in ("date", "number", "text", "id", "boolean"),
            }
        )
    return columns
