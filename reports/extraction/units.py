"""Unit names in report text: find every mention and resolve it to a canonical `UnitRef`.

Canonical names spell out abbreviations and drop a trailing parent ("Cục CSGT, Bộ Công an"
-> "Cục Cảnh sát giao thông", parent "Bộ Công an"). Two spellings of one unit always fold
(`text.fold`) to the same name. Provinces come from the `vietnam_provinces` package: the 63
provinces before the 2025 merger and the 34 after it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from vietnam_provinces import Province
from vietnam_provinces.legacy import District as LegacyDistrict
from vietnam_provinces.legacy import Province as LegacyProvince

from reports.extraction.glossary import expand
from reports.extraction.records import UnitRef
from reports.extraction.text import fold, line_end, line_start, per_text, squeeze
from reports.extraction.vocabulary import COMMON_SURNAMES, SURNAMES

MINISTRY = "Bộ Công an"

# ---------------------------------------------------------------------------------------------
# Provinces

# The package names provinces "Tỉnh Nghệ An", "Thành phố Hà Nội"; reports say "Nghệ An".
_DIVISION_PREFIX_RE = re.compile(r"^(Tỉnh|Thành phố)\s+")


def _short(name: str) -> str:
    return _DIVISION_PREFIX_RE.sub("", name).strip()


_CURRENT = tuple(Province.iter_all())
_LEGACY = tuple(LegacyProvince.iter_all())

CURRENT_PROVINCES: tuple[str, ...] = tuple(_short(p.name) for p in _CURRENT)
LEGACY_PROVINCES: tuple[str, ...] = tuple(_short(p.name) for p in _LEGACY)
PROVINCES: tuple[str, ...] = tuple(dict.fromkeys(LEGACY_PROVINCES + CURRENT_PROVINCES))

# Names reports use that are not the package's: the former province name of Huế, the short
# forms of Hồ Chí Minh city, and "Thủ đô" for Hà Nội.
_PROVINCE_ALIASES = {
    "Thừa Thiên Huế": "Huế",
    "Thừa Thiên - Huế": "Huế",
    "HCM": "Hồ Chí Minh",
    "Thủ đô": "Hà Nội",
    "Đăk Lăk": "Đắk Lắk",
    "Đắc Lắc": "Đắk Lắk",
    "Đăk Nông": "Đắk Nông",
}


def _key(name: str) -> str:
    """Lookup key of a province name: folded, any dash written "-" without spaces."""
    return re.sub(r"\s*[-–]\s*", "-", fold(name))


# Old and new tone placement ("Hoà"/"Hòa", "Thanh Hoá"/"Thanh Hóa", "uỷ"/"ủy") are both in use.
_TONE_PAIRS = (
    ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
    ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
)


def _spellings(name: str) -> set[str]:
    old, new = name, name
    for a, b in _TONE_PAIRS:
        old, new = old.replace(b, a), new.replace(a, b)
    found = {name, old, new}
    for dash in (" - ", "-", " – ", "–"):
        found |= {re.sub(r"\s*[-–]\s*", dash, n) for n in list(found) if "-" in n or "–" in n}
    return found


@cache
def division_of(short: str) -> str:
    """ "thành phố" or "tỉnh", as the province was called before the 2025 merger if it existed then."""
    for group in (_LEGACY, _CURRENT):
        for p in group:
            if _key(_short(p.name)) == _key(short):
                return "thành phố" if p.name.startswith("Thành phố") else "tỉnh"
    return "tỉnh"


_CANONICAL_PROVINCE: dict[str, str] = {_key(s): s for s in reversed(PROVINCES)}
# Provinces as site names write them: folded, no spaces ("nghean", "hochiminh"), at least 5 letters.
_OUTLET_KEYS = {key: s for s in PROVINCES if len(key := re.sub(r"[^a-z]", "", fold(s))) >= 5}
_CANONICAL_PROVINCE.update({_key(a): s for a, s in _PROVINCE_ALIASES.items()})


def _successors() -> dict[str, str]:
    """folded pre-2025 province -> the post-2025 province it became part of.

    When the package lists a province under two successors (Tiền Giang), the successor that
    kept its code wins."""
    heirs: dict[int, list] = {}
    for new in _CURRENT:
        for old in new.get_legacy_sources():
            heirs.setdefault(int(old.code), []).append(new)
    found = {}
    for old in _LEGACY:
        candidates = heirs.get(int(old.code), [])
        if candidates:
            best = next((n for n in candidates if int(n.code) == int(old.code)), candidates[0])
            found[_key(_short(old.name))] = _short(best.name)
    return found


_SUCCESSOR = _successors()


@lru_cache(maxsize=4096)  # names recur, in a text and across texts
def canonical_province(name: str) -> str | None:
    """A province name as written ("Hoà Bình", "TP.HCM" part "HCM") -> its short name, or None."""
    return _CANONICAL_PROVINCE.get(_key(name))


@cache
def _district_provinces() -> dict[tuple[str, str], frozenset[str]]:
    """(division, folded name) of each district before the 2025 reform ("huyện", "duc trong") -> the
    provinces that had a district of that name (several: "huyện Châu Thành" was in six)."""
    provinces = {int(p.code): canonical_province(_short(p.name)) or _short(p.name) for p in _LEGACY}
    found: dict[tuple[str, str], set[str]] = {}
    for district in LegacyDistrict.iter_all():
        division = district.division_type.value
        name = district.name[len(division):].strip() if fold(district.name).startswith(fold(division)) else district.name
        found.setdefault((division, fold(name)), set()).add(provinces[int(district.province_code)])
    return {key: frozenset(names) for key, names in found.items()}


def _province_of_district(division: str, name: str) -> str | None:
    """The province of the district "huyện Đức Trọng", "TP Thủ Đức" (`division` as the package
    writes it: "huyện", "quận", "thị xã", "thành phố"), if only one province had a district of that
    name."""
    provinces = _district_provinces().get((division, fold(name)), frozenset())
    return next(iter(provinces)) if len(provinces) == 1 else None


def province_of_outlet(url: str | None) -> str | None:
    """The province a source URL's site is of, when its host name holds just one province's folded
    name without spaces ("baonghean.vn", "congan.quangninh.gov.vn"): a provincial paper or portal."""
    found_host = re.match(r"https?://([^/:?#]+)", url or "")
    if not found_host:
        return None
    host = found_host.group(1).lower()
    found: set[str] = set()
    for label in re.split(r"[.\-]", host):
        # A label that is a province's key, or a paper's or police's that ends with one.
        ends = range(len(label)) if label.startswith(("bao", "congan", "ca")) else range(1)
        found.update(_OUTLET_KEYS[label[i:]] for i in ends if label[i:] in _OUTLET_KEYS)
    return found.pop() if len(found) == 1 else None


def province_successor(name: str) -> str | None:
    """The post-2025 province a pre-2025 one became part of: "Hải Dương" -> "Hải Phòng"."""
    short = canonical_province(name)
    return _SUCCESSOR.get(_key(short)) if short else None


# ---------------------------------------------------------------------------------------------
# Patterns

_S = r"[ \t\u00a0]+"  # a gap inside one line: names never break over a line but in the lexicon
_OS = r"[ \t\u00a0]*"
_SEP = rf"(?:{_OS},{_OS}|{_OS}[-–]{_OS}|{_S})"  # between a unit and its parent

# Every province spelling, longest first so that "Hà Nam" does not stop "Hà Nam Ninh"-like runs
# short; the lookahead keeps "Long An" from matching inside a longer capitalised word.
_PROVINCE_RE = re.compile(
    "(?:"
    + "|".join(
        re.escape(s).replace(r"\ ", _S)
        for s in sorted({v for n in [*PROVINCES, *_PROVINCE_ALIASES] for v in _spellings(n)}, key=len, reverse=True)
    )
    + r")(?![^\W_])"
)

_MINISTRY_RE = re.compile(rf"(?:Bộ{_S}Công{_S}an|BCA)(?![^\W_])")

# "Công an" (or "CA") and an optional division word: "Công an tỉnh", "Công an TP.", "Công an huyện".
_POLICE_RE = re.compile(
    rf"(?:[Cc]ông{_S}an|CA)(?:{_S}(?P<div>T[Pp]\.|(?:[Tt]hị{_S}xã|[Tt]hị{_S}trấn|[Tt]hành{_S}phố|T[Pp]|[Tt]ỉnh"
    rf"|[Hh]uyện|[Qq]uận|[Xx]ã|[Pp]hường)(?![^\W_])))?"
)
# Before the place name: a gap, or nothing after "TP." ("TP.HCM").
_NAME_GAP_RE = re.compile(rf"{_S}|(?<=\.)")
# Between provinces listed after "Công an": "Công an Cà Mau, Bạc Liêu và tỉnh Sóc Trăng".
_MORE_PROVINCE_RE = re.compile(rf"(?:{_OS},{_OS}|{_S}và{_S})(?:(?:tỉnh|thành{_S}phố|TP\.?){_OS})?")
# The first letter of the next word: a province followed by a capitalised word is a longer name
# ("Hà Nam Phong"), not an item of a list.
_NEXT_LETTER_RE = re.compile(rf"{_S}([^\W\d_])")
# A Party committee of a police unit is not the unit ("Đảng ủy Công an tỉnh").
_PARTY_BEFORE_RE = re.compile(r"(?:Đảng|Quân)\s+(?:ủy|uỷ|bộ)\s*$", re.IGNORECASE)

# Heads of department-like names; "Trường" only for colleges, whose kind is institute; "phòng"
# also in lower case, as a title writes it ("Trưởng phòng Cảnh sát hình sự Công an tỉnh X").
_ORG_HEAD_RE = re.compile(
    rf"(?P<head>Bộ{_S}Tư{_S}lệnh|Tổng{_S}cục|Cục|Vụ|Học{_S}viện|Viện"
    rf"|Trường{_S}(?:Đại{_S}học|Cao{_S}đẳng|Trung{_S}cấp)|[Pp]hòng|Văn{_S}phòng{_S}Bộ|Thanh{_S}tra{_S}Bộ)"
    rf"(?![^\W_])"
)

# Civilian bodies, resolved only when an official's title names them.
_CIVIL_RE = re.compile(
    rf"(?P<body>UBND|(?:Ủy|Uỷ){_S}ban{_S}nhân{_S}dân|HĐND|Hội{_S}đồng{_S}nhân{_S}dân"
    rf"|(?:(?:Ủy|Uỷ){_S}ban{_S})?(?:MTTQ|Mặt{_S}trận{_S}Tổ{_S}quốc)(?:{_S}Việt{_S}Nam)?|UBMTTQ(?:{_S}Việt{_S}Nam)?"
    rf"|Đoàn{_S}(?:ĐBQH|đại{_S}biểu{_S}Quốc{_S}hội))"
    rf"{_S}(?P<div>TP\.|(?:tỉnh|thành{_S}phố|TP|huyện|quận|thị{_S}xã|xã|phường)(?![^\W_]))"
    rf"|(?P<party>(?:Ban{_S}(?:Nội{_S}chính|Tuyên{_S}giáo|Tổ{_S}chức|Dân{_S}vận|Kiểm{_S}tra){_S})?"
    rf"(?:Tỉnh|Thành|Huyện){_S}(?:ủy|uỷ)"
    # The Party's central boards: "Phó Trưởng Ban Tuyên giáo Trung ương".
    rf"|Ban{_S}(?:Nội{_S}chính|Tuyên{_S}giáo(?:{_S}và{_S}Dân{_S}vận)?|Tổ{_S}chức|Dân{_S}vận|Kinh{_S}tế|Đối{_S}ngoại|"
    rf"Chính{_S}sách,{_S}chiến{_S}lược){_S}Trung{_S}ương)(?![^\W_])"
)

# Words of a name: "KH&CN", "TP.HCM", "19-8" stay one word.
_WORD_RE = re.compile(r"[^\W_]+(?:[&.\-][^\W_]+)*")
_GAP_RE = re.compile(_S)
_COMMA_RE = re.compile(rf"{_OS},{_OS}")
_HYPHEN_RE = re.compile(rf"{_OS}[-–]{_OS}")
# A department's parent written after it: "Cục An ninh đối ngoại, Bộ Công an".
_MINISTRY_AFTER_RE = re.compile(rf"{_SEP}Bộ{_S}Công{_S}an(?![^\W_])")
# "Văn phòng Bộ Công an": the ministry's own office, named with the ministry.
_OF_MINISTRY_RE = re.compile(rf"{_S}Công{_S}an(?![^\W_])")
# Before a Phòng's police: "Phòng CSGT, Công an tỉnh X", "Phòng ... thuộc Công an tỉnh X".
_PHONG_PARENT_SEP_RE = re.compile(rf"{_SEP}(?:thuộc{_S})?")
# A district's province after it: ", tỉnh Nghệ An" or "(Nghệ An)".
_LOCATOR_RE = re.compile(rf"{_SEP}(?:(?P<div>tỉnh|thành{_S}phố|TP\.?){_OS}|(?P<paren>\(){_OS})")
_CLOSE_PAREN_RE = re.compile(rf"{_OS}\)")

# Lower-case words that end a name: verbs and function words that follow a unit in a sentence.
_STOP_WORDS = frozenset(
    """đã đang sẽ vừa được bị là có tổ chủ đề phối tham với cùng trong tại của cho thực triển ghi
    tiếp cũng luôn đến từ năm nhằm để theo trên dưới sau trước khi thì mà này đó đây nên vì do qua
    ra vào không chưa rất đều còn chỉ các những nhiều một toàn kịp nhanh báo ban biểu trao nhận
    tặng gửi bắt khởi phá đạt hoàn tích quyết nghiêm sớm cần phải nắm dự họp làm đi lãnh giúp yêu
    tăng giảm kéo đẩy ngày tháng quý sáng chiều tối hôm lần thứ như gồm gặp thăm""".split()
)
# Lower-case words a name cannot end with ("Cục Cảnh sát ... về" cut short by a stop).
_DANGLING = frozenset({"và", "về", "của", "các", "với"})
# Comma-joined word pairs that are one term inside a name ("phòng, chống", "cháy, chữa cháy").
_COMMA_PAIRS = frozenset(
    {("phong", "chong"), ("chay", "chua"), ("nan", "cuu"), ("nhung", "kinh"), ("te", "buon"), ("lau", "moi")}
)
# Police cues that end an unknown name: a rank or title begins a person, not the unit's name.
_PERSON_CUE_RE = re.compile(
    r"(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|Giám\s+đốc|Phó\s|Cục\s+trưởng|Đồng\s+chí",
)

_KNOWN_UNITS = (
    "Cục An ninh chính trị nội bộ",
    "Cục An ninh kinh tế",
    "Cục An ninh đối ngoại",
    "Cục An ninh nội địa",
    "Cục An ninh điều tra",
    "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
    "Cục Quản lý xuất nhập cảnh",
    "Cục Kỹ thuật nghiệp vụ",
    "Cục Hồ sơ nghiệp vụ",
    "Cục Cảnh sát hình sự",
    "Cục Cảnh sát kinh tế",
    "Cục Cảnh sát điều tra tội phạm về ma túy",
    "Cục Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu, môi trường",
    "Cục Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu",
    "Cục Cảnh sát điều tra tội phạm về trật tự xã hội",
    "Cục Cảnh sát phòng, chống tội phạm về môi trường",
    "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    "Cục Cảnh sát giao thông",
    "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "Cục Cảnh sát quản lý trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng",
    "Cục Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
    "Cục Cảnh sát bảo vệ và hỗ trợ tư pháp",
    "Cục Cảnh sát truy nã tội phạm",
    "Cục Cảnh sát đường thủy",
    "Cục Tổ chức cán bộ",
    "Cục Công tác đảng và công tác chính trị",
    "Cục Đào tạo",
    "Cục Kế hoạch và tài chính",
    "Cục Trang bị và kho vận",
    "Cục Quản lý xây dựng và doanh trại",
    "Cục Viễn thông và cơ yếu",
    "Cục Y tế",
    "Cục Pháp chế và cải cách hành chính, tư pháp",
    "Cục Truyền thông Công an nhân dân",
    "Cục Đối ngoại",
    "Cục Công nghiệp an ninh",
    "Cục Cảnh vệ",
    "Văn phòng Bộ Công an",
    "Văn phòng Cơ quan Cảnh sát điều tra Bộ Công an",
    "Thanh tra Bộ Công an",
    "Bộ Tư lệnh Cảnh sát cơ động",
    "Bộ Tư lệnh Cảnh vệ",
    "Viện Khoa học hình sự",
    "Viện Khoa học và công nghệ",
    "Viện Chiến lược và khoa học Công an",
    "Viện Lịch sử Công an",
    "Học viện An ninh nhân dân",
    "Học viện Cảnh sát nhân dân",
    "Học viện Chính trị Công an nhân dân",
    "Học viện Quốc tế",
    "Trường Đại học An ninh nhân dân",
    "Trường Đại học Cảnh sát nhân dân",
    "Trường Đại học Phòng cháy chữa cháy",
    "Trường Đại học Kỹ thuật - Hậu cần Công an nhân dân",
)


# The ministry's units by the codes the press uses for them ("C04", "Cục A05"): the codes both
# before and after the 2025 reorganisation that name one unit of the lexicon.
DEPARTMENT_CODES = {
    "A05": "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
    "A08": "Cục Quản lý xuất nhập cảnh",
    "C01": "Văn phòng Cơ quan Cảnh sát điều tra Bộ Công an",
    "C02": "Cục Cảnh sát hình sự",
    "C03": "Cục Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu",
    "C04": "Cục Cảnh sát điều tra tội phạm về ma túy",
    "C05": "Cục Cảnh sát phòng, chống tội phạm về môi trường",
    "C06": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    "C07": "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "C08": "Cục Cảnh sát giao thông",
    "C09": "Viện Khoa học hình sự",
    "C10": "Cục Cảnh sát quản lý trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng",
    "C11": "Cục Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
    "K01": "Bộ Tư lệnh Cảnh vệ",
    "K02": "Bộ Tư lệnh Cảnh sát cơ động",
}
# A code standing alone or after "Cục", "(C04)" included; never inside a longer word or number.
_CODE_RE = re.compile(rf"(?:(?:Cục|Bộ{_S}Tư{_S}lệnh){_S})?(?P<code>{'|'.join(DEPARTMENT_CODES)})(?![^\W_]|[-/.]\d)")


def _lexicon_pattern(name: str) -> str:
    words = re.split(r"(\s*,\s*|\s+-\s+|\s+)", name)
    parts = []
    for w in words:
        if not w.strip():
            parts.append(r"\s+")
        elif w.strip() == ",":
            parts.append(r"(?:\s*,\s*|\s+)")
        elif w.strip() == "-":
            parts.append(r"\s*[-–]\s*")
        else:
            parts.append(re.escape(w))
    return "".join(parts)


# Known names, longest first, any capitalisation; a name may break over a line here only.
_KNOWN_RE = re.compile(
    "(?:" + "|".join(_lexicon_pattern(n) for n in sorted(_KNOWN_UNITS, key=len, reverse=True)) + r")(?![^\W_])",
    re.IGNORECASE,
)
_KNOWN_BY_FOLD = {fold(n): n for n in _KNOWN_UNITS}
# Short names in use for units of the lexicon, as they read once abbreviations are spelled out
# ("Cục CSMT" -> "Cục Cảnh sát môi trường").
_KNOWN_ALIASES = {
    "Cục Cảnh sát môi trường": "Cục Cảnh sát phòng, chống tội phạm về môi trường",
    "Cục An ninh mạng và phòng, chống tội phạm": "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
}
_KNOWN_BY_FOLD.update({fold(alias): name for alias, name in _KNOWN_ALIASES.items()})

# A name that begins with abbreviations ("Cục CSGT", "Viện KH&CN", "Cục QLHC về TTXH") ends with
# them: the lower-case words after are the sentence's verb ("Cục CSGT giao ban"), not the name.
_ABBREVIATED_RE = re.compile(rf"[A-ZĐ][A-ZĐ&\d]+(?:{_S}(?:về{_S})?[A-ZĐ][A-ZĐ&\d]+)*(?![^\W_])")
# "và" before the head of another unit joins two units, not two words of one name:
# "Cục Cảnh sát PCCC và CNCH và Cục CSMT".
_AND_UNIT_RE = re.compile(
    rf"và{_S}(?:Bộ|Tổng{_S}cục|Cục|Vụ|Học{_S}viện|Viện|Trường|Phòng|Văn{_S}phòng|Thanh{_S}tra|[Cc]ông{_S}an|CA|BCA)"
    rf"(?![^\W_])"
)

# Names in the heads' lists that belong to other state bodies (courts' "Viện Kiểm sát", tax).
_NOT_POLICE_RE = re.compile(
    r"(?:Viện\s+[Kk]iểm\s+sát|Cục\s+(?:Thuế|Hải\s+quan|Thống\s+kê|Quản\s+lý\s+thị\s+trường|Thi\s+hành\s+án\s+dân\s+sự))",
)
# Colleges and institutes outside the lexicon count when their name says they are police ones.
_POLICE_WORD_RE = re.compile(r"Công an|Cảnh sát|An ninh|CAND|Phòng cháy|PCCC|hình sự", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Parsing at a position


@dataclass(frozen=True, slots=True)
class _Hit:
    unit: UnitRef
    end: int  # where the mention, parent locator included, ends


def _ref(text: str, start: int, end: int, **fields: object) -> UnitRef:
    return UnitRef(surface=text[start:end], start=start, end=end, **fields)  # type: ignore[arg-type]


def _from_context(ref: UnitRef) -> UnitRef:
    """A unit whose province the words as written do not name ("Công an tỉnh") but the text around
    them does: its surface is its name, so that "Công an tỉnh" never becomes an alias of one province."""
    return replace(ref, surface=ref.name)


def _is_from_context(text: str, ref: UnitRef) -> bool:
    return ref.surface != text[ref.start:ref.end]


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _cap_first(value: str) -> str:
    return value[:1].upper() + value[1:]


def _canonical(head: str, rest: str) -> str:
    name = f"{squeeze(head)} {_cap_first(expand(squeeze(rest)))}"
    return _KNOWN_BY_FOLD.get(fold(name), name)


def _ministry(text: str, pos: int) -> _Hit | None:
    m = _MINISTRY_RE.match(text, pos)
    if not m:
        return None
    return _Hit(_ref(text, pos, m.end(), name=MINISTRY, kind="ministry"), m.end())


def _province_at(text: str, pos: int) -> tuple[str, int] | None:
    m = _PROVINCE_RE.match(text, pos)
    if not m:
        return None
    return canonical_province(m.group()) or squeeze(m.group()), m.end()


# Capitalised words that begin something else than a place name.
_NOT_A_PLACE = (_PERSON_CUE_RE, _MINISTRY_RE, _POLICE_RE)


def _place_name_end(text: str, pos: int, limit: int = 4, person_first: bool = False) -> int:
    """End of a place name of capitalised words or numbers ("Nghi Lộc", "1"), or `pos`; a person's
    name written straight after it is not part of it ("Công an huyện Yên Thành Trần Văn Lực"), nor,
    with `person_first`, one written instead of it ("UBND huyện Kiều Văn A": a place's first word may
    be a family name, "quận Hoàng Mai", so only where a person is likelier)."""
    end, i = pos, pos
    for _ in range(limit):
        m = _WORD_RE.match(text, i)
        if not m or not _capitalised(m.group()) or any(r.match(text, i) for r in _NOT_A_PLACE):
            break
        surnames = COMMON_SURNAMES if i > pos else SURNAMES if person_first else ()
        if m.group() in surnames and _capitalised_next(text, m.end()):
            break
        end = m.end()
        gap = _GAP_RE.match(text, end)
        if not gap:
            break
        i = gap.end()
    return end


def _capitalised_next(text: str, pos: int) -> bool:
    """Whether a gap and a capitalised word follow `pos`."""
    gap = _GAP_RE.match(text, pos)
    return gap is not None and text[gap.end():gap.end() + 1].isupper()


def _provincial(text: str, start: int, end: int, province: str) -> UnitRef:
    return _ref(
        text, start, end,
        name=f"Công an {division_of(province)} {province}", kind="provincial", province=province, parent=MINISTRY,
    )


def _locator(text: str, pos: int) -> tuple[str | None, int]:
    """A district's ", tỉnh Nghệ An" or "(Nghệ An)": the province and where the locator ends."""
    m = _LOCATOR_RE.match(text, pos)
    found = _province_at(text, m.end()) if m else None
    if m is None or not found:
        return None, pos
    province, end = found
    if m.group("paren"):
        close = _CLOSE_PAREN_RE.match(text, end)
        if not close:
            return None, pos
        end = close.end()
    return province, end


def _police(text: str, pos: int, context: bool = True) -> list[_Hit]:
    """ "Công an tỉnh Nghệ An", "Công an Cà Mau, Bạc Liêu", "Công an huyện Nghi Lộc", ...

    With `context`, an unnamed "Công an tỉnh" (or "Công an thành phố") is the provincial police named
    before it in its paragraph."""
    m = _POLICE_RE.match(text, pos)
    if not m:
        return []
    div = fold(m.group("div") or "").rstrip(".")
    gap = _NAME_GAP_RE.match(text, m.end())
    if not gap:
        return _unnamed(text, pos, m.end(), div, context)
    name_at = gap.end()
    if div in ("", "tinh", "thanh pho", "tp"):
        found = _province_at(text, name_at)
        if found:
            province, end = found
            return [_Hit(_provincial(text, pos, end, province), end), *_more_provinces(text, end)]
        if div == "":
            return []
    end = _place_name_end(text, name_at)
    if end == name_at and div in _UNNAMED_DIVISIONS:
        return _unnamed(text, pos, m.end(), div, context)
    if div == "tinh":
        written = squeeze(text[name_at:end])
        unit = _ref(text, pos, end, name=f"Công an tỉnh {written}", kind="provincial", province=written, parent=MINISTRY)
        return [_Hit(unit, end)]
    if end == name_at:
        return []
    label = "thành phố" if div == "tp" else squeeze(m.group("div")).lower()
    kind = "commune" if div in ("xa", "phuong", "thi tran") else "district"
    place = squeeze(text[name_at:end])
    located, loc_end = _located(text, pos, end, (label, place), context)
    parent = f"Công an {division_of(located)} {located}" if located else None
    name = f"Công an {label} {place}"
    return [_Hit(_ref(text, pos, end, name=name, kind=kind, province=located, parent=parent), loc_end)]


def _located(text: str, pos: int, end: int, place: tuple[str, str], context: bool) -> tuple[str | None, int]:
    """The province of a district or commune named at `pos` to `end`, `place` (division, name): its
    locator (", tỉnh Nghệ An"), else the district's province if only one had a district of that name,
    else, with `context`, the province of the paragraph or of the title and lead; and where the
    mention ends."""
    located, loc_end = _locator(text, end)
    if located is None:
        located = _province_of_district(*place)  # none for a commune: the package lists districts only
    if located is None and context:
        located = _named_before(text, pos, "tỉnh") or _named_before(text, pos, "thành phố") or _lead_province(text)
    return located, loc_end


# The name of a provincial police written without its province, for an editor to complete.
UNNAMED_PROVINCIAL = "Công an tỉnh"

# "Công an tỉnh" and "Công an thành phố" written without a name: the division each refers to.
_UNNAMED_DIVISIONS = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố"}


def _unnamed(text: str, start: int, end: int, div: str, context: bool) -> list[_Hit]:
    """ "Giám đốc Công an tỉnh" with no name: the provincial police of that division last named in
    the paragraph; else, for "tỉnh", a bare "Công an tỉnh" whose province is left for an editor to
    fill in ("Tại điểm cầu Công an tỉnh, ..."). A bare "thành phố" may be a district's city: nothing."""
    division = _UNNAMED_DIVISIONS.get(div)
    if division is None:
        return []
    province = (_named_before(text, start, division) or _named_in_lead(text, division)) if context else None
    if province:
        return [_Hit(_from_context(_provincial(text, start, end, province)), end)]
    if division != "tỉnh":
        return []
    return [_Hit(_ref(text, start, end, name=UNNAMED_PROVINCIAL, kind="provincial", parent=MINISTRY), end)]


def _named_before(text: str, pos: int, division: str, civil: bool = False) -> str | None:
    """The province of `division` whose provincial police (or, with `civil`, a civilian body too)
    was last named in full before `pos` in the same paragraph: "Tại điểm cầu Công an tỉnh Sơn La,
    Đại tá A, Giám đốc Công an tỉnh" -> "Sơn La"."""
    starts, units = _named_in_paragraph(text, line_start(text, pos), civil).get(division, ([], []))
    i = bisect_left(starts, pos)
    while i and units[i - 1].end > pos:  # one that runs past `pos` is not before it
        i -= 1
    return units[i - 1].province if i else None


@per_text
def _named_in_paragraph(text: str, start: int, civil: bool) -> dict[str, tuple[list[int], list[UnitRef]]]:
    """The provincial police (and, with `civil`, civilian bodies) a paragraph names in full, by the
    division of their province, in order: read once per paragraph, so that a paragraph of thousands
    of bare "Công an tỉnh" (a PDF whose line breaks were lost) takes time in proportion to its size."""
    end = line_end(text, start)
    named = [h.unit for m in _POLICE_RE.finditer(text, start, end)
             for h in _police(text, m.start(), context=False) if h.unit.kind == "provincial"]
    if civil:
        named += [hit.unit for m in _CIVIL_RE.finditer(text, start, end) if (hit := _civil(text, m.start(), context=False))]
    by_division: dict[str, tuple[list[int], list[UnitRef]]] = {}
    for unit in sorted(named, key=lambda u: u.start):
        if unit.province:
            starts, units = by_division.setdefault(division_of(unit.province), ([], []))
            starts.append(unit.start)
            units.append(unit)
    return by_division


# How far the title and lead of a report may reach, for the place a report is about.
LEAD_CHARS = 600


def _named_in_lead(text: str, division: str) -> str | None:
    """The province the title and lead (the first two paragraphs) name, if they name just one and it
    is of `division`: a report about a place names it there ("TP.HCM: Công an thành phố triệt phá
    ..."), then says "Công an thành phố" for its police. A report of many places (a national
    conference) names several, and its bare "Công an tỉnh" stays unnamed."""
    only = _lead_province(text)
    return only if only and division_of(only) == division else None


@per_text
def _lead_province(text: str) -> str | None:
    """The one province the title and lead name, if they name just one."""
    lines = [line for line in text[:LEAD_CHARS].splitlines() if line.strip()][:2]
    named = {province for m in _PROVINCE_RE.finditer("\n".join(lines))
             if (province := canonical_province(m.group()))}
    return named.pop() if len(named) == 1 else None


def _more_provinces(text: str, pos: int) -> list[_Hit]:
    """ "Công an Cà Mau, Bạc Liêu": the provinces listed after the first one, each a unit."""
    hits = []
    while (sep := _MORE_PROVINCE_RE.match(text, pos)) and (found := _province_at(text, sep.end())):
        province, end = found
        nxt = _NEXT_LETTER_RE.match(text, end)
        if nxt and nxt.group(1).isupper():
            break
        hits.append(_Hit(_provincial(text, sep.end(), end, province), end))
        pos = end
    return hits


def _next_word(text: str, pos: int, sep: re.Pattern[str]) -> re.Match[str] | None:
    """The word after `sep` at `pos`, when `sep` is there."""
    m = sep.match(text, pos)
    return _WORD_RE.match(text, m.end()) if m and m.end() > pos else None


def _name_end(text: str, pos: int) -> int:
    """End of an unknown unit name that starts at `pos`, judged by the words that follow it."""
    end, i, count = pos, pos, 0
    while count < 16 and (m := _WORD_RE.match(text, i)):
        word = m.group()
        capitalised = _capitalised(word)
        if not capitalised and (count == 0 or word.lower() in _STOP_WORDS):
            break
        if count and capitalised and (
            _MINISTRY_RE.match(text, i) or _PERSON_CUE_RE.match(text, i) or _police(text, i, context=False)
        ):
            break
        if word == "và" and _AND_UNIT_RE.match(text, m.start()):
            break
        if word.lower() not in _DANGLING:
            end = m.end()
        count += 1
        if (gap := _GAP_RE.match(text, m.end())) and not _COMMA_RE.match(text, m.end()):
            i = gap.end()
        elif (nxt := _next_word(text, m.end(), _COMMA_RE)) and (fold(word), fold(nxt.group())) in _COMMA_PAIRS:
            i = nxt.start()
        elif (nxt := _next_word(text, m.end(), _HYPHEN_RE)) and _capitalised(nxt.group()) and not _MINISTRY_RE.match(
            text, nxt.start()
        ):
            i = nxt.start()
        else:
            break
    return end


def _is_known(head: str, rest: str) -> bool:
    """Whether a head and the words after it spell out a known unit, or, for a provincial police's
    "Phòng", one that mirrors a known department of the ministry ("Phòng CSĐT tội phạm về ma túy")."""
    name = fold(_canonical(head, rest))
    return name in _KNOWN_BY_FOLD or (name.startswith("phong ") and "cuc " + name[6:] in _KNOWN_BY_FOLD)


def _abbreviated_end(text: str, head: str, start: int, end: int) -> int:
    """Where a name written with abbreviations between `start` and `end` really ends: the longest
    part that spells out to a known unit ("Cục CSĐT tội phạm về ma túy giao ban" stops before
    "giao"); else, for a name that begins with abbreviations, after them ("Cục CSGT giao ban")."""
    written = text[start:end]
    if expand(written) == written:
        return end
    ends = [m.end() for m in _WORD_RE.finditer(text, start, end)]
    known = next((e for e in reversed(ends) if _is_known(head, text[start:e])), None)
    if known is not None:
        return known
    abbreviated = _ABBREVIATED_RE.match(text, start, end)
    return abbreviated.end() if abbreviated else end


def _kind(name: str) -> str:
    return "institute" if fold(name).startswith(("vien", "hoc vien", "truong")) else "department"


def _organisation(text: str, pos: int) -> _Hit | None:
    """Cục, Vụ, Viện, Học viện, Bộ Tư lệnh, colleges, and a province's Phòng."""
    known = _KNOWN_RE.match(text, pos)
    head = _ORG_HEAD_RE.match(text, pos)
    if not (known or head) or _NOT_POLICE_RE.match(text, pos):
        return None
    if known:
        name, end = _KNOWN_BY_FOLD[fold(known.group())], known.end()
    elif head is None:
        return None
    elif fold(head.group("head")) in ("van phong bo", "thanh tra bo"):
        of_ministry = _OF_MINISTRY_RE.match(text, head.end())
        name, end = f"{squeeze(head.group('head'))} Công an", of_ministry.end() if of_ministry else head.end()
    else:
        gap = _GAP_RE.match(text, head.end())
        end = _name_end(text, gap.end()) if gap else head.end()
        if not gap or end == gap.end():
            return None
        end = _abbreviated_end(text, head.group("head"), gap.end(), end)
        name = _canonical(head.group("head"), text[gap.end():end])
    if fold(name).startswith("phong"):
        return _with_police_parent(text, pos, end, _cap_first(name))
    parent = _MINISTRY_AFTER_RE.match(text, end)
    kind = _kind(name)
    if kind == "institute" and name not in _KNOWN_UNITS and not parent and not _POLICE_WORD_RE.search(name):
        return None
    return _Hit(_ref(text, pos, end, name=name, kind=kind, parent=MINISTRY), parent.end() if parent else end)


def _with_police_parent(text: str, pos: int, end: int, name: str) -> _Hit | None:
    """ "Phòng Cảnh sát giao thông Công an tỉnh Nghệ An": a Phòng counts only with its province's police."""
    sep = _PHONG_PARENT_SEP_RE.match(text, end)
    parents = _police(text, sep.end()) if sep else []
    if not parents or parents[0].unit.kind not in ("provincial", "district"):
        return None
    parent = parents[0].unit
    unit = _ref(
        text, pos, parent.end,
        name=f"{name} {parent.name}", kind="department", province=parent.province, parent=parent.name,
    )
    return _Hit(_from_context(unit) if _is_from_context(text, parent) else unit, parent.end)


# The division of a province's Party committee: "Tỉnh ủy", "Thành ủy".
_PARTY_DIVISIONS = {"tinh uy": "tỉnh", "thanh uy": "thành phố"}


def _civil(text: str, pos: int, context: bool = True) -> _Hit | None:
    """ "UBND tỉnh Nghệ An", "Tỉnh ủy": with `context`, one without its province is that of the
    province last named in the paragraph ("Công an tỉnh Nghệ An ... Bí thư Tỉnh ủy")."""
    m = _CIVIL_RE.match(text, pos)
    if not m:
        return None
    if m.group("party"):
        label, div = squeeze(m.group("party")).replace("uỷ", "ủy"), ""
        division = next((d for key, d in _PARTY_DIVISIONS.items() if fold(label).endswith(key)), None)
    else:
        label, div = expand(squeeze(m.group("body"))).replace("Uỷ", "Ủy"), squeeze(m.group("div"))
        div = "thành phố" if div.startswith("TP") else div
        division = div if div in ("tỉnh", "thành phố") else None
    gap = _NAME_GAP_RE.match(text, m.end())  # "UBND TP.HCM": no gap after "TP."
    province, end, place, mention_end = None, m.end(), None, m.end()
    if gap:
        found = _province_at(text, gap.end())
        if found:
            province, end = found
        elif div and division is None:  # a district's or a commune's: "UBND huyện Hương Sơn"
            place_end = _place_name_end(text, gap.end(), person_first=True)
            if place_end > gap.end():
                place, end = squeeze(text[gap.end():place_end]), place_end
                province, mention_end = _located(text, pos, end, (squeeze(div).lower(), place), context)
    from_context = province is None and context and division is not None
    if from_context and division is not None:
        province = _named_before(text, pos, division, civil=True) or _named_in_lead(text, division)
    name = " ".join(p for p in (label, div, place or province) if p)
    unit = _ref(text, pos, end, name=name, kind="other", province=province)
    return _Hit(_from_context(unit) if from_context and province else unit, max(end, mention_end))


def _department_code(text: str, pos: int) -> _Hit | None:
    """ "C04", "Cục C04": the ministry's department of that code."""
    m = _CODE_RE.match(text, pos)
    if not m:
        return None
    end = _MINISTRY_AFTER_RE.match(text, m.end())
    name = DEPARTMENT_CODES[m.group("code")]
    kind = "institute" if name.startswith("Viện") else "department"
    return _Hit(_ref(text, pos, m.end(), name=name, kind=kind, parent=MINISTRY), end.end() if end else m.end())


# No department's or ministry's name begins as a police's does ("Công an", "CA").
_POLICE_FIRST = ("Công", "công", "CA")


def _hits_at(text: str, pos: int, civil: bool = False) -> list[_Hit]:
    if not text.startswith(_POLICE_FIRST, pos):
        hit = _department_code(text, pos) or _organisation(text, pos) or _ministry(text, pos)
        if hit:
            return [hit]
    hits = _police(text, pos)
    if hits:
        return hits
    hit = _civil(text, pos) if civil else None
    return [hit] if hit else []


# Where a unit mention can begin.
# Its first letter comes first, then the word boundary before it, so that the search can skip in C
# to the capitals (and "c") where a mention may begin; then what may follow each letter.
_START_RE = re.compile(
    r"[CcBTVHPAK](?<![^\W_].)(?:(?<=[Cc])ông\s+an|(?<=C)(?:A\s|ục)|(?<=B)(?:ộ\s|CA)|(?<=T)(?:ổng\s+cục|rường|hanh\s+tra)"
    r"|(?<=V)(?:ụ|iện|ăn\s+phòng)|(?<=H)ọc\s+viện|(?<=P)hòng|(?<=[ACK])\d\d(?![^\W_]))"
)


def find_units(text: str) -> list[UnitRef]:
    """Every police unit named in `text`, in order, mentions not overlapping."""
    found: list[UnitRef] = []
    last = 0
    for m in _START_RE.finditer(text):
        if m.start() < last or _PARTY_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
            continue
        for hit in _hits_at(text, m.start()):
            found.append(hit.unit)
            last = max(last, hit.unit.end)
    return found


def unit_mention(text: str, pos: int, civil: bool = True) -> tuple[UnitRef, int] | None:
    """The unit whose name begins at `pos` and where its mention ends, a following parent or
    locator (", Bộ Công an", ", tỉnh Nghệ An") included; civilian bodies too unless `civil` is false."""
    if not civil and not _START_RE.match(text, pos):  # what find_units reads: no police unit begins here
        return None
    hits = _hits_at(text, pos, civil=civil)
    return (hits[0].unit, hits[0].end) if hits else None


def in_province(ref: UnitRef, police: UnitRef) -> UnitRef:
    """`ref` read inside the part of a report that speaks for the provincial police `police`: a bare
    "Công an tỉnh" is `police`, a "Phòng ... Công an tỉnh" one of its departments; any other unit
    is left as it is."""
    if ref.province or not police.province or police.kind != "provincial":
        return ref
    if ref.kind == "provincial":
        return replace(police, surface=police.name, start=ref.start, end=ref.end)
    if ref.kind == "department" and ref.parent == UNNAMED_PROVINCIAL and ref.name.endswith(ref.parent):
        name = f"{ref.name[:-len(ref.parent)].rstrip()} {police.name}"
        return replace(ref, name=name, surface=name, province=police.province, parent=police.name)
    return ref


def resolve_unit(surface: str) -> UnitRef | None:
    """A unit name as written ("Công an Nghệ An", "Cục CSGT, Bộ Công an") -> its canonical `UnitRef`."""
    start = len(surface) - len(surface.lstrip())
    found = unit_mention(surface, start)
    if found is None:
        return None
    return replace(found[0], surface=squeeze(surface), start=-1, end=-1)
