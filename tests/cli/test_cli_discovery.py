"""Finding things from the shell: Galileo's log streams and experiments, Respan's experiment
summary, score histogram and organization logs, `-V`; and the Galileo help's own filter
example that works on Galileo. Through the real entry point, against the emulator."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracebridge import Galileo, Respan, __version__
from tracebridge.cli import app
from tracebridge.emulator import Running
from tracebridge.emulator.data import GALILEO_PROJECT_ID, SEED_TRACE_EXPERIMENT

EXP = SEED_TRACE_EXPERIMENT
EVER = ["--start", "2000-01-01T00:00:00Z", "--end", "2100-01-01T00:00:00Z"]


def invoke(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result


def test_the_version_has_a_short_flag() -> None:
    assert invoke("-V").stdout.strip() == f"tracebridge {__version__}"


@pytest.mark.parametrize("command", ["log-streams", "experiments"])
def test_galileo_lists_log_streams_and_experiments(
    env: dict[str, str], running: Running, command: str
) -> None:
    shown = json.loads(invoke("galileo", command, "--project", GALILEO_PROJECT_ID, "--json").stdout)
    with Galileo(
        running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
    ) as gl:
        listed = gl.log_streams() if command == "log-streams" else gl.experiments()
    assert [row["id"] for row in shown] == [str(item.id) for item in listed] != []
    table = invoke("galileo", command, "--project", GALILEO_PROJECT_ID).stdout
    assert str(listed[0].id) in table


def test_galileo_reads_the_project_from_the_environment(
    env: dict[str, str], running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GALILEO_PROJECT_ID", GALILEO_PROJECT_ID)
    with Galileo(running.galileo_key, base_url=running.base_url) as gl:
        assert gl.project_id == GALILEO_PROJECT_ID and gl.log_streams()
    assert json.loads(invoke("galileo", "log-streams", "--json").stdout)


def test_respan_summary_and_histogram(env: dict[str, str], running: Running) -> None:
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs:
        errors = sum(1 for _ in rs.experiments.traces(EXP, where="status = error").rows())
        bins = rs.experiments.histogram(EXP, "answer_relevance", bins=4)
    summary = json.loads(
        invoke(
            "respan", "summary", EXP, "--where", "status = error", "--json", "--rate-limit", "0"
        ).stdout
    )
    assert summary["number_of_requests"] == errors > 0
    shown = json.loads(
        invoke(
            "respan",
            "histogram",
            EXP,
            "answer_relevance",
            "--bins",
            "4",
            "--json",
            "--rate-limit",
            "0",
        ).stdout
    )
    assert [b["count"] for b in shown["bins"]] == [b.count for b in bins.bins]
    table = invoke("respan", "summary", EXP, "--rate-limit", "0").stdout
    assert "number_of_requests" in table


@pytest.mark.parametrize("kind", ["spans", "traces"])
def test_respan_exports_the_organization_logs(
    env: dict[str, str], running: Running, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / f"org-{kind}.jsonl"
    result = invoke(
        "respan", f"org-{kind}", "-o", str(target), *EVER, "--json", "--rate-limit", "0"
    )
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs:
        listing = rs.logs.spans if kind == "spans" else rs.logs.traces
        expected = [row["id"] for row in listing(start_time=EVER[1], end_time=EVER[3]).rows()]
    written = [json.loads(line)["id"] for line in target.read_text().splitlines()]
    assert written == expected and json.loads(result.stdout)["rows"] == len(expected) > 0


def test_the_galileo_help_shows_a_filter_galileo_takes(env: dict[str, str]) -> None:
    shown = invoke("galileo", "records", "--help").stdout
    assert "total_cost" not in shown and "metrics/duration_ns" in shown
    example = "name = refund or metrics/duration_ns > 1e9"
    listed = invoke(
        "galileo", "records", "--project", GALILEO_PROJECT_ID, "--log-stream",
        "5b7a8a9e-3c1d-4f2e-8b6a-9d0c1e2f3a4b", "--where", example, "--json",
    )  # fmt: skip
    assert isinstance(json.loads(listed.stdout), list)


def test_galileo_commands_take_a_rate_limit(env: dict[str, str], running: Running) -> None:
    """--rate-limit reaches the Galileo client: 3 requests a minute with a burst of one make
    the third of three requests wait, which a zero limit does not."""
    from tracebridge.cli import common

    made: list[Any] = []
    original = common.Session.galileo

    def spying(self: Any, *args: Any) -> Any:
        client = original(self, *args)
        made.append(client)
        return client

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(common.Session, "galileo", spying)
        invoke("galileo", "log-streams", "--project", GALILEO_PROJECT_ID, "--rate-limit", "7")
        invoke("galileo", "projects")
    assert made[0]._core.limiter.limit == 7 and made[1]._core.limiter is None


def test_a_record_is_read_as_the_kind_it_says() -> None:
    from tracebridge import UnexpectedResponseError
    from tracebridge.galileo import record_from_dict

    base = {"id": "r1", "project_id": "p", "run_id": "r"}
    kinds = {
        kind: type(record_from_dict({**base, "type": kind})).__name__
        for kind in ("trace", "session", "llm", "agent", "control", "guardrail")
    }
    assert kinds == {
        "trace": "TraceRecord", "session": "SessionRecord", "llm": "SpanRecord",
        "agent": "SpanRecord", "control": "SpanRecord", "guardrail": "LogRecord",
    }  # fmt: skip
    with pytest.raises(
        UnexpectedResponseError, match="'trace' record is not in the documented form"
    ):
        record_from_dict({"type": "trace", "name": "no id"})  # id is required


def test_concurrency_follows_the_rate_limit_unless_asked() -> None:
    from tracebridge.cli.common import concurrency_for

    assert concurrency_for(None, 60) == 1  # Respan's documented limit: one request a second
    assert concurrency_for(None, 120) == 1
    assert concurrency_for(None, 600) == 4 and concurrency_for(None, 0) == 4  # 0: no limit
    assert concurrency_for(8, 60) == 8  # what the user asked for wins


def test_help_on_the_client_names_its_resources() -> None:
    import pydoc

    shown = pydoc.render_doc(Respan)
    for resource in ("experiments", "datasets", "logs", "raw", "histogram", "summary"):
        assert resource in shown


def test_shell_completion_is_offered_and_completes_commands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess
    import sys

    # The shell is named, not detected from the processes this test runs under.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    script = invoke("--show-completion", "bash").stdout
    assert "_tracebridge_completion" in script and "COMP_WORDS" in script
    completed = subprocess.run(
        [sys.executable, "-m", "tracebridge"],
        env={**os.environ, "_TRACEBRIDGE_COMPLETE": "complete_bash", "COMP_WORDS": "tracebridge gal", "COMP_CWORD": "1"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "galileo" in completed.stdout.split()
