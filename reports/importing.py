"""The one function that writes extracted data: `save_extracted`."""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, OperationalError, models, transaction
from django.db.models import Case, F, Max, Value, When
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common.formats import plain_decimal
from reports.extraction import EXTRACTOR_VERSION, resolve_unit, sentences
from reports.extraction.glossary import search_key
from reports.extraction.records import Extraction, Figure, OfficialMention, UnitRef
from reports.extraction.text import fold, slugify
from reports.models import (
    Indicator,
    Mention,
    Metric,
    Position,
    Report,
    add_to_figure_counts,
    index_words,
    unit_province,
)
from units.models import Official, Province, Unit, UnitAlias, unit_key

UNNAMED_PROVINCIAL_KEY = fold("Công an tỉnh")
log = logging.getLogger("reports.importing")
# PostgreSQL's code for a transaction it rolled back to break a deadlock, and how often to try.
DEADLOCK = "40P01"
DEADLOCK_RETRIES = 3
# Figures written per INSERT (and held as rows at once).
METRIC_BATCH = 1000
# What the import writes as the reason for its changes, and why it withdrew a figure or flagged it,
# in the figures' history (their pages show it, translated).
IMPORTED = gettext_noop("import")
WITHDRAWN_SENTENCE = gettext_noop("its sentence is no longer in the report's text")
WITHDRAWN_READING = gettext_noop("its sentence is still in the report, but is no longer read as holding this figure")
FLAGGED = gettext_noop("re-import: its sentence is no longer in the report's text")
# What a re-import writes to a figure read again.
MATCHED_FIELDS = ["start", "end", "figure", "value", "value_max", "total", "target", "kind", "measure", "measure_key",
                  "qualifier", "change", "sentence_offset", "confidence", "extracted", "unit", "province", "indicator",
                  "status", "needs_review"]


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
        self.units: dict[tuple[str, str | None], Unit | None] = {}
        self.officials: dict[str, Official] = {}
        self.indicator_for = Indicator.objects.matcher()

    def forget(self) -> None:
        """Drop the units and officials found so far: after a rollback some may not exist."""
        self.units.clear()
        self.officials.clear()


def save_extracted(
    source: str, extraction: Extraction, lookups: Lookups | None = None, reason: str = IMPORTED
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
    extraction = _storable_figures(extraction, source)
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
    report.author = (meta.author or "")[:255]
    report.published = meta.published
    report.site_name = (meta.site_name or "")[:255]
    report.text = extraction.text
    report.content_hash = digest
    report.extractor_version = EXTRACTOR_VERSION
    report.unit = units.get(extraction.unit)
    report.unit_from_outlet = bool(extraction.unit and extraction.unit.from_outlet)
    report._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history
    report.save()
    for ref in extraction.units:
        units.get(ref)
    return report


def _source_url(url: str | None, source: str) -> str:
    """The source URL a text names, if it is one a reader can follow: http(s), well formed and
    short enough to store. Anything else is left out with a warning; it never fails the file."""
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        log.warning("%s: source URL left out (not a valid http(s) address): %.100s", source, url)
        return ""
    return url if _fits(Report, "url", url, source, "source URL") else ""


def _storable_figures(extraction: Extraction, source: str) -> Extraction:
    """The extraction without the figures whose values no column holds (21 digits are an account
    or a code, not a count): each left out with a warning; the file is written."""
    field = Metric._meta.get_field("value")
    limit = Decimal(10) ** (getattr(field, "max_digits", 0) - getattr(field, "decimal_places", 0)) - 1
    kept = []
    for found in extraction.figures:
        if any(value is not None and abs(value) >= limit
               for value in (found.value, found.value_max, found.total, found.target)):
            log.warning("%s: figure left out (a value of %s or more): %.100s", source, plain_decimal(limit),
                        found.figure)
        else:
            kept.append(found)
    return extraction if len(kept) == len(extraction.figures) else replace(extraction, figures=tuple(kept))


def _fits(model: type[models.Model], field: str, value: str, source: str, what: str) -> bool:
    """Whether `value` fits `model.field`. A name or title longer than that is none (a text whose
    spaces were lost gives one): it is left out with a warning, and never fails the file."""
    limit = getattr(model._meta.get_field(field), "max_length", None)
    if limit is None or len(value) <= limit:
        return True
    log.warning("%s: %s left out (over %d characters): %.100s…", source, what, limit, value)
    return False


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
        if not _fits(Official, "name", mention.name, report.source, "official"):
            continue
        key = fold(mention.name)
        if key not in known:
            known[key], was_created = _official(mention)
            created += was_created
        official = officials[key] = known[key]
        if mention.rank and official.rank != mention.rank and _is_latest(official, report):
            official.rank = mention.rank
            official.save(update_fields=["rank"])
        for order, position in enumerate(mention.positions):
            if not _fits(Position, "title", position.title, report.source, "position"):
                continue
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
    mentions = [Mention(report=report, start=u.start, end=u.end, unit=unit)
                for u in extraction.units if (unit := units.get(u))]  # none for a unit left out
    for mention in extraction.officials:
        start = extraction.text.find(mention.name, mention.start, mention.end)
        official = officials.get(fold(mention.name))  # none for a name left out
        if start >= 0 and official:
            mentions.append(Mention(report=report, start=start, end=start + len(mention.name), official=official))
    Mention.objects.bulk_create(m for m in mentions if 0 <= m.start < m.end)


def _is_latest(official: Official, report: Report) -> bool:
    """Whether `report` is at least as recent as every other report naming the official."""
    latest = official.positions.exclude(report=report).aggregate(latest=Max("report__event_date"))["latest"]
    return latest is None or report.event_date is None or report.event_date >= latest


def _save_metrics(
    report: Report, extraction: Extraction, units: _Units, indicator_for: Callable[[str], Indicator | None], new: bool
) -> int:
    """Write the report's figures, keeping the id (the address) of every figure read again.

    A figure already in the database is the same figure when it is read again in the same
    sentence at the same place in it: its offsets in the text move with it. One nobody reviewed
    takes what the extractor now reads; a reviewed one keeps its values. One no longer read is
    withdrawn if nobody reviewed it (kept, hidden, its address saying why), flagged for review if
    somebody did. Returns how many figures the text now has.
    """
    added: Counter[int | None] = Counter()
    matched: dict[int, Figure] = {}
    if not new:
        matched, unmatched = _match_figures(report, extraction)
        _apply_matches(report, matched, unmatched, units, indicator_for, added)
    taken = {(f.start, f.end) for f in matched.values()}
    fresh = (f for f in extraction.figures if (f.start, f.end) not in taken)
    # In batches, so that a text with a hundred thousand figures never holds them all as rows.
    for batch in itertools.batched(fresh, METRIC_BATCH):
        metrics = [Metric(report=report, event_date=report.event_date, **_metric_fields(f, units, indicator_for))
                   for f in batch]
        bulk_create_with_history(metrics, Metric, batch_size=METRIC_BATCH, default_change_reason=IMPORTED)
        index_words(Metric, {m.pk: m.search_text() for m in metrics})
        added.update(m.unit_id for m in metrics)
    add_to_figure_counts(added)
    return len(extraction.figures)


def _match_figures(report: Report, extraction: Extraction
                   ) -> tuple[dict[int, Figure], list[tuple[int, str, int | None]]]:
    """The report's figures (by id) read again in this extraction: the same figure as written,
    in the same sentence, at the same place in it; where the sentence comes more than once, the
    one nearest to where the figure stood. Figures imported before places in sentences were kept
    match by figure and sentence alone. And those not read again that still count (neither
    withdrawn nor flagged already): (id, status, unit id)."""
    by_place: dict[tuple[str, str, int | None], list[Figure]] = {}
    by_sentence: dict[tuple[str, str], list[Figure]] = {}
    for f in extraction.figures:
        by_place.setdefault((f.figure[:100], f.sentence, f.sentence_offset), []).append(f)
        by_sentence.setdefault((f.figure[:100], f.sentence), []).append(f)
    # Every figure the report ever had; those still public first, withdrawn ones come back too.
    withdrawn_last = Case(When(status=Metric.Status.WITHDRAWN, then=Value(1)), default=Value(0))
    rows = report.metrics.order_by(withdrawn_last, "start").values_list(
        "pk", "figure", "sentence", "sentence_offset", "start", "status", "needs_review", "unit_id"
    )
    matched: dict[int, Figure] = {}
    unmatched: list[tuple[int, str, int | None]] = []
    taken: set[tuple[int, int]] = set()
    for pk, written, sentence, offset, start, status, flagged, unit in rows.iterator(chunk_size=METRIC_BATCH):
        same = by_place.get((written, sentence, offset)) if offset is not None else by_sentence.get((written, sentence))
        free = [f for f in same or () if (f.start, f.end) not in taken]
        if free:
            match = min(free, key=lambda f: abs(f.start - start))
            matched[pk] = match
            taken.add((match.start, match.end))
        elif status != Metric.Status.WITHDRAWN and not flagged:
            unmatched.append((pk, status, unit))
    return matched, unmatched


def _apply_matches(
    report: Report, matched: dict[int, Figure], unmatched: list[tuple[int, str, int | None]], units: _Units,
    indicator_for: Callable[[str], Indicator | None], added: Counter[int | None],
) -> None:
    """Withdraw or flag the report's figures not read again, then move and update those that were
    (_save_metrics)."""
    if unmatched:
        said = sentences(report.text)
        for batch in itertools.batched(unmatched, METRIC_BATCH):
            _withdraw(Metric.objects.filter(pk__in=[pk for pk, _, _ in batch]), said)
            added.subtract(unit for _, status, unit in batch if status == Metric.Status.NEW)
    # Out of the way first: one figure per span is checked row by row, and a figure moving to where
    # another stood must not meet it there.
    park = len(report.text) + 1
    for ids in itertools.batched(matched, METRIC_BATCH):
        Metric.objects.filter(pk__in=ids).update(start=F("start") + park, end=F("end") + park)
    for ids in itertools.batched(matched, METRIC_BATCH):
        _update_matched(Metric.objects.filter(pk__in=ids), matched, units, indicator_for, added)


def _withdraw(metrics: models.QuerySet[Metric], said: set[str]) -> None:
    """Withdraw the figures nobody reviewed; flag the reviewed ones for an editor's eyes. `said`:
    the sentences of the report's text now."""
    rows = list(metrics)
    for metric in rows:
        removed = metric.sentence not in said
        if metric.status == Metric.Status.NEW:
            metric.status = Metric.Status.WITHDRAWN
            metric._change_reason = WITHDRAWN_SENTENCE if removed else WITHDRAWN_READING
        else:
            metric.needs_review = True
            metric._change_reason = FLAGGED
    bulk_update_with_history(rows, Metric, ["status", "needs_review"], default_change_reason=IMPORTED)


def _update_matched(
    metrics: models.QuerySet[Metric], matched: dict[int, Figure], units: _Units,
    indicator_for: Callable[[str], Indicator | None], added: Counter[int | None],
) -> None:
    rows, reindex = list(metrics), {}
    for metric in rows:
        figure = matched[metric.pk]
        if metric.status in Metric.REVIEWED:  # an editor's values stay
            metric.start, metric.end, metric.sentence_offset = figure.start, figure.end, figure.sentence_offset
            metric.needs_review = False
            continue
        if metric.status == Metric.Status.NEW:
            added[metric.unit_id] -= 1
        measure = metric.measure
        for field, value in _metric_fields(figure, units, indicator_for).items():
            setattr(metric, field, value)
        metric.status = Metric.Status.NEW
        added[metric.unit_id] += 1
        if metric.measure != measure:
            reindex[metric.pk] = metric.search_text()
    bulk_update_with_history(rows, Metric, MATCHED_FIELDS, default_change_reason=IMPORTED)
    index_words(Metric, reindex)


def _metric_fields(figure: Figure, units: _Units, indicator_for: Callable[[str], Indicator | None]
                   ) -> dict[str, Any]:
    unit = units.get(figure.unit)
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
    return {**fields, "extracted": extracted, "measure_key": search_key(figure.measure), "unit": unit,
            "province_id": unit_province(unit), "indicator": indicator_for(figure.measure)}


def _json_value(value: object) -> object:
    return plain_decimal(value) if isinstance(value, Decimal) else value


class _Units:
    """Finds or creates the Unit for each UnitRef of one report, once each per import run."""

    def __init__(self, source: str, known: dict[tuple[str, str | None], Unit | None]) -> None:
        self.source = source
        self.created = 0
        self._known = known

    def get(self, ref: UnitRef | None) -> Unit | None:
        if ref is None:
            return None
        # "Công an tỉnh" with no province named: one unit per report until an editor sets its
        # province (and merges it with the province's police).
        unnamed = fold(ref.name) == UNNAMED_PROVINCIAL_KEY
        name = f"{ref.name} (chưa rõ tỉnh)" if unnamed else ref.name
        source = self.source if unnamed else ""
        key = (unit_key(name, source), ref.surface)
        if key not in self._known:
            storable = (_fits(Unit, "name", name, self.source, "unit")
                        and _fits(UnitAlias, "name", ref.surface, self.source, "unit as written"))
            self._known[key] = self._find_or_create(ref, name, source) if storable else None
        return self._known[key]

    def _find_or_create(self, ref: UnitRef, name: str, source: str) -> Unit:
        key = unit_key(name, source)
        unit = Unit.objects.filter(aliases__name_key=key).first()
        if unit is None:
            # get_or_create, not create: a concurrent import may be creating the same unit.
            unit, created = Unit.objects.get_or_create(
                name_key=key,
                defaults={
                    "name": name,
                    "source": source,
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
        if ref.surface and fold(ref.surface) not in {unit.name_key, key} and not source:
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
