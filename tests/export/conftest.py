"""Fixtures of the export tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tracebridge import Respan
from tracebridge.emulator import Running


@pytest.fixture
def rs(running: Running) -> Iterator[Respan]:
    """A Respan client on the shared emulator that does not sleep between retries."""
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as client:
        client.transport.sleep = lambda seconds: None
        yield client
