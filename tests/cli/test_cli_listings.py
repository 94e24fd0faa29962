"""Every listing takes the same output options (a table, --json, --columns, -o FILE, -o -,
--format), and several experiments' traces go into one file with an experiment_id column.
Through the real entry point, against the emulator, checked against the emulator's rows."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tracebridge import AsyncRespan, ConfigError, Respan
from tracebridge.cli import app
from tracebridge.emulator import Running
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID

PROJECT = ["--project", GALILEO_PROJECT_ID]
LISTINGS = {
    "respan experiments": ["respan", "experiments"],
    "respan histogram": ["respan", "histogram", "exp_123", "answer_relevance", "--bins", "5"],
    "galileo projects": ["galileo", "projects"],
    "galileo log-streams": ["galileo", "log-streams", *PROJECT],
    "galileo experiments": ["galileo", "experiments", *PROJECT],
    "galileo records": ["galileo", "records", *PROJECT, "--log-stream", GALILEO_LOG_STREAM_ID],
}
FIRST_COLUMN = {"respan histogram": "lower"}


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def ok(*args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def column(name: str) -> str:
    return FIRST_COLUMN.get(name, "id")


@pytest.mark.parametrize("name", LISTINGS)
def test_every_listing_prints_the_columns_asked_as_csv(env: dict[str, str], name: str) -> None:
    key = column(name)
    shown = json.loads(ok(*LISTINGS[name], "--json", "--columns", key).stdout)
    rows = list(
        csv.DictReader(io.StringIO(ok(*LISTINGS[name], "-f", "csv", "--columns", key).stdout))
    )
    assert rows and list(rows[0]) == [key]
    assert [row[key] for row in rows] == [str(item[key]) for item in shown]


@pytest.mark.parametrize("name", LISTINGS)
def test_every_listing_keeps_only_the_columns_asked_in_json(env: dict[str, str], name: str) -> None:
    key = column(name)
    shown = json.loads(ok(*LISTINGS[name], "--json", "--columns", key).stdout)
    assert shown and all(list(item) == [key] for item in shown)


@pytest.mark.parametrize("name", LISTINGS)
def test_every_listing_writes_a_file_and_standard_output(
    env: dict[str, str], name: str, tmp_path: Path
) -> None:
    key = column(name)
    target = tmp_path / "listed.parquet"
    ok(*LISTINGS[name], "-o", str(target), "-q")
    table = pq.read_table(target)
    lines = ok(*LISTINGS[name], "-o", "-", "-q").stdout.splitlines()
    as_json = [json.loads(line) for line in lines]  # -o - is JSON lines unless --format says
    assert table.column(key).to_pylist() == [row[key] for row in as_json] != []


def test_a_listing_to_a_file_there_needs_force(env: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "projects.csv"
    target.write_text("mine\n")
    refused = run("galileo", "projects", "-o", str(target))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text() == "mine\n"
    ok("galileo", "projects", "-o", str(target), "--force")
    assert target.read_text().startswith("id,name,created_at")


def test_a_listed_file_has_the_model_s_columns_in_order(env: dict[str, str]) -> None:
    header = ok("galileo", "projects", "-f", "csv").stdout.splitlines()[0]
    assert header.split(",")[:3] == ["id", "name", "created_at"]


def test_an_unknown_column_is_refused_before_any_request(env: dict[str, str]) -> None:
    result = run("respan", "experiments", "-f", "csv", "--columns", "id,nope")
    assert result.exit_code == 2
    assert "unknown columns ['nope']" in result.stderr and "status" in result.stderr


# -- several experiments into one file ---------------------------------------------------------


def emulated_traces(running: Running, experiment: str) -> list[str]:
    return [row["id"] for row in running.emulator.data.experiment_traces[experiment]]


def test_traces_of_several_experiments_go_to_one_file(
    env: dict[str, str], running: Running, tmp_path: Path
) -> None:
    target = tmp_path / "traces.parquet"
    ok("respan", "traces", "exp_123", "exp_0001", "-o", str(target), "-q", *EVER)
    table = pq.read_table(target)
    assert table.column_names[:2] == ["experiment_id", "id"]
    labels, ids = table.column("experiment_id").to_pylist(), table.column("id").to_pylist()
    got = list(zip(labels, ids, strict=True))
    expected = [("exp_123", i) for i in emulated_traces(running, "exp_123")]
    expected += [("exp_0001", i) for i in emulated_traces(running, "exp_0001")]
    assert sorted(got) == sorted(expected)


def test_all_experiments_that_a_filter_keeps(env: dict[str, str], running: Running) -> None:
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs:
        completed = [row["id"] for row in rs.experiments.list("status = completed").rows()]
    out = ok(
        "respan", "traces", "--all-experiments", "--experiments-where", "status = completed",
        "-o", "-", "-f", "csv", "--columns", "experiment_id", "-q", *EVER,
    ).stdout  # fmt: skip
    named = {row["experiment_id"] for row in csv.DictReader(io.StringIO(out))}
    assert named == {e for e in completed if emulated_traces(running, e)} != set()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["exp_123", "exp_123"], "experiment ids given twice: exp_123"),
        (["exp_123", "exp_0001", "--resume"], "cannot be resumed"),
        ([], "name at least one experiment (e.g. exp_123), or --all-experiments"),
        (["exp_123", "--all-experiments"], "not both"),
        (["--experiments-where", "status = completed"], "add it"),
    ],
)
def test_a_multi_experiment_export_says_what_is_wrong(
    env: dict[str, str], emulator: Any, tmp_path: Path, args: list[str], said: str
) -> None:
    result = run("respan", "traces", *args, "-o", str(tmp_path / "t.csv"))
    assert result.exit_code == 2 and said in result.stderr
    assert not (tmp_path / "t.csv").exists()


EVER = ["--start", "2000-01-01T00:00:00Z", "--end", "2100-01-01T00:00:00Z"]


def test_traces_across_in_python_counts_caps_and_labels(running: Running) -> None:
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs:
        across = rs.experiments.traces_across(["exp_123", "exp_0001"], start_time="2000-01-01")
        expected = len(emulated_traces(running, "exp_123")) + len(
            emulated_traces(running, "exp_0001")
        )
        assert across.count == expected
        rows = list(across)
        assert len(rows) == expected and next(iter(rows[0])) == "experiment_id"
        capped = rs.experiments.traces_across(
            ["exp_123", "exp_0001"], start_time="2000-01-01", max_items=80
        )
        labels = [row["experiment_id"] for row in capped]
        assert len(labels) == 80 and set(labels) == {"exp_123", "exp_0001"}
        assert capped.count == 80
        frame = across.to_pandas()
        assert list(frame.columns[:2]) == ["experiment_id", "id"] and len(frame) == expected
        with pytest.raises(ConfigError, match="give a list"):
            rs.experiments.traces_across("exp_123")


def test_traces_across_for_asyncio(running: Running, tmp_path: Path) -> None:
    async def main() -> tuple[int | None, int, int]:
        async with AsyncRespan(
            running.respan_key, base_url=running.base_url, rate_limit=None
        ) as rs:
            across = rs.experiments.traces_across(["exp_123", "exp_0001"], start_time="2000-01-01")
            counted = await across.count
            walked = len([row async for row in across])
            written = await across.to_jsonl(tmp_path / "t.jsonl")
            return counted, walked, written.rows

    counted, walked, written = asyncio.run(main())
    expected = len(emulated_traces(running, "exp_123")) + len(emulated_traces(running, "exp_0001"))
    assert counted == walked == written == expected
