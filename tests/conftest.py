"""Test-wide setup. The network is blocked for every test except loopback by pytest-recording
(`--block-network --allowed-hosts=...` in pyproject.toml), so tests reach only the emulator."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# -- provisioning: what the README's test command makes, and what it names -------------------


def pytest_configure(config: pytest.Config) -> None:
    """The vendors' SDK environments, made while the first tests run (by the controller
    only, when the tests run in several processes): the conformance tests wait for them."""
    if hasattr(config, "workerinput") or not _runs_conformance(config):
        return
    from .provision import start_vendor_sdks

    config.stash[_VENDOR_MAKER] = start_vendor_sdks()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """While mutmut tries a mutant (scripts/mutation.py), the quickest tests first: most
    mutants fail one, and the run stops at the first failure."""
    if os.environ.get("MUTANT_UNDER_TEST", "") in ("", "stats", "fail"):
        return
    stats = Path("mutmut-stats.json")  # in the copy of the checkout mutmut runs the tests in
    if not stats.is_file():
        return
    took = json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {})
    items.sort(key=lambda item: took.get(item.nodeid, 0.0))


def _runs_conformance(config: pytest.Config) -> bool:
    """Whether the paths asked for (the whole suite when none) take in tests/conformance,
    the only tests that use the vendors' SDKs: a run of tests/sync does not make them."""
    conformance = Path(__file__).resolve().parent / "conformance"
    for arg in config.args:
        path = (config.invocation_params.dir / arg.split("::")[0]).resolve()
        if path.is_relative_to(conformance) or conformance.is_relative_to(path):
            return True
    return False


def pytest_unconfigure(config: pytest.Config) -> None:
    maker = config.stash.get(_VENDOR_MAKER, None)
    if maker is not None and maker.poll() is None:
        maker.terminate()
        maker.wait(timeout=30)


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Named once at the start: what the suite cannot install itself, and how to."""
    from .provision import missing_system_packages

    lines = [
        f"not installed: {package.name}, needed by {package.needed_by}: {package.install}"
        + (f" (required here: {package.required_by}=1)" if package.required else "")
        for package in missing_system_packages()
    ]
    if config.stash.get(_VENDOR_MAKER, None) is not None:
        lines.append("making the vendors' SDK environments in .vendor/ (once; kept for later runs)")
    return lines


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Every skip said once more at the end, grouped by why: a skip is never silent."""
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items()):
        terminalreporter.write_line(f"not run: {count} test{'s' * (count != 1)}: {reason}")


_VENDOR_MAKER = pytest.StashKey[Any]()
