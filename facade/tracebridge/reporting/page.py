"""The report as one HTML page: tables written here, charts drawn in the page by Vega-Embed,
whose whole script (vl-convert's bundle) is inlined. A Content-Security-Policy forbids the
page any request, so opening it offline shows everything and leaks nothing."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from ..comparing.analysis import Metric, Pair
from ..comparing.summary import Spread, shown

if TYPE_CHECKING:
    from . import Report

POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:"
)
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left;
  vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.text { max-width: 22rem; white-space: pre-wrap; word-break: break-word; }
.better { color: #1a7f37; } .worse { color: #c62828; }
.chart { margin: 1rem 0; }
.note { color: #666; font-size: .9rem; }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _n(value: Any, digits: int = 4) -> str:
    return _e(shown(value, digits))


def _table(head: list[str], rows: list[list[str]]) -> str:
    header = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _num(value: Any, digits: int = 4, cls: str = "") -> str:
    return f'<td class="n {cls}">{_n(value, digits)}</td>'


def _txt(value: Any, limit: int = 400) -> str:
    shown = "" if value is None else str(value)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f'<td class="text">{_e(shown)}</td>'


def _spread_rows(spreads: list[Spread]) -> str:
    rows = []
    for s in spreads:
        if s.kind in ("numeric", "usage"):
            cells = [_num(s.numbers.get(k)) for k in ("mean", "median", "min", "max", "p95")]
            extra = ""
        elif s.kind == "boolean":
            cells = [_num(s.numbers.get("rate"))] + [_num(None)] * 4
            extra = "share true"
        else:
            cells = [_num(None)] * 5
            extra = ", ".join(f"{k}: {v}" for k, v in list(s.labels.items())[:8])
        rows.append([f"<td>{_e(s.name)}</td>", f"<td>{_e(s.kind)}</td>", _num(s.n), *cells,
                     _txt(extra)])  # fmt: skip
    return _table(["metric", "type", "n", "mean / rate", "median", "min", "max", "p95", ""], rows)


def _direction(metric: Metric) -> str:
    if metric.difference is None or metric.difference == 0:
        return ""
    better = (metric.difference < 0) == metric.lower_is_better
    return "better" if better else "worse"


def _pair_tables(pair: Pair) -> str:
    parts = [
        f"<p>{len(pair.aligned)} items aligned; {len(pair.only_baseline)} only in the baseline, "
        f"{len(pair.only_other)} only in {_e(pair.other.label)}.</p>"
    ]
    rows = []
    for m in pair.metrics.values():
        base = m.baseline.get("mean", m.baseline.get("rate"))
        other = m.other.get("mean", m.other.get("rate"))
        interval = "-" if m.interval is None else f"[{m.interval[0]:.4g}, {m.interval[1]:.4g}]"
        rows.append([
            f"<td>{_e(m.name)}</td>", f"<td>{_e(m.kind)}</td>", _num(m.n), _num(base),
            _num(other), _num(m.difference, cls=_direction(m)), f'<td class="n">{interval}</td>',
            _num(m.p_value, 3), _num(m.improved), _num(m.worse), _num(m.unchanged),
        ])  # fmt: skip
    confidence = f"{pair.confidence:.0%}"
    parts.append(_table(
        ["metric", "type", "n", "baseline", "other", "difference", f"{confidence} interval",
         "p", "improved", "worse", "unchanged"], rows,
    ))  # fmt: skip
    for m in pair.metrics.values():
        if m.confusion:
            labels = sorted({b for row in m.confusion.values() for b in row})
            table_rows = [
                [f"<th>{_e(a)}</th>", *(_num(row.get(b, 0)) for b in labels)]
                for a, row in sorted(m.confusion.items())
            ]
            parts.append(f"<h3>{_e(m.name)}: baseline label (rows) by other label (columns)</h3>")
            parts.append(_table(["", *labels], table_rows))
    regressed = [m for m in pair.metrics.values() if m.regressions and not m.lower_is_better]
    regressed += [m for m in pair.metrics.values() if m.regressions and m.lower_is_better]
    for m in regressed:
        parts.append(f"<h3>Top regressions: {_e(m.name)}</h3>")
        rows = [
            [f"<td>{_e(r['key'])}</td>", _num(r["baseline"]), _num(r["other"]),
             _txt(r["input"]), _txt(r["baseline_output"]), _txt(r["other_output"])]
            for r in m.regressions
        ]  # fmt: skip
        parts.append(_table(["item", "baseline", "other", "input", "baseline output",
                             "other output"], rows))  # fmt: skip
    for side, items in (("baseline", pair.only_baseline), (pair.other.label, pair.only_other)):
        if items:
            listed = "".join(f"<li>{_e(item.key)} ({_e(item.trace_id)})</li>" for item in items)
            parts.append(f"<details><summary>{len(items)} items only in {_e(side)}</summary>"
                         f"<ul>{listed}</ul></details>")  # fmt: skip
    return "".join(parts)


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value).replace("</", "<\\/").replace("<!--", "<\\!--")


def page(report: Report) -> str:
    import vl_convert

    from .charts import vega_lite_version

    first = report.experiments[-1]
    if report.comparison is not None:
        pair = report.comparison.pairs[0]
        title = f"{pair.other.label} compared with {pair.baseline.label}"
    else:
        title = f"{first.label}"
    parts = [f"<h1>{_e(title)}</h1>"]
    for e in report.experiments:
        parts.append(f"<h2>{_e(e.label)}</h2><p class=\"note\">{_e(e.service)} experiment "
                     f"{_e(e.id)}, {len(e.items)} items</p>")  # fmt: skip
        parts.append(_spread_rows(report.spreads[e.id]))
    if report.comparison is not None:
        parts.append("<h2>Paired comparison</h2>")
        parts.append(_pair_tables(report.comparison.pairs[0]))
    parts.append("<h2>Charts</h2>")
    specs = {}
    for index, chart in enumerate(report.charts):
        specs[f"chart-{index}"] = chart.spec
        parts.append(f'<div class="chart" id="chart-{index}" role="img" '
                     f'aria-label="{_e(chart.title)}"></div>')  # fmt: skip
    # No snippet: vl-convert's default one puts vegaEmbed on `window` (its stub wants one).
    bundle_of = cast(Callable[..., str], vl_convert.javascript_bundle)
    bundle = bundle_of(vl_version=vega_lite_version())
    bundle = bundle.replace("</script", "<\\/script")
    draw = (
        f"const specs = {_script_json(specs)};\n"
        "for (const [id, spec] of Object.entries(specs)) {\n"
        "  vegaEmbed('#' + id, spec, {actions: false, renderer: 'svg'})"
        ".catch((error) => console.error(error));\n}\n"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        f"<title>{_e(title)}</title><style>{STYLE}</style>"
        f"<script>{bundle}</script></head><body>"
        + "".join(parts)
        + f"<script>{draw}</script></body></html>\n"
    )
