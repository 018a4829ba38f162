from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.admin import HistoryAdmin
from reports.models import Position
from units.models import Official, OfficialAlias, Province, Unit, UnitAlias


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
    readonly_fields = ["title", "unit", "report", "rank"]
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
