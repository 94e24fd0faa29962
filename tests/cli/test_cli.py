"""The `tracebridge` command end to end against the emulator: listings, exports, the demo,
the error paths with their exit codes and one-line messages, and a killed export resumed."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from tracebridge import Respan
from tracebridge.cli import app
from tracebridge.emulator import Emulator, Running
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_DATASET,
    SEED_TRACE_EXPERIMENT,
)

EXP = SEED_TRACE_EXPERIMENT
RUN = ["--project", GALILEO_PROJECT_ID, "--log-stream", GALILEO_LOG_STREAM_ID]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_experiments_as_json_and_as_a_table(env: dict[str, str], running: Running) -> None:
    listed = invoke("respan", "experiments", "--json", "--rate-limit", "0")
    assert listed.exit_code == 0, listed.output
    ids = [row["id"] for row in json.loads(listed.stdout)]
    assert sorted(ids) == sorted(e["id"] for e in running.emulator.data.experiments)
    completed = invoke(
        "respan", "experiments", "--where", "status = completed", "--rate-limit", "0"
    )
    assert completed.exit_code == 0 and "completed" in completed.stdout
    assert "running" not in completed.stdout.replace("Respan experiments", "")


def test_traces_to_parquet_with_a_filter(
    env: dict[str, str], running: Running, tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    target = tmp_path / "t.parquet"
    result = invoke(
        "respan", "traces", EXP, "-o", str(target), "--where", "total_cost > 0.002",
        "--page-size", "10", "--rate-limit", "0", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    truth = [r for r in running.emulator.data.experiment_traces[EXP] if r["total_cost"] > 0.002]
    summary = json.loads(result.stdout)
    assert summary["rows"] == len(truth) == pq.read_table(target).num_rows > 0
    assert sorted(pq.read_table(target).column("id").to_pylist()) == sorted(r["id"] for r in truth)


def test_spans_with_columns_to_csv(env: dict[str, str], running: Running, tmp_path: Path) -> None:
    target = tmp_path / "spans.csv"
    result = invoke(
        "respan", "spans", SEED_DATASET, "-o", str(target), "--columns", "id,model,cost",
        "--rate-limit", "0", "--quiet",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with target.open(newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == ["id", "model", "cost"]
    assert len(rows) == len(list(running.emulator.data.datasets[SEED_DATASET]))


def test_the_emailed_export_prints_the_service_message(
    env: dict[str, str], emulator: Emulator
) -> None:
    result = invoke("respan", "export", EXP, "--where", "status = error", "--rate-limit", "0")
    assert result.exit_code == 0, result.output
    assert "export" in result.stdout.lower()
    assert len(emulator.controls.exports) == 1


def test_galileo_export_and_records(env: dict[str, str], running: Running, tmp_path: Path) -> None:
    target = tmp_path / "spans.jsonl"
    exported = invoke("galileo", "export", *RUN, "--root-type", "span", "-o", str(target), "--json")
    assert exported.exit_code == 0, exported.output
    lines = target.read_text().splitlines()
    assert json.loads(exported.stdout)["rows"] == len(lines) == 75
    listed = invoke(
        "galileo", "records", *RUN, "--root-type", "trace", "--where",
        "input contains refund or name = nothing", "--json",
    )  # fmt: skip
    assert listed.exit_code == 0, listed.output
    truth = [
        r for r in running.emulator.data.galileo_runs[GALILEO_LOG_STREAM_ID].of_kind("trace")
        if "refund" in r["input"]
    ]  # fmt: skip
    assert sorted(r["id"] for r in json.loads(listed.stdout)) == sorted(r["id"] for r in truth)
    written = invoke("galileo", "records", *RUN, "-o", str(tmp_path / "t.xlsx"), "--json")
    assert written.exit_code == 0 and json.loads(written.stdout)["rows"] == 25


def test_the_demo_runs_end_to_end(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    result = invoke("demo", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "demo").iterdir())
    assert files == ["galileo-traces.jsonl", "tracebridge.duckdb", "traces.csv", "traces.parquet"]
    rows = pq.read_table(tmp_path / "demo" / "traces.parquet").num_rows
    with (tmp_path / "demo" / "traces.csv").open(newline="") as file:
        assert len(list(csv.DictReader(file))) == rows > 100
    assert "traces.parquet" in result.stdout and "exp_123" in result.stdout
    # the synced database holds the experiment's traces and the Galileo export's records
    galileo = len((tmp_path / "demo" / "galileo-traces.jsonl").read_text().splitlines())
    asked = invoke("sql", "SELECT source, count(*) AS n FROM traces GROUP BY 1 ORDER BY 1",
                   "--to", str(tmp_path / "demo" / "tracebridge.duckdb"), "--json")  # fmt: skip
    assert json.loads(asked.stdout) == [
        {"source": "galileo", "n": galileo},
        {"source": "respan", "n": rows},
    ]
    assert "usage_by_experiment" in result.stdout


ERRORS: dict[str, tuple[list[str], dict[str, str], int, str]] = {
    "bad filter text": (["respan", "traces", EXP, "-o", "{tmp}/t.csv", "--where", "total_cost >"], {}, 2, "malformed filter"),
    "unknown field": (["respan", "traces", EXP, "-o", "{tmp}/t.csv", "--where", "colour = red"], {}, 2, "--no-strict sends it"),
    "OR for Galileo's export": (["galileo", "export", *RUN, "-o", "{tmp}/t.jsonl", "--where", "name = a or name = b"], {}, 2, "cannot express OR"),
    "wrong key": (["respan", "experiments"], {"RESPAN_API_KEY": "fake_wrong_key"}, 3, "HTTP 401"),
    "not found": (["respan", "traces", "exp_nope", "-o", "{tmp}/t.csv"], {}, 3, "HTTP 404"),
    "unreachable": (["respan", "experiments", "--base-url", "http://127.0.0.1:9"], {}, 4, "ConnectError"),
    "missing key": (["respan", "experiments"], {"RESPAN_API_KEY": ""}, 2, "RESPAN_API_KEY"),
    "missing folder": (["respan", "traces", EXP, "-o", "{tmp}/no/t.csv"], {}, 2, "does not exist"),
    "unknown suffix": (["respan", "traces", EXP, "-o", "{tmp}/t.txt"], {}, 2, "cannot tell the format"),
    "not a uuid": (["galileo", "records", "--project", "nope", "--log-stream", GALILEO_LOG_STREAM_ID], {}, 2, "UUID"),
    "two run ids": (["galileo", "records", *RUN, "--experiment", GALILEO_LOG_STREAM_ID], {}, 2, "exactly one"),
    "bad page size": (["respan", "traces", EXP, "-o", "{tmp}/t.csv", "--page-size", "101"], {}, 2, "page_size"),
    "bad date": (["respan", "traces", EXP, "-o", "{tmp}/t.csv", "--end", "yesterday"], {}, 2, "end_time"),
    # in the shell's words: flags, not Python arguments; which request a 404 answered
    "no run id": (["galileo", "records", "--project", GALILEO_PROJECT_ID], {}, 2, "give exactly one of --log-stream, --experiment, --metrics-testing"),
    "a project that is not a uuid": (["galileo", "log-streams", "--project", "support-bot"], {}, 2, "--project must be a UUID, not 'support-bot'"),
    "no key, said for the shell": (["respan", "experiments"], {"RESPAN_API_KEY": ""}, 2, "no Respan API key: set RESPAN_API_KEY"),
    "which id was not found": (["respan", "traces", "exp_nope", "-o", "{tmp}/t.csv"], {}, 3, "(POST /api/v2/experiments/exp_nope/logs/list/)"),
    "suffix and format disagree": (["respan", "traces", EXP, "-o", "{tmp}/t.csv", "-f", "parquet"], {}, 2, "names csv by its suffix but the format asked for is parquet"),
    "the emulator and a base url": (["respan", "experiments", "--emulator", "--base-url", "http://127.0.0.1:9"], {}, 2, "--emulator and --base-url http://127.0.0.1:9 cannot go together"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("args", "environment", "code", "message"), ERRORS.values(), ids=ERRORS.keys()
)
def test_errors_are_one_line_with_their_exit_code(
    env: dict[str, str],
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
    environment: dict[str, str],
    code: int,
    message: str,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if argv[0] == "respan":
        argv += ["--rate-limit", "0"]
    result = invoke(*argv)
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in result.output
    if code == 2:
        assert emulator.controls.request_log() == []  # refused before any request
    assert list(tmp_path.iterdir()) == []


def test_debug_shows_the_traceback(env: dict[str, str]) -> None:
    result = invoke("respan", "traces", "exp_nope", "-o", "/tmp/never.csv", "--debug")
    assert result.exit_code == 3 and "Traceback" in result.stderr
    assert "httpx: HTTP Request" in result.stderr  # the request log


def test_debug_logging_ends_with_its_command(env: dict[str, str]) -> None:
    """A program running commands in-process (a test, a notebook) gets the --debug log of
    that command only: the next command logs nothing and does not write to a closed stream."""
    import logging

    before = [(len(logging.getLogger(n).handlers), logging.getLogger(n).level)
              for n in ("tracebridge", "httpx")]  # fmt: skip
    assert invoke("respan", "traces", "exp_nope", "-o", "/tmp/never.csv", "--debug").exit_code == 3
    after = [(len(logging.getLogger(n).handlers), logging.getLogger(n).level)
             for n in ("tracebridge", "httpx")]  # fmt: skip
    assert after == before
    quiet = invoke("respan", "traces", "exp_nope", "-o", "/tmp/never.csv")
    assert quiet.exit_code == 3 and len(quiet.stderr.strip().splitlines()) == 1


def _ctrl_c_as_in_a_terminal() -> None:
    """In the child, before it starts: SIGINT as a terminal leaves it. A suite started in
    the background of a shell without job control (`pytest &` in a script) inherits SIGINT
    ignored, and Python then installs no KeyboardInterrupt handler: Ctrl-C would be lost."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def started_export(
    env: dict[str, str],
    running: Running,
    emulator: Emulator,
    folder: Path,
    *,
    pages: int,
    options: list[str],
) -> tuple[list[str], subprocess.Popen[str]]:
    """An export of EXP to folder/t.csv, five rows a page, running in a subprocess until
    its checkpoint says `pages` pages are written (the emulator answering slowly meanwhile);
    beside it folder/whole.csv, the same export done in one go, to compare with."""
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs:
        rs.experiments.traces(EXP, page_size=5).to_csv(folder / "whole.csv")
    checkpoint = folder / ".t.csv.checkpoint"
    command = [
        sys.executable, "-X", "faulthandler", "-m", "tracebridge", "respan", "traces", EXP,
        "-o", str(folder / "t.csv"), "--page-size", "5", "--rate-limit", "0", *options,
    ]  # fmt: skip
    emulator.controls.latency = 0.15
    process = subprocess.Popen(
        command, env={**os.environ, **env}, stderr=subprocess.PIPE, text=True,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done = json.loads(checkpoint.read_text() or "{}") if checkpoint.exists() else {}
        if done.get("pages", 0) >= pages:
            break
        time.sleep(0.02)
    return command, process


def test_a_killed_export_resumed_gives_the_same_file(
    env: dict[str, str], running: Running, emulator: Emulator, tmp_path: Path
) -> None:
    """A subprocess exporting page by page is killed (SIGKILL) mid-run; `--resume` then
    finishes it and the file equals an uninterrupted export's."""
    target, checkpoint = tmp_path / "t.csv", tmp_path / ".t.csv.checkpoint"
    command, process = started_export(
        env, running, emulator, tmp_path, pages=4, options=["--concurrency", "1", "--quiet"]
    )
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert not target.exists() and checkpoint.exists()
    emulator.controls.latency = 0.0
    resumed = subprocess.run([*command, "--resume", "--json"], env={**os.environ, **env},
                             capture_output=True, text=True, check=False)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert json.loads(resumed.stdout)["resumed"] is True
    assert target.read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv", "whole.csv"]


def test_the_emulator_command_prints_its_url_and_keys() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tracebridge", "emulator", "--port", "0"],
        stdout=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_as_in_a_terminal,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        keys = process.stdout.readline()
        assert first.startswith("tracebridge emulator on http://127.0.0.1:")
        assert "RESPAN_API_KEY=" in keys
        url = first.split(" on ", 1)[1].strip()
        # Interrupt it once it serves (the URL is printed before the server starts, and a
        # busy machine can take seconds to get there): no race with its start-up.
        assert httpx.get(f"{url}/_emulator/config", timeout=60).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0  # it stops by itself, cleanly


def test_the_demo_without_the_emulator_extra_names_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed
    result = invoke("demo", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 2
    assert "pip install 'tracebridge[emulator]'" in result.stderr


def test_no_strict_sends_a_field_the_endpoint_does_not_document(
    env: dict[str, str], running: Running, tmp_path: Path
) -> None:
    """Respan's dataset spans ignore unknown filter keys, so the field reaches the service
    and every span comes back: what --no-strict is for, and why strict is the default."""
    target = tmp_path / "spans.csv"
    argv = ["respan", "spans", SEED_DATASET, "-o", str(target), "--where", "colour = red"]
    refused = invoke(*argv, "--rate-limit", "0")
    assert refused.exit_code == 2 and not target.exists()
    sent = invoke(*argv, "--no-strict", "--rate-limit", "0", "--json")
    assert sent.exit_code == 0, sent.output
    assert json.loads(sent.stdout)["rows"] == len(
        list(running.emulator.data.datasets[SEED_DATASET])
    )


def test_every_seed_parameter_has_its_option(
    env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    def sent(path_end: str) -> dict[str, Any]:
        return [r for r in emulator.controls.request_log() if r["path"].endswith(path_end)][-1]

    target = tmp_path / "detail.jsonl"
    traced = invoke(
        "respan", "traces", EXP, "-o", str(target), "--detail", "--no-flatten",
        "--rate-limit", "0", "--quiet",
    )  # fmt: skip
    assert traced.exit_code == 0, traced.output
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert rows and all("span_tree" in row for row in rows)
    assert "detail=1" in sent("/logs/list/")["query"]

    exported = invoke(
        "respan", "export", EXP, "--sort", "-cost", "--page", "2", "--page-size", "50",
        "--rate-limit", "0",
    )  # fmt: skip
    assert exported.exit_code == 0, exported.output
    query = sent(f"/experiments/{EXP}/logs/")["query"]
    assert {"sort_by=-cost", "page=2", "page_size=50", "export=1"} <= set(query.split("&"))

    named = invoke(
        "galileo", "export", *RUN, "-o", str(tmp_path / "n.jsonl"), "--file-name", "q3 traces",
        "--include-code-metric-metadata", "--quiet",
    )  # fmt: skip
    assert named.exit_code == 0, named.output
    body = sent("/export_records")["body"]
    assert body["file_name"] == "q3 traces" and body["include_code_metric_metadata"] is True


def test_ctrl_c_stops_without_waiting_for_requests_in_flight(
    env: dict[str, str], running: Running, emulator: Emulator, tmp_path: Path
) -> None:
    """Ctrl-C while four pages are being fetched ahead and the service has stopped
    answering: the command ends at once (it does not wait out the stalled requests), says
    how many rows it kept and how to continue, and --resume then finishes the file."""
    target = tmp_path / "t.csv"
    command, process = started_export(
        env, running, emulator, tmp_path, pages=2, options=["--concurrency", "4"]
    )
    emulator.controls.latency = 120.0  # every request from now on hangs for two minutes
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    try:
        _, said = process.communicate(timeout=30)  # far less than the stalled requests' 120 s
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)  # -X faulthandler: every thread's stack on stderr
        _, said = process.communicate(timeout=30)
        pytest.fail(f"Ctrl-C did not end the export within 30 s:\n{said[-6000:]}")
    assert process.returncode == 130
    assert "interrupted;" in said and "rows fetched so far are kept beside" in said
    assert "run the same export with --resume to continue" in said
    emulator.controls.latency = 0.0
    resumed = subprocess.run([*command, "--resume", "-q"], env={**os.environ, **env},
                             capture_output=True, text=True, check=False)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert target.read_bytes() == (tmp_path / "whole.csv").read_bytes()
