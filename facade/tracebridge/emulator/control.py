"""The emulator's knobs and what it remembers: latency, rate limits, injected faults, row
insertion during paging, and the logs of requests and e-mailed exports.

All of it is switchable per test from Python (`Emulator.controls`) or over HTTP under
`/_emulator/` (for an emulator in another process, as the benchmarks run it). The ASGI
middleware here applies latency, faults and the rate limit before the services' routes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import asdict, dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

FAULT_KINDS = ("status", "reset", "truncate", "slow", "html")
CONTROL_PREFIX = "/_emulator"
DEFAULT_MAX_BODY = 1 << 20


@dataclass
class Fault:
    """One injected failure, used on the next `times` requests whose path contains `path`.

    kinds: `status` answers `status` with a JSON error body (429 gets the documented body
    and, unless `retry_after_header` is false, a Retry-After header); `html` answers
    `status` with an HTML page; `reset` sends the headers and part of the body, then drops
    the connection; `truncate` sends a complete response whose JSON body is cut short;
    `slow` waits `seconds` (or until the controls are reset) before answering normally.
    """

    kind: str
    status: int = 503
    times: int = 1
    path: str = ""
    method: str = ""
    seconds: float = 0.0
    retry_after: float = 1.0
    retry_after_header: bool = True

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(
                f"fault kind must be one of {', '.join(FAULT_KINDS)}, not {self.kind!r}"
            )
        if self.times < 1:
            raise ValueError("fault times must be at least 1")

    def matches(self, method: str, path: str) -> bool:
        return self.path in path and (not self.method or self.method.upper() == method)


@dataclass
class Insertion:
    """Insert `rows` new traces at the head of an experiment on each matching request."""

    experiment_id: str
    rows: int = 1
    path: str = "/logs/"
    times: int = 1_000_000


@dataclass
class RequestRecord:
    method: str
    path: str
    query: str
    status: int
    service: str
    body: Any
    time: float


class RateLimiter:
    """A sliding window per service (a minute unless set): at most `limit` requests in it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, deque[float]] = {}

    def admit(self, service: str, limit: int | None, window: float = 60.0) -> float | None:
        """None when admitted; otherwise the seconds until a request would be."""
        if not limit:
            return None
        now = time.monotonic()
        with self._lock:
            seen = self._seen.setdefault(service, deque())
            while seen and now - seen[0] >= window:
                seen.popleft()
            if len(seen) >= limit:
                return window - (now - seen[0])
            seen.append(now)
            return None

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()


@dataclass
class Controls:
    latency: float = 0.0  # seconds added to every request
    rate_limit: int | None = None  # requests per window per service; None: no limit
    rate_window: float = 60.0  # seconds (a minute, as the services count; shorter for tests)
    rate_limit_header: bool = True  # send Retry-After with 429s (the body always has it)
    max_body_bytes: int = DEFAULT_MAX_BODY  # larger bodies get 413 where the service documents it
    faults: list[Fault] = field(default_factory=list)
    insertions: list[Insertion] = field(default_factory=list)
    requests: deque[RequestRecord] = field(default_factory=lambda: deque(maxlen=200_000))
    exports: list[dict[str, Any]] = field(default_factory=list)
    throttled: int = 0  # 429s sent by the rate limit (not by injected faults)
    limiter: RateLimiter = field(default_factory=RateLimiter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    generation: int = 0  # moved on by reset(), which ends every stalled answer

    async def stall(self, seconds: float) -> None:
        """Hold an answer for `seconds`, or until reset(): a `slow` fault far longer than a
        client's timeout is an answer that never comes, yet tests end without waiting it out."""
        start, deadline = self.generation, time.monotonic() + seconds
        while self.generation == start and time.monotonic() < deadline:
            await asyncio.sleep(min(0.05, max(0.0, deadline - time.monotonic())))

    def inject(self, *faults: Fault) -> None:
        with self.lock:
            self.faults.extend(faults)

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.matches(method, path):
                    fault.times -= 1
                    if fault.times == 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def take_insertions(self, path: str) -> list[Insertion]:
        due = []
        with self.lock:
            for insertion in list(self.insertions):
                if insertion.path in path:
                    due.append(insertion)
                    insertion.times -= 1
                    if insertion.times <= 0:
                        self.insertions.remove(insertion)
        return due

    def reset(self) -> None:
        """Back to no latency, no limit, no faults, empty logs."""
        with self.lock:
            self.latency = 0.0
            self.rate_limit = None
            self.rate_window = 60.0
            self.rate_limit_header = True
            self.max_body_bytes = DEFAULT_MAX_BODY
            self.faults.clear()
            self.insertions.clear()
            self.requests.clear()
            self.exports.clear()
            self.throttled = 0
            self.generation += 1
        self.limiter.clear()

    def settings(self) -> dict[str, Any]:
        return {
            "latency": self.latency,
            "rate_limit": self.rate_limit,
            "rate_window": self.rate_window,
            "rate_limit_header": self.rate_limit_header,
            "max_body_bytes": self.max_body_bytes,
            "faults": [asdict(fault) for fault in self.faults],
            "insertions": [asdict(insertion) for insertion in self.insertions],
            "throttled": self.throttled,
        }

    def request_log(self) -> list[dict[str, Any]]:
        return [asdict(record) for record in list(self.requests)]


# Galileo's documented routes, and those its own SDK adds (galileo_sdk.py).
GALILEO_PATHS = ("/v2/", "/projects", "/healthcheck", "/login/", "/current_user")


def service_of(path: str) -> str:
    if path.startswith("/api/"):
        return "respan"
    if path.startswith(GALILEO_PATHS):
        return "galileo"
    return "control" if path.startswith(CONTROL_PREFIX) else "unknown"


class ControlMiddleware:
    """Latency, injected faults, the rate limit and the request log, around the services."""

    def __init__(self, app: ASGIApp, controls: Controls, on_insert: Callable[[Insertion], None]):
        self.app = app
        self.controls = controls
        self.on_insert = on_insert

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(CONTROL_PREFIX):
            await self.app(scope, receive, send)
            return
        controls = self.controls
        method, path = scope["method"], scope["path"]
        service = service_of(path)
        body = await _read_body(receive)
        logged = [False]

        def log(status: int) -> None:
            # Written before the response leaves, so a client that has its answer can
            # always find the request in the log.
            if logged[0]:
                return
            logged[0] = True
            controls.requests.append(
                RequestRecord(
                    method=method,
                    path=path,
                    query=scope.get("query_string", b"").decode("latin-1"),
                    status=status,
                    service=service,
                    body=_json_or_none(body),
                    time=time.time(),
                )
            )

        replayed = [False]

        async def replay() -> Message:
            # The body once; after that, the real channel (which reports the disconnect).
            if not replayed[0]:
                replayed[0] = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                log(message["status"])
            await send(message)

        try:
            if controls.latency:
                await asyncio.sleep(controls.latency)
            for insertion in controls.take_insertions(path):
                self.on_insert(insertion)
            fault = controls.take_fault(method, path)
            if fault is not None and fault.kind == "slow":
                await controls.stall(fault.seconds)
                fault = None
            if fault is not None and fault.kind in ("status", "html"):
                await _answer_fault(fault, recording_send)
                return
            wait = controls.limiter.admit(service, controls.rate_limit, controls.rate_window)
            if wait is not None:
                with controls.lock:
                    controls.throttled += 1
                await _answer_429(math.ceil(wait), controls.rate_limit_header, recording_send)
                return
            if fault is not None:  # reset or truncate: damage the real answer
                with contextlib.suppress(_ResponseComplete):
                    await self.app(scope, replay, _damaging_send(fault, recording_send))
            else:
                await self.app(scope, replay, recording_send)
        finally:
            log(0)  # no response was started (the connection dropped first)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _json_or_none(body: bytes) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return body[:200].decode("utf-8", "replace")


async def _send_whole(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]
) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _answer_429(retry_after: int, with_header: bool, send: Send) -> None:
    body = json.dumps({"detail": "Rate limit exceeded", "retry_after": retry_after}).encode()
    headers = [(b"content-type", b"application/json")]
    if with_header:
        headers.append((b"retry-after", str(retry_after).encode()))
    await _send_whole(send, 429, body, headers)


async def _answer_fault(fault: Fault, send: Send) -> None:
    if fault.kind == "html":
        page = f"<html><body><h1>{fault.status} Bad Gateway</h1><p>nginx</p></body></html>"
        await _send_whole(send, fault.status, page.encode(), [(b"content-type", b"text/html")])
        return
    if fault.status == 429:
        retry_after = fault.retry_after
        body = json.dumps({"detail": "Rate limit exceeded", "retry_after": retry_after}).encode()
        headers = [(b"content-type", b"application/json")]
        if fault.retry_after_header:
            headers.append((b"retry-after", str(math.ceil(retry_after)).encode()))
        await _send_whole(send, 429, body, headers)
        return
    body = json.dumps({"detail": f"Injected fault: {fault.status}"}).encode()
    await _send_whole(send, fault.status, body, [(b"content-type", b"application/json")])


class ConnectionDropped(Exception):
    """Raised inside the server to drop a connection mid-body (an injected reset)."""


def _damaging_send(fault: Fault, send: Send) -> Send:
    """Wrap send so the body is cut: `reset` drops the connection, `truncate` shortens it."""
    state: dict[str, Any] = {"start": None, "body": b""}

    async def damaging(message: Message) -> None:
        if message["type"] == "http.response.start":
            state["start"] = message
            return
        if message["type"] != "http.response.body":
            await send(message)
            return
        state["body"] += message.get("body", b"")
        if message.get("more_body", False) and len(state["body"]) < 64 * 1024:
            return
        start, whole = state["start"], state["body"]
        cut = whole[: max(1, len(whole) // 2)]
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        if fault.kind == "truncate":
            await send(
                {**start, "headers": [*headers, (b"content-length", str(len(cut)).encode())]}
            )
            await send({"type": "http.response.body", "body": cut, "more_body": False})
            raise _ResponseComplete
        promised = len(whole) * 2 if message.get("more_body", False) else len(whole)
        await send({**start, "headers": [*headers, (b"content-length", str(promised).encode())]})
        await send({"type": "http.response.body", "body": cut, "more_body": True})
        raise ConnectionDropped("injected connection reset")

    return damaging


class _ResponseComplete(Exception):
    """Ends the app's work once a truncated response has been sent whole."""
