"""What each paged operation sends, read back from the emulator's request log: every page
asked exactly once with the page size asked for, the same frozen window and filters on every
page, and a walk that drops no repeated row. Deduplication can hide a paging bug (pages
that overlap by one row still give every row once), so a correct walk must drop none."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest

from tracebridge import F, Galileo, Respan
from tracebridge.emulator import Emulator, Running
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_DATASET,
    SEED_TRACE_EXPERIMENT,
)

Walk = Callable[[Respan, Galileo, int, int], Any]


@pytest.fixture
def clients(running: Running) -> Iterator[tuple[Respan, Galileo]]:
    with (
        Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs,
        Galileo(
            running.galileo_key, base_url=running.base_url, project_id=GALILEO_PROJECT_ID
        ) as gl,
    ):
        yield rs, gl


# name: (the listing for a page size and a concurrency, the path its pages go to, a page
# size that makes several pages of the test data)
RESPAN: dict[str, tuple[Walk, str, int]] = {
    "experiments": (lambda rs, gl, n, c: rs.experiments.list(page_size=n, concurrency=c), "/experiments/list/", 2),
    "experiment traces": (lambda rs, gl, n, c: rs.experiments.traces(SEED_TRACE_EXPERIMENT, F.total_cost >= 0, page_size=n, concurrency=c), "/logs/list/", 7),
    "dataset spans": (lambda rs, gl, n, c: rs.datasets.spans(SEED_DATASET, page_size=n, concurrency=c), "/logs/list/", 4),
    "organization spans": (lambda rs, gl, n, c: rs.logs.spans(start_time=EVER[0], end_time=EVER[1], page_size=n), "/request-logs/list/", 9),
    "organization traces": (lambda rs, gl, n, c: rs.logs.traces(start_time=EVER[0], end_time=EVER[1], page_size=n, concurrency=c), "/traces/list/", 4),
}  # fmt: skip
EVER = ("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z")
GALILEO: dict[str, tuple[Walk, int]] = {
    kind: (lambda rs, gl, n, c, kind=kind: gl.records(kind, log_stream_id=GALILEO_LOG_STREAM_ID, where=F.name != "zzz", page_size=n, concurrency=c), size)
    for kind, size in (("trace", 6), ("span", 6), ("session", 2))
}  # fmt: skip


def page_requests(emulator: Emulator, path: str) -> list[dict[str, Any]]:
    return [
        r for r in emulator.controls.request_log() if r["path"].endswith(path) and r["status"] < 400
    ]


@pytest.mark.parametrize("concurrency", [1, 3])
@pytest.mark.parametrize(("walk", "path", "size"), RESPAN.values(), ids=RESPAN.keys())
def test_respan_pages_are_asked_once_each_with_the_same_window(
    clients: tuple[Respan, Galileo],
    emulator: Emulator,
    walk: Walk,
    path: str,
    size: int,
    concurrency: int,
) -> None:
    rs, gl = clients
    pager = walk(rs, gl, size, concurrency)
    rows = list(pager.rows())
    queries = [parse_qs(r["query"]) for r in page_requests(emulator, path)]
    pages = sorted(int(q.get("page", ["1"])[0]) for q in queries)
    assert len(rows) > 2 * size  # several pages
    assert pages == list(range(1, len(pages) + 1)), pages  # each page once, none skipped
    assert {q["page_size"][0] for q in queries} == {str(size)}
    assert len(pages) == -(-len(rows) // size)  # no page past the last, none short of it
    windows = {(tuple(q.get("start_time", [])), tuple(q.get("end_time", []))) for q in queries}
    assert len(windows) == 1  # the same frozen window on every page
    bodies = {json.dumps(r["body"], sort_keys=True) for r in page_requests(emulator, path)}
    assert len(bodies) == 1  # the same filters on every page
    assert pager.repeated == 0 and len({pager._key(r) for r in rows}) == len(rows)


@pytest.mark.parametrize("concurrency", [1, 3])
@pytest.mark.parametrize(("walk", "size"), GALILEO.values(), ids=GALILEO.keys())
def test_galileo_pages_are_consecutive_offsets_of_the_page_size(
    clients: tuple[Respan, Galileo], emulator: Emulator, walk: Walk, size: int, concurrency: int
) -> None:
    rs, gl = clients
    pager = walk(rs, gl, size, concurrency)
    rows = list(pager.rows())
    bodies = [r["body"] for r in page_requests(emulator, "/search")]
    offsets = sorted(b.get("starting_token", 0) for b in bodies)
    assert len(rows) > 2 * size  # several pages
    assert offsets == [size * i for i in range(len(offsets))], offsets
    assert {b["limit"] for b in bodies} == {size}  # never page size + 1: pages would overlap
    assert len(offsets) == -(-len(rows) // size)
    rest = {json.dumps({k: v for k, v in b.items() if k != "starting_token"}) for b in bodies}
    assert len(rest) == 1  # the same run and filter tree on every page
    assert pager.repeated == 0 and len({r["id"] for r in rows}) == len(rows)


def test_a_walk_that_drops_repeats_says_how_many(caplog: pytest.LogCaptureFixture) -> None:
    """Overlapping pages (limit one more than the step) still give every row once: the
    repeats are counted and logged, so a paging bug is visible rather than hidden."""
    from tracebridge.pagination import Pager, PageRequest, PageResult

    rows = [{"id": i} for i in range(10)]

    def overlapping(request: PageRequest) -> PageResult:
        start = request.position
        return PageResult(rows[start : start + request.size + 1], start + request.size < 10)

    pager = Pager(overlapping, style="offset", page_size=3, parse=dict)
    with caplog.at_level("WARNING", logger="tracebridge"):
        assert [r["id"] for r in pager.rows()] == list(range(10))
    assert pager.repeated == 4  # 3, 6, 9, and 9 again when its page of repeats is asked again
    assert "4 rows repeated across pages were dropped" in caplog.text
