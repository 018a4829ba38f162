from django.contrib import admin

from reports.models import Metric, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "event_date", "unit"]
    list_select_related = ["unit"]
    search_fields = ["title", "source"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["text", "content_hash", "extractor_version", "imported_at", "updated_at"]


@admin.register(Metric)
class MetricAdmin(admin.ModelAdmin):
    list_display = ["figure", "measure", "kind", "unit", "report", "confidence", "status"]
    list_filter = ["status", "kind", "change", "qualifier", "needs_review"]
    list_select_related = ["unit", "report"]
    search_fields = ["measure", "figure"]
    autocomplete_fields = ["unit", "report"]
    readonly_fields = ["report", "start", "end", "figure", "sentence", "confidence", "extracted"]
    ordering = ["status", "confidence"]
