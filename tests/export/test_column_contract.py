"""One column contract (docs/columns.md) for every format and both Galileo paths: the
service's streamed export and the searched records give the same file, redacted alike by
default; JSON lines have CSV's columns in CSV's order; a documented field is one column
whatever it holds; DataFrames keep booleans and integers where values are missing."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tracebridge import Galileo, Respan
from tracebridge.cli import app
from tracebridge.emulator import Running
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID
from tracebridge.export import RowSchema, flatten, write_rows

RUN = ["--project", GALILEO_PROJECT_ID, "--log-stream", GALILEO_LOG_STREAM_ID, "-q"]


def ok(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def read(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """A file's columns and rows, whatever its format."""
    if path.suffix == ".csv":
        with path.open(newline="") as file:
            reader = csv.DictReader(file)
            return list(reader.fieldnames or []), list(reader)
    if path.suffix == ".parquet":
        table = pq.read_table(path)
        return table.column_names, table.to_pylist()
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    return list(lines[0]), lines


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_galileo_s_export_and_its_records_give_the_same_file(
    env: dict[str, str], tmp_path: Path, suffix: str
) -> None:
    exported, searched = tmp_path / f"export{suffix}", tmp_path / f"records{suffix}"
    ok("galileo", "export", *RUN, "-o", str(exported))
    ok("galileo", "records", *RUN, "-o", str(searched))
    export_columns, export_rows = read(exported)
    record_columns, record_rows = read(searched)
    assert export_columns == record_columns
    assert "metrics.cost" in export_columns and "metrics/cost" not in export_columns
    assert by_id(export_rows) == by_id(record_rows) and len(export_rows) == len(record_rows) > 0


@pytest.mark.parametrize("root", ["trace", "span"])
@pytest.mark.parametrize("flag", [[], ["--no-redact"]])
def test_both_galileo_paths_redact_alike(
    env: dict[str, str], tmp_path: Path, flag: list[str], root: str
) -> None:
    kind = ["--root-type", root]
    ok("galileo", "export", *RUN, *kind, "-o", str(tmp_path / "e.jsonl"), *flag)
    ok("galileo", "records", *RUN, *kind, "-o", str(tmp_path / "r.jsonl"), *flag)
    exported = by_id(read(tmp_path / "e.jsonl")[1])
    searched = by_id(read(tmp_path / "r.jsonl")[1])
    texts = [json.dumps(row["input"]) for row in exported.values()]  # text, or messages
    with_email = [text for text in texts if "@example.com" in text]
    if flag:
        assert with_email  # the emulator's inputs carry e-mail addresses
    else:
        assert with_email == [] and any("<REDACTED>" in text for text in texts)
    assert {k: v["input"] for k, v in exported.items()} == {
        k: v["input"] for k, v in searched.items()
    }


def test_raw_writes_the_service_s_own_file(
    env: dict[str, str], running: Running, tmp_path: Path
) -> None:
    ok("galileo", "export", *RUN, "-o", str(tmp_path / "raw.csv"), "--raw")
    with Galileo(
        running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
    ) as gl:
        gl.export_records(
            "trace", log_stream_id=GALILEO_LOG_STREAM_ID, to=tmp_path / "sdk.csv",
            export_format="csv",
        )  # fmt: skip
    raw = (tmp_path / "raw.csv").read_bytes()
    assert raw == (tmp_path / "sdk.csv").read_bytes() and b"metrics/cost" in raw.split(b"\n")[0]


def test_python_records_are_redacted_unless_asked(running: Running) -> None:
    with Galileo(
        running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
    ) as gl:
        plain = list(gl.records("trace", log_stream_id=GALILEO_LOG_STREAM_ID, redact=False).rows())
        kept = list(gl.records("trace", log_stream_id=GALILEO_LOG_STREAM_ID).rows())
    raw = next(row for row in plain if "@example.com" in str(row["input"]))
    assert "<REDACTED>" in str(raw["redacted_input"])
    shown = by_id(kept)[raw["id"]]
    assert shown["input"] == raw["redacted_input"] and "redacted_input" not in shown


def test_a_documented_field_is_one_column_whatever_it_holds(tmp_path: Path) -> None:
    schema = RowSchema(
        ("id", "expected_output", "metadata"), whole=frozenset({"id", "expected_output"})
    )
    rows = [
        {"id": "a", "expected_output": "plain text", "metadata": {"topic": "x"}},
        {"id": "b", "expected_output": {"response": "an object"}, "metadata": {"user": "u"}},
    ]
    written = write_rows(rows, tmp_path / "t.csv", schema=schema)
    assert written.columns == ["id", "expected_output", "metadata.topic", "metadata.user"]
    _, back = read(tmp_path / "t.csv")
    assert [row["expected_output"] for row in back] == ["plain text", '{"response":"an object"}']
    assert flatten(rows[1]) == {
        "id": "b",
        "expected_output.response": "an object",
        "metadata.user": "u",
    }


def test_json_lines_have_the_csv_columns_in_its_order(rs: Respan, tmp_path: Path) -> None:
    traces = rs.experiments.traces("exp_123", start_time="2000-01-01")
    traces.to_csv(tmp_path / "t.csv")
    traces.to_jsonl(tmp_path / "t.jsonl")
    header, _ = read(tmp_path / "t.csv")
    lines = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    for line in lines:
        assert list(line) == [column for column in header if column in line]
        assert rs.experiments.traces("exp_123").export_source().schema.whole <= set(line)
        # every documented field that is one column, null where the service left it out
    assert {column for line in lines for column in line} == set(header)


def test_dataframes_keep_booleans_and_integers_where_values_are_missing(rs: Respan) -> None:
    frame = rs.experiments.traces("exp_123", start_time="2000-01-01").to_pandas()
    assert str(frame["scores.faithfulness.boolean_value"].dtype) == "boolean"
    assert frame["scores.faithfulness.boolean_value"].isna().any()
    assert str(frame["span_count"].dtype) == "Int64"
