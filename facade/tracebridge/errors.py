"""The errors tracebridge raises: one root, bad input found before any request, and one
class per meaning of the services' answers.

    TracebridgeError
    ├── ConfigError                   no key, a malformed base URL...: before any request
    ├── FilterError                   a filter a dialect cannot express, an unknown field...
    ├── MissingDependencyError        an optional extra is not installed
    ├── ExportWriteError              an export's file could not be written (disk full...)
    │   └── ExportValueError          a value the format cannot hold (an XLSX cell too long)
    ├── APIError                      the service answered with an error status
    │   ├── BadRequestError           400
    │   ├── AuthenticationError       401
    │   ├── PermissionDeniedError     403
    │   ├── NotFoundError             404
    │   ├── PayloadTooLargeError      413
    │   ├── ValidationError           422 (`errors`: the field messages, list or string form)
    │   ├── RateLimitError            429 (`retry_after` in seconds, when the service said)
    │   └── ServerError               5xx
    ├── UnexpectedResponseError       a success whose body is not what the spec promises
    ├── IncompleteListingError        the pages held fewer rows than the service counted
    ├── APIConnectionError            the request did not complete
    │   └── APITimeoutError
    └── TargetConnectionError         a sync's database could not be reached, or went away

No message, repr or attribute of these holds a request's headers, so no key reaches them.
"""

from __future__ import annotations

import html
import json
import re
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

EXCERPT_CHARS = 200
REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id")


class TracebridgeError(Exception):
    """Anything tracebridge raises on purpose."""


class ConfigError(TracebridgeError, ValueError):
    """The client cannot be set up (a key or URL is missing or malformed). Nothing was sent."""


class FilterError(TracebridgeError, ValueError):
    """A filter cannot be sent as given. Nothing was sent.

    `expression` is the offending sub-expression (as text) and `dialect` the filter format
    that cannot express it, when the problem is one of those.
    """

    def __init__(self, message: str, *, expression: str | None = None, dialect: str | None = None):
        super().__init__(message)
        self.expression = expression
        self.dialect = dialect


class UnknownColumnError(FilterError):
    """A Galileo column that neither the documented catalog nor the service's own
    available_columns for the run lists. Nothing was sent (but the column list, once)."""

    def __init__(self, message: str, *, column: str, dialect: str | None = None):
        super().__init__(message, expression=column, dialect=dialect)
        self.column = column


class MissingDependencyError(TracebridgeError, ImportError):
    """An optional dependency is not installed; the message names the extra that provides it."""


class ExportWriteError(TracebridgeError, OSError):
    """An export's file could not be written (a full disk, a value the format cannot hold).
    The target is as it was; work files kept for a resume are named in a note."""


class ExportValueError(ExportWriteError):
    """A value the chosen format cannot hold as it is: another format or `columns=` will."""


class UnexpectedResponseError(TracebridgeError):
    """A successful status with a body that is not what the service documents."""

    def __init__(self, message: str, *, status: int, excerpt: str):
        super().__init__(f"{message} (HTTP {status}): {excerpt}")
        self.status = status
        self.excerpt = excerpt


class IncompleteListingError(TracebridgeError):
    """A listing's pages held fewer rows than the service's own count (a page repeated or
    skipped on the way): the rows are not all there, so nothing is returned as complete."""

    def __init__(self, *, expected: int, received: int, repeated: int):
        super().__init__(
            f"the service counted {expected:,} rows but its pages held {received:,} "
            f"({repeated:,} repeated rows dropped); some pages were not what was asked"
        )
        self.expected = expected
        self.received = received
        self.repeated = repeated


class APIConnectionError(TracebridgeError):
    """The request did not complete: the connection failed or broke."""


class APITimeoutError(APIConnectionError):
    """The service did not answer in time."""


class TargetConnectionError(TracebridgeError, ConnectionError):
    """A sync target (a PostgreSQL server) could not be reached or went away. What was
    committed before stays; the next run goes on from there. No password is in the message."""


class APIError(TracebridgeError):
    """The service answered with an error status.

    `status` is the HTTP status, `body` the parsed JSON body (or the text when it was not
    JSON), `detail` the service's own message, `request_id` the service's id for the request
    when it sent one, `request` the method and path it answered (no host, no query), which
    the message ends with, so a 404 says which id was not found.
    """

    def __init__(
        self,
        status: int,
        body: Any,
        *,
        detail: str,
        request_id: str | None = None,
        request: str | None = None,
    ):
        self.status = status
        self.body = body
        self.detail = detail
        self.request_id = request_id
        self.request = request
        asked = f" ({request})" if request else ""
        suffix = f" (request id {request_id})" if request_id else ""
        super().__init__(f"HTTP {status}: {detail}{asked}{suffix}")


class BadRequestError(APIError):
    """400: the request was malformed (on Respan, an unknown filter field, say)."""


class AuthenticationError(APIError):
    """401: the key is missing or wrong."""


class PermissionDeniedError(APIError):
    """403: the key may not do this."""


class NotFoundError(APIError):
    """404: an unknown id, or (Respan) a page past the last."""


class PayloadTooLargeError(APIError):
    """413: narrow the filters or the time window."""


class ValidationError(APIError):
    """422: the service rejected the body; `errors` holds its messages.

    Respan sends `{field: [messages]}`; Galileo a list of `{loc, msg, type}` or a string.
    """

    def __init__(
        self,
        status: int,
        body: Any,
        *,
        detail: str,
        request_id: str | None = None,
        errors: Any = None,
        request: str | None = None,
    ):
        super().__init__(status, body, detail=detail, request_id=request_id, request=request)
        self.errors = errors


class RateLimitError(APIError):
    """429: wait `retry_after` seconds (None when the service did not say)."""

    def __init__(
        self,
        status: int,
        body: Any,
        *,
        detail: str,
        request_id: str | None = None,
        retry_after: float | None = None,
        request: str | None = None,
    ):
        super().__init__(status, body, detail=detail, request_id=request_id, request=request)
        self.retry_after = retry_after


class ServerError(APIError):
    """5xx: the service failed."""


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    413: PayloadTooLargeError,
    422: ValidationError,
    429: RateLimitError,
}


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A short, single-line, tag-free excerpt of a body, for messages."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def retry_after_of(response: httpx.Response, body: Any = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (seconds or an HTTP date) or a body's
    `retry_after`; None when neither says."""
    header = response.headers.get("retry-after")
    if header:
        try:
            return max(0.0, float(header))
        except ValueError:
            pass
        try:
            moment = parsedate_to_datetime(header)
        except (TypeError, ValueError):
            moment = None
        if moment is not None:
            date_header = response.headers.get("date")
            now = parsedate_to_datetime(date_header) if date_header else None
            if now is None:
                from datetime import UTC, datetime

                now = datetime.now(UTC)
            return max(0.0, (moment - now).total_seconds())
    if isinstance(body, dict):
        value = body.get("retry_after")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return max(0.0, float(value))
    return None


def _detail(body: Any, fallback: str) -> str:
    if isinstance(body, dict):
        detail = body.get("detail")
        if isinstance(detail, str) and detail:
            return detail
        if isinstance(detail, list) and detail:
            parts = []
            for item in detail[:3]:
                if isinstance(item, dict):
                    where = ".".join(str(p) for p in item.get("loc", []) if p != "body")
                    parts.append(f"{where}: {item.get('msg')}" if where else str(item.get("msg")))
                else:
                    parts.append(str(item))
            more = f" (+{len(detail) - 3} more)" if len(detail) > 3 else ""
            return "; ".join(parts) + more
        if isinstance(body.get("message"), str):
            return str(body["message"])
    return fallback


CREDENTIAL_HEADERS = ("authorization", "galileo-api-key", "splunk-ao-api-key", "x-api-key")
REDACTED = "********"


def credentials_of(request: httpx.Request | None) -> list[str]:
    """The secrets a request carried in its headers (a key, or `Bearer <key>`'s key)."""
    if request is None:
        return []
    found: list[str] = []
    for name, value in request.headers.items():
        lower = name.lower()
        if lower in CREDENTIAL_HEADERS or "key" in lower or "token" in lower:
            found.extend(part for part in (value, value.split()[-1] if value else "") if part)
    return sorted({secret for secret in found if len(secret) >= 8}, key=len, reverse=True)


def redacted(text: str, secrets: list[str]) -> str:
    """The text with every secret replaced (a service that echoes a key back)."""
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


def scrubbed_value(value: Any, secrets: list[str]) -> Any:
    """A JSON value with every secret replaced in every text it holds, keys included."""
    if not secrets:
        return value
    if isinstance(value, str):
        return redacted(value, secrets)
    if isinstance(value, list):
        return [scrubbed_value(item, secrets) for item in value]
    if isinstance(value, dict):
        return {
            redacted(str(key), secrets): scrubbed_value(item, secrets)
            for key, item in value.items()
        }
    return value


def body_excerpt(response: httpx.Response) -> str:
    """A short excerpt of an answer's body for a message, with any echoed key replaced."""
    try:
        request: httpx.Request | None = response.request
    except RuntimeError:
        request = None
    return excerpt(redacted(response.text, credentials_of(request)))


def error_from_response(response: httpx.Response) -> APIError:
    """The typed error for an error answer. Reads the body if it was not read yet; any
    echo of the request's key in the body is replaced before it reaches the error."""
    response.read()
    status = response.status_code
    try:
        request: httpx.Request | None = response.request
    except RuntimeError:
        request = None
    text = redacted(response.text, credentials_of(request))
    try:
        body: Any = json.loads(text) if text.strip() else None
    except ValueError:
        body = text
    fallback = excerpt(text) if text.strip() else response.reason_phrase or "error"
    if isinstance(body, str):
        fallback = excerpt(body)
    detail = _detail(body, fallback)
    request_id = next(
        (response.headers[h] for h in REQUEST_ID_HEADERS if h in response.headers), None
    )
    asked = f"{request.method} {request.url.path}" if request is not None else None
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else APIError)
    if cls is ValidationError:
        errors = None
        if isinstance(body, dict):
            errors = body.get("errors", body.get("detail"))
        return ValidationError(
            status, body, detail=detail, request_id=request_id, errors=errors, request=asked
        )
    if cls is RateLimitError:
        return RateLimitError(
            status,
            body,
            detail=detail,
            request_id=request_id,
            retry_after=retry_after_of(response, body),
            request=asked,
        )
    return cls(status, body, detail=detail, request_id=request_id, request=asked)
