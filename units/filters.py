"""FilterSets for units, officials and provinces, and the filters the figure lists share.

Text filters match folded keys (no case, no diacritics, abbreviations spelled out), so
"dak lak", "DAK LAK" and "Đắk Lắk" find the same rows.
"""

from __future__ import annotations

import operator
from functools import partial, reduce
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Length
from django.utils.choices import CallableChoiceIterator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters.fields import ModelChoiceField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from common.choices import model_choices
from common.widgets import QuickSelect
from reports.extraction.glossary import query_forms
from reports.extraction.text import fold
from units.models import RANKS, Official, Province, Unit, folded_contains, province_family_ids, province_ids_by_slug

MAX_QUERY = 200


class FoldedSearchFilter(django_filters.CharFilter):
    """Rows whose folded key fields contain the query, as typed or with abbreviations spelled out."""

    def __init__(self, *args: Any, keys: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_QUERY)
        kwargs.setdefault("label", _("search"))
        super().__init__(*args, **kwargs)
        self.keys = keys

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if not query_forms(value or ""):
            return qs
        match = reduce(operator.or_, (folded_contains(key, value) for key in self.keys))
        return qs.filter(match).distinct() if any("__" in key for key in self.keys) else qs.filter(match)


class _ProvinceField(ModelChoiceField):
    """A province by its slug, found among the provinces kept in the cache rather than by a query."""

    def to_python(self, value: Any) -> Province | None:
        if value in self.empty_values:
            return None
        pk = province_ids_by_slug().get(str(value))
        if pk is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return Province(pk=pk, slug=str(value))


@extend_schema_field(OpenApiTypes.STR)  # a province's slug, for the API schema
class ProvinceFilter(django_filters.ModelChoiceFilter):
    """A province by slug; a merged province also matches the one it became part of, and back."""

    field_class = _ProvinceField

    def __init__(self, *args: Any, through: str, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", lambda request: Province.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("label", _("province"))
        super().__init__(*args, **kwargs)
        self.through = through

    def filter(self, qs: QuerySet[Any], value: Province | None) -> QuerySet[Any]:
        if value is None:
            return qs
        return qs.filter(**{f"{self.through}__in": province_family_ids(value.pk)})


class _UnitField(ModelChoiceField):
    """A unit as a person types it: its slug, its name or an alias in any case and diacritics, or a
    part of its name that only one unit's name holds at its shortest ("Nghệ An" -> Công an tỉnh
    Nghệ An). Anything else is an error that says so."""

    def to_python(self, value: Any) -> Unit | None:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        key = fold(text)
        units = self.queryset
        found = (units.filter(slug=text).first() or units.filter(name_key=key).first()
                 or units.filter(aliases__name_key=key).first())
        if found is None and key:
            found = units.filter(search_key__contains=key).order_by(Length("name"), "name_key").first()
        if found is None:
            raise forms.ValidationError(
                _("no unit is called “%(value)s”: pick one of the suggestions, or search for it."),
                code="invalid_choice", params={"value": text},
            )
        return found


class _UnitFilter(django_filters.ModelChoiceFilter):
    field_class = _UnitField


def unit_choice(label: str | Promise, **kwargs: Any) -> django_filters.ModelChoiceFilter:
    """A unit by name (or slug), in a text box with the main units' names as suggestions: a list
    of every unit would cost more than the page itself (there are hundreds)."""
    kwargs.setdefault("widget", forms.TextInput(attrs={"list": "unit-names", "autocomplete": "off"}))
    records = kwargs.pop("queryset", lambda request: Unit.objects.all())
    return _UnitFilter(queryset=records, to_field_name="slug", label=label, **kwargs)


class ListFilterSet(django_filters.FilterSet):
    """A list page's filters, with what the page offers around them: the main units' names for a
    unit box, and, for an empty result, the units nearest to the words searched. Its select lists
    are written out in Python (QuickSelect)."""

    def get_form_class(self) -> type[forms.Form]:
        """The form class, made once per FilterSet class (django-filter makes one per request): no
        field depends on the request, and each form copies its fields anyway."""
        made = type(self).__dict__.get("_form_class")
        if made is None:
            made = super().get_form_class()
            type(self)._form_class = made
        return made

    @property
    def form(self) -> forms.Form:
        """The filters' form, its select lists written out in Python (QuickSelect), and the options of
        a list of records read from the cache (model_choices) when it is shown."""
        if not hasattr(self, "_form"):
            form = super().form
            for name, field in form.fields.items():
                if type(field.widget) is forms.Select:
                    field.widget = QuickSelect.instead_of(field.widget)
                if isinstance(field, forms.ModelChoiceField) and isinstance(field.widget, QuickSelect):
                    read = partial(model_choices, f"{type(self).__name__}.{name}", field)
                    field.widget.choices = CallableChoiceIterator(read)
        return self._form

    def unit_names(self) -> list[str]:
        return Unit.objects.suggested_names() if "unit" in self.filters else []

    def nearest_units(self, words: str) -> list[Unit]:
        return Unit.objects.nearest(words)


class UnitFilter(ListFilterSet):
    q = django_filters.CharFilter(method="filter_q", max_length=MAX_QUERY, label=_("search"))
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices, label=_("kind"))
    province = ProvinceFilter(through="province")
    parent = unit_choice(
        _("part of"), queryset=lambda request: Unit.objects.filter(children__isnull=False).distinct(),
        widget=forms.Select
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "province", "parent"]

    def filter_q(self, qs: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        return qs.search(value) if value else qs  # type: ignore[attr-defined]


class OfficialFilter(ListFilterSet):
    q = django_filters.CharFilter(method="filter_q", max_length=MAX_QUERY, label=_("name"))
    rank = django_filters.ChoiceFilter(choices=[(r, r) for r in RANKS], label=pgettext_lazy("official", "rank"))
    unit = unit_choice(_("unit"), field_name="positions__unit", distinct=True)

    class Meta:
        model = Official
        fields = ["q", "rank", "unit"]

    def filter_q(self, qs: QuerySet[Official], name: str, value: str) -> QuerySet[Official]:
        return qs.search(value) if value else qs  # type: ignore[attr-defined]


class ProvinceListFilter(ListFilterSet):
    q = FoldedSearchFilter(keys=["name_key", "successor__name_key", "predecessors__name_key"], label=_("name"))
    is_current = django_filters.ChoiceFilter(
        choices=[("true", _("yes")), ("false", _("no"))], method="filter_is_current", label=_("exists after 2025")
    )

    class Meta:
        model = Province
        fields = ["q", "is_current"]

    def filter_is_current(self, qs: QuerySet[Province], name: str, value: str) -> QuerySet[Province]:
        return qs.filter(is_current=value == "true") if value else qs
