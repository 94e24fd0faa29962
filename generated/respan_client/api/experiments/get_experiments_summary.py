from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.experiments_summary import ExperimentsSummary
from ...models.rate_limit_error import RateLimitError
from ...types import Response

OPERATION_ID = "get_experiments_summary"


def build_request() -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/experiments/summary/",
        "extensions": {"tracebridge.operation": OPERATIONS[OPERATION_ID]},
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ExperimentsSummary | RateLimitError | None:
    if response.status_code == 200:
        response_200 = ExperimentsSummary.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = RateLimitError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | ExperimentsSummary | RateLimitError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorDetail | ExperimentsSummary | RateLimitError]:
    """Get experiments summary

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ExperimentsSummary | RateLimitError]
    """

    kwargs = build_request()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorDetail | ExperimentsSummary | RateLimitError | None:
    """Get experiments summary

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ExperimentsSummary | RateLimitError
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorDetail | ExperimentsSummary | RateLimitError]:
    """Get experiments summary

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ExperimentsSummary | RateLimitError]
    """

    kwargs = build_request()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorDetail | ExperimentsSummary | RateLimitError | None:
    """Get experiments summary

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ExperimentsSummary | RateLimitError
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
