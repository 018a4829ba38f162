"""The read-only JSON API of units, officials and provinces, and the short forms of them other
objects embed (what every endpoint shares is in common.api).

The lists filter with the same FilterSets as the HTML lists, so a query string gives the same
rows on /units/ and /api/units/."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from rest_framework import serializers

from common.api import PageUrlField, ReadOnlyViewSet, api_url, documented_errors
from reports.models import Position
from units.filters import OfficialFilter, ProvinceListFilter, UnitFilter
from units.models import Official, Province, Unit

# Short forms, embedded in other objects --------------------------------------------------------


class ProvinceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["slug", "name"]


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["slug", "name", "kind"]


class ReportRefSerializer(serializers.Serializer):
    """A report as positions and figures cite it (the report itself is in reports.api)."""

    slug = serializers.SlugField()
    source = serializers.CharField(help_text="The file the report was imported from.")  # type: ignore[assignment]  # a field named like Field.source
    title = serializers.CharField()
    event_date = serializers.DateField(allow_null=True)


# Units, officials, provinces -----------------------------------------------------------------


class UnitSerializer(serializers.ModelSerializer):
    api_url = api_url("unit")
    html_url = PageUrlField()
    province = ProvinceRefSerializer(allow_null=True)
    parent = UnitRefSerializer(allow_null=True)
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)  # type: ignore[var-annotated]
    figures = serializers.IntegerField(source="figure_count", help_text="Public figures attributed to the unit.")

    class Meta:
        model = Unit
        fields = ["slug", "name", "kind", "province", "parent", "aliases", "figures", "api_url", "html_url"]


@documented_errors
class UnitViewSet(ReadOnlyViewSet):
    """Police units: the ministry, its departments, provincial, district and commune police."""

    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    queryset = (
        Unit.objects.select_related("province", "parent")
        .prefetch_related("aliases")
        .order_by("name")
    )


class PositionSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(allow_null=True)
    report = ReportRefSerializer()

    class Meta:
        model = Position
        fields = ["title", "rank", "unit", "report"]


class OfficialSerializer(serializers.ModelSerializer):
    api_url = api_url("official")
    html_url = PageUrlField()
    positions = PositionSerializer(many=True, help_text="Titles as each report states them, oldest report first.")

    class Meta:
        model = Official
        fields = ["slug", "name", "rank", "positions", "api_url", "html_url"]


@documented_errors
class OfficialViewSet(ReadOnlyViewSet):
    """Officials named in the reports, with the titles each report gives them."""

    serializer_class = OfficialSerializer
    filterset_class = OfficialFilter
    queryset = Official.objects.prefetch_related(
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("unit", "report")
            .defer("report__text", "report__search_key", "report__search_vector")
            .order_by("report__event_date", "report_id", "order", "pk"),
        )
    ).order_by("name")


class ProvinceSerializer(serializers.ModelSerializer):
    api_url = api_url("province")
    html_url = PageUrlField()
    successor = ProvinceRefSerializer(allow_null=True, help_text="The province it became part of in 2025.")
    predecessors = ProvinceRefSerializer(many=True, help_text="The provinces merged into it in 2025.")
    units = serializers.IntegerField(source="n_units")

    class Meta:
        model = Province
        fields = ["slug", "name", "full_name", "is_current", "successor", "predecessors", "units", "api_url",
                  "html_url"]


@documented_errors
class ProvinceViewSet(ReadOnlyViewSet):
    """Provinces and centrally run cities, the 34 after the 2025 reorganisation and the 63 before."""

    serializer_class = ProvinceSerializer
    filterset_class = ProvinceListFilter
    queryset = (
        Province.objects.select_related("successor")
        .prefetch_related(Prefetch("predecessors", queryset=Province.objects.order_by("name", "pk")))
        .annotate(n_units=Count("units", distinct=True))
        .order_by("name")
    )
