import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.log_filter_request import LogFilterRequest
from ...models.rate_limit_error import RateLimitError
from ...models.span_list import SpanList
from ...types import UNSET, Response, Unset

OPERATION_ID = "list_spans"


def build_request(
    *,
    body: LogFilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
    sort_by: str | Unset = "-timestamp",
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    environment: str | Unset = UNSET,
    log_type: str | Unset = UNSET,
    include_fields: str | Unset = UNSET,
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

    params["environment"] = environment

    params["log_type"] = log_type

    params["include_fields"] = include_fields

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/request-logs/list/",
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
) -> ErrorDetail | RateLimitError | SpanList | None:
    if response.status_code == 200:
        response_200 = SpanList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDetail.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ErrorDetail.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = RateLimitError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorDetail.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | RateLimitError | SpanList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LogFilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
    sort_by: str | Unset = "-timestamp",
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    environment: str | Unset = UNSET,
    log_type: str | Unset = UNSET,
    include_fields: str | Unset = UNSET,
) -> Response[ErrorDetail | RateLimitError | SpanList]:
    """List spans of the organization

     `count` here is the size of the page, not the total number of matches: page until
    `next` is null. Without `start_time`/`end_time` the service looks at the last hour.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 50.
        sort_by (str | Unset):  Default: '-timestamp'.
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        environment (str | Unset):
        log_type (str | Unset):
        include_fields (str | Unset):
        body (LogFilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | RateLimitError | SpanList]
    """

    kwargs = build_request(
        body=body,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
        start_time=start_time,
        end_time=end_time,
        environment=environment,
        log_type=log_type,
        include_fields=include_fields,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: LogFilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
    sort_by: str | Unset = "-timestamp",
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    environment: str | Unset = UNSET,
    log_type: str | Unset = UNSET,
    include_fields: str | Unset = UNSET,
) -> ErrorDetail | RateLimitError | SpanList | None:
    """List spans of the organization

     `count` here is the size of the page, not the total number of matches: page until
    `next` is null. Without `start_time`/`end_time` the service looks at the last hour.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 50.
        sort_by (str | Unset):  Default: '-timestamp'.
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        environment (str | Unset):
        log_type (str | Unset):
        include_fields (str | Unset):
        body (LogFilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | RateLimitError | SpanList
    """

    return sync_detailed(
        client=client,
        body=body,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
        start_time=start_time,
        end_time=end_time,
        environment=environment,
        log_type=log_type,
        include_fields=include_fields,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LogFilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
    sort_by: str | Unset = "-timestamp",
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    environment: str | Unset = UNSET,
    log_type: str | Unset = UNSET,
    include_fields: str | Unset = UNSET,
) -> Response[ErrorDetail | RateLimitError | SpanList]:
    """List spans of the organization

     `count` here is the size of the page, not the total number of matches: page until
    `next` is null. Without `start_time`/`end_time` the service looks at the last hour.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 50.
        sort_by (str | Unset):  Default: '-timestamp'.
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        environment (str | Unset):
        log_type (str | Unset):
        include_fields (str | Unset):
        body (LogFilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | RateLimitError | SpanList]
    """

    kwargs = build_request(
        body=body,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
        start_time=start_time,
        end_time=end_time,
        environment=environment,
        log_type=log_type,
        include_fields=include_fields,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LogFilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
    sort_by: str | Unset = "-timestamp",
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    environment: str | Unset = UNSET,
    log_type: str | Unset = UNSET,
    include_fields: str | Unset = UNSET,
) -> ErrorDetail | RateLimitError | SpanList | None:
    """List spans of the organization

     `count` here is the size of the page, not the total number of matches: page until
    `next` is null. Without `start_time`/`end_time` the service looks at the last hour.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 50.
        sort_by (str | Unset):  Default: '-timestamp'.
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        environment (str | Unset):
        log_type (str | Unset):
        include_fields (str | Unset):
        body (LogFilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | RateLimitError | SpanList
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            page=page,
            page_size=page_size,
            sort_by=sort_by,
            start_time=start_time,
            end_time=end_time,
            environment=environment,
            log_type=log_type,
            include_fields=include_fields,
        )
    ).parsed
