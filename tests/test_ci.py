"""CI runs what a contributor runs: `.ci/run` provisions system packages, installs as the
README says, and runs exactly the README's test command; lint, format and types are tests of
that command (generated code in step with the specs: tests/generated/test_regenerate.py; the
demo: tests/cli/test_cli.py)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .support import ROOT

BIN = Path(sys.executable).parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    quickstart = text[text.index("## Quickstart") :]
    block = re.search(r"```bash\n(.*?)```", quickstart, re.S)
    assert block is not None
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def _ci_lines() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_the_quickstart_is_two_commands_and_ci_runs_its_test_command_as_written() -> None:
    install, test = _readme_commands()
    assert install.startswith("python3 -m venv .venv") and "pip install -e '.[dev]'" in install
    assert "tracebridge demo" in install
    ci = _ci_lines()
    assert ci[-1] == test, f"CI's last command {ci[-1]!r} is not the README's {test!r}"
    assert ".venv/bin/python -m pip install --quiet -e '.[dev]'" in ci
    # nothing between the install and the tests but the variables that forbid skips
    last_install = max(i for i, line in enumerate(ci) if "pip install" in line)
    between = [line for line in ci[last_install + 1 : -1] if not line.startswith("echo ")]
    assert all(line.startswith("export TRACEBRIDGE_REQUIRE_") for line in between), between
    for name in shlex.split(" ".join(between))[1:]:
        assert re.fullmatch(r"TRACEBRIDGE_REQUIRE_[A-Z_]+=1", name), name


def test_the_require_variables_turn_skips_into_failures_not_into_fewer_tests() -> None:
    """The same tests are collected with and without CI's variables."""

    def collected(env: dict[str, str]) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-p", "no:cacheprovider"],
            cwd=ROOT, capture_output=True, text=True, timeout=300, env=env, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        return [line for line in done.stdout.splitlines() if "::" in line]

    plain = {k: v for k, v in os.environ.items() if not k.startswith("TRACEBRIDGE_REQUIRE_")}
    required = {
        **plain, "TRACEBRIDGE_REQUIRE_VENDOR_SDKS": "1", "TRACEBRIDGE_REQUIRE_POSTGRES": "1",
        "TRACEBRIDGE_REQUIRE_BROWSER": "1",
    }  # fmt: skip
    assert collected(plain) == collected(required)


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=["lint", "format", "types"],
)
def test_lint_format_and_types_hold(command: list[str]) -> None:
    done = subprocess.run(
        [str(BIN / command[0]), *command[1:]], cwd=ROOT, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
