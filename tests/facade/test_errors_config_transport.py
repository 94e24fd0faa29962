"""Typed errors from the emulator's real answers; configuration from arguments and the
environment; retries and the rate limiter as transports (the raw clients can use them too)."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import logging
import threading
from collections import deque
from pathlib import Path
from typing import Any

import httpx
import pytest

import galileo_client
import respan_client
from galileo_client.api.records import get_span_columns
from galileo_client.models import AvailableColumnsRequest
from respan_client.api.datasets import list_dataset_spans
from respan_client.api.experiment_traces import (
    export_experiment_traces,
    filter_experiment_traces,
    list_experiment_traces,
)
from respan_client.api.experiments import delete_experiment
from respan_client.api.logs import list_spans
from respan_client.models import (
    DatasetSpanFilterRequest,
    FilterRequest,
    ListFilterRequest,
    LogFilterRequest,
    TraceList,
    TruthyFlag,
)
from tracebridge.config import Secret, galileo_settings, respan_settings
from tracebridge.core import build_core
from tracebridge.emulator import Emulator, Fault, Running, serve
from tracebridge.emulator.data import (
    GALILEO_LOG_STREAM_ID,
    GALILEO_PROJECT_ID,
    SEED_TRACE_EXPERIMENT,
)
from tracebridge.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConfigError,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitError,
    ServerError,
    ValidationError,
    error_from_response,
)
from tracebridge.transport import (
    STREAM_EXTENSION,
    AsyncRetryTransport,
    RetryPolicy,
    RetryTransport,
    TokenBucket,
    rate_limited,
    safe_to_retry,
)

from ..support import SIZES

TRACES = f"/api/v2/experiments/{SEED_TRACE_EXPERIMENT}/logs/"
GALILEO = f"/v2/projects/{GALILEO_PROJECT_ID}"


def respan_get(running: Running, url: str, **kwargs: Any) -> httpx.Response:
    return httpx.request(
        kwargs.pop("method", "GET"),
        running.base_url + url,
        headers={"Authorization": f"Bearer {running.respan_key}"},
        **kwargs,
    )


# -- errors ------------------------------------------------------------------------------------


def test_each_status_gets_its_class_with_the_service_detail(
    emulator: Emulator, running: Running
) -> None:
    bad = error_from_response(
        respan_get(
            running,
            TRACES + "list/",
            method="POST",
            json={"filters": {"colour": {"operator": "", "value": ["x"]}}},
        )
    )
    assert (
        type(bad) is BadRequestError
        and bad.detail == "Unknown filter field: colour"
        and bad.status == 400
    )
    assert isinstance(
        error_from_response(httpx.get(running.base_url + TRACES)), AuthenticationError
    )
    missing = error_from_response(respan_get(running, "/api/v2/experiments/exp_nope/"))
    assert type(missing) is NotFoundError and missing.request == "GET /api/v2/experiments/exp_nope/"
    assert str(missing) == "HTTP 404: Not found. (GET /api/v2/experiments/exp_nope/)"  # which id
    emulator.controls.max_body_bytes = 10
    assert (
        type(
            error_from_response(
                respan_get(running, TRACES + "list/", method="POST", json={"filters": {}})
            )
        )
        is PayloadTooLargeError
    )


def test_validation_errors_keep_the_detail_in_each_form(running: Running) -> None:
    respan = error_from_response(
        respan_get(running, "/api/v2/experiments/", method="POST", json={"workflow": []})
    )
    assert type(respan) is ValidationError
    assert respan.errors == {
        "dataset_id": ["This field is required."],
        "workflow": ["This field is required."],
    }
    headers = {"Galileo-API-Key": running.galileo_key}
    listed = error_from_response(
        httpx.post(
            running.base_url + GALILEO + "/traces/search",
            json={"log_stream_id": "x"},
            headers=headers,
        )
    )
    assert type(listed) is ValidationError
    assert listed.errors == [
        {
            "loc": ["body", "log_stream_id"],
            "msg": "Input should be a valid UUID",
            "type": "uuid_parsing",
            "input": "x",
        }
    ]
    assert str(listed).startswith("HTTP 422: log_stream_id: Input should be a valid UUID (POST ")
    text = error_from_response(
        httpx.post(running.base_url + GALILEO + "/traces/count", json={}, headers=headers)
    )
    assert (
        text.detail
        == "Exactly one of log_stream_id, experiment_id or metrics_testing_id is required."
    )


def test_rate_limit_error_reads_retry_after_from_header_or_body(
    emulator: Emulator, running: Running
) -> None:
    emulator.inject(
        Fault("status", status=429, retry_after=7),
        Fault("status", status=429, retry_after=2.5, retry_after_header=False),
    )
    with_header = error_from_response(respan_get(running, TRACES))
    body_only = error_from_response(respan_get(running, TRACES))
    assert isinstance(with_header, RateLimitError) and with_header.retry_after == 7
    assert isinstance(body_only, RateLimitError) and body_only.retry_after == 2.5


def test_a_retry_after_date_is_read_as_seconds() -> None:
    response = httpx.Response(
        429,
        headers={
            "Retry-After": "Wed, 21 Oct 2026 07:28:30 GMT",
            "Date": "Wed, 21 Oct 2026 07:28:00 GMT",
        },
    )
    assert error_from_response(response).retry_after == 30  # type: ignore[attr-defined]


def test_an_html_or_text_error_page_still_gives_a_typed_error_with_an_excerpt(
    emulator: Emulator, running: Running
) -> None:
    emulator.inject(Fault("html", status=502))
    error = error_from_response(respan_get(running, TRACES))
    assert type(error) is ServerError and error.detail == "502 Bad Gateway nginx"
    long = error_from_response(httpx.Response(500, text="x" * 1000))
    assert len(long.detail) == 200 and long.detail.endswith("…")
    teapot = error_from_response(httpx.Response(418, text=""))
    assert type(teapot) is APIError and teapot.detail == "I'm a teapot"


def test_request_ids_are_kept() -> None:
    error = error_from_response(
        httpx.Response(500, json={"detail": "boom"}, headers={"X-Request-Id": "req-42"})
    )
    assert error.request_id == "req-42" and str(error) == "HTTP 500: boom (request id req-42)"


# -- configuration -----------------------------------------------------------------------------


def test_keys_and_urls_come_from_arguments_then_the_environment() -> None:
    env = {"RESPAN_API_KEY": "env-key", "RESPAN_BASE_URL": "https://respan.example.com/api/"}
    settings = respan_settings(env=env)
    assert settings.api_key.reveal() == "env-key"
    assert (
        settings.base_url == "https://respan.example.com"
    )  # the /api suffix of the tracing tools is dropped
    sent = build_core(settings, "respan_client", asynchronous=False).http.headers
    assert sent["Authorization"] == "Bearer env-key"  # what every request of the client carries
    assert (
        respan_settings(api_key="arg-key", base_url="http://127.0.0.1:9/", env=env).api_key.reveal()
        == "arg-key"
    )
    assert respan_settings(api_key="k", env={}).base_url == "https://api.respan.ai"


def test_galileo_urls_from_the_api_or_the_console_variable() -> None:
    assert galileo_settings(env={"GALILEO_API_KEY": "k"}).base_url == "https://api.galileo.ai"
    console = {
        "GALILEO_API_KEY": "k",
        "GALILEO_CONSOLE_URL": "https://console.acme.galileocloud.io/",
    }
    assert galileo_settings(env=console).base_url == "https://api.acme.galileocloud.io"
    assert (
        galileo_settings(
            env={"GALILEO_API_KEY": "k", "GALILEO_CONSOLE_URL": "https://app.galileo.ai"}
        ).base_url
        == "https://api.galileo.ai"
    )
    both = {**console, "GALILEO_API_URL": "https://galileo.internal"}
    assert galileo_settings(env=both).base_url == "https://galileo.internal"
    splunk = galileo_settings(api_key="k", key_header="Splunk-AO-API-Key", env={})
    sent = build_core(splunk, "galileo_client", asynchronous=False).http.headers
    assert sent["Splunk-AO-API-Key"] == "k" and "Galileo-API-Key" not in sent


CONFIG_ERRORS: dict[str, tuple[Any, str]] = {
    "no Respan key": (lambda: respan_settings(env={}), "no Respan API key: pass api_key=... or set RESPAN_API_KEY"),
    "no Galileo key": (lambda: galileo_settings(env={}), "no Galileo API key: pass api_key=... or set GALILEO_API_KEY"),
    "blank key": (lambda: respan_settings(api_key="  ", env={}), "no Respan API key"),
    "key with a newline": (lambda: respan_settings(api_key="abc\nX-Evil: 1", env={}), "contains white space"),
    "ftp base URL": (lambda: respan_settings(api_key="k", base_url="ftp://api.respan.ai", env={}), "must start with https:// or http://, not ftp"),
    "no scheme": (lambda: respan_settings(api_key="k", base_url="api.respan.ai", env={}), "must start with https:// or http://"),
    "no host": (lambda: galileo_settings(api_key="k", base_url="https://", env={}), "has no host"),
    "negative retries": (lambda: respan_settings(api_key="k", max_retries=-1, env={}), "max_retries must be a whole number"),
    "zero rate limit": (lambda: respan_settings(api_key="k", rate_limit=0, env={}), "rate_limit must be a positive"),
    "zero timeout": (lambda: respan_settings(api_key="k", timeout=0, env={}), "timeout must be positive"),
    "bad header name": (lambda: galileo_settings(api_key="k", key_header="Bad Header:", env={}), "key_header must be a header name"),
}  # fmt: skip


@pytest.mark.parametrize(("make", "message"), CONFIG_ERRORS.values(), ids=CONFIG_ERRORS.keys())
def test_config_errors(make: Any, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        make()
    assert message in str(caught.value)


def test_the_key_never_shows() -> None:
    key = "sk_live_never_show_me_42"
    settings = respan_settings(api_key=key, headers={"X-Team": "t"}, env={})
    for text in (
        repr(settings),
        str(settings),
        f"{settings.api_key}",
        repr(Secret(key)),
        str(Secret(key)),
    ):
        assert key not in text
    with pytest.raises(ConfigError) as caught:
        respan_settings(api_key=key, base_url="ftp://x", env={})
    assert key not in str(caught.value)


# -- retries -----------------------------------------------------------------------------------


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def retrying_client(
    running: Running, sleeps: Sleeps, max_retries: int = 3, **options: Any
) -> httpx.Client:
    policy = RetryPolicy(max_retries=max_retries, backoff_base=0.2, backoff_max=1.0, **options)
    return httpx.Client(
        base_url=running.base_url,
        headers={"Authorization": f"Bearer {running.respan_key}"},
        transport=RetryTransport(policy=policy, sleep=sleeps),
    )


def requests_to(emulator: Emulator, path: str) -> int:
    return sum(1 for record in emulator.controls.request_log() if record["path"] == path)


def test_a_burst_of_server_errors_is_retried_with_capped_jittered_backoff(
    emulator: Emulator, running: Running
) -> None:
    emulator.inject(Fault("status", status=503, times=2), Fault("status", status=502))
    sleeps = Sleeps()
    with retrying_client(running, sleeps) as client:
        assert client.get(TRACES).status_code == 200
    assert len(sleeps) == 3 and all(
        0 <= s <= bound for s, bound in zip(sleeps, (0.2, 0.4, 0.8), strict=True)
    )
    assert requests_to(emulator, TRACES) == 4


def test_retry_after_is_honoured_in_header_and_body_forms_and_capped(
    emulator: Emulator, running: Running
) -> None:
    emulator.inject(
        Fault("status", status=429, retry_after=3),
        Fault("status", status=429, retry_after=0.25, retry_after_header=False),
        Fault("status", status=429, retry_after=500),
    )
    sleeps = Sleeps()
    with retrying_client(running, sleeps, retry_after_max=60) as client:
        assert client.get(TRACES).status_code == 200
    assert sleeps == [3, 0.25, 60]


def test_giving_up_returns_the_last_answer(emulator: Emulator, running: Running) -> None:
    emulator.inject(Fault("status", status=503, times=5))
    sleeps = Sleeps()
    with retrying_client(running, sleeps, max_retries=2) as client:
        response = client.get(TRACES)
    assert response.status_code == 503 and len(sleeps) == 2
    assert type(error_from_response(response)) is ServerError
    assert requests_to(emulator, TRACES) == 3


def test_list_by_post_is_retried_and_a_broken_body_too(
    emulator: Emulator, running: Running
) -> None:
    emulator.inject(
        Fault("status", status=500, path="/logs/list/"), Fault("reset", path="/logs/list/")
    )
    listing = filter_experiment_traces.build_request(SEED_TRACE_EXPERIMENT, body=FilterRequest())
    with retrying_client(running, Sleeps()) as client:
        response = client.request(**listing)
    assert response.status_code == 200 and response.json()["count"] == 61
    assert requests_to(emulator, TRACES + "list/") == 3


def test_an_export_trigger_is_not_repeated_once_it_may_have_reached_the_service(
    emulator: Emulator, running: Running
) -> None:
    emulator.inject(Fault("status", status=503, path="/logs/"))
    trigger = list_experiment_traces.build_request(SEED_TRACE_EXPERIMENT, export=TruthyFlag.ONE)
    export_body = ListFilterRequest.from_dict({"filters": []})
    with retrying_client(running, Sleeps()) as client:
        assert client.request(**trigger).status_code == 503
        posted = export_experiment_traces.build_request(SEED_TRACE_EXPERIMENT, body=export_body)
        assert client.request(**posted).status_code == 202
        emulator.inject(Fault("reset", path="/logs/"))
        with pytest.raises(httpx.RemoteProtocolError):
            client.request(**trigger)
    assert len(emulator.controls.exports) == 2  # the POST, and the reset GET that did reach it


def test_an_export_trigger_is_repeated_after_a_429(emulator: Emulator, running: Running) -> None:
    emulator.inject(Fault("status", status=429, retry_after=1))
    sleeps = Sleeps()
    with retrying_client(running, sleeps) as client:
        trigger = list_experiment_traces.build_request(
            SEED_TRACE_EXPERIMENT, export=TruthyFlag.TRUE
        )
        assert client.request(**trigger).status_code == 202
    assert sleeps == [1] and len(emulator.controls.exports) == 1


def test_what_is_safe_to_repeat_comes_from_the_operation() -> None:
    def built(kwargs: dict[str, Any]) -> httpx.Request:
        kwargs = dict(kwargs)
        url = "https://api.example" + kwargs.pop("url")
        return httpx.Request(kwargs.pop("method"), url, **kwargs)

    experiment = SEED_TRACE_EXPERIMENT
    filters = FilterRequest.from_dict({"filters": {}})
    assert safe_to_retry(built(list_experiment_traces.build_request(experiment)))
    for flag in (TruthyFlag.ONE, TruthyFlag.TRUE):
        trigger = list_experiment_traces.build_request(experiment, export=flag)
        assert not safe_to_retry(built(trigger)), flag
    assert safe_to_retry(built(filter_experiment_traces.build_request(experiment, body=filters)))
    listing = DatasetSpanFilterRequest.from_dict({"filters": {}})
    assert safe_to_retry(built(list_dataset_spans.build_request("d", body=listing)))
    exporting = DatasetSpanFilterRequest.from_dict({"is_exporting": True})
    assert not safe_to_retry(built(list_dataset_spans.build_request("d", body=exporting)))
    export_body = ListFilterRequest.from_dict({"filters": []})
    exported = export_experiment_traces.build_request(experiment, body=export_body)
    assert not safe_to_retry(built(exported))  # the e-mailed export
    assert not safe_to_retry(built(delete_experiment.build_request("e")))
    columns = AvailableColumnsRequest.from_dict({"log_stream_id": GALILEO_LOG_STREAM_ID})
    assert safe_to_retry(built(get_span_columns.build_request(GALILEO_PROJECT_ID, body=columns)))
    # A request no generated builder made is judged by its method alone.
    assert safe_to_retry(httpx.Request("GET", "https://api.example/x"))
    assert not safe_to_retry(httpx.Request("POST", "https://api.example/x/search"))
    forced = httpx.Request(
        "POST", "https://api.example/x", extensions={"tracebridge.safe_to_retry": True}
    )
    assert safe_to_retry(forced)
    assert rate_limited(built(list_experiment_traces.build_request(experiment)))
    assert not rate_limited(built(list_spans.build_request(body=LogFilterRequest())))
    assert rate_limited(httpx.Request("GET", "https://api.example/x"))


def test_every_operation_carries_its_spec_facts() -> None:
    """Each generated builder attaches exactly its operation's facts, so the transport
    decides by the spec, never by the URL."""
    for package in (respan_client, galileo_client):
        facts = importlib.import_module(f"{package.__name__}.api_facts").OPERATIONS
        for module in _operation_modules(package):
            kwargs_extensions = module.OPERATIONS[module.OPERATION_ID]
            assert kwargs_extensions is facts[module.OPERATION_ID]
            assert facts[module.OPERATION_ID]["method"] == _method_of(module)


def _operation_modules(package: Any) -> list[Any]:
    api = Path(package.__file__).parent / "api"
    return [
        importlib.import_module(f"{package.__name__}.api.{path.parent.name}.{path.stem}")
        for path in sorted(api.glob("*/*.py"))
        if path.stem != "__init__"
    ]


def _method_of(module: Any) -> str:
    source = inspect.getsource(module.build_request)
    return source.split('"method": "', 1)[1].split('"', 1)[0].upper()


def test_a_streamed_request_is_not_read_by_the_transport(running: Running) -> None:
    headers = {"Galileo-API-Key": running.galileo_key}
    body = {"root_type": "span", "log_stream_id": GALILEO_LOG_STREAM_ID}
    with httpx.Client(
        base_url=running.base_url, headers=headers, transport=RetryTransport()
    ) as client:
        request = client.build_request(
            "POST", GALILEO + "/export_records", json=body, extensions={STREAM_EXTENSION: True}
        )
        response = client.send(request, stream=True)
        try:
            assert not response.is_stream_consumed
            assert sum(1 for _ in response.iter_lines()) == 75
        finally:
            response.close()


def test_the_raw_generated_client_can_use_the_transport(
    emulator: Emulator, running: Running
) -> None:
    emulator.inject(Fault("status", status=503, times=2))
    transport = RetryTransport(policy=RetryPolicy(backoff_base=0.01))
    client = respan_client.AuthenticatedClient(
        base_url=running.base_url, token=running.respan_key, httpx_args={"transport": transport}
    )
    page = filter_experiment_traces.sync(SEED_TRACE_EXPERIMENT, client=client, body=FilterRequest())
    assert isinstance(page, TraceList) and page.count == 61 and transport.retries == 2


def test_async_transport_retries_too(emulator: Emulator, running: Running) -> None:
    emulator.inject(Fault("status", status=503, times=2), Fault("reset"))

    async def fetch() -> httpx.Response:
        transport = AsyncRetryTransport(policy=RetryPolicy(backoff_base=0.01))
        headers = {"Authorization": f"Bearer {running.respan_key}"}
        async with httpx.AsyncClient(
            base_url=running.base_url, headers=headers, transport=transport
        ) as client:
            return await client.get(TRACES)

    response = asyncio.run(fetch())
    assert response.status_code == 200 and response.json()["count"] == 61


def test_retry_logs_say_what_and_never_the_key(
    emulator: Emulator, running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    emulator.inject(Fault("status", status=503))
    caplog.set_level(logging.DEBUG, logger="tracebridge")
    with retrying_client(running, Sleeps()) as client:
        client.get(TRACES)
    assert f"retrying GET {TRACES} after HTTP 503 (retry 1)" in caplog.text
    assert running.respan_key not in caplog.text


# -- the rate limiter --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "per"), [(1, 60.0), (2, 60.0), (60, 60.0), (600, 60.0), (20, 2.0)]
)
def test_no_window_ever_holds_more_than_the_limit(limit: int, per: float) -> None:
    now = [0.0]
    bucket = TokenBucket(limit, per, clock=lambda: now[0])
    times = []
    for _ in range(limit * 5):
        wait = bucket._reserve()
        times.append(now[0] + wait)
        now[0] += wait
    window: deque[float] = deque()
    for moment in times:
        window.append(moment)
        while moment - window[0] >= per:
            window.popleft()
        assert len(window) <= limit
    # Long-run throughput is the refill rate, (limit - burst) / per: at least 90% of the
    # ceiling from 10 requests per window up (Respan's 60/minute: 59/60).
    rate = (len(times) - bucket.burst) / (times[-1] - times[0])
    assert rate == pytest.approx(bucket.rate, rel=0.01)
    if limit >= 10:
        assert rate >= 0.9 * limit / per


@pytest.mark.parametrize(("limit", "per"), [(60, 60.0), (600, 60.0), (20, 2.0), (1, 60.0)])
@pytest.mark.parametrize("idle", [0.0, 3600.0, 1e9])
def test_after_idling_the_bucket_gives_exactly_its_burst_then_waits(
    limit: int, per: float, idle: float
) -> None:
    """However long it sat unused, a bucket holds `burst` tokens, not one more: a refill
    past its size would let a window after an idle hour hold more than the limit."""
    now = [0.0]
    bucket = TokenBucket(limit, per, clock=lambda: now[0])
    for _ in range(bucket.burst):  # start empty
        bucket._reserve()
    now[0] += idle
    waits = [bucket._reserve() for _ in range(bucket.burst + 1)]
    if idle:
        assert waits[: bucket.burst] == [0.0] * bucket.burst
    assert waits[-1] > 0  # the next one waits ...
    assert waits[-1] == pytest.approx((1 if idle else bucket.burst + 1) / bucket.rate)


def test_concurrent_requests_stay_under_the_service_limit() -> None:
    with serve(Emulator(seed=1, sizes=SIZES)) as running:
        controls = running.emulator.controls
        controls.rate_limit, controls.rate_window = 20, 2.0
        headers = {"Authorization": f"Bearer {running.respan_key}"}

        def hammer(transport: RetryTransport) -> list[int]:
            statuses: list[int] = []
            with httpx.Client(
                base_url=running.base_url, headers=headers, transport=transport
            ) as client:

                def worker() -> None:
                    for _ in range(5):
                        statuses.append(client.get(TRACES, params={"page_size": 1}).status_code)

                threads = [threading.Thread(target=worker) for _ in range(8)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            return statuses

        # The client paces at 18 per window against the service's 20: the service stamps a
        # request when it gets to it, so a stall on a loaded machine squeezes requests the
        # client sent 105 ms apart into one window (CI saw six 429s at 20 against 20). The
        # margin absorbs ~0.35 s of such jitter; without the limiter, or with one per thread,
        # 40 requests from 8 threads still get many 429s.
        limited = RetryTransport(
            policy=RetryPolicy(max_retries=0),
            limiter=TokenBucket(18, per=2.0),
            limited=rate_limited,
        )
        assert hammer(limited) == [200] * 40
        assert controls.throttled == 0

        controls.limiter.clear()
        unlimited = hammer(RetryTransport(policy=RetryPolicy(max_retries=0)))
        assert unlimited.count(429) == controls.throttled > 0
