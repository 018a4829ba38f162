"""Comparison charts: small horizontal bar charts drawn on the server as inline SVG (no script,
no external assets), each with the same figures as a table (Chart.html)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext

from common.html import html_format, html_join
from common.templatetags.numbers import num

BAR = 22
GAP = 8
LABEL_WIDTH = 300
LABEL_CHARS = 40  # what fits in LABEL_WIDTH at the chart's font size
CHART_WIDTH = 680
VALUE_WIDTH = 150  # room after the longest bar for its value ("4.900 đối tượng", "1,6 tỷ đồng")
# A chart shows at most this many of its group's latest figures.
CHART_BARS = 12


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    shown: str  # the value as the bar's end and the table say it: "7,73%", "1,6 tỷ đồng"
    metric: Any


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]

    @property
    def svg(self) -> SafeString:
        return bar_chart([(bar.label, bar.value, bar.shown) for bar in self.bars], self.title)

    @property
    def html(self) -> SafeString:
        """The chart with its figures as a table beside it, each value linking to its figure: written
        out here, as a unit's page shows dozens of charts."""
        rows = html_join('<tr><td>{}</td><td class="num"><a href="{}">{}</a></td></tr>',
                         ((bar.label, bar.metric.get_absolute_url(), bar.shown) for bar in self.bars))
        return html_format(_CHART, self.title, self.svg, self.title, gettext("Period and unit"), gettext("Value"), rows)


_CHART = """<figure class="chart-box">
  <figcaption>{}</figcaption>
  <div class="chart-pair">
    <div class="chart-scroll">{}</div>
    <div class="table-wrap"><table class="chart-table">
      <caption class="visually-hidden">{}</caption>
      <thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th></tr></thead>
      <tbody>{}</tbody>
    </table></div>
  </div>
</figure>
"""


def comparison_charts(metrics: Iterable[Any], name_units: bool = True) -> list[Chart]:
    """A chart for each indicator, kind, change and counted thing that has figures from more than
    one report or unit: like compared with like, on one axis (a rate of decrease is not a count,
    and a count of cases is not a count of people). `metrics` come newest first; each chart
    shows its latest CHART_BARS in time order, labelled by period and, with `name_units`, unit."""
    groups: defaultdict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for metric in metrics:
        if metric.indicator_id:
            groups[(metric.indicator, metric.kind, metric.change, metric.counted_as())].append(metric)
    charts = []
    for (indicator, kind, change, counted), group in groups.items():
        group = sorted(group[:CHART_BARS], key=_when)
        if len({(m.report_id, m.unit_id) for m in group}) < 2:
            continue
        labels = _distinct_labels(group, name_units)
        bars = [Bar(label, m.value, _shown(m, counted), m) for label, m in zip(labels, group)]
        parts = [indicator.name, group[0].get_kind_display(), group[0].get_change_display(), counted]
        charts.append(Chart(" · ".join(str(part) for part in parts if part), bars))
    return charts


def _when(metric: Any) -> tuple[Any, ...]:
    report = metric.report
    return (report.period_end or report.event_date or report.period_start or "", report.event_date or "", metric.pk)


def _distinct_labels(group: Sequence[Any], name_units: bool) -> list[str]:
    """Period, then the unit's short name; where two bars would still read the same, the start of
    their measure, then a number."""
    labels = [" · ".join(filter(None, [m.report.period_label, m.unit.short_name if name_units and m.unit else ""]))
              for m in group]
    seen = Counter(labels)
    labels = [f"{label} · {' '.join(m.measure.split()[:4])}" if seen[label] > 1 else label
              for label, m in zip(labels, group)]
    seen, numbered = Counter(labels), Counter[str]()
    result = []
    for label in labels:
        numbered[label] += 1
        result.append(f"{label} ({numbered[label]})" if seen[label] > 1 else label)
    return result


def _shown(metric: Any, counted: str) -> str:
    value = num(metric.value)
    if metric.kind == "percent":
        return f"{value}%"
    if metric.kind == "money":
        return f"{value} đồng"
    return f"{value} {counted}".strip()


def bar_chart(points: Sequence[tuple[str, Decimal, str]], title: str) -> SafeString:
    """Horizontal bars, one per (label, value, value as shown), the value written at the bar's end.
    A label too long for its room is cut in the middle, keeping its start (the period) and its end."""
    top = max((abs(v) for _, v, _ in points), default=Decimal(1)) or Decimal(1)
    room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(points) * (BAR + GAP) + GAP
    bars = html_join(
        '<g transform="translate(0 {})"><text x="{}" y="{}" text-anchor="end" class="label">{}</text>'
        '<rect x="{}" y="0" width="{}" height="{}" class="bar"></rect>'
        '<text x="{}" y="{}" class="value">{}</text></g>',
        (
            (
                GAP + i * (BAR + GAP),
                LABEL_WIDTH - 8,
                BAR * 0.7,
                _fit(label),
                LABEL_WIDTH,
                max(2, int(room * abs(value) / top)),
                BAR,
                LABEL_WIDTH + max(2, int(room * abs(value) / top)) + 6,
                BAR * 0.7,
                shown,
            )
            for i, (label, value, shown) in enumerate(points)
        ),
    )
    return html_format(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%">'
        "<title>{}</title>{}</svg>",
        title,
        CHART_WIDTH,
        height,
        title,
        bars,
    )


def _fit(label: str) -> str:
    if len(label) <= LABEL_CHARS:
        return label
    keep = (LABEL_CHARS - 1) // 2
    return f"{label[:keep]}…{label[-keep:]}"
