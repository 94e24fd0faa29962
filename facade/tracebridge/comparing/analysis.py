"""A paired comparison of two experiments: items aligned by key, then per metric (each
evaluator, and cost, latency and tokens) what changed, by how much, and whether it is real.

Direction: a score is better higher, cost, latency and tokens are better lower. "Improved",
"worse" and "unchanged" count aligned items by that direction; categorical and text scores
have no direction and count "changed" instead (and a categorical one has a confusion table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import stats
from .items import BOOLEAN, CATEGORICAL, NUMERIC, USAGE, Experiment, Item

LOWER_IS_BETTER = frozenset(name for name, _ in USAGE)


@dataclass
class Metric:
    """One metric of one pair of experiments."""

    name: str
    kind: str  # numeric | boolean | categorical | text, or "usage" for cost/latency/tokens
    n: int  # aligned items with a value on both sides
    missing: int  # aligned items with a value on one side only or none
    baseline: dict[str, Any]  # mean/median (numeric), rate (boolean), labels (categorical)
    other: dict[str, Any]
    difference: float | None = None  # mean paired difference, other minus baseline
    median_difference: float | None = None
    interval: tuple[float, float] | None = None  # bootstrap interval of `difference`
    p_value: float | None = None  # signed-rank (numeric), McNemar (boolean)
    test: str | None = None
    improved: int = 0
    worse: int = 0
    unchanged: int = 0
    changed: int = 0
    confusion: dict[str, dict[str, int]] | None = None
    regressions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lower_is_better(self) -> bool:
        return self.name in LOWER_IS_BETTER

    def value(self, stat: str) -> float | None:
        """A number the gate reads: diff, low, high, p, improved, worse, unchanged, changed,
        n, baseline, other (mean or rate)."""
        interval = self.interval or (None, None)
        numbers: dict[str, float | None] = {
            "diff": self.difference,
            "low": interval[0],
            "high": interval[1],
            "p": self.p_value if self.p_value is not None or not self.n else 1.0,
            "improved": self.improved,
            "worse": self.worse,
            "unchanged": self.unchanged,
            "changed": self.changed,
            "n": self.n,
            "baseline": self.baseline.get("mean", self.baseline.get("rate")),
            "other": self.other.get("mean", self.other.get("rate")),
        }
        return numbers[stat]

    def as_dict(self) -> dict[str, Any]:
        out = {
            "name": self.name,
            "kind": self.kind,
            "lower_is_better": self.lower_is_better,
            "n": self.n,
            "missing": self.missing,
            "baseline": self.baseline,
            "other": self.other,
            "difference": self.difference,
            "median_difference": self.median_difference,
            "interval": list(self.interval) if self.interval else None,
            "p_value": self.p_value,
            "test": self.test,
            "improved": self.improved,
            "worse": self.worse,
            "unchanged": self.unchanged,
            "changed": self.changed,
            "confusion": self.confusion,
            "regressions": self.regressions,
        }
        return out


@dataclass
class Pair:
    """The baseline and one other experiment, aligned."""

    baseline: Experiment
    other: Experiment
    aligned: list[tuple[Item, Item]]
    only_baseline: list[Item]
    only_other: list[Item]
    metrics: dict[str, Metric]
    confidence: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "baseline": _experiment(self.baseline),
            "other": _experiment(self.other),
            "aligned": len(self.aligned),
            "only_baseline": [_unaligned(item) for item in self.only_baseline],
            "only_other": [_unaligned(item) for item in self.only_other],
            "confidence": self.confidence,
            "metrics": {name: metric.as_dict() for name, metric in self.metrics.items()},
        }


def _experiment(experiment: Experiment) -> dict[str, Any]:
    return {
        "service": experiment.service,
        "id": experiment.id,
        "name": experiment.name,
        "items": len(experiment.items),
    }


def _unaligned(item: Item) -> dict[str, Any]:
    return {"key": item.key, "trace_id": item.trace_id, "input": item.input}


def align(
    baseline: Experiment, other: Experiment
) -> tuple[list[tuple[Item, Item]], list[Item], list[Item]]:
    """Pairs of items with the same key (in the baseline's order), and the items of each
    side that the other lacks."""
    theirs = {item.key: item for item in other.items}
    ours = {item.key for item in baseline.items}
    aligned = [(item, theirs[item.key]) for item in baseline.items if item.key in theirs]
    only_baseline = [item for item in baseline.items if item.key not in theirs]
    only_other = [item for item in other.items if item.key not in ours]
    return aligned, only_baseline, only_other


def value_of(item: Item, name: str) -> Any:
    if name in LOWER_IS_BETTER:
        return item.usage.get(name)
    score = item.scores.get(name)
    return score.value if score is not None else None


def pair(
    baseline: Experiment,
    other: Experiment,
    *,
    resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
    top: int = 10,
) -> Pair:
    """Compare `other` with `baseline`, item by item."""
    aligned, only_baseline, only_other = align(baseline, other)
    kinds = dict(sorted({**other.evaluators(), **baseline.evaluators()}.items()))
    kinds |= {name: "usage" for name, _column in USAGE}
    metrics = {name: _metric(name, kinds[name], aligned, top) for name in kinds}
    columns = {
        name: [difference(a, b, name, metric.kind) for a, b in aligned]
        for name, metric in metrics.items()
        if metric.kind in (NUMERIC, "usage", BOOLEAN)
    }
    found = stats.bootstrap_intervals(
        columns, resamples=resamples, confidence=confidence, seed=seed
    )
    for name, interval in found.items():
        metrics[name].interval = interval
    return Pair(baseline, other, aligned, only_baseline, only_other, metrics, confidence)


def _fits(kind: str, value: Any) -> bool:
    """Whether a value is of the metric's type: an evaluator that gave numbers in one
    experiment and labels in the other is compared where both sides agree, and the rest of
    its items count as missing (never a crash, never a number read from a label)."""
    if kind in (NUMERIC, "usage"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == BOOLEAN:
        return isinstance(value, bool)
    return isinstance(value, str)


def paired(a: Item, b: Item, name: str, kind: str) -> tuple[Any, Any] | None:
    """The two sides' values of a metric, when both have one of its type."""
    va, vb = value_of(a, name), value_of(b, name)
    return (va, vb) if _fits(kind, va) and _fits(kind, vb) else None


def difference(a: Item, b: Item, name: str, kind: str) -> float | None:
    """other minus baseline (a boolean counts as 1 or 0), None unless both have a value."""
    values = paired(a, b, name, kind)
    return None if values is None else float(values[1]) - float(values[0])


def _metric(name: str, kind: str, aligned: Sequence[tuple[Item, Item]], top: int) -> Metric:
    both = [(a, b, *values) for a, b in aligned if (values := paired(a, b, name, kind))]
    missing = len(aligned) - len(both)
    if kind in (NUMERIC, "usage"):
        return _numeric(name, kind, both, missing, top)
    if kind == BOOLEAN:
        return _boolean(name, both, missing, top)
    return _labels(name, kind, both, missing)


Paired = tuple[Item, Item, Any, Any]  # the two items and their values of one metric


def _numeric(name: str, kind: str, both: list[Paired], missing: int, top: int) -> Metric:
    a_values = [float(a) for _, _, a, _ in both]
    b_values = [float(b) for _, _, _, b in both]
    differences = [b - a for a, b in zip(a_values, b_values, strict=True)]
    sign = -1 if name in LOWER_IS_BETTER else 1
    metric = Metric(
        name=name,
        kind=kind,
        n=len(both),
        missing=missing,
        baseline={"mean": stats.mean(a_values), "median": stats.median(a_values)},
        other={"mean": stats.mean(b_values), "median": stats.median(b_values)},
        difference=stats.mean(differences),
        median_difference=stats.median(differences),
        p_value=stats.signed_rank_p(differences),
        test="wilcoxon signed-rank",
        improved=sum(1 for d in differences if d * sign > 0),
        worse=sum(1 for d in differences if d * sign < 0),
        unchanged=sum(1 for d in differences if d == 0),
    )
    metric.changed = metric.improved + metric.worse
    worst = sorted(
        (entry for entry in zip(both, differences, strict=True) if entry[1] * sign < 0),
        key=lambda entry: entry[1] * sign,
    )
    metric.regressions = [_regression(a, b, va, vb, d) for (a, b, va, vb), d in worst[:top]]
    return metric


def _boolean(name: str, both: list[Paired], missing: int, top: int) -> Metric:
    a_values = [1.0 if a else 0.0 for _, _, a, _ in both]
    b_values = [1.0 if b else 0.0 for _, _, _, b in both]
    differences = [b - a for a, b in zip(a_values, b_values, strict=True)]
    gained = sum(1 for d in differences if d > 0)
    lost = sum(1 for d in differences if d < 0)
    metric = Metric(
        name=name,
        kind=BOOLEAN,
        n=len(both),
        missing=missing,
        baseline={"rate": stats.mean(a_values), "true": int(sum(a_values))},
        other={"rate": stats.mean(b_values), "true": int(sum(b_values))},
        difference=stats.mean(differences),
        p_value=stats.mcnemar_p(gained, lost),
        test="exact McNemar",
        improved=gained,
        worse=lost,
        unchanged=len(both) - gained - lost,
        changed=gained + lost,
    )
    lost_items = [entry for entry in both if entry[2] and not entry[3]]
    metric.regressions = [_regression(a, b, va, vb, -1.0) for a, b, va, vb in lost_items[:top]]
    return metric


def _labels(name: str, kind: str, both: list[Paired], missing: int) -> Metric:
    confusion: dict[str, dict[str, int]] = {}
    for _, _, a, b in both:
        row = confusion.setdefault(str(a), {})
        row[str(b)] = row.get(str(b), 0) + 1
    changed = sum(1 for _, _, a, b in both if a != b)
    counts = [_label_counts(a for _, _, a, _ in both), _label_counts(b for _, _, _, b in both)]
    return Metric(
        name=name,
        kind=kind,
        n=len(both),
        missing=missing,
        baseline={"labels": counts[0]},
        other={"labels": counts[1]},
        unchanged=len(both) - changed,
        changed=changed,
        confusion=confusion if kind == CATEGORICAL else None,
    )


def _label_counts(values: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[str(value)] = counts.get(str(value), 0) + 1
    return dict(sorted(counts.items(), key=lambda entry: (-entry[1], entry[0])))


def _regression(a: Item, b: Item, va: Any, vb: Any, difference: float) -> dict[str, Any]:
    return {
        "key": a.key,
        "baseline": va,
        "other": vb,
        "difference": difference if not isinstance(va, bool) else None,
        "input": a.input,
        "baseline_output": a.output,
        "other_output": b.output,
        "expected_output": a.expected_output,
        "baseline_trace_id": a.trace_id,
        "other_trace_id": b.trace_id,
    }
