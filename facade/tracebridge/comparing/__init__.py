"""Compare experiments: did a change make things better or worse, where, and is it real?

    import tracebridge
    with tracebridge.Respan() as rs:
        result = tracebridge.compare("exp_base", "exp_new", client=rs)
    result.pairs[0].metrics["correctness"].interval      # (-0.031, -0.004)
    result.check(["correctness.low < 0"])                # the conditions that held
    result.write("aligned.parquet")                      # one row per item and pair

The first experiment is the baseline; each other is compared with it (docs/compare.md).
Standard library only: no extra is needed (charts are `tracebridge.report`'s).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from .analysis import Metric, Pair, difference, pair, value_of
from .gate import Condition, Verdict, evaluate
from .items import Experiment, Item, check_id, experiment_of, load


@dataclass
class Comparison:
    """The baseline and each other experiment, compared."""

    experiments: list[Experiment]
    pairs: list[Pair]

    def as_dict(self) -> dict[str, Any]:
        return {"pairs": [pair.as_dict() for pair in self.pairs]}

    def check(self, conditions: Sequence[str | Condition]) -> list[Verdict]:
        """The verdicts of gate conditions (`"correctness < -0.02"`); see `gate`."""
        parsed = [c if isinstance(c, Condition) else Condition.parse(c) for c in conditions]
        return evaluate(parsed, self.pairs)

    def rows(self) -> Iterator[dict[str, Any]]:
        """One row per item of each pair, aligned or not (`aligned` says), with each metric's
        values on both sides and their difference."""
        for compared in self.pairs:
            metrics = compared.metrics
            ids = {"baseline_id": compared.baseline.id, "other_id": compared.other.id}
            for a, b in compared.aligned:
                yield {**ids, **_sides(a, b), "aligned": True, **_values(metrics, a, b)}
            for a in compared.only_baseline:
                yield {**ids, **_sides(a, None), "aligned": False, **_values(metrics, a, None)}
            for b in compared.only_other:
                yield {**ids, **_sides(None, b), "aligned": False, **_values(metrics, None, b)}

    def write(
        self, path: str | os.PathLike[str], *, format: str | None = None, overwrite: bool = False
    ) -> Any:
        """The aligned rows to CSV, JSONL, Parquet or XLSX (by suffix or `format`)."""
        from ..export.pipeline import write_rows

        return write_rows(self.rows(), path, format=format, overwrite=overwrite)


def _sides(a: Item | None, b: Item | None) -> dict[str, Any]:
    either = a or b
    assert either is not None
    return {
        "key": either.key,
        "baseline_trace_id": a.trace_id if a else None,
        "other_trace_id": b.trace_id if b else None,
        "input": either.input,
        "expected_output": either.expected_output,
        "baseline_output": a.output if a else None,
        "other_output": b.output if b else None,
    }


def _values(metrics: Mapping[str, Metric], a: Item | None, b: Item | None) -> dict[str, Any]:
    """Each metric's value on both sides and, where it has one, their difference."""
    out: dict[str, Any] = {}
    for name, metric in metrics.items():
        out[f"{name}.baseline"] = value_of(a, name) if a else None
        out[f"{name}.other"] = value_of(b, name) if b else None
        ordered = metric.kind not in ("categorical", "text")
        out[f"{name}.difference"] = (
            difference(a, b, name, metric.kind) if a and b and ordered else None
        )
    return out


def compare(
    baseline: str | Experiment,
    *others: str | Experiment,
    client: Any = None,
    resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
    top: int = 10,
) -> Comparison:
    """Compare each of `others` with `baseline`: experiment ids read with `client` (a Respan
    or Galileo client), or `Experiment`s already loaded (`experiment_of`)."""
    if not others:
        raise ConfigError("compare needs a baseline and at least one other experiment")
    if not 0 < confidence < 1:
        raise ConfigError(f"confidence must be between 0 and 1, not {confidence}")
    if resamples < 100:
        raise ConfigError(f"resamples must be at least 100, not {resamples}")
    ids = [e for e in (baseline, *others) if isinstance(e, str)]
    if len(set(ids)) < len(ids):
        raise ConfigError("each experiment may be given once")
    if ids and client is None:
        raise ConfigError("experiment ids need a client (a Respan or Galileo client) to read them")
    for given in ids:  # every id checked before the first request
        check_id(client, given)
    loaded = [e if isinstance(e, Experiment) else load(client, e) for e in (baseline, *others)]
    pairs = [
        pair(loaded[0], other, resamples=resamples, confidence=confidence, seed=seed, top=top)
        for other in loaded[1:]
    ]
    return Comparison(loaded, pairs)


__all__ = [
    "Comparison",
    "Condition",
    "Experiment",
    "Item",
    "Metric",
    "Pair",
    "Verdict",
    "compare",
    "experiment_of",
    "load",
]
