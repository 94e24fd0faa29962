"""Incremental sync against the emulator while its data changes: rows inserted and scores
changed between runs and during them, runs killed with SIGKILL at random points. Whatever the
sequence, each target (DuckDB, a real PostgreSQL server, a Parquet dataset) ends holding
exactly the rows a fresh full walk of the emulator gives, each once, with their latest values.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tracebridge import ConfigError, Galileo, Respan
from tracebridge.emulator import Emulator, Running, Sizes, serve
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID
from tracebridge.schema import common_rows
from tracebridge.syncing import (
    GalileoRecords,
    RespanDatasetSpans,
    RespanExperimentTraces,
    RespanLogs,
    open_target,
    sync,
)
from tracebridge.syncing.dataset import DatasetQuery, DatasetTarget
from tracebridge.syncing.sources import Window

pytest.importorskip("duckdb")
SIZES = Sizes(experiments=2, traces=260, galileo_traces=180, planted=False)


@pytest.fixture
def changing() -> Iterator[Running]:
    """An emulator of our own: these tests change its data."""
    with serve(Emulator(seed=11, sizes=SIZES)) as running:
        yield running


def _clients(running: Running) -> tuple[Respan, Galileo]:
    rs = Respan(running.respan_key, base_url=running.base_url, rate_limit=None)
    rs.transport.sleep = lambda seconds: None
    gl = Galileo(running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID)
    return rs, gl


def _sources(running: Running) -> list[Any]:
    experiments = [row["id"] for row in running.emulator.data.experiments[:2]]
    return [
        *(RespanExperimentTraces(experiment, page_size=50) for experiment in experiments),
        GalileoRecords("trace", log_stream_id=GALILEO_LOG_STREAM_ID, page_size=60),
        GalileoRecords("span", log_stream_id=GALILEO_LOG_STREAM_ID, page_size=120),
    ]


def _open(spec: str, flush_rows: int = 150) -> Any:
    return DatasetTarget(spec, flush_rows=flush_rows) if spec.endswith("dataset") else spec


def _canonical(raw: str) -> str:
    """A source row as JSON text of one spelling (a DuckDB target keeps Galileo's export
    lines as the service wrote them)."""
    return json.dumps(json.loads(raw), sort_keys=True)


def _contents(spec: str) -> dict[str, list[tuple[Any, ...]]]:
    """What the target holds: subjects as (source, id, raw), scores by subject and evaluator."""
    reader = DatasetQuery(spec) if spec.endswith("dataset") else open_target(spec)
    reader.open()
    try:
        found = {
            table: [
                (source, source_id, _canonical(raw))
                for source, source_id, raw in reader.query(
                    f"SELECT source, source_id, CAST(raw AS text) FROM {table} ORDER BY 1, 2"
                )[1]
            ]
            for table in ("traces", "spans")
        }
        found["scores"] = reader.query(
            "SELECT source, subject_kind, subject_id, "
            "coalesce(evaluator_id, evaluator_slug, evaluator_name), numeric_value, bool_value, "
            "label FROM scores ORDER BY 1, 2, 3, 4"
        )[1]
    finally:
        reader.close()
    return found


def _truth(running: Running) -> dict[str, list[tuple[Any, ...]]]:
    """A fresh full walk of the emulator, in the common schema (what a sync must end with)."""
    rs, gl = _clients(running)
    rows: dict[str, list[tuple[Any, ...]]] = {"traces": [], "spans": [], "scores": []}
    now = datetime.now(UTC)
    with rs, gl:
        for source in _sources(running):
            pager = source.listing(
                rs if source.service == "respan" else gl, Window(None, None, now)
            )
            for table, row in common_rows(pager.rows(), pager.source.schema.origin):
                if table == "scores":
                    key = row["evaluator_id"] or row["evaluator_slug"] or row["evaluator_name"]
                    rows[table].append(
                        (row["source"], row["subject_kind"], row["subject_id"], key,
                         row["numeric_value"], row["bool_value"], row["label"])
                    )  # fmt: skip
                else:
                    rows[table].append((row["source"], row["source_id"], _canonical(row["raw"])))
    return {table: sorted(set(found), key=repr) for table, found in rows.items()}


def _same(found: dict[str, list[tuple[Any, ...]]], truth: dict[str, list[tuple[Any, ...]]]) -> None:
    for table in ("traces", "spans", "scores"):
        held = found[table]
        assert len(held) == len(set(held)), f"{table}: a row is held twice"
        keys = [row[:2] if table != "scores" else row[:4] for row in held]
        assert len(keys) == len(set(keys)), f"{table}: an id is held twice"
        extra, missing = set(held) - set(truth[table]), set(truth[table]) - set(held)
        assert not extra and not missing, (
            f"{table} differs from the emulator: held but not there {sorted(r[:4] for r in extra)[:5]}"
            f", there but not held {sorted(r[:4] for r in missing)[:5]}"
        )


def _change(running: Running, rng: random.Random) -> None:
    """What happens at the services between (and during) runs: traces arrive, evaluators
    give new scores to recent Respan traces and to any Galileo record."""
    emulator = running.emulator
    experiment = emulator.data.experiments[rng.randrange(2)]["id"]
    arrived = emulator.insert_traces(experiment, rng.randint(1, 4))
    emulator.rescore_trace(experiment, arrived[0]["id"], "answer_relevance", rng.random())
    emulator.insert_records(GALILEO_LOG_STREAM_ID, rng.randint(1, 3))
    run = emulator.data.galileo_runs[GALILEO_LOG_STREAM_ID]
    for kind, records in (("trace", run.traces), ("span", run.spans)):
        record = records[rng.randrange(len(records))]
        emulator.rescore_record(GALILEO_LOG_STREAM_ID, kind, record["id"], round(rng.random(), 3))


SYNC_SCRIPT = textwrap.dedent(
    """
    import sys
    from tracebridge import Galileo, Respan
    from tracebridge.syncing import GalileoRecords, RespanExperimentTraces, sync
    from tracebridge.syncing.dataset import DatasetTarget
    spec, base_url, respan_key, galileo_key, project, stream, *experiments = sys.argv[1:]
    target = DatasetTarget(spec, flush_rows=150) if spec.endswith("dataset") else spec
    sources = [RespanExperimentTraces(e, page_size=50) for e in experiments] + [
        GalileoRecords("trace", log_stream_id=stream, page_size=60),
        GalileoRecords("span", log_stream_id=stream, page_size=120),
    ]
    rs = Respan(respan_key, base_url=base_url, rate_limit=None)
    gl = Galileo(galileo_key, base_url=base_url, project_id=project)
    sync(sources, target, respan=rs, galileo=gl)
    """
)


def _sync_process(running: Running, spec: str) -> subprocess.Popen[bytes]:
    experiments = [row["id"] for row in running.emulator.data.experiments[:2]]
    return subprocess.Popen(
        [sys.executable, "-c", SYNC_SCRIPT, spec, running.base_url, running.respan_key,
         running.galileo_key, GALILEO_PROJECT_ID, GALILEO_LOG_STREAM_ID, *experiments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip


def test_syncs_killed_at_random_points_end_with_exactly_the_services_rows(
    changing: Running, target: str
) -> None:
    rng = random.Random(f"sync-{target.rsplit('/', 1)[-1]}")
    changing.emulator.controls.latency = 0.05  # a run takes long enough to be killed in it
    killed = 0
    for round_ in range(6):
        _change(changing, rng)
        requests = changing.emulator.controls.requests
        last = requests[-1] if requests else None
        process = _sync_process(changing, target)
        during = threading.Timer(rng.uniform(0.05, 0.4), _change, (changing, rng))
        during.start()
        if round_ < 4:
            # The kill lands once the run has reached the services (not while Python starts,
            # however fast this machine is), at a random point of its first requests.
            while process.poll() is None and (requests[-1] if requests else None) is last:
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.25))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                killed += 1
        process.wait(timeout=120)
        during.join()
        if process.returncode not in (0, -signal.SIGKILL):
            pytest.fail(process.stderr.read().decode() if process.stderr else "sync failed")
    assert killed >= 2, "the kills should land inside runs"
    changing.emulator.controls.latency = 0
    process = _sync_process(changing, target)  # a last run, left to finish, after the changes
    assert process.wait(timeout=120) == 0, process.stderr.read().decode() if process.stderr else ""
    _same(_contents(target), _truth(changing))


def test_a_sync_with_nothing_new_sends_one_request_per_source_and_writes_nothing(
    changing: Running, target: str
) -> None:
    rs, gl = _clients(changing)
    sources = _sources(changing)
    with rs, gl:
        first = sync(sources, _open(target), respan=rs, galileo=gl)
        data = changing.emulator.data
        held = sum(len(data.experiment_traces[row["id"]]) for row in data.experiments[:2])
        held += len(data.galileo_runs[GALILEO_LOG_STREAM_ID].traces)
        assert first.tables["traces"].new == held
        before = _contents(target), _stored(target)
        changing.emulator.controls.requests.clear()
        again = sync(sources, _open(target), respan=rs, galileo=gl)
    assert again.written == 0
    log = [entry["path"] for entry in changing.emulator.controls.request_log()]
    # per source: the request that tells what there is to do (a Respan experiment's status;
    # a Galileo count, where the records come by the export) and one request more, since
    # nothing in the lookback window fills a second page
    for row in changing.emulator.data.experiments[:2]:
        base = f"/api/v2/experiments/{row['id']}/"
        assert [path for path in log if path.startswith(base)] == [base, base + "logs/list/"]
    galileo = [path.rsplit("/", 1)[-1] for path in log if path.startswith("/v2/")]
    reads = [name for name in galileo if name != "count"]
    assert len(reads) == 2 and galileo.count("count") <= 2, log
    assert (_contents(target), _stored(target)) == before


def _stored(spec: str) -> Any:
    """What a target keeps besides the rows: its state table, or the dataset's files."""
    if spec.endswith("dataset"):
        return sorted((str(p), p.stat().st_mtime_ns) for p in Path(spec).rglob("*"))
    reader = open_target(spec)
    reader.open()
    try:
        return reader.query("SELECT * FROM _tracebridge_sync ORDER BY query")
    finally:
        reader.close()


def test_scores_that_change_update_their_rows_and_nothing_else(
    changing: Running, tmp_path: Path
) -> None:
    rs, gl = _clients(changing)
    database = str(tmp_path / "scores.duckdb")
    emulator = changing.emulator
    experiment = emulator.data.experiments[1]["id"]
    record = emulator.data.galileo_runs[GALILEO_LOG_STREAM_ID].traces[100]
    with rs, gl:
        sync(_sources(changing), database, respan=rs, galileo=gl)
        arrived = emulator.insert_traces(experiment, 1)[0]
        sync(_sources(changing), database, respan=rs, galileo=gl)
        emulator.rescore_trace(experiment, arrived["id"], "answer_relevance", 0.25)
        emulator.rescore_record(GALILEO_LOG_STREAM_ID, "trace", record["id"], 0.75)
        result = sync(_sources(changing), database, respan=rs, galileo=gl)
    assert (result.tables["traces"].new, result.tables["traces"].updated) == (0, 2)
    assert (result.tables["scores"].new, result.tables["scores"].updated) == (0, 2)
    assert result.tables["spans"].written == 0
    reader = open_target(database)
    reader.open()
    _, values = reader.query(
        "SELECT subject_id, numeric_value FROM scores WHERE evaluator_slug IN "
        "('answer_relevance', 'correctness') AND subject_id IN "
        f"('{arrived['id']}', '{record['id']}') ORDER BY 2"
    )
    reader.close()
    assert values == [(arrived["id"], 0.25), (record["id"], 0.75)]


def test_the_views_agree_with_sums_over_the_emulators_rows(
    changing: Running, tmp_path: Path
) -> None:
    rs, gl = _clients(changing)
    database = str(tmp_path / "views.duckdb")
    with rs, gl:
        sync(_sources(changing), database, respan=rs, galileo=gl)
    reader = open_target(database)
    reader.open()
    _, usage = reader.query(
        "SELECT experiment_id, traces, cost_usd FROM usage_by_experiment "
        "WHERE source = 'respan' ORDER BY 1"
    )
    _, by_model = reader.query(
        "SELECT model, calls FROM usage_by_model WHERE source = 'galileo' ORDER BY 1"
    )
    reader.close()
    data = changing.emulator.data
    expected = []
    for experiment in sorted(row["id"] for row in data.experiments[:2]):
        traces = list(data.experiment_traces[experiment])
        expected.append((experiment, len(traces), sum(row["total_cost"] for row in traces)))
    assert [(e, n) for e, n, _ in usage] == [(e, n) for e, n, _ in expected]
    for (_, _, cost), (_, _, want) in zip(usage, expected, strict=True):
        assert cost == pytest.approx(want)
    spans = data.galileo_runs[GALILEO_LOG_STREAM_ID].spans
    models: dict[str, int] = {}
    for span in spans:
        if span.get("model"):
            models[span["model"]] = models.get(span["model"], 0) + 1
    assert by_model == sorted(models.items())


def test_targets_are_refused_before_any_request(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot tell what"):
        sync([RespanExperimentTraces("exp_1")], str(tmp_path / "out.csv"))
    with pytest.raises(ConfigError, match="nothing to sync"):
        sync([], str(tmp_path / "x.duckdb"))
    with pytest.raises(ConfigError, match="sessions have no table"):
        GalileoRecords("session", log_stream_id="x")
    (tmp_path / "file").write_text("")
    with pytest.raises(ConfigError, match="is a file"):
        DatasetTarget(tmp_path / "file").open()


def test_a_postgres_password_never_reaches_a_repr_or_an_error(postgres_server: str) -> None:
    url = postgres_server.replace("postgres@", "postgres:hunter2@") + "/no_such_database"
    target = open_target(url)
    assert "hunter2" not in repr(target)
    with pytest.raises(ConfigError) as caught:
        target.open()
    assert "hunter2" not in str(caught.value)
    assert "no_such_database" in str(caught.value)


def test_a_killed_dataset_step_leaves_the_last_committed_generation(
    changing: Running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dataset's commit is one rename of its state file: a step that dies before it
    leaves the files of the step before, and the next run redoes it."""
    rs, gl = _clients(changing)
    folder = str(tmp_path / "dataset")
    with rs, gl:
        sync(_sources(changing), DatasetTarget(folder, flush_rows=100), respan=rs, galileo=gl)
        before = _contents(folder)
        _change(changing, random.Random(3))

        def dies(self: DatasetTarget, written: dict[str, int]) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(DatasetTarget, "_commit", dies)
        with pytest.raises(KeyboardInterrupt):
            sync(_sources(changing), DatasetTarget(folder, flush_rows=1), respan=rs, galileo=gl)
        monkeypatch.undo()
        assert _contents(folder) == before  # the hidden files of the dead step are not read
        assert list(Path(folder).rglob(".part-*")), "the dead step left its hidden files"
        sync(_sources(changing), DatasetTarget(folder), respan=rs, galileo=gl)
        assert not list(Path(folder).rglob(".part-*"))
    _same(_contents(folder), _truth(changing))


def test_a_row_that_arrives_late_is_found_within_the_lookback_window(
    changing: Running, tmp_path: Path
) -> None:
    """A trace that reaches the service after a sync ran, dated before that run began (a
    slow ingest), is found by the next sync when it is no later than the lookback."""
    rs, gl = _clients(changing)
    database = str(tmp_path / "late.duckdb")
    emulator = changing.emulator
    experiment = emulator.data.experiments[0]["id"]
    source = [RespanExperimentTraces(experiment)]
    with rs, gl:
        sync(source, database, respan=rs)
        late = []
        for minutes in (3, 30):  # inside the 10-minute lookback, and outside it
            row = emulator.data.new_trace(experiment)
            row["start_time"] = (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat()
            emulator.data.experiment_traces[experiment].insert_newest([row])
            late.append(row["id"])
        result = sync(source, database, respan=rs)
        assert result.tables["traces"].new == 1
        missed = sync(source, database, respan=rs, full=True)  # --full reads everything
        assert missed.tables["traces"].new == 1
    reader = open_target(database)
    reader.open()
    _, found = reader.query(
        f"SELECT source_id FROM traces WHERE source_id IN ('{late[0]}', '{late[1]}') ORDER BY 1"
    )
    reader.close()
    assert [value for (value,) in found] == sorted(late)


def test_the_organizations_logs_and_a_dataset_sync_whole_then_nothing(
    changing: Running, tmp_path: Path
) -> None:
    rs, _ = _clients(changing)
    database = str(tmp_path / "logs.duckdb")
    data = changing.emulator.data
    dataset = next(iter(data.datasets))
    sources = [RespanLogs("traces"), RespanLogs("spans"), RespanDatasetSpans(dataset)]
    since = datetime(2000, 1, 1, tzinfo=UTC)  # the emulator's logs are dated in 2025
    with rs:
        first = sync(sources, database, respan=rs, since=since)
        again = sync(sources, database, respan=rs, since=since)
    assert [source.rows_read for source in first.sources] == [
        len(data.org_traces),
        len(data.org_spans),
        len(data.datasets[dataset]),
    ]
    assert first.tables["traces"].new == len(data.org_traces)
    assert again.written == 0
    reader = open_target(database)
    reader.open()
    _, held = reader.query("SELECT count(*), count(DISTINCT source_id) FROM spans")
    reader.close()
    # the organization's spans and the dataset's, each once (some ids may be in both)
    assert held[0][0] == held[0][1] >= len(data.org_spans)


def test_an_export_cut_short_fails_the_run_and_the_next_one_finishes_the_work(
    changing: Running, tmp_path: Path
) -> None:
    """The connection drops partway through Galileo's export: the run fails with a typed
    error after keeping what whole chunks it took, and the next run ends with every row."""
    from tracebridge import APIConnectionError
    from tracebridge.emulator import Fault

    rs, gl = _clients(changing)
    database = str(tmp_path / "cut.duckdb")
    spans = [GalileoRecords("span", log_stream_id=GALILEO_LOG_STREAM_ID)]
    changing.emulator.inject(Fault("reset", path="export_records", times=1))
    with rs, gl:
        with pytest.raises(APIConnectionError) as failed:
            sync(spans, database, galileo=gl)
        assert "export_records" in str(failed.value), failed.value
        sync(spans, database, galileo=gl)
    truth = _truth(changing)
    found = _contents(database)
    held = [row for row in truth["spans"] if row[0] == "galileo"]
    assert found["spans"] == held
    assert len(found["spans"]) == len({row[1] for row in found["spans"]})
