from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...models.log_records_count_request import LogRecordsCountRequest
from ...models.log_records_count_response import LogRecordsCountResponse
from ...types import Response

OPERATION_ID = "count_spans"


def build_request(
    project_id: UUID,
    *,
    body: LogRecordsCountRequest,
) -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/projects/{project_id}/spans/count".format(
            project_id=quote(str(project_id), safe=""),
        ),
        "extensions": {"tracebridge.operation": OPERATIONS[OPERATION_ID]},
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | HTTPValidationError | LogRecordsCountResponse | None:
    if response.status_code == 200:
        response_200 = LogRecordsCountResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = HTTPError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = HTTPError.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[HTTPError | HTTPValidationError | LogRecordsCountResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: LogRecordsCountRequest,
) -> Response[HTTPError | HTTPValidationError | LogRecordsCountResponse]:
    """Count spans

    Args:
        project_id (UUID):
        body (LogRecordsCountRequest): Exactly one of `log_stream_id`, `experiment_id`,
            `metrics_testing_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | LogRecordsCountResponse]
    """

    kwargs = build_request(
        project_id=project_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: LogRecordsCountRequest,
) -> HTTPError | HTTPValidationError | LogRecordsCountResponse | None:
    """Count spans

    Args:
        project_id (UUID):
        body (LogRecordsCountRequest): Exactly one of `log_stream_id`, `experiment_id`,
            `metrics_testing_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | LogRecordsCountResponse
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: LogRecordsCountRequest,
) -> Response[HTTPError | HTTPValidationError | LogRecordsCountResponse]:
    """Count spans

    Args:
        project_id (UUID):
        body (LogRecordsCountRequest): Exactly one of `log_stream_id`, `experiment_id`,
            `metrics_testing_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | HTTPValidationError | LogRecordsCountResponse]
    """

    kwargs = build_request(
        project_id=project_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: LogRecordsCountRequest,
) -> HTTPError | HTTPValidationError | LogRecordsCountResponse | None:
    """Count spans

    Args:
        project_id (UUID):
        body (LogRecordsCountRequest): Exactly one of `log_stream_id`, `experiment_id`,
            `metrics_testing_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | HTTPValidationError | LogRecordsCountResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            body=body,
        )
    ).parsed
