"""The Respan client: experiments, their traces, dataset spans and the organization's logs.

    rs = Respan()                                   # RESPAN_API_KEY (and RESPAN_BASE_URL)
    for trace in rs.experiments.traces("exp_123", where=F.total_cost > 0.01, sort="-start_time"):
        ...

Each call checks its input (ids, filters against the endpoint's fields, page sizes) before
anything is sent, builds the request with the generated client's request builder, sends it
through the retrying, rate-limited transport, and raises the typed error for a failure.
Listings return a `Pager` whose time window is frozen when it is made, so rows added while
it walks are not picked up half-way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from types import ModuleType
from typing import Any, TypeVar

import httpx

import respan_client
from respan_client.api.datasets import list_dataset_spans
from respan_client.api.experiment_traces import (
    export_experiment_traces,
    filter_experiment_trace_summary,
    filter_experiment_traces,
    list_experiment_traces,
    resume_experiment_trace,
    retrieve_experiment_trace,
)
from respan_client.api.experiments import (
    create_experiment,
    delete_experiment,
    filter_experiments,
    filter_experiments_summary,
    get_experiment_score_histogram,
    replace_experiment,
    retrieve_experiment,
    update_experiment,
)
from respan_client.api.logs import list_spans, list_traces
from respan_client.models import (
    DatasetSpanFilterRequest,
    Experiment,
    ExperimentCreate,
    ExperimentDetail,
    ExperimentUpdate,
    FilterRequest,
    ListFilterRequest,
    LogFilterRequest,
    ResumeTraceRequest,
    ResumeTraceResponse,
    ScoreHistogram,
    Span,
    Trace,
    TraceDetail,
    TraceSummary,
    TruthyFlag,
)
from respan_client.types import UNSET

from ._http import json_object, send
from .catalog import RESPAN_EXPERIMENT, RESPAN_SPAN, RESPAN_TRACE, Kind
from .config import USER_AGENT, respan_settings
from .errors import ConfigError, FilterError, UnexpectedResponseError
from .filters import Expr, parse, to_respan, to_respan_list
from .filters.values import iso_datetime
from .pagination import Pager, PageRequest, PageResult
from .transport import RetryPolicy, RetryTransport, TokenBucket, respan_limited

M = TypeVar("M")
Where = Expr | str | Mapping[str, Any] | None
ListWhere = Expr | str | list[Any] | None  # the export POST's list format
Workflow = list[dict[str, Any]]
Moment = datetime | str | None
EXPORT_FORMATS = (".csv", ".jsonl")


def _id(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise ConfigError(
            f"{what} must be a non-empty string without surrounding spaces, not {value!r}"
        )
    return value


def _moment(value: Moment, what: str) -> datetime | Any:
    if value is None:
        return UNSET
    try:
        return datetime.fromisoformat(iso_datetime(value, what))
    except FilterError as exc:
        raise ConfigError(str(exc)) from None


def _sort(sort: str | None, fields: Mapping[str, Kind]) -> Any:
    if sort is None:
        return UNSET
    name = sort.removeprefix("-")
    if fields.get(name) in (None, Kind.MAPPING, Kind.SCORES, Kind.JSON):
        sortable = ", ".join(
            sorted(n for n, k in fields.items() if k not in (Kind.MAPPING, Kind.SCORES, Kind.JSON))
        )
        raise ConfigError(
            f"cannot sort by {name!r}; sortable fields: {sortable} (prefix - for descending)"
        )
    return sort


def _compile(where: Where, fields: Mapping[str, Kind], strict: bool) -> dict[str, Any]:
    """The standard-format filters for `where` (an empty object for no filter)."""
    if where is None:
        return {}
    if isinstance(where, str):
        where = parse(where)
    return to_respan(where, fields, strict=strict)


def _filter_request(where: Where, fields: Mapping[str, Kind], strict: bool) -> FilterRequest:
    return FilterRequest.from_dict({"filters": _compile(where, fields, strict)})


class Respan:
    """A Respan client. Keys and URLs come from the arguments, else the environment."""

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
        limiter = TokenBucket(rate_limit, per=rate_window) if rate_limit else None
        self.transport = RetryTransport(
            policy=RetryPolicy(max_retries=max_retries), limiter=limiter, limited=respan_limited
        )
        # The generated client, with retries and the limiter, for calls the facade lacks.
        self.raw = respan_client.AuthenticatedClient(
            base_url=self.settings.base_url,
            token=self.settings.api_key.reveal(),
            timeout=self.settings.timeout,
            headers={"User-Agent": USER_AGENT, **self.settings.headers},
            httpx_args={"transport": self.transport},
        )
        self._http = self.raw.get_httpx_client()
        self.experiments = Experiments(self)
        self.datasets = Datasets(self)
        self.logs = Logs(self)

    def __repr__(self) -> str:
        return f"Respan(base_url={self.settings.base_url!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Respan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing for the resources -----------------------------------------------------------

    def _call(self, module: ModuleType, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return json_object(send(self._http, module._get_kwargs(*args, **kwargs)))

    def _model(
        self, model: Callable[[dict[str, Any]], M], module: ModuleType, *args: Any, **kwargs: Any
    ) -> M:
        return model(self._call(module, *args, **kwargs))

    def _pager(
        self,
        module: ModuleType,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        parse: Callable[[dict[str, Any]], M],
        *,
        page_size: int,
        max_page_size: int,
        count_is_total: bool,
        max_items: int | None,
        start_page: int | None,
        concurrency: int,
    ) -> Pager[M]:
        def fetch(request: PageRequest) -> PageResult:
            page = self._call(
                module, *args, page=request.position, page_size=request.size, **kwargs
            )
            if not isinstance(page.get("results"), list):
                raise UnexpectedResponseError(
                    "the answer has no results list", status=200, excerpt=str(page)[:200]
                )
            total = page.get("count") if count_is_total else None
            return PageResult(page["results"], page.get("next") is not None, total)

        return Pager(
            fetch,
            style="page",
            page_size=page_size,
            max_page_size=max_page_size,
            parse=parse,
            max_items=max_items,
            start=start_page,
            concurrency=concurrency,
        )


class Experiments:
    """Experiments and their traces."""

    def __init__(self, client: Respan):
        self._client = client

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
    ) -> Pager[Experiment]:
        """Experiments matching `where`, newest first unless `sort` says otherwise."""
        body = _filter_request(where, RESPAN_EXPERIMENT, strict)
        return self._client._pager(
            filter_experiments,
            (),
            {"body": body, "sort_by": _sort(sort, RESPAN_EXPERIMENT)},
            Experiment.from_dict,
            page_size=page_size,
            max_page_size=100,
            count_is_total=True,
            max_items=max_items,
            start_page=start_page,
            concurrency=concurrency,
        )

    def count(self, where: Where = None, *, strict: bool = True) -> int:
        body = _filter_request(where, RESPAN_EXPERIMENT, strict)
        return int(self._client._call(filter_experiments_summary, body=body)["total_count"])

    def get(self, experiment_id: str) -> ExperimentDetail:
        return self._client._model(
            ExperimentDetail.from_dict, retrieve_experiment, _id(experiment_id, "experiment_id")
        )

    def create(self, dataset_id: str, workflow: Workflow, **fields: Any) -> ExperimentDetail:
        body = ExperimentCreate.from_dict(
            {"dataset_id": _id(dataset_id, "dataset_id"), "workflow": workflow, **fields}
        )
        return self._client._model(ExperimentDetail.from_dict, create_experiment, body=body)

    def replace(
        self, experiment_id: str, dataset_id: str, workflow: Workflow, **fields: Any
    ) -> ExperimentDetail:
        body = ExperimentCreate.from_dict(
            {"dataset_id": _id(dataset_id, "dataset_id"), "workflow": workflow, **fields}
        )
        return self._client._model(
            ExperimentDetail.from_dict,
            replace_experiment,
            _id(experiment_id, "experiment_id"),
            body=body,
        )

    def update(self, experiment_id: str, **fields: Any) -> ExperimentDetail:
        body = ExperimentUpdate.from_dict(fields)
        return self._client._model(
            ExperimentDetail.from_dict,
            update_experiment,
            _id(experiment_id, "experiment_id"),
            body=body,
        )

    def delete(self, experiment_id: str) -> None:
        send(self._client._http, delete_experiment._get_kwargs(_id(experiment_id, "experiment_id")))

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
    ) -> Pager[Trace]:
        """The experiment's traces matching `where`; `end_time` defaults to now, frozen."""
        body = _filter_request(where, RESPAN_TRACE, strict)
        kwargs = {
            "body": body,
            "sort_by": _sort(sort, RESPAN_TRACE),
            "start_time": _moment(start_time, "start_time"),
            "end_time": _moment(end_time, "end_time")
            if end_time is not None
            else datetime.now(UTC),
            "detail": TruthyFlag.ONE if detail else UNSET,
        }
        return self._client._pager(
            filter_experiment_traces,
            (_id(experiment_id, "experiment_id"),),
            kwargs,
            Trace.from_dict,
            page_size=page_size,
            max_page_size=100,
            count_is_total=True,
            max_items=max_items,
            start_page=start_page,
            concurrency=concurrency,
        )

    def trace(self, experiment_id: str, log_id: str) -> TraceDetail:
        """One trace with its span tree."""
        return self._client._model(
            TraceDetail.from_dict,
            retrieve_experiment_trace,
            _id(experiment_id, "experiment_id"),
            _id(log_id, "log_id"),
        )

    def resume(
        self, experiment_id: str, log_id: str, *, input: Any, output: Any, **fields: Any
    ) -> ResumeTraceResponse:
        """Resume a trace waiting in a `wait` workflow step."""
        body = ResumeTraceRequest.from_dict({"input": input, "output": output, **fields})
        return self._client._model(
            ResumeTraceResponse.from_dict,
            resume_experiment_trace,
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
    ) -> TraceSummary:
        body = _filter_request(where, RESPAN_TRACE, strict)
        return self._client._model(
            TraceSummary.from_dict,
            filter_experiment_trace_summary,
            _id(experiment_id, "experiment_id"),
            body=body,
            start_time=_moment(start_time, "start_time"),
            end_time=_moment(end_time, "end_time"),
        )

    def histogram(self, experiment_id: str, evaluator_id: str, *, bins: int = 20) -> ScoreHistogram:
        if isinstance(bins, bool) or not isinstance(bins, int) or not 1 <= bins <= 50:
            raise ConfigError(f"bins must be a whole number from 1 to 50, not {bins!r}")
        return self._client._model(
            ScoreHistogram.from_dict,
            get_experiment_score_histogram,
            _id(experiment_id, "experiment_id"),
            evaluator_id=_id(evaluator_id, "evaluator_id"),
            bins=bins,
        )

    def export(
        self,
        experiment_id: str,
        where: ListWhere = None,
        *,
        start_time: Moment = None,
        end_time: Moment = None,
        strict: bool = True,
    ) -> str:
        """The service's own export, e-mailed as a CSV/Excel link; returns its message.

        Without a filter this is the GET with `export=1`; with one, the POST whose body
        takes the older list format. Not repeated once it may have reached the service.
        """
        experiment_id = _id(experiment_id, "experiment_id")
        window: dict[str, Any] = {
            "start_time": _moment(start_time, "start_time"),
            "end_time": _moment(end_time, "end_time"),
        }
        if where is None:
            kwargs = list_experiment_traces._get_kwargs(
                experiment_id, export=TruthyFlag.ONE, **window
            )
        else:
            expression = parse(where) if isinstance(where, str) else where
            body = ListFilterRequest.from_dict(
                {"filters": to_respan_list(expression, RESPAN_TRACE, strict=strict)}
            )
            kwargs = export_experiment_traces._get_kwargs(
                experiment_id, body=body, export=TruthyFlag.ONE, **window
            )
        return str(json_object(send(self._client._http, kwargs), "message")["message"])


class Datasets:
    """The spans of a dataset (or of `_saved_logs`)."""

    def __init__(self, client: Respan):
        self._client = client

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
    ) -> Pager[Span]:
        """Spans matching `where`. The service ignores unknown filter keys here, so they are
        refused before sending (strict=False sends them anyway)."""
        body = DatasetSpanFilterRequest.from_dict({"filters": _compile(where, RESPAN_SPAN, strict)})
        return self._client._pager(
            list_dataset_spans,
            (_id(dataset_id, "dataset_id"),),
            {"body": body, "sort_by": _sort(sort, RESPAN_SPAN)},
            Span.from_dict,
            page_size=page_size,
            max_page_size=100,
            count_is_total=True,
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
    ) -> str:
        """The service's own e-mailed export of the dataset's spans; returns its message."""
        if format not in EXPORT_FORMATS:
            raise ConfigError(f"format must be one of {', '.join(EXPORT_FORMATS)}, not {format!r}")
        fields: dict[str, Any] = {
            "filters": _compile(where, RESPAN_SPAN, strict),
            "is_exporting": True,
            "export_format": format,
        }
        if name is not None:
            fields["name"] = name
        kwargs = list_dataset_spans._get_kwargs(
            _id(dataset_id, "dataset_id"), body=DatasetSpanFilterRequest.from_dict(fields)
        )
        return str(json_object(send(self._client._http, kwargs), "message")["message"])


class Logs:
    """The organization's spans and traces (the logs APIs, outside the 60/minute limit)."""

    def __init__(self, client: Respan):
        self._client = client

    def _listing(
        self,
        module: ModuleType,
        fields: Mapping[str, Kind],
        parse: Callable[[dict[str, Any]], M],
        where: Where,
        start_time: Moment,
        end_time: Moment,
        sort: str | None,
        extra: dict[str, Any],
        **paging: Any,
    ) -> Pager[M]:
        strict = paging.pop("strict")
        body = LogFilterRequest.from_dict(
            {"filters": _compile(where, fields, strict), "operator": "AND"}
        )
        kwargs = {
            "body": body,
            "sort_by": _sort(sort, fields),
            **self._window(start_time, end_time),
        }
        return self._client._pager(
            module, (), {**kwargs, **extra}, parse, max_page_size=1000, **paging
        )

    def _window(self, start_time: Moment, end_time: Moment) -> dict[str, Any]:
        if start_time is None and end_time is None:  # the service's default, frozen now
            end = datetime.now(UTC)
            return {"start_time": end - timedelta(hours=1), "end_time": end}
        return {
            "start_time": _moment(start_time, "start_time"),
            "end_time": _moment(end_time, "end_time"),
        }

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
    ) -> Pager[Span]:
        """Spans in the window (the last hour by default). The service reports a page's size
        as its count, so this pager has no count and follows the next links."""
        extra = {"environment": environment or UNSET, "log_type": log_type or UNSET}
        return self._listing(
            list_spans,
            RESPAN_SPAN,
            Span.from_dict,
            where,
            start_time,
            end_time,
            sort,
            extra,
            page_size=page_size,
            count_is_total=False,
            max_items=max_items,
            start_page=start_page,
            concurrency=1,
            strict=strict,
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
    ) -> Pager[Trace]:
        """Traces in the window (the last hour by default)."""
        return self._listing(
            list_traces,
            RESPAN_TRACE,
            Trace.from_dict,
            where,
            start_time,
            end_time,
            sort,
            {"environment": environment or UNSET},
            page_size=page_size,
            count_is_total=True,
            max_items=max_items,
            start_page=start_page,
            concurrency=concurrency,
            strict=strict,
        )
