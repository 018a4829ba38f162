from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from units.models import Province, Unit


class UnitFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices, label=_("kind"))
    province = django_filters.ModelChoiceFilter(queryset=Province.objects.all(), label=_("province"))

    class Meta:
        model = Unit
        fields = ["kind", "province"]
