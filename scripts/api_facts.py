"""Read the API facts the specs declare in `x-` extensions and write them as a Python module.

scripts/regenerate.py calls this for every spec and writes the result beside the generated
client, as `<package>/api_facts.py`, so the specs stay the one source of what tracebridge knows
about each service: the facade, the transport and the emulator read these tables and never
keep their own. The extensions (all optional unless said) are:

Per operation
  x-safe-to-repeat: true|false    (required) whether repeating the request can do no harm
  x-unsafe-when: {in: body|query, name: .., values: [..]}
                                  a request whose body field / query parameter holds one of
                                  the values is not safe to repeat (it starts an export)
  x-rate-limited: true|false      (required) whether the service's rate limit covers it
  x-paging: page|offset|none|stream
                                  (required) how the operation's results are walked
  x-unknown-filter-keys: reject|ignore
                                  what the service does with a filter on a field it does
                                  not know: an error, or rows as if it were not there

Per schema
  x-row: <name>                   the schema describes rows of this name (schemas that share
                                  a name are merged, allOf resolved): the catalog of fields

Per property of a row schema
  x-filter-kind: text|mapping|scores|json
                                  how values compare when it is not clear from the type
                                  (text: free text or JSON matched by its text; mapping and
                                  scores: filtered per key as `<name>__<key>` / `<name>.<key>`)
  x-sortable: false               the service does not sort by it
  x-aliases: [..]                 other names the service documents for the field
  x-filter-type: id|text|date|number|boolean|collection
                                  Galileo: the filter `type` that fits the column
  x-nested-filter-type: ..        Galileo: the filter type of `<name>/<key>` columns

Galileo's filter operators come from the spec's filter schemas: each `LogRecordsFilter`
member's `type` constant and the enum of its `operator`.
"""

from __future__ import annotations

import pprint
from typing import Any

KINDS = ("string", "text", "integer", "number", "boolean", "datetime", "json", "mapping", "scores")
FILTER_TYPES = ("id", "text", "date", "number", "boolean", "collection", "fully_annotated")
PAGING = ("page", "offset", "none", "stream")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
UNSORTABLE_KINDS = ("json", "mapping", "scores")


class SpecFactError(Exception):
    """An extension missing or malformed; the message names where."""


def _ref(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        *_, name = node["$ref"].split("/")
        node = spec["components"]["schemas"][name]
    return node


def _types(schema: dict[str, Any]) -> set[str]:
    declared = schema.get("type")
    if declared is None:
        return set()
    return {declared} if isinstance(declared, str) else set(declared)


def _properties(spec: dict[str, Any], schema: Any) -> dict[str, Any]:
    """A schema's properties with allOf members merged in, in declaration order."""
    schema = _ref(spec, schema)
    merged: dict[str, Any] = {}
    for member in schema.get("allOf", []):
        merged.update(_properties(spec, member))
    merged.update(schema.get("properties", {}))
    return merged


def _kind(spec: dict[str, Any], where: str, prop: dict[str, Any]) -> str:
    declared = prop.get("x-filter-kind")
    if declared is not None:
        if declared not in KINDS:
            raise SpecFactError(f"{where}: x-filter-kind {declared!r} is not one of {KINDS}")
        return str(declared)
    resolved = _ref(spec, prop)
    types = _types(resolved) - {"null"}
    if types == {"string"}:
        return "datetime" if resolved.get("format") == "date-time" else "string"
    if "const" in resolved and isinstance(resolved["const"], str):
        return "string"
    if "enum" in resolved and all(isinstance(v, str) for v in resolved["enum"]):
        return "string"
    if types in ({"integer"}, {"number"}, {"boolean"}):
        return types.pop()
    return "json"


def _row(spec: dict[str, Any], name: str, schemas: list[str]) -> dict[str, Any]:
    fields: dict[str, str] = {}
    sortable: list[str] = []
    aliases: dict[str, str] = {}
    filter_types: dict[str, str] = {}
    nested: dict[str, dict[str, Any]] = {}
    for schema_name in schemas:
        for field, prop in _properties(spec, spec["components"]["schemas"][schema_name]).items():
            where = f"{schema_name}.{field}"
            kind = _kind(spec, where, prop)
            if fields.get(field, kind) != kind:
                raise SpecFactError(f"{where}: kind {kind} differs from {fields[field]} elsewhere")
            fields[field] = kind
            if prop.get("x-sortable", kind not in UNSORTABLE_KINDS) and field not in sortable:
                sortable.append(field)
            for alias in prop.get("x-aliases", []):
                aliases[str(alias)] = field
            for key in ("x-filter-type", "x-nested-filter-type"):
                value = prop.get(key)
                if value is not None and value not in FILTER_TYPES:
                    raise SpecFactError(f"{where}: {key} {value!r} is not one of {FILTER_TYPES}")
            if "x-filter-type" in prop:
                filter_types[field] = prop["x-filter-type"]
            if "x-nested-filter-type" in prop:
                keys = list(_properties(spec, _nullable_object(spec, prop)))
                nested[field] = {"filter_type": prop["x-nested-filter-type"], "keys": keys}
    return {
        "schemas": schemas,
        "fields": fields,
        "sortable": sortable,
        "aliases": aliases,
        "filter_types": filter_types,
        "nested": nested,
    }


def _nullable_object(spec: dict[str, Any], prop: dict[str, Any]) -> Any:
    """The object schema of a property declared as `oneOf: [object-ref, null]` or directly."""
    for member in prop.get("oneOf", prop.get("anyOf", [])):
        if _types(_ref(spec, member)) != {"null"}:
            return member
    return prop


def _operation(where: str, method: str, path: str, operation: dict[str, Any]) -> dict[str, Any]:
    for key in ("x-safe-to-repeat", "x-rate-limited"):
        if not isinstance(operation.get(key), bool):
            raise SpecFactError(f"{where}: {key} must be true or false")
    paging = operation.get("x-paging")
    if paging not in PAGING:
        raise SpecFactError(f"{where}: x-paging must be one of {PAGING}, not {paging!r}")
    unsafe_when = operation.get("x-unsafe-when")
    if unsafe_when is not None:
        if unsafe_when.get("in") not in ("body", "query") or not unsafe_when.get("name"):
            raise SpecFactError(f"{where}: x-unsafe-when needs in: body|query and a name")
        unsafe_when = {
            "in": unsafe_when["in"],
            "name": unsafe_when["name"],
            "values": list(unsafe_when.get("values", [])),
        }
    unknown_keys = operation.get("x-unknown-filter-keys")
    if unknown_keys not in (None, "reject", "ignore"):
        raise SpecFactError(f"{where}: x-unknown-filter-keys must be reject or ignore")
    return {
        "method": method.upper(),
        "path": path,
        "safe_to_repeat": operation["x-safe-to-repeat"],
        "unsafe_when": unsafe_when,
        "rate_limited": operation["x-rate-limited"],
        "paging": paging,
        "unknown_filter_keys": unknown_keys,
    }


def _filter_operators(spec: dict[str, Any]) -> dict[str, list[str]]:
    """Galileo: each filter type's operators, from the members of `LogRecordsFilter`."""
    union = spec["components"]["schemas"].get("LogRecordsFilter")
    if union is None:
        return {}
    operators: dict[str, list[str]] = {}
    for member in union.get("oneOf", []):
        props = _properties(spec, member)
        filter_type = _ref(spec, props["type"]).get("const")
        operator = _ref(spec, props["operator"]) if "operator" in props else {"enum": []}
        operators[str(filter_type)] = [str(value) for value in operator.get("enum", [])]
    return operators


def extract(spec: dict[str, Any]) -> dict[str, Any]:
    """Every fact the spec declares, as plain data."""
    operations: dict[str, Any] = {}
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            op_id = operation.get("operationId")
            if not op_id:
                raise SpecFactError(f"{method.upper()} {path}: an operation needs an operationId")
            operations[op_id] = _operation(f"{method.upper()} {path}", method, path, operation)
    rows: dict[str, list[str]] = {}
    for schema_name, schema in spec["components"]["schemas"].items():
        if "x-row" in schema:
            rows.setdefault(str(schema["x-row"]), []).append(schema_name)
    enums = {
        name: [str(value) for value in schema["enum"]]
        for name, schema in spec["components"]["schemas"].items()
        if "enum" in schema and all(isinstance(value, str) for value in schema["enum"])
    }
    return {
        "operations": dict(sorted(operations.items())),
        "rows": {name: _row(spec, name, schemas) for name, schemas in sorted(rows.items())},
        "enums": dict(sorted(enums.items())),
        "filter_operators": _filter_operators(spec),
    }


def module_source(spec_name: str, facts: dict[str, Any]) -> str:
    """The facts as a Python module (plain literals, stable order)."""

    def literal(value: Any) -> str:
        return pprint.pformat(value, width=100, sort_dicts=False)

    parts = [
        f'"""API facts declared in openapi/{spec_name} (its x- extensions); see '
        "scripts/api_facts.py.\n\nGenerated by scripts/regenerate.py: do not edit.\n"
        '"""\n\nfrom typing import Any\n',
        f"OPERATIONS: dict[str, dict[str, Any]] = {literal(facts['operations'])}\n",
        f"ROWS: dict[str, dict[str, Any]] = {literal(facts['rows'])}\n",
        f"ENUMS: dict[str, list[str]] = {literal(facts['enums'])}\n",
        f"FILTER_OPERATORS: dict[str, list[str]] = {literal(facts['filter_operators'])}\n",
    ]
    return "\n".join(parts)
