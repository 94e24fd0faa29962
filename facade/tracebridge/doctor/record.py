"""doctor's answers as cassettes in the test suite's format (vcrpy's, version 1), so that a
difference a user found becomes a replay test here.

Written as JSON, which is YAML too (vcrpy reads it with its YAML serializer), so recording
needs no YAML library. Before anything is written the credential headers are dropped, any
echo of the key in a body is replaced, and the service's host becomes the placeholder the
test suite uses (`respan.recorded.invalid`, `galileo.recorded.invalid`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx

from ..errors import credentials_of, redacted
from .probe import Exchange

PLACEHOLDERS = {
    "respan": "https://respan.recorded.invalid",
    "galileo": "https://galileo.recorded.invalid",
}
CREDENTIAL_HEADERS = frozenset(
    {"authorization", "galileo-api-key", "splunk-ao-api-key", "cookie", "set-cookie"}
)
VOLATILE_HEADERS = frozenset({"date", "server"})


def _headers(
    headers: httpx.Headers, secrets: list[str], host: str | None = None
) -> dict[str, list[str]]:
    """The headers worth replaying: no credential header, and the key replaced wherever
    another header's name or value echoes it (`X-RateLimit-Bucket: key=<key>`)."""
    kept: dict[str, list[str]] = {}
    for name, value in headers.multi_items():
        lower = name.lower()
        if (
            lower in CREDENTIAL_HEADERS
            or "key" in lower
            or "token" in lower
            or "secret" in lower
            or lower in VOLATILE_HEADERS
        ):
            continue
        shown = host if lower == "host" and host else redacted(value, secrets)
        kept.setdefault(redacted(lower, secrets), []).append(shown)
    return kept


def interaction(exchange: Exchange, service: str) -> dict[str, Any]:
    request, response = exchange.request, exchange.response
    secrets = credentials_of(request)
    placeholder = httpx.URL(PLACEHOLDERS[service])
    uri = request.url.copy_with(scheme=placeholder.scheme, host=placeholder.host, port=None)
    body = redacted(response.content.decode("utf-8", "replace"), secrets)
    headers = _headers(response.headers, secrets)
    if "content-length" in headers:
        headers["content-length"] = [str(len(body.encode()))]
    return {
        "request": {
            "body": redacted(request.content.decode("utf-8", "replace"), secrets),
            "headers": _headers(request.headers, secrets, host=placeholder.host),
            "method": request.method,
            "uri": redacted(str(uri), secrets),
        },
        "response": {
            "body": {"string": body},
            "headers": headers,
            "status": {"code": response.status_code, "message": response.reason_phrase},
        },
    }


def cassette_paths(folder: Path, service: str | None = None) -> list[Path]:
    """Where `record=` writes: one cassette per service (both when none is named)."""
    return [folder / f"doctor_{name}.yaml" for name in ([service] if service else PLACEHOLDERS)]


def write_cassette(folder: Path, service: str, exchanges: Iterable[Exchange]) -> Path:
    """DIR/doctor_<service>.yaml, written under a temporary name and renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    [target] = cassette_paths(folder, service)
    cassette = {"interactions": [interaction(e, service) for e in exchanges], "version": 1}
    partial = target.with_name(f".{target.name}.part")
    partial.write_text(json.dumps(cassette, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(partial, target)
    return target
