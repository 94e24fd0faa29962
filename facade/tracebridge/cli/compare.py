"""`tracebridge compare`, `summary` and `report`: experiments side by side, in the terminal,
as JSON, as files, as a CI gate, and drawn.

tracebridge compare exp_base exp_new --fail-if "correctness < -0.02"   # exit 6 if it holds
tracebridge summary exp_new
tracebridge report exp_new --compare exp_base -o report.html --png charts/
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from ..comparing.summary import shown
from ..errors import ConfigError
from .common import (
    EXIT_REGRESSED,
    DebugOption,
    EmulatorOption,
    ForceOption,
    JsonOption,
    QuietOption,
    Session,
    for_terminal,
    session,
    stderr,
    stdout,
)

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
BLOCKS = " ▁▂▃▄▅▆▇█"

ServiceOption = Annotated[
    str | None,
    typer.Option(
        "--service",
        help="respan or galileo (default: galileo when every id is a UUID, else respan).",
    ),
]
ProjectOption = Annotated[
    str | None,
    typer.Option("--project", envvar="GALILEO_PROJECT_ID", help="The Galileo project."),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--rate-limit",
        min=0,
        help="Requests per minute at most (default: Respan 60, Galileo none; 0: no limit).",
    ),
]
SeedOption = Annotated[int, typer.Option("--seed", help="The bootstrap's random seed.")]
ResamplesOption = Annotated[
    int, typer.Option("--resamples", min=100, help="Bootstrap resamples per metric.")
]


def _client(
    s: Session, ids: Sequence[str], service: str | None, project: str | None, rate_limit: int | None
) -> Any:
    chosen = service or ("galileo" if all(_UUID.match(i) for i in ids) else "respan")
    if chosen == "respan":
        return s.respan(rate_limit=60 if rate_limit is None else rate_limit)
    if chosen == "galileo":
        return s.galileo(project, rate_limit=rate_limit or 0)
    raise ConfigError(f"--service is respan or galileo, not {service!r}")


def compare(
    experiments: Annotated[
        list[str], typer.Argument(help="The baseline, then each experiment to compare with it.")
    ],
    fail_if: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-if",
            help="Exit 6 when this holds for any pair, e.g. 'correctness < -0.02' (mean "
            "difference) or 'correctness.low < 0' (its interval's lower end); repeat.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write the aligned items to .csv/.jsonl/.parquet/.xlsx."
        ),
    ] = None,
    as_json: JsonOption = False,
    confidence: Annotated[
        float, typer.Option("--confidence", help="The intervals' confidence level.")
    ] = 0.95,
    resamples: ResamplesOption = 2000,
    seed: SeedOption = 0,
    top: Annotated[int, typer.Option("--top", min=0, help="Regressions listed per metric.")] = 10,
    service: ServiceOption = None,
    project: ProjectOption = None,
    rate_limit: LimitOption = None,
    force: ForceOption = False,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Compare experiments item by item with the first (the baseline): per evaluator and for
    cost, latency and tokens, the paired difference, its bootstrap interval, a signed-rank
    (or McNemar) p-value, items improved/worse/unchanged and the worst regressions.
    Exit codes: 0 no --fail-if held, 6 one held, 2 bad input, 3/4 the service failed."""
    from ..comparing import Condition
    from ..comparing import compare as run

    with session(emulator=emulator, quiet=quiet, debug=debug) as s:
        if len(experiments) < 2:
            raise ConfigError("compare needs a baseline and at least one other experiment")
        conditions = [Condition.parse(text) for text in fail_if or []]  # before any request
        if output is not None and Path(output).exists() and not force:
            raise ConfigError(f"{output!r} exists; pass --force to replace it")
        reading = _status(quiet, f"reading {len(experiments)} experiments")
        with _client(s, experiments, service, project, rate_limit) as client, reading:
            result = run(*experiments, client=client, resamples=resamples,
                         confidence=confidence, seed=seed, top=top)  # fmt: skip
        verdicts = result.check(conditions)
        if output is not None:
            result.write(output, overwrite=force)
            s.note(f"wrote the aligned items to {output}")
        if as_json:
            document = result.as_dict()
            document["gate"] = [
                {"condition": v.condition.text, "pair": v.pair, "value": v.value, "holds": v.holds}
                for v in verdicts
            ]
            stdout.print_json(json.dumps(document, default=str))
        else:
            for pair in result.pairs:
                _show_pair(pair)
        held = [v for v in verdicts if v.holds]
        for verdict in verdicts:  # one line per condition and pair, held or not: a CI log
            state = "held" if verdict.holds else "not held"  # shows that the gate ran
            typer.echo(f"fail-if {state}: {for_terminal(verdict.describe())}", err=True)
        if held:
            raise typer.Exit(EXIT_REGRESSED)


def _status(quiet: bool, what: str) -> contextlib.AbstractContextManager[Any]:
    """A spinner on stderr while experiments are read (nothing with --quiet)."""
    return contextlib.nullcontext() if quiet else stderr.status(what)


def _sparkline(counts: Sequence[int]) -> str:
    top = max(counts, default=0) or 1
    return "".join(BLOCKS[round(c / top * (len(BLOCKS) - 1))] for c in counts)


def _show_pair(pair: Any) -> None:
    from ..comparing.analysis import paired
    from ..comparing.summary import histogram

    base, other = pair.baseline.label, pair.other.label
    stdout.print(Text(f"\n{other}  vs  {base} (baseline)", style="bold"), highlight=False)
    stdout.print(
        f"{len(pair.aligned)} items aligned, {len(pair.only_baseline)} only in the baseline, "
        f"{len(pair.only_other)} only in {other}",
        highlight=False,
    )
    table = Table(show_edge=False, pad_edge=False)
    for title in ("metric", "type", "n", "baseline", "other", "difference",
                  f"{pair.confidence:.0%} interval", "p", "better", "worse", "same"):  # fmt: skip
        table.add_column(title, justify="left" if title in ("metric", "type") else "right")
    for m in pair.metrics.values():
        interval = (
            "-" if m.interval is None else f"[{shown(m.interval[0])}, {shown(m.interval[1])}]"
        )
        base_value = m.baseline.get("mean", m.baseline.get("rate"))
        other_value = m.other.get("mean", m.other.get("rate"))
        style = ""
        if m.difference:
            style = "green" if (m.difference < 0) == m.lower_is_better else "red"
        better = str(m.improved) if m.kind not in ("categorical", "text") else "-"
        worse = str(m.worse) if m.kind not in ("categorical", "text") else f"{m.changed} changed"
        table.add_row(
            m.name, m.kind, str(m.n), shown(base_value), shown(other_value),
            Text(shown(m.difference), style=style), interval, shown(m.p_value, 3), better, worse,
            str(m.unchanged),
        )  # fmt: skip
    stdout.print(table)
    numeric = [m for m in pair.metrics.values() if m.kind in ("numeric", "usage") and m.n]
    if numeric:
        stdout.print(Text("\ndistributions (baseline / other, same bins)", style="bold"))
        width = max(len(m.name) for m in numeric)
        for m in numeric:
            both = [v for x, y in pair.aligned if (v := paired(x, y, m.name, m.kind))]
            a, b = [float(v[0]) for v in both], [float(v[1]) for v in both]
            low, high = min(a + b), max(a + b)
            line_a = _sparkline(histogram(a, 24, low, high).counts)
            line_b = _sparkline(histogram(b, 24, low, high).counts)
            stdout.print(
                f"{m.name:<{width}}  {line_a}  {shown(low)}..{shown(high)}", highlight=False
            )
            stdout.print(f"{'':<{width}}  {line_b}", highlight=False)
    for m in pair.metrics.values():
        if m.confusion:
            labels = sorted({b for row in m.confusion.values() for b in row})
            confusion = Table(
                title=f"{m.name}: baseline (rows) by other (columns)", show_edge=False
            )
            confusion.add_column("")
            for label in labels:
                confusion.add_column(label, justify="right")
            for a, row in sorted(m.confusion.items()):
                confusion.add_row(a, *(str(row.get(label, 0)) for label in labels))
            stdout.print(confusion)
    for m in pair.metrics.values():
        if not m.regressions or m.lower_is_better:
            continue
        worst = Table(title=f"top regressions: {m.name}", show_edge=False)
        for title in ("item", "baseline", "other", "input", "baseline output", "other output"):
            worst.add_column(title, overflow="fold", max_width=40)
        for r in m.regressions:
            worst.add_row(
                r["key"], shown(r["baseline"]), shown(r["other"]), _short(r["input"]),
                _short(r["baseline_output"]), _short(r["other_output"]),
            )  # fmt: skip
        stdout.print(worst)
    for side, items in (("the baseline", pair.only_baseline), (other, pair.only_other)):
        if items:
            keys = ", ".join(item.key for item in items[:20])
            more = f" and {len(items) - 20} more (--json lists all)" if len(items) > 20 else ""
            stdout.print(f"only in {side}: {keys}{more}", highlight=False)


def _short(value: Any, limit: int = 120) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary(
    experiment: Annotated[str, typer.Argument(help="The experiment.")],
    bins: Annotated[int, typer.Option("--bins", min=1, max=50, help="Histogram bins.")] = 10,
    as_json: JsonOption = False,
    service: ServiceOption = None,
    project: ProjectOption = None,
    rate_limit: LimitOption = None,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """An experiment in numbers: per evaluator its mean, median and range and a histogram
    (the service's own where it has one), its rate or labels; cost, latency and tokens."""
    from ..comparing import load
    from ..comparing.summary import service_histogram, spreads

    with session(emulator=emulator, quiet=quiet, debug=debug) as s:
        reading = _status(quiet, f"reading {experiment}")
        with _client(s, [experiment], service, project, rate_limit) as client, reading:
            loaded = load(client, experiment)
            measured = spreads(loaded, bins)
            for spread in measured:
                if spread.kind == "numeric":
                    found = service_histogram(client, loaded, spread.name, bins)
                    spread.histogram = found or spread.histogram
        if as_json:
            document = {"experiment": {"service": loaded.service, "id": loaded.id,
                                       "name": loaded.name, "items": len(loaded.items)},
                        "metrics": [spread.as_dict() for spread in measured]}  # fmt: skip
            stdout.print_json(json.dumps(document, default=str))
            return
        stdout.print(Text(f"{loaded.label} ({loaded.service} {loaded.id}): "
                          f"{len(loaded.items)} items", style="bold"), highlight=False)  # fmt: skip
        table = Table(show_edge=False, pad_edge=False)
        for title in ("metric", "type", "n", "mean / rate", "median", "min", "max", "p95"):
            table.add_column(title, justify="left" if title in ("metric", "type") else "right")
        for spread in measured:
            n = spread.numbers
            first = shown(n.get("mean", n.get("rate")))
            if spread.labels:
                first = ", ".join(f"{k}: {v}" for k, v in list(spread.labels.items())[:4])
            table.add_row(spread.name, spread.kind, str(spread.n), first,
                          *(shown(n.get(k)) for k in ("median", "min", "max", "p95")))  # fmt: skip
        stdout.print(table)
        for spread in measured:
            if spread.histogram is not None:
                _show_histogram(spread.name, spread.histogram)


def _show_histogram(name: str, histogram: Any) -> None:
    top = max(histogram.counts, default=0) or 1
    where = "the service's histogram" if histogram.source == "service" else "counted here"
    stdout.print(Text(f"\n{name} ({where})", style="bold"), highlight=False)
    for i, count in enumerate(histogram.counts):
        low, high = histogram.edges[i], histogram.edges[i + 1]
        bar = "█" * round(count / top * 40)
        stdout.print(f"{shown(low, 3):>9} to {shown(high, 3):<9} {bar} {count}", highlight=False)


def report(
    experiment: Annotated[str, typer.Argument(help="The experiment to report on.")],
    compare_with: Annotated[
        str | None,
        typer.Option("--compare", help="The baseline to compare the experiment with."),
    ] = None,
    output: Annotated[
        str, typer.Option("--output", "-o", help="The HTML file (self-contained).")
    ] = "report.html",
    png: Annotated[
        str | None, typer.Option("--png", help="Also write each chart as a PNG into this folder.")
    ] = None,
    bins: Annotated[int, typer.Option("--bins", min=1, max=50, help="Histogram bins.")] = 20,
    service: ServiceOption = None,
    project: ProjectOption = None,
    rate_limit: LimitOption = None,
    force: ForceOption = False,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Write one HTML file (every script inlined: it opens offline) with the summary, a
    histogram per evaluator, cost and latency distributions and, with --compare, the paired
    differences and the top regressions; --png writes the same charts as PNG files."""
    from .._optional import require

    with session(emulator=emulator, quiet=quiet, debug=debug) as s:
        require("altair", "report")
        require("vl_convert", "report")
        from ..reporting import build

        if Path(output).exists() and not force:  # before any request
            raise ConfigError(f"{output!r} exists; pass --force to replace it")
        ids = [experiment] + ([compare_with] if compare_with else [])
        reading = _status(quiet, f"reading {len(ids)} experiment(s)")
        with _client(s, ids, service, project, rate_limit) as client, reading:
            built = build(experiment, compare_with=compare_with, client=client, bins=bins)
        built.write(output, png=png, overwrite=force)
        s.note(f"wrote {output} ({len(built.charts)} charts)")
        if png is not None:
            s.note(f"wrote {len(built.charts)} PNG files into {png}")
