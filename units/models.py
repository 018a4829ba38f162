from __future__ import annotations

import difflib
import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connections, models, transaction
from django.db.models import Q, Value
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common import choices
from common.paths import page_url
from reports.extraction.glossary import query_forms, search_key
from reports.extraction.query import words
from reports.extraction.text import fold

# Ranks of the People's Public Security, highest first.
RANKS = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá",
    "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy",
)


SUGGESTIONS_SECONDS = 300
# What people write for a province besides its name.
PROVINCE_SHORT_NAMES = {"hcm": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh", "sai gon": "Hồ Chí Minh"}


class ProvinceQuerySet(models.QuerySet["Province"]):
    def named(self, name: str) -> Province | None:
        """The province called `name` (any spelling, old or new), or None."""
        return self.filter(name_key=fold(name).removeprefix("tinh ").removeprefix("thanh pho ")).first()

    def mentioned_in(self, text: str) -> list[Province]:
        """The provinces a query names (see provinces_named_in), in the order named."""
        named = [pk for pk, _ in provinces_named_in(text)]
        found = self.select_related("successor").in_bulk(named)
        return [found[pk] for pk in named if pk in found]


def provinces_named_in(text: str) -> list[tuple[int, tuple[int, ...]]]:
    """The provinces a query names, by current or pre-2025 name or a short name ("TP.HCM"), in
    any spelling, whole words, longest names first ("Hà Nam" is not found in "Hà Nội"): each
    province's id with its family's (the province it became part of, or those merged into it)."""
    found = f" {' '.join(words(text))} "
    named = []
    for name, pk, family in _provinces().names:
        if f" {name} " in found:
            found = found.replace(f" {name} ", " ")
            named.append((pk, family))
    return list(dict.fromkeys(named))


def province_ids_by_slug() -> dict[str, int]:
    """Each province's id by its slug."""
    return _provinces().by_slug


def province_family_ids(pk: int) -> tuple[int, ...]:
    """The ids of a province's family (Province.family)."""
    return _provinces().families.get(pk, (pk,))


@dataclass(frozen=True)
class _Provinces:
    names: list[tuple[str, int, tuple[int, ...]]]  # (a name's folded words, id, family's ids), longest first
    by_slug: dict[str, int]
    families: dict[int, tuple[int, ...]]


def _provinces() -> _Provinces:
    """What the filters and the search read of the provinces, kept: they change with a
    reorganisation, not with a request; read again after a province is written, and every few
    minutes."""

    def load() -> _Provinces:
        provinces = list(Province.objects.values_list("pk", "name", "successor_id", "slug"))
        current = {pk: successor or pk for pk, _, successor, _ in provinces}
        family = {pk: tuple(p for p in current if current[p] == current[pk]) for pk in current}
        by_key = {fold(name): pk for pk, name, _, _ in provinces}
        names = [(" ".join(words(name)), pk) for pk, name, _, _ in provinces]
        names += [(short, by_key[fold(name)]) for short, name in PROVINCE_SHORT_NAMES.items() if fold(name) in by_key]
        return _Provinces(
            names=sorted(((name, pk, family[pk]) for name, pk in names), key=lambda row: len(row[0]), reverse=True),
            by_slug={slug: pk for pk, _, _, slug in provinces},
            families=family,
        )

    return choices.kept("provinces", Province, load, SUGGESTIONS_SECONDS)


class Province(models.Model):
    """A province or centrally run city, before or after the 2025 reorganisation.

    A pre-2025 province that was merged away points to its `successor` (Hải Dương -> Hải Phòng);
    one that kept its name is simply current.
    """

    name = models.CharField(_("name"), max_length=100)
    full_name = models.CharField(_("full name"), max_length=120)
    name_key = models.CharField(max_length=100, unique=True, editable=False)
    slug = models.SlugField(max_length=100, unique=True)
    is_current = models.BooleanField(_("exists after 2025"), default=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("merged into"),
    )

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["name_key"]  # "Đ" and accented letters sort with their base letter
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_url("units:province_detail", self.slug)

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def family(self) -> list[Province]:
        """This province with the one it became part of and the ones merged into it, so that
        either name of a merged province finds the other."""
        current = self.successor or self
        return [current, *current.predecessors.all()]


def folded_contains(field: str, text: str) -> Q:
    """`field`, a folded key, contains the query as typed or with abbreviations spelled out."""
    return reduce(operator.or_, (Q(**{f"{field}__contains": key}) for key in query_forms(text)), Q(pk__in=[]))


class UnitQuerySet(models.QuerySet["Unit"]):
    def search(self, text: str) -> UnitQuerySet:
        """Units whose name or an alias contains the query (any case and diacritics, abbreviations
        both ways), and the police of a province the query names with their departments."""
        families = [pk for _, family in provinces_named_in(text) for pk in family]
        return self.filter(folded_contains("search_key", text) | Q(province__in=families))

    def suggested_names(self) -> list[str]:
        """The names a unit box suggests: the ministry, its departments and the provincial police
        (about a hundred), kept until a unit is written; any other unit is still found by its name."""
        main = (Q(kind=Unit.Kind.MINISTRY) | Q(kind=Unit.Kind.PROVINCIAL)
                | Q(kind=Unit.Kind.DEPARTMENT, parent__kind=Unit.Kind.MINISTRY))
        return choices.kept("unit-names", Unit,
                            lambda: list(self.filter(main).order_by("name_key").values_list("name", flat=True)),
                            SUGGESTIONS_SECONDS)

    def nearest(self, text: str, n: int = 5) -> list[Unit]:
        """The units and provincial police whose names come nearest to a query that found
        nothing, for "did you mean": by trigram similarity (PostgreSQL) or difflib (SQLite)."""
        key = fold(text)
        if not key:
            return []
        if connections[self.db].vendor == "postgresql":
            similar = self.annotate(similarity=TrigramWordSimilarity(Value(key), "name_key"))  # type: ignore[arg-type]  # a literal, as the docs show
            return list(similar.filter(similarity__gte=0.3).order_by("-similarity", "name_key")[:n])
        names = dict(self.values_list("name_key", "pk"))
        close = difflib.get_close_matches(key, names, n=n, cutoff=0.5)
        by_pk = self.in_bulk([names[name] for name in close])
        return [by_pk[names[name]] for name in close]


# Sent inside Unit.merge_into and Official.merge_into, before anything moves, with `merged` and
# `kept`: the apps whose rows point at units or officials (reports) move them as their own rules
# say (history, copied values, what may not be there twice); the rest moves as it is.
merging = Signal()


class MergesRecords(models.Model):
    """A record that an editor may merge into another record of the same thing: whatever points
    at it moves to the kept one, and its name becomes one of the kept one's aliases."""

    name: str

    class Meta:
        abstract = True

    def merge_into(self, kept: Any) -> None:
        if kept.pk == self.pk:
            raise ValueError(f"a {self._meta.model_name} cannot be merged into itself")
        with transaction.atomic():
            merging.send(sender=type(self), merged=self, kept=kept)
            for relation in self._meta.get_fields():  # reverse relations, history's hidden ones left
                if isinstance(relation, models.ManyToOneRel) and relation.one_to_many:
                    rows = relation.related_model._base_manager.filter(**{relation.field.name: self})
                    if relation.related_model is type(self):
                        rows = rows.exclude(pk=kept.pk)  # a unit merged into one of its own
                    rows.update(**{relation.field.name: kept})
            self.take_over(kept)
            name, own_name = self.name, not getattr(self, "source", "")
            self.delete()
            if fold(name) != kept.name_key and own_name:
                kept.aliases.model.objects.get_or_create(name_key=fold(name), defaults={"name": name, **{
                    kept.aliases.field.name: kept}})
            kept.save()

    def take_over(self, kept: Any) -> None:
        """What `kept` takes of this record's own fields, where it has none."""


class Alias(models.Model):
    """Another spelling of a record's name met in the texts or left by a merge. Unique: an alias
    names one record, so it can be resolved without ambiguity."""

    name = models.CharField(_("alias"), max_length=255)
    name_key = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)


SHORT_WORDS = [("Công an", "CA"), ("Cảnh sát", "CS"), ("thành phố", "TP"), ("Thành phố", "TP"), ("Phòng ", "P. "),
               ("Cục ", "C. "), ("An ninh", "AN")]


def unit_key(name: str, source: str = "") -> str:
    """What tells units apart: the folded name, and for a unit named without saying which (see
    Unit.source) the report it comes from."""
    return fold(f"{name} ({source})" if source else name)


class Unit(MergesRecords):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministry")
        DEPARTMENT = "department", _("department")
        INSTITUTE = "institute", _("institute")
        PROVINCIAL = "provincial", _("provincial police")
        DISTRICT = "district", _("district police")
        COMMUNE = "commune", _("commune police")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=255)
    # The folded name: one unit whatever the case or diacritics a text spells it with.
    name_key = models.CharField(max_length=255, unique=True, editable=False)
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    province = models.ForeignKey(
        Province, on_delete=models.SET_NULL, null=True, blank=True, related_name="units", verbose_name=_("province")
    )
    # Folded name and aliases, abbreviations spelled out: what the search box matches.
    search_key = models.TextField(editable=False, default="")
    # A unit a report names without saying which, as "Công an tỉnh" with no province: one unit per
    # report until an editor sets its province (and merges it). The report's file; "" for others.
    source = models.CharField(_("only in the report file"), max_length=255, blank=True, editable=False)
    # Its public figures, kept by whatever adds, rejects or moves them (recount_figures): counting
    # them for every unit of a list page would read most of a million figures.
    figure_count = models.PositiveIntegerField(_("figures"), default=0, editable=False)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["name_key", "search_key", "figure_count"])

    class Meta:
        ordering = ["name_key"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_url("units:unit_detail", self.slug)

    @property
    def short_name(self) -> str:
        """The name with its long common words abbreviated as the reports do ("CA tỉnh Nghệ An"),
        for chart labels."""
        name = self.name
        for long, short in SHORT_WORDS:
            name = name.replace(long, short)
        return name

    @property
    def has_province_by_nature(self) -> bool:
        """Whether it belongs to a province (a provincial, district or commune police), rather than
        to the ministry."""
        return self.kind in {self.Kind.PROVINCIAL, self.Kind.DISTRICT, self.Kind.COMMUNE}

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_key = unit_key(self.name, self.source)
        aliases = list(self.aliases.values_list("name", flat=True)) if self.pk else []
        self.search_key = search_key(self.name, *aliases)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "search_key"}  # type: ignore[misc]
        elif not self._state.adding:
            # Never write back a figure count read before its figures changed.
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key and f.name != "figure_count"]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def take_over(self, kept: Unit) -> None:
        if kept.province_id is None:
            kept.province_id = self.province_id
        if kept.parent_id == self.pk:  # merged into one of its own units: that one takes its place
            kept.parent_id = self.parent_id


class UnitAlias(Alias):
    """Another spelling of a unit ("Cục CSGT" for Cục Cảnh sát giao thông)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("unit"))

    class Meta(Alias.Meta):
        verbose_name = _("unit alias")
        verbose_name_plural = _("unit aliases")

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        self.unit.save(update_fields=["search_key"])  # a search finds the unit by its aliases


class OfficialQuerySet(models.QuerySet["Official"]):
    def search(self, text: str) -> OfficialQuerySet:
        """Officials whose name contains the query, in any case and diacritics."""
        return self.filter(folded_contains("name_key", text))


class Official(MergesRecords):
    name = models.CharField(_("full name"), max_length=120)
    # One person, one record across reports: people are matched by their folded name.
    name_key = models.CharField(max_length=120, unique=True, editable=False)
    slug = models.SlugField(max_length=140, unique=True)
    rank = models.CharField(_("current rank"), max_length=40, blank=True)

    objects = OfficialQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["name_key"])

    class Meta:
        ordering = ["name_key"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return f"{self.rank} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return page_url("units:official_detail", self.slug)

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def take_over(self, kept: Official) -> None:
        kept.rank = kept.rank or self.rank


class OfficialAlias(Alias):
    """Another spelling of an official's name, kept when an editor merges two records."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=120)
    name_key = models.CharField(max_length=120, unique=True, editable=False)

    class Meta(Alias.Meta):
        verbose_name = _("official alias")
        verbose_name_plural = _("official aliases")

