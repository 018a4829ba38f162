"""The read-only JSON API, included under /api/: the resources, the OpenAPI schema and its docs."""

from __future__ import annotations

from django.conf import settings
from django.urls import include, path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from common.api import AnonThrottle
from reports.api import IndicatorViewSet, MetricViewSet, ReportViewSet
from units.api import OfficialViewSet, ProvinceViewSet, UnitViewSet

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
    # Swagger UI with its settings in a script of their own, not inline (Content-Security-Policy).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", throttle_classes=[AnonThrottle]),
         name="docs"),
    # Redoc's page holds one inline style, the only one on the site, and renders in a worker.
    path("redoc/", csp_override({**settings.SECURE_CSP,  # type: ignore[dict-item]  # a dict of lists in settings
                                 "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
                                 "worker-src": [CSP.SELF, "blob:"]})(
        SpectacularRedocView.as_view(url_name="api:schema", throttle_classes=[AnonThrottle])), name="redoc"),
    path("", include(router.urls)),
]
