from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.dataset_span_list import DatasetSpanList
from ...models.error_detail import ErrorDetail
from ...models.rate_limit_error import RateLimitError
from ...types import UNSET, Response, Unset

OPERATION_ID = "list_dataset_spans_get"


def build_request(
    dataset_id: str,
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "unique_id",
    include_fields: str | Unset = UNSET,
) -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["sort_by"] = sort_by

    params["include_fields"] = include_fields

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/datasets/{dataset_id}/logs/list/".format(
            dataset_id=quote(str(dataset_id), safe=""),
        ),
        "params": params,
        "extensions": {"tracebridge.operation": OPERATIONS[OPERATION_ID]},
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DatasetSpanList | ErrorDetail | RateLimitError | None:
    if response.status_code == 200:
        response_200 = DatasetSpanList.from_dict(response.json())

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
) -> Response[DatasetSpanList | ErrorDetail | RateLimitError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dataset_id: str,
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "unique_id",
    include_fields: str | Unset = UNSET,
) -> Response[DatasetSpanList | ErrorDetail | RateLimitError]:
    """List dataset spans

    Args:
        dataset_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: 'unique_id'.
        include_fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetSpanList | ErrorDetail | RateLimitError]
    """

    kwargs = build_request(
        dataset_id=dataset_id,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
        include_fields=include_fields,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    dataset_id: str,
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "unique_id",
    include_fields: str | Unset = UNSET,
) -> DatasetSpanList | ErrorDetail | RateLimitError | None:
    """List dataset spans

    Args:
        dataset_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: 'unique_id'.
        include_fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetSpanList | ErrorDetail | RateLimitError
    """

    return sync_detailed(
        dataset_id=dataset_id,
        client=client,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
        include_fields=include_fields,
    ).parsed


async def asyncio_detailed(
    dataset_id: str,
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "unique_id",
    include_fields: str | Unset = UNSET,
) -> Response[DatasetSpanList | ErrorDetail | RateLimitError]:
    """List dataset spans

    Args:
        dataset_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: 'unique_id'.
        include_fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetSpanList | ErrorDetail | RateLimitError]
    """

    kwargs = build_request(
        dataset_id=dataset_id,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
        include_fields=include_fields,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    dataset_id: str,
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "unique_id",
    include_fields: str | Unset = UNSET,
) -> DatasetSpanList | ErrorDetail | RateLimitError | None:
    """List dataset spans

    Args:
        dataset_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: 'unique_id'.
        include_fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetSpanList | ErrorDetail | RateLimitError
    """

    return (
        await asyncio_detailed(
            dataset_id=dataset_id,
            client=client,
            page=page,
            page_size=page_size,
            sort_by=sort_by,
            include_fields=include_fields,
        )
    ).parsed
