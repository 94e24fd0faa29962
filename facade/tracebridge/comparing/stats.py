"""The statistics of a paired comparison, in plain Python (no numpy: `compare` works with the
core install). Each is checked against SciPy in tests/compare/test_stats.py.

- `bootstrap_intervals`: percentile intervals of the mean paired difference of each metric,
  from one seeded resampling of the items (the same seed and data give the same intervals
  everywhere).
- `signed_rank_p`: the two-sided p-value of the Wilcoxon signed-rank test (zero differences
  dropped), exact when there are at most 50 nonzero differences and no ties among their sizes,
  else by the normal approximation with the tie correction: SciPy's `wilcoxon` defaults.
- `mcnemar_p`: the exact (binomial) McNemar test on the discordant pairs of a boolean score.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Mapping, Sequence
from operator import itemgetter

EXACT_LIMIT = 50


def mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def quantile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile of sorted values, interpolated linearly (numpy's default)."""
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def bootstrap_intervals(
    columns: Mapping[str, Sequence[float | None]],
    *,
    resamples: int,
    confidence: float,
    seed: int,
) -> dict[str, tuple[float, float] | None]:
    """The percentile bootstrap interval of the mean of each column of paired differences
    (one value per aligned item, None where the item has none). The items are resampled
    together, once per resample for every column (a paired resampling of items, and one
    pass of random draws however many metrics there are); a column's mean in a resample
    is over the items it has values for. None for a column with no value."""
    out: dict[str, tuple[float, float] | None] = {}
    varying: dict[str, list[float]] = {}
    counted: dict[str, list[int]] = {}
    size = 0
    for name, column in columns.items():
        size = len(column)
        present = [value for value in column if value is not None]
        if not present:
            out[name] = None
        elif len(set(present)) == 1:  # every resample has the same mean
            out[name] = (present[0], present[0])
        else:
            varying[name] = [0.0 if value is None else value for value in column]
            if len(present) < len(column):
                counted[name] = [0 if value is None else 1 for value in column]
    if not varying:
        return out
    rng = random.Random(seed)
    items = range(size)
    means: dict[str, list[float]] = {name: [] for name in varying}
    for _ in range(resamples):
        picks = rng.choices(items, k=size)
        picks.sort()  # a sum over items in order reads memory in order (bench: "10 compare")
        pick = itemgetter(*picks)  # picks in C: the loop's hot part
        for name, values in varying.items():
            total = sum(pick(values)) if size > 1 else values[0]
            has = counted.get(name)
            taken = size if has is None else (sum(pick(has)) if size > 1 else has[0])
            if taken:
                means[name].append(total / taken)
    tail = (1 - confidence) / 2
    for name, found in means.items():
        found.sort()
        out[name] = (quantile(found, tail), quantile(found, 1 - tail))
    return out


def bootstrap_interval(
    differences: Sequence[float], *, resamples: int, confidence: float, seed: int
) -> tuple[float, float] | None:
    """The percentile bootstrap interval of the mean of one list of differences."""
    found = bootstrap_intervals(
        {"": differences}, resamples=resamples, confidence=confidence, seed=seed
    )
    return found[""]


def ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties given their average rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            out[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return out


def signed_rank_p(differences: Sequence[float]) -> float | None:
    """Two-sided Wilcoxon signed-rank p-value; None when every difference is zero."""
    nonzero = [d for d in differences if d != 0]
    n = len(nonzero)
    if n == 0:
        return None
    sizes = [abs(d) for d in nonzero]
    rank = ranks(sizes)
    positive = math.fsum(r for r, d in zip(rank, nonzero, strict=True) if d > 0)
    tied = len(set(sizes)) < n
    if n <= EXACT_LIMIT and not tied:
        return _exact_signed_rank(n, round(positive))
    expected = n * (n + 1) / 4
    counts: dict[float, int] = {}
    for size in sizes:
        counts[size] = counts.get(size, 0) + 1
    ties = sum(t**3 - t for t in counts.values())
    variance = n * (n + 1) * (2 * n + 1) / 24 - ties / 48
    if variance <= 0:
        return 1.0
    z = (min(positive, n * (n + 1) / 2 - positive) - expected) / math.sqrt(variance)
    return min(1.0, math.erfc(abs(z) / math.sqrt(2)))


def _exact_signed_rank(n: int, statistic: int) -> float:
    """P(T <= t or T >= total - t) for the signed-rank sum T of n untied ranks."""
    total = n * (n + 1) // 2
    ways = [1] + [0] * total  # ways[s]: sign choices whose positive ranks sum to s
    for rank in range(1, n + 1):
        for s in range(total, rank - 1, -1):
            ways[s] += ways[s - rank]
    low = min(statistic, total - statistic)
    tail = sum(ways[: low + 1]) / (1 << n)
    return min(1.0, 2 * tail)


def mcnemar_p(gained: int, lost: int) -> float | None:
    """Exact two-sided McNemar p-value from the pairs that changed (false to true, true to
    false); None when none changed."""
    n = gained + lost
    if n == 0:
        return None
    ways, term = 0, 1  # the sum of comb(n, i) for i <= min(gained, lost), in whole numbers
    for i in range(min(gained, lost) + 1):
        ways += term
        term = term * (n - i) // (i + 1)
    return min(1.0, 2 * ways / (1 << n))  # exact to the last bit, whatever n
