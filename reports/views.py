from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from common.listing import Column, Facet, estimated_count, render_filtered_list
from reports.charts import comparison_charts
from reports.extraction.glossary import query_forms
from reports.extraction.query import Query, snippet
from reports.filters import IndicatorFilter, MetricFilter, ReportFilter
from reports.models import Indicator, Metric, Report
from units.filters import MAX_QUERY
from units.models import Official, Province, Unit

SEARCH_LIMIT = 10
# A search section counts its rows up to this many ("200+"); its full list counts further.
SEARCH_COUNT_CAP = 200
HISTORY_ROWS = 20
# A detail page lists the latest figures (and reports, officials); its link to the filtered list
# leads to all of them.
DETAIL_ROWS = 50
# Charts compare the latest figures: those among the page's latest CHART_FIGURES.
CHART_FIGURES = 150

METRIC_COLUMNS = [
    Column("id", lambda m: m.pk),
    Column("figure", lambda m: m.figure),
    Column("value", lambda m: m.value),
    Column("value_max", lambda m: m.value_max),
    Column("total", lambda m: m.total),
    Column("target", lambda m: m.target),
    Column("kind", lambda m: m.kind),
    Column("measure", lambda m: m.measure),
    Column("indicator", lambda m: m.indicator.name if m.indicator else None),
    Column("qualifier", lambda m: m.qualifier),
    Column("change", lambda m: m.change or None),
    Column("unit", lambda m: m.unit.name if m.unit else None),
    Column("province", lambda m: m.unit.province.name if m.unit and m.unit.province else None, ("unit__province",)),
    Column("report", lambda m: m.report.source),
    Column("event_date", lambda m: m.report.event_date),
    Column("period_start", lambda m: m.report.period_start),
    Column("period_end", lambda m: m.report.period_end),
    Column("verified", lambda m: m.is_verified),
    Column("sentence", lambda m: m.sentence),
]
REPORT_COLUMNS = [
    Column("source", lambda r: r.source),
    Column("title", lambda r: r.title),
    Column("event_date", lambda r: r.event_date),
    Column("period_start", lambda r: r.period_start),
    Column("period_end", lambda r: r.period_end),
    Column("unit", lambda r: r.unit.name if r.unit else None),
    Column("url", lambda r: r.url or None),
    Column("author", lambda r: r.author or None),
    Column("figures", lambda r: r.n_metrics),
]


def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "reports": Report.objects.count(),
        "units": Unit.objects.count(),
        "officials": Official.objects.count(),
        "metrics": estimated_count(Metric.objects.public()),
    }
    latest = Report.objects.defer("text").select_related("unit").order_by("-event_date", "source")[:8]
    return render(request, "reports/home.html", {"counts": counts, "latest": latest})


def search(request: HttpRequest) -> HttpResponse:
    """One box across units, officials, reports and figures, each section ranked and counted,
    its rows those of its own list filtered by the same `q` (the model's QuerySet.search)."""
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY or "\x00" in query:  # as the lists' filters refuse them
        return render(request, "reports/search.html", {"query": query, "error": True}, status=400)
    if not query_forms(query):
        return render(request, "reports/search.html", {"query": query})
    reports = Report.objects.search(query).select_related("unit")
    sections = [
        _section("units", Unit.objects.search(query).select_related("province"), "units:unit_list", query),
        _section("officials", Official.objects.search(query), "units:official_list", query),
        _section("reports", reports, "reports:report_list", query, first=lambda rows, n: rows.ranked(n)),
        _section("metrics", Metric.objects.for_pages().search(query), "reports:metric_list", query,
                 first=lambda rows, n: Metric.objects.for_pages().search_newest(query, n)),
    ]
    results = {section.name: section for section in sections}
    parsed = Query.parse(query)
    for report in results["reports"].rows:
        report.snippet = snippet(report.text, parsed.spans(report.text))
    context = {
        "query": query,
        "results": results,
        "total": sum(section.count for section in sections),
        "provinces": Province.objects.mentioned_in(query),
        "nearest": Unit.objects.nearest(query) if not any(section.count for section in sections) else [],
    }
    return render(request, "reports/search.html", context)


def _first(rows: QuerySet[Any], n: int) -> list[Any]:
    return list(rows[:n])


@dataclass(frozen=True)
class _Section:
    name: str
    rows: list[Any]
    count: int  # up to SEARCH_COUNT_CAP + 1 ("more than")
    url: str

    @property
    def capped(self) -> bool:
        return self.count > SEARCH_COUNT_CAP


def _section(name: str, rows: QuerySet[Any], list_url: str, query: str,
             first: Callable[[Any, int], list[Any]] | None = None) -> _Section:
    count = rows.order_by().values("pk")[: SEARCH_COUNT_CAP + 1].count()
    shown = ((first or _first)(rows, SEARCH_LIMIT)) if count else []
    return _Section(name, shown, count, f"{reverse(list_url)}?{urlencode({'q': query})}")


def report_list(request: HttpRequest) -> HttpResponseBase:
    reports = (
        Report.objects.defer("text")
        .select_related("unit")
        .annotate(n_metrics=Metric.objects.public().count_per("report"))
        .order_by("-event_date", "source")
    )
    return render_filtered_list(
        request, ReportFilter, reports, "reports/report_list.html", columns=REPORT_COLUMNS, name="reports"
    )


def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A report and its text with figures and names marked, a part at a time for a long text:
    `?part=N`, or `?at=OFFSET` for the part holding that character (figure links use it)."""
    report = get_object_or_404(Report.objects.select_related("unit"), slug=slug)
    parts = report.parts()
    number = _part_number(request.GET, parts)
    start, end = parts[number - 1]
    metrics = list(report.metrics.public().filter(start__gte=start, start__lt=end).select_related("unit", "indicator"))
    mentions = list(report.mentions.filter(start__gte=start, start__lt=end).select_related("unit", "official"))
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "segments": report.segments(metrics, mentions, start, end),
            "n_metrics": len(metrics) if len(parts) == 1 else report.metrics.public().count(),
            "positions": report.positions.select_related("official", "unit__province"),
            "parts": range(1, len(parts) + 1) if len(parts) > 1 else None,
            "part": number,
        },
    )


def _part_number(query: Any, parts: list[tuple[int, int]]) -> int:
    """The part asked for, from 1; a number out of range or not a number gives the nearest part."""
    at, part = query.get("at", ""), query.get("part", "")
    if at.isascii() and at.isdigit():
        offset = int(at[:12])
        return next((i for i, (_, end) in enumerate(parts, 1) if offset < end), len(parts))
    if part.isascii() and part.isdigit():
        return max(1, min(int(part[:12]), len(parts)))
    return 1


def metric_list(request: HttpRequest) -> HttpResponseBase:
    facets = [
        Facet(_("province"), "province", "province__slug", "province__name"),
        Facet(_("kind"), "kind", "kind", choices={k: str(label) for k, label in Metric.Kind.choices}),
        Facet(_("change"), "change", "change", choices={k: str(label) for k, label in Metric.Change.choices}),
        Facet(_("indicator"), "indicator", "indicator__slug", "indicator__name"),
    ]
    return render_filtered_list(
        request,
        MetricFilter,
        Metric.objects.for_pages().latest_first(),
        "reports/metric_list.html",
        columns=METRIC_COLUMNS,
        name="figures",
        facets=facets,
    )


def metric_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A figure; one that is no longer public (rejected by an editor, withdrawn by a re-import)
    answers 410 Gone, and says what it was and why, so that a link to it still explains itself."""
    metric = get_object_or_404(Metric.objects.with_pages_fields().select_related("reviewed_by"), pk=pk)
    history = list(metric.history.select_related("history_user").order_by("-history_date")[:HISTORY_ROWS])
    gone = metric.status in Metric.GONE
    return render(
        request,
        "reports/metric_detail.html",
        {"metric": metric, "corrections": metric.corrections(), "history": history, "gone": gone,
         "why": metric.status_reason() if gone else ""},
        status=410 if gone else 200,
    )


def method(request: HttpRequest) -> HttpResponse:
    """Where the figures come from, what confidence means, how corrections work, how to report an
    error: what a reader needs to know before citing a figure."""
    return render(request, "reports/method.html", {"contact_email": settings.CONTACT_EMAIL})


def indicator_list(request: HttpRequest) -> HttpResponseBase:
    indicators = Indicator.objects.with_figure_counts().order_by("name")
    columns = [Column("name", lambda i: i.name), Column("figures", lambda i: i.n_metrics)]
    return render_filtered_list(
        request, IndicatorFilter, indicators, "reports/indicator_list.html", columns=columns, name="indicators"
    )


def indicator_detail(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, slug=slug)
    latest = list(Metric.objects.for_pages().filter(indicator=indicator).latest_first()[:CHART_FIGURES])
    charts = comparison_charts(latest)
    return render(
        request,
        "reports/indicator_detail.html",
        {"indicator": indicator, "metrics": latest[:DETAIL_ROWS], "charts": charts},
    )
