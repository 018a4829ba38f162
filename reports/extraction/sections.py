"""Attribution: which unit each part of a report speaks for.

A report made of sections headed "Rank Name, Title Unit: headline" gives each section to the
unit of its heading; the text before the first heading, and a report without sections, belongs
to the report's main unit: the one that held the event, the ministry for a national police
report, else the police unit named most often.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reports.extraction.people import find_officials
from reports.extraction.records import OfficialMention, UnitRef
from reports.extraction.text import fold, line_start
from reports.extraction.units import MINISTRY, find_units, unit_mention

_S = r"[ \t\u00a0]+"
_OS = r"[ \t\u00a0]*"

# A heading's official is followed, on the same line, by a colon and the headline.
_HEADING_COLON_RE = re.compile(rf"{_OS}:")
# The lead: the first lines of a report, where it says who held the event.
_LEAD_LINES = 3
# A unit that is the subject of holding the event: "Cục ..., Bộ Công an đã tổ chức Hội nghị";
# also "Hội nghị ... do Công an tỉnh X tổ chức".
_ORGANISER_VERB_RE = re.compile(
    rf"{_OS}(?:(?:đã|vừa|long{_S}trọng|chính{_S}thức){_S})*"
    rf"(?:tổ{_S}chức|chủ{_S}trì|tổng{_S}kết|sơ{_S}kết|triển{_S}khai|phát{_S}động|khai{_S}mạc|ra{_S}quân|giao{_S}ban|họp)(?![^\W_])"
)
# A report on the whole force speaks for the ministry.
_NATIONAL_RE = re.compile(
    r"công\s+tác\s+công\s+an|công\s+an\s+toàn\s+quốc|lực\s+lượng\s+công\s+an\s+nhân\s+dân|toàn\s+lực\s+lượng\s+công\s+an",
    re.IGNORECASE,
)
_POLICE_KINDS = frozenset({"ministry", "department", "institute", "provincial", "district", "commune"})


def _heading_unit(text: str, official: OfficialMention) -> UnitRef | None:
    """The unit a section heading names, when `official` opens a heading line."""
    if text[line_start(text, official.start):official.start].strip():
        return None
    if not _HEADING_COLON_RE.match(text, official.end):
        return None
    return next((p.unit for p in official.positions if p.unit and p.unit.kind in _POLICE_KINDS), None)


def _headings(text: str, officials: Sequence[OfficialMention]) -> list[tuple[int, UnitRef]]:
    found = []
    for official in officials:
        unit = _heading_unit(text, official)
        if unit is not None:
            found.append((line_start(text, official.start), unit))
    return found


def _lead_end(text: str, stop: int) -> int:
    end = 0
    for _ in range(_LEAD_LINES):
        while end < len(text) and text[end] in "\r\n \t\u00a0":
            end += 1
        nxt = text.find("\n", end)
        end = len(text) if nxt < 0 else nxt
    return min(end, stop)


def _organiser(text: str, units: list[UnitRef], lead_end: int) -> UnitRef | None:
    for unit in units:
        if unit.start >= lead_end or unit.kind not in _POLICE_KINDS:
            continue
        found = unit_mention(text, unit.start, civil=False)
        end = found[1] if found else unit.end
        if _ORGANISER_VERB_RE.match(text, end):
            return unit
    return None


def _main_unit(text: str, stop: int, found: Sequence[UnitRef]) -> UnitRef | None:
    """The unit a report without sections (or its part before the first heading) belongs to."""
    units = [u for u in found if u.kind in _POLICE_KINDS]
    lead_end = _lead_end(text, stop)
    organiser = _organiser(text, units, lead_end)
    if organiser:
        return organiser
    in_lead = [u for u in units if u.start < lead_end]
    if _NATIONAL_RE.search(text, 0, lead_end) and all(u.kind == "ministry" for u in in_lead):
        ministry = next((u for u in units if u.kind == "ministry"), None)
        return ministry or UnitRef(name=MINISTRY, kind="ministry")
    # "Công an tỉnh" without its province counts only when nothing else is named.
    named = [u for u in units if u.province or u.kind != "provincial"] or units
    if not named:
        return None
    counts = Counter(fold(u.name) for u in named)
    best = max(counts.values())
    return next(u for u in named if counts[fold(u.name)] == best)


def unit_spans(
    text: str, units: Sequence[UnitRef] | None = None, officials: Sequence[OfficialMention] | None = None
) -> list[tuple[int, int, UnitRef | None]]:
    """Consecutive spans covering `text`, each with the unit whose part of the report it is.

    `units` and `officials` are what find_units and find_officials give for `text`, if the caller
    has them already."""
    headings = _headings(text, find_officials(text) if officials is None else officials)
    first = headings[0][0] if headings else len(text)
    main = _main_unit(text, first, find_units(text) if units is None else units)
    bounds: list[tuple[int, UnitRef | None]] = [(0, main), *headings]
    spans: list[tuple[int, int, UnitRef | None]] = []
    for i, (start, unit) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        if end > start or (not spans and i + 1 == len(bounds)):
            spans.append((start, end, unit))
    return spans
