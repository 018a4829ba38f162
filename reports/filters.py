"""FilterSets for reports, figures and indicators: one per model, for the pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import BaseCSVField, RangeField

from reports.models import Indicator, Metric, Report
from units.filters import MAX_QUERY, FoldedSearchFilter, ListFilterSet, ProvinceFilter, unit_choice
from units.models import Unit

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]


class _DateRangeFilter(django_filters.DateFromToRangeFilter):
    """Dates as Vietnamese readers write them (dd/mm/yyyy) or ISO."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra["widget"] = django_filters.widgets.DateRangeWidget(attrs={"placeholder": "dd/mm/yyyy"})

    @property
    def field(self) -> forms.Field:
        field = super().field
        for sub in field.fields:
            sub.input_formats = DATE_INPUTS
        return field


class _YearFilter(django_filters.NumberFilter):
    """Reports whose period (or, lacking one, whose date) falls in that year, through `prefix`."""

    def __init__(self, *args: Any, prefix: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("label", _("year"))
        super().__init__(*args, min_value=1945, max_value=2100, **kwargs)
        self.prefix = prefix

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in (None, ""):
            return qs
        p = self.prefix
        in_period = Q(**{f"{p}period_start__year__lte": value, f"{p}period_end__year__gte": value})
        undated = Q(**{f"{p}period_start__isnull": True, f"{p}event_date__year": value})
        return qs.filter(in_period | undated)


class _ValueRangeField(RangeField):
    """Bounds as Metric.value stores them (24 digits, 4 decimals): "1e999999" is a 400, not a
    number the database cannot compare."""

    def __init__(self, fields: Any = None, *args: Any, **kwargs: Any) -> None:
        low, high = (forms.DecimalField(max_digits=24, decimal_places=4) for _ in range(2))
        super().__init__((low, high), *args, **kwargs)


class _ValueRangeFilter(django_filters.RangeFilter):
    field_class = _ValueRangeField


class _SortKeysField(BaseCSVField):
    """Sort keys, comma-separated; an empty key ("sort=,") is an error rather than no order."""

    def clean(self, value: Any) -> Any:
        if value and any(key in self.empty_values for key in value):
            raise forms.ValidationError(_("Each sort key must be one of the choices."), code="invalid_choice")
        return super().clean(value)


class _OrderingFilter(django_filters.OrderingFilter):
    base_field_class = _SortKeysField
    descending_fmt = _("%s (descending)")


class SearchFilter(django_filters.CharFilter):
    """What the one search finds (the model's QuerySet.search): words of the text as whole words,
    any case and diacritics, a "quoted phrase" as a phrase, abbreviations both ways; and what
    belongs to a unit, province or official the query names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_QUERY)
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        return qs.search(value) if value else qs  # type: ignore[attr-defined]


class ReportFilter(ListFilterSet):
    q = SearchFilter(label=_("search"))
    unit = unit_choice(_("unit"))
    province = ProvinceFilter(through="unit__province")
    year = _YearFilter()
    event_date = _DateRangeFilter(label=_("event date"))

    class Meta:
        model = Report
        fields = ["q", "unit", "province", "year", "event_date"]


# Lists of records are given as functions, not querysets: every request copies its FilterSet's
# filters, and a queryset costs far more to copy.
class MetricFilter(ListFilterSet):
    q = SearchFilter(label=_("search"))
    indicator = django_filters.ModelChoiceFilter(
        queryset=lambda request: Indicator.objects.all(), to_field_name="slug", label=_("indicator")
    )
    unit = unit_choice(_("unit"))
    # The ministry's departments (a few dozen), not every provincial "Phòng": a short list.
    department = unit_choice(
        _("department"),
        queryset=lambda request: Unit.objects.filter(kind=Unit.Kind.DEPARTMENT, parent__kind=Unit.Kind.MINISTRY),
        method="filter_department",
        widget=forms.Select,
    )
    province = ProvinceFilter(through="province")
    # A text box, not a list: there are thousands of reports.
    report = django_filters.ModelChoiceFilter(
        queryset=lambda request: Report.objects.only("slug"), to_field_name="slug", label=_("report"),
        widget=forms.TextInput,
    )
    kind = django_filters.ChoiceFilter(choices=Metric.Kind.choices, label=_("kind"))
    change = django_filters.ChoiceFilter(
        choices=[*Metric.Change.choices, ("none", _("no change stated"))], method="filter_change", label=_("change")
    )
    qualifier = django_filters.ChoiceFilter(choices=Metric.Qualifier.choices, label=_("qualifier"))
    verified = django_filters.ChoiceFilter(
        choices=[("true", _("yes")), ("false", _("no"))], method="filter_verified", label=_("verified")
    )
    year = _YearFilter(prefix="report__")
    value = _ValueRangeFilter(label=_("value"))
    sort = _OrderingFilter(
        fields=[("value", "value"), ("event_date", "date")],
        field_labels={"value": _("value"), "event_date": _("date")},
        label=_("sort"),
    )

    class Meta:
        model = Metric
        fields = ["q", "indicator", "unit", "department", "province", "report", "kind", "change", "qualifier",
                  "verified", "year", "value"]

    def filter_department(self, qs: QuerySet[Metric], name: str, value: Unit | None) -> QuerySet[Metric]:
        return qs.filter(Q(unit=value) | Q(unit__parent=value)) if value else qs

    def filter_change(self, qs: QuerySet[Metric], name: str, value: str) -> QuerySet[Metric]:
        return qs.filter(change="" if value == "none" else value) if value else qs

    def filter_verified(self, qs: QuerySet[Metric], name: str, value: str) -> QuerySet[Metric]:
        if not value:
            return qs
        return qs.verified() if value == "true" else qs.unverified()  # type: ignore[attr-defined]


class IndicatorFilter(ListFilterSet):
    q = FoldedSearchFilter(keys=["search_key"], label=_("name"))

    class Meta:
        model = Indicator
        fields = ["q"]
