"""An experiment's report: one self-contained HTML file (every script and style inlined,
nothing fetched when it opens) and the same charts as PNG files.

    with tracebridge.Respan() as rs:
        tracebridge.report("exp_new", compare="exp_base", client=rs, path="report.html",
                           png="charts/")

Needs the `report` extra (Vega-Altair and vl-convert): `pip install 'tracebridge[report]'`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._optional import require
from ..comparing import Comparison, Experiment, compare, load
from ..comparing.analysis import difference
from ..comparing.items import BOOLEAN, NUMERIC
from ..comparing.summary import Spread, service_histogram, spreads
from ..errors import ConfigError, ExportWriteError
from . import charts
from .page import page

EXTRA = "report"
AXES = {"cost_usd": "cost (USD)", "latency_ms": "latency (ms)", "total_tokens": "tokens"}


@dataclass
class Chart:
    name: str  # the PNG's file name, without .png
    title: str
    spec: charts.Spec

    def __post_init__(self) -> None:
        self.name = file_name(self.name)


def file_name(name: str) -> str:
    """A chart's file name: an evaluator's name may hold anything, the file name only what
    is safe, at most 100 characters; a name that had to change carries a digest of the
    original, so two evaluators never share a file (`a/b` and `a_b`, `Acc` and `acc` on a
    case-blind disk)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("._")[:100] or "chart"
    if safe == name and safe == safe.lower():
        return safe
    return f"{safe}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


@dataclass
class Report:
    """What a report shows: the experiments' spreads, the comparison if any, the charts."""

    experiments: list[Experiment]
    spreads: dict[str, list[Spread]]  # by experiment id
    comparison: Comparison | None
    charts: list[Chart]

    def html(self) -> str:
        return page(self)

    def write(
        self,
        path: str | os.PathLike[str],
        *,
        png: str | os.PathLike[str] | None = None,
        overwrite: bool = False,
    ) -> list[Path]:
        """The HTML file and, with `png`, the charts as PNGs; every target is checked first,
        so a file already there (without `overwrite`) leaves nothing half-written."""
        targets = [Path(path)]
        if png is not None:
            targets += [Path(png) / f"{chart.name}.png" for chart in self.charts]
        there = [str(target) for target in targets if target.exists()]
        if there and not overwrite:
            raise ConfigError(
                f"{there[0]!r} exists{f' (and {len(there) - 1} more)' if len(there) > 1 else ''}"
                "; pass overwrite=True (--force) to replace it"
            )
        written = [self.write_html(path, overwrite=overwrite)]
        if png is not None:
            written += self.write_pngs(png, overwrite=overwrite)
        return written

    def write_html(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        return _write(Path(path), self.html().encode("utf-8"), overwrite)

    def write_pngs(
        self, folder: str | os.PathLike[str], *, scale: float = 1.0, overwrite: bool = False
    ) -> list[Path]:
        """Each chart as `<folder>/<name>.png`, charts.WIDTH x charts.HEIGHT times `scale`."""
        import vl_convert

        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        version = charts.vega_lite_version()
        written = []
        for chart in self.charts:
            png = vl_convert.vegalite_to_png(chart.spec, scale=scale, vl_version=version)
            written.append(_write(target / f"{chart.name}.png", png, overwrite))
        return written


def _write(path: Path, data: bytes, overwrite: bool) -> Path:
    """The file whole under its name, or untouched: a temporary name, then a rename."""
    if path.exists() and not overwrite:
        raise ConfigError(f"{str(path)!r} exists; pass overwrite=True (--force) to replace it")
    part = path.with_name(f".{path.name}.part")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    except OSError as error:
        with contextlib.suppress(OSError):  # none there, or no folder to hold one
            part.unlink()
        raise ExportWriteError(f"cannot write {str(path)!r}: {error.strerror or error}") from None
    return path


def build(
    experiment: str | Experiment,
    *,
    compare_with: str | Experiment | None = None,
    client: Any = None,
    bins: int = 20,
    resamples: int = 2000,
    seed: int = 0,
) -> Report:
    """The report of `experiment`, compared with `compare_with` (the baseline) if given."""
    require("altair", EXTRA)
    require("vl_convert", EXTRA)
    if not 1 <= bins <= 50:
        raise ConfigError(f"bins must be from 1 to 50, not {bins}")
    comparison = None
    if compare_with is not None:
        comparison = compare(compare_with, experiment, client=client, resamples=resamples,
                             seed=seed)  # fmt: skip
        shown = comparison.experiments
    else:
        shown = [experiment if isinstance(experiment, Experiment) else load(client, experiment)]
    by_id = {e.id: spreads(e, bins) for e in shown}
    for e in shown:  # the service's own histograms, where it has them
        for spread in by_id[e.id]:
            if spread.kind == NUMERIC and client is not None:
                spread.histogram = (
                    service_histogram(client, e, spread.name, bins) or spread.histogram
                )
    return Report(shown, by_id, comparison, _charts(shown, by_id, comparison))


def _charts(
    shown: list[Experiment], by_id: dict[str, list[Spread]], comparison: Comparison | None
) -> list[Chart]:
    out: list[Chart] = []
    by_name: dict[str, list[tuple[str, Spread]]] = {}  # every metric of any experiment
    for e in shown:
        for spread in by_id[e.id]:
            by_name.setdefault(spread.name, []).append((e.label, spread))
    for name, per in by_name.items():
        kind = per[0][1].kind
        if kind in (NUMERIC, "usage"):
            drawn = [(label, s.histogram) for label, s in per if s.histogram is not None]
            if drawn:
                axis = AXES.get(name, name)
                title = f"{name}: distribution" if kind == "usage" else f"{name}: scores"
                out.append(Chart(f"{name}-histogram", title, charts.histograms(title, axis, drawn)))
        elif kind == BOOLEAN:
            title = f"{name}: share true"
            rates = [(label, s.numbers.get("rate")) for label, s in per]
            out.append(Chart(f"{name}-rate", title, charts.rates(title, rates)))
        else:
            title = f"{name}: labels"
            counted = [(label, s.labels) for label, s in per]
            out.append(Chart(f"{name}-labels", title, charts.labels(title, counted)))
    if comparison is not None:
        pair = comparison.pairs[0]
        for metric in pair.metrics.values():
            if metric.kind not in (NUMERIC, "usage") or not metric.n:
                continue
            values = [
                change
                for a, b in pair.aligned
                if (change := difference(a, b, metric.name, metric.kind)) is not None
            ]
            spec = charts.differences(metric, values)
            out.append(Chart(f"{metric.name}-differences", spec["title"], spec))
    return out


def report(
    experiment: str | Experiment,
    *,
    compare: str | Experiment | None = None,
    client: Any = None,
    path: str | os.PathLike[str] = "report.html",
    png: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
    bins: int = 20,
) -> Report:
    """Build the report of `experiment` (compared with `compare`, the baseline, if given),
    write it to `path` as one HTML file, and its charts as PNGs into `png` if given."""
    if Path(path).exists() and not overwrite:  # before any request
        raise ConfigError(f"{str(path)!r} exists; pass overwrite=True (--force) to replace it")
    built = build(experiment, compare_with=compare, client=client, bins=bins)
    built.write(path, png=png, overwrite=overwrite)
    return built


__all__ = ["Chart", "Report", "build", "report"]
