"""A fault-injecting HTTP proxy for tests, in front of the emulator on loopback.

It shares nothing with the emulator's own fault knobs: it reads each request off a raw
socket, forwards it with the standard library's `http.client` (not httpx), and writes the
answer back byte by byte, so it can answer what no well-behaved server would: a login page
with 200, an empty 200, a 204, a redirect, a page of the wrong rows, a gzip body that is not
gzip, a body cut off by a reset or a close, an error that echoes the caller's key.

    with FaultProxy(running.base_url) as proxy:
        proxy.add(Rule("reset_mid_body", path="/logs/list/", skip=2))
        Respan(key, base_url=proxy.url) ...

One request per connection (`Connection: close`); every connection is handled in a thread
that stops by itself. Rules apply in order to the requests whose path contains `path`,
after `skip` of them, `times` times (None: for ever).
"""

from __future__ import annotations

import contextlib
import http.client
import inspect
import json
import socket
import struct
import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

ACTIONS = (
    "previous_page",  # ask the service for the page before the one requested
    "html_login",  # 200 text/html: a login page
    "text_login",  # the same login page, but labelled as the export's own content type
    "empty_200",  # 200 with the right content type and no body
    "no_content",  # 204
    "redirect",  # 302 to another host, empty body
    "corrupt_gzip",  # Content-Encoding: gzip over bytes that are not gzip
    "reset_mid_body",  # the full Content-Length announced, half sent, then a TCP reset
    "truncate",  # the full Content-Length announced, half sent, then a clean close
    "rows_not_objects",  # 200 JSON whose rows are numbers
    "echo_key_400",  # 400 whose body repeats the request's credential header
    "status_503",  # 503 JSON
    # answers changed field by field (`key` names the field; rows are `results`, `records`
    # or the answer itself), for checking `tracebridge doctor`:
    "add_field",  # every row gains `tracebridge_unexpected: 1`
    "number_to_string",  # every row's `key` becomes its text
    "drop_field",  # every row loses `key`
    "drop_filter_key",  # the request's filter on `key` is removed before it is forwarded
    "next_past_end",  # a last page names a next page anyway
    # JSON-lines bodies (Galileo's export) changed line by line, still ending cleanly:
    "drop_lines",  # every third record left out
    "html_line",  # a line of HTML between two records
    "set_field",  # every row's `key` set to `value` (rows, records or JSON lines)
    "drop_rows",  # every third row of a page left out (its count unchanged)
    "echo_key_everywhere",  # the caller's key in a rate-limit header, an odd header and a field
)
LOGIN_PAGE = b"<!DOCTYPE html>\n<html><body><form>Sign in to continue</form></body></html>\n"


@dataclass
class Rule:
    action: str
    path: str = ""
    skip: int = 0
    times: int | None = 1
    key: str = ""  # the field a mutation changes
    value: object = None  # what set_field puts there (a callable: made from the old value)
    seen: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        assert self.action in ACTIONS, self.action

    def applies(self, path: str) -> bool:
        if self.path not in path:
            return False
        self.seen += 1
        if self.seen <= self.skip:
            return False
        return self.times is None or self.seen - self.skip <= self.times


@dataclass
class Request:
    method: str
    target: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


class FaultProxy:
    """Listens on 127.0.0.1 and forwards to `upstream` (an http:// URL on loopback)."""

    def __init__(self, upstream: str):
        parts = urlsplit(upstream)
        assert parts.hostname in ("127.0.0.1", "localhost", "::1")
        self.upstream = (parts.hostname, parts.port or 80)
        self.rules: list[Rule] = []
        self.applied: list[tuple[str, str]] = []  # (action, path) in order
        self.requests = 0
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.getsockname()[:2]
        return f"http://{host}:{port}"

    def add(self, *rules: Rule) -> None:
        with self._lock:
            self.rules.extend(rules)

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()
            self.applied.clear()
            self.requests = 0

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._server.close()

    # -- serving -------------------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(30)
        with contextlib.closing(conn):
            try:
                request = _read_request(conn)
            except (OSError, ValueError):
                return
            if request is None:
                return
            path = urlsplit(request.target).path
            with self._lock:
                self.requests += 1
                rule = next((r for r in self.rules if r.applies(path)), None)
                if rule is not None:
                    self.applied.append((rule.action, path))
            action = rule.action if rule is not None else None
            if action == "previous_page":
                request = _previous_page(request)
            if action == "drop_filter_key" and rule is not None:
                request = _without_filter(request, rule.key)
            try:
                status, reason, headers, body = self._forward(request)
            except OSError:
                return
            if rule is not None and action in MUTATIONS:
                body = _mutated(action, rule.key, body, rule.value)
            if rule is not None and action in LINE_MUTATIONS:
                body = _lines_mutated(action, rule.key, body, rule.value)
            _respond(conn, action, request, status, reason, headers, body)

    def _forward(self, request: Request) -> tuple[int, str, list[tuple[str, str]], bytes]:
        upstream = http.client.HTTPConnection(*self.upstream, timeout=30)
        try:
            skip = {"host", "connection", "content-length", "accept-encoding"}
            headers = {k: v for k, v in request.headers if k.lower() not in skip}
            upstream.request(request.method, request.target, body=request.body, headers=headers)
            answer = upstream.getresponse()
            body = answer.read()
            drop = {"content-length", "transfer-encoding", "connection"}
            kept = [(k, v) for k, v in answer.getheaders() if k.lower() not in drop]
            return answer.status, answer.reason, kept, body
        finally:
            upstream.close()


def _read_request(conn: socket.socket) -> Request | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = [tuple(line.split(":", 1)) for line in lines[1:] if ":" in line]
    pairs = [(k.strip(), v.strip()) for k, v in headers]
    length = int(next((v for k, v in pairs if k.lower() == "content-length"), "0"))
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            raise ValueError("request body cut short")
        rest += chunk
    return Request(method, target, pairs, rest[:length])


MUTATIONS = (
    "add_field", "number_to_string", "drop_field", "next_past_end", "set_field", "drop_rows",
)  # fmt: skip
LINE_MUTATIONS = ("drop_lines", "html_line", "set_field")


def _new_value(value: object, name: str, row: dict[str, object]) -> object:
    """What set_field puts in `row[name]`: `value`, or what a callable makes of the old value
    (and of the whole row, when it takes two arguments)."""
    if not callable(value):
        return value
    if len(inspect.signature(value).parameters) == 2:
        return value(row.get(name), row)
    return value(row.get(name))


def _lines_mutated(action: str, name: str, body: bytes, value: object) -> bytes:
    """A body of JSON lines changed line by line; any other body passes unchanged."""
    lines = body.split(b"\n")
    if len(lines) < 2 or lines[-1] != b"" or not lines[0].startswith(b"{"):
        return body
    records = lines[:-1]
    if action == "drop_lines":
        records = [line for index, line in enumerate(records) if index % 3 != 1]
    elif action == "html_line":
        records.insert(len(records) // 2, LOGIN_PAGE.splitlines()[0])
    elif action == "set_field":
        changed = []
        for line in records:
            row = json.loads(line)
            row[name] = _new_value(value, name, row)
            changed.append(json.dumps(row).encode())
        records = changed
    return b"\n".join(records) + b"\n"


def _rows(answer: object) -> list[dict[str, object]]:
    if not isinstance(answer, dict):
        return []
    for key in ("results", "records"):
        if isinstance(answer.get(key), list):
            return [row for row in answer[key] if isinstance(row, dict)]
    return [answer]


def _mutated(action: str, name: str, body: bytes, value: object = None) -> bytes:
    """The JSON answer with one field changed in every row (non-JSON answers pass)."""
    try:
        answer = json.loads(body)
    except ValueError:
        return body
    if action == "next_past_end" and isinstance(answer, dict):
        if "next" in answer and answer["next"] is None:
            answer["next"] = "http://127.0.0.1:9/api/past/the/end/?page=999999"
        if "next_starting_token" in answer and answer["next_starting_token"] is None:
            answer["next_starting_token"] = 999_999
    if action == "drop_rows" and isinstance(answer, dict):
        for key in ("results", "records"):
            if isinstance(answer.get(key), list):
                answer[key] = [row for index, row in enumerate(answer[key]) if index % 3 != 1]
    for row in _rows(answer):
        if action == "add_field":
            row["tracebridge_unexpected"] = 1
        elif action == "number_to_string" and isinstance(row.get(name), (int, float)):
            row[name] = str(row[name])
        elif action == "drop_field":
            row.pop(name, None)
        elif action == "set_field":
            row[name] = _new_value(value, name, row)
    return json.dumps(answer).encode()


def _without_filter(request: Request, name: str) -> Request:
    """The request with its filter on `name` removed (Respan's filters object, Galileo's
    filters list), as a service that drops unknown keys would."""
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return request
    filters = body.get("filters") if isinstance(body, dict) else None
    if isinstance(filters, dict):
        filters.pop(name, None)
    elif isinstance(filters, list):
        body["filters"] = [
            f for f in filters if not (isinstance(f, dict) and f.get("column_id") == name)
        ]
    else:
        return request
    return Request(request.method, request.target, request.headers, json.dumps(body).encode())


def _previous_page(request: Request) -> Request:
    """The same request for the page before: page=N-1 in the query (Respan), or
    starting_token minus limit in the JSON body (Galileo)."""
    parts = urlsplit(request.target)
    query = dict(parse_qsl(parts.query))
    if "page" in query and int(query["page"]) > 1:
        query["page"] = str(int(query["page"]) - 1)
        target = parts._replace(query=urlencode(query)).geturl()
        return Request(request.method, target, request.headers, request.body)
    with contextlib.suppress(ValueError):
        body = json.loads(request.body or b"{}")
        if isinstance(body, dict) and body.get("starting_token"):
            body["starting_token"] = max(0, body["starting_token"] - body.get("limit", 100))
            return Request(
                request.method, request.target, request.headers, json.dumps(body).encode()
            )
    return request


def _respond(
    conn: socket.socket,
    action: str | None,
    request: Request,
    status: int,
    reason: str,
    headers: list[tuple[str, str]],
    body: bytes,
) -> None:
    content_type = next((v for k, v in headers if k.lower() == "content-type"), "text/plain")
    if action == "html_login":
        status, reason, headers, body = 200, "OK", [("Content-Type", "text/html")], LOGIN_PAGE
    elif action == "text_login":
        status, reason, headers, body = 200, "OK", [("Content-Type", content_type)], LOGIN_PAGE
    elif action == "empty_200":
        status, reason, headers, body = 200, "OK", [("Content-Type", content_type)], b""
    elif action == "no_content":
        status, reason, headers, body = 204, "No Content", [], b""
    elif action == "redirect":
        location = ("Location", "https://login.example.invalid/sso?next=/export")
        status, reason, headers, body = 302, "Found", [location], b""
    elif action == "corrupt_gzip":
        headers = [*headers, ("Content-Encoding", "gzip")]
        body = b"\x1f\x8b\x08\x00not gzip at all" + b"\x00" * 32
    elif action == "rows_not_objects":
        body = json.dumps({"count": 2, "next": None, "results": [1, 2], "records": [1, 2]}).encode()
        status, reason, headers = 200, "OK", [("Content-Type", "application/json")]
    elif action == "echo_key_400":
        credential = request.header("authorization") or request.header("galileo-api-key") or ""
        detail = {"detail": f"Invalid token: {credential!s} was rejected"}
        status, reason = 400, "Bad Request"
        headers, body = [("Content-Type", "application/json")], json.dumps(detail).encode()
    elif action == "echo_key_everywhere":
        credential = request.header("authorization") or request.header("galileo-api-key") or ""
        credential = credential.split()[-1] if credential else ""
        headers = [*headers, ("X-RateLimit-Bucket", f"key={credential}"),
                   ("X-Served-For", credential)]  # fmt: skip
        try:
            answer = json.loads(body)
        except ValueError:
            answer = None
        if answer is not None:
            for row in _rows(answer):
                row["tracebridge_unexpected"] = f"owner={credential}"
            body = json.dumps(answer).encode()
    elif action == "status_503":
        status, reason = 503, "Service Unavailable"
        headers, body = [("Content-Type", "application/json")], b'{"detail": "try later"}'
    head = [f"HTTP/1.1 {status} {reason}", *(f"{k}: {v}" for k, v in headers)]
    head += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    data = "\r\n".join(head).encode("latin-1")
    if action in ("reset_mid_body", "truncate"):
        conn.sendall(data + body[: max(1, len(body) // 2)])
        if action == "reset_mid_body":  # SO_LINGER 0: close sends a reset, not a FIN
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        return
    with contextlib.suppress(OSError):
        conn.sendall(data + body)
