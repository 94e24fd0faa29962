"""docs/reference.md is what the code says: every command and option, every public method,
every exit code. Regenerated here and compared, so a change to the command line or the API
that is not in the page fails (run `python scripts/reference.py` and commit the page)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer.main

from tracebridge.cli import app, common

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "reference.md").read_text()


def test_the_reference_page_is_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "reference.py"), "--check"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_command_and_exit_code_is_on_the_page() -> None:
    root = typer.main.get_command(app)
    stack = [("tracebridge", root)]
    while stack:
        path, command = stack.pop()
        assert f"### `{path}`" in PAGE
        for name, sub in getattr(command, "commands", {}).items():
            stack.append((f"{path} {name}", sub))
    for name in dir(common):
        if name.startswith("EXIT_"):
            assert f"| {getattr(common, name)} | `{name}` |" in PAGE


def test_the_readme_lists_the_same_exit_codes() -> None:
    import re

    readme = (ROOT / "README.md").read_text()
    listed = {int(code) for code in re.findall(r"^\| (\d+) \| ", readme, flags=re.MULTILINE)}
    codes = {getattr(common, name) for name in dir(common) if name.startswith("EXIT_")}
    assert listed == codes
