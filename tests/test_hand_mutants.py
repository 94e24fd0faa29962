"""scripts/hand_mutants.py's mutants still find the code they change: a refactor that moves a
mutated line would otherwise leave a mutant that can no longer be made, and its check
would silently stop checking anything."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_mutant_finds_its_line() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from hand_mutants import MUTANTS
    finally:
        sys.path.pop(0)
    assert len(MUTANTS) >= 25
    for mutant in MUTANTS:
        text = (ROOT / "facade" / "tracebridge" / mutant.file).read_text()
        assert text.count(mutant.old) >= 1, mutant.what  # (sync and async twins: both)


def test_every_package_mutation_testing_names_exists() -> None:
    """scripts/mutation.py's packages and their test folders are there: a package moved by a
    refactor must be named anew, or its score would silently measure nothing."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from mutation import PACKAGES
    finally:
        sys.path.pop(0)
    assert {"syncing", "schema", "comparing", "reporting", "doctor", "cli"} <= set(PACKAGES)
    for name, package in PACKAGES.items():
        for pattern in package.globs(name):
            folder = ROOT / "facade" / pattern.removeprefix("src/").removesuffix("/*")
            assert list(folder.glob("*.py")), f"{name}: no code at {folder}"
        for tests in package.tests:
            assert list((ROOT / tests).glob("test_*.py")), f"{name}: no tests in {tests}"
