"""Test-wide setup. The network is blocked for every test except loopback by pytest-recording
(`--block-network --allowed-hosts=...` in pyproject.toml), so tests reach only the emulator."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracebridge import Galileo, Respan
from tracebridge.emulator import Emulator, Running, serve
from tracebridge.emulator.data import GALILEO_PROJECT_ID

from .support import SIZES

# No developer's own config file or profile reaches a test: tests that want one make it.
os.environ["TRACEBRIDGE_CONFIG"] = str(Path(__file__).with_name("no-config-file.toml"))
os.environ.pop("TRACEBRIDGE_PROFILE", None)


@pytest.fixture(scope="session")
def running() -> Iterator[Running]:
    """One emulator for the whole run; tests that change its data use their own."""
    with serve(Emulator(seed=7, sizes=SIZES)) as server:
        yield server


@pytest.fixture
def emulator(running: Running) -> Iterator[Emulator]:
    """The shared emulator with its knobs reset and an empty request log; reset again after."""
    running.emulator.controls.reset()
    running.emulator.controls.requests.clear()
    yield running.emulator
    running.emulator.controls.reset()


@pytest.fixture
def rs(running: Running) -> Iterator[Respan]:
    """A Respan client on the shared emulator: no rate limit, no sleeping between retries."""
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as client:
        client.transport.sleep = lambda seconds: None
        yield client


@pytest.fixture
def gl(running: Running) -> Iterator[Galileo]:
    """A Galileo client on the shared emulator, on its seeded project."""
    with Galileo(
        running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
    ) as client:
        yield client


@pytest.fixture
def env(running: Running, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The shared emulator's keys and URLs in the environment, as a user would set them."""
    values = {
        "RESPAN_API_KEY": running.respan_key,
        "RESPAN_BASE_URL": running.base_url,
        "GALILEO_API_KEY": running.galileo_key,
        "GALILEO_API_URL": running.base_url,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values
