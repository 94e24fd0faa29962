"""AsyncRespan and AsyncGalileo: the same surface as the blocking clients, the same answers
from the emulator, the same errors, and their own pool, retries and rate limit."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

import pytest

from tracebridge import (
    AsyncGalileo,
    AsyncPager,
    AsyncRespan,
    ConfigError,
    F,
    FilterError,
    Galileo,
    NotFoundError,
    Pager,
    Respan,
)
from tracebridge.emulator import Emulator, Fault, Running, serve
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_DATASET,
    SEED_TRACE_EXPERIMENT,
)
from tracebridge.galileo import GalileoPlans
from tracebridge.respan import DatasetPlans, ExperimentPlans, LogPlans

from ..support import SIZES

EXP = SEED_TRACE_EXPERIMENT
WINDOW = {"start_time": "2025-05-01T00:00:00Z", "end_time": "2025-07-01T00:00:00Z"}
STREAM = GALILEO_LOG_STREAM_ID


def public(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in vars(cls).items()
        if callable(member) and not name.startswith("_")
    }


def respan_resources(client: Respan | AsyncRespan) -> dict[str, Any]:
    return {
        "experiments": client.experiments,
        "datasets": client.datasets,
        "logs": client.logs,
    }


@pytest.mark.parametrize(
    ("plans", "resource"),
    [(ExperimentPlans, "experiments"), (DatasetPlans, "datasets"), (LogPlans, "logs")],
)
def test_respan_resources_have_every_plan_with_its_signature(
    running: Running, plans: type, resource: str
) -> None:
    sync = Respan(running.respan_key, base_url=running.base_url)
    asy = AsyncRespan(running.respan_key, base_url=running.base_url)
    expected = public(plans)
    for client in (sync, asy):
        methods = {
            name: inspect.signature(getattr(getattr(client, resource), name)) for name in expected
        }
        for name, signature in expected.items():
            bound = list(signature.parameters.values())[1:]  # without the plan's self
            assert list(methods[name].parameters.values()) == bound, name
            assert getattr(getattr(client, resource), name).__doc__ == getattr(plans, name).__doc__
    sync.close()


def test_galileo_clients_have_every_plan(running: Running) -> None:
    expected = public(GalileoPlans)
    for cls in (Galileo, AsyncGalileo):
        for name, signature in expected.items():
            method = inspect.signature(getattr(cls(running.galileo_key), name))
            assert list(method.parameters.values()) == list(signature.parameters.values())[1:]


async def collect(result: Any) -> Any:
    """What a call gave, comparable across the two clients."""
    if isinstance(result, AsyncPager):
        return {"count": await result.count, "rows": [row async for row in result.rows()]}
    if isinstance(result, Pager):
        return {"count": result.count, "rows": list(result.rows())}
    if inspect.isawaitable(result):
        result = await result
    if isinstance(result, list):
        return [item.to_dict() for item in result]
    return result.to_dict() if hasattr(result, "to_dict") else result


# The same calls on both clients; listings at several page sizes and concurrencies.
RESPAN_CALLS: dict[str, Callable[[Any], Any]] = {
    "experiments.list": lambda c: c.experiments.list(page_size=3),
    "experiments.list where": lambda c: c.experiments.list(F.status == "completed", page_size=2),
    "experiments.count": lambda c: c.experiments.count(),
    "experiments.get": lambda c: c.experiments.get(EXP),
    "experiments.traces": lambda c: c.experiments.traces(
        EXP, "total_cost > 0.001", sort="start_time", page_size=7, concurrency=3, **WINDOW
    ),
    "experiments.traces max_items": lambda c: c.experiments.traces(
        EXP, page_size=4, max_items=9, start_page=2, **WINDOW
    ),
    "experiments.summary": lambda c: c.experiments.summary(EXP, F.status == "success"),
    "datasets.spans": lambda c: c.datasets.spans(SEED_DATASET, page_size=9, concurrency=2),
    "logs.traces": lambda c: c.logs.traces(page_size=8, **WINDOW),
    "logs.spans": lambda c: c.logs.spans(page_size=25, **WINDOW),
}


@pytest.mark.parametrize("call", RESPAN_CALLS.values(), ids=RESPAN_CALLS.keys())
def test_respan_answers_are_the_same(running: Running, call: Callable[[Any], Any]) -> None:
    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as sync:
        expected = asyncio.run(collect(call(sync)))

    async def main() -> Any:
        async with AsyncRespan(
            running.respan_key, base_url=running.base_url, rate_limit=None
        ) as client:
            return await collect(call(client))

    got = asyncio.run(main())
    assert got == expected
    if isinstance(expected, dict) and "rows" in expected:
        assert expected["rows"], "a listing that is empty shows nothing"


GALILEO_CALLS: dict[str, Callable[[Any], Any]] = {
    "projects": lambda c: c.projects(),
    "log_streams": lambda c: c.log_streams(),
    "experiments": lambda c: c.experiments(),
    "records": lambda c: c.records(
        "span", log_stream_id=STREAM, where=F.name.contains("tool") | (F["metrics.duration_ns"] > 4e9),
        page_size=6, concurrency=3,
    ),
    "count": lambda c: c.count("trace", log_stream_id=STREAM, where=~F.input.contains("x")),
    "columns": lambda c: c.columns("session", log_stream_id=STREAM),
}  # fmt: skip


@pytest.mark.parametrize("call", GALILEO_CALLS.values(), ids=GALILEO_CALLS.keys())
def test_galileo_answers_are_the_same(running: Running, call: Callable[[Any], Any]) -> None:
    options = {"base_url": running.base_url, "project_id": GALILEO_PROJECT_ID}
    with Galileo(running.galileo_key, **options) as sync:
        expected = asyncio.run(collect(call(sync)))

    async def main() -> Any:
        async with AsyncGalileo(running.galileo_key, **options) as client:
            return await collect(call(client))

    assert asyncio.run(main()) == expected


def test_bad_input_fails_when_called_before_any_request(
    running: Running, emulator: Emulator
) -> None:
    client = AsyncRespan(running.respan_key, base_url=running.base_url)
    with pytest.raises(FilterError, match="nope"):
        client.experiments.traces(EXP, F.nope == 1)
    with pytest.raises(ConfigError, match="experiment_id"):
        client.experiments.get(" exp ")  # raised by the call itself, nothing to await
    with pytest.raises(ConfigError, match="page_size"):
        client.datasets.spans(SEED_DATASET, page_size=0)
    assert emulator.controls.request_log() == []


def test_errors_and_retries_are_the_same(running: Running, emulator: Emulator) -> None:
    async def main() -> int:
        async with AsyncRespan(running.respan_key, base_url=running.base_url) as client:
            with pytest.raises(NotFoundError, match="404"):
                await client.experiments.get("exp_nope")
            emulator.inject(Fault("status", status=503, times=2, path="/logs/list/"))
            client.transport.policy = type(client.transport.policy)(backoff_base=0.001)
            traces = [t async for t in client.experiments.traces(EXP, page_size=50)]
            assert len(traces) == 61
            return client.transport.retries

    assert asyncio.run(main()) == 2


def test_one_rate_limit_for_every_concurrent_task() -> None:
    """Pages fetched ahead by tasks, and other calls at once, share the client's bucket."""
    with serve(Emulator(seed=3, sizes=SIZES)) as running:
        controls = running.emulator.controls
        controls.rate_limit, controls.rate_window = 8, 1.0

        async def main(rate_limit: int | None) -> int:
            async with AsyncRespan(
                running.respan_key,
                base_url=running.base_url,
                rate_limit=rate_limit,
                rate_window=1.0,
                max_retries=5,
            ) as client:
                client.transport.policy = type(client.transport.policy)(backoff_base=0.05)

                async def walk() -> list[Any]:
                    pager = client.experiments.traces(EXP, page_size=10, concurrency=4)
                    return [trace async for trace in pager]

                walks = await asyncio.gather(walk(), walk())
                assert [len(w) for w in walks] == [61, 61]
                return client.transport.retries

        assert asyncio.run(main(8)) == 0 and controls.throttled == 0
        controls.limiter.clear()
        assert asyncio.run(main(None)) > 0 and controls.throttled > 0
