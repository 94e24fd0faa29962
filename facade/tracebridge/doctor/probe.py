"""Sending one read-only request and holding its answer against the spec.

Every request is built by the generated client's own `build_request` and refused before it
is sent unless its operation is one the spec says is safe to repeat (`x-safe-to-repeat`,
and not a call that starts an export): doctor can only read.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import httpx

from ..errors import AuthenticationError, credentials_of, redacted, scrubbed_value
from ..transport import OPERATION_EXTENSION, safe_to_retry
from .schema import Difference, Spec

RATE_LIMIT_HEADERS = ("ratelimit", "rate-limit", "retry-after")


@dataclass
class Check:
    """What one request showed: its status, how its answer differs from the spec, and any
    disagreement about paging or filtering found with it."""

    service: str
    name: str
    operation: str
    status: int | None = None
    differences: list[Difference] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    samples: dict[str, Any] = field(default_factory=dict)  # path -> a value (--include-values)

    @property
    def agrees(self) -> bool:
        return not self.differences and not self.problems

    def unknown_filter(self, what: str, seen: str, expected: str) -> None:
        """What the service did with a filter on a field it cannot know (`rejected`,
        `ignored` or `applied`), against the spec's x-unknown-filter-keys."""
        self.notes.append(f"{what} was {seen} (spec: {expected})")
        if {"reject": "rejected", "ignore": "ignored"}[expected] != seen:
            self.problems.append(f"{what} was {seen}; the spec says {expected}")

    def summary(self) -> list[tuple[str, str, str, str, int]]:
        """(path, kind, expected, seen, how many times) for each distinct difference."""
        counted = Counter(self.differences)
        return [(d.path, d.kind, d.expected, d.seen, n) for d, n in sorted(counted.items())]


@dataclass
class Exchange:
    """A request and its answer, kept for --record."""

    request: httpx.Request
    response: httpx.Response


class ReadOnlyViolation(RuntimeError):
    """doctor was about to send a request that is not read-only: a bug in doctor."""


class Prober:
    """Sends doctor's requests for one service on a configured httpx client."""

    def __init__(self, service: str, http: httpx.Client, spec: Spec, include_values: bool):
        self.service = service
        self.http = http
        self.spec = spec
        self.include_values = include_values
        self.checks: list[Check] = []
        self.exchanges: list[Exchange] = []
        self.rate_limit_headers: dict[str, str] = {}
        self.sent: list[str] = []  # operation ids, in order

    def request(self, module: ModuleType, *args: Any, **kwargs: Any) -> httpx.Request:
        built = module.build_request(*args, **kwargs)
        request = self.http.build_request(**built)
        operation = request.extensions.get(OPERATION_EXTENSION)
        if operation is None or not operation["safe_to_repeat"] or not safe_to_retry(request):
            raise ReadOnlyViolation(f"{module.OPERATION_ID} is not a read-only operation")
        return request

    def send(
        self, name: str, module: ModuleType, *args: Any, check: bool = True, **kwargs: Any
    ) -> tuple[Check, Any]:
        """Send one request; the check it makes and the answer's JSON (None if none)."""
        request = self.request(module, *args, **kwargs)
        return self.send_built(name, module.OPERATION_ID, request, check=check)

    def send_built(
        self, name: str, operation: str, request: httpx.Request, *, check: bool = True
    ) -> tuple[Check, Any]:
        result = Check(self.service, name, operation)
        self.sent.append(operation)
        try:
            response = self.http.send(request)
        except httpx.HTTPError as exc:
            result.problems.append(f"no answer ({type(exc).__name__})")
            self.checks.append(result)
            return result, None
        self.exchanges.append(Exchange(request, response))
        self._rate_limits(response)
        result.status = response.status_code
        if response.status_code == 401:
            raise self._refused()
        body = self._json(response)
        if check:
            self._compare(result, response, body)
        self.checks.append(result)
        return result, body

    def send_streamed(
        self, name: str, operation: str, request: httpx.Request
    ) -> httpx.Response | None:
        """Send a request whose body the caller reads (and closes) as it arrives; None,
        with the problem noted, when no answer came."""
        self.sent.append(operation)
        try:
            response = self.http.send(request, stream=True)
        except httpx.HTTPError as exc:
            failed = Check(self.service, name, operation)
            failed.problems.append(f"no answer ({type(exc).__name__})")
            self.checks.append(failed)
            return None
        self._rate_limits(response)
        if response.status_code == 401:
            response.close()
            raise self._refused()
        return response

    def note(self, check: Check) -> None:
        """A check made of what several requests showed (paging, filters)."""
        self.checks.append(check)

    def _refused(self) -> AuthenticationError:
        detail = f"the {self.service} key was refused: doctor needs a working key"
        return AuthenticationError(401, None, detail=detail)

    # -- comparing -------------------------------------------------------------------------------

    def _json(self, response: httpx.Response) -> Any:
        if "json" not in response.headers.get("content-type", ""):
            return None
        try:
            return json.loads(response.content)
        except ValueError:
            return None

    def _compare(self, result: Check, response: httpx.Response, body: Any) -> None:
        status = response.status_code
        if not self.spec.documents(result.operation, status):
            excerpt = redacted(response.text[:120], credentials_of(response.request))
            result.problems.append(f"answered HTTP {status}, which the spec does not document")
            if self.include_values:
                result.samples["(body)"] = excerpt
            return
        if status >= 400:
            result.notes.append(f"HTTP {status}: not reachable with this key or these ids")
            return
        schema = self.spec.response_schema(result.operation, status)
        if schema is None:
            return
        if body is None:
            result.problems.append("the answer is not the JSON the spec documents")
            return
        result.differences = self.spec.differences(body, schema)
        if self.include_values:  # values only as the user's key never shows in them
            secrets = credentials_of(response.request)
            for difference in result.differences:
                found = scrubbed_value(_value_at(body, difference.path), secrets)
                result.samples.setdefault(difference.path, found)

    def _rate_limits(self, response: httpx.Response) -> None:
        secrets = credentials_of(response.request)  # a header may echo the key
        for name, value in response.headers.items():
            if any(marker in name.lower() for marker in RATE_LIMIT_HEADERS):
                self.rate_limit_headers[redacted(name.lower(), secrets)] = redacted(value, secrets)


def _value_at(body: Any, path: str) -> Any:
    """The first value at a difference's path (for --include-values)."""
    current = [body]
    for part in path.replace("[]", ".[]").split("."):
        if not part:
            continue
        following: list[Any] = []
        for item in current:
            if part == "[]" and isinstance(item, list):
                following += item
            elif part == "*" and isinstance(item, dict):
                following += list(item.values())
            elif isinstance(item, dict) and part in item:
                following.append(item[part])
        current = following
    return current[0] if current else None
