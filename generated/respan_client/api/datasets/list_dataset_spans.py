from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.dataset_span_filter_request import DatasetSpanFilterRequest
from ...models.dataset_span_list import DatasetSpanList
from ...models.error_detail import ErrorDetail
from ...models.export_message import ExportMessage
from ...models.rate_limit_error import RateLimitError
from ...types import UNSET, Response, Unset

OPERATION_ID = "list_dataset_spans"


def build_request(
    dataset_id: str,
    *,
    body: DatasetSpanFilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "unique_id",
    include_fields: str | Unset = UNSET,
) -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["sort_by"] = sort_by

    params["include_fields"] = include_fields

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/datasets/{dataset_id}/logs/list/".format(
            dataset_id=quote(str(dataset_id), safe=""),
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
) -> DatasetSpanList | ExportMessage | ErrorDetail | RateLimitError | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> DatasetSpanList | ExportMessage:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = DatasetSpanList.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = ExportMessage.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[DatasetSpanList | ExportMessage | ErrorDetail | RateLimitError]:
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
    body: DatasetSpanFilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "unique_id",
    include_fields: str | Unset = UNSET,
) -> Response[DatasetSpanList | ExportMessage | ErrorDetail | RateLimitError]:
    """List spans with filters

     Lists the dataset's spans with filters (seed 003), or with `is_exporting: true` starts
    the e-mailed export in `export_format` and answers `{message}`. The older reference
    puts `page`/`page_size` in the body and uses the plain filter form; both are accepted.

    Args:
        dataset_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: 'unique_id'.
        include_fields (str | Unset):
        body (DatasetSpanFilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetSpanList | ExportMessage | ErrorDetail | ExportMessage | RateLimitError]
    """

    kwargs = build_request(
        dataset_id=dataset_id,
        body=body,
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
    body: DatasetSpanFilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "unique_id",
    include_fields: str | Unset = UNSET,
) -> DatasetSpanList | ExportMessage | ErrorDetail | RateLimitError | None:
    """List spans with filters

     Lists the dataset's spans with filters (seed 003), or with `is_exporting: true` starts
    the e-mailed export in `export_format` and answers `{message}`. The older reference
    puts `page`/`page_size` in the body and uses the plain filter form; both are accepted.

    Args:
        dataset_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: 'unique_id'.
        include_fields (str | Unset):
        body (DatasetSpanFilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetSpanList | ExportMessage | ErrorDetail | ExportMessage | RateLimitError
    """

    return sync_detailed(
        dataset_id=dataset_id,
        client=client,
        body=body,
        page=page,
        page_size=page_size,
        sort_by=sort_by,
        include_fields=include_fields,
    ).parsed


async def asyncio_detailed(
    dataset_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DatasetSpanFilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "unique_id",
    include_fields: str | Unset = UNSET,
) -> Response[DatasetSpanList | ExportMessage | ErrorDetail | RateLimitError]:
    """List spans with filters

     Lists the dataset's spans with filters (seed 003), or with `is_exporting: true` starts
    the e-mailed export in `export_format` and answers `{message}`. The older reference
    puts `page`/`page_size` in the body and uses the plain filter form; both are accepted.

    Args:
        dataset_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: 'unique_id'.
        include_fields (str | Unset):
        body (DatasetSpanFilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetSpanList | ExportMessage | ErrorDetail | ExportMessage | RateLimitError]
    """

    kwargs = build_request(
        dataset_id=dataset_id,
        body=body,
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
    body: DatasetSpanFilterRequest | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
    sort_by: str | Unset = "unique_id",
    include_fields: str | Unset = UNSET,
) -> DatasetSpanList | ExportMessage | ErrorDetail | RateLimitError | None:
    """List spans with filters

     Lists the dataset's spans with filters (seed 003), or with `is_exporting: true` starts
    the e-mailed export in `export_format` and answers `{message}`. The older reference
    puts `page`/`page_size` in the body and uses the plain filter form; both are accepted.

    Args:
        dataset_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.
        sort_by (str | Unset):  Default: 'unique_id'.
        include_fields (str | Unset):
        body (DatasetSpanFilterRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetSpanList | ExportMessage | ErrorDetail | ExportMessage | RateLimitError
    """

    return (
        await asyncio_detailed(
            dataset_id=dataset_id,
            client=client,
            body=body,
            page=page,
            page_size=page_size,
            sort_by=sort_by,
            include_fields=include_fields,
        )
    ).parsed
