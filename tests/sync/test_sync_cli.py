"""`tracebridge sync` and `tracebridge sql` as a user runs them: against the embedded emulator,
then a query of what was synced; and the mistakes, each one line with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracebridge.cli import app
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID

pytest.importorskip("duckdb")
runner = CliRunner()


def test_sync_then_sql_answers_from_the_synced_database(tmp_path: Path) -> None:
    database = str(tmp_path / "evals.duckdb")
    synced = runner.invoke(
        app,
        ["sync", "--emulator", "--experiment", "all", "--log-stream", GALILEO_LOG_STREAM_ID,
         "--project", GALILEO_PROJECT_ID, "--to", database, "--quiet"],
    )  # fmt: skip
    assert synced.exit_code == 0, synced.output
    lines = synced.stdout.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["spans", "traces", "scores"]
    new_traces = int(lines[1].split()[1].replace(",", ""))
    asked = runner.invoke(
        app, ["sql", "SELECT source, count(*) AS n FROM traces GROUP BY 1 ORDER BY 1",
              "--to", database, "--json"],
    )  # fmt: skip
    assert asked.exit_code == 0, asked.output
    counted = json.loads(asked.stdout)
    assert [row["source"] for row in counted] == ["galileo", "respan"]
    assert sum(row["n"] for row in counted) == new_traces
    out = tmp_path / "usage.csv"
    written = runner.invoke(
        app, ["sql", "SELECT * FROM usage_by_experiment", "--to", database, "-o", str(out)]
    )
    assert written.exit_code == 0, written.output
    assert out.read_text().splitlines()[0].startswith("source,experiment_id,traces,cost_usd")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sync", "--emulator"], "nothing to sync"),
        (["sync", "--emulator", "-e", "exp_1", "--lookback", "soon"], "not a duration"),
        (["sync", "--emulator", "-e", "exp_1", "--to", "out.csv"], "cannot tell what"),
        (["sql", "SELECT 1", "--to", "missing.duckdb"], "no database at"),
    ],
)
def test_sync_mistakes_are_one_line_with_exit_code_2(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_failing_query_is_one_line_naming_the_problem(tmp_path: Path) -> None:
    database = str(tmp_path / "evals.duckdb")
    runner.invoke(app, ["sync", "--emulator", "-e", "exp_0001", "--to", database, "--quiet"])
    result = runner.invoke(app, ["sql", "SELECT nope FROM traces", "--to", database])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the query failed:") and "nope" in result.stderr


def test_a_database_that_is_not_ours_is_one_line_naming_it(tmp_path: Path) -> None:
    """A `traces` table of other columns (someone else's database) fails in one line with
    the database named, not a traceback, and nothing is written to it."""
    duckdb = pytest.importorskip("duckdb")
    database = tmp_path / "theirs.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("CREATE TABLE traces (id INTEGER, note VARCHAR)")
    result = runner.invoke(
        app, ["sync", "--emulator", "-e", "exp_0001", "--to", str(database), "--quiet"]
    )
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: could not write to '{database}'")
    with duckdb.connect(str(database)) as connection:
        assert connection.execute("SELECT count(*) FROM traces").fetchone() == (0,)


def test_since_a_duration_reaches_back_from_now(
    env: dict[str, str], emulator: Any, tmp_path: Path
) -> None:
    """`--since 7d` asks the organization's traces from seven days ago to now, never from a
    moment in the future (which would find nothing and say so with exit 0)."""
    from datetime import UTC, datetime, timedelta

    before = datetime.now(UTC)
    result = runner.invoke(
        app, ["sync", "--logs", "traces", "--since", "7d", "--to", str(tmp_path / "c.duckdb"),
              "--quiet", "--rate-limit", "0"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    asked = [r for r in emulator.controls.request_log() if r["path"].startswith("/api/traces/list")]
    assert asked, emulator.controls.request_log()
    from urllib.parse import parse_qs

    start = datetime.fromisoformat(parse_qs(asked[0]["query"])["start_time"][0])
    assert (
        before - timedelta(days=7, minutes=1)
        <= start
        <= before - timedelta(days=7) + timedelta(minutes=1)
    )


def test_sql_refuses_to_replace_an_output_file(tmp_path: Path) -> None:
    database = str(tmp_path / "evals.duckdb")
    synced = runner.invoke(
        app, ["sync", "--emulator", "-e", "exp_0001", "--to", database, "--quiet"]
    )
    assert synced.exit_code == 0, synced.output
    out = tmp_path / "mine.csv"
    out.write_text("my own numbers\n")
    result = runner.invoke(app, ["sql", "SELECT * FROM traces", "--to", database, "-o", str(out)])
    assert result.exit_code == 2 and "exists" in result.stderr, result.output
    assert out.read_text() == "my own numbers\n"
