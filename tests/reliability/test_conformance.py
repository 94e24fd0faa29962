"""Schemathesis against the running emulator with both specs: requests generated from the
specs never get a 5xx, every answer conforms to the spec (status, content type, body), and
the generated client of that service parses every answer. Bounded for CI: a few examples
per operation, no shrinking. Under CI (CI set) the examples are the same on every run, so a
submission does not fail on an input nobody has seen; elsewhere each run explores new ones
(that is how the include_fields defect was found), and what it finds gets its own test."""

from __future__ import annotations

import os
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

import galileo_client
import respan_client
from tracebridge.emulator import Running

from ..generated.specs import ROOT, operation_module

RESPAN = schemathesis.openapi.from_path(ROOT / "openapi" / "respan.yaml")
GALILEO = schemathesis.openapi.from_path(ROOT / "openapi" / "galileo.yaml")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
BOUNDED = settings(
    max_examples=12,
    derandomize=bool(os.environ.get("CI")),
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def parse_with_the_generated_client(case: Any, response: Any, client: Any) -> None:
    """The generated client reads the answer (it raises if it cannot)."""
    package = type(client).__module__.split(".")[0]
    module = operation_module(package, case.operation.definition.raw["operationId"])
    headers = [(name, value) for name, values in response.headers.items() for value in values]
    answer = httpx.Response(response.status_code, headers=headers, content=response.content)
    module._build_response(client=client, response=answer)


@RESPAN.parametrize()
@BOUNDED
def test_respan_spec_against_the_emulator(case: Any, running: Running) -> None:
    response = case.call_and_validate(
        base_url=running.base_url,
        headers={"Authorization": f"Bearer {running.respan_key}"},
        checks=CHECKS,
    )
    client = respan_client.AuthenticatedClient(base_url=running.base_url, token="unused")
    parse_with_the_generated_client(case, response, client)


@GALILEO.parametrize()
@BOUNDED
def test_galileo_spec_against_the_emulator(case: Any, running: Running) -> None:
    response = case.call_and_validate(
        base_url=running.base_url,
        headers={"Galileo-API-Key": running.galileo_key},
        checks=CHECKS,
    )
    client = galileo_client.AuthenticatedClient(base_url=running.base_url, token="unused")
    parse_with_the_generated_client(case, response, client)


def test_both_specs_are_fully_covered() -> None:
    counts = [len(list(schema.get_all_operations())) for schema in (RESPAN, GALILEO)]
    assert counts == [23, 13]


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
