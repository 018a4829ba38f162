"""The read-only JSON API, included under /api/: the resources, the OpenAPI schema and its docs."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from reports.api import IndicatorViewSet, MetricViewSet, ReportViewSet
from units.api import AnonThrottle, OfficialViewSet, ProvinceViewSet, UnitViewSet

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False  # ?format=csv is the one way to ask for a format
router.register("units", UnitViewSet, basename="unit")
router.register("officials", OfficialViewSet, basename="official")
router.register("provinces", ProvinceViewSet, basename="province")
router.register("reports", ReportViewSet, basename="report")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("metrics", MetricViewSet, basename="metric")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(throttle_classes=[AnonThrottle]), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema", throttle_classes=[AnonThrottle]), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema", throttle_classes=[AnonThrottle]), name="redoc"),
    path("", include(router.urls)),
]
