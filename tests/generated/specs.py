"""Helpers for tests of the generated clients: the specs as data, and operation lookup."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC_PACKAGES = {"respan": "respan_client", "galileo": "galileo_client"}
HTTP_METHODS = ("get", "put", "post", "patch", "delete")


@cache
def load_spec(name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "openapi" / f"{name}.yaml").read_text())


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local $ref (one level at a time until there is none)."""
    while "$ref" in node:
        parts = node["$ref"].removeprefix("#/").split("/")
        target: Any = spec
        for part in parts:
            target = target[part]
        node = target
    return node


def operations(name: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) for every operation of a spec."""
    for path, item in load_spec(name)["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def operation_for(spec: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    """The operation a request's method and path reach, with `_template` (its path) and
    `_path_params` (its path item's parameters). A literal segment wins over a parameter:
    `/experiments/list/` is not `/experiments/{experiment_id}/`."""
    found = []
    for template, item in spec["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in item:
            found.append(
                {
                    **item[method.lower()],
                    "_path_params": item.get("parameters", []),
                    "_template": template,
                }
            )
    found.sort(key=lambda operation: operation["_template"].count("{"))
    assert found, f"{method} {path} matches no operation"
    if len(found) > 1:
        assert found[0]["_template"].count("{") < found[1]["_template"].count("{"), path
    return found[0]


@cache
def operation_module(package: str, operation_id: str) -> ModuleType:
    """The generated module for an operationId, wherever its tag put it."""
    api = importlib.import_module(f"{package}.api")
    for info in pkgutil.walk_packages(api.__path__, prefix=f"{package}.api."):
        if info.name.rsplit(".", 1)[-1] == operation_id:
            return importlib.import_module(info.name)
    raise LookupError(f"{package} has no module for operationId {operation_id!r}")


def model_class(package: str, schema_ref: str) -> type:
    """The generated model class for '#/components/schemas/Name'."""
    models = importlib.import_module(f"{package}.models")
    wanted = schema_ref.rsplit("/", 1)[-1].replace("_", "").lower()
    for exported in models.__all__:
        if exported.lower() == wanted:
            return getattr(models, exported)  # type: ignore[no-any-return]
    raise LookupError(f"{package}.models has no class for {schema_ref}")
