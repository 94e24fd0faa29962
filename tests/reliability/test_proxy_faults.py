"""Exports through an independent fault-injecting proxy (tests/proxy.py), not the emulator's
own knobs: every export ends with exactly the emulator's rows, or with a typed error and
nothing at the target. No run ends cleanly with the wrong rows.

The Respan paged export is tried in all four formats, blocking and asyncio, with each fault
once (the third page request) and for ever (every page request from the third on); the
Galileo stream the same, blocking and asyncio. Each case also pins which of the two
outcomes it has, so a change of behaviour shows.
"""

from __future__ import annotations

import asyncio
import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tracebridge import (
    APIConnectionError,
    AsyncGalileo,
    AsyncRespan,
    BadRequestError,
    Galileo,
    Respan,
    ServerError,
    TracebridgeError,
    UnexpectedResponseError,
)
from tracebridge.emulator import Emulator, Running, Sizes, serve
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_TRACE_EXPERIMENT,
)
from tracebridge.errors import IncompleteListingError
from tracebridge.transport import RetryPolicy

from ..proxy import FaultProxy, Rule

EXP = SEED_TRACE_EXPERIMENT
PAGES = "/logs/list/"
EXPORT = "export_records"
ROWS = "rows"  # the outcome: exactly the emulator's rows
RETRIES = 2

# fault: (outcome once, outcome for ever) for the Respan paged export
PAGED: dict[str, tuple[Any, Any]] = {
    "previous_page": (ROWS, ROWS),  # asked again, or the next request brings the rows
    "html_login": (UnexpectedResponseError, UnexpectedResponseError),
    "text_login": (ROWS, UnexpectedResponseError),  # labelled JSON, unreadable: asked again
    "empty_200": (ROWS, UnexpectedResponseError),
    "no_content": (UnexpectedResponseError, UnexpectedResponseError),
    "redirect": (UnexpectedResponseError, UnexpectedResponseError),
    "corrupt_gzip": (ROWS, UnexpectedResponseError),
    "reset_mid_body": (ROWS, APIConnectionError),
    "truncate": (ROWS, APIConnectionError),
    "rows_not_objects": (UnexpectedResponseError, UnexpectedResponseError),
    "echo_key_400": (BadRequestError, BadRequestError),
    "status_503": (ROWS, ServerError),
}
# fault: (outcome once, outcome for ever) for the Galileo stream
STREAMED: dict[str, tuple[Any, Any]] = {
    "html_login": (UnexpectedResponseError, UnexpectedResponseError),
    "text_login": (UnexpectedResponseError, UnexpectedResponseError),
    "empty_200": (ROWS, UnexpectedResponseError),  # the count says there are records
    "no_content": (UnexpectedResponseError, UnexpectedResponseError),
    "redirect": (UnexpectedResponseError, UnexpectedResponseError),
    "corrupt_gzip": (ROWS, UnexpectedResponseError),
    "reset_mid_body": (ROWS, APIConnectionError),
    "truncate": (ROWS, APIConnectionError),
    "rows_not_objects": (ROWS, UnexpectedResponseError),  # one line, no newline: cut short
    "echo_key_400": (BadRequestError, BadRequestError),
    "status_503": (ROWS, ServerError),
}
FORMATS = ("csv", "jsonl", "parquet", "xlsx")


@pytest.fixture(scope="module")
def upstream() -> Iterator[Running]:
    with serve(Emulator(seed=11, sizes=Sizes(traces=45, galileo_traces=30))) as running:
        yield running


@pytest.fixture
def proxy(upstream: Running) -> Iterator[FaultProxy]:
    with FaultProxy(upstream.base_url) as running_proxy:
        yield running_proxy


def read_ids(path: Path, format: str) -> list[str]:
    if format == "csv":
        with path.open(newline="", encoding="utf-8") as file:
            return [row["id"] for row in csv.DictReader(file)]
    if format == "jsonl":
        return [json.loads(line)["id"] for line in path.read_text("utf-8").splitlines()]
    if format == "parquet":
        import pyarrow.parquet as pq

        return [str(v) for v in pq.read_table(path, columns=["id"]).column("id").to_pylist()]
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    index = list(next(rows)).index("id")
    return [str(row[index]) for row in rows]


def truth(upstream: Running) -> list[str]:
    rows = upstream.emulator.data.experiment_traces[EXP]
    return [row["id"] for row in sorted(rows, key=lambda r: r["start_time"], reverse=True)]


def rule(action: str, path: str, forever: bool, skip: int) -> Rule:
    return Rule(action, path=path, skip=skip, times=None if forever else 1)


def quick(client: Any) -> Any:
    policy = RetryPolicy(client.settings.max_retries, backoff_base=0.001)
    client.transport.policy = client._core.policy = policy
    return client


def check(outcome: Any, run: Any, target: Path, expected: list[str], format: str) -> None:
    """The run ends as `outcome` says: exactly the rows, or that typed error and no file."""
    if outcome == ROWS:
        run()
        assert read_ids(target, format) == expected
    else:
        with pytest.raises(TracebridgeError) as caught:
            run()
        assert isinstance(caught.value, outcome), repr(caught.value)
        assert not target.exists()
    visible = [p.name for p in target.parent.iterdir() if not p.name.startswith(".")]
    assert visible == ([target.name] if outcome == ROWS else [])


def respan_run(proxy: FaultProxy, upstream: Running, target: Path, format: str, asynchronous: bool):
    options = {"base_url": proxy.url, "rate_limit": None, "max_retries": RETRIES, "timeout": 10}

    def run() -> None:
        if asynchronous:

            async def main() -> None:
                async with quick(AsyncRespan(upstream.respan_key, **options)) as rs:
                    pager = rs.experiments.traces(EXP, sort="-start_time", page_size=7)
                    await pager.to_file(target, format=format)

            asyncio.run(main())
            return
        with quick(Respan(upstream.respan_key, **options)) as rs:
            rs.experiments.traces(EXP, sort="-start_time", page_size=7).to_file(
                target, format=format
            )

    return run


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("forever", [False, True], ids=["once", "forever"])
@pytest.mark.parametrize("action", PAGED)
def test_a_paged_export_is_exact_or_a_typed_error(
    proxy: FaultProxy,
    upstream: Running,
    tmp_path: Path,
    action: str,
    forever: bool,
    format: str,
    asynchronous: bool,
) -> None:
    proxy.add(rule(action, PAGES, forever, skip=2))
    target = tmp_path / f"traces.{format}"
    run = respan_run(proxy, upstream, target, format, asynchronous)
    check(PAGED[action][forever], run, target, truth(upstream), format)
    assert proxy.applied, "the fault was never applied"


def test_a_page_answered_twice_with_the_page_before_is_an_incomplete_listing(
    proxy: FaultProxy, upstream: Running, tmp_path: Path
) -> None:
    """The third page and its second asking both bring the second page's rows: the rows of
    the real third page never come, and the export says so instead of ending short."""
    proxy.add(Rule("previous_page", path=PAGES, skip=2, times=2))
    target = tmp_path / "traces.csv"
    run = respan_run(proxy, upstream, target, "csv", asynchronous=False)
    total = len(truth(upstream))
    with pytest.raises(
        IncompleteListingError, match=f"counted {total} rows but .* held {total - 7}"
    ):
        run()
    assert list(tmp_path.iterdir()) == []  # nothing to resume: the work files are gone too


def test_a_key_echoed_by_the_service_never_reaches_the_error(
    proxy: FaultProxy, upstream: Running, tmp_path: Path
) -> None:
    proxy.add(Rule("echo_key_400", path=PAGES, times=None))
    client = Respan(upstream.respan_key, base_url=proxy.url, rate_limit=None)
    with client as rs, pytest.raises(BadRequestError) as caught:
        rs.experiments.traces(EXP).to_csv(tmp_path / "t.csv")
    error = caught.value
    shown = " ".join([str(error), repr(error), json.dumps(error.body), error.detail])
    assert upstream.respan_key not in shown and "********" in error.detail


def galileo_run(
    proxy: FaultProxy, upstream: Running, target: Path, asynchronous: bool, retries: int = RETRIES
):
    options = {"base_url": proxy.url, "project_id": GALILEO_PROJECT_ID, "max_retries": retries}
    arguments = {"log_stream_id": GALILEO_LOG_STREAM_ID, "to": target}

    def run() -> None:
        if asynchronous:

            async def main() -> None:
                async with quick(AsyncGalileo(upstream.galileo_key, **options)) as gl:
                    await gl.export_records("trace", **arguments)

            asyncio.run(main())
            return
        with quick(Galileo(upstream.galileo_key, **options)) as gl:
            gl.export_records("trace", **arguments)

    return run


def galileo_truth(upstream: Running) -> list[str]:
    with Galileo(upstream.galileo_key, base_url=upstream.base_url) as gl:
        rows = gl.export_rows(
            "trace", log_stream_id=GALILEO_LOG_STREAM_ID, project_id=GALILEO_PROJECT_ID
        )
        return [row["id"] for row in rows]


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("forever", [False, True], ids=["once", "forever"])
@pytest.mark.parametrize("action", STREAMED)
def test_a_galileo_stream_is_exact_or_a_typed_error(
    proxy: FaultProxy,
    upstream: Running,
    tmp_path: Path,
    action: str,
    forever: bool,
    asynchronous: bool,
) -> None:
    expected = galileo_truth(upstream)
    proxy.add(rule(action, EXPORT, forever, skip=0))
    target = tmp_path / "traces.jsonl"
    run = galileo_run(proxy, upstream, target, asynchronous)
    check(STREAMED[action][forever], run, target, expected, "jsonl")


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_the_stream_and_the_transport_share_one_retry_budget(
    proxy: FaultProxy, upstream: Running, tmp_path: Path, asynchronous: bool
) -> None:
    """A body cut mid-way is retried by the stream's loop, a 503 by the transport: with
    max_retries=3, at most four requests in all, whichever retries them."""
    proxy.add(Rule("reset_mid_body", path=EXPORT, times=2), Rule("status_503", path=EXPORT))
    proxy.add(Rule("truncate", path=EXPORT, times=None))
    run = galileo_run(proxy, upstream, tmp_path / "t.jsonl", asynchronous, retries=3)
    with pytest.raises(APIConnectionError):
        run()
    sent = [action for action, path in proxy.applied if EXPORT in path]
    assert sent == ["reset_mid_body", "reset_mid_body", "status_503", "truncate"]


@pytest.mark.parametrize("action", ["html_login", "text_login", "rows_not_objects"])
def test_rows_read_from_a_stream_that_is_not_an_export_are_a_typed_error(
    proxy: FaultProxy, upstream: Running, action: str
) -> None:
    proxy.add(Rule(action, path=EXPORT, times=None))
    client = Galileo(upstream.galileo_key, base_url=proxy.url, project_id=GALILEO_PROJECT_ID)
    with client as gl, pytest.raises(UnexpectedResponseError):
        list(gl.export_rows("trace", log_stream_id=GALILEO_LOG_STREAM_ID))
