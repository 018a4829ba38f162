"""The records extraction returns: plain frozen dataclasses, no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal


class Kind:
    COUNT = "count"
    PERCENT = "percent"
    RATIO = "ratio"
    MONEY = "money"
    DURATION = "duration"
    RANK = "rank"
    QUANTITY = "quantity"


class Qualifier:
    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Change:
    INCREASE = "increase"
    DECREASE = "decrease"


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A police (or state) unit as named in a text, resolved to its canonical name."""

    name: str
    kind: str  # ministry, department, institute, provincial, district, commune, other
    surface: str = ""  # the words as written
    start: int = -1
    end: int = -1
    province: str | None = None
    parent: str | None = None
    # Set when no word of the text names the unit and the outlet that published it stands for it
    # (a provincial paper's site): less sure, and said so where it is shown.
    from_outlet: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a report: `text[start:end] == figure`, and in its sentence (white space
    squeezed) it stands at `sentence_offset`, squeezed the same way."""

    start: int
    end: int
    figure: str
    value: Decimal
    kind: str
    measure: str
    sentence: str
    qualifier: str = Qualifier.EXACT
    change: str | None = None
    value_max: Decimal | None = None
    total: Decimal | None = None
    target: Decimal | None = None
    confidence: float = 0.8
    unit: UnitRef | None = None  # the unit whose section it stands in; set by attribution
    sentence_offset: int | None = None


@dataclass(frozen=True, slots=True)
class Position:
    title: str
    unit: UnitRef | None = None


@dataclass(frozen=True, slots=True)
class OfficialMention:
    name: str
    start: int
    end: int
    rank: str | None = None
    positions: tuple[Position, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportMeta:
    title: str
    event_date: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    url: str | None = None
    author: str | None = None
    published: dt.date | None = None  # when its outlet published it, apart from when it happened
    site_name: str | None = None  # the outlet's own name ("Báo Công an Nhân dân")

    def filled_from(self, page: ReportMeta | None) -> ReportMeta:
        """These fields, each one the text leaves empty taken from what its page or file says of
        itself; a report the text gives no date happened, as far as is known, when published."""
        if page is None:
            return self
        published = self.published or page.published
        return replace(
            self,
            title=self.title or page.title,
            event_date=self.event_date or published,
            url=self.url or page.url,
            author=self.author or page.author,
            published=published,
            site_name=self.site_name or page.site_name,
        )


@dataclass(frozen=True, slots=True)
class Extraction:
    text: str
    meta: ReportMeta
    unit: UnitRef | None = None  # the unit the report is about
    units: tuple[UnitRef, ...] = ()
    officials: tuple[OfficialMention, ...] = ()
    figures: tuple[Figure, ...] = field(default_factory=tuple)
