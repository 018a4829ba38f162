from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from reports.models import Metric, Report
from units.models import Unit


class ReportFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("unit"))
    event_date = django_filters.DateFromToRangeFilter(label=_("event date"))

    class Meta:
        model = Report
        fields = ["unit", "event_date"]


class MetricFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("unit"))
    report = django_filters.ModelChoiceFilter(queryset=Report.objects.defer("text"), label=_("report"))
    kind = django_filters.ChoiceFilter(choices=Metric.Kind.choices, label=_("kind"))
    change = django_filters.ChoiceFilter(choices=Metric.Change.choices, label=_("change"))
    qualifier = django_filters.ChoiceFilter(choices=Metric.Qualifier.choices, label=_("qualifier"))
    measure = django_filters.CharFilter(lookup_expr="icontains", label=_("measure"))

    class Meta:
        model = Metric
        fields = ["unit", "report", "kind", "change", "qualifier", "measure"]
