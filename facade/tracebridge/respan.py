"""The Respan client: experiments, their traces, dataset spans and the organization's logs.

    rs = Respan()                                   # RESPAN_API_KEY (and RESPAN_BASE_URL)
    for trace in rs.experiments.traces("exp_123", where=F.total_cost > 0.01, sort="-start_time"):
        ...

Each call checks its input (ids, filters against the endpoint's fields, page sizes) before
anything is sent, builds the request with the generated client's request builder, sends it
through the retrying, rate-limited transport, and raises the typed error for a failure.
Listings return a `Pager` whose time window is frozen when it is made, so rows added while
it walks are not picked up half-way. `AsyncRespan` has the same surface for asyncio: each
method is planned once (see `calls`) and sent by either client.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from respan_client import models

if TYPE_CHECKING:
    from respan_client.models import (
        Experiment,
        ExperimentDetail,
        FilterRequest,
        ResumeTraceResponse,
        ScoreHistogram,
        Span,
        Trace,
        TraceDetail,
        TraceSummary,
    )


from ._generated import Operation, Operations, given
from ._http import json_object, row_list
from .calls import (
    AsyncClosing,
    Awaiting,
    Blocking,
    Call,
    Closing,
    Listing,
    apaged,
    awaiting,
    blocking,
    paged,
)
from .catalog import (
    RESPAN_EXPERIMENT,
    RESPAN_SPAN,
    RESPAN_TRACE,
    Kind,
    kept_whole,
    sortable_field,
    sortable_names,
)
from .combined import AsyncCombined, Combined, check_labels
from .config import respan_settings
from .core import build_core
from .errors import ConfigError, FilterError, UnexpectedResponseError
from .export.flatten import RowSchema, model_fields
from .filters import Expr, parse, to_respan, to_respan_list
from .filters.values import iso_datetime
from .pagination import PageRequest, PageResult

api = Operations("respan_client")  # each operation imported when first called

M = TypeVar("M")
Where = Expr | str | Mapping[str, Any] | None
ListWhere = Expr | str | list[Any] | None  # the export POST's list format
Workflow = list[dict[str, Any]]
Moment = datetime | str | None
EMAILED_EXPORT_FORMATS = (".csv", ".jsonl")
MAX_ID_CHARS = 512


def shorten(value: Any, limit: int = 60) -> str:
    """A value for a message, cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text):,} characters)"


def _id(value: Any, what: str) -> str:
    """An id for a path segment: never a dot segment, a control character or a book."""
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise ConfigError(
            f"{what} must be a non-empty string without surrounding spaces, not {shorten(value)}"
        )
    if value in (".", "..") or len(value) > MAX_ID_CHARS:
        raise ConfigError(f"{what} is not an id: {shorten(value)}")
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise ConfigError(f"{what} holds a control character: {shorten(value)}")
    return value


def _window_of(start_time: Moment, end_time: Moment) -> dict[str, Any]:
    """start_time and end_time as the generated client takes them, in order."""
    window = {
        "start_time": _moment(start_time, "start_time"),
        "end_time": _moment(end_time, "end_time"),
    }
    _in_order(window["start_time"], window["end_time"])
    return window


def _in_order(start: Any, end: Any) -> None:
    if isinstance(start, datetime) and isinstance(end, datetime) and start >= end:
        raise ConfigError(
            f"start_time {start.isoformat()} is not before end_time {end.isoformat()}"
        )


def _moment(value: Moment, what: str) -> datetime | Any:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(iso_datetime(value, what))
    except FilterError as exc:
        raise ConfigError(str(exc)) from None


def _sort(sort: str | None, fields: Mapping[str, Kind]) -> Any:
    if sort is None:
        return None
    name = sort.removeprefix("-")
    if sortable_field(name, fields) is None:
        sortable = ", ".join(sortable_names(fields))
        raise ConfigError(
            f"cannot sort by {name!r}; sortable fields: {sortable} (prefix - for descending)"
        )
    return sort


def _whole(value: Any, what: str, low: int, high: int | None) -> int:
    """A whole number in range, checked before sending."""
    inside = not isinstance(value, bool) and isinstance(value, int) and value >= low
    if not inside or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise ConfigError(f"{what} must be a whole number {span}, not {value!r}")
    return int(value)


def _compile(where: Where, fields: Mapping[str, Kind], strict: bool) -> dict[str, Any]:
    """The standard-format filters for `where` (an empty object for no filter)."""
    if where is None:
        return {}
    if isinstance(where, str):
        where = parse(where)
    return to_respan(where, fields, strict=strict)


def _filter_request(where: Where, fields: Mapping[str, Kind], strict: bool) -> FilterRequest:
    return models.FilterRequest.from_dict({"filters": _compile(where, fields, strict)})


def _call(
    module: Operation, read: Callable[[dict[str, Any]], M], *args: Any, **kwargs: Any
) -> Call[M]:
    """A call of a generated operation whose answer is a JSON object read by `read`."""
    return Call(
        module.build_request(*args, **given(**kwargs)),
        lambda response: read(json_object(response)),
    )


def _message(module: Operation, *args: Any, **kwargs: Any) -> Call[str]:
    """A call whose answer is the service's {"message": ...} (the e-mailed exports)."""
    return Call(
        module.build_request(*args, **given(**kwargs)),
        lambda response: str(json_object(response, "message")["message"]),
    )


def _read_page(count_is_total: bool) -> Callable[[httpx.Response], PageResult]:
    def read(response: httpx.Response) -> PageResult:
        page = json_object(response)
        rows = row_list(page, "results", response)
        total = page.get("count") if count_is_total else None
        if total is not None and (isinstance(total, bool) or not isinstance(total, int)):
            raise UnexpectedResponseError(
                "the answer's count is not a whole number", status=200, excerpt=str(total)[:80]
            )
        return PageResult(rows, page.get("next") is not None, total)

    return read


def _schema(
    model: type, fields: Mapping[str, Kind], kind: str | None = None, **context: str
) -> RowSchema:
    """The columns an export of this row type starts from (the model's fields, in order),
    and, for a trace or span listing, what its rows are in the common schema."""
    origin = None
    if kind is not None:
        from .schema import Origin

        origin = Origin("respan", kind, context)
    return RowSchema(
        model_fields(model),
        frozenset(name for name, kind in fields.items() if kind is Kind.DATETIME),
        kept_whole(fields),
        origin,
    )


def _listing(
    module: Operation,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    parse: Callable[[dict[str, Any]], M],
    *,
    schema: RowSchema,
    window: dict[str, datetime] | None = None,
    count_is_total: bool,
    max_page_size: int,
    page_size: int,
    max_items: int | None,
    start_page: int | None,
    concurrency: int,
) -> Listing[M]:
    """A page-numbered listing of a generated operation. `window` holds the times fixed at
    "now" when the listing is made (sent with every page, put back by a resumed export)."""
    read = _read_page(count_is_total)
    frozen: dict[str, datetime] = dict(window or {})

    def page(request: PageRequest) -> Call[PageResult]:
        return Call(
            module.build_request(
                *args, page=request.position, page_size=request.size, **given(**kwargs, **frozen)
            ),
            read,
        )

    return Listing(
        page,
        parse,
        schema=schema,
        window=frozen,
        style="page",
        page_size=page_size,
        max_page_size=max_page_size,
        max_items=max_items,
        start=start_page,
        concurrency=concurrency,
    )


class ExperimentPlans:
    """Experiments and their traces."""

    def list(
        self,
        where: Where = None,
        *,
        sort: str | None = None,
        page_size: int = 100,
        max_items: int | None = None,
        start_page: int | None = None,
        concurrency: int = 1,
        strict: bool = True,
    ) -> Listing[Experiment]:
        """Experiments matching `where`, newest first unless `sort` says otherwise."""
        body = _filter_request(where, RESPAN_EXPERIMENT, strict)
        return _listing(
            api.filter_experiments,
            (),
            {"body": body, "sort_by": _sort(sort, RESPAN_EXPERIMENT)},
            models.Experiment.from_dict,
            schema=_schema(models.Experiment, RESPAN_EXPERIMENT),
            count_is_total=True,
            max_page_size=100,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            concurrency=concurrency,
        )

    def count(self, where: Where = None, *, strict: bool = True) -> Call[int]:
        """How many experiments match `where`."""
        body = _filter_request(where, RESPAN_EXPERIMENT, strict)
        return _call(
            api.filter_experiments_summary, lambda answer: int(answer["total_count"]), body=body
        )

    def get(self, experiment_id: str) -> Call[ExperimentDetail]:
        """One experiment with its workflow and dataset details."""
        return _call(
            api.retrieve_experiment,
            models.ExperimentDetail.from_dict,
            _id(experiment_id, "experiment_id"),
        )

    def create(
        self, /, dataset_id: str, workflow: Workflow, **fields: Any
    ) -> Call[ExperimentDetail]:
        """Create an experiment running `workflow` over the dataset."""
        body = models.ExperimentCreate.from_dict(
            {"dataset_id": _id(dataset_id, "dataset_id"), "workflow": workflow, **fields}
        )
        return _call(api.create_experiment, models.ExperimentDetail.from_dict, body=body)

    def replace(
        self, /, experiment_id: str, dataset_id: str, workflow: Workflow, **fields: Any
    ) -> Call[ExperimentDetail]:
        """Replace an experiment's definition (PUT)."""
        body = models.ExperimentCreate.from_dict(
            {"dataset_id": _id(dataset_id, "dataset_id"), "workflow": workflow, **fields}
        )
        return _call(
            api.replace_experiment,
            models.ExperimentDetail.from_dict,
            _id(experiment_id, "experiment_id"),
            body=body,
        )

    def update(self, /, experiment_id: str, **fields: Any) -> Call[ExperimentDetail]:
        """Change some of an experiment's fields (PATCH)."""
        body = models.ExperimentUpdate.from_dict(fields)
        return _call(
            api.update_experiment,
            models.ExperimentDetail.from_dict,
            _id(experiment_id, "experiment_id"),
            body=body,
        )

    def delete(self, experiment_id: str) -> Call[None]:
        """Delete an experiment."""
        return Call(
            api.delete_experiment.build_request(_id(experiment_id, "experiment_id")),
            lambda response: None,
        )

    def traces(
        self,
        experiment_id: str,
        where: Where = None,
        *,
        sort: str | None = None,
        start_time: Moment = None,
        end_time: Moment = None,
        detail: bool = False,
        page_size: int = 100,
        max_items: int | None = None,
        start_page: int | None = None,
        concurrency: int = 1,
        strict: bool = True,
    ) -> Listing[Trace]:
        """The experiment's traces matching `where`; `end_time` defaults to now, frozen."""
        body = _filter_request(where, RESPAN_TRACE, strict)
        kwargs = {
            "body": body,
            "sort_by": _sort(sort, RESPAN_TRACE),
            "start_time": _moment(start_time, "start_time"),
            "detail": models.TruthyFlag.ONE if detail else None,
        }
        if end_time is None:
            window = {"end_time": datetime.now(UTC)}
        else:
            window, kwargs["end_time"] = {}, _moment(end_time, "end_time")
        _in_order(kwargs["start_time"], kwargs.get("end_time", window.get("end_time")))
        return _listing(
            api.filter_experiment_traces,
            (_id(experiment_id, "experiment_id"),),
            kwargs,
            models.Trace.from_dict,
            schema=_schema(models.Trace, RESPAN_TRACE, "trace", experiment_id=experiment_id),
            window=window,
            count_is_total=True,
            max_page_size=100,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            concurrency=concurrency,
        )

    def trace(self, experiment_id: str, log_id: str) -> Call[TraceDetail]:
        """One trace with its span tree."""
        return _call(
            api.retrieve_experiment_trace,
            models.TraceDetail.from_dict,
            _id(experiment_id, "experiment_id"),
            _id(log_id, "log_id"),
        )

    def resume(
        self, /, experiment_id: str, log_id: str, *, input: Any, output: Any, **fields: Any
    ) -> Call[ResumeTraceResponse]:
        """Resume a trace waiting in a `wait` workflow step."""
        body = models.ResumeTraceRequest.from_dict({"input": input, "output": output, **fields})
        return _call(
            api.resume_experiment_trace,
            models.ResumeTraceResponse.from_dict,
            _id(experiment_id, "experiment_id"),
            _id(log_id, "log_id"),
            body=body,
        )

    def summary(
        self,
        experiment_id: str,
        where: Where = None,
        *,
        start_time: Moment = None,
        end_time: Moment = None,
        strict: bool = True,
    ) -> Call[TraceSummary]:
        """Totals over the experiment's traces matching `where` (cost, tokens, scores)."""
        body = _filter_request(where, RESPAN_TRACE, strict)
        return _call(
            api.filter_experiment_trace_summary,
            models.TraceSummary.from_dict,
            _id(experiment_id, "experiment_id"),
            body=body,
            **_window_of(start_time, end_time),
        )

    def histogram(
        self, experiment_id: str, evaluator_id: str, *, bins: int = 20
    ) -> Call[ScoreHistogram]:
        """How one evaluator's scores are spread over the experiment's traces."""
        if isinstance(bins, bool) or not isinstance(bins, int) or not 1 <= bins <= 50:
            raise ConfigError(f"bins must be a whole number from 1 to 50, not {bins!r}")
        return _call(
            api.get_experiment_score_histogram,
            models.ScoreHistogram.from_dict,
            _id(experiment_id, "experiment_id"),
            evaluator_id=_id(evaluator_id, "evaluator_id"),
            bins=bins,
        )

    def export(
        self,
        experiment_id: str,
        where: ListWhere = None,
        *,
        sort: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        start_time: Moment = None,
        end_time: Moment = None,
        strict: bool = True,
    ) -> Call[str]:
        """The service's own export, e-mailed as a CSV/Excel link; returns its message.

        Without a filter this is the GET with `export=1`; with one, the POST whose body
        takes the older list format. `sort`, `page` and `page_size` are the export's own
        query parameters (seed 000). Not repeated once it may have reached the service.
        """
        experiment_id = _id(experiment_id, "experiment_id")
        window: dict[str, Any] = _window_of(start_time, end_time)
        window["sort_by"] = _sort(sort, RESPAN_TRACE)
        if page is not None:
            window["page"] = _whole(page, "page", 1, None)
        if page_size is not None:
            window["page_size"] = _whole(page_size, "page_size", 1, 100)
        if where is None:
            return _message(
                api.list_experiment_traces, experiment_id, export=models.TruthyFlag.ONE, **window
            )
        expression = parse(where) if isinstance(where, str) else where
        body = models.ListFilterRequest.from_dict(
            {"filters": to_respan_list(expression, RESPAN_TRACE, strict=strict)}
        )
        return _message(
            api.export_experiment_traces,
            experiment_id,
            body=body,
            export=models.TruthyFlag.ONE,
            **window,
        )


class DatasetPlans:
    """The spans of a dataset (or of `_saved_logs`)."""

    def spans(
        self,
        dataset_id: str,
        where: Where = None,
        *,
        sort: str | None = None,
        page_size: int = 100,
        max_items: int | None = None,
        start_page: int | None = None,
        concurrency: int = 1,
        strict: bool = True,
    ) -> Listing[Span]:
        """Spans matching `where`. The service ignores unknown filter keys here, so they are
        refused before sending (strict=False sends them anyway)."""
        body = models.DatasetSpanFilterRequest.from_dict(
            {"filters": _compile(where, RESPAN_SPAN, strict)}
        )
        return _listing(
            api.list_dataset_spans,
            (_id(dataset_id, "dataset_id"),),
            {"body": body, "sort_by": _sort(sort, RESPAN_SPAN)},
            models.Span.from_dict,
            schema=_schema(models.Span, RESPAN_SPAN, "span", dataset_id=dataset_id),
            count_is_total=True,
            max_page_size=100,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            concurrency=concurrency,
        )

    def export(
        self,
        dataset_id: str,
        where: Where = None,
        *,
        format: str = ".csv",
        name: str | None = None,
        strict: bool = True,
    ) -> Call[str]:
        """The service's own e-mailed export of the dataset's spans; returns its message."""
        if format not in EMAILED_EXPORT_FORMATS:
            raise ConfigError(
                f"format must be one of {', '.join(EMAILED_EXPORT_FORMATS)}, not {format!r}"
            )
        fields: dict[str, Any] = {
            "filters": _compile(where, RESPAN_SPAN, strict),
            "is_exporting": True,
            "export_format": format,
        }
        if name is not None:
            fields["name"] = name
        body = models.DatasetSpanFilterRequest.from_dict(fields)
        return _message(api.list_dataset_spans, _id(dataset_id, "dataset_id"), body=body)


def _window(start_time: Moment, end_time: Moment) -> dict[str, datetime]:
    """The logs APIs' default window, the last hour (the service's own), frozen now; empty
    when the caller gives the times."""
    if start_time is None and end_time is None:
        end = datetime.now(UTC)
        return {"start_time": end - timedelta(hours=1), "end_time": end}
    return {}


def _given_window(start_time: Moment, end_time: Moment) -> dict[str, Any]:
    if start_time is None and end_time is None:
        return {}
    return _window_of(start_time, end_time)


class LogPlans:
    """The organization's spans and traces (the logs APIs, outside the 60/minute limit)."""

    def spans(
        self,
        where: Where = None,
        *,
        start_time: Moment = None,
        end_time: Moment = None,
        sort: str | None = None,
        environment: str | None = None,
        log_type: str | None = None,
        page_size: int = 100,
        max_items: int | None = None,
        start_page: int | None = None,
        strict: bool = True,
    ) -> Listing[Span]:
        """Spans in the window (the last hour by default). The service reports a page's size
        as its count, so this pager has no count and follows the next links."""
        body = models.LogFilterRequest.from_dict(
            {"filters": _compile(where, RESPAN_SPAN, strict), "operator": "AND"}
        )
        kwargs = {
            "body": body,
            "sort_by": _sort(sort, RESPAN_SPAN),
            "environment": environment or None,
            "log_type": log_type or None,
            **_given_window(start_time, end_time),
        }
        return _listing(
            api.list_spans,
            (),
            kwargs,
            models.Span.from_dict,
            schema=_schema(models.Span, RESPAN_SPAN, "span"),
            window=_window(start_time, end_time),
            count_is_total=False,
            max_page_size=1000,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            concurrency=1,
        )

    def traces(
        self,
        where: Where = None,
        *,
        start_time: Moment = None,
        end_time: Moment = None,
        sort: str | None = None,
        environment: str | None = None,
        page_size: int = 100,
        max_items: int | None = None,
        start_page: int | None = None,
        concurrency: int = 1,
        strict: bool = True,
    ) -> Listing[Trace]:
        """Traces in the window (the last hour by default)."""
        body = models.LogFilterRequest.from_dict(
            {"filters": _compile(where, RESPAN_TRACE, strict), "operator": "AND"}
        )
        kwargs = {
            "body": body,
            "sort_by": _sort(sort, RESPAN_TRACE),
            "environment": environment or None,
            **_given_window(start_time, end_time),
        }
        return _listing(
            api.list_traces,
            (),
            kwargs,
            models.Trace.from_dict,
            schema=_schema(models.Trace, RESPAN_TRACE, "trace"),
            window=_window(start_time, end_time),
            count_is_total=True,
            max_page_size=1000,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            concurrency=concurrency,
        )


C = TypeVar("C", Combined, AsyncCombined)


def _traces_across(combined: type[C]) -> Callable[..., C]:
    """`experiments.traces_across` for a blocking (Combined) or asyncio (AsyncCombined)
    resource: written once, planned through the resource's own `traces`."""

    def traces_across(
        self: Any,
        experiment_ids: Sequence[str],
        where: Where = None,
        *,
        sort: str | None = None,
        start_time: Moment = None,
        end_time: Moment = None,
        detail: bool = False,
        page_size: int = 100,
        max_items: int | None = None,
        concurrency: int = 1,
        strict: bool = True,
    ) -> C:
        """The traces of several experiments as one walk (one file, one DataFrame), each
        row with its `experiment_id` first; every id and the filter are checked before the
        first request, one `end_time` (now, unless given) holds for all. See `combined`."""
        check_labels(experiment_ids, "experiment id")
        if max_items is not None:
            _whole(max_items, "max_items", 0, None)
        end = datetime.now(UTC) if end_time is None else end_time
        parts = [
            (
                experiment_id,
                self.traces(
                    experiment_id, where, sort=sort, start_time=start_time, end_time=end,
                    detail=detail, page_size=page_size, concurrency=concurrency, strict=strict,
                ),
            )
            for experiment_id in experiment_ids
        ]  # fmt: skip
        return combined(parts, "experiment_id", max_items)

    traces_across.__annotations__["return"] = combined.__name__
    return traces_across


# -- the resources, blocking and asyncio: each method is its plan, sent -------------------------


class Experiments(Blocking):
    __doc__ = ExperimentPlans.__doc__
    _plans = ExperimentPlans()

    list = paged(ExperimentPlans.list)
    count = blocking(ExperimentPlans.count)
    get = blocking(ExperimentPlans.get)
    create = blocking(ExperimentPlans.create)
    replace = blocking(ExperimentPlans.replace)
    update = blocking(ExperimentPlans.update)
    delete = blocking(ExperimentPlans.delete)
    traces = paged(ExperimentPlans.traces)
    trace = blocking(ExperimentPlans.trace)
    resume = blocking(ExperimentPlans.resume)
    summary = blocking(ExperimentPlans.summary)
    histogram = blocking(ExperimentPlans.histogram)
    export = blocking(ExperimentPlans.export)

    traces_across = _traces_across(Combined)


class AsyncExperiments(Awaiting):
    __doc__ = ExperimentPlans.__doc__
    _plans = ExperimentPlans()

    list = apaged(ExperimentPlans.list)
    count = awaiting(ExperimentPlans.count)
    get = awaiting(ExperimentPlans.get)
    create = awaiting(ExperimentPlans.create)
    replace = awaiting(ExperimentPlans.replace)
    update = awaiting(ExperimentPlans.update)
    delete = awaiting(ExperimentPlans.delete)
    traces = apaged(ExperimentPlans.traces)
    trace = awaiting(ExperimentPlans.trace)
    resume = awaiting(ExperimentPlans.resume)
    summary = awaiting(ExperimentPlans.summary)
    histogram = awaiting(ExperimentPlans.histogram)
    export = awaiting(ExperimentPlans.export)

    traces_across = _traces_across(AsyncCombined)


class Datasets(Blocking):
    __doc__ = DatasetPlans.__doc__
    _plans = DatasetPlans()

    spans = paged(DatasetPlans.spans)
    export = blocking(DatasetPlans.export)


class AsyncDatasets(Awaiting):
    __doc__ = DatasetPlans.__doc__
    _plans = DatasetPlans()

    spans = apaged(DatasetPlans.spans)
    export = awaiting(DatasetPlans.export)


class Logs(Blocking):
    __doc__ = LogPlans.__doc__
    _plans = LogPlans()

    spans = paged(LogPlans.spans)
    traces = paged(LogPlans.traces)


class AsyncLogs(Awaiting):
    __doc__ = LogPlans.__doc__
    _plans = LogPlans()

    spans = apaged(LogPlans.spans)
    traces = apaged(LogPlans.traces)


# -- the clients --------------------------------------------------------------------------------


class _Configured:
    """Settings, retry policy and rate limiter, from the arguments else the environment."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 3,
        rate_limit: int | None = 60,
        rate_window: float = 60.0,
        headers: Mapping[str, str] | None = None,
    ):
        self.settings = respan_settings(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            rate_limit=rate_limit,
            rate_window=rate_window,
            headers=headers,
        )
        # One core: one bucket for every request of this client (Respan's 60/minute).
        self._core = build_core(
            self.settings, "respan_client", asynchronous=isinstance(self, AsyncClosing)
        )
        self.transport = self._core.transport
        self.raw = self._core.raw  # the generated client, for calls the facade lacks
        self._connect()

    def _connect(self) -> None:
        raise NotImplementedError  # each client makes its own resources

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.settings.base_url!r})"


class Respan(_Configured, Closing):
    """A Respan client. Keys and URLs come from the arguments, else the environment
    (RESPAN_API_KEY, RESPAN_BASE_URL); one connection pool, retries, a shared rate limit.

    Its resources:
      experiments  list, count, get, create, replace, update, delete, traces, trace, resume,
                   summary, histogram, export (the e-mailed one)
      datasets     spans, export
      logs         spans, traces (the organization's logs API)
      raw          the generated respan_client, on the same transport
    """

    def _connect(self) -> None:
        self.experiments = Experiments(self._core)
        self.datasets = Datasets(self._core)
        self.logs = Logs(self._core)


class AsyncRespan(_Configured, AsyncClosing):
    """The Respan client for asyncio: the same resources, awaitables and `async for`.
    `raw` is the generated client set up for its asyncio calls (`asyncio_detailed`)."""

    def _connect(self) -> None:
        self.experiments = AsyncExperiments(self._core)
        self.datasets = AsyncDatasets(self._core)
        self.logs = AsyncLogs(self._core)
