#!/usr/bin/env python3
"""Make the throwaway environments the conformance suite drives the vendors' SDKs in.

    python scripts/vendor_sdks.py          make (or keep) .vendor/galileo and .vendor/respan

Each SDK gets its own virtual environment with exactly the pinned release and its own
dependencies: they clash with each other's and with ours, and tracebridge never depends on
them. tests/conformance runs its drivers with these interpreters against the emulator.
An environment that already holds the pinned release is kept as it is.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / ".vendor"
# name: (the requirement, the distribution whose version proves it is installed)
SDKS = {
    "galileo": ("galileo==2.7.0", "galileo"),
    "respan": ("respan-api==0.1.47", "respan-api"),
}


def python_of(name: str) -> Path:
    return VENDOR / name / "bin" / "python"


def installed(name: str) -> bool:
    requirement, distribution = SDKS[name]
    python = python_of(name)
    if not python.exists():
        return False
    found = subprocess.run(
        [str(python), "-c", f"import importlib.metadata as m; print(m.version({distribution!r}))"],
        capture_output=True,
        text=True,
    )
    return found.returncode == 0 and found.stdout.strip() == requirement.split("==")[1]


def make(name: str) -> None:
    requirement, _ = SDKS[name]
    venv.EnvBuilder(with_pip=True, clear=True).create(VENDOR / name)
    subprocess.run(
        [str(python_of(name)), "-m", "pip", "install", "--quiet", requirement], check=True
    )


def main() -> int:
    for name in SDKS:
        if installed(name):
            print(f"kept   .vendor/{name} ({SDKS[name][0]})")
            continue
        make(name)
        if not installed(name):
            print(f"vendor_sdks: {SDKS[name][0]} did not install", file=sys.stderr)
            return 1
        print(f"made   .vendor/{name} ({SDKS[name][0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
