"""Test-wide setup. The network is blocked for every test except loopback by pytest-recording
(`--block-network --allowed-hosts=...` in pyproject.toml), so tests reach only the emulator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tracebridge.emulator import Emulator, Running, serve

from .support import SIZES


@pytest.fixture(scope="session")
def running() -> Iterator[Running]:
    """One emulator for the whole run; tests that change its data use their own."""
    with serve(Emulator(seed=7, sizes=SIZES)) as server:
        yield server
