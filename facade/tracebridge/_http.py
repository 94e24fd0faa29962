"""Sending a generated request and turning every outcome into a value or a typed error.

The facade builds requests with the generated clients' `_get_kwargs` (their documented
request builders) and sends them on the generated client's httpx client, whose transport
retries and rate limits. What comes back is checked here: an error status becomes its
`APIError`, a broken connection `APIConnectionError` (or `APITimeoutError`), and a success
whose body is not the JSON the spec promises `UnexpectedResponseError`.
"""

from __future__ import annotations

from typing import Any

import httpx

from .errors import (
    APIConnectionError,
    APITimeoutError,
    UnexpectedResponseError,
    error_from_response,
    excerpt,
)
from .transport import parsed_json


def failure(kwargs: dict[str, Any], exc: httpx.TransportError) -> Exception:
    """The typed error for a request that broke (no answer, or an answer cut short)."""
    where = f"{kwargs['method'].upper()} {kwargs['url']}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{where}: no answer in time ({type(exc).__name__})")
    return APIConnectionError(f"{where}: {type(exc).__name__}: {exc}")


def _checked(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        raise error_from_response(response)
    return response


def check_stream(response: httpx.Response) -> None:
    """For a streamed answer: an error status reads its (small) body and raises."""
    if response.status_code >= 400:
        response.read()
        raise error_from_response(response)


async def acheck_stream(response: httpx.Response) -> None:
    if response.status_code >= 400:
        await response.aread()
        raise error_from_response(response)


def send(client: httpx.Client, kwargs: dict[str, Any]) -> httpx.Response:
    """Send one request; an error status raises its typed error."""
    try:
        response = client.request(**kwargs)
    except httpx.TransportError as exc:
        raise failure(kwargs, exc) from None
    return _checked(response)


async def asend(client: httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Response:
    """`send` for httpx.AsyncClient."""
    try:
        response = await client.request(**kwargs)
    except httpx.TransportError as exc:
        raise failure(kwargs, exc) from None
    return _checked(response)


def json_object(response: httpx.Response, *required: str) -> dict[str, Any]:
    """The body as a JSON object holding `required` keys, or UnexpectedResponseError."""
    try:
        body = parsed_json(response)
    except ValueError:
        raise UnexpectedResponseError(
            "the answer is not JSON", status=response.status_code, excerpt=excerpt(response.text)
        ) from None
    if not isinstance(body, dict) or any(key not in body for key in required):
        missing = [key for key in required if not isinstance(body, dict) or key not in body]
        raise UnexpectedResponseError(
            f"the answer lacks {', '.join(missing) or 'an object'}",
            status=response.status_code,
            excerpt=excerpt(response.text),
        )
    return body
