"""The README's and docs/' command lines run as written against the emulator.

Every line of a ```bash block (README.md, docs/*.md) that starts with `tracebridge ` runs in a shell of its own, in
a fresh folder, with the emulator's variables exported as `tracebridge emulator` prints them
(and GALILEO_PROJECT_ID, as the README says), so an example that drifts from the command
line fails here. Lines that would not end by themselves (serving the emulator) or that
change the user's shell (installing completion) are checked through their help instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracebridge.emulator import Running
from tracebridge.emulator.data import GALILEO_PROJECT_ID

from .support import doc_blocks

BLOCKS = doc_blocks("bash")
LINES = [
    line.strip()
    for block in BLOCKS
    for line in block.splitlines()
    if line.strip().startswith("tracebridge ")
]
NOT_RUN = {  # a line that does not end by itself or changes the shell: its help instead
    "tracebridge --install-completion": "tracebridge --help",
    "tracebridge emulator --port 8765": "tracebridge emulator --help",
}


def runnable(line: str) -> str:
    command = line.split("  #", 1)[0].strip()
    return NOT_RUN.get(command, command)


def test_the_readme_shows_the_command_line() -> None:
    assert len(LINES) >= 20


@pytest.mark.parametrize("line", LINES, ids=[f"line{i}" for i in range(len(LINES))])
def test_readme_command_runs_as_written(line: str, running: Running, tmp_path: Path) -> None:
    bin_folder = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}",
        "RESPAN_API_KEY": running.respan_key,
        "RESPAN_BASE_URL": running.base_url,
        "GALILEO_API_KEY": running.galileo_key,
        "GALILEO_API_URL": running.base_url,
        "GALILEO_PROJECT_ID": GALILEO_PROJECT_ID,
    }
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", runnable(line)], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    # `| head` may close the pipe early: the command then ends by SIGPIPE, which is fine.
    assert done.returncode in ((0, 141) if "| head" in line else (0,)), done.stderr
    assert "Traceback" not in done.stderr
