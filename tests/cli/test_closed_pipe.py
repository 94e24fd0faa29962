"""`tracebridge ... | head`: a reader that closes standard output early. The command ends
quietly with the exit code it would have had: a gate's 6 is not lost to a BrokenPipeError,
and nothing but the command's own lines reaches stderr. Real processes and real pipes."""

from __future__ import annotations

import os
import subprocess
import sys

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
