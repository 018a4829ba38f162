from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from common.listing import Column, render_filtered_list
from reports.charts import comparison_charts
from reports.models import Mention, Metric, Position, Report
from reports.views import CHART_FIGURES, DETAIL_ROWS
from units.filters import OfficialFilter, ProvinceListFilter, UnitFilter
from units.models import Official, Province, Unit

UNIT_COLUMNS = [
    Column("name", lambda u: u.name),
    Column("kind", lambda u: u.kind),
    Column("province", lambda u: u.province.name if u.province else None),
    Column("parent", lambda u: u.parent.name if u.parent else None),
    Column("figures", lambda u: u.figure_count),
]
OFFICIAL_COLUMNS = [
    Column("name", lambda o: o.name),
    Column("rank", lambda o: o.rank or None),
    Column("positions", lambda o: o.n_positions),
]
PROVINCE_COLUMNS = [
    Column("name", lambda p: p.name),
    Column("exists_after_2025", lambda p: p.is_current),
    Column("merged_into", lambda p: p.successor.name if p.successor else None),
    Column("units", lambda p: p.n_units),
]


def unit_list(request: HttpRequest) -> HttpResponseBase:
    units = Unit.objects.select_related("province", "parent").order_by("name_key")
    return render_filtered_list(request, UnitFilter, units, "units/unit_list.html", columns=UNIT_COLUMNS, name="units")


def unit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("province__successor", "parent"), slug=slug)
    metrics = unit.metrics.public().with_report_fields().latest_first()
    mentioned = Q(pk__in=Mention.objects.filter(unit=unit).values("report_id"))
    counted = Q(pk__in=Metric.objects.filter(unit=unit).values("report_id"))
    reports = Report.objects.filter(Q(unit=unit) | mentioned | counted).defer("text").order_by("-event_date", "source")
    positions = Position.objects.filter(unit=unit).select_related("official", "report").defer(
        "report__text", "report__search_vector"
    )
    charted = unit.metrics.for_charts().filter(indicator__isnull=False).latest_first()[:CHART_FIGURES]
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "aliases": unit.aliases.all(),
            # A unit named without saying which comes from one report (Unit.source).
            "source_report": Report.objects.defer("text").filter(source=unit.source).first() if unit.source else None,
            "children": unit.children.all(),
            "positions": positions[:DETAIL_ROWS],
            "metrics": metrics[:DETAIL_ROWS],
            "reports": reports[:DETAIL_ROWS],
            "charts": comparison_charts(charted, name_units=False),
        },
    )


def official_list(request: HttpRequest) -> HttpResponseBase:
    officials = Official.objects.annotate(n_positions=Count("positions")).order_by("name_key")
    return render_filtered_list(
        request, OfficialFilter, officials, "units/official_list.html", columns=OFFICIAL_COLUMNS, name="officials"
    )


def official_detail(request: HttpRequest, slug: str) -> HttpResponse:
    positions = Position.objects.select_related("unit__province", "report").order_by(
        "report__event_date", "report_id", "order"
    )
    with_positions = Official.objects.prefetch_related(Prefetch("positions", queryset=positions))
    official = get_object_or_404(with_positions, slug=slug)
    return render(request, "units/official_detail.html", {"official": official})


def province_list(request: HttpRequest) -> HttpResponseBase:
    provinces = Province.objects.select_related("successor").annotate(n_units=Count("units")).order_by("name_key")
    return render_filtered_list(
        request, ProvinceListFilter, provinces, "units/province_list.html", columns=PROVINCE_COLUMNS, name="provinces"
    )


def province_detail(request: HttpRequest, slug: str) -> HttpResponse:
    province = get_object_or_404(Province.objects.select_related("successor"), slug=slug)
    family = province.family()
    units = Unit.objects.filter(province__in=family).select_related("province").order_by("name_key")
    metrics = Metric.objects.for_pages().filter(province__in=family).latest_first()[:DETAIL_ROWS]
    return render(
        request,
        "units/province_detail.html",
        {
            "province": province,
            "predecessors": [p for p in family if p.successor_id],
            "units": units,
            "metrics": metrics,
        },
    )
