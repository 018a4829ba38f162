from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from reports.listing import PAGE_SIZE, render_filtered_list
from reports.models import Metric
from units.filters import UnitFilter
from units.models import Official, Position, Unit


def unit_list(request: HttpRequest) -> HttpResponse:
    units = Unit.objects.select_related("province", "parent").annotate(n_metrics=Count("metrics")).order_by("name")
    return render_filtered_list(request, UnitFilter, units, "units/unit_list.html")


def unit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("province", "parent"), slug=slug)
    metrics = Metric.objects.public().filter(unit=unit).select_related("report").defer("report__text")
    positions = Position.objects.filter(unit=unit).select_related("official", "report")
    return render(
        request,
        "units/unit_detail.html",
        {"unit": unit, "metrics": metrics, "positions": positions, "aliases": unit.aliases.all()},
    )


def official_list(request: HttpRequest) -> HttpResponse:
    officials = Official.objects.annotate(n_positions=Count("positions")).order_by("name")
    page = Paginator(officials, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "units/official_list.html", {"page": page})


def official_detail(request: HttpRequest, slug: str) -> HttpResponse:
    positions = Position.objects.select_related("unit", "report")
    official = get_object_or_404(Official.objects.prefetch_related(Prefetch("positions", queryset=positions)), slug=slug)
    return render(request, "units/official_detail.html", {"official": official})
