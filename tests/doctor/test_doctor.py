"""`tracebridge doctor` against the emulator (full agreement) and through a fault proxy that
changes the emulator's answers one way at a time: doctor reports exactly the change made and
nothing else, for both services. It only reads, and the key reaches no output."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from galileo_client import api_facts as galileo_facts
from respan_client import api_facts as respan_facts
from tracebridge.cli import app
from tracebridge.doctor import doctor
from tracebridge.emulator import Emulator, Running, serve
from tracebridge.emulator.data import SEED_TRACE_EXPERIMENT

from ..generated.specs import load_spec, operation_for
from ..proxy import FaultProxy, Rule
from ..replay.scenarios import recorder

RESPAN_KEY = "rk-doctor-3f9a2c7e5b1d4e8f"
GALILEO_KEY = "gk-doctor-8e1d4c2b7a9f3e6d"


@pytest.fixture(scope="module")
def served() -> Iterator[Running]:
    with serve(Emulator(seed=4, respan_key=RESPAN_KEY, galileo_key=GALILEO_KEY)) as running:
        yield running


def run(base_url: str, service: str | None = None, **options: Any) -> Any:
    return doctor(
        service, respan_key=RESPAN_KEY, respan_base_url=base_url, galileo_key=GALILEO_KEY,
        galileo_base_url=base_url, rate_limit=None, **options,
    )  # fmt: skip


def test_the_emulator_agrees_with_the_specs(served: Running) -> None:
    report = run(served.base_url)
    assert [s.service for s in report.services] == ["respan", "galileo"]
    assert report.differences() == [] and report.problems() == []
    assert report.agrees
    notes = [note for s in report.services for c in s.checks for note in c.notes]
    assert "an unknown filter key was rejected (spec: reject)" in notes
    assert "an unknown filter key was ignored (spec: ignore)" in notes


CASES: dict[str, tuple[str, Rule, list[tuple[str, ...]], list[tuple[str, ...]]]] = {
    "respan: an undeclared field": (
        "respan", Rule("add_field", path="/experiments/list/"),
        [("respan", "filter_experiments", "results[].tracebridge_unexpected", "undeclared", "integer")], [],
    ),
    "respan: a number turned text": (
        "respan", Rule("number_to_string", path="/logs/list/", key="total_cost"),
        [("respan", "filter_experiment_traces", "results[].total_cost", "type", "string")], [],
    ),
    "respan: a required key dropped": (
        "respan", Rule("drop_field", path=f"/experiments/{SEED_TRACE_EXPERIMENT}/", key="status"),
        [("respan", "retrieve_experiment", "status", "missing", "absent")], [],
    ),
    "respan: an unknown filter key ignored": (
        "respan", Rule("drop_filter_key", path="/logs/list/", key="tracebridge_doctor_unknown", times=None),
        [], [("respan", "filter_experiment_traces", "an unknown filter key was ignored; the spec says reject")],
    ),
    "respan: a next page past the end": (
        "respan", Rule("next_past_end", path="/logs/list/", times=None),
        [], [("respan", "filter_experiment_traces", "the last page links a next page")],
    ),
    "galileo: an undeclared field": (
        "galileo", Rule("add_field", path="/traces/search"),
        [("galileo", "search_traces", "records[].tracebridge_unexpected", "undeclared", "integer")], [],
    ),
    "galileo: a number turned text": (
        "galileo", Rule("number_to_string", path="/spans/search", key="status_code"),
        [("galileo", "search_spans", "records[].status_code", "type", "string")], [],
    ),
    "galileo: a required key dropped": (
        "galileo", Rule("drop_field", path="/sessions/count", key="total_count"),
        [("galileo", "count_sessions", "total_count", "missing", "absent")], [],
    ),
    "galileo: an unknown filter column ignored": (
        "galileo", Rule("drop_filter_key", path="/traces/search", key="tracebridge_doctor_unknown", times=None),
        [], [("galileo", "search_traces", "a filter on an unknown column was ignored; the spec says reject")],
    ),
    "galileo: a next offset past the end": (
        "galileo", Rule("next_past_end", path="/traces/search", times=None),
        [], [("galileo", "search_traces", "the offset past the end names a next offset")],
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("service", "rule", "differences", "problems"), CASES.values(), ids=CASES.keys()
)
def test_doctor_reports_exactly_what_the_proxy_changed(
    served: Running, service: str, rule: Rule, differences: list[Any], problems: list[Any]
) -> None:
    with FaultProxy(served.base_url) as proxy:
        proxy.add(rule)
        report = run(proxy.url, service)
        assert proxy.applied, "the change was made"
    assert report.differences() == differences
    assert report.problems() == problems
    assert not report.agrees


def test_doctor_only_reads_and_the_key_reaches_no_output(
    served: Running,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for name, value in {
        "RESPAN_API_KEY": RESPAN_KEY, "RESPAN_BASE_URL": served.base_url,
        "GALILEO_API_KEY": GALILEO_KEY, "GALILEO_API_URL": served.base_url,
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    served.emulator.controls.requests.clear()
    caplog.set_level(logging.DEBUG)
    report, cassettes = tmp_path / "report.json", tmp_path / "cassettes"
    runner = CliRunner()
    shown = runner.invoke(
        app,
        [
            "doctor",
            "--debug",
            "--rate-limit",
            "0",
            "--report",
            str(report),
            "--record",
            str(cassettes),
        ],
    )
    as_json = runner.invoke(app, ["doctor", "--json", "--include-values", "--rate-limit", "0"])
    assert shown.exit_code == 0 and as_json.exit_code == 0, shown.output + as_json.output
    assert "everything agrees with the spec" in shown.stdout
    assert json.loads(as_json.stdout)["agrees"] is True
    written = [report.read_text(), *(p.read_text() for p in cassettes.iterdir())]
    assert len(written) == 3  # the report and one cassette per service
    for text in [shown.output, as_json.output, caplog.text, *written]:
        for key in (RESPAN_KEY, GALILEO_KEY):
            assert key not in text
    read_only = {
        **{op: facts for op, facts in respan_facts.OPERATIONS.items()},
        **{op: facts for op, facts in galileo_facts.OPERATIONS.items()},
    }
    log = [
        r for r in served.emulator.controls.request_log() if r["service"] in ("respan", "galileo")
    ]
    assert len(log) > 60
    for record in log:
        operation = operation_for(load_spec(record["service"]), record["method"], record["path"])
        facts = read_only[operation["operationId"]]
        assert facts["safe_to_repeat"] and "export=" not in record["query"], record
        assert not (isinstance(record["body"], dict) and record["body"].get("is_exporting")), record


@pytest.mark.parametrize("service", ["respan", "galileo"])
def test_a_service_that_echoes_the_key_everywhere_reaches_no_output(
    served: Running, tmp_path: Path, service: str
) -> None:
    """The key echoed in a rate-limit header, in a header whose name does not look like a
    credential, and in a body field doctor shows under --include-values: the table, --json,
    --report and the --record cassettes hold none of it."""
    key = RESPAN_KEY if service == "respan" else GALILEO_KEY
    with FaultProxy(served.base_url) as proxy:
        proxy.add(Rule("echo_key_everywhere", times=None))
        env = {
            "RESPAN_API_KEY": RESPAN_KEY, "RESPAN_BASE_URL": proxy.url,
            "GALILEO_API_KEY": GALILEO_KEY, "GALILEO_API_URL": proxy.url,
        }  # fmt: skip
        runner = CliRunner(env=env)
        report, cassettes = tmp_path / "report.json", tmp_path / "cassettes"
        shown = runner.invoke(
            app, ["doctor", service, "--rate-limit", "0", "--include-values",
                  "--report", str(report), "--record", str(cassettes)],
        )  # fmt: skip
        as_json = runner.invoke(
            app, ["doctor", service, "--json", "--include-values", "--rate-limit", "0"]
        )
        assert proxy.applied
    assert shown.exit_code == 5 and as_json.exit_code == 5, shown.output + as_json.output
    found = json.loads(as_json.stdout)
    assert "tracebridge_unexpected" in as_json.stdout  # the field is reported, its value scrubbed
    assert any("x-ratelimit-bucket" in s["rate_limit_headers"] for s in found["services"])
    written = [report.read_text(), *(p.read_text() for p in cassettes.iterdir())]
    for text in [shown.output, as_json.output, *written]:
        assert key not in text


def test_the_recorded_cassettes_replay_through_doctor(served: Running, tmp_path: Path) -> None:
    """--record writes the test suite's cassette format: doctor replays from it offline,
    at the placeholder hosts, with no key that works, and finds the same agreement."""
    recorded = run(served.base_url, record=tmp_path)
    for service, host in (("respan", "respan"), ("galileo", "galileo")):
        path = tmp_path / f"doctor_{service}.yaml"
        with recorder().use_cassette(str(path), record_mode="none") as cassette:
            replayed = doctor(
                service,
                **{
                    f"{service}_key": "replayed-not-a-key",
                    f"{service}_base_url": f"https://{host}.recorded.invalid",
                },
                rate_limit=None,
            )
            assert cassette.all_played
        original = next(s for s in recorded.services if s.service == service)
        assert [c.name for c in replayed.services[0].checks] == [c.name for c in original.checks]
        assert replayed.agrees


def test_doctor_refuses_to_replace_its_outputs_before_any_request(
    served: Running, tmp_path: Path
) -> None:
    """--report and --record follow the exports' rule: a file already there is refused
    (exit 2, nothing sent, nothing changed) unless --force."""
    env = {"RESPAN_API_KEY": RESPAN_KEY, "RESPAN_BASE_URL": served.base_url}
    runner = CliRunner(env=env)
    report, cassettes = tmp_path / "report.json", tmp_path / "cassettes"
    cassettes.mkdir()
    (cassettes / "doctor_respan.yaml").write_text("mine")
    report.write_text("mine too")
    for args in (["--report", str(report)], ["--record", str(cassettes)]):
        served.emulator.controls.requests.clear()
        refused = runner.invoke(app, ["doctor", "respan", "--rate-limit", "0", *args])
        assert refused.exit_code == 2 and "--force" in refused.output, refused.output
        assert served.emulator.controls.request_log() == []
    assert report.read_text() == "mine too"
    assert (cassettes / "doctor_respan.yaml").read_text() == "mine"
    forced = runner.invoke(
        app, ["doctor", "respan", "--rate-limit", "0", "--force", "--report", str(report),
              "--record", str(cassettes)],
    )  # fmt: skip
    assert forced.exit_code == 0, forced.output
    assert json.loads(report.read_text())["agrees"] is True
    assert (cassettes / "doctor_respan.yaml").read_text() != "mine"


@pytest.mark.parametrize(
    "operation",
    ["respan_client.api.experiments.create_experiment",
     "respan_client.api.experiments.delete_experiment",
     "respan_client.api.experiments.update_experiment"],
)  # fmt: skip
def test_doctor_refuses_to_send_what_is_not_read_only(operation: str) -> None:
    """The guard doctor sends every request through refuses a create, a delete and an
    update (what the spec marks unsafe to repeat), before anything is sent."""
    import importlib

    import httpx

    from tracebridge.doctor.probe import Prober, ReadOnlyViolation
    from tracebridge.doctor.schema import Spec

    sent: list[httpx.Request] = []
    http = httpx.Client(
        base_url="http://127.0.0.1:9", transport=httpx.MockTransport(lambda r: sent.append(r))
    )
    package = operation.split(".")[0]
    prober = Prober(package.split("_")[0], http, Spec.of(importlib.import_module(package)), False)
    module = importlib.import_module(operation)
    from respan_client.models import ExperimentCreate, ExperimentUpdate

    arguments = {
        "create_experiment": {
            "body": ExperimentCreate.from_dict({"dataset_id": "d", "workflow": []})
        },
        "delete_experiment": {"experiment_id": "exp_1"},
        "update_experiment": {"experiment_id": "exp_1", "body": ExperimentUpdate.from_dict({})},
    }[operation.rsplit(".", 1)[1]]
    with pytest.raises(ReadOnlyViolation):
        prober.request(module, **arguments)
    assert sent == []
