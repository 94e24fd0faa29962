"""Mutation testing of the facade by mutmut, one package at a time, results kept between runs.

    .venv/bin/python scripts/mutation.py reporting          # run one package (only what changed)
    .venv/bin/python scripts/mutation.py syncing schema     # several, one after another
    .venv/bin/python scripts/mutation.py --scores           # every score, from kept results
    .venv/bin/python scripts/mutation.py doctor --survivors # what survived there, each as a diff
    .venv/bin/python scripts/mutation.py doctor --again     # survivors tried again (new tests)

mutmut makes the mutants itself (operators, comparisons, numbers, strings, arguments...),
learns once which tests call each function, and runs only those for a mutant. It wants the
code it mutates in `src/`, `./` or `source/` and names modules after their path; ours is
`facade/tracebridge`. So each package gets a folder of its own, `.mutation/<package>/`
(ignored by git), that looks like a project with `src -> facade` and the rest of the
checkout linked beside it; mutmut keeps its mutants and verdicts there, so a second run only
runs mutants of functions that changed and mutants not yet run.

A package's score counts a mutant as caught when a test failed on it, it timed out, or mypy
(strict, run by CI on the facade) refused it; a survivor, and a mutant no test reaches, are
not caught. docs/testing.md has the scores and the survivors left, each with its reason.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"
# What a test may read beside itself (tests find the checkout's root as tests/..).
LINKED = ["tests", "openapi", "docs", "scripts", "generated", "README.md", ".ci"]
CAUGHT = {"killed", "timeout", "caught by type check", "segfault"}
LEFT = {"survived", "no tests"}


@dataclass(frozen=True)
class Package:
    """A package of the facade and the test folders that exercise it."""

    tests: tuple[str, ...]
    mutate: tuple[str, ...] = ()

    def globs(self, name: str) -> list[str]:
        return [f"src/tracebridge/{pattern}" for pattern in (self.mutate or (f"{name}/*",))]


PACKAGES = {
    "syncing": Package(("tests/sync",)),
    "schema": Package(("tests/schema", "tests/sync")),
    "comparing": Package(("tests/compare",)),
    "reporting": Package(("tests/compare",)),
    "doctor": Package(("tests/doctor",)),
    "cli": Package(("tests/cli", "tests/compare", "tests/doctor", "tests/schema")),
}


def _section(header: str) -> str:
    """One section of the project's pyproject.toml, its header included, as written."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    start = text.index(f"[{header}]")
    end = text.find("\n[", start + 1)
    return text[start : end if end > 0 else len(text)].rstrip()


def _config(package: Package, name: str) -> str:
    """The folder's pyproject.toml: the project's pytest and mypy settings (mypy's paths
    made the folder's), and mutmut's."""
    mypy = _section("tool.mypy")
    paths = 'mypy_path = "facade:generated"'
    if paths not in mypy:
        raise SystemExit(f"pyproject.toml's [tool.mypy] no longer says {paths}: update mutation.py")
    mypy = mypy.replace(paths, 'mypy_path = "src:generated"')

    def listed(items: list[str]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    return f"""{_section("tool.pytest.ini_options")}

{mypy}

[tool.mutmut]
source_paths = ["src"]
only_mutate = {listed(package.globs(name))}
also_copy = {listed([item for item in LINKED if item != "tests"])}
# One process per mutant run (not pytest-xdist's four), so mutmut sees which test calls what.
pytest_add_cli_args = ["-n", "0", "-p", "no:cacheprovider"]
pytest_add_cli_args_test_selection = {listed(list(package.tests))}
# Mutants fork from a server that has only collected the tests: a child forked after the
# browser or an emulator's threads ran hangs.
process_isolation = "forkserver"
# A mutant that strict mypy refuses never reaches a user: CI runs mypy on the facade.
# mutmut marks its own lines "type: ignore", which strict mypy would call unused.
type_check_command = ["mypy", "--output", "json", "--config-file", "pyproject.toml",
                      "--no-warn-unused-ignores",
                      "src/tracebridge"]
timeout_constant = 15.0
"""


def prepare(name: str) -> Path:
    """`.mutation/<name>/`: links to the checkout and the package's mutmut settings."""
    folder = WORK / name
    folder.mkdir(parents=True, exist_ok=True)
    links = {"src": ROOT / "facade", **{item: ROOT / item for item in LINKED}}
    for link, target in links.items():
        path = folder / link
        if not path.is_symlink():
            path.symlink_to(target)
    (folder / "pyproject.toml").write_text(_config(PACKAGES[name], name), encoding="utf-8")
    return folder


def _environment(folder: Path) -> dict[str, str]:
    """Subprocesses that tests start import the mutated copy too, and see the same mutant."""
    paths = [str(folder / "mutants" / "src"), str(ROOT / "generated")]
    bin_dir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
    }


def run(name: str, children: int, again: bool = False) -> int:
    """mutmut on the package: new and changed mutants; with `again`, also those that
    survived or that no test reached (after tests were added: mutmut keeps a verdict)."""
    folder = prepare(name)
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(children)]
    if again:
        # tests changed: learn anew which test reaches which function
        (folder / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        left = [key for key, status in verdicts(name).items() if status in LEFT]
        if not left:
            print(f"== {name}: no survivor to try again")
            return 0
        command += left
    print(f"== {name}: mutmut in {folder.relative_to(ROOT)}", flush=True)
    return subprocess.run(command, cwd=folder, env=_environment(folder), check=False).returncode


def verdicts(name: str) -> dict[str, str]:
    """Each mutant's verdict, as mutmut kept it (empty when the package never ran)."""
    folder = WORK / name
    if not (folder / "mutants").is_dir():
        return {}
    listed = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=folder, env=_environment(folder), capture_output=True, text=True, check=True,
    )  # fmt: skip
    found: dict[str, str] = {}
    for line in listed.stdout.splitlines():
        key, sep, status = line.strip().rpartition(": ")
        if sep:
            found[key] = status
    return found


def score_line(name: str) -> str:
    found = verdicts(name)
    if not found:
        return f"{name:10} not run yet"
    counts = Counter(found.values())
    measured = sum(n for status, n in counts.items() if status not in {"not checked", "skipped"})
    caught = sum(counts[status] for status in CAUGHT)
    share = 100 * caught / measured if measured else 0.0
    details = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()))
    return f"{name:10} {share:5.1f}%  {caught}/{measured} caught  ({details})"


def survivors(name: str) -> int:
    folder = WORK / name
    left = [key for key, status in verdicts(name).items() if status in LEFT]
    for key in left:
        shown = subprocess.run(
            [sys.executable, "-m", "mutmut", "show", key], cwd=folder, env=_environment(folder),
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        print(shown.stdout.rstrip() + "\n")
    print(f"{len(left)} left in {name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="*", metavar="PACKAGE",
                        help=f"one or more of: {', '.join(PACKAGES)}")  # fmt: skip
    parser.add_argument("--scores", action="store_true", help="print every package's score")
    parser.add_argument("--survivors", action="store_true", help="show what survived, as diffs")
    parser.add_argument(
        "--again",
        action="store_true",
        help="also try again the mutants that survived (after adding tests)",
    )
    parser.add_argument("--children", type=int, default=os.cpu_count() or 2)  # fmt: skip
    args = parser.parse_args(argv)
    unknown = [name for name in args.packages if name not in PACKAGES]
    if unknown:
        parser.error(f"no package {', '.join(unknown)}; there are {', '.join(PACKAGES)}")
    if args.survivors:
        return max((survivors(name) for name in args.packages), default=0)
    status = 0
    if not args.scores:
        if not args.packages:
            parser.error("name a package, or ask for --scores")
        for name in args.packages:
            status = max(status, run(name, args.children, args.again))
    for name in args.packages or PACKAGES:
        print(score_line(name))
    return status


if __name__ == "__main__":
    sys.exit(main())
