"""The read-only JSON API for reports, indicators and figures (units/api.py holds what every
endpoint shares). A figure carries its provenance: report, unit, period, offsets in the report's
text, sentence, review status, and what the extractor originally read."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from common import listing
from common.api import (
    BAD_FILTER,
    NOT_FOUND,
    THROTTLED,
    DownloadThrottle,
    PageUrlField,
    ReadOnlyViewSet,
    api_url,
    documented_errors,
)
from common.formats import plain_decimal
from common.paths import page_url
from reports.filters import IndicatorFilter, MetricFilter, ReportFilter
from reports.models import Indicator, Metric, Report
from units.api import ProvinceRefSerializer, UnitRefSerializer


class PlainDecimalField(serializers.DecimalField):
    """A decimal as a string without trailing zeros: "7.73", "22022", not "7.7300"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_digits=24, decimal_places=4, **kwargs)

    def to_representation(self, value: Decimal) -> str:
        return plain_decimal(value)


class SourceUrlField(serializers.URLField):
    """Where a report was published: null if not known."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "Where the report was published; null if not known.")
        super().__init__(source="url", allow_null=True, **kwargs)

    def to_representation(self, value: str) -> str | None:  # type: ignore[override]  # null for no URL
        return value or None


# Reports and indicators ---------------------------------------------------------------------


class ReportSerializer(serializers.ModelSerializer):
    api_url = api_url("report")
    html_url = PageUrlField()
    source_url = SourceUrlField()
    unit = UnitRefSerializer(allow_null=True, help_text="The unit the report is about.")
    period_label = serializers.CharField(help_text='The period in words: "2024", "Quý I/2024" …')
    figures = serializers.IntegerField(source="n_metrics", help_text="Public figures read from the report.")
    outlet = serializers.CharField(help_text="Who published it: the outlet's name, else its site; empty if not known.")

    class Meta:
        model = Report
        fields = ["slug", "source", "title", "event_date", "published", "period_start", "period_end", "period_label",
                  "source_url", "outlet", "author", "unit", "figures", "api_url", "html_url"]


class ReportDetailSerializer(ReportSerializer):
    text = serializers.CharField(help_text="The report's text (NFC); figures' offsets count characters in it.")

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "text"]


@documented_errors
class ReportViewSet(ReadOnlyViewSet):
    """Reports, newest first; a report's detail includes its text."""

    serializer_class = ReportSerializer
    detail_serializer_class = ReportDetailSerializer
    filterset_class = ReportFilter
    queryset = Report.objects.select_related("unit").annotate(n_metrics=Metric.objects.public().count_per("report"))

    def get_queryset(self) -> QuerySet[Report]:
        reports = super().get_queryset().order_by("-event_date", "source")
        return reports if self.action == "retrieve" else reports.defer("text")


class IndicatorSerializer(serializers.ModelSerializer):
    api_url = api_url("indicator")
    html_url = PageUrlField()
    synonyms = serializers.SerializerMethodField()
    figures = serializers.IntegerField(source="n_metrics", help_text="Public figures of this indicator.")

    class Meta:
        model = Indicator
        fields = ["slug", "name", "synonyms", "description", "figures", "api_url", "html_url"]

    def get_synonyms(self, indicator: Indicator) -> list[str]:
        return [line.strip() for line in indicator.synonyms.splitlines() if line.strip()]


@documented_errors
class IndicatorViewSet(ReadOnlyViewSet):
    """Canonical measures, so that figures of different units and periods can be compared."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    queryset = Indicator.objects.order_by("name")

    def get_queryset(self) -> QuerySet[Indicator]:
        return super().get_queryset().with_figure_counts()  # type: ignore[attr-defined]


# Figures ----------------------------------------------------------------------------------


class IndicatorRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["slug", "name"]


class MetricUnitSerializer(UnitRefSerializer):
    province = ProvinceRefSerializer(allow_null=True)

    class Meta(UnitRefSerializer.Meta):
        fields = [*UnitRefSerializer.Meta.fields, "province"]


class MetricReportSerializer(serializers.ModelSerializer):
    source_url = SourceUrlField()

    class Meta:
        model = Report
        fields = ["slug", "source", "title", "event_date", "source_url"]


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField(source="period_start", allow_null=True)
    end = serializers.DateField(source="period_end", allow_null=True)


class OffsetsSerializer(serializers.Serializer):
    start = serializers.IntegerField(help_text="The figure's first character in the report's text.")
    end = serializers.IntegerField(help_text="Just past its last character.")


class MetricSerializer(serializers.ModelSerializer):
    api_url = api_url("metric", "pk")
    html_url = PageUrlField()
    value = PlainDecimalField(help_text="The value readers see: an editor's correction if there is one.")
    value_max = PlainDecimalField(allow_null=True)
    total = PlainDecimalField(allow_null=True)
    target = PlainDecimalField(allow_null=True)
    indicator = IndicatorRefSerializer(allow_null=True)
    unit = MetricUnitSerializer(allow_null=True)
    report = MetricReportSerializer()
    period = PeriodSerializer(source="report", help_text="The period the report covers.")
    offsets = OffsetsSerializer(source="*", help_text="Where the figure stands in the report's text.")
    status = serializers.ChoiceField(
        choices=Metric.Status.choices,
        help_text="new: as extracted, not reviewed; verified: checked by an editor; corrected: an editor changed "
        "it. Only a figure asked for by id can also be rejected (by an editor) or withdrawn (no longer read in its "
        "report's text); it answers 410 Gone, with `status_reason`.",
    )
    status_reason = serializers.SerializerMethodField(
        help_text="Why a rejected or withdrawn figure is so, if a reason was given; otherwise null."
    )
    verified = serializers.BooleanField(source="is_verified", help_text="Verified or corrected by an editor.")
    needs_review = serializers.BooleanField(
        help_text="The report's text changed and this reviewed figure's sentence is gone: its offsets no longer hold."
    )
    extracted_value = serializers.SerializerMethodField(
        help_text="The value the extractor read: differs from `value` when an editor corrected it."
    )
    extracted = serializers.DictField(
        child=serializers.JSONField(),
        help_text="What the extractor read, before any correction (values as strings, numbers for offsets).",
    )

    class Meta:
        model = Metric
        fields = ["id", "figure", "value", "value_max", "total", "target", "kind", "measure", "indicator", "qualifier",
                  "change", "unit", "report", "period", "offsets", "sentence", "confidence", "status", "verified",
                  "status_reason", "needs_review", "extracted_value", "extracted", "api_url", "html_url"]

    def to_representation(self, metric: Metric | dict[str, Any]) -> dict[str, Any]:
        """What the fields above give (the schema's source; tests/test_api.py holds the two equal),
        written out: DRF's field-by-field work was most of a list's time. Lists pass the row as
        `.values(*ROW)` reads it, which spares making five model instances per figure."""
        row = metric if isinstance(metric, dict) else _row_of(metric)
        request = self.context.get("request")
        absolute = request.build_absolute_uri if request else str
        status, extracted = row["status"], row["extracted"]
        reason = self.get_status_reason(metric) if isinstance(metric, Metric) else _status_reason(row["id"], status)
        return {
            "id": row["id"],
            "figure": row["figure"],
            "value": plain_decimal(row["value"]),
            "value_max": _plain(row["value_max"]),
            "total": _plain(row["total"]),
            "target": _plain(row["target"]),
            "kind": row["kind"],
            "measure": row["measure"],
            "indicator": {"slug": row["indicator__slug"], "name": row["indicator__name"]}
            if row["indicator__slug"] is not None else None,
            "qualifier": row["qualifier"],
            "change": row["change"],
            "unit": {"slug": row["unit__slug"], "name": row["unit__name"], "kind": row["unit__kind"],
                     "province": {"slug": row["unit__province__slug"], "name": row["unit__province__name"]}
                     if row["unit__province__slug"] is not None else None}
            if row["unit__slug"] is not None else None,
            "report": {"slug": row["report__slug"], "source": row["report__source"], "title": row["report__title"],
                       "event_date": _iso(row["report__event_date"]), "source_url": row["report__url"] or None},
            "period": {"start": _iso(row["report__period_start"]), "end": _iso(row["report__period_end"])},
            "offsets": {"start": row["start"], "end": row["end"]},
            "sentence": row["sentence"],
            "confidence": float(row["confidence"]),
            "status": status,
            "verified": status in Metric.CHECKED,
            "status_reason": reason,
            "needs_review": row["needs_review"],
            "extracted_value": _extracted_value(extracted),
            "extracted": {str(key): value for key, value in extracted.items()},
            "api_url": absolute(page_url("api:metric-detail", row["id"])),
            "html_url": absolute(page_url("reports:metric_detail", row["id"])),
        }

    def get_status_reason(self, metric: Metric) -> str | None:
        return (metric.status_reason() or None) if metric.status in Metric.GONE else None

    def get_extracted_value(self, metric: Metric) -> str | None:
        return _extracted_value(metric.extracted)


def _status_reason(pk: int, status: str) -> str | None:
    """Why a rejected or withdrawn figure, read as a row, is so; None for any other (a list's)."""
    return (Metric.objects.get(pk=pk).status_reason() or None) if status in Metric.GONE else None


def _extracted_value(extracted: dict[str, Any]) -> str | None:
    value = extracted.get("value")
    return None if value is None else str(value)


# A figure's row as the API writes it out (MetricSerializer.to_representation), as `.values()` reads it.
ROW = ["id", "figure", "value", "value_max", "total", "target", "kind", "measure", "qualifier", "change", "start",
       "end", "sentence", "confidence", "status", "needs_review", "extracted", "indicator__slug", "indicator__name",
       "unit__slug", "unit__name", "unit__kind", "unit__province__slug", "unit__province__name", "report__slug",
       "report__source", "report__title", "report__event_date", "report__url", "report__period_start",
       "report__period_end"]


def _row_of(metric: Metric) -> dict[str, Any]:
    """The ROW of a figure read as a model (a detail, a figure that is gone)."""
    row: dict[str, Any] = {}
    for name in ROW:
        value: Any = metric
        for part in name.split("__"):
            value = getattr(value, part) if value is not None else None
        row[name] = value
    row["id"] = metric.pk
    return row


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else plain_decimal(value)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


class CSVRenderer(BaseRenderer):
    """Rows as CSV: one column per field, a nested object's fields dotted (report.slug,
    unit.province.name), a free-form object (extracted) as JSON; UTF-8 with a byte-order mark so
    that spreadsheet programs read the Vietnamese right. The metrics list streams its rows
    through `csv_lines` instead of rendering them all at once."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        rows = data if isinstance(data, list) else [data]
        view = (renderer_context or {}).get("view")
        if view is not None:
            columns = list(csv_columns(view.get_serializer()))
        else:
            columns = list(dict(_flat(rows[0], set()))) if rows else []
        return "".join(csv_lines(rows, columns)).encode("utf-8")


def csv_columns(serializer: serializers.Serializer, prefix: str = "") -> Iterator[str]:
    """The serializer's fields, a nested serializer's fields dotted (unit.province.slug)."""
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            yield from csv_columns(field, f"{prefix}{name}.")
        else:
            yield prefix + name


def csv_lines(rows: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    """A header line with a byte-order mark, then a line per row, nested fields dotted."""
    leaves = set(columns)
    return listing.csv_lines((dict(_flat(row, leaves)) for row in rows), columns)


def _flat(record: dict[str, Any], leaves: set[str], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in record.items():
        name = prefix + key
        if isinstance(value, dict) and name not in leaves:
            yield from _flat(value, leaves, f"{name}.")
        elif isinstance(value, dict | list):
            yield name, json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            yield name, "true" if value else "false"
        else:
            yield name, value


CSV_DOC = OpenApiResponse(
    OpenApiTypes.STR,
    description="With format=csv: every filtered row, not paginated (page and page_size are ignored), "
    "UTF-8 with a byte-order mark, nested fields as dotted columns, `extracted` as JSON.",
)


@extend_schema_view(
    list=extend_schema(
        responses={
            (200, "application/json"): MetricSerializer,
            (200, "text/csv"): CSV_DOC,
            (400, "application/json"): BAD_FILTER,
            (429, "application/json"): THROTTLED,
        }
    ),
    retrieve=extend_schema(
        description="One figure, by id, with its provenance. A figure an editor rejected or a re-import "
        "withdrew answers 410 Gone with the same body: its address lasts.",
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, required=True)],
        responses={200: MetricSerializer, 404: NOT_FOUND, 410: MetricSerializer, 429: THROTTLED},
    ),
)
class MetricViewSet(ReadOnlyViewSet):
    """Figures, newest report first, rejected ones left out, each with its provenance.

    `?format=csv` downloads every filtered row as CSV (UTF-8 with a byte-order mark, nested
    fields as dotted columns such as `report.slug`, `extracted` as JSON): not paginated, `page`
    and `page_size` are ignored."""

    serializer_class = MetricSerializer
    filterset_class = MetricFilter
    lookup_field = "pk"
    lookup_pattern = re.compile(r"[0-9]{1,18}")  # beyond 18 digits: no such figure
    every = Metric.objects.select_related("unit__province", "report", "indicator").defer(
        "report__text", "report__search_key", "report__search_vector"
    )
    queryset = every.public().latest_first()

    def get_queryset(self) -> Any:
        if self.action == "retrieve":  # a figure's address answers even when it is gone
            return self.every
        return super().get_queryset()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        metric = self.get_object()
        gone = metric.status in Metric.GONE
        return Response(self.get_serializer(metric).data, status=410 if gone else 200)

    def get_renderers(self) -> list[BaseRenderer]:
        return [JSONRenderer(), CSVRenderer()] if self.action == "list" else [JSONRenderer()]

    def get_throttles(self) -> list[Any]:
        downloading = self.request.query_params.get("format") == "csv"
        return [*super().get_throttles(), *([DownloadThrottle()] if downloading else [])]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(request.accepted_renderer, CSVRenderer):
            return super().list(request, *args, **kwargs)  # its page read by page_rows
        # A download is every filtered row, streamed: a big list never sits in memory whole.
        self.paginator.check_params(request)  # type: ignore[union-attr]  # ignored, but not malformed
        metrics = self.filter_queryset(self.get_queryset()).values(*ROW)
        serializer: Any = self.get_serializer()
        rows = (serializer.to_representation(row) for row in metrics.iterator(chunk_size=2000))
        lines = (line.encode("utf-8") for line in csv_lines(rows, list(csv_columns(serializer))))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="figures-{dt.date.today().isoformat()}.csv"'
        return response

    def page_rows(self, metrics: QuerySet[Metric]) -> QuerySet[Metric, dict[str, Any]]:
        """A page of figures as their ROWs: five model instances a figure cost more than the rest."""
        return metrics.values(*ROW)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        """Errors are JSON even when CSV was asked for."""
        if isinstance(response, Response) and response.exception:
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)
