"""One experiment in numbers: per evaluator its spread (mean, median, range, a histogram),
rate or label counts; cost, latency and tokens. `summary` and `report` print and draw it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import stats
from .items import BOOLEAN, NUMERIC, USAGE, Experiment


def shown(value: Any, digits: int = 4) -> str:
    """A value as the terminal and the report show it: floats to `digits` significant
    digits, nothing as "-"."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}g}"
    return str(value)


@dataclass
class Histogram:
    """Counts of values in equal bins from `lower` to `upper` (the service's, where it has
    a histogram endpoint, else counted here)."""

    edges: list[float]  # len(counts) + 1 bin edges
    counts: list[int]
    source: str  # "service" or "local"

    def as_dict(self) -> dict[str, Any]:
        return {"edges": self.edges, "counts": self.counts, "source": self.source}


def histogram(values: list[float], bins: int = 20, low: float | None = None,
              high: float | None = None) -> Histogram:  # fmt: skip
    """Equal bins over [low, high] (the values' range unless given); the last bin holds its
    upper edge."""
    low = min(values, default=0.0) if low is None else low
    high = max(values, default=1.0) if high is None else high
    if high <= low:
        high = low + 1.0
    width = (high - low) / bins
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, max(0, int((value - low) / width)))] += 1
    edges = [low + i * width for i in range(bins)] + [high]
    return Histogram(edges, counts, "local")


@dataclass
class Spread:
    name: str
    kind: str
    n: int
    values: list[Any]
    numbers: dict[str, float | None] = field(default_factory=dict)
    labels: dict[str, int] = field(default_factory=dict)
    histogram: Histogram | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "n": self.n,
            **self.numbers,
            "labels": self.labels or None,
            "histogram": self.histogram.as_dict() if self.histogram else None,
        }


def _numbers(values: list[float]) -> dict[str, float | None]:
    ordered = sorted(values)
    return {
        "mean": stats.mean(values),
        "median": stats.median(values),
        "min": ordered[0] if ordered else None,
        "max": ordered[-1] if ordered else None,
        "p95": stats.quantile(ordered, 0.95) if ordered else None,
        "total": sum(values) if values else None,
    }


def spreads(experiment: Experiment, bins: int = 20) -> list[Spread]:
    """Each evaluator's spread (by name), then cost, latency and tokens."""
    out = []
    for name, kind in sorted(experiment.evaluators().items()):
        # an item whose evaluator gave another type of value is not counted in this one
        values = [
            i.scores[name].value
            for i in experiment.items
            if name in i.scores and i.scores[name].kind == kind
        ]
        spread = Spread(name, kind, len(values), values)
        if kind == NUMERIC:
            spread.numbers = _numbers(values)
            spread.histogram = histogram(values, bins, *_unit(values))
        elif kind == BOOLEAN:
            spread.numbers = {"rate": stats.mean([1.0 if v else 0.0 for v in values])}
        else:
            for value in values:
                spread.labels[str(value)] = spread.labels.get(str(value), 0) + 1
            spread.labels = dict(sorted(spread.labels.items(), key=lambda e: (-e[1], e[0])))
        out.append(spread)
    for name, _column in USAGE:
        numbers = [i.usage[name] for i in experiment.items if i.usage.get(name) is not None]
        values = [float(v) for v in numbers if v is not None]
        spread = Spread(name, "usage", len(values), values, _numbers(values))
        spread.histogram = histogram(values, bins) if values else None
        out.append(spread)
    return out


def _unit(values: list[float]) -> tuple[float | None, float | None]:
    """Scores between 0 and 1 are drawn over all of [0, 1], as the services draw them."""
    if values and min(values) >= 0 and max(values) <= 1:
        return 0.0, 1.0
    return None, None


def service_histogram(
    client: Any, experiment: Experiment, name: str, bins: int
) -> Histogram | None:
    """The service's own histogram of an evaluator (Respan's histogram endpoint), or None
    when it has none or answers with no bins (the service has been seen to)."""
    from ..respan import Respan

    if experiment.service != "respan" or not isinstance(client, Respan):
        return None
    found = client.experiments.histogram(experiment.id, experiment.evaluator_id(name), bins=bins)
    rows = [b.to_dict() for b in (getattr(found, "bins", None) or [])]
    if not rows or not sum(int(row.get("count") or 0) for row in rows):
        return None
    edges = [float(rows[0]["lower"])] + [float(row["upper"]) for row in rows]
    return Histogram(edges, [int(row.get("count") or 0) for row in rows], "service")
