from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import admin, messages
from django.db import router, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from reports.templatetags.numbers import num

from units.models import Official, OfficialAlias, Position, Province, Unit, UnitAlias


class _ChangeValues(HistoricalRecordContextHelper):
    """A history page's old and new values as the rest of the admin shows them: a choice by its
    label, a number in Vietnamese style, a time in the site's time zone, nothing as "—"."""

    def prepare_delta_change_value(self, change: Any, value: Any) -> Any:
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, DeletedObject):
            return "—" if value.pk is None else gettext("deleted (id %(pk)s)") % {"pk": value.pk}
        if value is None or value == "":
            return "—"
        if getattr(field, "choices", None):
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if isinstance(value, dt.datetime):
            return date_format(timezone.localtime(value), "d/m/Y H:i")
        if isinstance(value, Decimal | int | float):
            return num(value)
        return value


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, made to hold: a revert from the History page runs in a
    transaction, as Django's own change form does (a form may lock the row it checks), and an id
    that is not a number is a 404, not an error. Its values read as the rest of the admin's."""

    def get_historical_record_context_helper(self, request: HttpRequest, historical_record: Any) -> Any:
        return _ChangeValues(self.model, historical_record)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        _whole_or_404(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
                          ) -> HttpResponse:
        _whole_or_404(object_id, version_id)
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


def _whole_or_404(*ids: str) -> None:
    if not all(str(i).isascii() and str(i).isdigit() for i in ids):
        raise Http404


def _merge(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Any]) -> HttpResponse | None:
    """Ask which record to keep, then merge the others into it."""
    objects = list(queryset)
    if len(objects) < 2:
        modeladmin.message_user(request, gettext("Select at least two to merge."), messages.WARNING)
        return None
    if "confirm" not in request.POST:
        context = {**modeladmin.admin_site.each_context(request), "objects": objects, "opts": modeladmin.model._meta,
                   "action": request.POST.get("action"), "title": gettext("Merge")}
        return render(request, "admin/units/merge.html", context)
    kept = next((o for o in objects if str(o.pk) == request.POST.get("keep")), None)
    if kept is None:
        modeladmin.message_user(request, gettext("Choose the record to keep."), messages.ERROR)
        return None
    for other in objects:
        if other.pk != kept.pk:
            other.merge_into(kept)
    kept._change_reason = request.POST.get("reason") or gettext("merged")  # read by django-simple-history
    kept.save()
    modeladmin.message_user(request, gettext("Merged into %(kept)s.") % {"kept": kept}, messages.SUCCESS)
    return None


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "is_current", "successor"]
    list_filter = ["is_current"]
    search_fields = ["name", "name_key"]
    readonly_fields = ["name_key"]


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1
    exclude = ["name_key"]


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    list_display = ["name", "kind", "province", "parent"]
    list_filter = ["kind", "province__is_current"]
    list_select_related = ["province", "parent"]
    search_fields = ["name", "name_key", "aliases__name_key"]
    autocomplete_fields = ["parent", "province"]
    inlines = [UnitAliasInline]
    actions = ["merge_units"]
    show_full_result_count = False

    @admin.action(description=_("Merge the selected units"), permissions=["change"])
    def merge_units(self, request: HttpRequest, queryset: QuerySet[Unit]) -> HttpResponse | None:
        return _merge(self, request, queryset)


class OfficialAliasInline(admin.TabularInline):
    model = OfficialAlias
    extra = 0
    exclude = ["name_key"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    fields = ["title", "unit", "report", "rank"]
    readonly_fields = fields
    can_delete = False


@admin.register(Official)
class OfficialAdmin(HistoryAdmin):
    list_display = ["name", "rank"]
    search_fields = ["name", "name_key", "aliases__name_key"]
    inlines = [OfficialAliasInline, PositionInline]
    actions = ["merge_officials"]

    @admin.action(description=_("Merge the selected officials"), permissions=["change"])
    def merge_officials(self, request: HttpRequest, queryset: QuerySet[Official]) -> HttpResponse | None:
        return _merge(self, request, queryset)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["official", "title", "unit", "report"]
    list_select_related = ["official", "unit", "report"]
    search_fields = ["official__name_key", "title"]
    autocomplete_fields = ["official", "unit", "report"]
