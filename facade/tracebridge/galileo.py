"""The Galileo client: projects, log streams, experiments, and their records.

    gl = Galileo(project_id="...")                  # GALILEO_API_KEY (and GALILEO_API_URL)
    for span in gl.records("span", log_stream_id="...", where=F["metrics/duration_ns"] > 1e9):
        ...

Records are searched page by page with offset tokens; `where` becomes a filter tree, so
and, or and not all work. Ids are checked (UUIDs, exactly one of log stream, experiment
or metrics testing run) before anything is sent. `AsyncGalileo` has the same surface for
asyncio: each method is planned once (see `calls`) and sent by either client.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any, Literal, TypeVar
from uuid import UUID

import httpx

from galileo_client import models

if TYPE_CHECKING:
    from galileo_client.models import (
        Experiment,
        LogRecord,
        LogRecordsQueryRequest,
        LogStream,
        Project,
        SessionRecord,
        SpanRecord,
        TraceRecord,
    )

    AnyRecord = TraceRecord | SpanRecord | SessionRecord | LogRecord

from ._generated import Operation, Operations, given
from ._http import json_object, row_list
from .calls import (
    AsyncClosing,
    Awaiting,
    Blocking,
    Call,
    Closing,
    Listing,
    NeedsLookup,
    RowStream,
    Stream,
    apaged,
    astreamed,
    astreamed_rows,
    awaiting,
    blocking,
    paged,
    streamed,
    streamed_rows,
)
from .catalog import GALILEO_RECORD, galileo_column_id, galileo_filter_type, kept_whole
from .config import environment, galileo_settings
from .core import build_core
from .errors import (
    ConfigError,
    FilterError,
    UnexpectedResponseError,
    UnknownColumnError,
    body_excerpt,
)
from .export.flatten import RowSchema, model_fields
from .export.stream import FileSink, StreamProgress
from .filters import Expr, parse, to_galileo_filters, to_galileo_tree
from .filters.values import iso_datetime
from .pagination import PageRequest, PageResult
from .transport import parsed_json

api = Operations("galileo_client")  # each operation imported when first called

M = TypeVar("M")
T = TypeVar("T")
RootType = Literal["trace", "span", "session"]
Where = Expr | str | Mapping[str, Any] | None
RUN_IDS = ("log_stream_id", "experiment_id", "metrics_testing_id")
# Each root type's operations, by name (looked up in `api` when first called).
_SEARCH = {"trace": "search_traces", "span": "search_spans", "session": "search_sessions"}
_COUNT = {"trace": "count_traces", "span": "count_spans", "session": "count_sessions"}
_COLUMNS = {
    "trace": "get_trace_columns",
    "span": "get_span_columns",
    "session": "get_session_columns",
}


@functools.cache
def _record_classes() -> dict[str, Callable[[dict[str, Any]], AnyRecord]]:
    """The record class for each `type` a record declares (SpanType's values are spans)."""
    return {
        "trace": models.TraceRecord.from_dict,
        "session": models.SessionRecord.from_dict,
        **{kind.value: models.SpanRecord.from_dict for kind in models.SpanType},
    }


@functools.cache
def record_rows() -> RowSchema:
    """The columns an export of records starts from: the four record models' fields."""
    return RowSchema(
        model_fields(models.TraceRecord, models.SpanRecord, models.SessionRecord, models.LogRecord),
        frozenset({"created_at", "updated_at"}),
        kept_whole(GALILEO_RECORD),
    )


def _with_origin(schema: RowSchema, kind: str, run: Mapping[str, Any], project: str) -> RowSchema:
    """A records listing's columns, and what its rows are in the common schema (sessions
    have no table there)."""
    if kind == "session":
        return schema
    from .schema import Origin
    from .schema.galileo import run_context

    return dataclasses.replace(
        schema, origin=Origin("galileo", "record", run_context(run, project, kind))
    )


def record_from_dict(row: dict[str, Any]) -> AnyRecord:
    """The typed record for a row, chosen by its `type`; a kind this version does not know
    is a LogRecord. A record of a known kind that is not in its documented form raises
    UnexpectedResponseError (it never passes silently as another kind)."""
    parse = _record_classes().get(str(row.get("type")), models.LogRecord.from_dict)
    try:
        return parse(row)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise UnexpectedResponseError(
            f"a {row.get('type')!r} record is not in the documented form "
            f"({type(exc).__name__}: {exc})",
            status=200,
            excerpt="",
        ) from None


def _uuid(value: Any, what: str) -> str:
    text = str(value)
    try:
        if len(text) > 64:
            raise ValueError(text)
        return str(UUID(text))
    except ValueError:
        shown = repr(value) if len(text) <= 60 else f"{text[:40]!r}… ({len(text):,} characters)"
        raise ConfigError(f"{what} must be a UUID, not {shown}") from None


def _iso(moment: datetime | str, what: str) -> str:
    """An ISO 8601 date-time with its zone, checked before sending."""
    try:
        return iso_datetime(moment, what)
    except FilterError as exc:
        raise ConfigError(str(exc)) from None


def _root_type(value: Any) -> RootType:
    if value not in ("trace", "span", "session"):
        raise ConfigError(f"root_type must be 'trace', 'span' or 'session', not {value!r}")
    return value  # type: ignore[no-any-return]


def run_ids(log_stream_id: Any, experiment_id: Any, metrics_testing_id: Any) -> dict[str, str]:
    """Exactly one of the three ids, checked."""
    given = {
        name: value
        for name, value in zip(
            RUN_IDS, (log_stream_id, experiment_id, metrics_testing_id), strict=True
        )
        if value is not None
    }
    if len(given) != 1:
        raise ConfigError(
            "give exactly one of log_stream_id, experiment_id, metrics_testing_id "
            f"(got {len(given)})"
        )
    ((name, value),) = given.items()
    return {name: _uuid(value, name)}


def _query(body: dict[str, Any]) -> LogRecordsQueryRequest:
    """The search body as the generated model; a tree it cannot read is a FilterError."""
    try:
        return models.LogRecordsQueryRequest.from_dict(body)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        tree = body.get("filter_tree")
        raise FilterError(
            f"the filter tree is not in Galileo's form ({type(exc).__name__}: {exc}): {tree!r}",
            expression=repr(tree),
            dialect="Galileo filter tree",
        ) from None


def _sort(sort: str | None, columns: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    if sort is None:
        return None
    column = galileo_column_id(sort.removeprefix("-"))
    if column not in (columns or {}) and galileo_filter_type(column) is None:
        raise UnknownColumnError(
            f"cannot sort by {column!r}: not a documented Galileo column", column=column
        )
    return {"column_id": column, "ascending": not sort.startswith("-"), "sort_type": "column"}


def _rows(parse: Callable[[dict[str, Any]], M]) -> Callable[[httpx.Response], list[M]]:
    """Read an answer that is a JSON list of objects."""

    def read(response: httpx.Response) -> list[M]:
        try:
            rows = parsed_json(response)
        except ValueError:
            rows = None
        if not isinstance(rows, list):
            raise UnexpectedResponseError(
                "expected a list", status=response.status_code, excerpt=body_excerpt(response)
            )
        return [parse(row) for row in rows]

    return read


def _read_records(response: httpx.Response) -> PageResult:
    page = json_object(response, "records")
    rows = row_list(page, "records", response)
    return PageResult(rows, page.get("next_starting_token") is not None)


def _read_redacted(response: httpx.Response) -> PageResult:
    result = _read_records(response)
    return PageResult([redacted(row) for row in result.rows], result.has_next)


def redacted(row: dict[str, Any]) -> dict[str, Any]:
    """A record as the service's redacted export gives it: `input` and `output` replaced by
    its `redacted_input` and `redacted_output` where it sends them, those two left out."""
    if "redacted_input" not in row and "redacted_output" not in row:
        return row
    out = dict(row)
    for key in ("input", "output"):
        value = out.pop(f"redacted_{key}", None)
        if value is not None:
            out[key] = value
    return out


def _read_count(response: httpx.Response) -> int:
    return int(json_object(response, "total_count")["total_count"])


class GalileoPlans:
    """Projects, log streams, experiments, and the records of a run."""

    def __init__(self, project_id: str | None):
        self.project_id = None if project_id is None else _uuid(project_id, "project_id")
        # available_columns answers, per (root type, project, run): asked at most once each
        self._asked: dict[tuple[Any, ...], dict[str, str]] = {}

    def _with_columns(
        self,
        kind: RootType,
        project: str,
        run: dict[str, str],
        columns: Mapping[str, str] | None,
        build: Callable[[Mapping[str, str] | None], T],
    ) -> T:
        """build(columns), where a column the documented catalog lacks is looked up in the
        service's own available_columns for the run (asked once per client and run) before
        it is refused; columns the caller gives are taken as the run's, and nothing is
        asked."""
        key = (kind, project, tuple(sorted(run.items())))
        asked = self._asked.get(key)
        merged = {**asked, **(columns or {})} if asked is not None else columns
        try:
            return build(merged)
        except UnknownColumnError as exc:
            if columns is not None:  # the caller gave the run's columns: nothing to ask
                raise
            if asked is not None:
                raise UnknownColumnError(
                    f"{exc}; the service's available_columns for this run does not list it "
                    f"either ({len(asked)} columns)",
                    column=exc.column,
                    dialect=exc.dialect,
                ) from None
            lookup = self._columns_call(kind, project, run, None, None)
            raise NeedsLookup(lookup, functools.partial(self._asked.__setitem__, key)) from None

    def _project(self, project_id: str | None) -> str:
        if project_id is not None:
            return _uuid(project_id, "project_id")
        if self.project_id is None:
            raise ConfigError("no project: pass project_id=... here or to the client")
        return self.project_id

    # -- listings -------------------------------------------------------------------------------

    def projects(self, name: str | None = None) -> Call[list[Project]]:
        """The projects the key can see (by name, when given)."""
        kwargs = api.list_projects.build_request(**given(project_name=name or None))
        return Call(kwargs, _rows(models.Project.from_dict))

    def log_streams(self, project_id: str | None = None) -> Call[list[LogStream]]:
        """The project's log streams."""
        return Call(
            api.list_log_streams.build_request(UUID(self._project(project_id))),
            _rows(models.LogStream.from_dict),
        )

    def experiments(self, project_id: str | None = None) -> Call[list[Experiment]]:
        """The project's experiments."""
        return Call(
            api.list_experiments.build_request(UUID(self._project(project_id))),
            _rows(models.Experiment.from_dict),
        )

    # -- records --------------------------------------------------------------------------------

    def _run_body(
        self, run: dict[str, str], where: Where, columns: Mapping[str, str] | None, strict: bool
    ) -> dict[str, Any]:
        """The run id and the filter tree, checked: what search, count and export send."""
        body: dict[str, Any] = dict(run)
        if where is not None:
            body["filter_tree"] = to_galileo_tree(
                parse(where) if isinstance(where, str) else where, columns, strict=strict
            )
        return body

    def _count(self, kind: RootType, project: str, body: dict[str, Any]) -> Call[int]:
        request = models.LogRecordsCountRequest.from_dict(
            {k: v for k, v in body.items() if k in (*RUN_IDS, "filter_tree")}
        )
        return Call(getattr(api, _COUNT[kind]).build_request(project, body=request), _read_count)

    def records(
        self,
        root_type: RootType,
        *,
        log_stream_id: str | None = None,
        experiment_id: str | None = None,
        metrics_testing_id: str | None = None,
        where: Where = None,
        sort: str | None = None,
        project_id: str | None = None,
        columns: Mapping[str, str] | None = None,
        truncate_fields: bool = False,
        page_size: int = 100,
        max_items: int | None = None,
        starting_token: int | None = None,
        previous_last_row_id: str | None = None,
        include_code_metric_metadata: bool = False,
        redact: bool = True,
        concurrency: int = 1,
        strict: bool = True,
    ) -> Listing[AnyRecord]:
        """The run's records of one kind matching `where` (newest first unless `sort`).

        `redact` (the default, as for `export_records`) gives `input` and `output` as the
        service redacts them (its `redacted_input`/`redacted_output`, where it sends them);
        `redact=False` gives both as sent.

        A column `where` or `sort` names that the documented catalog lacks is looked up in
        the service's available_columns for the run (once per client and run) before it is
        refused; `columns` (see `columns()`) can give them instead. Search pages carry no
        total: `.count` and, with `concurrency` above 1, fetching ahead use the count
        request. `previous_last_row_id` (the last_row_id of the page before
        `starting_token`) is sent with the first page only.
        """
        kind = _root_type(root_type)
        project = self._project(project_id)
        run = run_ids(log_stream_id, experiment_id, metrics_testing_id)

        def checked(known: Mapping[str, str] | None) -> dict[str, Any]:
            body = self._run_body(run, where, known, strict)
            if (clause := _sort(sort, known)) is not None:
                body["sort"] = clause
            return body

        body = self._with_columns(kind, project, run, columns, checked)
        if previous_last_row_id is not None and starting_token is None:
            raise ConfigError(
                "previous_last_row_id goes with starting_token: the last_row_id of the page "
                "before the one starting_token names"
            )
        if include_code_metric_metadata:
            body["include_code_metric_metadata"] = True
        if truncate_fields:
            body["truncate_fields"] = True
        _query(body)  # a malformed tree given as a dict fails here, before any request
        search: Operation = getattr(api, _SEARCH[kind])

        def page(request: PageRequest) -> Call[PageResult]:
            paging: dict[str, Any] = {"starting_token": request.position, "limit": request.size}
            if previous_last_row_id is not None and request.position == starting_token:
                paging["previous_last_row_id"] = previous_last_row_id
            query = _query({**body, **paging})
            read = _read_redacted if redact else _read_records
            return Call(search.build_request(project, body=query), read)

        return Listing(
            page,
            record_from_dict,
            style="offset",
            page_size=page_size,
            max_page_size=1000,
            max_items=max_items,
            start=starting_token,
            concurrency=concurrency,
            count=self._count(kind, project, body),
            schema=_with_origin(record_rows(), kind, run, project),
        )

    def count(
        self,
        root_type: RootType,
        *,
        log_stream_id: str | None = None,
        experiment_id: str | None = None,
        metrics_testing_id: str | None = None,
        where: Where = None,
        project_id: str | None = None,
        columns: Mapping[str, str] | None = None,
        strict: bool = True,
    ) -> Call[int]:
        """How many records of one kind match `where`."""
        kind = _root_type(root_type)
        project = self._project(project_id)
        run = run_ids(log_stream_id, experiment_id, metrics_testing_id)
        body = self._with_columns(
            kind, project, run, columns, lambda known: self._run_body(run, where, known, strict)
        )
        return self._count(kind, project, body)

    def columns(
        self,
        root_type: RootType,
        *,
        log_stream_id: str | None = None,
        experiment_id: str | None = None,
        metrics_testing_id: str | None = None,
        project_id: str | None = None,
        start_time: datetime | str | None = None,
        end_time: datetime | str | None = None,
    ) -> Call[dict[str, str]]:
        """Filterable column ids and their filter types, as the service reports them (of the
        records between start_time and end_time, when given)."""
        kind = _root_type(root_type)
        run = run_ids(log_stream_id, experiment_id, metrics_testing_id)
        return self._columns_call(kind, self._project(project_id), run, start_time, end_time)

    def _columns_call(
        self,
        kind: RootType,
        project: str,
        run: dict[str, str],
        start_time: datetime | str | None,
        end_time: datetime | str | None,
    ) -> Call[dict[str, str]]:
        body: dict[str, Any] = dict(run)
        for name, moment in (("start_time", start_time), ("end_time", end_time)):
            if moment is not None:
                body[name] = _iso(moment, name)
        request = models.AvailableColumnsRequest.from_dict(body)

        def read(response: httpx.Response) -> dict[str, str]:
            answer = models.AvailableColumnsResponse.from_dict(json_object(response, "columns"))
            return {
                column.id: column.filter_type
                for column in (answer.columns or [])
                if isinstance(column.filter_type, str) and column.filterable is not False
            }

        return Call(getattr(api, _COLUMNS[kind]).build_request(project, body=request), read)

    def export_records(
        self,
        root_type: RootType,
        *,
        to: str | os.PathLike[str] | IO[bytes],
        log_stream_id: str | None = None,
        experiment_id: str | None = None,
        metrics_testing_id: str | None = None,
        where: Expr | str | list[Any] | None = None,
        sort: str | None = None,
        export_format: str = "jsonl",
        column_ids: Sequence[str] | None = None,
        redact: bool = True,
        computed_metrics_only: bool = False,
        file_name: str | None = None,
        include_code_metric_metadata: bool = False,
        project_id: str | None = None,
        columns: Mapping[str, str] | None = None,
        strict: bool = True,
        progress: StreamProgress | None = None,
        overwrite: bool = False,
    ) -> Stream:
        """The service's own export, streamed to `to` (a path, `-`, or a binary file) as
        it arrives: never the whole body in memory, and under a path's name only when whole.

        `where` becomes the flat `filters` list (ANDed: no OR here); `column_ids` choose
        and order the CSV columns. A body cut short is fetched again while retries remain
        (it only reads), else it raises and leaves no file. A file already at `to` is
        replaced only with `overwrite=True`. An empty body is checked against the count.
        """
        run = run_ids(log_stream_id, experiment_id, metrics_testing_id)
        request = _export_request(
            self, root_type, run, where, sort, export_format, column_ids, redact,
            computed_metrics_only, project_id, columns, strict, file_name,
            include_code_metric_metadata,
        )  # fmt: skip
        expect = None
        if not isinstance(where, list) and not computed_metrics_only:
            kind, project = _root_type(root_type), self._project(project_id)
            body = self._with_columns(
                kind, project, run, columns, lambda known: self._run_body(run, where, known, strict)
            )
            expect = self._count(kind, project, body)
        return Stream(request, FileSink(to, export_format, progress, overwrite=overwrite), expect)

    def export_rows(
        self,
        root_type: RootType,
        *,
        log_stream_id: str | None = None,
        experiment_id: str | None = None,
        metrics_testing_id: str | None = None,
        where: Expr | str | list[Any] | None = None,
        sort: str | None = None,
        export_format: str = "jsonl",
        column_ids: Sequence[str] | None = None,
        redact: bool = True,
        computed_metrics_only: bool = False,
        file_name: str | None = None,
        include_code_metric_metadata: bool = False,
        project_id: str | None = None,
        columns: Mapping[str, str] | None = None,
        strict: bool = True,
    ) -> RowStream:
        """The same export read as rows while it arrives: dicts from JSON lines, or from
        CSV keyed by its header (values as text)."""
        run = run_ids(log_stream_id, experiment_id, metrics_testing_id)
        request = _export_request(
            self, root_type, run, where, sort, export_format, column_ids, redact,
            computed_metrics_only, project_id, columns, strict, file_name,
            include_code_metric_metadata,
        )  # fmt: skip
        return RowStream(request, export_format)


EXPORT_FORMATS = ("jsonl", "jsonl_flat", "csv")


def _export_request(
    plans: GalileoPlans,
    root_type: RootType,
    run: dict[str, str],
    where: Expr | str | list[Any] | None,
    sort: str | None,
    export_format: str,
    column_ids: Sequence[str] | None,
    redact: bool,
    computed_metrics_only: bool,
    project_id: str | None,
    filter_types: Mapping[str, str] | None,
    strict: bool,
    file_name: str | None,
    include_code_metric_metadata: bool,
) -> dict[str, Any]:
    """The export_records request, checked: what both export methods send."""
    kind = _root_type(root_type)
    project = plans._project(project_id)
    if export_format not in EXPORT_FORMATS:
        raise ConfigError(
            f"export_format must be one of {', '.join(EXPORT_FORMATS)}, not {export_format!r}"
        )
    if computed_metrics_only and export_format == "jsonl_flat":
        raise ConfigError(
            "computed_metrics_only cannot be used with jsonl_flat (the service's rule)"
        )
    if column_ids is not None and export_format != "csv":
        raise ConfigError("column_ids choose CSV columns; use export_format='csv' with them")
    if file_name is not None and (not isinstance(file_name, str) or not file_name.strip()):
        raise ConfigError(f"file_name must be a non-empty name, not {file_name!r}")
    body: dict[str, Any] = {"root_type": kind, **run, "export_format": export_format}
    body["redact"] = redact

    def checked(known: Mapping[str, str] | None) -> dict[str, Any]:
        part: dict[str, Any] = {}
        if where is not None:
            expression = parse(where) if isinstance(where, str) else where
            part["filters"] = to_galileo_filters(expression, known, strict=strict)
        if (clause := _sort(sort, known)) is not None:
            part["sort"] = clause
        return part

    body.update(plans._with_columns(kind, project, run, filter_types, checked))
    if file_name is not None:
        body["file_name"] = file_name
    if include_code_metric_metadata:
        body["include_code_metric_metadata"] = True
    if column_ids is not None:
        body["column_ids"] = [galileo_column_id(column) for column in column_ids]
    if computed_metrics_only:
        body["export_computed_metrics_only"] = True
    try:
        request = models.LogRecordsExportRequest.from_dict(body)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"the export request is not in Galileo's form: {exc}") from None
    return api.export_records.build_request(UUID(project), body=request)


class _Configured:
    """Settings, retry policy and rate limiter, from the arguments else the environment."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        project_id: str | None = None,
        base_url: str | None = None,
        key_header: str = "Galileo-API-Key",
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 3,
        rate_limit: int | None = None,
        rate_window: float = 60.0,
        headers: Mapping[str, str] | None = None,
    ):
        env = environment()  # the environment, then the profile: read once
        self.settings = galileo_settings(
            api_key=api_key,
            base_url=base_url,
            key_header=key_header,
            timeout=timeout,
            max_retries=max_retries,
            rate_limit=rate_limit,
            rate_window=rate_window,
            headers=headers,
            env=env,
        )
        if project_id is None:  # as the README says: the environment names the project too
            project_id = env.get("GALILEO_PROJECT_ID") or None
        self._plans = GalileoPlans(project_id)
        self._core = build_core(
            self.settings, "galileo_client", asynchronous=isinstance(self, AsyncClosing)
        )
        self.transport = self._core.transport
        self.raw = self._core.raw  # the generated client, for calls the facade lacks

    @property
    def project_id(self) -> str | None:
        return self._plans.project_id

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.settings.base_url!r}, "
            f"project_id={self.project_id!r})"
        )


class Galileo(_Configured, Closing, Blocking):
    """A Galileo client. Keys and URLs come from the arguments, else the environment
    (GALILEO_API_KEY, GALILEO_API_URL or GALILEO_CONSOLE_URL); one connection pool."""

    projects = blocking(GalileoPlans.projects)
    log_streams = blocking(GalileoPlans.log_streams)
    experiments = blocking(GalileoPlans.experiments)
    records = paged(GalileoPlans.records)
    count = blocking(GalileoPlans.count)
    columns = blocking(GalileoPlans.columns)
    export_records = streamed(GalileoPlans.export_records)
    export_rows = streamed_rows(GalileoPlans.export_rows)


class AsyncGalileo(_Configured, AsyncClosing, Awaiting):
    """The Galileo client for asyncio: the same methods, awaitables and `async for`.
    `raw` is the generated client set up for its asyncio calls (`asyncio_detailed`)."""

    projects = awaiting(GalileoPlans.projects)
    log_streams = awaiting(GalileoPlans.log_streams)
    experiments = awaiting(GalileoPlans.experiments)
    records = apaged(GalileoPlans.records)
    count = awaiting(GalileoPlans.count)
    columns = awaiting(GalileoPlans.columns)
    export_records = astreamed(GalileoPlans.export_records)
    export_rows = astreamed_rows(GalileoPlans.export_rows)
