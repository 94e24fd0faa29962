"""`--format otlp`: the common schema as OTLP/JSON, checked with the OpenTelemetry protobuf
definitions (opentelemetry-proto), not with a checker of our own: every line parses as an
ExportTraceServiceRequest, ids are the OTLP sizes and the same in two exports, parent links
point at spans of the export, and scores are evaluation events."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from typer.testing import CliRunner

from tracebridge import Galileo, Respan
from tracebridge.cli import app
from tracebridge.emulator import Running
from tracebridge.emulator.data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID

RUN = {"log_stream_id": GALILEO_LOG_STREAM_ID}
EVER = "2000-01-01T00:00:00Z"


def requests(path: Path) -> list[ExportTraceServiceRequest]:
    """Each line as the protobuf message. OTLP/JSON writes ids as hex where protobuf's own
    JSON mapping has base64: they are turned into base64 first, as OTLP receivers do."""
    parsed = []
    for line in path.read_text().splitlines():
        document = json.loads(line)
        for resource in document["resourceSpans"]:
            for scope in resource["scopeSpans"]:
                for span in scope["spans"]:
                    for key in ("traceId", "spanId", "parentSpanId"):
                        if key in span:
                            span[key] = base64.b64encode(bytes.fromhex(span[key])).decode()
        message = ExportTraceServiceRequest()
        json_format.Parse(json.dumps(document), message)
        parsed.append(message)
    return parsed


def spans(path: Path) -> list[Any]:
    return [
        span
        for request in requests(path)
        for resource in request.resource_spans
        for scope in resource.scope_spans
        for span in scope.spans
    ]


def attribute(span: Any, key: str) -> Any:
    for item in span.attributes:
        if item.key == key:
            return json_format.MessageToDict(item.value)
    return None


def test_respan_traces_as_otlp(rs: Respan, tmp_path: Path) -> None:
    traces = rs.experiments.traces("exp_123", detail=True, start_time=EVER)
    result = traces.to_file(tmp_path / "a.jsonl", format="otlp", schema="common")
    traces.to_file(tmp_path / "b.jsonl", format="otlp", schema="common")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()  # stable
    found = spans(tmp_path / "a.jsonl")
    assert len(found) == result.rows["traces"] + result.rows["spans"]
    assert all(len(s.trace_id) == 16 and len(s.span_id) == 8 for s in found)
    by_id = {s.span_id: s for s in found}
    children = [s for s in found if s.parent_span_id]
    assert children and all(s.parent_span_id in by_id for s in children)
    assert all(by_id[s.parent_span_id].trace_id == s.trace_id for s in children)
    roots = [s for s in found if not s.parent_span_id]
    assert len(roots) == result.rows["traces"]
    events = [e for s in found for e in s.events if e.name == "gen_ai.evaluation.result"]
    assert len(events) == result.rows["scores"]
    llm = [s for s in found if attribute(s, "openinference.span.kind") == {"stringValue": "LLM"}]
    assert llm and all(attribute(s, "gen_ai.request.model") for s in llm)
    assert all(attribute(s, "gen_ai.operation.name") == {"stringValue": "chat"} for s in llm)


def test_galileo_records_keep_their_tree_in_otlp(gl: Galileo, tmp_path: Path) -> None:
    gl.records("trace", **RUN).to_file(tmp_path / "t.jsonl", format="otlp", schema="common")
    gl.records("span", **RUN).to_file(tmp_path / "s.jsonl", format="otlp", schema="common")
    roots = {s.span_id: s for s in spans(tmp_path / "t.jsonl")}
    children = spans(tmp_path / "s.jsonl")
    assert children and all(s.parent_span_id in roots for s in children)  # across files
    assert all(roots[s.parent_span_id].trace_id == s.trace_id for s in children)
    tokens = [attribute(s, "gen_ai.usage.input_tokens") for s in children]
    assert any(tokens)


def test_the_command_line_writes_otlp(env: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "traces.otlp.jsonl"
    result = CliRunner().invoke(
        app,
        ["galileo", "export", "--project", GALILEO_PROJECT_ID, "--log-stream",
         GALILEO_LOG_STREAM_ID, "-o", str(target), "--schema", "common", "--format", "otlp",
         "-q", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)["rows"]
    assert written["traces"] > 0 and len(spans(target)) == written["traces"]
    refused = CliRunner().invoke(
        app, ["respan", "traces", "exp_123", "-o", str(tmp_path / "x"), "--format", "otlp"]
    )
    assert refused.exit_code == 2 and "add --schema common" in refused.stderr


def test_ids_come_from_the_source_ids(running: Running, tmp_path: Path) -> None:
    from tracebridge.schema.otlp import hex_id

    with Respan(running.respan_key, base_url=running.base_url, rate_limit=None) as rs:
        rs.experiments.traces("exp_123", start_time=EVER, max_items=1).to_file(
            tmp_path / "one.jsonl", format="otlp", schema="common"
        )
    (span,) = spans(tmp_path / "one.jsonl")
    source_id = attribute(span, "tracebridge.source_id")["stringValue"]
    assert span.span_id.hex() == hex_id("respan", f"span:{source_id}", 8)
    assert span.trace_id.hex() == hex_id("respan", f"trace:{source_id}", 16)


def test_every_score_reaches_otlp_whatever_trace_fills_a_request(tmp_path: Path) -> None:
    """Traces whose span trees fill a request part-way: each trace's scores come after its
    spans, and not one is dropped at a request's limit (as many evaluation events as score
    rows, each on the span of its own trace)."""
    from tracebridge.schema import Origin, common_rows
    from tracebridge.schema.write import write_otlp

    def node(trace: int, index: int) -> dict[str, Any]:
        return {"span_unique_id": f"sp_{trace}_{index}", "span_name": "step", "log_type": "chat",
                "children": []}  # fmt: skip

    traces = [
        {
            "id": f"tr_{n}", "start_time": "2025-01-01T00:00:00Z", "end_time": "2025-01-01T00:00:01Z",
            "span_tree": [node(n, i) for i in range(3 + n % 7)],
            "scores": {"acc": {"numerical_value": n / 1000}, "ok": {"boolean_value": n % 2 == 0}},
        }
        for n in range(700)
    ]  # fmt: skip
    pairs = list(common_rows(traces, Origin("respan", "trace", {"experiment_id": "exp_1"})))
    target = tmp_path / "traces.otlp.jsonl"
    write_otlp(pairs, target, source="respan")
    sent = requests(target)
    assert len(sent) > 1  # the limit was met, more than once
    events = [
        (span.name, event.name)
        for request in sent
        for resource in request.resource_spans
        for scope in resource.scope_spans
        for span in scope.spans
        for event in span.events
    ]
    assert len(events) == sum(1 for table, _ in pairs if table == "scores") == 1400


def test_values_at_the_ends_of_their_range_are_written_validly(tmp_path: Path) -> None:
    """Times before 1970 or past OTLP's 2554, integers past 64 bits: every line is strict
    JSON that protobuf parses, times stay within fixed64, integers within int64."""
    from tracebridge.schema import Origin, common_rows
    from tracebridge.schema.write import write_otlp

    rows = [
        {"id": "old", "start_time": "1969-12-31T23:59:59Z", "end_time": "1900-01-01T00:00:00Z"},
        {"id": "far", "start_time": "9999-12-31T23:59:59Z", "total_tokens": 2**70,
         "metadata": {"huge": 2**80, "small": -(2**70), "x": 1.5}},
        {"id": "edge", "start_time": "2554-07-21T23:34:33Z", "span_count": 2**63},
    ]  # fmt: skip
    pairs = list(common_rows(rows, Origin("respan", "trace", {"experiment_id": "e"})))
    target = tmp_path / "edge.otlp.jsonl"
    write_otlp(pairs, target, source="respan")

    def strict(text: str) -> Any:
        return json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} in OTLP/JSON"))

    for line in target.read_text().splitlines():
        strict(line)
    spans = [s for r in requests(target) for rs in r.resource_spans for sc in rs.scope_spans
             for s in sc.spans]  # fmt: skip
    assert len(spans) == 3
    for span in spans:
        assert 0 <= span.start_time_unix_nano < 2**64 and 0 <= span.end_time_unix_nano < 2**64
        for attribute in span.attributes:
            if attribute.value.HasField("int_value"):
                assert -(2**63) <= attribute.value.int_value < 2**63


def test_a_failed_forced_otlp_export_leaves_the_old_file_as_it_was(tmp_path: Path) -> None:
    """The file is written under a temporary name and renamed only when whole: a forced
    export that fails half-way leaves the previous file byte for byte, and no stray file."""
    from tracebridge.schema import Origin, common_rows
    from tracebridge.schema.write import write_otlp

    target = tmp_path / "t.otlp.jsonl"
    target.write_bytes(b"the previous export\n")
    rows = [{"id": f"t{n}", "start_time": "2025-01-01T00:00:00Z"} for n in range(1200)]

    def failing() -> Any:
        for count, pair in enumerate(common_rows(rows, Origin("respan", "trace", {}))):
            if count == 1100:
                raise OSError(28, "No space left on device")
            yield pair

    with pytest.raises(Exception, match="No space left"):
        write_otlp(failing(), target, source="respan", overwrite=True)
    assert target.read_bytes() == b"the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.otlp.jsonl"]
