"""`tracebridge compare`, `summary` and `report` as a CI job runs them, on the embedded
emulator's planted experiments: the exit codes are the gate."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracebridge.cli import app
from tracebridge.emulator import planted
from tracebridge.emulator.data import GALILEO_PROJECT_ID

runner = CliRunner()
BASE, NEW, RERUN = (planted.RESPAN_IDS[v] for v in planted.VARIANTS)


def _run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--emulator", "--quiet"])


def test_the_gate_stops_a_worse_experiment_and_passes_an_equal_one() -> None:
    worse = _run("compare", BASE, NEW, "--fail-if", "correctness < -0.02")
    assert worse.exit_code == 6, worse.output
    assert "fail-if held: correctness < -0.02" in worse.stderr
    equal = _run("compare", BASE, RERUN, "--fail-if", "correctness < -0.02",
                 "--fail-if", "faithfulness.worse > 0")  # fmt: skip
    assert equal.exit_code == 0, equal.output
    assert "fail-if held" not in equal.stderr
    interval = _run("compare", BASE, NEW, "--fail-if", "answer_relevance.low < 0")
    assert interval.exit_code == 0, interval.output


def test_the_terminal_report() -> None:
    shown = _run("compare", BASE, NEW)
    assert shown.exit_code == 0, shown.output
    out = shown.stdout
    assert "115 items aligned, 5 only in the baseline, 3 only in support bot prompt v2" in out
    assert "top regressions: correctness" in out and "faq_007" in out
    assert "tone: baseline (rows) by other (columns)" in out
    assert "only in the baseline: faq_115, faq_116, faq_117, faq_118, faq_119" in out
    assert "distributions" in out


def test_json_and_aligned_rows(tmp_path: Path) -> None:
    out = tmp_path / "aligned.csv"
    shown = _run("compare", BASE, NEW, RERUN, "--json", "-o", str(out),
                 "--fail-if", "cost_usd > 0")  # fmt: skip
    assert shown.exit_code == 6, shown.output
    document = json.loads(shown.stdout)
    assert [p["other"]["id"] for p in document["pairs"]] == [NEW, RERUN]
    first = document["pairs"][0]
    assert first["aligned"] == 115 and len(first["only_other"]) == 3
    assert first["metrics"]["correctness"]["worse"] == len(planted.REGRESSED)
    assert [g["holds"] for g in document["gate"]] == [True, False]
    with out.open(newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == (115 + 5 + 3) + 120
    assert {"key", "aligned", "correctness.baseline", "correctness.other",
            "correctness.difference", "baseline_output", "other_output"} <= set(rows[0])  # fmt: skip
    again = _run("compare", BASE, NEW, "-o", str(out))
    assert again.exit_code == 2 and "exists" in again.stderr


@pytest.mark.parametrize("suffix", ["parquet", "xlsx"])
def test_aligned_rows_to_parquet_and_xlsx(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"aligned.{suffix}"
    done = _run("compare", BASE, NEW, "-o", str(out))
    assert done.exit_code == 0, done.output
    if suffix == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert table.num_rows == 123
        assert str(table.schema.field("correctness.difference").type) == "double"
    else:
        import openpyxl

        sheet = openpyxl.load_workbook(out, read_only=True).active
        assert sum(1 for _ in sheet.iter_rows()) == 124  # a header and 123 rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", BASE], "a baseline and at least one other"),
        (["compare", BASE, NEW, "--fail-if", "correctness <"], "--fail-if"),
        (["compare", BASE, NEW, "--fail-if", "nope < 0"], "no metric 'nope'"),
        (["compare", BASE, NEW, "--service", "datadog"], "respan or galileo"),
        (["compare", BASE, "exp_missing", "--fail-if", "bad"], "--fail-if"),  # before a request
    ],
)
def test_mistakes_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    done = _run(*args)
    assert done.exit_code == 2, done.output
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_missing_experiment_exits_3() -> None:
    done = _run("compare", BASE, "exp_missing")
    assert done.exit_code == 3 and "404" in done.stderr


def test_galileo_experiments_by_uuid() -> None:
    ids = planted.GALILEO_IDS
    done = _run("compare", ids["baseline"], ids["candidate"], "--project", GALILEO_PROJECT_ID,
                "--json", "--fail-if", "correctness.worse > 0")  # fmt: skip
    assert done.exit_code == 6, done.output
    pair = json.loads(done.stdout)["pairs"][0]
    assert pair["other"]["service"] == "galileo" and pair["aligned"] == 115


def test_summary_uses_the_services_histogram() -> None:
    done = _run("summary", NEW, "--bins", "5")
    assert done.exit_code == 0, done.output
    assert "answer_relevance (the service's histogram)" in done.stdout
    assert "cost_usd (counted here)" in done.stdout
    document = json.loads(_run("summary", NEW, "--json", "--bins", "5").stdout)
    relevance = next(m for m in document["metrics"] if m["name"] == "answer_relevance")
    assert relevance["histogram"]["source"] == "service"
    assert sum(relevance["histogram"]["counts"]) == relevance["n"] == 118
    tone = next(m for m in document["metrics"] if m["name"] == "tone")
    assert sum(tone["labels"].values()) == 118


def test_report_writes_html_and_pngs(tmp_path: Path) -> None:
    pytest.importorskip("altair")
    pytest.importorskip("vl_convert")
    html, pngs = tmp_path / "report.html", tmp_path / "charts"
    done = _run("report", NEW, "--compare", BASE, "-o", str(html), "--png", str(pngs))
    assert done.exit_code == 0, done.output
    text = html.read_text()
    assert "support bot prompt v2 compared with support bot prompt v1" in text
    assert "Top regressions: correctness" in text
    assert "http://" not in text.split("<script>")[0] and "<script src" not in text
    names = sorted(p.name for p in pngs.iterdir())
    assert "correctness-differences.png" in names and "answer_relevance-histogram.png" in names
    refused = _run("report", NEW, "-o", str(html))
    assert refused.exit_code == 2 and "exists" in refused.stderr
    assert not list(tmp_path.glob(".*part"))
    # PNGs already there: refused before anything is written, the new HTML included
    fresh = tmp_path / "fresh.html"
    clobber = _run("report", NEW, "--compare", BASE, "-o", str(fresh), "--png", str(pngs))
    assert clobber.exit_code == 2 and "exists" in clobber.stderr and "more" in clobber.stderr
    assert not fresh.exists()
    forced = _run("report", NEW, "--compare", BASE, "-o", str(fresh), "--png", str(pngs), "--force")
    assert forced.exit_code == 0 and fresh.exists()


def test_the_rate_limit_reaches_the_client(env: dict[str, str]) -> None:
    """Against a service (not --emulator): Respan is paced at its documented 60 a minute
    unless --rate-limit says otherwise; 0 turns pacing off."""
    from tracebridge.cli import common

    made: list[Any] = []
    original = common.Session.respan

    def spying(self: Any, *args: Any, **kwargs: Any) -> Any:
        client = original(self, *args, **kwargs)
        made.append(client)
        return client

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(common.Session, "respan", spying)
        for extra in ([], ["--rate-limit", "600"], ["--rate-limit", "0"]):
            done = runner.invoke(app, ["summary", NEW, "--quiet", *extra])
            assert done.exit_code == 0, done.output
    limits = [client._core.limiter.limit if client._core.limiter else None for client in made]
    assert limits == [60, 600, None]
