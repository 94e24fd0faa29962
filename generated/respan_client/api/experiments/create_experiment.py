from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.experiment_create import ExperimentCreate
from ...models.experiment_detail import ExperimentDetail
from ...models.rate_limit_error import RateLimitError
from ...types import Response

OPERATION_ID = "create_experiment"


def build_request(
    *,
    body: ExperimentCreate,
) -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/experiments/",
        "extensions": {"tracebridge.operation": OPERATIONS[OPERATION_ID]},
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ExperimentDetail | RateLimitError | None:
    if response.status_code == 201:
        response_201 = ExperimentDetail.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = ErrorDetail.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = RateLimitError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | ExperimentDetail | RateLimitError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ExperimentCreate,
) -> Response[ErrorDetail | ExperimentDetail | RateLimitError]:
    """Create an experiment

    Args:
        body (ExperimentCreate): Give `evaluator_ids` or `evaluator_workflow_ids`, not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ExperimentDetail | RateLimitError]
    """

    kwargs = build_request(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ExperimentCreate,
) -> ErrorDetail | ExperimentDetail | RateLimitError | None:
    """Create an experiment

    Args:
        body (ExperimentCreate): Give `evaluator_ids` or `evaluator_workflow_ids`, not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ExperimentDetail | RateLimitError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ExperimentCreate,
) -> Response[ErrorDetail | ExperimentDetail | RateLimitError]:
    """Create an experiment

    Args:
        body (ExperimentCreate): Give `evaluator_ids` or `evaluator_workflow_ids`, not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ExperimentDetail | RateLimitError]
    """

    kwargs = build_request(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ExperimentCreate,
) -> ErrorDetail | ExperimentDetail | RateLimitError | None:
    """Create an experiment

    Args:
        body (ExperimentCreate): Give `evaluator_ids` or `evaluator_workflow_ids`, not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ExperimentDetail | RateLimitError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
