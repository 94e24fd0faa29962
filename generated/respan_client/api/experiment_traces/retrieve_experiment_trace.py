from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.rate_limit_error import RateLimitError
from ...models.trace_detail import TraceDetail
from ...types import Response

OPERATION_ID = "retrieve_experiment_trace"


def build_request(
    experiment_id: str,
    log_id: str,
) -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/experiments/{experiment_id}/logs/{log_id}/".format(
            experiment_id=quote(str(experiment_id), safe=""),
            log_id=quote(str(log_id), safe=""),
        ),
        "extensions": {"tracebridge.operation": OPERATIONS[OPERATION_ID]},
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | RateLimitError | TraceDetail | None:
    if response.status_code == 200:
        response_200 = TraceDetail.from_dict(response.json())

        return response_200

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
) -> Response[ErrorDetail | RateLimitError | TraceDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    experiment_id: str,
    log_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorDetail | RateLimitError | TraceDetail]:
    """Retrieve an experiment trace

    Args:
        experiment_id (str):
        log_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | RateLimitError | TraceDetail]
    """

    kwargs = build_request(
        experiment_id=experiment_id,
        log_id=log_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    experiment_id: str,
    log_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorDetail | RateLimitError | TraceDetail | None:
    """Retrieve an experiment trace

    Args:
        experiment_id (str):
        log_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | RateLimitError | TraceDetail
    """

    return sync_detailed(
        experiment_id=experiment_id,
        log_id=log_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    experiment_id: str,
    log_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorDetail | RateLimitError | TraceDetail]:
    """Retrieve an experiment trace

    Args:
        experiment_id (str):
        log_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | RateLimitError | TraceDetail]
    """

    kwargs = build_request(
        experiment_id=experiment_id,
        log_id=log_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    experiment_id: str,
    log_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorDetail | RateLimitError | TraceDetail | None:
    """Retrieve an experiment trace

    Args:
        experiment_id (str):
        log_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | RateLimitError | TraceDetail
    """

    return (
        await asyncio_detailed(
            experiment_id=experiment_id,
            log_id=log_id,
            client=client,
        )
    ).parsed
