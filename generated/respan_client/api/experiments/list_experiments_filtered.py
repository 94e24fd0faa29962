from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.experiment_list import ExperimentList
from ...models.rate_limit_error import RateLimitError
from ...types import UNSET, Response, Unset

OPERATION_ID = "list_experiments_filtered"


def build_request(
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "-created_at",
) -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["sort_by"] = sort_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/experiments/list/",
        "params": params,
        "extensions": {"tracebridge.operation": OPERATIONS[OPERATION_ID]},
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ExperimentList | RateLimitError | None:
    if response.status_code == 200:
        response_200 = ExperimentList.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = RateLimitError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | ExperimentList | RateLimitError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "-created_at",
) -> Response[ErrorDetail | ExperimentList | RateLimitError]:
    """List experiments with filters

     Same envelope as `POST /api/v2/experiments/list/`. The reference does not document
    query-string filters for this route; send filters with `filter_experiments` instead.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: '-created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ExperimentList | RateLimitError]
    """

    kwargs = build_request(
        page=page,
        page_size=page_size,
        sort_by=sort_by,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "-created_at",
) -> ErrorDetail | ExperimentList | RateLimitError | None:
    """List experiments with filters

     Same envelope as `POST /api/v2/experiments/list/`. The reference does not document
    query-string filters for this route; send filters with `filter_experiments` instead.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: '-created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ExperimentList | RateLimitError
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "-created_at",
) -> Response[ErrorDetail | ExperimentList | RateLimitError]:
    """List experiments with filters

     Same envelope as `POST /api/v2/experiments/list/`. The reference does not document
    query-string filters for this route; send filters with `filter_experiments` instead.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: '-created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ExperimentList | RateLimitError]
    """

    kwargs = build_request(
        page=page,
        page_size=page_size,
        sort_by=sort_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "-created_at",
) -> ErrorDetail | ExperimentList | RateLimitError | None:
    """List experiments with filters

     Same envelope as `POST /api/v2/experiments/list/`. The reference does not document
    query-string filters for this route; send filters with `filter_experiments` instead.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: '-created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ExperimentList | RateLimitError
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            sort_by=sort_by,
        )
    ).parsed
