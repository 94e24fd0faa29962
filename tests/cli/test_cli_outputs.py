"""The command line's outputs and failures as a careless user meets them: a kill at every
step of an export's final phase, two exports of one file, standard output, an existing
file, an internal error, a port already taken. Each ends in a whole file or one line with
its exit code, never a traceback and never a file that is wrong."""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracebridge import Respan
from tracebridge.cli import app
from tracebridge.emulator import Emulator, Running
from tracebridge.emulator.data import SEED_TRACE_EXPERIMENT

EXP = SEED_TRACE_EXPERIMENT
ARGS = ["respan", "traces", EXP, "--page-size", "7", "--rate-limit", "0", "--quiet"]

# Runs the command with one step of the final phase made fatal: os._exit(9) is as abrupt
# as SIGKILL (no finally blocks, no flushing), at a point chosen exactly.
KILLER = textwrap.dedent(
    """
    import os, sys
    from tracebridge.export import output, pipeline
    step = sys.argv.pop(1)
    state = {"published": False}
    save, publish, remove = (
        pipeline.WorkFiles.save_checkpoint, output.Output.publish, pipeline.WorkFiles.remove
    )

    def saved(self, values):
        save(self, values)
        if step == "checkpoint" and values.get("complete"):
            os._exit(9)

    def published(self, whole):
        if step == "writer":  # the final file is half there, under its temporary name
            with open(whole, "r+b") as file:
                file.truncate(max(1, whole.stat().st_size // 2))
            os._exit(9)
        publish(self, whole)
        state["published"] = True
        if step == "rename":
            os._exit(9)

    def removed(self, keep_progress=False):
        if step == "cleanup" and state["published"]:
            self.part.unlink(missing_ok=True)
            self.ids.unlink(missing_ok=True)  # some work files gone, the checkpoint not
            os._exit(9)
        remove(self, keep_progress=keep_progress)

    pipeline.WorkFiles.save_checkpoint = saved
    output.Output.publish = published
    pipeline.WorkFiles.remove = removed
    from tracebridge.cli import main
    sys.argv = ["tracebridge", *sys.argv[1:]]
    main()
    """
)
STEPS = ("checkpoint", "writer", "rename", "cleanup")


def run(
    *args: str, env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracebridge", *args], env={**os.environ, **env}, cwd=cwd,
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def one_line(result: Any, code: int, *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    status = getattr(result, "returncode", getattr(result, "exit_code", None))
    assert status == code, result.stderr
    assert lines[0].startswith("error: ") and "Traceback" not in result.stderr
    assert all(word in result.stderr for word in words), result.stderr


KILLS = [
    (s, f) for s in STEPS for f in ("csv", "jsonl", "parquet") if (s, f) != ("writer", "jsonl")
]


@pytest.mark.parametrize(("step", "format"), KILLS)  # JSONL's rows file is the file: no writer
def test_a_kill_at_any_step_of_the_final_phase_resumes_to_the_same_bytes(
    env: dict[str, str], running: Running, tmp_path: Path, step: str, format: str
) -> None:
    whole = tmp_path / f"whole.{format}"
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs:
        rs.experiments.traces(EXP, page_size=7).to_file(whole)
    target = tmp_path / f"t.{format}"
    command = [*ARGS, "-o", str(target)]
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, step, *command], env={**os.environ, **env},
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert killed.returncode == 9, killed.stderr
    if step in ("checkpoint", "writer"):
        assert not target.exists()  # nothing half-written under the name
    again = run(*command, env=env)  # without --resume: explained, nothing deleted
    assert again.returncode == 2 and again.stderr.startswith("error: ")
    assert "--resume" in again.stderr or "--force" in again.stderr, again.stderr
    resumed = run(*command, "--resume", env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert target.read_bytes() == whole.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, whole.name])


def test_two_exports_of_one_file_the_second_is_refused(
    env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    target = tmp_path / "t.csv"
    lock = os.open(tmp_path / ".t.csv.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # as the first export holds it while it runs
    try:
        for extra in ([], ["--resume"], ["--force"]):
            result = CliRunner().invoke(app, [*ARGS, "-o", str(target), *extra])
            one_line(result, 2, "another export is writing")
    finally:
        os.close(lock)
    assert not target.exists() and emulator.controls.request_log() == []


def test_dash_writes_the_file_to_standard_output(env: dict[str, str], tmp_path: Path) -> None:
    result = run(*ARGS, "-o", "-", "--format", "csv", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,") and len(lines) == 62
    assert list(tmp_path.iterdir()) == []  # no file named "-"
    both = CliRunner().invoke(app, [*ARGS, "-o", "-", "--format", "csv", "--json"])
    one_line(both, 2, "leave out --json")


def test_an_existing_file_needs_force(
    env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    target = tmp_path / "t.csv"
    target.write_text("mine\n")
    refused = CliRunner().invoke(app, [*ARGS, "-o", str(target)])
    one_line(refused, 2, "already exists", "--force")
    assert target.read_text() == "mine\n" and emulator.controls.request_log() == []
    forced = CliRunner().invoke(app, [*ARGS, "-o", str(target), "--force"])
    assert forced.exit_code == 0 and len(target.read_text().splitlines()) == 62


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--where", "(" * 2000 + "status = ok" + ")" * 2000], ["nested more than 100 deep"]),
        (["-o", "/proc/tracebridge.csv"], ["/proc/tracebridge.csv"]),
        (["--base-url", "https://user:sk-secret-123456@api.example.test"], ["user name"]),
    ],
    ids=["deep filter", "proc path", "userinfo URL"],
)
def test_careless_input_is_one_line_before_any_request(
    env: dict[str, str], emulator: Emulator, tmp_path: Path, extra: list[str], words: list[str]
) -> None:
    argv = [*ARGS, "-o", str(tmp_path / "t.csv"), *extra]
    result = CliRunner().invoke(app, argv)
    one_line(result, 2, *words)
    assert "sk-secret-123456" not in result.output and ".t.csv." not in result.stderr
    assert emulator.controls.request_log() == []


def test_a_dot_segment_id_never_reaches_another_endpoint(
    env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    for bad in ("..", ".", "x" * 100_000, "exp\n1"):
        result = CliRunner().invoke(app, ["respan", "traces", bad, "-o", str(tmp_path / "t.csv")])
        one_line(result, 2, "experiment_id")
        assert len(result.stderr) < 400  # a 100k-character id is not echoed whole
    assert emulator.controls.request_log() == []


def test_an_internal_error_is_one_line_without_debug(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracebridge.export import pipeline

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a defect")

    monkeypatch.setattr(pipeline, "export_pager", broken)
    result = CliRunner().invoke(app, [*ARGS, "-o", str(tmp_path / "t.csv")])
    one_line(result, 1, "internal error (RuntimeError)", "--debug")
    debug = CliRunner().invoke(app, [*ARGS, "-o", str(tmp_path / "t.csv"), "--debug"])
    assert debug.exit_code == 1 and "Traceback" in debug.stderr


def test_the_emulator_on_a_port_in_use_says_so_in_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "tracebridge", "emulator", "--port", str(port)],
            capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"error: cannot listen on 127.0.0.1:{port}: Address already in use"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["galileo", "export"],
         "error: Missing option '--output' / '-o'. (see: tracebridge galileo export --help)"),
        (["respan", "traces", "exp_1", "-o", "x.csv", "--limit", "abc"],
         "error: Invalid value for '--limit': 'abc' is not a valid int range. "
         "(see: tracebridge respan traces --help)"),
        (["nope"], "error: No such command 'nope'. (see: tracebridge --help)"),
    ],
)  # fmt: skip
def test_a_usage_mistake_is_one_line_too(args: list[str], said: str, tmp_path: Path) -> None:
    """The shell's own mistakes read like every other error: one line, exit code 2, where
    to find help; no usage box."""
    result = subprocess.run(
        [sys.executable, "-m", "tracebridge", *args], cwd=tmp_path,
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert (result.returncode, result.stderr.strip(), result.stdout) == (2, said, "")
