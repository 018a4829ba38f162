"""Comparison charts compare like with like, in time order, with labels a reader can tell apart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from reports.charts import comparison_charts
from reports.models import Indicator, Metric, Report
from units.models import Unit

CRIME = Indicator(pk=1, name="Tội phạm về kinh tế")


@pytest.fixture(autouse=True)
def vietnamese():
    """Values are written as a Vietnamese reader writes them ("21,63%"), whatever ran before."""
    with translation.override("vi"):
        yield


HANOI = Unit(pk=1, name="Công an thành phố Hà Nội", kind="provincial")
NGHE_AN = Unit(pk=2, name="Công an tỉnh Nghệ An", kind="provincial")


def _report(pk: int, year: int, half: bool = False) -> Report:
    return Report(pk=pk, title=f"Báo cáo {pk}", event_date=dt.date(year, 12, 20), period_start=dt.date(year, 1, 1),
                  period_end=dt.date(year, 6 if half else 12, 30 if half else 31))


def _metric(pk: int, report: Report, unit: Unit, value: str, kind: str = "count", measure: str = "đối tượng phạm tội",
            change: str = "") -> Metric:
    return Metric(pk=pk, report=report, unit=unit, indicator=CRIME, value=Decimal(value), kind=kind, measure=measure,
                  change=change, figure=value)


def test_unlike_figures_never_share_an_axis():
    this_year, last_year = _report(1, 2024), _report(2, 2023)
    metrics = [  # newest first, as pages give them
        _metric(1, this_year, HANOI, "4900"),
        _metric(2, this_year, HANOI, "3000", measure="vụ phạm tội"),
        _metric(3, this_year, HANOI, "47.12", kind="percent", measure="đối tượng", change="increase"),
        _metric(4, last_year, HANOI, "187"),
        _metric(5, last_year, HANOI, "2100", measure="vụ"),
        _metric(6, last_year, NGHE_AN, "21.63", kind="percent", measure="vụ", change="increase"),
    ]

    charts = comparison_charts(metrics)

    groups = sorted(sorted(bar.metric.pk for bar in chart.bars) for chart in charts)
    assert groups == [[1, 4], [2, 5], [3, 6]]
    for chart in charts:
        assert len({(bar.metric.kind, bar.metric.counted_as()) for bar in chart.bars}) == 1
    percent = next(chart for chart in charts if chart.bars[0].metric.kind == "percent")
    assert [bar.shown for bar in percent.bars] == ["21,63%", "47,12%"]
    assert "%" in percent.title and "21,63%" in str(percent.svg)


def test_bars_run_in_time_order_with_distinct_labels():
    h1, year, earlier = _report(1, 2024, half=True), _report(2, 2024), _report(3, 2023)
    metrics = [_metric(1, year, HANOI, "50"), _metric(2, year, NGHE_AN, "40"), _metric(3, h1, HANOI, "20"),
               _metric(4, earlier, HANOI, "90"), _metric(5, earlier, HANOI, "80", measure="đối tượng phạm tội ma túy")]

    [chart] = comparison_charts(metrics)

    assert [bar.metric.pk for bar in chart.bars][:2] in ([4, 5], [5, 4])
    assert [bar.metric.pk for bar in chart.bars][2:] == [3, 1, 2]
    labels = [bar.label for bar in chart.bars]
    assert len(set(labels)) == len(labels)
    assert labels[2] == f"{h1.period_label} · CA TP Hà Nội"
    assert labels[4] == "2024 · CA tỉnh Nghệ An"


def test_one_units_page_labels_bars_by_period_alone():
    metrics = [_metric(1, _report(1, 2024), HANOI, "50"), _metric(2, _report(2, 2023), HANOI, "40")]

    [chart] = comparison_charts(metrics, name_units=False)

    assert [bar.label for bar in chart.bars] == ["2023", "2024"]


def test_a_single_report_and_unit_makes_no_chart():
    report = _report(1, 2024)
    assert comparison_charts([_metric(1, report, HANOI, "50"), _metric(2, report, HANOI, "40")]) == []
