"""The routes galileo's own SDK needs (emulator/galileo_sdk.py): the health check, the API-key
login that hands out a JWT, bearer authentication on every route with and without `/v2`,
and a login flow that refuses a wrong key, a changed token and an expired one."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator

import httpx
import pytest

from tracebridge.emulator import Running
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID
from tracebridge.emulator.galileo_sdk import Tokens

SEARCH = f"/projects/{GALILEO_PROJECT_ID}/traces/search"
BODY = {"log_stream_id": GALILEO_LOG_STREAM_ID, "limit": 2}


@pytest.fixture
def http(running: Running) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=running.base_url) as client:
        yield client


def login(http: httpx.Client, key: str) -> httpx.Response:
    return http.post("/login/api_key", json={"api_key": key})


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_sdk_flow_logs_in_and_reads_with_the_token(
    http: httpx.Client, running: Running
) -> None:
    health = http.get("/healthcheck")
    assert health.status_code == 200 and set(health.json()) == {"api_version", "message", "version"}
    answer = login(http, running.galileo_key)
    assert answer.status_code == 200 and answer.json()["token_type"] == "bearer"
    token = answer.json()["access_token"]
    claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert claims["exp"] > time.time() + 300  # the SDK logs in again within 5 minutes of exp
    assert http.get("/current_user", headers=bearer(token)).json()["email"]
    for path in (SEARCH, f"/v2{SEARCH}"):
        page = http.post(path, json=BODY, headers=bearer(token))
        assert page.status_code == 200 and len(page.json()["records"]) == 2
    keyed = http.post(SEARCH, json=BODY, headers={"Galileo-API-Key": running.galileo_key})
    assert keyed.status_code == 200  # the documented header works on the SDK's paths too


@pytest.mark.parametrize("key", ["wrong-key", "", None, 42])
def test_a_wrong_key_gets_no_token(http: httpx.Client, key: object) -> None:
    answer = http.post("/login/api_key", json={"api_key": key})
    assert answer.status_code == 401 and "access_token" not in answer.json()


def _tampered(token: str) -> dict[str, str]:
    head, body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=="))
    longer = (
        base64.urlsafe_b64encode(json.dumps({**claims, "exp": claims["exp"] + 10**6}).encode())
        .rstrip(b"=")
        .decode()
    )
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    return {
        "a longer expiry": f"{head}.{longer}.{signature}",
        "another signature": f"{head}.{body}.{flipped}",
        "no signature": f"{head}.{body}.",
        "not a token": "not-a-jwt",
    }


def test_a_changed_expired_or_foreign_token_is_refused(
    http: httpx.Client, running: Running
) -> None:
    token = login(http, running.galileo_key).json()["access_token"]
    refused = dict(_tampered(token))
    user = {"id": "u", "email": "e@example.com"}
    refused["expired"] = Tokens(running.galileo_key, user).issue(now=time.time() - 7200)
    refused["another emulator's"] = Tokens("another-key", user).issue()
    for name, bad in refused.items():
        answer = http.post(SEARCH, json=BODY, headers=bearer(bad))
        assert answer.status_code == 401, name
        assert bad not in answer.text, name
    assert http.post(SEARCH, json=BODY, headers=bearer(token)).status_code == 200
