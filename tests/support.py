"""Shared test helpers: the emulator's size for tests, raw clients, spec conformance."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from openapi_schema_validator import OAS31Validator

import galileo_client
import respan_client
from tracebridge.emulator import Running, Sizes

from .generated.specs import load_spec, operation_for, resolve

SIZES = Sizes(
    experiments=4, traces=60, dataset_spans=40, org_spans=70, org_traces=30, galileo_traces=25
)


def raw_respan(running: Running, **httpx_args: Any) -> respan_client.AuthenticatedClient:
    return respan_client.AuthenticatedClient(
        base_url=running.base_url, token=running.respan_key, httpx_args=httpx_args
    )


def raw_galileo(running: Running, **httpx_args: Any) -> galileo_client.AuthenticatedClient:
    return galileo_client.AuthenticatedClient(
        base_url=running.base_url,
        token=running.galileo_key,
        prefix="",
        auth_header_name="Galileo-API-Key",
        httpx_args=httpx_args,
    )


class Conformance:
    """Checks a response against the spec's schema for its operation and status."""

    def __init__(self, spec_name: str):
        self.spec = load_spec(spec_name)

    def schema_for(self, method: str, path: str, status: int) -> dict[str, Any] | None:
        operation = operation_for(self.spec, method, path)
        response = operation["responses"].get(str(status))
        assert response is not None, (
            f"{method} {operation['_template']} answered undocumented {status}"
        )
        content = resolve(self.spec, response).get("content", {})
        media = content.get("application/json")
        return None if media is None else media["schema"]

    def check(self, response: httpx.Response) -> None:
        request = response.request
        schema = self.schema_for(request.method, request.url.path, response.status_code)
        if schema is None:
            return
        document = {**schema, "components": self.spec["components"]}
        OAS31Validator(document).validate(response.json())


def instants(value: Any) -> Any:
    """JSON with every date-time text read as the instant it names: a `format: date-time`
    field comes back as `+00:00` where the input wrote `Z`, the same moment."""
    if isinstance(value, dict):
        return {key: instants(item) for key, item in value.items()}
    if isinstance(value, list):
        return [instants(item) for item in value]
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


ROOT = Path(__file__).resolve().parents[1]


def doc_blocks(language: str) -> list[str]:
    """The ```<language> blocks of README.md and docs/*.md, in order: the examples that
    must run as written."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    pattern = rf"```{language}\n(.*?)```"
    return [block for page in pages for block in re.findall(pattern, page.read_text(), re.DOTALL)]
