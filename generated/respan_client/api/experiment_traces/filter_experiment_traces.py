import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.filter_request import FilterRequest
from ...models.rate_limit_error import RateLimitError
from ...models.trace_list import TraceList
from ...models.truthy_flag import TruthyFlag
from ...types import UNSET, Response, Unset

OPERATION_ID = "filter_experiment_traces"


def build_request(
    experiment_id: str,
    *,
    body: FilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    detail: TruthyFlag | Unset = UNSET,
    preview_length: int | Unset = UNSET,
) -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

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
        "method": "post",
        "url": "/api/v2/experiments/{experiment_id}/logs/list/".format(
            experiment_id=quote(str(experiment_id), safe=""),
        ),
        "params": params,
        "extensions": {"tracebridge.operation": OPERATIONS[OPERATION_ID]},
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | RateLimitError | TraceList | None:
    if response.status_code == 200:
        response_200 = TraceList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ErrorDetail.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = RateLimitError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | RateLimitError | TraceList]:
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
    body: FilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    detail: TruthyFlag | Unset = UNSET,
    preview_length: int | Unset = UNSET,
) -> Response[ErrorDetail | RateLimitError | TraceList]:
    """Filter experiment traces

     Lists experiment traces using POST-for-filtering (seed 001). Supports status, cost,
    comparison key, timestamp, metadata (`metadata__<key>`) and score (`scores__<id>`) filters.

    Args:
        experiment_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        detail (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        preview_length (int | Unset):
        body (FilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | RateLimitError | TraceList]
    """

    kwargs = build_request(
        experiment_id=experiment_id,
        body=body,
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
    body: FilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    detail: TruthyFlag | Unset = UNSET,
    preview_length: int | Unset = UNSET,
) -> ErrorDetail | RateLimitError | TraceList | None:
    """Filter experiment traces

     Lists experiment traces using POST-for-filtering (seed 001). Supports status, cost,
    comparison key, timestamp, metadata (`metadata__<key>`) and score (`scores__<id>`) filters.

    Args:
        experiment_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        detail (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        preview_length (int | Unset):
        body (FilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | RateLimitError | TraceList
    """

    return sync_detailed(
        experiment_id=experiment_id,
        client=client,
        body=body,
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
    body: FilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    detail: TruthyFlag | Unset = UNSET,
    preview_length: int | Unset = UNSET,
) -> Response[ErrorDetail | RateLimitError | TraceList]:
    """Filter experiment traces

     Lists experiment traces using POST-for-filtering (seed 001). Supports status, cost,
    comparison key, timestamp, metadata (`metadata__<key>`) and score (`scores__<id>`) filters.

    Args:
        experiment_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        detail (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        preview_length (int | Unset):
        body (FilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | RateLimitError | TraceList]
    """

    kwargs = build_request(
        experiment_id=experiment_id,
        body=body,
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
    body: FilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    detail: TruthyFlag | Unset = UNSET,
    preview_length: int | Unset = UNSET,
) -> ErrorDetail | RateLimitError | TraceList | None:
    """Filter experiment traces

     Lists experiment traces using POST-for-filtering (seed 001). Supports status, cost,
    comparison key, timestamp, metadata (`metadata__<key>`) and score (`scores__<id>`) filters.

    Args:
        experiment_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        detail (TruthyFlag | Unset): A switch that is on when present: `1` or `true`.
        preview_length (int | Unset):
        body (FilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | RateLimitError | TraceList
    """

    return (
        await asyncio_detailed(
            experiment_id=experiment_id,
            client=client,
            body=body,
            page=page,
            page_size=page_size,
            sort_by=sort_by,
            start_time=start_time,
            end_time=end_time,
            detail=detail,
            preview_length=preview_length,
        )
    ).parsed
