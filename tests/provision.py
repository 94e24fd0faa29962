"""What the test suite needs beyond the project's own packages, and how it gets it.

The README's test command provisions what it can by itself: the vendors' SDK environments
(`.vendor/`, made from the package index on first use and kept). What it cannot install (a
system PostgreSQL server, a system Chromium) is named once at the start of the run with the
one command that installs it; the tests that need it then skip, saying why, unless the
variable that `.ci/run` sets forbids it (then they fail).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class SystemPackage:
    name: str
    install: str  # the one command that installs it
    needed_by: str
    required_by: str  # the variable under which its absence fails the tests instead

    def present(self) -> bool:
        if self.name == "postgresql":
            return bool(shutil.which("initdb") or glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        return bool(shutil.which("chromium") or shutil.which("chromium-browser"))

    @property
    def required(self) -> bool:
        return os.environ.get(self.required_by) == "1"


SYSTEM_PACKAGES = (
    SystemPackage(
        "postgresql", "sudo apt-get install postgresql", "the sync tests on PostgreSQL",
        "TRACEBRIDGE_REQUIRE_POSTGRES",
    ),
    SystemPackage(
        "chromium", "sudo apt-get install chromium", "the report test in a browser",
        "TRACEBRIDGE_REQUIRE_BROWSER",
    ),
)  # fmt: skip


def missing_system_packages() -> list[SystemPackage]:
    return [package for package in SYSTEM_PACKAGES if not package.present()]


VENDOR = ROOT / ".vendor"
MAKING = VENDOR / ".making"  # the pid of the process making the environments, while it does
MAKE_LOG = VENDOR / "make.log"
MAKER = """
import os, sys
sys.path.insert(0, sys.argv[1])
import vendor_sdks
try:
    sys.exit(vendor_sdks.main())
finally:
    try:
        os.unlink(sys.argv[2])
    except FileNotFoundError:
        pass
"""


def _vendor_sdks() -> Any:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import vendor_sdks
    finally:
        sys.path.pop(0)
    return vendor_sdks


def vendor_sdks_installed() -> bool:
    module = _vendor_sdks()
    return all(module.installed(name) for name in module.SDKS)


def start_vendor_sdks() -> subprocess.Popen[bytes] | None:
    """Start making the vendors' SDK environments when any is missing (scripts/vendor_sdks.py:
    each in a throwaway environment of its own, from the package index), in the background:
    the tests that need them wait for it (`wait_for_vendor_sdks`), the others go on."""
    if vendor_sdks_installed():
        return None
    VENDOR.mkdir(exist_ok=True)
    with MAKE_LOG.open("wb") as log:
        maker = subprocess.Popen(
            [sys.executable, "-c", MAKER, str(ROOT / "scripts"), str(MAKING)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    MAKING.write_text(str(maker.pid))
    return maker


def wait_for_vendor_sdks(timeout: float = 900.0) -> str | None:
    """None once the environments are there; else why not (made by no one, or failed)."""
    deadline = time.monotonic() + timeout
    while MAKING.exists() and time.monotonic() < deadline:
        try:
            os.kill(int(MAKING.read_text() or "0"), 0)
        except (ValueError, ProcessLookupError, FileNotFoundError):
            break  # the maker is gone (killed): stop waiting for it
        time.sleep(0.5)
    if vendor_sdks_installed():
        return None
    told = MAKE_LOG.read_text(errors="replace").splitlines() if MAKE_LOG.exists() else []
    told = [line for line in told if "WARNING: Location" not in line]
    why = told[-1] if told else "they were not made"
    return f"the vendors' SDK environments are not in .vendor/ ({why}): run python scripts/vendor_sdks.py"
