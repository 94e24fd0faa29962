"""Keys never leak: not in a repr, an error, a DEBUG log, the CLI's --debug output; and a
redirect never carries them to another host."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tracebridge import (
    AsyncRespan,
    AuthenticationError,
    Galileo,
    Respan,
    UnexpectedResponseError,
)
from tracebridge.cli import app
from tracebridge.emulator import Emulator, Fault, Running
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID

SECRET_RESPAN = "fake_respan_key_0123456789abcdef"  # the key a user passes, never to be shown
SECRET_GALILEO = "fake_galileo_key_fedcba9876543210"


def test_reprs_and_errors_never_show_a_key(running: Running) -> None:
    shown: list[str] = []
    with Respan(SECRET_RESPAN, base_url=running.base_url, max_retries=0) as rs:
        shown += [repr(rs), repr(rs.settings), repr(rs.raw), str(rs.settings.api_key)]
        with pytest.raises(AuthenticationError) as caught:
            rs.experiments.get("exp_123")
        shown += [str(caught.value), repr(caught.value), repr(caught.value.body)]
    gl = Galileo(SECRET_GALILEO, base_url=running.base_url, project_id=GALILEO_PROJECT_ID)
    shown += [repr(gl), repr(gl.settings), repr(gl.raw)]
    with pytest.raises(AuthenticationError) as failed:
        gl.records("trace", log_stream_id=GALILEO_LOG_STREAM_ID).count  # noqa: B018
    shown += [str(failed.value), repr(failed.value)]
    shown.append(repr(AsyncRespan(SECRET_RESPAN, base_url=running.base_url)))
    text = "\n".join(shown)
    assert SECRET_RESPAN not in text and SECRET_GALILEO not in text
    assert "HTTP 401" in text  # the errors did happen


def test_debug_logs_never_show_a_key(
    running: Running, emulator: Emulator, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: ours, httpx, httpcore
    emulator.inject(
        Fault("status", status=503, times=2), Fault("status", status=429, retry_after=0.01)
    )
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs:
        rs.transport.sleep = lambda seconds: None
        rs.experiments.traces("exp_123", page_size=20).to_csv(tmp_path / "t.csv")
    with (
        Respan(SECRET_RESPAN, base_url=running.base_url) as wrong,
        pytest.raises(AuthenticationError),
    ):
        wrong.experiments.get("exp_123")
    assert "retrying" in caplog.text and "401" in caplog.text  # the log saw it all
    assert running.respan_key not in caplog.text and SECRET_RESPAN not in caplog.text


def test_the_command_lines_debug_output_never_shows_a_key(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESPAN_API_KEY", SECRET_RESPAN)
    monkeypatch.setenv("RESPAN_BASE_URL", running.base_url)
    result = CliRunner().invoke(app, ["respan", "experiments", "--debug", "--rate-limit", "0"])
    assert result.exit_code == 3 and "Traceback" in result.stderr
    assert SECRET_RESPAN not in result.output and SECRET_RESPAN not in result.stderr


def test_a_redirect_to_another_host_is_not_followed_with_the_key() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "api.respan.ai":
            return httpx.Response(302, headers={"Location": "https://elsewhere.example/steal"})
        return httpx.Response(200, json={"results": [], "next": None, "count": 0})

    with Respan(SECRET_RESPAN, base_url="https://api.respan.ai", rate_limit=None) as rs:
        rs.transport.inner = httpx.MockTransport(handler)
        with pytest.raises(UnexpectedResponseError, match="HTTP 302"):
            rs.experiments.get("exp_123")
    assert [request.url.host for request in seen] == ["api.respan.ai"]
    assert all(SECRET_RESPAN not in str(r.headers) for r in seen if r.url.host != "api.respan.ai")
