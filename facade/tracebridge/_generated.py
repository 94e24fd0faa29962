"""The generated clients' operations, imported when first called.

An operation's module imports its models, and the models import attrs: loading every
operation the clients offer would cost `import tracebridge` hundreds of milliseconds. The
clients reach each operation through `Operations("respan_client")` instead
(`api.list_dataset_spans.build_request(...)`): its module is found among the generated
`api/<tag>/` folders by name, and imported (thread-safely, by the import system) on the
first request built.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module
from importlib.util import find_spec
from typing import Any, Protocol, cast


class Operation(Protocol):
    """What the clients use of a generated operation's module (see the owned template
    openapi/templates/endpoint_module.py.jinja)."""

    OPERATION_ID: str

    def build_request(self, *args: Any, **kwargs: Any) -> dict[str, Any]: ...


class _Deferred:
    __slots__ = ("_module",)

    def __init__(self, module: str):
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(import_module(self._module), name)

    def __repr__(self) -> str:
        return f"<operation {self._module}>"


class Operations:
    """A generated package's operations by name (its operationIds, in snake case), each
    imported when first used. An unknown name is an AttributeError at once."""

    def __init__(self, package: str):
        self._package = package
        self._found: dict[str, Operation] = {}

    def __getattr__(self, name: str) -> Operation:
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = cast(Operation, _Deferred(self._module_of(name)))
        return found

    def _module_of(self, name: str) -> str:
        api = find_spec(f"{self._package}.api")
        folders = api.submodule_search_locations if api is not None else None
        for tag in pkgutil.iter_modules(folders or []):
            module = f"{self._package}.api.{tag.name}.{name}"
            if tag.ispkg and find_spec(module) is not None:
                return module
        raise AttributeError(f"{self._package} has no operation {name!r}")


def given(**kwargs: Any) -> dict[str, Any]:
    """The keyword arguments that have a value: a request builder's parameters default to
    the generator's UNSET, which this leaves them at (no need to import it)."""
    return {name: value for name, value in kwargs.items() if value is not None}
