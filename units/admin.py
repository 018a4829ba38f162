from django.contrib import admin

from units.models import Official, Position, Province, Unit, UnitAlias


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "is_current", "successor"]
    list_filter = ["is_current"]
    search_fields = ["name", "name_key"]
    readonly_fields = ["name_key"]


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "parent"]
    list_filter = ["kind"]
    list_select_related = ["province", "parent"]
    search_fields = ["name", "name_key", "aliases__name_key"]
    autocomplete_fields = ["parent", "province"]
    inlines = [UnitAliasInline]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["name", "rank"]
    search_fields = ["name", "name_key"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["official", "title", "unit", "report"]
    list_select_related = ["official", "unit", "report"]
    search_fields = ["official__name_key", "title"]
    autocomplete_fields = ["official", "unit", "report"]
