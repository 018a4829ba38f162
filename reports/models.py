from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from units.models import Unit


class Report(models.Model):
    source = models.CharField(_("source file"), max_length=255, unique=True)
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(max_length=255, unique=True)
    event_date = models.DateField(_("event date"), null=True, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    url = models.URLField(_("source URL"), max_length=500, blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_about",
        verbose_name=_("unit reported on"),
    )
    # The file decoded as UTF-8 and normalised to NFC, nothing stripped: metric offsets point here.
    text = models.TextField(_("text"))
    content_hash = models.CharField(_("SHA-256 of the text"), max_length=64)
    extractor_version = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-event_date", "source"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.slug])

    def segments(self, metrics: list[Metric]) -> list[tuple[str, Metric | None]]:
        """The text cut into plain pieces and figures, in order, for highlighting."""
        pieces: list[tuple[str, Metric | None]] = []
        pos = 0
        for metric in sorted(metrics, key=lambda m: m.start):
            if metric.needs_review or metric.start < pos:
                continue
            pieces.append((self.text[pos : metric.start], None))
            pieces.append((self.text[metric.start : metric.end], metric))
            pos = metric.end
        pieces.append((self.text[pos:], None))
        return pieces


class MetricQuerySet(models.QuerySet["Metric"]):
    def public(self) -> MetricQuerySet:
        """What readers see: everything but the figures an editor rejected."""
        return self.exclude(status=Metric.Status.REJECTED)

    def reviewed(self) -> MetricQuerySet:
        return self.exclude(status=Metric.Status.NEW)

    def verified(self) -> MetricQuerySet:
        return self.filter(status__in=[Metric.Status.VERIFIED, Metric.Status.CORRECTED])


class Metric(models.Model):
    """A figure in a report.

    The value fields are what readers see. The import writes them together with `extracted`, a
    snapshot of what the extractor read; once an editor has reviewed the figure (`status` is no
    longer NEW) the import never writes them again, so a correction survives every re-import and
    the original reading stays beside it.
    """

    class Kind(models.TextChoices):
        COUNT = "count", _("count")
        PERCENT = "percent", _("percent")
        RATIO = "ratio", _("ratio")
        MONEY = "money", _("money")
        DURATION = "duration", _("duration")
        RANK = "rank", _("rank")
        QUANTITY = "quantity", _("quantity")

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exact")
        APPROX = "approx", _("approximately")
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")

    class Change(models.TextChoices):
        INCREASE = "increase", _("increase")
        DECREASE = "decrease", _("decrease")

    class Status(models.TextChoices):
        NEW = "new", _("not reviewed")
        VERIFIED = "verified", _("verified")
        CORRECTED = "corrected", _("corrected")
        REJECTED = "rejected", _("rejected")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="metrics", verbose_name=_("report"))
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="metrics", verbose_name=_("unit")
    )
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    figure = models.CharField(_("figure as written"), max_length=100)
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4)
    value_max = models.DecimalField(_("upper value"), max_digits=24, decimal_places=4, null=True, blank=True)
    total = models.DecimalField(_("out of"), max_digits=24, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=24, decimal_places=4, null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COUNT)
    measure = models.CharField(_("measure"), max_length=255, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices, blank=True)
    sentence = models.TextField(_("sentence"))
    confidence = models.FloatField(_("confidence"), default=0.5)
    extracted = models.JSONField(_("as extracted"), default=dict, editable=False)
    status = models.CharField(_("review status"), max_length=10, choices=Status.choices, default=Status.NEW)
    # Set by a re-import when the text changed and this reviewed figure's sentence is gone.
    needs_review = models.BooleanField(_("needs review"), default=False)

    objects = MetricQuerySet.as_manager()

    class Meta:
        ordering = ["report", "start"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            # One figure per span of a report's text; a reviewed figure whose sentence left the
            # text keeps its old offsets, which no longer count.
            models.UniqueConstraint(
                fields=["report", "start", "end"], condition=Q(needs_review=False), name="metric_span_once"
            ),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="metric_span_not_empty"),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="metric_confidence_0_1"),
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.measure}".strip()

    def get_absolute_url(self) -> str:
        return reverse("reports:metric_detail", args=[self.pk])

    @property
    def is_verified(self) -> bool:
        return self.status in {self.Status.VERIFIED, self.Status.CORRECTED}
