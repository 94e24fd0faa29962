"""The vendors' own SDKs, unmodified, against our emulator: galileo 2.7.0 and respan-api
0.1.47 run in their own environments (scripts/vendor_sdks.py), parse every answer with their
own models, and get the same rows tracebridge gets for the same questions.

If an SDK written by people who can see the real service reads our emulator, the emulator,
and so our specs, tests and cassettes, is checked by a reading that is not ours. Where the
environments are missing the tests skip, except where TRACEBRIDGE_REQUIRE_VENDOR_SDKS is set
(CI sets it): there they fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tracebridge import F, Galileo, Respan
from tracebridge.emulator import Emulator, Running, serve
from tracebridge.emulator.data import (
    GALILEO_EXPERIMENT_ID,
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    GALILEO_PROJECT_NAME,
    SEED_DATASET,
    SEED_TRACE_EXPERIMENT,
)

from ..provision import wait_for_vendor_sdks

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from vendor_sdks import installed, python_of  # noqa: E402

sys.path.pop(0)

EVER = {"start_time": "2000-01-01T00:00:00Z", "end_time": "2100-01-01T00:00:00Z"}
STREAM, EXPERIMENT = GALILEO_LOG_STREAM_ID, GALILEO_EXPERIMENT_ID


@pytest.fixture(scope="module")
def served() -> Iterator[Running]:
    """A fresh emulator with its default data: the vendor SDKs change it (create, delete)."""
    with serve(Emulator(seed=11)) as running:
        yield running


def drive(name: str, job: dict[str, Any]) -> dict[str, Any]:
    """Run tests/conformance/drive_<name>.py in the SDK's own environment; its JSON."""
    if not installed(name):
        message = wait_for_vendor_sdks()  # the run makes them on first use (tests/provision.py)
        if message is not None:
            if os.environ.get("TRACEBRIDGE_REQUIRE_VENDOR_SDKS"):
                pytest.fail(message)
            pytest.skip(message)
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": str(HERE), "NO_PROXY": "*"}
    finished = subprocess.run(
        [str(python_of(name)), "-I", str(HERE / f"drive_{name}.py"), json.dumps(job)],
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
        cwd=HERE,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(finished.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def galileo(served: Running) -> dict[str, Any]:
    return drive(
        "galileo",
        {
            "key": served.galileo_key,
            "url": served.base_url,
            "project_id": GALILEO_PROJECT_ID,
            "project_name": GALILEO_PROJECT_NAME,
            "log_stream_id": STREAM,
            "log_stream_name": "production",
            "experiment_id": EXPERIMENT,
            "experiment_name": "prompt v2 vs v1",
            "page_size": 70,
        },
    )


@pytest.fixture(scope="module")
def respan(served: Running) -> dict[str, Any]:
    return drive(
        "respan",
        {
            "key": served.respan_key,
            "url": served.base_url,
            "experiment_id": SEED_TRACE_EXPERIMENT,
            "trace_id": "trace_789abc",
            "evaluator": "answer_relevance",
            "dataset_id": SEED_DATASET,
            "page_size": 40,
        },
    )


@pytest.fixture(scope="module")
def gl(served: Running) -> Iterator[Galileo]:
    with Galileo(served.galileo_key, base_url=served.base_url, project_id=GALILEO_PROJECT_ID) as c:
        yield c


@pytest.fixture(scope="module")
def rs(served: Running) -> Iterator[Respan]:
    with Respan(served.respan_key, base_url=served.base_url, rate_limit=None) as client:
        yield client


def ids(rows: Any) -> list[str]:
    return [str(row.get("id")) for row in rows]  # a seed dataset span has no id (None)


# -- galileo 2.7.0 ----------------------------------------------------------------------------


def test_galileo_finds_the_project_log_stream_and_experiment(
    galileo: dict[str, Any], gl: Galileo
) -> None:
    assert galileo["project"] == {"by_name": GALILEO_PROJECT_ID, "by_id": GALILEO_PROJECT_ID}
    assert galileo["projects"] == [str(p.id) for p in gl.projects()]
    assert galileo["log_stream"] == STREAM
    assert galileo["log_streams"] == sorted(str(s.id) for s in gl.log_streams())
    assert galileo["experiments"] == sorted(str(e.id) for e in gl.experiments())
    assert galileo["experiment"] == EXPERIMENT


SEARCHES = {
    "traces": ("trace", {"log_stream_id": STREAM}),
    "spans": ("span", {"log_stream_id": STREAM}),
    "sessions": ("session", {"log_stream_id": STREAM}),
    "experiment traces": ("trace", {"experiment_id": EXPERIMENT}),
    "refund traces": ("trace", {"log_stream_id": STREAM, "where": F.input.contains("refund")}),
    "spans newest first": ("span", {"log_stream_id": STREAM, "sort": "-created_at"}),
}


@pytest.mark.parametrize("name", SEARCHES)
def test_galileo_search_pages_are_the_rows_tracebridge_walks(
    galileo: dict[str, Any], gl: Galileo, name: str
) -> None:
    kind, arguments = SEARCHES[name]
    ours = ids(gl.records(kind, **arguments).rows())
    assert ours and galileo["search"][name] == ours  # the same rows, in the same order


def test_galileo_reads_every_record_as_its_own_kind(galileo: dict[str, Any]) -> None:
    models = galileo["models"]
    assert models["traces"] == ["ExtendedTraceRecord"]
    assert models["sessions"] == ["ExtendedSessionRecord"]
    assert models["spans"] == [
        "ExtendedLlmSpanRecord", "ExtendedRetrieverSpanRecord", "ExtendedToolSpanRecord",
    ]  # fmt: skip


EXPORTS = {
    "traces": ("trace", {"log_stream_id": STREAM}),
    "spans": ("span", {"log_stream_id": STREAM}),
    "sessions csv": (
        "session",
        {
            "log_stream_id": STREAM,
            "export_format": "csv",
            "column_ids": ["id", "name", "created_at"],
        },
    ),
    "refund traces": ("trace", {"experiment_id": EXPERIMENT, "where": F.input.contains("refund")}),
    "first log stream": ("trace", {"log_stream_id": STREAM}),
}


@pytest.mark.parametrize("name", EXPORTS)
def test_galileo_export_records_streams_the_rows_tracebridge_exports(
    galileo: dict[str, Any], gl: Galileo, name: str
) -> None:
    kind, arguments = EXPORTS[name]
    if name != "sessions csv":  # the SDK asks for newest first; so does the service's default
        arguments = {**arguments, "sort": "-created_at"}
    ours = ids(gl.export_rows(kind, **arguments))
    assert ours and galileo["export"][name] == ours


# -- respan-api 0.1.47 ------------------------------------------------------------------------


def test_respan_experiment_calls(respan: dict[str, Any], rs: Respan) -> None:
    assert respan["experiments"] == ids(rs.experiments.list().rows())
    completed = rs.experiments.list(F.status == "completed").rows()
    assert respan["completed experiments"] == ids(completed)
    assert respan["experiment"] == SEED_TRACE_EXPERIMENT
    assert respan["experiments summary"] == rs.experiments.count()
    assert respan["changes"] == {
        "created": "made by respan-api",
        "renamed": "renamed by respan-api",
    }


def test_respan_trace_calls(respan: dict[str, Any], rs: Respan) -> None:
    exp = SEED_TRACE_EXPERIMENT
    assert respan["traces"] == ids(rs.experiments.traces(exp).rows())
    assert respan["error traces"] == ids(rs.experiments.traces(exp, F.status == "error").rows())
    costly = rs.experiments.traces(exp, F.total_cost > 0.002, sort="-total_cost")
    assert respan["costly traces"] == ids(costly.rows())
    detail = rs.experiments.trace(exp, "trace_789abc")
    assert respan["trace detail"] == {
        "id": "trace_789abc",
        "tree": [node.id for node in detail.span_tree],
    }
    assert respan["trace summary"] == rs.experiments.summary(exp).number_of_requests
    histogram = rs.experiments.histogram(exp, "answer_relevance", bins=4)
    assert respan["histogram"] == [bin_.count for bin_ in histogram.bins]


def test_respan_dataset_and_log_calls(respan: dict[str, Any], rs: Respan) -> None:
    assert respan["dataset spans"] == ids(rs.datasets.spans(SEED_DATASET).rows())
    assert respan["spans"] == ids(rs.logs.spans(**EVER).rows())
    assert respan["org traces"] == ids(rs.logs.traces(**EVER).rows())


def test_respan_pager_reads_every_row_then_meets_the_documented_end(
    respan: dict[str, Any], rs: Respan
) -> None:
    """respan-api's pager asks for one page past the last; the service (and the emulator)
    answers DRF's 404 "Invalid page.". tracebridge stops at the count instead."""
    end = respan["pager end"]
    assert end["rows"] == ids(rs.experiments.traces(SEED_TRACE_EXPERIMENT).rows())
    assert end["error"] == 404 and end["body"] == {"detail": "Invalid page."}
