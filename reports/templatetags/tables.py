"""The rows of a table of figures, written out in Python: a list page shows fifty, and the
template's variable lookups per row were a third of the page's time."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from common.html import html_format, html_join
from common.templatetags.text import shorten
from reports.models import Metric

register = template.Library()

_ROW = """    <tr>
      <td class="figure-cell"><a href="{}"{}>{}</a>{}</td>
      <td>{}{}<br><span class="context">{}<mark>{}</mark>{}</span></td>
      <td>{}</td>
      <td>{}</td>
      <td><a href="{}?at={}#m{}">{}</a></td>
    </tr>
"""


@register.simple_tag
def metric_rows(metrics: Iterable[Metric]) -> SafeString:
    """A <tr> per figure (its figure as written, measure and the words around it, unit, period and
    report), or one saying that none match."""
    verified = html_format(' <span class="badge" title="{}">✓</span>', gettext("verified by an editor"))
    rows = html_join(_ROW, (_cells(metric, verified) for metric in metrics))
    return rows or html_format('    <tr><td colspan="5">{}</td></tr>\n', gettext("No figures match."))


def _cells(metric: Metric, verified: SafeString) -> tuple[object, ...]:
    before, written, after = metric.context()
    indicator, unit, report = metric.indicator, metric.unit, metric.report
    return (
        metric.get_absolute_url(),
        html_format(' class="change-{}"', metric.change) if metric.change else "",
        metric.as_written(),
        verified if metric.is_verified else "",
        metric.measure,
        html_format(' · <a class="muted" href="{}">{}</a>', indicator.get_absolute_url(), indicator)
        if indicator else "",
        before, written, after,
        html_format('<a href="{}">{}</a>', unit.get_absolute_url(), unit) if unit else "—",
        report.period_label,
        report.get_absolute_url(), metric.start, metric.pk, shorten(report.title, 60),
    )
