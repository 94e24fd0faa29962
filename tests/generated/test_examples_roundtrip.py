"""Every example payload in the specs (the seeds' and API-NOTES' payloads) survives the
generated clients: a response example parses through the operation's own response parser
and serialises back to the same JSON; a request example parses into the body model and the
operation's request builder sends exactly that JSON. Unknown keys must be kept."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import httpx
import pytest

from ..support import instants
from .specs import SPEC_PACKAGES, load_spec, model_class, operation_module, operations, resolve


def _examples(media: dict[str, Any]) -> list[tuple[str, Any]]:
    found = [(name, example["value"]) for name, example in media.get("examples", {}).items()]
    if "example" in media:
        found.append(("example", media["example"]))
    return found


def _response_cases() -> list[Any]:
    cases = []
    for spec_name, package in SPEC_PACKAGES.items():
        spec = load_spec(spec_name)
        for path, method, operation in operations(spec_name):
            for status, response in operation["responses"].items():
                media = resolve(spec, response).get("content", {}).get("application/json")
                for example_name, value in _examples(media or {}):
                    case_id = f"{spec_name}:{operation['operationId']}:{status}:{example_name}"
                    cases.append(
                        pytest.param(
                            package, operation["operationId"], int(status), value, id=case_id
                        )
                    )
    return cases


def _request_cases() -> list[Any]:
    cases = []
    for spec_name, package in SPEC_PACKAGES.items():
        for path, method, operation in operations(spec_name):
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            for example_name, value in _examples(body or {}):
                case_id = f"{spec_name}:{operation['operationId']}:{example_name}"
                cases.append(
                    pytest.param(
                        package, operation["operationId"], body["schema"]["$ref"], value, id=case_id
                    )
                )
    return cases


def _to_json(parsed: Any) -> Any:
    if isinstance(parsed, list):
        return [item.to_dict() for item in parsed]
    return parsed.to_dict()


def _path_arguments(function: Any) -> dict[str, Any]:
    """Placeholder values for the positional (path) parameters of a request builder."""
    arguments = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            arguments[name] = "00000000-0000-4000-8000-000000000000"
    return arguments


def _client(package: str) -> Any:
    return importlib.import_module(package).Client(base_url="http://127.0.0.1:9")


def test_there_are_examples_of_both_kinds() -> None:
    # Guards the parametrisation below against silently finding nothing.
    assert len(_response_cases()) >= 15
    assert len(_request_cases()) >= 10


@pytest.mark.parametrize(("package", "operation_id", "status", "example"), _response_cases())
def test_response_example_round_trips(
    package: str, operation_id: str, status: int, example: Any
) -> None:
    module = operation_module(package, operation_id)
    client = _client(package)
    response = httpx.Response(status, json=example)
    parsed = module._parse_response(client=client, response=response)
    assert parsed is not None, f"{operation_id} does not parse a {status} answer"
    assert instants(_to_json(parsed)) == instants(example)


@pytest.mark.parametrize(("package", "operation_id", "schema_ref", "example"), _request_cases())
def test_request_example_round_trips(
    package: str, operation_id: str, schema_ref: str, example: Any
) -> None:
    body = model_class(package, schema_ref).from_dict(example)
    assert body.to_dict() == example
    module = operation_module(package, operation_id)
    kwargs = module.build_request(**_path_arguments(module.build_request), body=body)
    assert kwargs["json"] == example


def test_unknown_keys_survive_in_nested_models() -> None:
    from respan_client.models import TraceList

    page = {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": "t1",
                "total_cost": 0.5,
                "brand_new_field": {"nested": [1, 2]},
                "scores": {
                    "ev_1": {"evaluator_id": "ev_1", "numerical_value": 0.9, "grader": "gpt"}
                },
            }
        ],
        "extra_envelope_key": True,
    }
    parsed = TraceList.from_dict(page)
    trace = parsed.results[0]
    assert trace.additional_properties["brand_new_field"] == {"nested": [1, 2]}
    assert trace.scores["ev_1"].additional_properties["grader"] == "gpt"
    assert parsed.to_dict() == page
