from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...api_facts import OPERATIONS
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.rate_limit_error import RateLimitError
from ...models.score_histogram import ScoreHistogram
from ...types import UNSET, Response, Unset

OPERATION_ID = "get_experiment_score_histogram"


def build_request(
    experiment_id: str,
    *,
    evaluator_id: str,
    bins: int | Unset = 20,
) -> dict[str, Any]:
    """The arguments of httpx.Client.request for this operation: exactly what sync_detailed sends."""

    params: dict[str, Any] = {}

    params["evaluator_id"] = evaluator_id

    params["bins"] = bins

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/experiments/{experiment_id}/histogram/".format(
            experiment_id=quote(str(experiment_id), safe=""),
        ),
        "params": params,
        "extensions": {"tracebridge.operation": OPERATIONS[OPERATION_ID]},
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | RateLimitError | ScoreHistogram | None:
    if response.status_code == 200:
        response_200 = ScoreHistogram.from_dict(response.json())

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
) -> Response[ErrorDetail | RateLimitError | ScoreHistogram]:
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
    evaluator_id: str,
    bins: int | Unset = 20,
) -> Response[ErrorDetail | RateLimitError | ScoreHistogram]:
    """Get experiment score histogram

    Args:
        experiment_id (str):
        evaluator_id (str):
        bins (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | RateLimitError | ScoreHistogram]
    """

    kwargs = build_request(
        experiment_id=experiment_id,
        evaluator_id=evaluator_id,
        bins=bins,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    experiment_id: str,
    *,
    client: AuthenticatedClient | Client,
    evaluator_id: str,
    bins: int | Unset = 20,
) -> ErrorDetail | RateLimitError | ScoreHistogram | None:
    """Get experiment score histogram

    Args:
        experiment_id (str):
        evaluator_id (str):
        bins (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | RateLimitError | ScoreHistogram
    """

    return sync_detailed(
        experiment_id=experiment_id,
        client=client,
        evaluator_id=evaluator_id,
        bins=bins,
    ).parsed


async def asyncio_detailed(
    experiment_id: str,
    *,
    client: AuthenticatedClient | Client,
    evaluator_id: str,
    bins: int | Unset = 20,
) -> Response[ErrorDetail | RateLimitError | ScoreHistogram]:
    """Get experiment score histogram

    Args:
        experiment_id (str):
        evaluator_id (str):
        bins (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | RateLimitError | ScoreHistogram]
    """

    kwargs = build_request(
        experiment_id=experiment_id,
        evaluator_id=evaluator_id,
        bins=bins,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    experiment_id: str,
    *,
    client: AuthenticatedClient | Client,
    evaluator_id: str,
    bins: int | Unset = 20,
) -> ErrorDetail | RateLimitError | ScoreHistogram | None:
    """Get experiment score histogram

    Args:
        experiment_id (str):
        evaluator_id (str):
        bins (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | RateLimitError | ScoreHistogram
    """

    return (
        await asyncio_detailed(
            experiment_id=experiment_id,
            client=client,
            evaluator_id=evaluator_id,
            bins=bins,
        )
    ).parsed
