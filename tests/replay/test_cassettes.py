"""The recorded cassettes replay offline (recording off, the network blocked), give what
was observed when they were recorded, and hold no credential."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tracebridge.emulator import RESPAN_KEY, Running

from .scenarios import (
    CASSETTES,
    MANIFEST,
    SCENARIOS,
    SECRET_HEADERS,
    Scrubber,
    recorder,
    replay_target,
)

MANIFEST_DATA = json.loads(MANIFEST.read_text())
REQUIRED = {
    "respan_traces_multipage",
    "respan_experiments_filtered",
    "respan_dataset_span_filter",
    "respan_export_trigger",
    "respan_401",
    "respan_404",
    "respan_429",
    "galileo_export_stream",
    "galileo_search_multipage",
}


def test_every_required_cassette_is_recorded() -> None:
    recorded = {path.stem for path in CASSETTES.glob("*.yaml")}
    assert recorded >= REQUIRED
    assert set(MANIFEST_DATA["observed"]) >= REQUIRED - (
        {"respan_429"} if MANIFEST_DATA["source"] == "real" else set()
    )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_cassette_replays_offline(scenario: Any) -> None:
    path = CASSETTES / f"{scenario.name}.yaml"
    if not path.exists() and scenario.emulator_only and MANIFEST_DATA["source"] == "real":
        pytest.skip("recorded from the real services, which cannot be made to answer 429")
    with recorder().use_cassette(str(path), record_mode="none") as cassette:
        observed = scenario.run(replay_target())
        assert cassette.all_played, "every recorded interaction is used, in order"
    assert observed == MANIFEST_DATA["observed"][scenario.name]


def test_what_the_cassettes_show() -> None:
    observed = MANIFEST_DATA["observed"]
    traces = observed["respan_traces_multipage"]
    assert traces["pages"] >= 2 and len(traces["ids"]) == len(set(traces["ids"]))
    assert observed["respan_experiments_filtered"]["statuses"] == ["completed"]
    assert observed["respan_dataset_span_filter"]["models"] == ["gpt-4"]
    assert observed["respan_export_trigger"]["status"] == 202
    assert observed["respan_401"]["status"] == 401
    assert observed["respan_404"]["status"] == 404
    assert observed["galileo_export_stream"]["lines"] > 0
    search = observed["galileo_search_multipage"]
    assert search["pages"] >= 2 and len(search["ids"]) == len(set(search["ids"]))
    if MANIFEST_DATA["source"] == "emulator":
        assert observed["respan_429"] == {
            "status": 429,
            "retry_after_body": 30,
            "retry_after_header": "30",
        }


def _secrets() -> list[str]:
    secrets = [RESPAN_KEY, "emulator-galileo-key"]
    secrets += [
        os.environ[name] for name in ("RESPAN_API_KEY", "GALILEO_API_KEY") if os.environ.get(name)
    ]
    return secrets


@pytest.mark.parametrize("path", sorted(CASSETTES.glob("*.yaml")), ids=lambda p: p.name)
def test_no_cassette_holds_a_credential(path: Path) -> None:
    text = path.read_text()
    for secret in _secrets():
        assert secret not in text
    assert not re.search(r"bearer\s+\S", text, flags=re.IGNORECASE)
    assert not re.search(
        r"[?&](api_key|apikey|token|access_token)=(?!REDACTED)", text, flags=re.IGNORECASE
    )
    for interaction in yaml.safe_load(text)["interactions"]:
        names = {name.lower() for name in interaction["request"]["headers"]}
        assert not names & SECRET_HEADERS, names & SECRET_HEADERS
        response_names = {name.lower() for name in interaction["response"]["headers"]}
        assert "set-cookie" not in response_names


def test_scrubbing_removes_every_credential_form(running: Running, tmp_path: Path) -> None:
    secrets = {
        "bearer": "fake_bearer_secret_123456",
        "galileo": "fake_galileo_header_secret_456",
        "splunk": "fake_splunk_header_secret_789",
        "cookie": "fake_cookie_secret_abc",
        "query": "fake_query_secret_def",
    }
    cassette = tmp_path / "credentials.yaml"
    scrubber = Scrubber(running.base_url, running.base_url)
    with recorder(scrubber).use_cassette(str(cassette), record_mode="all"):
        httpx.get(
            f"{running.base_url}/api/v2/experiments/",
            params={"Api_Key": secrets["query"], "page": 1},
            headers={
                "AUTHORIZATION": f"Bearer {secrets['bearer']}",
                "GALILEO-api-KEY": secrets["galileo"],
                "Splunk-AO-API-Key": secrets["splunk"],
                "Cookie": f"session={secrets['cookie']}",
            },
        )
    text = cassette.read_text()
    for secret in secrets.values():
        assert secret not in text
    assert "Api_Key=REDACTED" in text and "page=1" in text
    assert running.base_url not in text and "respan.recorded.invalid" in text
