from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.admin import HistoryAdmin
from reports.extraction import extract
from reports.extraction.records import ReportMeta
from reports.extraction.text import TextError, decode
from reports.importing import DuplicateReport, ImportResult, save_extracted
from reports.models import Indicator, Metric, MetricToReview, Position, Report, recount_figures
from reports.runs import read_source, source_name
from reports.sources import Source, kind_of_name, read_bytes

# The query parameter that says a figure was opened from the review queue, and the button that
# saves it and opens the next one.
FROM_QUEUE = "queue"
SAVE_AND_NEXT = "_savenext"


def _sentence_with_figure(metric: Metric) -> str:
    before, figure, after = metric.sentence_parts()
    return format_html("{}<mark>{}</mark>{}", before, figure, after)


def _words_around_figure(metric: Metric) -> str:
    before, figure, after = metric.context(words=QUEUE_CONTEXT_WORDS)
    return format_html('<span class="queue-context" title="{}">{}<mark>{}</mark>{}</span>', metric.sentence, before,
                       figure, after)


# Words either side of the figure in the queue's rows: its whole sentence is in the row's tooltip
# and on the figure's form.
QUEUE_CONTEXT_WORDS = 10


class MetricForm(forms.ModelForm):
    reason = forms.CharField(label=_("reason for the change"), required=False, max_length=200)
    # The version the editor saw; a save against a newer one is refused (optimistic locking).
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Metric
        fields = [*Metric.CORRECTABLE, "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = Metric.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            self.fields["seen_version"].initial = current

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk:
            current = Metric.objects.select_for_update().filter(pk=self.instance.pk).values_list("version", flat=True)
            if cleaned.get("seen_version") != current.first():
                raise ValidationError(
                    gettext("Another editor changed this figure while you were editing it. Reload the page to see "
                            "their change, then apply yours again."),
                    code="conflict",
                )
        return cleaned


class _KeepsFigureCounts:
    """Deleting figures, or the reports that hold them, keeps their units' stored counts true."""

    figures_of: str  # the Metric lookup from the deleted objects

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_queryset(request, type(obj).objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        units = set(Metric.objects.filter(**{self.figures_of: queryset}).values_list("unit_id", flat=True))
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        recount_figures(units)


class _ReviewActions:
    actions = ["verify_selected", "reject_selected"]

    @admin.action(description=_("Verify the selected figures"), permissions=["change"])
    def verify_selected(self, request: HttpRequest, queryset: QuerySet[Metric]) -> None:
        n = queryset.set_status(Metric.Status.VERIFIED, request.user)  # type: ignore[attr-defined]
        self.message_user(request, gettext("%(n)d figures verified.") % {"n": n}, messages.SUCCESS)  # type: ignore[attr-defined]

    @admin.action(description=_("Reject the selected figures (not figures)"), permissions=["change"])
    def reject_selected(self, request: HttpRequest, queryset: QuerySet[Metric]) -> None:
        n = queryset.set_status(Metric.Status.REJECTED, request.user)  # type: ignore[attr-defined]
        self.message_user(request, gettext("%(n)d figures rejected.") % {"n": n}, messages.SUCCESS)  # type: ignore[attr-defined]


@admin.register(Metric)
class MetricAdmin(_KeepsFigureCounts, _ReviewActions, HistoryAdmin):
    figures_of = "pk__in"
    form = MetricForm
    list_display = ["figure", "sentence_highlighted", "measure", "unit", "kind", "confidence", "status"]
    list_filter = ["status", "needs_review", "kind", "change", "qualifier", "indicator"]
    list_select_related = ["unit", "report"]
    search_fields = ["figure", "measure", "unit__name"]
    autocomplete_fields = ["unit", "indicator"]
    readonly_fields = ["report", "sentence_highlighted", "figure", "start", "end", "extracted", "confidence",
                       "reviewed_by", "reviewed_at", "needs_review"]
    fieldsets = [
        (None, {"fields": ["report", "sentence_highlighted", "figure", "confidence", "needs_review"]}),
        (_("Values"), {"fields": Metric.CORRECTABLE}),
        (_("Review"), {"fields": ["status", "reason", "seen_version", "reviewed_by", "reviewed_at"]}),
        (_("As extracted"), {"fields": ["extracted", "start", "end"], "classes": ["collapse"]}),
    ]
    show_full_result_count = False
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[Metric]:
        # The list shows each figure's report by title: not its text or its search index entry.
        return super().get_queryset(request).defer("report__text", "report__search_vector")

    @admin.display(description=_("sentence"))
    def sentence_highlighted(self, metric: Metric) -> str:
        return _sentence_with_figure(metric)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # figures come from reports

    def render_change_form(self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
                           ) -> HttpResponse:
        context["save_and_next"] = bool(request.GET.get(FROM_QUEUE))
        return super().render_change_form(request, context, *args, **kwargs)

    def response_change(self, request: HttpRequest, obj: Metric) -> HttpResponse:
        """Opened from the review queue: "save and next" leads to the next figure of the queue,
        least certain first, and "save" back to the queue (so does either when none is left)."""
        if not request.GET.get(FROM_QUEUE) or {"_continue", "_addanother", "_saveasnew"} & set(request.POST):
            return super().response_change(request, obj)
        self.message_user(request, gettext("%(figure)s saved.") % {"figure": obj}, messages.SUCCESS)
        following = Metric.objects.review_queue().exclude(pk=obj.pk).values_list("pk", flat=True).first()
        if following is None or SAVE_AND_NEXT not in request.POST:
            return HttpResponseRedirect(reverse("admin:reports_metrictoreview_changelist"))
        return HttpResponseRedirect(reverse("admin:reports_metric_change", args=[following]) + f"?{FROM_QUEUE}=1")

    def save_model(self, request: HttpRequest, obj: Metric, form: forms.ModelForm, change: bool) -> None:
        obj.correct(request.user, form.changed_data, form.cleaned_data.get("reason", ""))


@admin.register(MetricToReview)
class MetricToReviewAdmin(MetricAdmin):
    """The review queue: figures not reviewed yet, or to look at again, least certain first."""

    list_display = ["figure", "words_around", "unit", "confidence", "status"]
    list_filter = ["needs_review", "kind", "change", "qualifier"]
    ordering = ["confidence", "pk"]
    list_per_page = 25

    class Media:
        css = {"all": ["css/admin-queue.css"]}

    @admin.display(description=_("in its sentence"))
    def words_around(self, metric: Metric) -> str:
        return _words_around_figure(metric)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Metric]:
        return super().get_queryset(request).review_queue()  # type: ignore[attr-defined]

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
                    ) -> HttpResponse:
        # Edit the figure itself: django-simple-history records changes made through Metric,
        # not through this proxy. Saving it then leads to the next figure of the queue.
        return HttpResponseRedirect(reverse("admin:reports_metric_change", args=[object_id]) + f"?{FROM_QUEUE}=1")


class ReportUploadForm(forms.Form):
    file = forms.FileField(label=_("report file (.txt, .html, .pdf or .docx)"), required=False)
    url = forms.URLField(label=_("or an article's URL"), max_length=2000, required=False, assume_scheme="https",
                         widget=forms.URLInput(attrs={"class": "vURLField"}),
                         help_text=_("The page is fetched and its main text read, with its title, date and author."))
    source = forms.CharField(label=_("file name"), max_length=200, required=False,
                             help_text=_("Needed when pasting; a file's own name, or the URL, is used otherwise."))
    text = forms.CharField(label=_("or paste the text"), widget=forms.Textarea(attrs={"rows": 16}), required=False)
    replace = forms.BooleanField(
        label=_("replace the text of the report with this file name"), required=False,
        help_text=_("Its figures nobody has reviewed are extracted again; the old text stays in the report's "
                    "history, from where it can be restored."),
    )

    def __init__(self, *args: Any, may_replace: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.may_replace = may_replace
        if not may_replace:
            del self.fields["replace"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload, url, text = cleaned.get("file"), cleaned.get("url"), (cleaned.get("text") or "")
        if sum(map(bool, (upload, url, text.strip()))) != 1:
            raise ValidationError(gettext("Upload a file, give a URL or paste a text (one of them)."))
        source = cleaned.get("source") or (upload.name if upload else source_name(url) if url else "")
        if not source:
            raise ValidationError(gettext("Give the pasted text a file name."))
        try:
            if upload:
                kind = kind_of_name(upload.name)
                if kind is None:
                    raise TextError(gettext("not a kind of file this reads (.txt, .html, .htm, .pdf, .docx)"))
                cleaned["document"] = read_bytes(upload.read(), kind)
            elif url:
                cleaned["document"] = read_source(url)
            else:
                cleaned["document"] = Source(decode(text.encode("utf-8")))
                source = source if source.endswith(".txt") else f"{source}.txt"
        except TextError as exc:
            raise ValidationError(f"{source}: {exc}") from None
        cleaned["source"] = source
        existing = Report.objects.filter(source=source).defer("text").first()
        if existing and not cleaned.get("replace"):
            message = (gettext("A report named %(source)s exists already (%(title)s). Tick “replace” to replace "
                               "its text.") if self.may_replace else
                       gettext("A report named %(source)s exists already (%(title)s). Replacing a report's text "
                               "needs a permission you do not have: choose another file name."))
            raise ValidationError(message % {"source": source, "title": existing.title})
        return cleaned


def _page_of(report: Report) -> ReportMeta:
    """What the page or file a report came from said of itself, as the report holds it: kept when an
    editor replaces or restores its text."""
    return ReportMeta(title="", url=report.url or None, author=report.author or None, published=report.published,
                      site_name=report.site_name or None)


@admin.register(Report)
class ReportAdmin(_KeepsFigureCounts, HistoryAdmin):
    figures_of = "report__in"
    list_display = ["title", "source", "event_date", "unit"]
    list_select_related = ["unit"]
    search_fields = ["title", "source"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["source", "text", "content_hash", "extractor_version", "imported_at", "updated_at"]
    exclude = ["search_key"]
    date_hierarchy = "event_date"

    def get_urls(self) -> list[Any]:
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="reports_report_upload"), *super().get_urls()]

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: Any = None) -> HttpResponse:
        return HttpResponseRedirect(reverse("admin:reports_report_upload"))

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Add a report: the same extraction and import as the command; its figures land in the queue."""
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        may_replace = request.user.has_perm("reports.replace_report_text")
        form = ReportUploadForm(request.POST or None, request.FILES or None, may_replace=may_replace)
        if request.method == "POST" and form.is_valid():
            source, document = form.cleaned_data["source"], form.cleaned_data["document"]
            replaced = Report.objects.filter(source=source).defer("text").first()
            if replaced and document.meta is None:  # a pasted text keeps what the page said of itself
                document = Source(document.text, _page_of(replaced))
            try:
                result = self._import(request, source, document, gettext("added in the admin"))
            except DuplicateReport as exc:
                form.add_error(None, str(exc))
            else:
                return HttpResponseRedirect(reverse("admin:reports_metrictoreview_changelist")
                                            + f"?report__id__exact={result.report.pk}")
        context = {**self.admin_site.each_context(request), "form": form, "opts": self.model._meta,
                   "title": gettext("Add a report")}
        return render(request, "admin/reports/report/upload.html", context)

    def save_model(self, request: HttpRequest, obj: Report, form: forms.ModelForm, change: bool) -> None:
        """A text differs from the stored one only when an editor restores an older version from the
        History page: it goes through the import, so that its figures are extracted again."""
        stored = Report.objects.filter(pk=obj.pk).values_list("text", flat=True).first()
        if stored is None or stored == obj.text:
            super().save_model(request, obj, form, change)
            return
        if not request.user.has_perm("reports.replace_report_text"):
            raise PermissionDenied
        try:
            self._import(request, obj.source, Source(obj.text, _page_of(obj)),
                         gettext("text restored from its history"))
        except DuplicateReport as exc:
            self.message_user(request, str(exc), messages.ERROR)

    def _import(self, request: HttpRequest, source: str, document: Source, reason: str) -> ImportResult:
        result = save_extracted(source, extract(document.text, document.meta), reason=reason)
        self.message_user(
            request,
            gettext("%(source)s imported (%(status)s): %(n)d figures to review.")
            % {"source": result.report.source, "status": result.status, "n": result.figures},
            messages.SUCCESS,
        )
        return result


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "synonyms"]
    prepopulated_fields = {"slug": ["name"]}
    exclude = ["search_key"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["official", "title", "unit", "report"]
    list_select_related = ["official", "unit", "report"]
    search_fields = ["official__name_key", "title"]
    autocomplete_fields = ["official", "unit", "report"]
