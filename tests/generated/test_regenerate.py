"""scripts/regenerate.py: --check passes on the committed tree, fails (listing the files) after
a one-line spec edit, stops with the validator's message on an invalid spec, refuses other
tool versions, and regenerating twice gives the same bytes.

Each test works in a temporary copy of the parts of the repository the script reads."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .specs import ROOT


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    for folder in ("openapi", "scripts", "generated"):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "regenerate.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{old!r} must appear once in {path.name}"
    path.write_text(text.replace(old, new))


def test_check_passes_on_the_committed_tree(repo_copy: Path) -> None:
    result = run(repo_copy, "--check")
    assert result.returncode == 0, result.stderr
    assert "matches" in result.stdout


def test_check_fails_after_a_one_line_spec_edit_and_names_the_file(repo_copy: Path) -> None:
    edit(
        repo_copy / "openapi" / "respan.yaml",
        "      summary: Filter experiment traces\n",
        "      summary: Filter the traces of one experiment\n",
    )
    before = tree_digest(repo_copy / "generated")

    result = run(repo_copy, "--check")

    assert result.returncode == 1
    assert "changed  generated/respan_client/api/experiment_traces/filter_experiment_traces.py" in (
        result.stderr
    )
    assert "changed  generated/respan_client/openapi.json" in result.stderr  # the spec itself
    assert "2 file(s) differ" in result.stderr
    assert tree_digest(repo_copy / "generated") == before, "--check must not write"


def test_check_lists_files_a_new_schema_would_add(repo_copy: Path) -> None:
    edit(
        repo_copy / "openapi" / "galileo.yaml",
        "    HTTPError:\n",
        "    Unused:\n      type: object\n      properties: { a: { type: string } }\n    HTTPError:\n",
    )
    result = run(repo_copy, "--check")
    assert result.returncode == 1
    assert "missing  generated/galileo_client/models/unused.py" in result.stderr


def test_check_fails_when_a_field_fact_changes_and_names_api_facts(repo_copy: Path) -> None:
    """A field's filter kind lives in the spec alone: one edit there changes api_facts.py,
    which the facade's catalog and the emulator both read."""
    edit(
        repo_copy / "openapi" / "respan.yaml",
        "        custom_identifier: { type: [string, \"null\"] }\n",
        "        custom_identifier: { type: [string, \"null\"], x-filter-kind: text }\n",
    )
    result = run(repo_copy, "--check")
    assert result.returncode == 1
    assert "changed  generated/respan_client/api_facts.py" in result.stderr
    assert "changed  generated/respan_client/openapi.json" in result.stderr  # the spec itself
    assert "2 file(s) differ" in result.stderr


def test_a_malformed_extension_is_refused_naming_where(repo_copy: Path) -> None:
    edit(
        repo_copy / "openapi" / "galileo.yaml",
        "      operationId: count_spans\n      x-safe-to-repeat: true\n",
        "      operationId: count_spans\n      x-safe-to-repeat: maybe\n",
    )
    result = run(repo_copy, "--check")
    assert result.returncode == 2
    assert "openapi/galileo.yaml: POST /v2/projects/{project_id}/spans/count: x-safe-to-repeat" in (
        result.stderr
    )


def test_regenerate_then_check_passes_and_is_deterministic(repo_copy: Path) -> None:
    edit(
        repo_copy / "openapi" / "respan.yaml",
        "      summary: Filter experiment traces\n",
        "      summary: Filter the traces of one experiment\n",
    )
    assert run(repo_copy).returncode == 0
    first = tree_digest(repo_copy / "generated")
    assert run(repo_copy).returncode == 0
    assert tree_digest(repo_copy / "generated") == first
    assert run(repo_copy, "--check").returncode == 0
    module = repo_copy / "generated/respan_client/api/experiment_traces/filter_experiment_traces.py"
    assert "Filter the traces of one experiment" in module.read_text()
    assert not list((repo_copy / "generated").glob(".*")), "no staging folders left behind"


def test_an_invalid_spec_fails_with_the_validator_message(repo_copy: Path) -> None:
    edit(
        repo_copy / "openapi" / "galileo.yaml",
        "      schema: { type: string, format: uuid }\n",
        "      schema: { type: uuid }\n",
    )
    result = run(repo_copy, "--check")
    assert result.returncode == 2
    assert "openapi/galileo.yaml is not a valid OpenAPI document" in result.stderr
    assert "uuid" in result.stderr


def test_a_different_generator_pin_is_refused(repo_copy: Path) -> None:
    edit(
        repo_copy / "pyproject.toml",
        '"openapi-python-client==0.29.1"',
        '"openapi-python-client==0.28.0"',
    )
    result = run(repo_copy, "--check")
    assert result.returncode == 2
    assert "openapi-python-client 0.29.1 is installed but generated/ is made with" in result.stderr
