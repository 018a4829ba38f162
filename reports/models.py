from __future__ import annotations

import logging
import operator
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import reduce
from typing import Any, cast
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.core.cache import cache
from django.db import DataError, connections, models, transaction
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_update_with_history

from common.paths import page_url
from reports.extraction.figures import qualifier_as_written
from reports.extraction.glossary import search_key
from reports.extraction.query import Query, words
from reports.extraction.text import squeeze
from units.models import Official, Province, Unit, merging, provinces_named_in

FIGURE_COUNTS_SECONDS = 300
# How many of the newest figures MetricQuerySet.newest looks through first.
NEWEST_REACH = 1000
# Words shown either side of a figure in tables (Metric.context).
CONTEXT_WORDS = 6
# How a change, and a qualifier the sentence has no words for before the figure ("100 đối tượng
# trở lên"), read before a figure: in Vietnamese, as the figure itself is.
QUALIFIER_WORDS = {"approx": "khoảng", "at_least": "từ", "at_most": "đến"}
CHANGE_WORDS = {"increase": "tăng", "decrease": "giảm"}
# Nouns a count's measure starts with that are whole on their own ("vụ phạm tội"); other measures
# start with a two-word noun ("đối tượng", "bị can"): Metric.counted_as.
ONE_WORD_HEADS = {"vụ", "người", "xã", "lượt", "chiếc", "kg", "tấn", "lít", "ha", "viên", "bánh", "khẩu", "cây", "con",
                  "tỷ", "triệu", "cuộc", "lần", "điểm", "hộ", "km"}
# A long report's page shows its text a part of about this many characters at a time.
TEXT_PART = 50_000
audit = logging.getLogger("chiso.audit")


def index_words(model: type[models.Model], texts: dict[int, str], using: str = "default") -> None:
    """Fill the full-text index column (`search_vector`, PostgreSQL) of these rows from their texts'
    folded words, the same words a Query matches. SQLite has no such index: it matches the text."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not texts:
        return
    rows = ", ".join(["(%s::bigint, %s)"] * len(texts))
    sql = (f"UPDATE {model._meta.db_table} AS t SET search_vector = to_tsvector('simple', v.words) "
           f"FROM (VALUES {rows}) AS v(id, words) WHERE t.id = v.id")
    folded = {pk: words(text) for pk, text in texts.items()}
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(sql, [x for pk, found in folded.items() for x in (pk, " ".join(found))])
    except DataError:
        # Over a tsvector's 1 MB (a huge text of many words): each word once, without positions
        # (its words are found, its phrases only by the words in them).
        with connection.cursor() as cursor:
            cursor.execute(sql, [x for pk, found in folded.items() for x in (pk, " ".join(dict.fromkeys(found)))])


def _words_match(query: Query, fields: list[str], model: type[models.Model], using: str, indexed: bool = True) -> Q:
    """Rows whose `fields` hold every term of the query: PostgreSQL reads its full-text index
    (`search_vector`, kept by index_words over the same fields), SQLite the query's expressions.
    A query without words ("%") matches nothing. With `indexed` off, PostgreSQL tests each row
    instead of reading the index, for a few rows picked by another index."""
    if not query:
        return Q(pk__in=[])
    if connections[using].vendor == "postgresql":
        if not indexed:
            column = f'"{model._meta.db_table}"."search_vector"'
            tested = RawSQL(f"({column} || ''::tsvector) @@ to_tsquery('simple', %s)", [query.tsquery()],
                            output_field=models.BooleanField())
            return Q(tested)
        return Q(search_vector=SearchQuery(query.tsquery(), search_type="raw", config="simple"))
    terms = [reduce(operator.or_, (Q(**{f"{field}__iregex": pattern}) for field in fields))
             for pattern in query.patterns()]
    return reduce(operator.and_, terms, Q())


class _SearchVectorDeferred(models.Manager):
    """Rows without their full-text index column (`search_vector`), which only the database's
    search reads: a report's is as large as its text."""

    def get_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset().defer("search_vector")


class ReportQuerySet(models.QuerySet["Report"]):
    def ranked(self, n: int) -> list[Report]:
        """The first n of these search results (ReportQuerySet.search): those whose title holds
        the words, then the newest; looked for among the newest NEWEST_REACH // 10 reports first."""
        newest = Report.objects.order_by("-event_date", "source").values_list("pk", flat=True)[:NEWEST_REACH // 10]
        return _newest_first(self.order_by("-rank", "-event_date", "pk"), newest, n)

    def search(self, text: str) -> ReportQuerySet:
        """What one search finds among reports: those whose title or text hold every word of the
        query, those about a unit it names (a province's police too) and those naming a unit or an
        official it names; each with its `rank`: 1 where the title itself holds the words."""
        query = Query.parse(text)
        units = list(Unit.objects.search(text).values_list("pk", flat=True))
        officials = list(Official.objects.search(text).values_list("pk", flat=True))
        named = Mention.objects.filter(Q(unit__in=units) | Q(official__in=officials)).values("report")
        in_words = _words_match(query, ["title", "text"], Report, self.db)
        found = self.filter(in_words | Q(unit__in=units) | Q(pk__in=named))
        if not query:
            return found.annotate(rank=Value(0))
        in_title = reduce(operator.and_, (Q(search_key__regex=pattern) for pattern in query.folded_patterns()))
        return found.annotate(rank=Case(When(in_title, then=Value(1)), default=Value(0)))


def _newest_first(rows: models.QuerySet[Any], newest: models.QuerySet[Any], n: int) -> list[Any]:
    """The first n of `rows` in their order, looking first among the `newest` rows (ids, in the
    same order): where many rows match, PostgreSQL cannot tell how many a search matches and
    would fetch every match to sort them; the newest hold the first n whenever n match there."""
    found = list(rows.filter(pk__in=list(newest))[:n])
    return found if len(found) == n else list(rows[:n])


class Report(models.Model):
    source = models.CharField(_("source file"), max_length=255, unique=True)
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(max_length=255, unique=True)
    event_date = models.DateField(_("event date"), null=True, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    url = models.URLField(_("source URL"), max_length=500, blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    published = models.DateField(_("published"), null=True, blank=True,
                                 help_text=_("When its outlet published it, as the page or file says."))
    site_name = models.CharField(_("outlet name"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_about",
        verbose_name=_("unit reported on"),
    )
    # The text never names its unit's province; the site that published it does (extraction's
    # UnitRef.from_outlet): the unit is inferred, and its figures less sure.
    unit_from_outlet = models.BooleanField(_("unit inferred from the outlet"), default=False)
    # The file decoded as UTF-8 and normalised to NFC, nothing stripped: metric offsets point here.
    text = models.TextField(_("text"))
    # Unique: the same text under two file names is one report (and two imports at once cannot
    # both save it).
    content_hash = models.CharField(_("SHA-256 of the text"), max_length=64, unique=True)
    search_key = models.TextField(editable=False, default="")
    # The title's and text's folded words, for full-text search on PostgreSQL (index_words).
    search_vector = SearchVectorField(null=True, editable=False)
    extractor_version = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = _SearchVectorDeferred.from_queryset(ReportQuerySet)()
    # Every text a report has had, so that one replaced by mistake can be seen and restored.
    history = HistoricalRecords(excluded_fields=["search_key", "search_vector"])

    class Meta:
        ordering = ["-event_date", "source"]
        indexes = [models.Index(fields=["-event_date", "source"], name="report_latest_first")]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        # Replacing a text drops the figures nobody has reviewed yet: more than adding a report.
        permissions = [("replace_report_text", _("Can replace a report's text"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return page_url("reports:report_detail", self.slug)

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = search_key(self.title)
        adding = self._state.adding
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        index_words(Report, {self.pk: f"{self.title}\n{self.text}"}, using=self._state.db or "default")
        if not adding:
            copy_report_date(self)

    @property
    def outlet(self) -> str:
        """Who published it: the outlet's own name, else its source URL's site ("bocongan.gov.vn"),
        or ""."""
        host = urlsplit(self.url).hostname or ""
        return self.site_name or host.removeprefix("www.")

    @property
    def period_label(self) -> str:
        """ "2024", "6 tháng đầu năm 2024", "Quý I/2024", or the dates."""
        start, end = self.period_start, self.period_end
        if start is None or end is None:
            return self.event_date.strftime("%d/%m/%Y") if self.event_date else ""
        months = (start.month, start.day, end.month, end.day)
        if start.year == end.year and start.day == 1 and end.month % 3 == 0 and end.day >= 28:
            if months[0] == 1 and end.month == 12:
                return str(start.year)
            if months[0] == 1 and end.month == 6:
                return gettext("first half of %(year)s") % {"year": start.year}
            if end.month - start.month == 2:
                quarter = "I II III IV".split()[(start.month - 1) // 3]
                return gettext("quarter %(quarter)s/%(year)s") % {"quarter": quarter, "year": start.year}
        return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"

    def parts(self) -> list[tuple[int, int]]:
        """The text cut into parts of about TEXT_PART characters, each ending at a line end, so
        that a long report is shown a part at a time: (start, end) offsets."""
        bounds, start = [], 0
        while start < len(self.text):
            end = self.text.find("\n", start + TEXT_PART) + 1 or len(self.text)
            if end - start > 2 * TEXT_PART:  # no line end for long: cut at a space
                end = self.text.find(" ", start + TEXT_PART) + 1 or len(self.text)
            bounds.append((start, end))
            start = end
        return bounds or [(0, 0)]

    def segments(self, metrics: list[Metric], mentions: list[Mention], start: int = 0, end: int | None = None
                 ) -> list[Segment]:
        """text[start:end] cut into plain pieces, figures and names, in order, for highlighting.

        A figure wins over a name it overlaps; a flagged figure's offsets no longer hold."""
        end = len(self.text) if end is None else end
        marks = [(m.start, m.end, Segment("", metric=m)) for m in metrics if not m.needs_review]
        marks += [(m.start, m.end, Segment("", unit=m.unit, official=m.official)) for m in mentions]
        pieces, pos = [], start
        for at, until, segment in sorted(marks, key=lambda mark: (mark[0], mark[2].metric is None)):
            if at < pos or until > end:
                continue
            pieces += [Segment(self.text[pos:at]), replace(segment, text=self.text[at:until])]
            pos = until
        return [*pieces, Segment(self.text[pos:end])]


@dataclass(frozen=True)
class Segment:
    text: str
    metric: Metric | None = None
    unit: Unit | None = None
    official: Official | None = None


class Position(models.Model):
    """A title an official held, as one report states it."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("title"), max_length=255)
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="positions", verbose_name=_("unit")
    )
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="positions", verbose_name=_("report"))
    rank = models.CharField(_("rank stated"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "units_position"  # made by units before it moved here (units 0008, reports 0019)
        ordering = ["report__event_date", "report_id", "order"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            # A report states each of a person's titles once.
            models.UniqueConstraint(fields=["official", "report", "title"], name="position_once_per_report"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.unit_label}".strip()

    @property
    def unit_label(self) -> str:
        """What follows the title, linked to its unit: the unit's name, or, for a civilian body the
        title already names ("Bí thư Tỉnh ủy"), only its province ("Nghệ An") or nothing."""
        if self.unit is None:
            return ""
        if self.unit.kind == Unit.Kind.OTHER:
            return self.unit.province.name if self.unit.province_id and self.unit.province else ""
        return self.unit.name


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def with_figure_counts(self) -> IndicatorQuerySet:
        """Each with `n_metrics`, its public figures. Counting a million figures by indicator takes
        longer than a page, so the counts are kept for a few minutes."""
        counts = cast(dict[int, int], cache.get_or_set("indicator-figure-counts", _figures_by_indicator,
                                                      FIGURE_COUNTS_SECONDS))
        return self.annotate(n_metrics=Case(*(When(pk=pk, then=Value(n)) for pk, n in counts.items()), default=0))

    def matcher(self) -> Callable[[str], Indicator | None]:
        """A function giving the indicator a measure names: the one with the longest synonym
        found in the measure, whole words only, case and diacritics ignored."""
        synonyms = sorted(
            ((f" {key} ", indicator) for indicator in self for key in indicator.keys()),
            key=lambda pair: len(pair[0]),
            reverse=True,
        )

        def match(measure: str) -> Indicator | None:
            padded = f" {search_key(measure)} "
            return next((indicator for key, indicator in synonyms if key in padded), None)

        return match


def _figures_by_indicator() -> dict[int, int]:
    public = Metric.objects.public().exclude(indicator=None).order_by().values("indicator")
    return dict(public.annotate(n=Count("pk")).values_list("indicator", "n"))


class Indicator(models.Model):
    """A canonical measure, so that figures of different units and periods can be compared."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(max_length=255, unique=True)
    synonyms = models.TextField(
        _("synonyms"), blank=True, help_text=_("Other wordings and abbreviations met in the texts, one per line.")
    )
    description = models.TextField(_("description"), blank=True)
    search_key = models.TextField(editable=False, default="")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_url("reports:indicator_detail", self.slug)

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = search_key(self.name, *self.synonyms.splitlines())
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    def keys(self) -> list[str]:
        """The folded names this indicator goes by, abbreviations spelled out too."""
        return [key for s in [self.name, *self.synonym_list()] for key in search_key(s).split(" | ") if key]


class Mention(models.Model):
    """Where a report's text names a unit or an official, for linking them in the text."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions")
    official = models.ForeignKey(Official, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions")

    class Meta:
        ordering = ["report", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, official__isnull=True) | Q(unit__isnull=True, official__isnull=False),
                name="mention_names_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return str(self.unit or self.official)


# Copied values ---------------------------------------------------------------------------------
# Three values are copied for speed: a figure's province (its unit's), a figure's date (its
# report's) and a unit's count of public figures. Each has one owner below, which every writer
# calls (tests/test_stored_counts_and_dates.py checks them after each writer).


def unit_province(unit: Unit | None) -> int | None:
    """The province a figure of this unit carries."""
    return unit.province_id if unit else None


def copy_unit_province(unit: Unit) -> None:
    """Figures carry their unit's province, for filtering without a join."""
    Metric.objects.filter(unit=unit).exclude(province=unit.province).update(province=unit.province)


def copy_report_date(report: Report) -> None:
    """Figures carry their report's date, for ordering from their own index."""
    report.metrics.exclude(event_date=report.event_date).update(event_date=report.event_date)


def recount_figures(unit_ids: Iterable[int | None]) -> None:
    """Store these units' numbers of public figures (what the units list shows), counted anew."""
    units = Unit.objects.filter(pk__in={pk for pk in unit_ids if pk is not None})
    units.update(figure_count=Metric.objects.public().count_per("unit"))


def add_to_figure_counts(change: Counter[int | None]) -> None:
    """Move units' stored counts by what an import made public (+) or hid (-), in one UPDATE,
    rather than counting a million figures again."""
    change = Counter({pk: n for pk, n in change.items() if pk is not None and n})
    if change:
        by_unit = Case(*(When(pk=pk, then=Value(n)) for pk, n in change.items()), output_field=models.IntegerField())
        Unit.objects.filter(pk__in=[pk for pk in change if pk is not None]).update(
            figure_count=F("figure_count") + by_unit
        )


@receiver(post_save, sender=Unit, dispatch_uid="copy-unit-province")
def _unit_saved(sender: Any, instance: Unit, created: bool, update_fields: Any = None, **kwargs: Any) -> None:
    if not created and (update_fields is None or "province" in update_fields):  # a new unit has no figures
        copy_unit_province(instance)


@receiver(merging, sender=Unit, dispatch_uid="merge-unit-figures")
def _unit_merging(sender: Any, merged: Unit, kept: Unit, **kwargs: Any) -> None:
    """A merged unit's figures move with their history; then both counts are counted anew."""
    Metric.objects.move_to_unit(merged.metrics.all(), kept)


@receiver(merging, sender=Official, dispatch_uid="merge-official-positions")
def _official_merging(sender: Any, merged: Official, kept: Official, **kwargs: Any) -> None:
    """A report states each of a person's titles once: the merged record's copy of a title the
    kept one holds from the same report goes."""
    held = [Q(report_id=report, title=title) for report, title in kept.positions.values_list("report_id", "title")]
    if held:
        merged.positions.filter(reduce(operator.or_, held)).delete()


class MetricQuerySet(models.QuerySet["Metric"]):
    def public(self) -> MetricQuerySet:
        """What readers see: everything but the figures an editor rejected and those a re-import
        withdrew."""
        return self.exclude(status__in=Metric.GONE)

    def for_pages(self) -> MetricQuerySet:
        """Public figures with what their rows show (unit, report, indicator), without the report's
        full text."""
        return self.public().with_pages_fields()

    def for_charts(self) -> MetricQuerySet:
        """Public figures with what a chart of one unit's figures shows: their report and indicator."""
        return self.public().with_report_fields().defer("sentence")

    def with_pages_fields(self) -> MetricQuerySet:
        return self.with_report_fields().select_related("unit")

    def with_report_fields(self) -> MetricQuerySet:
        """With their report (without its text) and indicator. A unit's own figures, read through
        `unit.metrics`, need no more: each is given the unit it was read through."""
        return self.select_related("report", "indicator").defer(
            "report__text", "report__search_key", "report__search_vector", "extracted"
        )

    def count_per(self, field: str) -> Coalesce:
        """How many of these figures each outer row has through `field` ("report", "unit"), as a
        subquery: counted for the rows of one page only, where a join with GROUP BY would count
        every figure in the table."""
        rows = self.filter(**{field: OuterRef("pk")}).order_by().values(field)
        return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)

    def latest_first(self) -> MetricQuerySet:
        """The newest reports' figures first, each report's in text order (an index's order)."""
        return self.order_by("-event_date", "report_id", "start")

    def reviewed(self) -> MetricQuerySet:
        return self.filter(status__in=Metric.REVIEWED)

    def verified(self) -> MetricQuerySet:
        return self.filter(status__in=Metric.CHECKED)

    def unverified(self) -> MetricQuerySet:
        return self.exclude(status__in=Metric.CHECKED)

    def search_newest(self, text: str, n: int) -> list[Metric]:
        """The n newest figures a search finds. PostgreSQL cannot tell how many figures a search
        matches (its words are syllables that come together, so it counts them rare), and would
        fetch every match to sort them: the NEWEST_REACH newest public figures are tested first,
        which hold the n newest matches whenever n of them are there."""
        newest = list(Metric.objects.public().latest_first().values_list("pk", flat=True)[:NEWEST_REACH])
        found = list(self.search(text, among=newest).latest_first()[:n])
        return found if len(found) == n else list(self.search(text).latest_first()[:n])

    def search(self, text: str, among: list[int] | None = None) -> MetricQuerySet:
        """What one search finds among figures: those whose sentence or measure holds every word of
        the query, and those of a unit it names, or of a province it names (old or new name);
        only `among` these ids, if given (see search_newest)."""
        query = Query.parse(text)
        # Ids, not subqueries: each branch of the OR then reads its own index (a BitmapOr).
        units = list(Unit.objects.search(text).values_list("pk", flat=True))
        provinces = [pk for _, family in provinces_named_in(text) for pk in family]
        words = _words_match(query, ["sentence", "measure"], Metric, self.db, indexed=among is None)
        found = self.filter(words | Q(unit__in=units) | Q(province__in=provinces))
        return found if among is None else found.filter(pk__in=among)

    def review_queue(self) -> MetricQuerySet:
        """Figures an editor has yet to look at, or must look at again, least certain first."""
        return self.filter(Q(status=Metric.Status.NEW) | Q(needs_review=True)).order_by("confidence", "pk")

    def set_status(self, status: str, user: Any, reason: str = "") -> int:
        """Verify or reject these figures in bulk, each change recorded in their history."""
        metrics = list(self)
        now = timezone.now()
        for metric in metrics:
            metric.status, metric.reviewed_by, metric.reviewed_at = status, user, now
            metric.needs_review = False
            metric.version += 1
        fields = ["status", "reviewed_by", "reviewed_at", "needs_review", "version"]
        bulk_update_with_history(metrics, Metric, fields, default_user=user, default_change_reason=reason or None)
        audit.info("%s set %d figures %s: %s", user, len(metrics), status, " ".join(str(m.pk) for m in metrics))
        recount_figures(m.unit_id for m in metrics)
        return len(metrics)

    def move_to_unit(self, metrics: models.QuerySet[Metric], unit: Unit) -> None:
        moved = list(metrics)
        units = {m.unit_id for m in moved} | {unit.pk}
        for metric in moved:
            metric.unit, metric.province_id = unit, unit_province(unit)
        bulk_update_with_history(moved, Metric, ["unit", "province"], default_change_reason="units merged")
        recount_figures(units)


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
        # No longer read in its report's text (its sentence was removed or rewritten): kept, so
        # that its address still says what it was.
        WITHDRAWN = "withdrawn", _("withdrawn")

    GONE = [Status.REJECTED, Status.WITHDRAWN]
    # What an editor may correct.
    CORRECTABLE = ["value", "value_max", "total", "target", "kind", "measure", "qualifier", "change", "unit",
                   "indicator"]
    REVIEWED = [Status.VERIFIED, Status.CORRECTED, Status.REJECTED]
    # Verified or corrected by an editor: what the pages and the API call verified.
    CHECKED = [Status.VERIFIED, Status.CORRECTED]

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="metrics", verbose_name=_("report"))
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="metrics", verbose_name=_("unit"),
        db_index=False,  # metric_unit_latest starts with it
    )
    # The unit's province, copied here so that the commonest filters (province and kind) are
    # answered from one index, without a join.
    province = models.ForeignKey(
        Province, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False,
        db_index=False,  # metric_province_kind_date starts with it
    )
    # The report's date, copied here for the same reason: lists show the latest figures first,
    # and an index can give them in that order only from a column of this table.
    event_date = models.DateField(null=True, blank=True, editable=False)
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    figure = models.CharField(_("figure as written"), max_length=100)
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4)
    value_max = models.DecimalField(_("upper value"), max_digits=24, decimal_places=4, null=True, blank=True)
    total = models.DecimalField(_("out of"), max_digits=24, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=24, decimal_places=4, null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COUNT)
    measure = models.CharField(_("measure"), max_length=255, blank=True)
    measure_key = models.TextField(editable=False, default="")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="metrics", verbose_name=_("indicator")
    )
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices, blank=True)
    sentence = models.TextField(_("sentence"))
    # Where in the sentence the figure stands, so that it is marked there and nowhere else
    # ("đứng thứ 2" in a sentence about 2024). Empty for figures imported before it was kept.
    sentence_offset = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The sentence's and measure's folded words, for full-text search on PostgreSQL (index_words).
    search_vector = SearchVectorField(null=True, editable=False)
    confidence = models.FloatField(_("confidence"), default=0.5)
    extracted = models.JSONField(_("as extracted"), default=dict, editable=False)
    status = models.CharField(_("review status"), max_length=10, choices=Status.choices, default=Status.NEW)
    # Set by a re-import when the text changed and this reviewed figure's sentence is gone.
    needs_review = models.BooleanField(_("needs review"), default=False)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )
    # Raised by every editor's save: a form that saw an older version may not overwrite it.
    version = models.PositiveIntegerField(default=0)

    objects = _SearchVectorDeferred.from_queryset(MetricQuerySet)()
    history = HistoricalRecords(
        excluded_fields=["sentence", "sentence_offset", "measure_key", "extracted", "report", "province", "event_date",
                         "search_vector"]
    )

    class Meta:
        ordering = ["report", "start"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            # One figure per span of a report's text; a figure whose sentence left the text
            # (withdrawn, or reviewed and flagged) keeps its old offsets, which no longer count.
            models.UniqueConstraint(
                fields=["report", "start", "end"], condition=Q(needs_review=False) & ~Q(status="withdrawn"),
                name="metric_span_once",
            ),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="metric_span_not_empty"),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="metric_confidence_0_1"),
        ]
        indexes = [
            # Latest first (MetricQuerySet.latest_first): all figures, ...
            models.Index(fields=["-event_date", "report", "start"], name="metric_latest_first"),
            # ... one province's of one kind (the commonest filter pair), covering the columns the
            # list's facets and count read, for index-only scans (PostgreSQL), ...
            models.Index(
                fields=["province", "kind", "-event_date"], include=["status", "change", "indicator", "id"],
                name="metric_province_kind_date",
            ),
            # ... and one unit's (its page).
            models.Index(fields=["unit", "-event_date"], name="metric_unit_latest"),
            # ... and the reports that count one unit's figures, read from the index alone (its page).
            models.Index(fields=["unit", "report"], name="metric_unit_report"),
            # Other filter pairs.
            models.Index(fields=["kind", "change"], name="metric_kind_change"),
            models.Index(fields=["indicator", "kind"], name="metric_indicator_kind"),
            # The review queue (MetricQuerySet.review_queue) in its order: only its figures, and
            # the few flagged to look at again.
            models.Index(
                fields=["confidence", "id"], condition=Q(status="new") | Q(needs_review=True),
                name="metric_review_queue",
            ),
            models.Index(fields=["confidence", "id"], condition=Q(needs_review=True), name="metric_needs_review"),
            # The largest (or smallest) first: of every kind, and of one kind, whose values alone
            # compare (a planner walking the first for one kind may read most of the table).
            models.Index(fields=["value"], name="metric_value"),
            models.Index(fields=["kind", "value"], name="metric_kind_value"),
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.measure}".strip()

    def save(self, *args: object, **kwargs: object) -> None:
        self.measure_key = search_key(self.measure)
        self.province_id = unit_province(self.unit)
        if self._state.adding:
            self.event_date = self.report.event_date
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "measure_key", "province"}  # type: ignore[misc]
        # A new unit or status changes the figure counts of the units involved.
        recount = update_fields is None or bool({"unit", "status"} & set(update_fields))  # type: ignore[call-overload]
        before = None
        if recount and not self._state.adding:
            before = Metric.objects.filter(pk=self.pk).values_list("unit_id", flat=True).first()
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        if update_fields is None or "measure" in update_fields:  # type: ignore[operator]
            index_words(Metric, {self.pk: self.search_text()}, using=self._state.db or "default")
        if recount:
            recount_figures([before, self.unit_id])

    def get_absolute_url(self) -> str:
        return page_url("reports:metric_detail", self.pk)

    def correct(self, editor: Any, changed: Iterable[str], reason: str = "") -> None:
        """Save an editor's work on this figure, its fields already set: a change to a value makes
        it corrected (unless rejected), any review is signed and dated and clears a re-import's
        flag, and the version moves on so that a form that saw the old one cannot overwrite it."""
        changed = set(changed)
        corrected = bool(changed & set(self.CORRECTABLE))
        if corrected and self.status in {self.Status.NEW, self.Status.VERIFIED}:
            self.status = self.Status.CORRECTED
        if corrected or "status" in changed:
            self.reviewed_by, self.reviewed_at, self.needs_review = editor, timezone.now(), False
        self.version += 1
        self._change_reason = reason or None  # read by django-simple-history
        self.save()

    def search_text(self) -> str:
        """What a search of figures reads: the sentence and the measure."""
        return f"{self.sentence}\n{self.measure}"

    def as_written(self) -> str:
        """The figure with its qualifier and change, as a reader would say it: "hơn 3.000",
        "giảm 7,73%". The qualifier's own words where the sentence has them before the figure."""
        before = self.sentence_parts()[0]
        qualifier = ""
        if self.qualifier != self.Qualifier.EXACT:
            # A figure in words ("hàng trăm") carries its own.
            fallback = QUALIFIER_WORDS[self.qualifier] if self.figure[:1].isdigit() else ""
            qualifier = qualifier_as_written(before) or fallback
        change = CHANGE_WORDS[self.change] if self.change else ""
        return " ".join(part for part in [change, qualifier, self.figure] if part)

    @property
    def unit_from_outlet(self) -> bool:
        """Whether the figure's unit is its report's, inferred from the outlet (Report.unit_from_outlet)."""
        return self.report.unit_from_outlet and self.unit_id == self.report.unit_id

    def counted_as(self) -> str:
        """What a count counts, for comparing like with like: the head of its measure ("vụ",
        "đối tượng"); "%" for a percent, "đồng" for money, "" for other kinds."""
        if self.kind == self.Kind.PERCENT:
            return "%"
        if self.kind == self.Kind.MONEY:
            return "đồng"
        if self.kind not in {self.Kind.COUNT, self.Kind.QUANTITY}:
            return ""
        words = self.measure.lower().replace(",", " ").split()
        return " ".join(words[:1] if words[:1] and words[0] in ONE_WORD_HEADS else words[:2])

    def context(self, words: int = CONTEXT_WORDS) -> tuple[str, str, str]:
        """A few words either side of the figure in its sentence, to tell like rows apart:
        (before, figure, after), cut words marked with "…"."""
        before, written, after = self.sentence_parts()
        if not written:
            return "", "", " ".join(self.sentence.split()[:2 * words]) + "…"
        head, tail = before.split(), after.split()
        shown_before = ("… " if len(head) > words else "") + " ".join(head[-words:] if words else [])
        shown_after = " ".join(tail[:words]) + (" …" if len(tail) > words else "")
        space_before = " " if before[-1:].isspace() else ""
        space_after = " " if after[:1].isspace() else ""
        return shown_before + space_before, written, space_after + shown_after

    def sentence_parts(self) -> tuple[str, str, str]:
        """The sentence cut around the figure where it stands, for marking it."""
        written = squeeze(self.figure)
        at = self.sentence_offset
        if at is None or self.sentence[at:at + len(written)] != written:
            at = self.sentence.find(written)  # imported before the offset was kept
        if at < 0:
            return self.sentence, "", ""
        return self.sentence[:at], written, self.sentence[at + len(written):]

    def status_reason(self) -> str:
        """Why the figure has its status: the reason given when it took it (the oldest of its
        latest history records with this status), or ""."""
        reason = ""
        for status, given in self.history.order_by("-history_date").values_list("status", "history_change_reason"):
            if status != self.status:
                break
            reason = given or ""
        return reason

    @property
    def is_verified(self) -> bool:
        return self.status in self.CHECKED

    def corrections(self) -> list[tuple[str, object, object]]:
        """(field name, as extracted, now) for each value an editor changed."""
        changed: list[tuple[str, object, object]] = []
        for field in ["value", "value_max", "total", "target", "kind", "measure", "qualifier", "change"]:
            now, before = getattr(self, field), self.extracted.get(field)
            if isinstance(now, Decimal) or field in {"value", "value_max", "total", "target"}:
                before = Decimal(before) if before not in (None, "") else None
                same = (before is None and now is None) or (before is not None and now is not None and before == now)
            else:
                same = (before or "") == (now or "")
            if not same:
                changed.append((str(self._meta.get_field(field).verbose_name), before, now))  # type: ignore[union-attr]  # a concrete field
        unit = self.unit.name if self.unit else None
        if self.extracted.get("unit", unit) != unit:
            changed.append((str(_("unit")), self.extracted.get("unit"), unit))
        return changed


class MetricToReview(Metric):
    """The review queue in the admin: the same figures, seen from an editor's to-do list."""

    class Meta:
        proxy = True
        verbose_name = _("figure to review")
        verbose_name_plural = _("review queue")
