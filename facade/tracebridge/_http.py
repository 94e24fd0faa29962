"""Sending a generated request and turning every outcome into a value or a typed error.

The facade builds requests with the generated clients' public `build_request` (their documented
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
    body_excerpt,
    error_from_response,
)
from .transport import parsed_json


def failure(kwargs: dict[str, Any], exc: httpx.RequestError) -> Exception:
    """The typed error for a request that broke (no answer, an answer cut short, or a body
    that cannot be decoded). The message names the request, never its headers, and none of
    httpx's own text, which can hold a URL's credentials or a header's bytes."""
    where = f"{kwargs['method'].upper()} {kwargs['url']}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{where}: no answer in time ({type(exc).__name__})")
    if isinstance(exc, httpx.DecodingError):
        return UnexpectedResponseError(
            f"{where}: the answer's body could not be decoded", status=200, excerpt=""
        )
    return APIConnectionError(f"{where}: the connection failed ({type(exc).__name__})")


def _checked(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        raise error_from_response(response)
    return response


def _not_an_export(response: httpx.Response) -> UnexpectedResponseError | None:
    """A streamed export is a 200 with a body that is not a web page; anything else (a 204,
    a redirect that was not followed, a login page) is not the export."""
    if response.status_code != 200:
        where = response.headers.get("location")
        told = f" to {httpx.URL(where).copy_with(query=None)}" if where else ""
        what = f"a redirect{told}, not followed" if 300 <= response.status_code < 400 else ""
        return UnexpectedResponseError(
            f"expected the export, got HTTP {response.status_code}{': ' + what if what else ''}",
            status=response.status_code,
            excerpt="",
        )
    if "html" in response.headers.get("content-type", "").lower():
        return UnexpectedResponseError(
            "the answer is a web page, not the export", status=200, excerpt=""
        )
    return None


def check_stream(response: httpx.Response) -> None:
    """For a streamed answer: an error status reads its (small) body and raises; an answer
    that is not the export raises UnexpectedResponseError."""
    if response.status_code >= 400:
        response.read()
        raise error_from_response(response)
    if (problem := _not_an_export(response)) is not None:
        raise problem


async def acheck_stream(response: httpx.Response) -> None:
    if response.status_code >= 400:
        await response.aread()
        raise error_from_response(response)
    if (problem := _not_an_export(response)) is not None:
        raise problem


def send(client: httpx.Client, kwargs: dict[str, Any]) -> httpx.Response:
    """Send one request; an error status raises its typed error."""
    try:
        response = client.request(**kwargs)
    except httpx.RequestError as exc:
        raise failure(kwargs, exc) from None
    return _checked(response)


async def asend(client: httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Response:
    """`send` for httpx.AsyncClient."""
    try:
        response = await client.request(**kwargs)
    except httpx.RequestError as exc:
        raise failure(kwargs, exc) from None
    return _checked(response)


def json_object(response: httpx.Response, *required: str) -> dict[str, Any]:
    """The body as a JSON object holding `required` keys, or UnexpectedResponseError."""
    try:
        body = parsed_json(response)
    except ValueError:
        raise UnexpectedResponseError(
            "the answer is not JSON", status=response.status_code, excerpt=body_excerpt(response)
        ) from None
    if not isinstance(body, dict) or any(key not in body for key in required):
        missing = [key for key in required if not isinstance(body, dict) or key not in body]
        raise UnexpectedResponseError(
            f"the answer lacks {', '.join(missing) or 'an object'}",
            status=response.status_code,
            excerpt=body_excerpt(response),
        )
    return body


def row_list(page: dict[str, Any], key: str, response: httpx.Response) -> list[dict[str, Any]]:
    """The page's `key` as a list of JSON objects, or UnexpectedResponseError."""
    rows = page.get(key)
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise UnexpectedResponseError(
            f"the answer's {key} is not a list of objects",
            status=response.status_code,
            excerpt=body_excerpt(response),
        )
    return rows
