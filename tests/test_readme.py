"""The README's and docs/' Python examples run as written.

Every ```python block of README.md and docs/*.md is executed with the API keys in the environment and
httpx's transports (blocking and asyncio) replaced by ones that answers like the services (with the specs' own
example payloads; an example that starts the emulator talks to it for real), so an example
that drifts from the code fails here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from .support import ROOT, doc_blocks

README = ROOT / "README.md"
BLOCKS = doc_blocks("python")

TRACE_PAGE = {
    "count": 1,
    "next": None,
    "previous": None,
    "results": [{"id": "trace_789abc", "total_cost": 0.0012, "scores": {}}],
}
SEARCH_PAGE = {
    "records": [{"type": "trace", "id": "1a2b3c4d-0000-4000-8000-000000000001"}],
    "next_starting_token": None,
}


def answer(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path.startswith("/api/v2/experiments/") and path.endswith("/logs/list/"):
        assert request.headers["authorization"] == "Bearer readme-respan-key"
        return httpx.Response(200, json=TRACE_PAGE)
    if path.startswith("/api/v2/experiments/exp_") and request.method == "GET":
        experiment = path.rstrip("/").rsplit("/", 1)[-1]
        created = "2025-06-01T00:00:00Z"
        return httpx.Response(
            200,
            json={"id": experiment, "name": "readme", "status": "running", "created_at": created},
        )
    if path.endswith("/export_records"):
        assert request.headers["galileo-api-key"] == "readme-galileo-key"
        line = json.dumps(SEARCH_PAGE["records"][0]) + "\n"
        return httpx.Response(
            200, content=line.encode(), headers={"content-type": "application/jsonl"}
        )
    if path.endswith(("/traces/search", "/spans/search")):
        assert request.headers["galileo-api-key"] == "readme-galileo-key"
        return httpx.Response(200, json=SEARCH_PAGE)
    if path.endswith(("/traces/count", "/spans/count")):  # what a whole walk is held to
        assert request.headers["galileo-api-key"] == "readme-galileo-key"
        return httpx.Response(200, json={"total_count": len(SEARCH_PAGE["records"])})
    return httpx.Response(404, json={"detail": f"the README test has no answer for {path}"})


def test_the_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(
    block: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    monkeypatch.setenv("RESPAN_API_KEY", "readme-respan-key")
    monkeypatch.setenv("GALILEO_API_KEY", "readme-galileo-key")

    real_handle = httpx.HTTPTransport.handle_request

    def handle(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        if request.url.host == "127.0.0.1":  # the emulator, started by the example itself
            return real_handle(self, request)
        return answer(request)

    real_async_handle = httpx.AsyncHTTPTransport.handle_async_request

    async def handle_async(
        self: httpx.AsyncHTTPTransport, request: httpx.Request
    ) -> httpx.Response:
        if request.url.host == "127.0.0.1":
            return await real_async_handle(self, request)
        return answer(request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", handle)
    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", handle_async)
    monkeypatch.setenv("GALILEO_PROJECT_ID", "0f8b2c2e-7d1a-4c38-9a51-3e7c1d2b9a10")
    namespace: dict[str, Any] = {}  # each example runs as written: nothing is injected
    exec(compile(block, str(README), "exec"), namespace)
    printed = capsys.readouterr().out
    assert printed.strip(), "each README example prints what it fetched"
