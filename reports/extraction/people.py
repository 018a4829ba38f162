"""Officials named in report text: a name with a rank and/or a title, and the positions stated.

Four ways of writing a person are read:

- rank first, positions after: "Thiếu tướng Nguyễn Ngọc Cương, Cục trưởng Cục ...";
- "đồng chí" (or "ông", "bà") and a name, positions after: "đồng chí Nguyễn Văn A, Chủ tịch UBND tỉnh X";
- positions first, then rank and name: "Giám đốc Công an tỉnh Nghệ An - Thiếu tướng Bùi Quang Thanh";
- positions first, name without a rank: "Chủ tịch nước Tô Lâm", "Bí thư Tỉnh ủy Nghệ An Thái Thanh Quý".

A mention's start and end cover the whole phrase, rank and positions included.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable

from reports.extraction.records import OfficialMention, Position, UnitRef
from reports.extraction.scan import WordSearch
from reports.extraction.text import squeeze
from reports.extraction.units import MINISTRY, canonical_province, resolve_unit, unit_mention
from reports.extraction.vocabulary import SURNAMES, word_start_pattern

_S = r"[ \t\u00a0]+"
_OS = r"[ \t\u00a0]*"

# A rank, in any case ("đại tá"); "uý" is the old spelling of "úy".
_RANKS = [f"{grade} {level}" for grade in ("đại", "thượng", "trung", "thiếu") for level in ("tướng", "tá", "úy", "uý")]
_RANK_RE = re.compile(word_start_pattern(_RANKS) + r"(?![^\W_])")
# Academic titles between a rank and the name: "Thiếu tướng, PGS.TS Nguyễn Văn A".
_DEGREES_RE = re.compile(rf"(?:{_OS},?{_OS}(?:(?:GS|PGS|TS|ThS|NCS)\.?{_OS})+)?{_OS}")

_BASE_TITLES = (
    "Chủ tịch nước", "Tổng Bí thư", "Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Tổng cục trưởng", "Cục trưởng",
    "Vụ trưởng", "Viện trưởng", "Giám đốc", "Tư lệnh", "Chính ủy", "Chánh Văn phòng", "Chánh Thanh tra",
    "Trưởng phòng", "Trưởng ban", "Trưởng đoàn", "Trưởng", "Hiệu trưởng", "Chủ tịch", "Bí thư", "Ủy viên",
    "Đội trưởng", "Đội phó", "Chủ nhiệm", "Thủ trưởng", "Chỉ huy trưởng", "Tham mưu trưởng", "Chánh án", "Cán bộ", "Chiến sĩ",
    # Members of a party committee or of the National Assembly: "Đỗ Thanh Hải, Tỉnh ủy viên, Giám đốc ...".
    "Tỉnh ủy viên", "Thành ủy viên", "Huyện ủy viên", "Đảng ủy viên", "Ủy viên dự khuyết", "Đại biểu Quốc hội",
)


def _past(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where `pattern`, which may match nothing (white space, optional words), ends from `pos`."""
    found = pattern.match(text, pos)
    return found.end() if found else pos


def _spellings(words: tuple[str, ...]) -> list[str]:
    """Each of these words in the new and the old tone placement ("Ủy", "Uỷ")."""
    return [w for word in words for w in {word, word.replace("Ủy", "Uỷ").replace("ủy", "uỷ")}]


def _words_pattern(words: str) -> str:
    pattern = re.escape(words).replace(r"\ ", _S)
    return pattern.replace("Ủy", "(?:Ủy|Uỷ)").replace("ủy", "(?:ủy|uỷ)")


# A title, longest first, with "Phó" and "thường trực" as they come; any case ("giám đốc").
_TITLES = [f"{deputy}{title}" for deputy in ("", "Phó ") for title in _spellings(_BASE_TITLES)]
_TITLE_RE = re.compile(word_start_pattern(_TITLES) + rf"(?i:{_S}thường{_S}trực)?(?![^\W_])")
# Ranks and titles in a text, found in one pass.
_RANKS_AND_TITLES = WordSearch((_RANK_RE, [_RANKS]), (_TITLE_RE, [_TITLES]))
# Party and state bodies that are part of a title, not units: "Ủy viên Trung ương Đảng",
# "Phó Bí thư Đảng ủy Công an Trung ương", "Thủ tướng Chính phủ".
_BODY_RE = re.compile(
    rf"{_S}(?:"
    + "|".join(
        _words_pattern(b)
        for b in (
            "Đảng ủy", "Đảng bộ", "Ban Thường vụ", "Ban Chấp hành", "Ban Bí thư", "Bộ Chính trị",
            "Công an Trung ương", "Trung ương Đảng", "Trung ương", "Đảng", "Chính phủ", "Quốc hội", "Quân ủy",
            "Cơ quan Cảnh sát điều tra", "Cơ quan An ninh điều tra", "Cơ quan CSĐT", "Cơ quan ANĐT", "Ban Giám đốc",
        )
    )
    + r")(?![^\W_])"
)
# Between a title and its unit: a gap that may break the line once (a wrapped heading), and "phụ
# trách" ("Phó Giám đốc phụ trách Công an tỉnh X": the deputy in charge).
_TITLE_GAP_RE = re.compile(rf"[ \t\u00a0]*\r?\n?[ \t\u00a0]*(?:phụ{_S}trách{_S})?")
# "nguyên Giám đốc": a title held before (in small letters only: "Nguyên" may end a name, "Trần
# Thảo Nguyên Giám đốc Sở ...").
_FORMER_RE = re.compile(rf"nguyên{_S}")
_FORMER_BEFORE_RE = re.compile(rf"(?<![^\W_])nguyên{_S}$")
_FORMER_REACH = 12
# A team of a police after a title: "Đội trưởng Đội Cảnh sát hình sự Công an huyện Quỳnh Lưu",
# "cán bộ Đội CSGT-TT Công an thị xã Cửa Lò". The team is part of the title, the police its unit.
_TEAM_RE = re.compile(rf"Đội{_S}")
_TEAM_WORD_RE = re.compile(r"[^\s,;:()–-][^\s,;:()]*")
# After a word of the team's name: a comma or a dash before its police ("Đội CSHS, Công an huyện Nam
# Đàn"), or a gap.
_TEAM_SEP_RE = re.compile(rf"{_OS}[,–-]{_OS}|{_S}")
_TEAM_WORDS = 12
_POLICE_KINDS = ("provincial", "district", "commune")
# Between positions: a comma, a dash, "kiêm", an opening bracket ("Đại tá A (Giám đốc ...)"); not
# a semicolon, which ends a person in a list ("đồng chí A, Bí thư Tỉnh ủy; Chủ tịch UBND tỉnh B").
# Between a name and its first title a gap alone will do: "Nguyễn Văn A Phó Bí thư Tỉnh ủy".
_POSITION_SEP_RE = re.compile(rf"{_OS}(?:[,(]|[-–]|{_S}kiêm){_OS}")
# Between positions and a following name: a dash, a comma, a gap, "đồng chí", "ông", "bà" ("Phó Chủ
# tịch UBND tỉnh, ông Trần Văn Tâm").
_NAME_SEP_RE = re.compile(rf"{_OS}(?:[-–,]{_OS})?(?:(?:đồng{_S}chí|ông|bà){_S})?")
# What a deputy is in charge of, between the positions and the name: "Phó Giám đốc Công an tỉnh
# phụ trách công tác xây dựng lực lượng, Đại tá A"; its words are in small letters, a name's are not.
_CHARGE_RE = re.compile(rf"{_S}phụ{_S}trách")
_NEXT_WORD_RE = re.compile(rf"{_S}[^\W\d_]+")
_CHARGE_WORDS = 10
# "Trưởng" alone is a title only with a unit: "Trưởng Công an xã X", "Trưởng Phòng ... Công an tỉnh".
_BARE_HEAD_RE = re.compile(r"^(?:Phó\s+)?Trưởng$", re.IGNORECASE)
# Roles of any officer are positions only with the unit they serve in: "cán bộ Phòng Cảnh sát
# kinh tế Công an tỉnh X", not the "cán bộ, chiến sĩ" of a whole force.
_MEMBER_RE = re.compile(r"^(?:Cán\s+bộ|Chiến\s+sĩ)$", re.IGNORECASE)
# A minister or deputy minister with no ministry named, in a police report, is the police's own:
# "Thứ trưởng Lê Quốc Hùng", "Bộ trưởng Lương Tam Quang"; not one of another ministry ("Bộ trưởng
# Bộ Quốc phòng").
_MINISTER_RE = re.compile(r"^(?:Bộ|Thứ)\s+trưởng(?:\s+thường\s+trực)?$", re.IGNORECASE)
_MINISTRY_NAMED_RE = re.compile(rf"{_OS}Bộ{_S}")
# Before a name written ahead of its positions: "đồng chí Nguyễn Văn A, Chủ tịch UBND tỉnh X", and
# the next one of a list ("các đồng chí: A, Bí thư Tỉnh ủy; B - Chủ tịch UBND tỉnh"; "A, Phó Chủ tịch
# UBND tỉnh và B, Phó Chủ tịch HĐND tỉnh"). Each is searched for from a character it always has,
# which Python's re finds in C many times faster than a class of first letters; the letters before
# it are looked behind for. Each with how many of the cue's letters come before that character.
_NAME_CUES = tuple((re.compile(pattern), lead) for pattern, lead in (
    (rf";{_OS}", 0),
    (rf":{_OS}", 0),
    (rf"à(?<=(?<![^\W_])[BbVv]à){_S}", 1),  # "bà", "và"
    (rf"ông(?<![^\W_]ông){_S}", 0),
    (rf"Ông(?<![^\W_]Ông){_S}", 0),
    (rf"ồng(?<=(?<![^\W_])[Đđ]ồng){_S}chí{_S}", 1),  # "đồng chí"
))
_LIST_COMMA_RE = re.compile(rf"{_OS},{_OS}")
# "Trưởng phòng Cảnh sát hình sự Công an tỉnh X", "Trưởng Ban Nội chính Tỉnh ủy", "Trưởng Đoàn
# ĐBQH tỉnh X": the unit's name begins with the title's last word.
_HEAD_OF_PHONG_RE = re.compile(r"(?:phòng|ban|đoàn)$", re.IGNORECASE)
# A syllable of a name; in names of the Central Highlands a letter and an apostrophe may lead it
# ("H'Yim", "K'Mák").
_SYLLABLE_RE = re.compile(r"(?:[^\W\d_]['’])?[^\W\d_]+")
_APOSTROPHE_RE = re.compile("['’]")
_GAP_RE = re.compile(_S)

def _canonical_rank(rank: str) -> str:
    value = squeeze(rank).lower().replace("uý", "úy")
    return value[:1].upper() + value[1:]


def _capitalised(syllable: str) -> bool:
    """ "Văn", "A": a capital and then small letters only."""
    return syllable[:1].isupper() and (len(syllable) == 1 or syllable[1:].islower())


def _capitalised_syllable(syllable: str) -> bool:
    """ "Văn", "H'Yim": each part capitalised (most syllables have no apostrophe)."""
    if "'" not in syllable and "’" not in syllable:
        return _capitalised(syllable)
    return all(_capitalised(part) for part in _APOSTROPHE_RE.split(syllable))


def _has_surname(name: str) -> bool:
    """Whether a name begins with a family name (SURNAMES), or with a letter and an apostrophe as
    names of the Central Highlands do ("H'Yim Kđoh", "K'Mák")."""
    first = name.split()[0]
    return first in SURNAMES or bool(_APOSTROPHE_RE.match(first, 1))


def _name_end(text: str, pos: int) -> int:
    """End of a person's name of 2-5 capitalised syllables at `pos` ("Y Thanh Hà Niê Kđăm"), or `pos`."""
    if not text[pos:pos + 1].isupper():  # most places asked about (after "và", say) begin no name
        return pos
    end, i, count = pos, pos, 0
    while count < 5:
        m = _SYLLABLE_RE.match(text, i)
        if not m or not _capitalised_syllable(m.group()):
            break
        if count and (_TITLE_RE.match(text, i) or _RANK_RE.match(text, i) or unit_mention(text, i, civil=False)):
            break
        end, count = m.end(), count + 1
        gap = _GAP_RE.match(text, end)
        if not gap:
            break
        i = gap.end()
    return end if count >= 2 else pos


def _position(text: str, pos: int) -> tuple[Position, int] | None:
    """A title at `pos` with its bodies and unit: (position, where it ends)."""
    former = _FORMER_RE.match(text, pos)
    m = _TITLE_RE.match(text, former.end() if former else pos)
    if not m:
        return None
    title_end = m.end()
    while body := _BODY_RE.match(text, title_end):
        title_end = body.end()
    unit_at = _past(_TITLE_GAP_RE, text, title_end)
    found = unit_mention(text, unit_at)
    head = _HEAD_OF_PHONG_RE.search(m.group())
    if not found and head:
        found = unit_mention(text, m.start() + head.start())
    team = None if found else _team(text, unit_at)
    if team:
        title_end, found = team
    unit, end = found if found else (None, title_end)
    title = squeeze(text[m.start():title_end])
    title = title[:1].upper() + title[1:]
    if unit is None and _MINISTER_RE.match(title) and not _MINISTRY_NAMED_RE.match(text, title_end):
        unit = resolve_unit(MINISTRY)
    if unit is None and (_BARE_HEAD_RE.match(title) or _MEMBER_RE.match(title)):
        return None
    if _BARE_HEAD_RE.match(title) and unit is not None:
        title = f"{title} phòng" if unit.kind == "department" and unit.name.startswith("Phòng") else f"{title} Công an"
    elif unit is not None and unit.kind == "other":
        # A civilian body is part of the title, as written: "Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh";
        # after "Trưởng Ban" the body's own first word is the title's last ("Trưởng Ban Nội chính").
        written = _body_as_written(text, unit)
        title = f"{title} {written.split(maxsplit=1)[-1] if head else written}".strip()
    elif unit is not None and _MEMBER_RE.match(title) and unit.name.startswith("Phòng") and unit.parent:
        # "cán bộ Phòng Cảnh sát giao thông Công an tỉnh X": a member of the police of X.
        police = resolve_unit(unit.parent)
        if police is not None:
            title, unit = f"{title} {unit.name.removesuffix(unit.parent).strip()}", police
    return Position(f"Nguyên {title}" if former else title, unit), end


def _team(text: str, pos: int) -> tuple[int, tuple[UnitRef, int]] | None:
    """A police's team at `pos` ("Đội Cảnh sát hình sự Công an huyện X"): where its name ends, and
    the police with where its mention ends."""
    team = _TEAM_RE.match(text, pos)
    if not team:
        return None
    at = team.end()
    for _ in range(_TEAM_WORDS):
        word = _TEAM_WORD_RE.match(text, at)
        sep = _TEAM_SEP_RE.match(text, word.end()) if word else None
        if not (word and sep):
            return None
        found = unit_mention(text, sep.end(), civil=False)
        if found and found[0].kind in _POLICE_KINDS:
            return word.end(), found
        if not sep.group().isspace():  # a comma or a dash, and no police after it
            return None
        at = sep.end()
    return None


# The last word of a district's or a commune's division, before its name: "UBND huyện Hương Sơn",
# "UBND thị xã Kỳ Anh", "UBND phường Bến Thành".
_DISTRICT_WORDS = {"huyện", "quận", "xã", "phường", "trấn"}


def _body_as_written(text: str, unit: UnitRef) -> str:
    """A civilian body as the text writes it, without the province or the district it names: "UBND
    tỉnh", "Tỉnh ủy", "Ban Nội chính Tỉnh ủy", "UBND huyện"."""
    written = squeeze(text[unit.start:unit.end]).replace("uỷ", "ủy").replace("Uỷ", "Ủy") if unit.start >= 0 else unit.name
    words = written.replace("TP.", "TP. ").split()  # "UBND TP.HCM", as "UBND TP. Hồ Chí Minh"
    for n in range(min(4, len(words) - 1), 0, -1):
        place = " ".join(words[-n:])
        if (unit.province and canonical_province(place) == unit.province
                or words[-n - 1].lower() in _DISTRICT_WORDS and unit.name.endswith(f" {place}")):
            return " ".join(words[:-n]).removesuffix(".")
    return written


def _positions(text: str, pos: int, first: bool) -> tuple[list[Position], int]:
    """Positions listed from `pos`, each after a separator (or the first one at `pos` itself)."""
    found: list[Position] = []
    end = pos
    while True:
        at = end
        if found or not first:
            sep = _POSITION_SEP_RE.match(text, end) or (None if found else _GAP_RE.match(text, end))
            if not sep:
                break
            at = sep.end()
        parsed = _position(text, at)
        if not parsed:
            break
        found.append(parsed[0])
        end = parsed[1]
    return found, end


def _rank_first(text: str, ranks: list[re.Match[str]]) -> list[OfficialMention]:
    mentions = []
    for m in ranks:
        name_at = _past(_DEGREES_RE, text, m.end())
        name_end = _name_end(text, name_at)
        if name_end == name_at:
            continue
        positions, end = _positions(text, name_end, first=False)
        mentions.append(OfficialMention(
            name=squeeze(text[name_at:name_end]), start=m.start(), end=max(end, name_end),
            rank=_canonical_rank(m.group()), positions=tuple(positions),
        ))
    return mentions


def _name_first(text: str) -> list[tuple[int, OfficialMention]]:
    """ "đồng chí Nguyễn Văn A, Chủ tịch UBND tỉnh X": a name with no rank, its positions after it.
    Each with where its name starts."""
    found = []
    cues = sorted((m.start() - lead, m.end()) for pattern, lead in _NAME_CUES for m in pattern.finditer(text))
    for cue, name_at in cues:
        while mention := _named_with_positions(text, cue, name_at):
            found.append((name_at, mention))
            # "A, Bí thư Tỉnh ủy, B, Chủ tịch UBND tỉnh": a list may go on with commas alone.
            comma = _LIST_COMMA_RE.match(text, mention.end)
            if not comma:
                break
            cue, name_at = mention.end, comma.end()
    return found


def _named_with_positions(text: str, start: int, name_at: int) -> OfficialMention | None:
    """The person whose name is at `name_at`, if positions follow it; the mention from `start`."""
    name_end = _name_end(text, name_at)
    if name_end == name_at:
        return None
    positions, end = _positions(text, name_end, first=False)
    name = squeeze(text[name_at:name_end])
    if not positions or not _has_surname(name) or canonical_province(name):
        return None
    return OfficialMention(name=name, start=start, end=end, positions=tuple(positions))


class _Spans:
    """Whether a place falls inside any of some spans of the text: a lookup, however many spans."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))  # the furthest end so far

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos)
        return i > 0 and self.reach[i - 1] > pos


def _title_first(text: str, titles: list[re.Match[str]], taken: _Spans) -> list[tuple[int, list[Position], int]]:
    """Positions written before a name, outside `taken` spans: (start, positions, where the name starts)."""
    found = []
    last = 0
    for m in titles:
        former = _FORMER_BEFORE_RE.search(text, max(0, m.start() - _FORMER_REACH), m.start())
        start = former.start() if former else m.start()
        if start < last or start in taken:
            continue
        positions, end = _positions(text, start, first=True)
        if not positions:
            continue
        last = end
        found.append((start, positions, _past(_NAME_SEP_RE, text, _past_charge(text, end))))
    return found


def _past_charge(text: str, pos: int) -> int:
    """Where the charge at `pos` ("phụ trách công tác hậu cần"), if one, ends."""
    charge = _CHARGE_RE.match(text, pos)
    if not charge:
        return pos
    end = charge.end()
    for _ in range(_CHARGE_WORDS):
        word = _NEXT_WORD_RE.match(text, end)
        if not word or not word.group().lstrip()[0].islower():
            break
        end = word.end()
    return end


def find_officials(text: str) -> list[OfficialMention]:
    """Every person named with a rank and/or a title, in order of appearance."""
    ranks_and_titles = list(_RANKS_AND_TITLES.finditer(text))
    mentions = _rank_first(text, [m for m in ranks_and_titles if m.re is _RANK_RE])
    ranked = _Spans((o.start, o.end) for o in mentions)
    # Titles written before a mention add to it: "Giám đốc Công an tỉnh X - Đại tá A", "..., đồng chí A, ...".
    by_start = {o.start: i for i, o in enumerate(mentions)}  # where each one's name (or rank) starts
    reach = 0  # the end of the mentions read name first so far (they come in order)
    for name_at, o in _name_first(text):
        if o.start not in ranked and o.start >= reach:
            by_start[name_at] = len(mentions)
            mentions.append(o)
            reach = o.end
    titles = [m for m in ranks_and_titles if m.re is _TITLE_RE]
    for start, positions, name_at in _title_first(text, titles, _Spans((o.start, o.end) for o in mentions)):
        if name_at in by_start:
            o = mentions[by_start[name_at]]
            mentions[by_start[name_at]] = OfficialMention(o.name, start, o.end, o.rank, (*positions, *o.positions))
            continue
        name_end = _name_end(text, name_at)
        name = squeeze(text[name_at:name_end])
        if name_end == name_at or not _has_surname(name) or canonical_province(name):
            continue
        mentions.append(OfficialMention(name=name, start=start, end=name_end, positions=tuple(positions)))
    return sorted(mentions, key=lambda o: o.start)

