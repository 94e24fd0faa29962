"""Every way to ask for the common schema gives the same tables: a pager, `write_rows` over
Galileo's streamed export, an asyncio pager, and the command line."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tracebridge import AsyncGalileo, ConfigError, Galileo
from tracebridge.cli import app
from tracebridge.emulator import Running
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID
from tracebridge.export import write_rows
from tracebridge.schema import Origin

RUN = {"log_stream_id": GALILEO_LOG_STREAM_ID}
CONTEXT = {**RUN, "project_id": GALILEO_PROJECT_ID, "root_type": "span"}


def tables(folder: Path) -> dict[str, list[dict[str, Any]]]:
    found = {}
    for table in ("spans", "traces", "scores"):
        files = sorted((folder / table).glob("*.parquet"))
        rows = pa.concat_tables([pq.read_table(f) for f in files]).to_pylist() if files else []
        found[table] = sorted(rows, key=lambda row: json.dumps(row, default=str))
    return found


def compared(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in ("raw", "metadata")} for row in rows]


def test_the_stream_the_pager_asyncio_and_the_cli_agree(
    gl: Galileo, running: Running, env: dict[str, str], tmp_path: Path
) -> None:
    gl.records("span", **RUN).to_file(tmp_path / "pager", schema="common")
    streamed = gl.export_rows("span", **RUN)
    write_rows(
        streamed, tmp_path / "stream", schema="common", origin=Origin("galileo", "record", CONTEXT)
    )

    async def from_asyncio() -> None:
        async with AsyncGalileo(
            running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
        ) as client:
            await client.records("span", **RUN).to_file(tmp_path / "async", schema="common")

    asyncio.run(from_asyncio())
    result = CliRunner().invoke(
        app,
        ["galileo", "export", "--project", GALILEO_PROJECT_ID, "--log-stream", GALILEO_LOG_STREAM_ID,
         "--root-type", "span", "-o", str(tmp_path / "cli"), "--schema", "common", "-q"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pager = tables(tmp_path / "pager")
    assert pager["spans"] and pager == tables(tmp_path / "async")
    for other in ("stream", "cli"):  # the export carries no redacted_* pair: raw differs there
        assert compared(tables(tmp_path / other)["spans"]) == compared(pager["spans"])


def test_write_rows_asks_what_the_rows_are(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no common-schema mapping"):
        write_rows(iter([{"id": "x"}]), tmp_path / "x", schema="common")
    with pytest.raises(ConfigError, match="no common-schema mapping; known"):
        Origin("respan", "experiment")
