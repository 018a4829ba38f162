from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from reports.filters import MetricFilter, ReportFilter
from reports.listing import render_filtered_list
from reports.models import Metric, Report
from units.models import Official, Unit


def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "reports": Report.objects.count(),
        "units": Unit.objects.count(),
        "officials": Official.objects.count(),
        "metrics": Metric.objects.public().count(),
    }
    latest = Report.objects.defer("text").select_related("unit")[:10]
    return render(request, "reports/home.html", {"counts": counts, "latest": latest})


def report_list(request: HttpRequest) -> HttpResponse:
    reports = Report.objects.defer("text").select_related("unit").annotate(n_metrics=Count("metrics")).order_by("-event_date", "source")
    return render_filtered_list(request, ReportFilter, reports, "reports/report_list.html")


def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = get_object_or_404(Report.objects.select_related("unit"), slug=slug)
    metrics = list(report.metrics.public().select_related("unit"))
    positions = report.positions.select_related("official", "unit")
    return render(
        request,
        "reports/report_detail.html",
        {"report": report, "segments": report.segments(metrics), "metrics": metrics, "positions": positions},
    )


def metric_list(request: HttpRequest) -> HttpResponse:
    metrics = Metric.objects.public().select_related("unit", "report").defer("report__text")
    return render_filtered_list(request, MetricFilter, metrics, "reports/metric_list.html")


def metric_detail(request: HttpRequest, pk: int) -> HttpResponse:
    metric = get_object_or_404(Metric.objects.public().select_related("unit", "report").defer("report__text"), pk=pk)
    return render(request, "reports/metric_detail.html", {"metric": metric})
