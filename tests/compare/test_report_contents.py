"""What a report shows, read as its reader reads it: the HTML's headings and table cells, each
chart drawn to SVG (Vega's own description of every mark: which bar, at what value), and the
files `tracebridge.report` writes, refuses and replaces. Two small experiments made here,
whose every number is known, stand in for a service."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import tracebridge
from tracebridge import ConfigError
from tracebridge.comparing import Experiment, experiment_of

pytest.importorskip("altair")
vl_convert = pytest.importorskip("vl_convert")

from tracebridge.reporting import Report, build, charts  # noqa: E402


def _row(prefix: str, n: int, acc: float, ok: bool, tone: str, cost: float, seconds: float,
         tokens: int) -> dict[str, Any]:  # fmt: skip
    start = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=n)
    return {
        "id": f"{prefix}{n}", "comparison_key": f"k{n}", "input": f"question {n}",
        "output": f"{prefix} answer {n}", "start_time": start.isoformat(),
        "duration": seconds,
        "total_cost": cost, "total_tokens": tokens,
        "scores": {"acc": {"numerical_value": acc}, "ok": {"boolean_value": ok},
                   "tone": {"categorical_value": [tone]}},
    }  # fmt: skip


def _experiments() -> tuple[Experiment, Experiment]:
    """k0-k5 in the baseline, k0-k4 and k6 in the candidate. acc: 0.5 everywhere before;
    0.6 on k0-k3, 0.2 on k4 (the one regression), 0.9 on k6 after. ok: true before, false on
    k3 and k4 after. tone: calm, warm on k0 after. Cheaper, faster, longer after."""
    base = [_row("a", n, 0.5, True, "calm", 0.010, 2.0, 100) for n in range(6)]
    new = [
        _row("b", n, 0.6 if n < 4 else 0.2, n < 3, "warm" if n == 0 else "calm", 0.008, 1.5, 120)
        for n in range(5)
    ] + [_row("b", 6, 0.9, True, "calm", 0.008, 1.5, 120)]
    return (experiment_of("respan", "exp_a", base, name="prompt v1"),
            experiment_of("respan", "exp_b", new, name="prompt v2"))  # fmt: skip


@pytest.fixture
def built() -> Report:
    """Built for each test (a fraction of a second): mutation testing credits what a fixture
    runs to the first test that uses it, so a shared one would hide it from the rest."""
    base, new = _experiments()
    return build(new, compare_with=base)


class _Page(HTMLParser):
    """Headings, paragraphs and tables of a page, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, Any]] = []  # (tag, text) or ("table", rows)
        self._text: list[str] | None = None
        self._rows: list[list[str]] | None = None
        self._cell_class = ""
        self.charts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th", "h1", "h2", "h3", "p", "summary", "li", "title"):
            self._text, self._cell_class = [], found.get("class") or ""
        if tag == "div" and found.get("class") == "chart":
            self.charts.append(found.get("aria-label") or "")

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._text is None:
            return
        text = "".join(self._text)
        if tag in ("td", "th") and self._rows is not None:
            klass = self._cell_class.replace("n", "", 1).strip()
            self._rows[-1].append(f"{text} [{klass}]" if klass and klass != "text" else text)
            self._text = []
        elif tag in ("h1", "h2", "h3", "p", "summary", "li", "title"):
            self.blocks.append((tag, text))
            self._text = None

    def feed_page(self, page: str) -> None:
        # tables close in handle_endtag; keep them in order with the headings
        for part in re.split(r"(<table>.*?</table>)", page, flags=re.S):
            if part.startswith("<table>"):
                self._rows = []
                self.feed(part)
                self.blocks.append(("table", self._rows))
                self._rows, self._text = None, None
            else:
                self.feed(part)


def _read(page: str) -> _Page:
    body = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    read = _Page()
    read.feed_page(body)
    return read


def _after(read: _Page, heading: str) -> list[tuple[str, Any]]:
    index = next(i for i, (tag, text) in enumerate(read.blocks) if text == heading)
    return read.blocks[index + 1 :]


def test_the_page_says_what_was_compared_and_every_experiment_spread(built: Report) -> None:
    read = _read(built.html())
    assert ("title", "prompt v2 compared with prompt v1") in read.blocks
    assert ("h1", "prompt v2 compared with prompt v1") in read.blocks
    base = _after(read, "prompt v1")
    assert base[0] == ("p", "respan experiment exp_a, 6 items")
    assert base[1][1][0] == ["metric", "type", "n", "mean / rate", "median", "min", "max",
                             "p95", ""]  # fmt: skip
    rows = {row[0]: row for row in base[1][1][1:]}
    assert rows["acc"] == ["acc", "numeric", "6", "0.5", "0.5", "0.5", "0.5", "0.5", ""]
    assert rows["ok"] == ["ok", "boolean", "6", "1", "-", "-", "-", "-", "share true"]
    assert rows["tone"] == ["tone", "categorical", "6", "-", "-", "-", "-", "-", "calm: 6"]
    assert rows["cost_usd"][:4] == ["cost_usd", "usage", "6", "0.01"]
    assert rows["latency_ms"] == ["latency_ms", "usage", "6", "2000", "2000", "2000", "2000",
                                  "2000", ""]  # fmt: skip
    new = _after(read, "prompt v2")
    assert new[0] == ("p", "respan experiment exp_b, 6 items")
    rows = {row[0]: row for row in new[1][1][1:]}
    assert rows["acc"] == ["acc", "numeric", "6", "0.5833", "0.6", "0.2", "0.9", "0.825", ""]
    assert rows["ok"] == ["ok", "boolean", "6", "0.6667", "-", "-", "-", "-", "share true"]
    assert rows["tone"][-1] == "calm: 5, warm: 1"
    assert rows["total_tokens"][:8] == ["total_tokens", "usage", "6", "120", "120", "120",
                                        "120", "120"]  # fmt: skip


def test_the_paired_table_counts_and_colours_each_change(built: Report) -> None:
    read = _read(built.html())
    after = _after(read, "Paired comparison")
    assert after[0] == ("p", "5 items aligned; 1 only in the baseline, 1 only in prompt v2.")
    head, *body = after[1][1]
    assert head == ["metric", "type", "n", "baseline", "other", "difference", "95% interval",
                    "p", "improved", "worse", "unchanged"]  # fmt: skip
    rows = {row[0]: row for row in body}
    acc = rows["acc"]
    assert acc[:6] == ["acc", "numeric", "5", "0.5", "0.52", "0.02 [better]"]
    assert acc[8:] == ["4", "1", "0"]
    assert re.fullmatch(r"\[-?0\.\d+, 0\.\d+\]", acc[6])
    assert rows["ok"][:6] == ["ok", "boolean", "5", "1", "0.6", "-0.4 [worse]"]
    assert rows["ok"][6:] == ["[-0.8, 0]", "0.5", "0", "2", "3"]  # McNemar: 2 changed, p 2/4
    assert rows["tone"] == ["tone", "categorical", "5", "-", "-", "-", "-", "-", "0", "0", "4"]
    assert rows["cost_usd"][5] == "-0.002 [better]"  # cheaper is better
    assert rows["latency_ms"][2:6] == ["5", "2000", "1500", "-500 [better]"]
    assert rows["total_tokens"][5] == "20 [worse]"  # more tokens is worse
    assert rows["total_tokens"][6] == "[20, 20]"


def test_the_page_lists_labels_regressions_and_unaligned_items(built: Report) -> None:
    read = _read(built.html())
    confusion = _after(read, "tone: baseline label (rows) by other label (columns)")
    assert confusion[0][1] == [["", "calm", "warm"], ["calm", "4", "1"]]
    head = ["item", "baseline", "other", "input", "baseline output", "other output"]
    regressions = _after(read, "Top regressions: acc")
    assert regressions[0][1] == [head, ["k4", "0.5", "0.2", "question 4", "a answer 4",
                                        "b answer 4"]]  # fmt: skip
    regressions = _after(read, "Top regressions: ok")
    assert [row[:3] for row in regressions[0][1][1:]] == [["k3", "True", "False"],
                                                         ["k4", "True", "False"]]  # fmt: skip
    # scores first, then usage: more tokens on every item
    headings = [text for tag, text in read.blocks if tag == "h3" and "regressions" in text]
    assert headings == ["Top regressions: acc", "Top regressions: ok",
                        "Top regressions: total_tokens"]  # fmt: skip
    assert ("summary", "1 items only in baseline") in read.blocks
    assert ("summary", "1 items only in prompt v2") in read.blocks
    listed = [text for tag, text in read.blocks if tag == "li"]
    assert listed == ["k5 (a5)", "k6 (b6)"]


M = "\N{MINUS SIGN}"  # how Vega writes a negative number

EXPECTED_CHARTS = [
    ("acc-histogram", "acc: scores"),
    ("ok-rate", "ok: share true"),
    ("tone-labels", "tone: labels"),
    ("cost_usd-histogram", "cost_usd: distribution"),
    ("latency_ms-histogram", "latency_ms: distribution"),
    ("total_tokens-histogram", "total_tokens: distribution"),
    ("acc-differences", "acc: paired differences (band: its interval)"),
    ("cost_usd-differences", "cost_usd: paired differences (band: its interval)"),
    ("latency_ms-differences", "latency_ms: paired differences (band: its interval)"),
    ("total_tokens-differences", "total_tokens: paired differences (band: its interval)"),
]


def test_every_chart_is_on_the_page_under_its_title(built: Report) -> None:
    assert sorted((c.name, c.title) for c in built.charts) == sorted(EXPECTED_CHARTS)
    assert sorted(_read(built.html()).charts) == sorted(title for _, title in EXPECTED_CHARTS)


def _drawn(spec: dict[str, Any]) -> tuple[str, list[str]]:
    """The chart as SVG and Vega's description of each of its parts."""
    svg = vl_convert.vegalite_to_svg(spec, vl_version=charts.vega_lite_version())
    return svg, re.findall(r'aria-label="([^"]*)"', svg)


def _chart(built: Report, name: str) -> dict[str, Any]:
    return next(c.spec for c in built.charts if c.name == name)


def test_each_chart_draws_its_numbers(built: Report) -> None:
    svg, marks = _drawn(_chart(built, "acc-histogram"))
    assert re.search(r'<svg [^>]*width="600" height="280"', svg)
    assert "Title text 'acc: scores'" in marks
    assert any(m.startswith("X-axis titled 'acc'") for m in marks)
    assert any(m.startswith("Y-axis titled 'items'") for m in marks)
    assert "Symbol legend for fill color with 2 values: prompt v1, prompt v2" in marks
    bars = [m for m in marks if "; count: " in m]
    assert len(bars) == 2 * 20  # both experiments, 20 bins each
    counted = {e: sum(int(m.rsplit("count: ", 1)[1]) for m in bars if f"experiment: {e};" in m)
               for e in ("prompt v1", "prompt v2")}  # fmt: skip
    assert counted == {"prompt v1": 6, "prompt v2": 6}
    assert any("experiment: prompt v2; lower: 0.2;" in m and m.endswith("count: 1") for m in bars)

    _, marks = _drawn(_chart(built, "ok-rate"))
    assert marks == [
        "X-axis titled 'rate' for a linear scale with values from 0% to 100%",
        "Y-axis for a discrete scale with 2 values: prompt v1, prompt v2",
        "rate: 100.000000%; experiment: prompt v1",
        "rate: 66.666667%; experiment: prompt v2",
        "Title text 'ok: share true'",
    ]

    _, marks = _drawn(_chart(built, "tone-labels"))
    assert marks == [
        "X-axis for a discrete scale with 2 values: calm, warm",
        "Y-axis titled 'items' for a linear scale with values from 0 to 6",
        "label: calm; items: 6; experiment: prompt v1; count: 6",
        "label: calm; items: 5; experiment: prompt v2; count: 5",
        "label: warm; items: 1; experiment: prompt v2; count: 1",
        "Symbol legend for fill color with 2 values: prompt v1, prompt v2",
        "Title text 'tone: labels'",
    ]

    svg, marks = _drawn(_chart(built, "acc-differences"))
    assert marks[0] == (
        f"X-axis titled 'acc: other - baseline' for a linear scale with values from {M}0.3 to 0.1"
    )
    assert marks[1] == "Y-axis titled 'items' for a linear scale with values from 0 to 4"
    bars = [m for m in marks if "; count: " in m]
    assert len(bars) == 30  # the differences' own 30 bins
    assert bars[0].endswith(f"lower: {M}0.3; upper: {M}0.286666666667; count: 1")  # k4
    assert bars[-1].endswith("lower: 0.0866666666667; upper: 0.1; count: 4")  # 0.6 - 0.5
    assert marks[-5:-1] == [
        f"low: {M}0.14; high: 0.1",  # the interval, as in the table
        "at: 0; what: no change",
        "at: 0.02; what: mean difference",
        "Symbol legend for stroke color with 2 values: no change, mean difference",
    ]
    assert marks[-1] == "Title text 'acc: paired differences (band: its interval)'"
    for colour in ("#8c8c8c", "#d62728", "#333"):  # bars grey; mean and band red; zero dark
        assert colour in svg, colour


def test_report_writes_its_default_file_and_refuses_to_replace_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    base, new = _experiments()
    made = tracebridge.report(new, compare=base)
    page = tmp_path / "report.html"
    assert page.read_bytes() == made.html().encode()
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    with pytest.raises(ConfigError) as refused:
        tracebridge.report(new, compare=base)
    assert str(refused.value) == (
        "'report.html' exists; pass overwrite=True (--force) to replace it"
    )
    page.write_text("an older report")
    alone = tracebridge.report(new, overwrite=True)  # no baseline: one experiment
    assert "<h1>prompt v2</h1>" in page.read_text()
    assert len(_chart(alone, "acc-histogram")["data"]["values"]) == 20  # 20 bins by default
    assert len(_chart(made, "acc-histogram")["data"]["values"]) == 2 * 20
    narrow = tracebridge.report(new, path=tmp_path / "narrow.html", bins=5)
    assert len(_chart(narrow, "acc-histogram")["data"]["values"]) == 5


def test_a_report_that_cannot_be_written_says_where_and_leaves_nothing(tmp_path: Path) -> None:
    base, new = _experiments()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(tracebridge.ExportWriteError) as failed:
        tracebridge.report(new, compare=base, path=blocked / "report.html")
    assert str(failed.value) == f"cannot write {str(blocked / 'report.html')!r}: Not a directory"
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_pngs_go_into_a_new_folder_at_their_size_and_are_never_half_replaced(
    tmp_path: Path,
) -> None:
    image = pytest.importorskip("PIL.Image")
    base, new = _experiments()
    folder = tmp_path / "out" / "charts"
    made = tracebridge.report(new, compare=base, path=tmp_path / "r.html", png=folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{n}.png" for n, _ in EXPECTED_CHARTS
    )
    for png in folder.iterdir():
        with image.open(png) as opened:
            assert opened.size == (charts.WIDTH, charts.HEIGHT)
    assert (tmp_path / "r.html").read_bytes() == made.html().encode()

    first = folder / f"{made.charts[0].name}.png"  # named in the charts' order
    with pytest.raises(ConfigError) as refused:
        made.write(tmp_path / "other.html", png=folder)
    assert str(refused.value) == (
        f"{str(first)!r} exists (and {len(EXPECTED_CHARTS) - 1} more); pass overwrite=True "
        "(--force) to replace it"
    )
    assert not (tmp_path / "other.html").exists()
    for png in folder.iterdir():
        if png != first:
            png.unlink()
    with pytest.raises(ConfigError) as refused:
        made.write(tmp_path / "other.html", png=folder)
    assert (
        str(refused.value) == f"{str(first)!r} exists; pass overwrite=True (--force) to replace it"
    )
    first.write_bytes(b"old")
    written = made.write(tmp_path / "r.html", png=folder, overwrite=True)
    assert written[0] == tmp_path / "r.html" and len(written) == 1 + len(EXPECTED_CHARTS)
    assert first.read_bytes().startswith(b"\x89PNG")
    assert not list(tmp_path.rglob(".*.part"))


def _digest(name: str) -> str:
    import hashlib

    return hashlib.sha256(name.encode()).hexdigest()[:8]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("tone-histogram", "tone-histogram"),  # safe already: kept as it is
        ("Tone-histogram", "Tone-histogram-{}"),  # `tone` on a case-blind disk: told apart
        ("../judge: tone/v2", "judge_tone_v2-{}"),  # no folder, no dots in front
        ("._x_.", "x-{}"),
        ("///", "chart-{}"),
        ("a" * 150, "a" * 100 + "-{}"),  # at most 100 characters and the digest
    ],
)
def test_chart_file_names(name: str, expected: str) -> None:
    from tracebridge.reporting import file_name

    assert file_name(name) == expected.format(_digest(name))


def test_every_file_is_checked_before_any_is_written(tmp_path: Path) -> None:
    made = build(_experiments()[1])
    page, folder = tmp_path / "r.html", tmp_path / "charts"
    page.write_text("kept")
    with pytest.raises(ConfigError) as refused:
        made.write(page, png=folder)  # the page is there, no PNG yet
    assert (
        str(refused.value) == f"{str(page)!r} exists; pass overwrite=True (--force) to replace it"
    )
    assert page.read_text() == "kept" and not folder.exists()
    folder.mkdir()
    for chart in made.charts[:2]:
        (folder / f"{chart.name}.png").write_bytes(b"kept")
    with pytest.raises(ConfigError) as refused:
        made.write(tmp_path / "new.html", png=folder)
    first = folder / f"{made.charts[0].name}.png"
    assert str(refused.value) == (
        f"{str(first)!r} exists (and 1 more); pass overwrite=True (--force) to replace it"
    )
    for write in (made.write_html, made.write_pngs):
        target = page if write == made.write_html else folder
        with pytest.raises(ConfigError, match="exists; pass overwrite=True"):
            write(target)  # each refuses by default too
    assert page.read_text() == "kept" and first.read_bytes() == b"kept"


def test_bins_from_1_to_50_and_the_comparison_as_compare_makes_it() -> None:
    new = _experiments()[1]
    for bins in (1, 50):
        made = build(new, bins=bins)
        assert len(_chart(made, "acc-histogram")["data"]["values"]) == bins
    for bins in (0, 51):
        with pytest.raises(ConfigError) as refused:
            build(new, bins=bins)
        assert str(refused.value) == f"bins must be from 1 to 50, not {bins}"
    # twelve items of varied differences: another seed or count of resamples moves the ends
    rows = [_row("a", n, 0.5, True, "calm", 0.01, 1.0, 100) for n in range(12)]
    before = experiment_of("respan", "before", rows)
    rows = [_row("b", n, 0.3 + 0.05 * n - 0.013 * n * n % 0.2, True, "calm", 0.01, 1.0, 100)
            for n in range(12)]  # fmt: skip
    after = experiment_of("respan", "after", rows)
    made = build(after, compare_with=before)
    assert made.comparison is not None
    shown = made.comparison.pairs[0].metrics["acc"].interval
    alone = tracebridge.compare(before, after)  # the same defaults: 2,000 resamples, seed 0
    assert shown == alone.pairs[0].metrics["acc"].interval
    for other in (tracebridge.compare(before, after, seed=1),
                  tracebridge.compare(before, after, resamples=2001)):  # fmt: skip
        assert other.pairs[0].metrics["acc"].interval != shown
