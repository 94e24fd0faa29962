"""The pager over the emulator: every row exactly once for any page size and concurrency, in
order; no request past the last page or beyond what max_items needs; resume; a frozen
window plus dropped repeats keep rows inserted mid-walk from causing duplicates or gaps."""

from __future__ import annotations

import asyncio
import datetime
import math
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import galileo_client
import respan_client
from galileo_client.api.records import search_traces
from galileo_client.models import LogRecordsQueryRequest
from respan_client.api.experiment_traces import filter_experiment_traces
from respan_client.models import FilterRequest, Trace
from tracebridge.emulator import Emulator, Insertion, Running, serve
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_TRACE_EXPERIMENT,
)
from tracebridge.errors import ConfigError, NotFoundError, error_from_response
from tracebridge.pagination import AsyncPager, Page, Pager, PageRequest, PageResult

from ..support import SIZES

LIST_PATH = f"/api/v2/experiments/{SEED_TRACE_EXPERIMENT}/logs/list/"
SEARCH_PATH = f"/v2/projects/{GALILEO_PROJECT_ID}/traces/search"
Row = dict[str, Any]


def respan_fetch(
    running: Running, end_time: datetime.datetime | None = None
) -> Callable[[PageRequest], PageResult]:
    client = respan_client.AuthenticatedClient(
        base_url=running.base_url, token=running.respan_key
    ).get_httpx_client()
    extra = {"end_time": end_time} if end_time else {}

    def fetch(request: PageRequest) -> PageResult:
        kwargs = filter_experiment_traces.build_request(
            SEED_TRACE_EXPERIMENT,
            body=FilterRequest(),
            page=request.position,
            page_size=request.size,
            **extra,
        )
        response = client.request(**kwargs)
        if response.status_code >= 400:
            raise error_from_response(response)
        page = response.json()
        return PageResult(page["results"], page["next"] is not None, page["count"])

    return fetch


def galileo_fetch(running: Running) -> Callable[[PageRequest], PageResult]:
    client = galileo_client.AuthenticatedClient(
        base_url=running.base_url,
        token=running.galileo_key,
        prefix="",
        auth_header_name="Galileo-API-Key",
    ).get_httpx_client()

    def fetch(request: PageRequest) -> PageResult:
        body = LogRecordsQueryRequest.from_dict(
            {
                "log_stream_id": GALILEO_LOG_STREAM_ID,
                "starting_token": request.position,
                "limit": request.size,
            }
        )
        response = client.request(**search_traces.build_request(GALILEO_PROJECT_ID, body=body))
        if response.status_code >= 400:
            raise error_from_response(response)
        page = response.json()
        return PageResult(page["records"], page["next_starting_token"] is not None, None)

    return fetch


def traces(running: Running, **options: Any) -> Pager[Trace]:
    options.setdefault("page_size", 10)
    return Pager(
        respan_fetch(running, options.pop("end_time", None)),
        style="page",
        parse=Trace.from_dict,
        **options,
    )


def truth(running: Running) -> list[str]:
    return [row["id"] for row in running.emulator.data.experiment_traces[SEED_TRACE_EXPERIMENT]]


def list_requests(emulator: Emulator) -> list[dict[str, Any]]:
    return [r for r in emulator.controls.request_log() if r["path"] == LIST_PATH]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(page_size=st.integers(1, 100), concurrency=st.integers(1, 8))
def test_every_row_once_in_order_for_any_page_size_and_concurrency(
    running: Running, page_size: int, concurrency: int
) -> None:
    pager = traces(running, page_size=page_size, concurrency=concurrency)
    assert [trace.id for trace in pager] == truth(running)


def test_count_is_the_total_and_the_first_page_is_fetched_once(
    emulator: Emulator, running: Running
) -> None:
    pager = traces(running, page_size=25)
    assert pager.count == 61
    assert len(list_requests(emulator)) == 1
    assert len(list(pager)) == 61
    assert [r["query"] for r in list_requests(emulator)] == [
        f"page={n}&page_size=25" for n in (1, 2, 3)
    ]
    assert all(r["status"] == 200 for r in list_requests(emulator))  # never the 404 past the end


@pytest.mark.parametrize("concurrency", [1, 4])
def test_max_items_stops_without_asking_for_more_pages(
    emulator: Emulator, running: Running, concurrency: int
) -> None:
    assert [t.id for t in traces(running, max_items=23, concurrency=concurrency)] == truth(running)[
        :23
    ]
    assert len(list_requests(emulator)) == 3
    emulator.controls.requests.clear()
    assert list(traces(running, max_items=0)) == [] and list_requests(emulator) == []


@pytest.mark.parametrize("concurrency", [1, 3])
def test_resume_from_a_page(running: Running, concurrency: int) -> None:
    assert [t.id for t in traces(running, start=4, concurrency=concurrency)] == truth(running)[30:]


def test_concurrent_pages_come_back_in_order_even_when_slow(
    emulator: Emulator, running: Running
) -> None:
    emulator.controls.latency = 0.05
    pages = list(traces(running, page_size=7, concurrency=8).pages())
    assert [page.request.position for page in pages] == list(range(1, 10))
    assert [trace.id for page in pages for trace in page.items] == truth(running)
    assert pages[-1].has_next is False and all(isinstance(p, Page) and p.total == 61 for p in pages)


def test_rows_give_the_raw_dicts(running: Running) -> None:
    rows = list(traces(running, page_size=50).rows())
    assert (
        isinstance(rows[0], dict)
        and rows[-1] == running.emulator.data.experiment_traces[SEED_TRACE_EXPERIMENT][-1]
    )


@pytest.mark.parametrize("concurrency", [1, 4])
def test_rows_inserted_during_the_walk_cause_no_duplicates_or_gaps(concurrency: int) -> None:
    with serve(Emulator(seed=5, sizes=SIZES)) as running:
        before = truth(running)
        running.emulator.controls.insertions.append(
            Insertion(experiment_id=SEED_TRACE_EXPERIMENT, rows=3, path=LIST_PATH)
        )
        frozen = datetime.datetime.now(datetime.UTC)
        walked = [
            t.id for t in traces(running, page_size=8, concurrency=concurrency, end_time=frozen)
        ]
        assert walked == before  # the window frozen at the start: new rows stay out
        assert len(truth(running)) > len(before)  # and yet rows were inserted meanwhile


def test_without_a_frozen_window_repeats_are_still_dropped() -> None:
    with serve(Emulator(seed=5, sizes=SIZES)) as running:
        before = truth(running)
        running.emulator.controls.insertions.append(
            Insertion(experiment_id=SEED_TRACE_EXPERIMENT, rows=2, path=LIST_PATH)
        )
        walked = [t.id for t in traces(running, page_size=8)]
        assert len(walked) == len(set(walked))  # shifted pages repeat rows: dropped
        assert set(before) - set(walked) == set()  # and none of the old rows is lost


def test_offset_tokens_for_galileo_with_and_without_a_total(running: Running) -> None:
    expected = [r["id"] for r in running.emulator.data.galileo_runs[GALILEO_LOG_STREAM_ID].traces]
    sequential = Pager(galileo_fetch(running), style="offset", page_size=4, parse=dict)
    assert sequential.count is None
    assert [r["id"] for r in sequential] == expected
    ahead = Pager(
        galileo_fetch(running),
        style="offset",
        page_size=4,
        parse=dict,
        concurrency=5,
        total=len(expected),
    )
    assert [r["id"] for r in ahead] == expected
    resumed = Pager(galileo_fetch(running), style="offset", page_size=4, parse=dict, start=10)
    assert [r["id"] for r in resumed] == expected[10:]


def test_repeated_ids_across_pages_are_dropped() -> None:
    pages = {
        1: [{"id": 1}, {"id": 2}],
        2: [{"id": 2}, {"id": 3}],
        3: [{"id": 3}, {"id": None}, {"id": None}],
    }

    def fetch(request: PageRequest) -> PageResult:
        return PageResult(pages[request.position], request.position < 3, None)

    assert [row["id"] for row in Pager(fetch, style="page", page_size=2, parse=dict)] == [
        1,
        2,
        3,
        None,
        None,
    ]


def test_an_error_page_raises_the_typed_error(emulator: Emulator, running: Running) -> None:
    with pytest.raises(NotFoundError):
        list(traces(running, start=99))


BAD = {
    "page_size 0": ({"page_size": 0}, "page_size must be a whole number from 1 to 100, not 0"),
    "page_size 101": (
        {"page_size": 101},
        "page_size must be a whole number from 1 to 100, not 101",
    ),
    "page_size text": ({"page_size": "10"}, "page_size must be a whole number"),
    "negative max_items": ({"max_items": -1}, "max_items must be a whole number from 0"),
    "start page 0": ({"start": 0}, "start page must be a page number from 1"),
    "concurrency 0": ({"concurrency": 0}, "concurrency must be a whole number from 1"),
}


@pytest.mark.parametrize(("options", "message"), BAD.values(), ids=BAD.keys())
def test_bad_options_fail_before_any_request(
    emulator: Emulator, running: Running, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        traces(running, **options)
    assert list_requests(emulator) == []


def test_page_count_matches_the_ceiling(running: Running, emulator: Emulator) -> None:
    for size in (1, 7, 61, 100):
        emulator.controls.requests.clear()
        list(traces(running, page_size=size, concurrency=3).rows())
        assert len(list_requests(emulator)) == math.ceil(61 / size)


# -- the async pager ---------------------------------------------------------------------------


def async_respan_fetch(
    client: httpx.AsyncClient, end_time: datetime.datetime | None = None
) -> Callable[[PageRequest], Any]:
    extra = {"end_time": end_time} if end_time else {}

    async def fetch(request: PageRequest) -> PageResult:
        kwargs = filter_experiment_traces.build_request(
            SEED_TRACE_EXPERIMENT,
            body=FilterRequest(),
            page=request.position,
            page_size=request.size,
            **extra,
        )
        response = await client.request(**kwargs)
        if response.status_code >= 400:
            raise error_from_response(response)
        page = response.json()
        return PageResult(page["results"], page["next"] is not None, page["count"])

    return fetch


def walk_async(
    running: Running, *, end_time: datetime.datetime | None = None, **options: Any
) -> tuple[int | None, list[str]]:
    async def walk() -> tuple[int | None, list[str]]:
        headers = {"Authorization": f"Bearer {running.respan_key}"}
        async with httpx.AsyncClient(base_url=running.base_url, headers=headers) as client:
            pager = AsyncPager(
                async_respan_fetch(client, end_time), style="page", parse=Trace.from_dict, **options
            )
            count = await pager.count
            return count, [trace.id async for trace in pager]

    return asyncio.run(walk())


@pytest.mark.parametrize(("page_size", "concurrency"), [(1, 1), (7, 1), (7, 4), (25, 8), (100, 3)])
def test_async_pager_gives_what_the_sync_pager_gives(
    running: Running, page_size: int, concurrency: int
) -> None:
    count, ids = walk_async(running, page_size=page_size, concurrency=concurrency)
    sync = traces(running, page_size=page_size, concurrency=concurrency)
    assert count == sync.count == 61
    assert ids == [t.id for t in sync] == truth(running)


def test_async_pager_max_items_resume_and_pages(emulator: Emulator, running: Running) -> None:
    assert walk_async(running, page_size=10, max_items=15, concurrency=4)[1] == truth(running)[:15]
    assert len(list_requests(emulator)) == 2
    assert walk_async(running, page_size=10, start=6)[1] == truth(running)[50:]

    async def positions() -> list[int]:
        headers = {"Authorization": f"Bearer {running.respan_key}"}
        async with httpx.AsyncClient(base_url=running.base_url, headers=headers) as client:
            pager = AsyncPager(
                async_respan_fetch(client), style="page", page_size=20, parse=dict, concurrency=2
            )
            return [page.request.position async for page in pager.pages()]

    assert asyncio.run(positions()) == [1, 2, 3, 4]


def test_async_pager_under_insertion_with_a_frozen_window() -> None:
    with serve(Emulator(seed=5, sizes=SIZES)) as running:
        before = truth(running)
        running.emulator.controls.insertions.append(
            Insertion(experiment_id=SEED_TRACE_EXPERIMENT, rows=3, path=LIST_PATH)
        )
        frozen = datetime.datetime.now(datetime.UTC)
        assert walk_async(running, page_size=8, concurrency=4, end_time=frozen)[1] == before


def test_async_pager_checks_options_too() -> None:
    async def never(request: PageRequest) -> PageResult:
        raise AssertionError("no request may be made")

    with pytest.raises(ConfigError, match="page_size must be a whole number from 1 to 100"):
        AsyncPager(never, style="page", page_size=101, parse=dict)
