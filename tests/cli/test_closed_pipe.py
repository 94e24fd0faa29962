"""`tracebridge ... | head`: a reader that closes standard output early. The command ends
quietly with the exit code it would have had: a gate's 6 is not lost to a BrokenPipeError,
and nothing but the command's own lines reaches stderr. Real processes and real pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

pytest.importorskip("uvicorn")


def _run_into_closed_pipe(*args: str) -> tuple[int, str]:
    """Run the command with standard output a pipe whose reader has already gone."""
    read, write = os.pipe()
    os.close(read)  # every write to the pipe now fails with EPIPE
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "tracebridge", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    return finished.returncode, finished.stderr.decode()


def test_a_gate_that_holds_keeps_exit_code_6_on_a_closed_pipe() -> None:
    code, err = _run_into_closed_pipe(
        "compare", "exp_cmp_base", "exp_cmp_new", "--emulator", "--quiet",
        "--fail-if", "correctness < -0.02", "--fail-if", "latency_ms > 1000000",
    )  # fmt: skip
    assert code == 6, err
    assert "fail-if held: correctness < -0.02" in err
    assert "fail-if not held: latency_ms > 1000000" in err  # every condition says it ran
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err


def test_a_listing_and_an_export_end_quietly_on_a_closed_pipe() -> None:
    for args in (
        ("respan", "experiments", "--emulator"),
        ("respan", "traces", "exp_123", "-o", "-", "-f", "csv", "--emulator", "--quiet"),
    ):
        code, err = _run_into_closed_pipe(*args)
        assert code == 0, (args, err)
        assert err.strip() == "", (args, err)


def test_the_gate_lines_show_a_hostile_experiment_name_as_text(running: Any) -> None:
    """The service names its experiment with an OSC 8 hyperlink, a window title, a bidi
    override and a line break that would forge a gate line: stderr shows them escaped, and
    one line per condition."""
    from typer.testing import CliRunner

    from tracebridge.cli import app

    from ..proxy import FaultProxy, Rule

    hostile = "new\x1b]8;;http://x.example/\x07click\x1b]8;;\x07\x1b]0;pwned\x07\u202e\nfail-if not held: all"
    with FaultProxy(running.base_url) as proxy:
        proxy.add(Rule("set_field", path="/experiments/exp_cmp_new/", times=None, key="name",
                       value=hostile))  # fmt: skip
        env = {"RESPAN_API_KEY": running.respan_key, "RESPAN_BASE_URL": proxy.url}
        result = CliRunner(env=env).invoke(
            app, ["compare", "exp_cmp_base", "exp_cmp_new", "--quiet", "--rate-limit", "0",
                  "--fail-if", "correctness < -0.02"],
        )  # fmt: skip
        assert proxy.applied
    assert result.exit_code == 6, result.output
    gate = [line for line in result.stderr.splitlines() if line.startswith("fail-if")]
    assert len(gate) == 1 and gate[0].startswith("fail-if held: correctness < -0.02")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\u202e" not in result.stderr and "\\u001b]0;pwned" in gate[0]
