"""Sync through the fault proxy (`tests/proxy.py`, written apart from the emulator): whatever
the service or the network does wrong, a run ends with exactly the rows a clean full walk
gives, or with a typed error after which the next clean run does. Never exit 0 with fewer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.proxy import FaultProxy, Rule
from tests.sync.conftest import TARGETS
from tests.sync.test_sync import SIZES, _contents, _open, _same, _sources, _truth
from tracebridge import Galileo, Respan
from tracebridge.emulator import Emulator, Running, serve
from tracebridge.emulator.data import GALILEO_PROJECT_ID
from tracebridge.errors import (
    IncompleteListingError,
    TracebridgeError,
    UnexpectedResponseError,
)
from tracebridge.syncing import sync

pytest.importorskip("duckdb")


@pytest.fixture
def running() -> Iterator[Running]:
    with serve(Emulator(seed=11, sizes=SIZES)) as served:
        yield served


@pytest.fixture
def proxy(running: Running) -> Iterator[FaultProxy]:
    with FaultProxy(running.base_url) as faults:
        yield faults


def _sync(running: Running, url: str, target: str, *, full: bool = False) -> Any:
    rs = Respan(running.respan_key, base_url=url, rate_limit=None)
    rs.transport.sleep = lambda seconds: None
    gl = Galileo(running.galileo_key, base_url=url, project_id=GALILEO_PROJECT_ID)
    gl.transport.sleep = lambda seconds: None
    with rs, gl:
        return sync(_sources(running), _open(target), respan=rs, galileo=gl, full=full)


# Each fault, applied for ever: what a run through it must end with.
# A DuckDB target reads Galileo through the service's export, the others through its pages.
SHORT_FAULTS = [
    pytest.param("duckdb", ("drop_lines", "export_records"), id="duckdb-export-lines-dropped"),
    *(pytest.param(kind, ("drop_rows", "/logs/list/"), id=f"{kind}-respan-page-rows-dropped")
      for kind in TARGETS),
    *(pytest.param(kind, ("drop_rows", "/search"), id=f"{kind}-galileo-page-rows-dropped")
      for kind in ("postgres", "dataset")),
]  # fmt: skip


@pytest.mark.parametrize(("target", "fault"), SHORT_FAULTS, indirect=["target"])
def test_a_walk_short_of_the_services_count_fails_and_the_next_run_has_every_row(
    running: Running, proxy: FaultProxy, target: str, fault: tuple[str, str]
) -> None:
    """Rows go missing on the way (a clean body or page that holds fewer rows than the
    service counts): the run fails with a typed error instead of storing fewer rows and
    moving its watermark past them; the next run, without the fault, ends with every row."""
    action, path = fault
    proxy.add(Rule(action, path=path, times=None))
    with pytest.raises((UnexpectedResponseError, IncompleteListingError)) as failed:
        _sync(running, proxy.url, target)
    assert "count" in str(failed.value), failed.value
    if not proxy.applied:
        pytest.fail(f"the fault {action} never applied to this target's requests")
    _a_clean_run_repairs(running, proxy, target)


def _a_clean_run_repairs(running: Running, proxy: FaultProxy, target: str) -> None:
    """Without the fault, one more run ends with exactly a clean full walk's rows."""
    proxy.clear()
    _sync(running, proxy.url, target)
    _same(_contents(target), _truth(running))


def test_an_html_line_inside_an_export_blames_the_service_not_the_database(
    running: Running, proxy: FaultProxy, tmp_path: Path
) -> None:
    """A line that is not JSON in Galileo's export is the service's fault (exit 3), not a
    failure to write the user's database; the next clean run ends with every row."""
    database = str(tmp_path / "copy.duckdb")
    proxy.add(Rule("html_line", path="export_records", times=None))
    with pytest.raises(UnexpectedResponseError) as failed:
        _sync(running, proxy.url, database)
    message = str(failed.value)
    assert "could not write" not in message and "JSON" in message, message
    _a_clean_run_repairs(running, proxy, database)


TRANSIENT_FAULTS = [
    pytest.param(Rule("status_503", path="export_records", times=2), id="export-503"),
    pytest.param(Rule("reset_mid_body", path="export_records", times=1), id="export-reset"),
    pytest.param(Rule("truncate", path="/search", times=1), id="galileo-page-truncated"),
    pytest.param(
        Rule("previous_page", path="/logs/list/", skip=1, times=1), id="respan-page-again"
    ),
    pytest.param(Rule("status_503", path="/logs/list/", skip=1, times=2), id="respan-503"),
]


@pytest.mark.parametrize("fault", TRANSIENT_FAULTS)
def test_a_sync_through_a_passing_fault_ends_with_exactly_the_services_rows(
    running: Running, proxy: FaultProxy, target: str, fault: Rule
) -> None:
    """A fault that passes (a 503, a reset, a page answered with the one before) ends,
    after retries or one more run, with exactly the rows of a clean full walk."""
    proxy.add(fault)
    try:
        _sync(running, proxy.url, target)
    except TracebridgeError:
        _a_clean_run_repairs(running, proxy, target)
    else:
        _same(_contents(target), _truth(running))


def test_records_without_a_creation_time_are_not_new_again_on_every_run(
    running: Running, proxy: FaultProxy, target: str
) -> None:
    """Galileo records sent without `created_at` (the field the walk is ordered by) beside
    records that have one: stored once, then unchanged when read again, not inserted again."""

    def undated(old: Any, row: dict[str, Any]) -> Any:  # half the records, the same each run
        return None if str(row.get("id"))[-1] in "02468ace" else old

    proxy.add(Rule("set_field", path="export_records", times=None, key="created_at", value=undated))
    proxy.add(Rule("set_field", path="/search", times=None, key="created_at", value=undated))
    first = _sync(running, proxy.url, target)
    again = _sync(running, proxy.url, target, full=True)  # every record read and compared again
    assert first.tables["traces"].new > 0 and again.tables["traces"].unchanged > 0
    assert again.tables["traces"].new == again.tables["spans"].new == 0
    assert again.tables["traces"].updated == again.tables["spans"].updated == 0
