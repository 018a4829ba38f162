"""Small bar charts drawn on the server as inline SVG: no script, no external assets."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from reports.templatetags.numbers import num

BAR = 22
GAP = 8
LABEL_WIDTH = 260
LABEL_CHARS = 34  # what fits in LABEL_WIDTH at the chart's font size
CHART_WIDTH = 640


def bar_chart(points: Sequence[tuple[str, Decimal]], title: str) -> SafeString:
    """Horizontal bars, one per (label, value), with the value written at the bar's end."""
    top = max((abs(v) for _, v in points), default=Decimal(1)) or Decimal(1)
    room = CHART_WIDTH - LABEL_WIDTH - 90
    height = len(points) * (BAR + GAP) + GAP
    bars = format_html_join(
        "",
        '<g transform="translate(0 {})"><text x="{}" y="{}" text-anchor="end" class="label">{}</text>'
        '<rect x="{}" y="0" width="{}" height="{}" class="bar"></rect>'
        '<text x="{}" y="{}" class="value">{}</text></g>',
        (
            (
                GAP + i * (BAR + GAP),
                LABEL_WIDTH - 8,
                BAR * 0.7,
                label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…",
                LABEL_WIDTH,
                max(2, int(room * abs(value) / top)),
                BAR,
                LABEL_WIDTH + max(2, int(room * abs(value) / top)) + 6,
                BAR * 0.7,
                num(value),
            )
            for i, (label, value) in enumerate(points)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%">'
        "<title>{}</title>{}</svg>",
        title,
        CHART_WIDTH,
        height,
        title,
        bars,
    )
