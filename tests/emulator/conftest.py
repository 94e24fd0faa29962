"""Fixtures of the emulator's own tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from tracebridge.emulator import Emulator, Running, serve

from ..support import SIZES, Conformance


@pytest.fixture
def fresh() -> Iterator[Running]:
    """An emulator of its own, for tests that change data."""
    with serve(Emulator(seed=3, sizes=SIZES)) as server:
        yield server


@pytest.fixture(scope="session")
def conformance() -> dict[str, Conformance]:
    return {"respan": Conformance("respan"), "galileo": Conformance("galileo")}


def _checked(conformance: Conformance) -> dict[str, list[Callable[[httpx.Response], None]]]:
    """An httpx response hook: every answer must conform to the spec."""

    def check(response: httpx.Response) -> None:
        response.read()
        conformance.check(response)

    return {"response": [check]}


@pytest.fixture
def respan_http(running: Running, conformance: dict[str, Conformance]) -> Iterator[httpx.Client]:
    """A Respan client whose every answer is checked against openapi/respan.yaml."""
    with httpx.Client(
        base_url=running.base_url,
        headers={"Authorization": f"Bearer {running.respan_key}"},
        timeout=10,
        event_hooks=_checked(conformance["respan"]),
    ) as client:
        yield client


@pytest.fixture
def galileo_http(running: Running, conformance: dict[str, Conformance]) -> Iterator[httpx.Client]:
    """A Galileo client whose every answer is checked against openapi/galileo.yaml."""
    with httpx.Client(
        base_url=running.base_url,
        headers={"Galileo-API-Key": running.galileo_key},
        timeout=10,
        event_hooks=_checked(conformance["galileo"]),
    ) as client:
        yield client
