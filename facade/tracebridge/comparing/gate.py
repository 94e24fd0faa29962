"""The regression gate: conditions on a comparison that fail a CI job.

A condition is `<metric>[.<stat>] <op> <number>`, e.g. `correctness < -0.02` (the mean paired
difference, other minus baseline), `correctness.low < 0` (the lower end of its interval),
`faithfulness.worse > 3`, `cost_usd.diff > 0.001`. Stats: diff (the default), low, high, p,
improved, worse, unchanged, changed, n, baseline, other. A condition holds when it is true
for any compared pair; a metric a pair cannot measure (no aligned values) holds too, so a
missing evaluator stops a release rather than waving it through.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import ConfigError
from .analysis import Pair

STATS = ("diff", "low", "high", "p", "improved", "worse", "unchanged", "changed", "n",
         "baseline", "other")  # fmt: skip
OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le, ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
    "<": operator.lt, ">": operator.gt,
}  # fmt: skip
LABELLED = ("categorical", "text")  # scores with no order: only counts apply
COUNTS = ("changed", "unchanged", "n")
_CONDITION = re.compile(
    r"^\s*(?P<metric>[^\s<>=!]+?)(?:\.(?P<stat>[a-z]+))?\s*(?P<op><=|>=|==|!=|<|>)\s*"
    r"(?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$"
)


@dataclass(frozen=True)
class Condition:
    metric: str
    stat: str
    op: str
    number: float
    text: str

    @classmethod
    def parse(cls, text: str) -> Condition:
        """A condition from its text, refused with a message saying the form."""
        found = _CONDITION.match(text)
        if found is None:
            raise ConfigError(
                f"--fail-if {text!r}: write <metric>[.<stat>] <op> <number>, "
                "e.g. 'accuracy < -0.02' or 'accuracy.low < 0'"
            )
        metric, stat = found.group("metric"), found.group("stat") or "diff"
        if stat not in STATS:
            raise ConfigError(f"--fail-if {text!r}: {stat!r} is not one of {', '.join(STATS)}")
        number = float(found.group("number"))
        return cls(metric, stat, found.group("op"), number, " ".join(text.split()))


@dataclass(frozen=True)
class Verdict:
    condition: Condition
    pair: str  # "baseline -> other"
    value: float | None
    holds: bool

    def describe(self) -> str:
        shown = "no aligned values" if self.value is None else f"{self.value:.6g}"
        return f"{self.condition.text} ({self.pair}: {self.condition.stat} = {shown})"


def check_metrics(conditions: Sequence[Condition], pairs: Sequence[Pair]) -> None:
    """Refuse a condition on a metric no pair has, naming the ones there are."""
    known = sorted({name for pair in pairs for name in pair.metrics})
    for condition in conditions:
        if condition.metric not in known:
            raise ConfigError(
                f"--fail-if {condition.text!r}: no metric {condition.metric!r}; "
                f"these were compared: {', '.join(known)}"
            )


def evaluate(conditions: Sequence[Condition], pairs: Sequence[Pair]) -> list[Verdict]:
    """Each condition on each pair; `holds` is True where it stops the release."""
    check_metrics(conditions, pairs)
    verdicts = []
    for condition in conditions:
        for pair in pairs:
            label = f"{pair.baseline.label} -> {pair.other.label}"
            metric = pair.metrics.get(condition.metric)
            if metric is not None and metric.kind in LABELLED and condition.stat not in COUNTS:
                raise ConfigError(
                    f"--fail-if {condition.text!r}: {metric.name} is {metric.kind}, with no "
                    f"order; use one of {', '.join(COUNTS)}"
                )
            value = metric.value(condition.stat) if metric is not None else None
            if metric is not None and metric.n == 0:
                value = None
            holds = value is None or OPERATORS[condition.op](value, condition.number)
            verdicts.append(Verdict(condition, label, value, holds))
    return verdicts
