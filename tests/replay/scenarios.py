"""The recorded scenarios: what scripts/record_cassettes.py records and tests/replay replays.

Each scenario makes its requests through the raw generated clients (as a user of them
would) and returns what it observed. Recording rewrites the hosts to per-service
placeholders and scrubs every credential before anything is written, so a cassette
replays the same way whether it was recorded from the emulator or the real services.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from uuid import UUID

import vcr

import galileo_client
import respan_client
from galileo_client.api.export import export_records
from galileo_client.api.records import search_traces
from galileo_client.models import LogRecordsExportRequest, LogRecordsQueryRequest, RootType
from respan_client.api.datasets import list_dataset_spans
from respan_client.api.experiment_traces import filter_experiment_traces, list_experiment_traces
from respan_client.api.experiments import filter_experiments, retrieve_experiment
from respan_client.models import DatasetSpanFilterRequest, FilterRequest, TruthyFlag

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
MANIFEST = CASSETTES / "manifest.json"
RESPAN_PLACEHOLDER = "https://respan.recorded.invalid"
GALILEO_PLACEHOLDER = "https://galileo.recorded.invalid"
SECRET_HEADERS = frozenset(
    {
        "authorization",
        "galileo-api-key",
        "splunk-ao-api-key",
        "cookie",
        "proxy-authorization",
        "x-api-key",
    }
)
SECRET_QUERY = frozenset({"api_key", "apikey", "key", "token", "access_token"})
VOLATILE_RESPONSE_HEADERS = frozenset({"date", "server", "set-cookie", "x-request-id", "cf-ray"})
REDACTED = "REDACTED"


@dataclass(frozen=True)
class Target:
    """Where a scenario sends its requests, with which keys and ids."""

    respan_url: str
    galileo_url: str
    respan_key: str
    galileo_key: str
    experiment_id: str
    dataset_id: str
    project_id: str
    log_stream_id: str

    def respan(self, token: str | None = None) -> respan_client.AuthenticatedClient:
        return respan_client.AuthenticatedClient(
            base_url=self.respan_url, token=token or self.respan_key
        )

    def galileo(self) -> galileo_client.AuthenticatedClient:
        return galileo_client.AuthenticatedClient(
            base_url=self.galileo_url,
            token=self.galileo_key,
            prefix="",
            auth_header_name="Galileo-API-Key",
        )

    def ids(self) -> dict[str, str]:
        return {
            "experiment_id": self.experiment_id,
            "dataset_id": self.dataset_id,
            "project_id": self.project_id,
            "log_stream_id": self.log_stream_id,
        }


Observed = dict[str, Any]


def traces_multipage(target: Target) -> Observed:
    client = target.respan()
    ids: list[str] = []
    pages = 0
    page: int | None = 1
    while page is not None:
        answer = filter_experiment_traces.sync(
            target.experiment_id, client=client, page=page, page_size=25, body=FilterRequest()
        )
        assert isinstance(answer, respan_client.models.TraceList), answer
        pages += 1
        ids.extend(trace.id for trace in answer.results)
        page = page + 1 if answer.next_ else None
    return {"pages": pages, "ids": ids}


def experiments_filtered(target: Target) -> Observed:
    body = FilterRequest.from_dict(
        {"filters": {"status": {"operator": "", "value": ["completed"]}}}
    )
    answer = filter_experiments.sync(client=target.respan(), body=body, sort_by="name")
    assert isinstance(answer, respan_client.models.ExperimentList), answer
    return {"statuses": sorted({e.status for e in answer.results}), "count": answer.count}


def dataset_span_filter(target: Target) -> Observed:
    body = DatasetSpanFilterRequest.from_dict(
        {
            "filters": {
                "model": {"operator": "", "value": ["gpt-4"]},
                "metadata__user_id": {"operator": "", "value": ["user3"]},
            }
        }
    )
    answer = list_dataset_spans.sync(
        target.dataset_id, client=target.respan(), body=body, page_size=100
    )
    assert isinstance(answer, respan_client.models.DatasetSpanList), answer
    return {
        "models": sorted({span.model for span in answer.results}),
        "users": sorted({span.metadata["user_id"] for span in answer.results}),
        "count": answer.count,
    }


def export_trigger(target: Target) -> Observed:
    response = list_experiment_traces.sync_detailed(
        target.experiment_id, client=target.respan(), export=TruthyFlag.ONE
    )
    return {"status": response.status_code, "message": response.parsed.message}  # type: ignore[union-attr]


def unauthorized(target: Target) -> Observed:
    response = retrieve_experiment.sync_detailed(
        target.experiment_id, client=target.respan(token="wrong-key-0000")
    )
    return {"status": response.status_code, "detail": response.parsed.detail}  # type: ignore[union-attr]


def not_found(target: Target) -> Observed:
    response = retrieve_experiment.sync_detailed("exp_does_not_exist", client=target.respan())
    return {"status": response.status_code, "detail": response.parsed.detail}  # type: ignore[union-attr]


def rate_limited(target: Target) -> Observed:
    response = filter_experiment_traces.sync_detailed(
        target.experiment_id, client=target.respan(), body=FilterRequest()
    )
    return {
        "status": response.status_code,
        "retry_after_body": response.parsed.retry_after,  # type: ignore[union-attr]
        "retry_after_header": response.headers.get("retry-after"),
    }


def galileo_export_stream(target: Target) -> Observed:
    """The way the facade streams: the generated request builder on the client's httpx client."""
    body = LogRecordsExportRequest(
        root_type=RootType.SPAN, log_stream_id=UUID(target.log_stream_id)
    )
    kwargs = export_records.build_request(UUID(target.project_id), body=body)
    client = target.galileo().get_httpx_client()
    lines = 0
    kinds: set[str] = set()
    with client.stream(**kwargs) as response:
        status = response.status_code
        for line in response.iter_lines():
            if line:
                lines += 1
                kinds.add(json.loads(line)["type"])
    return {"status": status, "lines": lines, "kinds": sorted(kinds)}


def galileo_search_multipage(target: Target) -> Observed:
    client = target.galileo()
    ids: list[str] = []
    token: int | None = 0
    pages = 0
    while token is not None:
        body = LogRecordsQueryRequest(
            log_stream_id=UUID(target.log_stream_id), starting_token=token, limit=10
        )
        answer = search_traces.sync(UUID(target.project_id), client=client, body=body)
        assert isinstance(answer, galileo_client.models.LogRecordsQueryResponse), answer
        pages += 1
        ids.extend(record.id for record in answer.records)
        token = answer.next_starting_token if isinstance(answer.next_starting_token, int) else None
    return {"pages": pages, "ids": ids}


@dataclass(frozen=True)
class Scenario:
    name: str
    run: Callable[[Target], Observed]
    emulator_only: bool = False  # needs a knob (a forced 429) the real services lack


SCENARIOS = [
    Scenario("respan_traces_multipage", traces_multipage),
    Scenario("respan_experiments_filtered", experiments_filtered),
    Scenario("respan_dataset_span_filter", dataset_span_filter),
    Scenario("respan_export_trigger", export_trigger),
    Scenario("respan_401", unauthorized),
    Scenario("respan_404", not_found),
    Scenario("respan_429", rate_limited, emulator_only=True),
    Scenario("galileo_export_stream", galileo_export_stream),
    Scenario("galileo_search_multipage", galileo_search_multipage),
]


# -- scrubbing and host rewriting -----------------------------------------------------------


class Scrubber:
    """Rewrites real hosts to placeholders and removes credentials, before anything is written."""

    def __init__(self, respan_url: str, galileo_url: str):
        self.bases = [
            (respan_url.rstrip("/"), RESPAN_PLACEHOLDER),
            (galileo_url.rstrip("/"), GALILEO_PLACEHOLDER),
        ]

    def _placeholder_for(self, uri: str) -> str:
        path = urlsplit(uri).path
        if self.bases[0][0] == self.bases[1][0]:  # one emulator serves both
            return GALILEO_PLACEHOLDER if path.startswith("/v2/") else RESPAN_PLACEHOLDER
        return next(placeholder for base, placeholder in self.bases if uri.startswith(base))

    def rewrite(self, text: str) -> str:
        for base, _ in self.bases:
            text = re.sub(
                re.escape(base) + r"(/[^\s\"']*)?",
                lambda m: self._placeholder_for(m.group(0)) + (m.group(1) or ""),
                text,
            )
        return text

    def request(self, request: Any) -> Any:
        parts = urlsplit(request.uri)
        query = [
            (k, REDACTED if k.lower() in SECRET_QUERY else v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ]
        placeholder = urlsplit(self._placeholder_for(request.uri))
        request.uri = urlunsplit(
            (placeholder.scheme, placeholder.netloc, parts.path, urlencode(query), "")
        )
        for name in list(request.headers):
            if name.lower() in SECRET_HEADERS:
                del request.headers[name]
            elif name.lower() == "host":
                request.headers[name] = placeholder.netloc
        return request

    def response(self, response: dict[str, Any]) -> dict[str, Any]:
        headers = response.get("headers", {})
        for name in list(headers):
            if name.lower() in VOLATILE_RESPONSE_HEADERS:
                del headers[name]
        body = response.get("body", {}).get("string")
        if isinstance(body, bytes):
            rewritten = self.rewrite(body.decode("utf-8", "surrogateescape")).encode(
                "utf-8", "surrogateescape"
            )
            response["body"]["string"] = rewritten
            for name in list(headers):
                if name.lower() == "content-length":
                    headers[name] = [str(len(rewritten))]
        return response


def recorder(scrubber: Scrubber | None = None) -> vcr.VCR:
    """The VCR both sides use; recording scrubs, replaying matches method, URL and body."""
    options: dict[str, Any] = {
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
        "decode_compressed_response": True,
    }
    if scrubber is not None:
        options["before_record_request"] = scrubber.request
        options["before_record_response"] = scrubber.response
    return vcr.VCR(**options)


def replay_target() -> Target:
    ids = json.loads(MANIFEST.read_text())["ids"]
    return Target(
        respan_url=RESPAN_PLACEHOLDER,
        galileo_url=GALILEO_PLACEHOLDER,
        respan_key="replay-key",
        galileo_key="replay-key",
        **ids,
    )
