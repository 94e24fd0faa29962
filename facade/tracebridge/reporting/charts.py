"""The report's charts, as Vega-Lite specs made with Vega-Altair: each a fixed size
(WIDTH x HEIGHT pixels, axes and legend inside), so its PNG has that size times the scale."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..comparing.analysis import Metric
from ..comparing.summary import Histogram, histogram

WIDTH, HEIGHT = 600, 280
Spec = dict[str, Any]


def _altair() -> Any:
    import altair as alt

    return alt


def _sized(chart: Any, title: str) -> Spec:
    spec: Spec = chart.properties(
        width=WIDTH,
        height=HEIGHT,
        title=title,
        autosize={"type": "fit", "contains": "padding"},
    ).to_dict()
    return spec


def histograms(title: str, axis: str, shown: Sequence[tuple[str, Histogram]]) -> Spec:
    """One histogram per experiment, overlaid."""
    alt = _altair()
    rows = [
        {"experiment": label, "lower": h.edges[i], "upper": h.edges[i + 1], "count": count}
        for label, h in shown
        for i, count in enumerate(h.counts)
    ]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(opacity=0.55, binSpacing=1)
        .encode(
            x=alt.X("lower:Q", bin="binned", title=axis),
            x2="upper:Q",
            y=alt.Y("count:Q", stack=None, title="items"),
            color=alt.Color("experiment:N", title=None, legend=alt.Legend(orient="top")),
            tooltip=["experiment:N", "lower:Q", "upper:Q", "count:Q"],
        )
    )
    return _sized(chart, title)


def rates(title: str, shown: Sequence[tuple[str, float | None]]) -> Spec:
    """The share of true per experiment."""
    alt = _altair()
    rows = [{"experiment": label, "rate": rate} for label, rate in shown if rate is not None]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("experiment:N", title=None),
            x=alt.X("rate:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
            color=alt.Color("experiment:N", legend=None),
            tooltip=["experiment:N", alt.Tooltip("rate:Q", format=".1%")],
        )
    )
    return _sized(chart, title)


def labels(title: str, shown: Sequence[tuple[str, dict[str, int]]]) -> Spec:
    """Counts of each label, side by side per experiment."""
    alt = _altair()
    rows = [
        {"experiment": label, "label": name, "count": count}
        for label, counts in shown
        for name, count in counts.items()
    ]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("label:N", title=None),
            xOffset="experiment:N",
            y=alt.Y("count:Q", title="items"),
            color=alt.Color("experiment:N", title=None, legend=alt.Legend(orient="top")),
            tooltip=["experiment:N", "label:N", "count:Q"],
        )
    )
    return _sized(chart, title)


def differences(metric: Metric, values: Sequence[float], bins: int = 30) -> Spec:
    """The paired differences of a metric (other minus baseline), with zero, their mean and
    its interval marked."""
    alt = _altair()
    shape = histogram(list(values), bins)
    rows = [
        {"lower": shape.edges[i], "upper": shape.edges[i + 1], "count": count}
        for i, count in enumerate(shape.counts)
    ]
    bars = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color="#8c8c8c", binSpacing=1)
        .encode(
            x=alt.X("lower:Q", bin="binned", title=f"{metric.name}: other - baseline"),
            x2="upper:Q",
            y=alt.Y("count:Q", title="items"),
            tooltip=["lower:Q", "upper:Q", "count:Q"],
        )
    )
    marks = [{"at": 0.0, "what": "no change"}]
    layers = [bars]
    if metric.interval is not None:
        low, high = metric.interval
        band = alt.Chart(alt.Data(values=[{"low": low, "high": high}])).mark_rect(
            color="#d62728", opacity=0.15
        )
        layers.append(band.encode(x="low:Q", x2="high:Q"))
    if metric.difference is not None:
        marks.append({"at": metric.difference, "what": "mean difference"})
    rules = (
        alt.Chart(alt.Data(values=marks))
        .mark_rule(strokeWidth=2)
        .encode(
            x="at:Q",
            color=alt.Color(
                "what:N",
                title=None,
                scale=alt.Scale(domain=["no change", "mean difference"], range=["#333", "#d62728"]),
                legend=alt.Legend(orient="top"),
            ),
        )
    )
    layers.append(rules)
    confidence = "" if metric.interval is None else " (band: its interval)"
    return _sized(alt.layer(*layers), f"{metric.name}: paired differences{confidence}")


def vega_lite_version() -> str:
    """The Vega-Lite version the specs are written for, as vl-convert names it."""
    from altair.utils._importers import vl_version_for_vl_convert

    return str(vl_version_for_vl_convert())
