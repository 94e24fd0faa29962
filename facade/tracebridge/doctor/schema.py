"""An answer held against its schema in the spec: which fields the spec does not declare,
which hold another type or a null it forbids, which required ones are missing.

The specs ship beside the generated clients (`<client>/openapi.json`, written by
scripts/regenerate.py), so this reads the same document the clients were made from. Paths
name fields, never values: `results[].total_cost`, `scores.*.numerical_value`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

Schema = dict[str, Any]


@dataclass(frozen=True, order=True)
class Difference:
    """One way an answer differs from its schema."""

    path: str
    kind: str  # "undeclared", "type", "null", "missing", "enum"
    expected: str
    seen: str

    def __str__(self) -> str:
        return (
            f"{self.path or '(the answer)'}: {self.kind} (spec: {self.expected}; seen: {self.seen})"
        )


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


class Spec:
    """One service's spec as shipped with its generated client."""

    def __init__(self, document: dict[str, Any]):
        self.document = document

    @staticmethod
    @cache
    def of(package: str) -> Spec:
        text = resources.files(package).joinpath("openapi.json").read_text(encoding="utf-8")
        return Spec(json.loads(text))

    def operation(self, operation_id: str) -> dict[str, Any]:
        for item in self.document["paths"].values():
            for operation in item.values():
                if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                    return operation
        raise KeyError(operation_id)

    def response_schema(self, operation_id: str, status: int) -> Schema | None:
        """The JSON schema of the operation's answer with this status (None: not JSON, or a
        status the spec does not document)."""
        responses = self.operation(operation_id)["responses"]
        response = responses.get(str(status)) or responses.get("default")
        if response is None:
            return None
        media = self._resolve(response).get("content", {}).get("application/json")
        return None if media is None else media.get("schema", {})

    def documents(self, operation_id: str, status: int) -> bool:
        responses = self.operation(operation_id)["responses"]
        return str(status) in responses or "default" in responses

    # -- schemas ----------------------------------------------------------------------------

    def _resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def _flat(self, schema: Any) -> Schema:
        """The schema with its $ref followed and its allOf members merged into one."""
        schema = self._resolve(schema)
        if not isinstance(schema, dict) or "allOf" not in schema:
            return schema if isinstance(schema, dict) else {}
        merged: Schema = {key: value for key, value in schema.items() if key != "allOf"}
        properties: dict[str, Any] = {}
        required: list[str] = []
        for member in schema["allOf"]:
            flat = self._flat(member)
            properties.update(flat.get("properties", {}))
            required += flat.get("required", [])
            for key, value in flat.items():
                if key not in ("properties", "required"):
                    merged.setdefault(key, value)
        properties.update(schema.get("properties", {}))
        merged["properties"] = properties
        merged["required"] = required + schema.get("required", [])
        return merged

    def differences(self, value: Any, schema: Any, path: str = "") -> list[Difference]:
        """Every difference between a value and its schema, field by field."""
        flat = self._flat(schema)
        choices = flat.get("anyOf") or flat.get("oneOf")
        if choices:
            tried = [self.differences(value, member, path) for member in choices]
            return min(tried, key=len)
        found = self._type(value, flat, path)
        if found:
            return found
        if isinstance(value, dict):
            return self._object(value, flat, path)
        if isinstance(value, list) and "items" in flat:
            return [
                difference
                for item in value
                for difference in self.differences(item, flat["items"], f"{path}[]")
            ]
        return []

    def _type(self, value: Any, flat: Schema, path: str) -> list[Difference]:
        declared = flat.get("type")
        allowed = {declared} if isinstance(declared, str) else set(declared or ())
        seen = json_type(value)
        if "const" in flat and value != flat["const"]:
            return [Difference(path, "enum", "a fixed value", seen)]
        if "enum" in flat and value not in flat["enum"] and value is not None:
            return [Difference(path, "enum", "one of the listed values", "another value")]
        if not allowed or seen in allowed or (seen == "integer" and "number" in allowed):
            return []
        if seen == "null":
            return [Difference(path, "null", " or ".join(sorted(allowed)), "null")]
        return [Difference(path, "type", " or ".join(sorted(allowed)), seen)]

    def _object(self, value: dict[str, Any], flat: Schema, path: str) -> list[Difference]:
        found: list[Difference] = []
        properties = flat.get("properties", {})
        extra = flat.get("additionalProperties")
        prefix = f"{path}." if path else ""
        for name in flat.get("required", []):
            if name not in value:
                found.append(Difference(f"{prefix}{name}", "missing", "required", "absent"))
        for name, item in value.items():
            if name in properties:
                found += self.differences(item, properties[name], f"{prefix}{name}")
            elif isinstance(extra, dict):
                found += self.differences(item, extra, f"{prefix}*")
            elif properties and extra is not True:
                found.append(
                    Difference(f"{prefix}{name}", "undeclared", "not declared", json_type(item))
                )
        return found
