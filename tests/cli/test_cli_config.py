"""Where keys and URLs come from: `--api-key` over the environment over a profile of the
config file, `--profile` to pick one, and a config file others can read refused."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracebridge import ConfigError, Galileo, Respan
from tracebridge.cli import app
from tracebridge.config import galileo_settings, respan_settings
from tracebridge.emulator import Running
from tracebridge.emulator.data import GALILEO_PROJECT_ID


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, running: Running) -> Path:
    for name in ("RESPAN_API_KEY", "RESPAN_BASE_URL", "GALILEO_API_KEY", "GALILEO_API_URL",
                 "GALILEO_CONSOLE_URL", "GALILEO_PROJECT_ID", "TRACEBRIDGE_PROFILE"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "config.toml"
    path.write_text(
        f"""[default]
RESPAN_API_KEY = "{running.respan_key}"
RESPAN_BASE_URL = "{running.base_url}"
GALILEO_API_KEY = "{running.galileo_key}"
GALILEO_API_URL = "{running.base_url}"
GALILEO_PROJECT_ID = "{GALILEO_PROJECT_ID}"

[broken]
RESPAN_API_KEY = "wrong-key-from-the-profile"
RESPAN_BASE_URL = "{running.base_url}"
"""
    )
    path.chmod(0o600)
    monkeypatch.setenv("TRACEBRIDGE_CONFIG", str(path))
    return path


def test_the_default_profile_configures_both_clients(config: Path, running: Running) -> None:
    with Respan(rate_limit=None) as rs, Galileo() as gl:
        assert rs.settings.base_url == running.base_url and rs.experiments.count() > 0
        assert gl.project_id == GALILEO_PROJECT_ID and gl.log_streams()


def test_arguments_win_over_the_environment_which_wins_over_the_profile(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert respan_settings().api_key.reveal() != "from-env"
    monkeypatch.setenv("RESPAN_API_KEY", "from-env-0123")
    assert respan_settings().api_key.reveal() == "from-env-0123"
    assert respan_settings(api_key="from-argument").api_key.reveal() == "from-argument"
    monkeypatch.setenv("TRACEBRIDGE_PROFILE", "broken")
    assert galileo_settings(api_key="given").base_url == "https://api.galileo.ai"  # none there


def test_the_command_line_picks_a_profile_and_takes_a_key(config: Path, running: Running) -> None:
    listed = invoke("respan", "experiments", "--json", "--rate-limit", "0")
    assert listed.exit_code == 0 and json.loads(listed.stdout)
    refused = invoke("--profile", "broken", "respan", "experiments", "--rate-limit", "0")
    assert refused.exit_code == 3 and "HTTP 401" in refused.stderr
    assert "wrong-key-from-the-profile" not in refused.output
    given = invoke(
        "--profile", "broken", "respan", "--api-key", running.respan_key, "experiments",
        "--json", "--rate-limit", "0",
    )  # fmt: skip
    assert given.exit_code == 0, given.output
    os.environ.pop("TRACEBRIDGE_PROFILE", None)  # --profile sets it for the rest of the run
    unknown = invoke("--profile", "nope", "respan", "experiments")
    assert unknown.exit_code == 2 and "no profile 'nope'" in unknown.stderr
    assert "its profiles: broken, default" in unknown.stderr
    os.environ.pop("TRACEBRIDGE_PROFILE", None)


def test_a_config_file_others_can_read_is_refused(config: Path) -> None:
    config.chmod(0o644)
    with pytest.raises(ConfigError, match="other users can read it; run: chmod 600"):
        respan_settings()
    config.write_text("not = [toml")
    config.chmod(0o600)
    with pytest.raises(ConfigError, match="is not valid TOML"):
        respan_settings()
