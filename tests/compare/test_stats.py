"""compare's statistics against an independent computation: SciPy's, and small cases worked
by hand. compare itself uses no SciPy (it runs with the core install)."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracebridge.comparing import stats

scipy_stats = pytest.importorskip("scipy.stats")
numpy = pytest.importorskip("numpy")


def test_signed_rank_by_hand() -> None:
    # Differences 1, 2, 3, -4: ranks 1..4, positive rank sum 6 of a total of 10; the smaller
    # sum is 4. Of the 16 equally likely sign patterns, 7 have a positive sum <= 4
    # ({}, {1}, {2}, {3}, {4}, {1,2}, {1,3}): two-sided p = 2 * 7/16 = 0.875.
    assert stats.signed_rank_p([1, 2, 3, -4]) == pytest.approx(0.875)
    # All positive, n = 5: only the empty set has sum 0: p = 2 / 32.
    assert stats.signed_rank_p([0.5, 1, 2, 3, 4]) == pytest.approx(2 / 32)
    assert stats.signed_rank_p([0, 0, 0]) is None


def test_mcnemar_of_many_pairs() -> None:
    """Thousands of changed pairs: no overflow, and still SciPy's exact answer."""
    for gained, lost in ((2500, 2600), (4000, 9000), (0, 1100)):
        expected = scipy_stats.binomtest(min(gained, lost), gained + lost, 0.5).pvalue
        assert stats.mcnemar_p(gained, lost) == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_mcnemar_by_hand() -> None:
    # 6 pairs lost, none gained: P(X <= 0) for Binomial(6, 1/2) is 1/64, two-sided 2/64.
    assert stats.mcnemar_p(0, 6) == pytest.approx(2 / 64)
    assert stats.mcnemar_p(3, 3) == 1.0
    assert stats.mcnemar_p(0, 0) is None


untied = st.lists(
    st.integers(min_value=-10_000, max_value=10_000).filter(lambda v: v != 0),
    min_size=1, max_size=50, unique_by=abs,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(untied)
def test_exact_signed_rank_matches_scipy(values: list[int]) -> None:
    expected = scipy_stats.wilcoxon(values, method="exact").pvalue
    assert stats.signed_rank_p(values) == pytest.approx(expected, rel=1e-9, abs=1e-12)


tied = st.lists(st.integers(min_value=-6, max_value=6), min_size=3, max_size=200).filter(
    lambda values: (
        any(values) and len({abs(v) for v in values if v}) < len([v for v in values if v])
    )
)


@settings(max_examples=150, deadline=None)
@given(tied)
def test_approximate_signed_rank_matches_scipy(values: list[int]) -> None:
    """Ties (and zeros, dropped first) take the normal approximation with the tie correction."""
    nonzero = [v for v in values if v]
    if len(nonzero) < 2:
        return
    expected = scipy_stats.wilcoxon(
        values, zero_method="wilcox", correction=False, method="approx"
    ).pvalue
    if math.isnan(expected):
        assert stats.signed_rank_p(values) in (1.0, None)
        return
    assert stats.signed_rank_p(values) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_large_samples_use_the_approximation_as_scipy_auto_does() -> None:
    rng = random.Random(3)
    values = [rng.gauss(0.1, 1) for _ in range(300)]
    assert stats.signed_rank_p(values) == pytest.approx(scipy_stats.wilcoxon(values).pvalue)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40))
def test_mcnemar_matches_scipy_binomial_test(gained: int, lost: int) -> None:
    if gained + lost == 0:
        return
    expected = scipy_stats.binomtest(min(gained, lost), gained + lost, 0.5).pvalue
    assert stats.mcnemar_p(gained, lost) == pytest.approx(expected, rel=1e-9)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=30),
       st.floats(0, 1))  # fmt: skip
def test_quantile_matches_numpy(values: list[float], q: float) -> None:
    ordered = sorted(values)
    assert stats.quantile(ordered, q) == pytest.approx(
        float(numpy.quantile(ordered, q)), rel=1e-9, abs=1e-6
    )


def test_bootstrap_interval_agrees_with_scipy_percentile_bootstrap() -> None:
    """Two resamplings of the same data with different generators: the ends agree to within
    what 5,000 resamples can tell apart."""
    rng = random.Random(11)
    differences = [rng.gauss(0.08, 0.05) for _ in range(150)]
    ours = stats.bootstrap_interval(differences, resamples=5000, confidence=0.95, seed=1)
    theirs = scipy_stats.bootstrap(
        (numpy.array(differences),), numpy.mean, n_resamples=5000, confidence_level=0.95,
        method="percentile", random_state=numpy.random.default_rng(2),
    ).confidence_interval  # fmt: skip
    assert ours is not None
    half_width = (theirs.high - theirs.low) / 2
    assert ours[0] == pytest.approx(theirs.low, abs=0.05 * half_width)
    assert ours[1] == pytest.approx(theirs.high, abs=0.05 * half_width)


def test_bootstrap_intervals_are_seeded_and_independent_of_other_metrics() -> None:
    values = [0.1, -0.2, 0.3, 0.05, 0.0, 0.4]
    others = [1.0, None, 2.0, 3.0, None, -1.0]

    def intervals(columns, seed=5):  # type: ignore[no-untyped-def]
        return stats.bootstrap_intervals(columns, resamples=500, confidence=0.9, seed=seed)

    alone = intervals({"a": values})["a"]
    together = intervals({"b": others, "a": values})
    assert together["a"] == alone, "adding a metric moves no other metric's interval"
    assert intervals({"a": values}, seed=6)["a"] != alone
    low, high = together["b"]  # a column with gaps: means over the items it has
    assert min(v for v in others if v is not None) <= low < high <= 3.0
    assert intervals({"e": [], "n": [None, None], "c": [2.0, 2.0]}) == {
        "e": None,
        "n": None,
        "c": (2.0, 2.0),
    }


def test_chart_files_are_distinct_whatever_the_evaluators_are_called() -> None:
    """Evaluator names that a file name cannot hold as they are, or that differ only in
    what a file name drops or a case-blind disk ignores, each get a file of their own."""
    from tracebridge.reporting import file_name

    names = ["a/b", "a_b", "a b", "Acc", "acc", "../../etc/passwd", "x" * 300, "", "é", "e"]
    files = [file_name(name) for name in names]
    assert len({f.lower() for f in files}) == len(names)
    for made in files:
        assert made and len(made) <= 120 and "/" not in made and not made.startswith(".")
    assert file_name("correctness-differences") == "correctness-differences"
