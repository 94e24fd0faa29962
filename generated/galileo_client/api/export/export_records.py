from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.http_validation_error import HTTPValidationError
from ...models.log_records_export_request import LogRecordsExportRequest
from ...types import File, Response

OPERATION_ID = "export_records"


def build_request(
    project_id: UUID,
    *,
    body: LogRecordsExportRequest,
) -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/projects/{project_id}/export_records".format(
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
) -> File | HTTPError | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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
) -> Response[File | HTTPError | HTTPValidationError]:
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
    body: LogRecordsExportRequest,
) -> Response[File | HTTPError | HTTPValidationError]:
    """Export records

     Streams every matching record as one file: JSON lines (`jsonl`, `jsonl_flat`) or CSV
    with a header line. Exports reach 1 GB: read the body as a stream, never whole.

    Args:
        project_id (UUID):
        body (LogRecordsExportRequest): Exactly one of `log_stream_id`, `experiment_id`,
            `metrics_testing_id`. Without `sort`
            the export is ordered by `created_at`, then `id`, descending.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | HTTPError | HTTPValidationError]
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
    body: LogRecordsExportRequest,
) -> File | HTTPError | HTTPValidationError | None:
    """Export records

     Streams every matching record as one file: JSON lines (`jsonl`, `jsonl_flat`) or CSV
    with a header line. Exports reach 1 GB: read the body as a stream, never whole.

    Args:
        project_id (UUID):
        body (LogRecordsExportRequest): Exactly one of `log_stream_id`, `experiment_id`,
            `metrics_testing_id`. Without `sort`
            the export is ordered by `created_at`, then `id`, descending.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | HTTPError | HTTPValidationError
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
    body: LogRecordsExportRequest,
) -> Response[File | HTTPError | HTTPValidationError]:
    """Export records

     Streams every matching record as one file: JSON lines (`jsonl`, `jsonl_flat`) or CSV
    with a header line. Exports reach 1 GB: read the body as a stream, never whole.

    Args:
        project_id (UUID):
        body (LogRecordsExportRequest): Exactly one of `log_stream_id`, `experiment_id`,
            `metrics_testing_id`. Without `sort`
            the export is ordered by `created_at`, then `id`, descending.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | HTTPError | HTTPValidationError]
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
    body: LogRecordsExportRequest,
) -> File | HTTPError | HTTPValidationError | None:
    """Export records

     Streams every matching record as one file: JSON lines (`jsonl`, `jsonl_flat`) or CSV
    with a header line. Exports reach 1 GB: read the body as a stream, never whole.

    Args:
        project_id (UUID):
        body (LogRecordsExportRequest): Exactly one of `log_stream_id`, `experiment_id`,
            `metrics_testing_id`. Without `sort`
            the export is ordered by `created_at`, then `id`, descending.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | HTTPError | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            body=body,
        )
    ).parsed
