import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.export_message import ExportMessage
from ...models.rate_limit_error import RateLimitError
from ...models.trace_list import TraceList
from ...models.truthy_flag import TruthyFlag
from ...types import UNSET, Response, Unset

OPERATION_ID = "list_experiment_traces"


def build_request(
    experiment_id: str,
    *,
    export: TruthyFlag | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    detail: TruthyFlag | Unset = UNSET,
    preview_length: int | Unset = UNSET,
) -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""

    params: dict[str, Any] = {}

    json_export: str | Unset = UNSET
    if not isinstance(export, Unset):
        json_export = export.value

    params["export"] = json_export

    params["page"] = page

    params["page_size"] = page_size

    params["sort_by"] = sort_by

    json_start_time: str | Unset = UNSET
    if not isinstance(start_time, Unset):
        json_start_time = start_time.isoformat()
    params["start_time"] = json_start_time

    json_end_time: str | Unset = UNSET
    if not isinstance(end_time, Unset):
        json_end_time = end_time.isoformat()
    params["end_time"] = json_end_time

    json_detail: str | Unset = UNSET
    if not isinstance(detail, Unset):
        json_detail = detail.value

    params["detail"] = json_detail

    params["preview_length"] = preview_length

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/experiments/{experiment_id}/logs/".format(
            experiment_id=quote(str(experiment_id), safe=""),
        ),
        "params": params,
        "extensions": {"tracebridge.operation": OPERATIONS[OPERATION_ID]},
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ExportMessage | RateLimitError | TraceList | None:
    if response.status_code == 200:
        response_200 = TraceList.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = ExportMessage.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = RateLimitError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | ExportMessage | RateLimitError | TraceList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    experiment_id: str,
    *,
    client: AuthenticatedClient | Client,
    export: TruthyFlag | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    detail: TruthyFlag | Unset = UNSET,
    preview_length: int | Unset = UNSET,
) -> Response[ErrorDetail | ExportMessage | RateLimitError | TraceList]:
    """List or export experiment traces

     Lists one page of the experiment's traces, or, with `export=1`, starts the service's
    own export: it answers 202 and e-mails a CSV/Excel download link (seed 000). The seed
    marks every query parameter required; the newer reference makes them optional, as here.

    Args:
        experiment_id (str):
        export (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        detail (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        preview_length (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ExportMessage | RateLimitError | TraceList]
    """

    kwargs = build_request(
        experiment_id=experiment_id,
        export=export,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
        start_time=start_time,
        end_time=end_time,
        detail=detail,
        preview_length=preview_length,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    experiment_id: str,
    *,
    client: AuthenticatedClient | Client,
    export: TruthyFlag | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    detail: TruthyFlag | Unset = UNSET,
    preview_length: int | Unset = UNSET,
) -> ErrorDetail | ExportMessage | RateLimitError | TraceList | None:
    """List or export experiment traces

     Lists one page of the experiment's traces, or, with `export=1`, starts the service's
    own export: it answers 202 and e-mails a CSV/Excel download link (seed 000). The seed
    marks every query parameter required; the newer reference makes them optional, as here.

    Args:
        experiment_id (str):
        export (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        detail (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        preview_length (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ExportMessage | RateLimitError | TraceList
    """

    return sync_detailed(
        experiment_id=experiment_id,
        client=client,
        export=export,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
        start_time=start_time,
        end_time=end_time,
        detail=detail,
        preview_length=preview_length,
    ).parsed


async def asyncio_detailed(
    experiment_id: str,
    *,
    client: AuthenticatedClient | Client,
    export: TruthyFlag | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    detail: TruthyFlag | Unset = UNSET,
    preview_length: int | Unset = UNSET,
) -> Response[ErrorDetail | ExportMessage | RateLimitError | TraceList]:
    """List or export experiment traces

     Lists one page of the experiment's traces, or, with `export=1`, starts the service's
    own export: it answers 202 and e-mails a CSV/Excel download link (seed 000). The seed
    marks every query parameter required; the newer reference makes them optional, as here.

    Args:
        experiment_id (str):
        export (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        detail (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        preview_length (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ExportMessage | RateLimitError | TraceList]
    """

    kwargs = build_request(
        experiment_id=experiment_id,
        export=export,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
        start_time=start_time,
        end_time=end_time,
        detail=detail,
        preview_length=preview_length,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    experiment_id: str,
    *,
    client: AuthenticatedClient | Client,
    export: TruthyFlag | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    detail: TruthyFlag | Unset = UNSET,
    preview_length: int | Unset = UNSET,
) -> ErrorDetail | ExportMessage | RateLimitError | TraceList | None:
    """List or export experiment traces

     Lists one page of the experiment's traces, or, with `export=1`, starts the service's
    own export: it answers 202 and e-mails a CSV/Excel download link (seed 000). The seed
    marks every query parameter required; the newer reference makes them optional, as here.

    Args:
        experiment_id (str):
        export (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        detail (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        preview_length (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ExportMessage | RateLimitError | TraceList
    """

    return (
        await asyncio_detailed(
            experiment_id=experiment_id,
            client=client,
            export=export,
            page=page,
            page_size=page_size,
            sort_by=sort_by,
            start_time=start_time,
            end_time=end_time,
            detail=detail,
            preview_length=preview_length,
        )
    ).parsed
