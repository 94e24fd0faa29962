#!/usr/bin/env python3
"""Regenerate the raw API clients in generated/ from the specs in openapi/.

    python scripts/regenerate.py            validate the specs, regenerate generated/
    python scripts/regenerate.py --check    validate, generate into a temporary folder and
                                            fail (exit 1), listing the files, when the
                                            committed code is not exactly what the specs give

generated/ is never edited by hand: change a spec (or openapi/codegen.yaml, or the templates
in openapi/templates/), run this, commit both. Beside each client it writes `api_facts.py`,
the facts the spec declares in its x- extensions (see scripts/api_facts.py), and
`openapi.json`, the spec itself for what reads its schemas at run time. The generator
and ruff (which formats its output) are pinned in pyproject.toml's `dev` extra; other
versions would give other bytes, so this script refuses to run with them.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "openapi"
CONFIG = SPECS / "codegen.yaml"
TEMPLATES = SPECS / "templates"
GENERATED = ROOT / "generated"

# spec file -> package it becomes
TARGETS = {"respan.yaml": "respan_client", "galileo.yaml": "galileo_client"}
PINNED_TOOLS = ("openapi-python-client", "ruff")
# Caches and bytecode that tools leave beside their output; never part of the package.
LITTER = (".ruff_cache", "__pycache__", ".mypy_cache")


class RegenerateError(Exception):
    """A failure worth one clear line to the person who ran the script."""


@dataclass(frozen=True)
class Difference:
    path: str
    kind: str  # "changed", "missing" (should exist), "extra" (should not exist)

    def __str__(self) -> str:
        return f"  {self.kind:<8} generated/{self.path}"


def pinned_versions() -> dict[str, str]:
    """The exact versions of the generator and ruff from pyproject.toml's dev extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins: dict[str, str] = {}
    for requirement in project["optional-dependencies"]["dev"]:
        name, sep, version = requirement.partition("==")
        if sep and name.strip() in PINNED_TOOLS:
            pins[name.strip()] = version.strip()
    missing = [tool for tool in PINNED_TOOLS if tool not in pins]
    if missing:
        raise RegenerateError(f"pyproject.toml's dev extra must pin {', '.join(missing)} with ==")
    return pins


def check_tool_versions() -> None:
    for tool, wanted in pinned_versions().items():
        try:
            found = metadata.version(tool)
        except metadata.PackageNotFoundError:
            raise RegenerateError(
                f"{tool} is not installed; run: pip install -e '.[dev]'"
            ) from None
        if found != wanted:
            raise RegenerateError(
                f"{tool} {found} is installed but generated/ is made with {tool} {wanted}; "
                "run: pip install -e '.[dev]'"
            )


def validate_specs() -> None:
    """Fail with the validator's own message when a spec is not valid OpenAPI."""
    import yaml
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    for spec_name in TARGETS:
        path = SPECS / spec_name
        try:
            document = yaml.safe_load(path.read_text())
        except yaml.YAMLError as exc:
            raise RegenerateError(f"openapi/{spec_name} is not valid YAML: {exc}") from None
        try:
            validate(document, base_uri=path.as_uri())
        except OpenAPIValidationError as exc:
            where = "/".join(str(part) for part in exc.path) or "(document root)"
            raise RegenerateError(
                f"openapi/{spec_name} is not a valid OpenAPI document at {where}: {exc.message}"
            ) from None


def generate_into(output_root: Path) -> None:
    """Run the pinned generator for every spec, writing output_root/<package>/."""
    generator = Path(sys.executable).with_name("openapi-python-client")
    env = dict(os.environ)
    # The codegen.yaml post-hooks call `ruff`: make it the pinned one beside this Python.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("RUFF_CACHE_DIR", None)
    for spec_name, package in TARGETS.items():
        command = [
            str(generator),
            "generate",
            "--path",
            str(SPECS / spec_name),
            "--config",
            str(CONFIG),
            "--custom-template-path",
            str(TEMPLATES),
            "--meta",
            "none",
            "--output-path",
            str(output_root / package),
            "--overwrite",
            "--fail-on-warning",
        ]
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=output_root)
        if result.returncode != 0:
            output = (result.stdout + result.stderr).strip()
            raise RegenerateError(f"openapi-python-client failed on openapi/{spec_name}:\n{output}")
        write_api_facts(spec_name, output_root / package, env)
        remove_litter(output_root / package)


def write_api_facts(spec_name: str, package_dir: Path, env: dict[str, str]) -> None:
    """<package>/api_facts.py: the facts the spec's x- extensions declare (scripts/api_facts.py)."""
    import yaml

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from api_facts import SpecFactError, extract, module_source
    finally:
        sys.path.pop(0)
    try:
        facts = extract(yaml.safe_load((SPECS / spec_name).read_text()))
    except SpecFactError as exc:
        raise RegenerateError(f"openapi/{spec_name}: {exc}") from None
    target = package_dir / "api_facts.py"
    target.write_text(module_source(spec_name, facts))
    # The spec itself, as JSON, for what reads schemas at run time (`tracebridge doctor`).
    spec = yaml.safe_load((SPECS / spec_name).read_text())
    (package_dir / "openapi.json").write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n")
    ruff = Path(sys.executable).with_name("ruff")
    subprocess.run(
        [str(ruff), "format", "--isolated", "--line-length", "120", "--target-version", "py310",
         "--quiet", str(target)],
        check=True, env=env,
    )  # fmt: skip


def remove_litter(folder: Path) -> None:
    for name in LITTER:
        for path in folder.rglob(name):
            shutil.rmtree(path, ignore_errors=True)


def differences(expected_root: Path, actual_root: Path) -> list[Difference]:
    """Every file that is not byte-for-byte the same under the two roots."""
    found: list[Difference] = []
    for package in TARGETS.values():
        expected = files_under(expected_root / package)
        actual = files_under(actual_root / package)
        for relative in sorted(expected | actual):
            path = f"{package}/{relative}"
            if relative not in actual:
                found.append(Difference(path, "missing"))
            elif relative not in expected:
                found.append(Difference(path, "extra"))
            elif not filecmp.cmp(
                expected_root / package / relative, actual_root / package / relative, shallow=False
            ):
                found.append(Difference(path, "changed"))
    return found


def files_under(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not any(part in LITTER for part in path.parts)
    }


def replace_generated(fresh_root: Path) -> None:
    """Swap each freshly generated package into generated/, leaving no half-written tree."""
    GENERATED.mkdir(exist_ok=True)
    for package in TARGETS.values():
        target = GENERATED / package
        staging = GENERATED / f".{package}.new"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(fresh_root / package, staging)
        old = GENERATED / f".{package}.old"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="fail when generated/ is not exactly what the specs produce; change nothing",
    )
    args = parser.parse_args(argv)
    try:
        check_tool_versions()
        validate_specs()
        with tempfile.TemporaryDirectory(prefix="tracebridge-regenerate-") as scratch:
            fresh = Path(scratch)
            generate_into(fresh)
            if args.check:
                found = differences(fresh, GENERATED)
                if found:
                    print(
                        "generated/ is out of step with openapi/: run python scripts/regenerate.py "
                        f"and commit the result. {len(found)} file(s) differ:",
                        file=sys.stderr,
                    )
                    for difference in found:
                        print(difference, file=sys.stderr)
                    return 1
                print("generated/ matches openapi/ (both specs valid).")
                return 0
            replace_generated(fresh)
            print(f"regenerated {', '.join(TARGETS.values())} in generated/")
            return 0
    except RegenerateError as exc:
        print(f"regenerate: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
