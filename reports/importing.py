"""The one function that writes extracted data: `save_extracted`."""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Case, F, IntegerField, Max, Value, When
from simple_history.utils import bulk_create_with_history

from reports.extraction import EXTRACTOR_VERSION, resolve_unit
from reports.extraction.records import Extraction, Figure, OfficialMention, UnitRef
from reports.extraction.glossary import search_key
from reports.extraction.text import fold, slugify, squeeze
from reports.models import Indicator, Mention, Metric, Report, index_words
from units.models import Official, Position, Province, Unit, UnitAlias

UNNAMED_PROVINCIAL_KEY = fold("Công an tỉnh")
log = logging.getLogger("reports.importing")
# PostgreSQL's code for a transaction it rolled back to break a deadlock, and how often to try.
DEADLOCK = "40P01"
DEADLOCK_RETRIES = 3
# Figures written per INSERT (and held as rows at once).
METRIC_BATCH = 1000


class DuplicateReport(ValueError):
    """The same text was already imported under another file name."""


@dataclass(frozen=True)
class ImportResult:
    report: Report
    status: str  # "new", "updated", "unchanged" or "elsewhere" (by an import running at the same time)
    figures: int = 0
    units_created: int = 0
    officials_created: int = 0


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Lookups:
    """What the files of one import run share: the units and officials already found or created
    and the indicators, so that each is looked up once per run rather than once per file."""

    def __init__(self) -> None:
        self.units: dict[tuple[str, str | None], Unit] = {}
        self.officials: dict[str, Official] = {}
        self.indicator_for = Indicator.objects.matcher()

    def forget(self) -> None:
        """Drop the units and officials found so far: after a rollback some may not exist."""
        self.units.clear()
        self.officials.clear()


def save_extracted(
    source: str, extraction: Extraction, lookups: Lookups | None = None, reason: str = "import"
) -> ImportResult:
    """Write one report and everything extracted from it, in one transaction.

    Idempotent: the same text (read by the same extractor version) changes nothing. A changed
    text replaces the report's extracted data, except figures an editor has reviewed, which keep
    their values; a reviewed figure whose sentence is gone is flagged for review, not deleted.
    Pass the same `lookups` for every file of a run (it is emptied if this file fails, since what
    it created is rolled back). `reason` goes into the report's history.

    Imports running side by side move the same units' figure counts; when PostgreSQL breaks a
    deadlock between two of them by rolling one back, that one is written again, as a whole.
    """
    lookups = lookups or Lookups()
    attempt = 1
    while True:
        try:
            with transaction.atomic():
                return _save(source, extraction, lookups, reason)
        except OperationalError as exc:
            lookups.forget()
            if getattr(exc.__cause__, "sqlstate", None) != DEADLOCK or attempt == DEADLOCK_RETRIES:
                raise
            attempt += 1
            log.info("%s: deadlock with another import, writing it again (attempt %d)", source, attempt)
        except BaseException:
            lookups.forget()
            raise


def _save(source: str, extraction: Extraction, lookups: Lookups, reason: str) -> ImportResult:
    digest = content_hash(extraction.text)
    report = Report.objects.select_for_update().defer("text").filter(source=source).first()
    if report and report.content_hash == digest and report.extractor_version == EXTRACTOR_VERSION:
        return ImportResult(report, "unchanged")
    _refuse_twin(digest, source)

    new = report is None
    units = _Units(source, lookups.units)
    try:
        with transaction.atomic():
            report = _save_report(report, source, digest, extraction, units, reason)
    except IntegrityError:
        # A concurrent import saved this file, or the same text under another name, a moment ago.
        _refuse_twin(digest, source)
        done = Report.objects.defer("text").filter(source=source).first()
        if done is None:
            raise
        lookups.forget()  # units made in the rolled-back savepoint are gone
        return ImportResult(done, "elsewhere")
    officials, officials_created = _save_positions(report, extraction.officials, units, lookups.officials, new)
    _save_mentions(report, extraction, units, officials, new)
    figures = _save_metrics(report, extraction, units, lookups.indicator_for, new)
    return ImportResult(report, "new" if new else "updated", figures, units.created, officials_created)


def _refuse_twin(digest: str, source: str) -> None:
    twin = Report.objects.filter(content_hash=digest).exclude(source=source).values_list("source", flat=True).first()
    if twin:
        raise DuplicateReport(f"same text as {twin}, already imported")


def _save_report(
    report: Report | None, source: str, digest: str, extraction: Extraction, units: _Units, reason: str
) -> Report:
    meta = extraction.meta
    report = report or Report(source=source, slug=_unique_slug(Report, source.rsplit(".", 1)[0]))
    report.title = meta.title[:500]
    report.event_date = meta.event_date
    report.period_start = meta.period_start
    report.period_end = meta.period_end
    report.url = _source_url(meta.url, source)
    report.author = meta.author or ""
    report.text = extraction.text
    report.content_hash = digest
    report.extractor_version = EXTRACTOR_VERSION
    report.unit = units.get(extraction.unit)
    report._change_reason = reason  # read by django-simple-history
    report.save()
    for ref in extraction.units:
        units.get(ref)
    return report


def _source_url(url: str | None, source: str) -> str:
    """The source URL a text names, if it is one a reader can follow: http(s), well formed and
    short enough to store. Anything else is dropped with a warning; it never fails the file."""
    if not url:
        return ""
    limit = Report._meta.get_field("url").max_length
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        log.warning("%s: source URL dropped (not a valid http(s) address): %.100s", source, url)
        return ""
    if len(url) > limit:
        log.warning("%s: source URL dropped (over %d characters): %.100s…", source, limit, url)
        return ""
    return url


def _save_positions(
    report: Report, mentions: tuple[OfficialMention, ...], units: _Units, known: dict[str, Official], new: bool
) -> tuple[dict[str, Official], int]:
    """Officials by folded name as written, and how many were new."""
    if not new:
        report.positions.all().delete()
    officials: dict[str, Official] = {}
    positions: dict[tuple[int, str], Position] = {}
    created = 0
    for mention in mentions:
        key = fold(mention.name)
        if key not in known:
            known[key], was_created = _official(mention)
            created += was_created
        official = officials[key] = known[key]
        if mention.rank and official.rank != mention.rank and _is_latest(official, report):
            official.rank = mention.rank
            official.save(update_fields=["rank"])
        for order, position in enumerate(mention.positions):
            positions.setdefault((official.pk, fold(position.title)), Position(
                official=official,
                title=position.title,
                unit=units.get(position.unit),
                report=report,
                rank=mention.rank or "",
                order=order,
            ))
    Position.objects.bulk_create(positions.values())
    return officials, created


def _official(mention: OfficialMention) -> tuple[Official, bool]:
    """The one record of this person, by name or by an alias an editor's merge left."""
    key = fold(mention.name)
    official = Official.objects.filter(aliases__name_key=key).first()
    if official:
        return official, False
    # get_or_create, not create: a concurrent import may be creating the same person.
    return Official.objects.get_or_create(
        name_key=key, defaults={"name": mention.name, "slug": _unique_slug(Official, mention.name),
                                "rank": mention.rank or ""}
    )


def _save_mentions(
    report: Report, extraction: Extraction, units: _Units, officials: dict[str, Official], new: bool
) -> None:
    if not new:
        report.mentions.all().delete()
    mentions = [Mention(report=report, start=u.start, end=u.end, unit=units.get(u)) for u in extraction.units]
    for mention in extraction.officials:
        start = extraction.text.find(mention.name, mention.start, mention.end)
        if start >= 0:
            official = officials[fold(mention.name)]
            mentions.append(Mention(report=report, start=start, end=start + len(mention.name), official=official))
    Mention.objects.bulk_create(m for m in mentions if 0 <= m.start < m.end)


def _is_latest(official: Official, report: Report) -> bool:
    """Whether `report` is at least as recent as every other report naming the official."""
    latest = official.positions.exclude(report=report).aggregate(latest=Max("report__event_date"))["latest"]
    return latest is None or report.event_date is None or report.event_date >= latest


def _save_metrics(
    report: Report, extraction: Extraction, units: _Units, indicator_for: Callable[[str], Indicator | None], new: bool
) -> int:
    added: Counter[int | None] = Counter()
    if not new:
        replaced = report.metrics.filter(status=Metric.Status.NEW)
        added.subtract(replaced.values_list("unit_id", flat=True))
        replaced.delete()
    # The spans reviewed figures were moved to: extracted figures never overlap, so a figure that
    # overlaps one of them is that very span.
    taken = set() if new else _relocate_reviewed(report, extraction)
    fresh = (f for f in extraction.figures if (f.start, f.end) not in taken)
    created = 0
    # In batches, so that a text with a hundred thousand figures never holds them all as rows.
    for batch in itertools.batched(fresh, METRIC_BATCH):
        metrics = []
        for figure in batch:
            unit = units.get(figure.unit)
            metrics.append(Metric(
                report=report,
                unit=unit,
                province_id=unit.province_id if unit else None,
                event_date=report.event_date,
                indicator=indicator_for(figure.measure),
                **_metric_fields(figure),
            ))
        bulk_create_with_history(metrics, Metric, batch_size=METRIC_BATCH, default_change_reason="import")
        index_words(Metric, {m.pk: m.search_text() for m in metrics})
        added.update(m.unit_id for m in metrics)
        created += len(metrics)
    _add_to_figure_counts(added)
    return created


def _add_to_figure_counts(change: Counter[int | None]) -> None:
    """Units' stored counts moved by the figures this import added and removed (all public: new
    figures, and replaced ones that nobody had reviewed), in one UPDATE."""
    change = Counter({pk: n for pk, n in change.items() if pk is not None and n})
    if change:
        by_unit = Case(*(When(pk=pk, then=Value(n)) for pk, n in change.items()), output_field=IntegerField())
        Unit.objects.filter(pk__in=change).update(figure_count=F("figure_count") + by_unit)


def _relocate_reviewed(report: Report, extraction: Extraction) -> set[tuple[int, int]]:
    """Move each reviewed figure to where its figure and sentence now stand in the text.

    Returns the spans they take, which new extractions must leave alone.
    """
    found: dict[tuple[str, str], list[Figure]] = {}
    for f in extraction.figures:
        found.setdefault((f.figure, squeeze(f.sentence)), []).append(f)
    taken: set[tuple[int, int]] = set()
    for metric in report.metrics.reviewed().order_by("start"):
        same = [f for f in found.get((metric.figure, squeeze(metric.sentence)), []) if (f.start, f.end) not in taken]
        match = min(same, key=lambda f: abs(f.start - metric.start), default=None)
        if match:
            metric.start, metric.end, metric.needs_review = match.start, match.end, False
            metric.sentence_offset = match.sentence_offset
            taken.add((match.start, match.end))
        else:
            metric.needs_review = True
        metric.save(update_fields=["start", "end", "sentence_offset", "needs_review"])
    return taken


def _metric_fields(figure: Figure) -> dict[str, Any]:
    fields = {
        "start": figure.start,
        "end": figure.end,
        "figure": figure.figure[:100],
        "value": figure.value,
        "value_max": figure.value_max,
        "total": figure.total,
        "target": figure.target,
        "kind": figure.kind,
        "measure": figure.measure[:255],
        "qualifier": figure.qualifier,
        "change": figure.change or "",
        "sentence": figure.sentence,
        "sentence_offset": figure.sentence_offset,
        "confidence": max(0.0, min(1.0, figure.confidence)),
    }
    extracted = {key: _json_value(fields[key]) for key in fields if key not in {"sentence", "sentence_offset"}}
    extracted["unit"] = figure.unit.name if figure.unit else None
    return {**fields, "extracted": extracted, "measure_key": search_key(figure.measure)}


def _json_value(value: object) -> object:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value


class _Units:
    """Finds or creates the Unit for each UnitRef of one report, once each per import run."""

    def __init__(self, source: str, known: dict[tuple[str, str | None], Unit]) -> None:
        self.source = source
        self.created = 0
        self._known = known

    def get(self, ref: UnitRef | None) -> Unit | None:
        if ref is None:
            return None
        name = ref.name
        if fold(name) == UNNAMED_PROVINCIAL_KEY:
            # "Công an tỉnh" with no province named: one unit per report until an editor
            # sets its province (and merges it with the province's police).
            name = f"{ref.name} (chưa rõ tỉnh, {self.source})"
        key = (fold(name), ref.surface)
        if key not in self._known:
            self._known[key] = self._find_or_create(ref, name)
        return self._known[key]

    def _find_or_create(self, ref: UnitRef, name: str) -> Unit:
        key = fold(name)
        unit = Unit.objects.filter(aliases__name_key=key).first()
        if unit is None:
            # get_or_create, not create: a concurrent import may be creating the same unit.
            unit, created = Unit.objects.get_or_create(
                name_key=key,
                defaults={
                    "name": name,
                    "slug": _unique_slug(Unit, name),
                    "kind": ref.kind,
                    "province": Province.objects.named(ref.province) if ref.province else None,
                    "parent": self.get(resolve_unit(ref.parent)) if ref.parent else None,
                },
            )
            self.created += created
        if unit.province_id is None and ref.province:
            # Fill in what is missing; never overwrite what an editor set.
            unit.province = Province.objects.named(ref.province)
            unit.save(update_fields=["province"])
        if ref.surface and fold(ref.surface) not in {unit.name_key, key}:
            UnitAlias.objects.get_or_create(name_key=fold(ref.surface), defaults={"unit": unit, "name": ref.surface})
        return unit


def _unique_slug(model: type[Report] | type[Unit] | type[Official], name: str) -> str:
    base = slugify(name)[:200] or "x"
    taken = set(model.objects.filter(slug__regex=rf"^{re.escape(base)}(-[0-9]+)?$").values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
