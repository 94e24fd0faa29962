"""What a sync target promises a careless user: one sync at a time, nothing of theirs deleted,
damaged state named, `sql` that only reads, and a password that never shows. Each against a
real target (a DuckDB file, a PostgreSQL server of our own, a dataset folder)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.sync.test_sync import SIZES, _clients
from tracebridge.cli import app
from tracebridge.emulator import Emulator, Running, serve
from tracebridge.errors import ConfigError, TargetConnectionError
from tracebridge.syncing import RespanExperimentTraces, open_target, sync
from tracebridge.syncing.database import PostgresTarget, redact_url
from tracebridge.syncing.dataset import DatasetTarget

pytest.importorskip("duckdb")
runner = CliRunner()


@pytest.fixture(scope="module")
def running() -> Iterator[Running]:
    with serve(Emulator(seed=11, sizes=SIZES)) as served:
        yield served


def _one_source(running: Running) -> list[RespanExperimentTraces]:
    return [RespanExperimentTraces(running.emulator.data.experiments[0]["id"], page_size=50)]


def _sync(running: Running, target: str) -> None:
    rs, gl = _clients(running)
    with rs, gl:
        sync(_one_source(running), target, respan=rs)


def _count(target: str) -> int:
    asked = runner.invoke(
        app, ["sql", "SELECT count(*) AS n FROM traces", "--to", target, "--json"]
    )
    assert asked.exit_code == 0, asked.output
    return int(json.loads(asked.stdout)[0]["n"])


def test_a_second_sync_into_a_target_in_use_is_refused_at_once(
    running: Running, target: str
) -> None:
    """Two syncs into one target never both write (the last writer would win): while one
    holds it, another is refused before any request, and the first one's work is whole."""
    holding = open_target(target)
    holding.open()
    try:
        before = len(running.emulator.controls.request_log())
        with pytest.raises(ConfigError, match="another sync is writing"):
            _sync(running, target)
        assert len(running.emulator.controls.request_log()) == before
    finally:
        holding.close()
    _sync(running, target)  # released: the next one goes through
    rs, _ = _clients(running)
    with rs:
        assert _count(target) == rs.experiments.traces(_one_source(running)[0].experiment_id).count


def test_a_dataset_never_deletes_a_file_it_did_not_write(running: Running, tmp_path: Path) -> None:
    """A user's notes in a partition and a partition of their own survive every sync and
    every opening of the dataset."""
    folder = tmp_path / "dataset"
    _sync(running, str(folder))
    partition = next((folder / "traces").glob("source=respan/day=*"))
    notes = partition / "NOTES.md"
    notes.write_text("mine")
    own = folder / "traces" / "source=manual" / "day=2026-01-01" / "mine.parquet"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"PAR1 not ours PAR1")
    running.emulator.insert_traces(_one_source(running)[0].experiment_id, 3)
    _sync(running, str(folder))
    reopened = DatasetTarget(folder)
    reopened.open()
    reopened.close()
    assert notes.read_text() == "mine"
    assert own.read_bytes() == b"PAR1 not ours PAR1"


def test_a_damaged_dataset_state_is_named_not_read_as_empty(
    running: Running, tmp_path: Path
) -> None:
    folder = tmp_path / "dataset"
    _sync(running, str(folder))
    state = folder / "_tracebridge_sync.json"
    state.write_text('{"generation": 3, "sources": {')
    files = sorted(folder.rglob("*.parquet"))
    with pytest.raises(ConfigError, match=r"_tracebridge_sync.json.*damaged"):
        _sync(running, str(folder))
    assert sorted(folder.rglob("*.parquet")) == files  # nothing removed as unknown
    asked = runner.invoke(app, ["sql", "SELECT 1", "--to", str(folder)])
    assert asked.exit_code == 2 and "damaged" in asked.output, asked.output


def test_damaged_database_state_is_named(running: Running, tmp_path: Path) -> None:
    database = str(tmp_path / "copy.duckdb")
    _sync(running, database)
    import duckdb

    with duckdb.connect(database) as connection:
        connection.execute("UPDATE _tracebridge_sync SET pending = '{not json'")
    with pytest.raises(ConfigError, match=r"_tracebridge_sync.*damaged"):
        _sync(running, database)


def test_sql_refuses_a_folder_that_is_not_a_synced_dataset(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    asked = runner.invoke(
        app, ["sql", "SELECT count(*) AS n FROM traces", "--to", str(tmp_path / "photos")]
    )
    assert asked.exit_code == 2, asked.output
    assert "not a dataset" in asked.output


@pytest.mark.parametrize(
    "statement",
    ["DELETE FROM traces", "DROP TABLE scores", "UPDATE traces SET name = 'x'",
     "SELECT 1; DELETE FROM traces", "COMMIT; DELETE FROM traces"],
)  # fmt: skip
def test_sql_only_reads_on_every_target(
    running: Running, target: str, statement: str, tmp_path: Path
) -> None:
    """A statement that would change the copy is refused (exit 2) and the rows are all there:
    a deleted row would never come back, as the watermark has passed it."""
    _sync(running, target)
    held = _count(target)
    asked = runner.invoke(app, ["sql", statement, "--to", target])
    assert asked.exit_code == 2, asked.output
    assert _count(target) == held > 0


def test_sql_writes_no_file_through_copy(running: Running, target: str, tmp_path: Path) -> None:
    _sync(running, target)
    leaked = tmp_path / "leak.csv"
    asked = runner.invoke(app, ["sql", f"COPY traces TO '{leaked}'", "--to", target])
    assert asked.exit_code == 2, asked.output
    assert not leaked.exists()


@pytest.mark.parametrize(
    "url",
    ["postgresql://bob@127.0.0.1:1/db?password=hunter2-SECRET",
     "postgresql://bob:hunter2-SECRET@127.0.0.1:1/db",
     "postgresql://bob@127.0.0.1:1/db?sslmode=disable&password=hunter2%2DSECRET"],
)  # fmt: skip
def test_an_unreachable_postgres_exits_4_and_never_shows_its_password(url: str) -> None:
    target = PostgresTarget(url)
    assert "hunter2" not in repr(target) and "hunter2" not in redact_url(url)
    with pytest.raises(TargetConnectionError) as failed:
        target.open()
    assert "hunter2" not in str(failed.value)
    result = runner.invoke(app, ["sql", "SELECT 1", "--to", url])
    assert result.exit_code == 4, result.output
    assert "hunter2" not in result.output


def test_a_wrong_postgres_password_is_bad_input_and_hidden(postgres_server: str) -> None:
    """The server refuses a role it does not know: exit 2, the URL's secret hidden."""
    url = postgres_server.replace("postgres@", "nobody@") + "/postgres?password=hunter2-SECRET"
    result = runner.invoke(app, ["sql", "SELECT 1", "--to", url])
    assert result.exit_code == 2, result.output
    assert "hunter2" not in result.output


def test_full_reads_everything_again_even_after_a_killed_run(running: Running, target: str) -> None:
    """`full=True` (`--full`) walks the whole source, even when a killed run left a pending
    walk that a plain run would resume from its last checkpoint."""
    from datetime import UTC, datetime

    from tracebridge.syncing.state import Pending

    _sync(running, target)
    [source] = _one_source(running)
    opened = open_target(target)
    opened.open()
    try:
        state = opened.load_state(source.identity)
        late = datetime(2999, 1, 1, tzinfo=UTC)  # a checkpoint past every row
        opened.save_state(state.advanced(pending=Pending(datetime.now(UTC), None, late)))
    finally:
        opened.close()
    rs, _ = _clients(running)
    with rs:
        result = sync([source], target, respan=rs, full=True)
        total = rs.experiments.traces(source.experiment_id).count
    assert not result.sources[0].resumed
    assert result.sources[0].rows_read == total


def test_a_torn_write_of_the_dataset_state_leaves_the_previous_state(
    running: Running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state file is replaced in one rename: a write that fails half-way (a full disk)
    leaves the previous state whole, and the next run goes on from it."""
    folder = tmp_path / "dataset"
    _sync(running, str(folder))
    state = (folder / "_tracebridge_sync.json").read_text()
    original = Path.write_text

    def torn(self: Path, data: str, *args: Any, **kwargs: Any) -> int:
        if "_tracebridge_sync" in self.name:
            original(self, data[: len(data) // 2], *args, **kwargs)
            raise OSError(28, "No space left on device")
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", torn)
    running.emulator.insert_traces(_one_source(running)[0].experiment_id, 2)
    with pytest.raises(OSError, match="No space"):
        _sync(running, str(folder))
    monkeypatch.undo()
    assert (folder / "_tracebridge_sync.json").read_text() == state
    _sync(running, str(folder))  # and the next run goes on
