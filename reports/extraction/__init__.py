"""Extraction: report text in, plain records out. Plain Python, no Django.

`extract(text)` finds the report's metadata, the units and officials it names and its figures,
and gives each figure the unit whose section it stands in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

import reports.extraction.tokens as tokens
from reports.extraction.figures import find_figures, sentences
from reports.extraction.metadata import extract_meta
from reports.extraction.people import find_officials
from reports.extraction.records import Extraction, OfficialMention, Position, ReportMeta, UnitRef
from reports.extraction.sections import unit_spans
from reports.extraction.units import (
    MINISTRY,
    UNNAMED_PROVINCIAL,
    division_of,
    find_units,
    in_province,
    province_of_outlet,
    resolve_unit,
)

# Raise when extraction changes, so that a re-import reads unchanged texts again.
EXTRACTOR_VERSION = 9

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract", "resolve_unit", "sentences"]


# How much less sure a figure is when its unit's province was read from the outlet, not the text.
OUTLET_DOUBT = 0.15


def extract(text: str, page: ReportMeta | None = None) -> Extraction:
    """What `text` reports. `page` is what the web page or file it came from says of itself (title,
    publication date, author, outlet, URL): it fills what the text leaves empty."""
    units, officials = find_units(text), find_officials(text)
    spans = unit_spans(text, units, officials)
    meta = extract_meta(text, page.published if page else None).filled_from(page)
    from_outlet = _police_of_outlet(meta.url, units, spans)
    if from_outlet:
        spans[0] = (spans[0][0], spans[0][1], from_outlet)
    starts = [start for start, _, _ in spans]

    def unit_at(offset: int) -> UnitRef | None:
        return spans[bisect_right(starts, offset) - 1][2] if spans else None

    in_context = [ref for u in units if (ref := _in_context(u, u.start, unit_at))]
    subjects = _Subjects(text, in_context, officials)

    def belongs_to(offset: int) -> tuple[UnitRef | None, float]:
        unit = subjects.of(offset) or unit_at(offset)
        return unit, OUTLET_DOUBT if unit is not None and unit.from_outlet else 0

    figures = find_figures(text, belongs_to)
    return Extraction(
        text=text,
        meta=meta,
        unit=unit_at(0),
        units=tuple(in_context),
        officials=tuple(_official_in_context(o, unit_at) for o in officials),
        figures=tuple(figures),
    )


# A unit is the subject of its sentence when it opens it (after at most a short opening phrase,
# "Trong 6 tháng,") and one of these follows it: its figures are its own, whoever's section it
# stands in ("A05 đã gỡ bỏ 1.500 trang mạng" in the ministry's report).
_SUBJECT_VERBS = ("đã", "đang", "vừa", "cho biết", "phát hiện", "bắt", "bắt giữ", "triệt phá", "khởi tố", "xử lý",
                  "tiếp nhận", "cấp", "phối hợp", "chủ trì", "thu giữ", "điều tra", "làm rõ", "xử phạt", "gỡ bỏ",
                  "triệt xóa", "ngăn chặn", "tổ chức", "tuần tra", "kiểm tra", "truy bắt", "giải cứu", "thu hồi",
                  "tịch thu", "đấu tranh", "xác minh", "giải quyết", "thụ lý", "tạm giữ", "khám phá", "vận động",
                  "triển khai")
_OPENING_TOKENS = 12
# "Thiếu tướng A, Cục trưởng Cục C04 cho biết, đã ...": the figures the speaker gives are the
# speaker's unit's.
_SAYS = ("cho biết", "thông tin", "khẳng định", "nhấn mạnh", "báo cáo")
_SUBJECT_KINDS = {"department", "institute", "provincial", "district", "commune"}


class _Subjects:
    """The unit each sentence has as its subject, if one (see _SUBJECT_VERBS)."""

    def __init__(self, text: str, units: list[UnitRef], officials: list[OfficialMention]) -> None:
        self.text = text
        # A "Công an tỉnh" its section does not name is no subject: the section's unit stands.
        self.units = [u for u in units if u.kind in _SUBJECT_KINDS and u.start >= 0
                      and not (u.name == UNNAMED_PROVINCIAL and not u.province)]
        self.starts = [u.start for u in self.units]
        self.speakers = [o for o in officials if o.positions and o.positions[-1].unit is not None
                         and o.positions[-1].unit.kind in _SUBJECT_KINDS]
        self.speaker_starts = [o.start for o in self.speakers]
        self._found: dict[int, UnitRef | None] = {}

    def of(self, position: int) -> UnitRef | None:
        sentence = _sentence_start(self.text, position)
        if sentence not in self._found:
            self._found[sentence] = self._subject(sentence, position)
        found = self._found[sentence]
        return found if found is not None and found.end <= position else None

    def _subject(self, sentence: int, position: int) -> UnitRef | None:
        speaker = self._speaker(sentence, position)
        if speaker:
            return speaker
        first = bisect_right(self.starts, sentence - 1)
        if first == len(self.units) or not self._opens(sentence, self.units[first].start, position):
            return None
        unit = self.units[first]
        return unit if tokens.phrase_at_start(tokens.after(self.text, unit.end, 3), _SUBJECT_VERBS) else None

    def _speaker(self, sentence: int, position: int) -> UnitRef | None:
        first = bisect_right(self.speaker_starts, sentence - 1)
        if first == len(self.speakers):
            return None
        official = self.speakers[first]
        if official.end >= position or not self._opens(sentence, official.start, position):
            return None
        says = tokens.after(self.text, official.end, 3)
        return official.positions[-1].unit if tokens.phrase_at_start(says, _SAYS) else None

    def _opens(self, sentence: int, start: int, position: int) -> bool:
        """Whether a mention at `start`, before `position`, is among the sentence's opening tokens."""
        if start >= position:
            return False
        return tokens.begins_among(self.text, sentence, _OPENING_TOKENS + 1, start)


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding `position` starts: after the last ". ", "; ", or line end."""
    window = max(0, position - 400)
    cut = max(text.rfind(". ", window, position), text.rfind("\n", window, position), text.rfind("; ", window, position))
    return cut + 1 if cut >= 0 else window


def _police_of_outlet(url: str | None, units: list[UnitRef], spans: list[tuple[int, int, UnitRef | None]]
                      ) -> UnitRef | None:
    """The provincial police a report is about when its text never names a province but its outlet
    does (a provincial paper's site, "baonghean.vn"): for the report's own part, if the text gives
    it no unit, only the ministry or a "Công an tỉnh" of no province."""
    province = province_of_outlet(url)
    if not province or not spans or any(u.province for u in units):
        return None
    main = spans[0][2]
    if main is not None and main.name not in {MINISTRY, UNNAMED_PROVINCIAL}:
        return None
    police = resolve_unit(f"Công an {division_of(province)} {province}")
    return replace(police, surface=police.name, from_outlet=True) if police else None


def _in_context(ref: UnitRef | None, offset: int, unit_at: Callable[[int], UnitRef | None]) -> UnitRef | None:
    """A bare "Công an tỉnh", or a department of it, inside a provincial police's section is that
    police's."""
    if ref is None or ref.province:
        return ref
    here = unit_at(offset)
    return in_province(ref, here) if here is not None else ref


def _official_in_context(mention: OfficialMention, unit_at: Callable[[int], UnitRef | None]) -> OfficialMention:
    positions = tuple(Position(p.title, _in_context(p.unit, mention.start, unit_at)) for p in mention.positions)
    return replace(mention, positions=positions)
