"""A report's metadata: title, event date, the period it covers, source URL and author."""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import re
from collections import Counter

from reports.extraction.records import ReportMeta
from reports.extraction.text import per_text, squeeze
from reports.extraction.vocabulary import word_start_pattern

# A headline is short and has no final period; an event sentence ends in one.
_HEADLINE_MAX = 250
# The lead the event date and the period are read from: the title and the first paragraphs.
_LEAD_LINES = 3

# "Hội nghị sơ kết ... năm 2024 được tổ chức vào sáng 08/7/2024." names its event before the verb.
_EVENT_VERB_RE = re.compile(
    r"\s+(?:đã\s+|vừa\s+)?(?:được\s+tổ\s+chức|diễn\s+ra|khai\s+mạc|tổ\s+chức\s+(?:vào|tại|ngày|sáng|chiều)|"
    r"được\s+tiến\s+hành|đã\s+tổ\s+chức)(?![^\W_])"
)
# Words an event's name begins with.
_EVENT_NOUN = (
    r"(?:Hội\s+nghị|Hội\s+thảo|Hội\s+thi|Hội\s+diễn|Lễ|Buổi|Cuộc|Đại\s+hội|Chương\s+trình|Giao\s+ban"
    r"|Tọa\s+đàm|Phiên|Kỳ\s+họp|Tổng\s+kết|Sơ\s+kết)(?![^\W_])"
)
_EVENT_FIRST_RE = re.compile(_EVENT_NOUN)
# "..., Cục X đã tổ chức Hội nghị giao ban ... quý I/2024 và sơ kết ...": the event after the verb.
_ORGANISED_RE = re.compile(rf"tổ\s+chức\s+(?P<event>{_EVENT_NOUN}[^.;:\n]*)")
_EVENT_END_RE = re.compile(r"\s+(?:và|nhằm|để|với|do|tại)\s+|,|\(")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:/|-|\s+năm\s+)(?P<year>(?:19|20)\d\d)"
_OPT_YEAR = rf"(?:{_YEAR})?"
# Periods a report covers; the year may be missing ("6 tháng cuối năm"). At one place the longest wins.
# (Each begins with its first letter, so that a search skips in C to where it may begin.)
_SIX, _NINE = word_start_pattern(["6", "06", "sáu"]), word_start_pattern(["9", "09", "chín"])
# "năm 2024", not "năm 2021-2025".
_YEAR_AFTER_NAM = r"\s+(?P<year>(?:19|20)\d\d)(?!\s*[-–]\s*\d)"
_PERIOD_PATTERNS = (
    ("quarter", re.compile(rf"{word_start_pattern(['quý'])}\s+(?P<n>IV|III|II|I|[1-4])(?![^\W_]){_OPT_YEAR}", re.IGNORECASE)),
    ("first_half", re.compile(rf"{_SIX}\s+tháng\s+đầu\s+năm(?:\s+(?P<year>(?:19|20)\d\d))?", re.IGNORECASE)),
    ("second_half", re.compile(rf"{_SIX}\s+tháng\s+cuối\s+năm(?:\s+(?P<year>(?:19|20)\d\d))?", re.IGNORECASE)),
    ("nine_months", re.compile(rf"{_NINE}\s+tháng(?:\s+đầu)?\s+năm(?:\s+(?P<year>(?:19|20)\d\d))?", re.IGNORECASE)),
    ("month", re.compile(rf"{word_start_pattern(['tháng'])}\s+(?P<n>1[0-2]|0?[1-9]){_YEAR}", re.IGNORECASE)),
    ("year", re.compile(rf"{word_start_pattern(['năm'])}{_YEAR_AFTER_NAM}")),
)
# The same in a whole text, found from the "ă" of "năm" (or "Ă"): Python's re searches for one
# letter in C many times faster than for a class of letters such as "nN" (and "n" begins most
# Vietnamese syllables); the "n" is looked behind for. A match starts one character after the word.
_YEAR_FROM_A = tuple(re.compile(rf"{a}(?<=(?<![^\W_])[nN]{a})(?i:m){_YEAR_AFTER_NAM}") for a in "ăĂ")
# A year that is a comparison or a horizon, not the period: "so với cùng kỳ năm 2023", "đến năm 2030".
_NOT_PERIOD_BEFORE_RE = re.compile(r"(?:cùng\s+kỳ|so\s+với|từ|đến|tới|trước|sau|sang|giai\s+đoạn|nhiệm\s+kỳ)\s*$", re.IGNORECASE)
# A year of work ahead, not under review: "Công an tỉnh triển khai nhiệm vụ công tác năm 2025" heads the
# conference that reviews 2024; "phương hướng, nhiệm vụ năm 2025". ("Kết quả triển khai thực hiện nhiệm vụ
# năm 2024" reviews its year.)
_PLAN_BEFORE_RE = re.compile(
    r"(?:triển\s+khai|phương\s+hướng)(?:[\s,]+(?:nhiệm\s+vụ|công\s+tác|kế\s+hoạch|chương\s+trình|trọng\s+tâm|"
    r"chủ\s+yếu|công\s+an))*\s*$",
    re.IGNORECASE,
)
# How far back the words that disqualify a period are looked for.
_BEFORE_REACH = 50
# "30 tháng 12 năm 2024" is a day: its month and year name no period.
_DAY_BEFORE_RE = re.compile(r"(?<![\d.,/])[0-3]?\d\s+(?:tháng\s+(?:1[0-2]|0?[1-9])\s+)?$", re.IGNORECASE)
_YEAR_RE = re.compile(r"([12](?<!\d.)(?:(?<=1)9|(?<=2)0)\d\d)(?!\d)")

# Dates: "26 và 27/12", "08/7/2024", "12-4-2024", "ngày 8 tháng 7 năm 2024", "Sáng 10 tháng 12",
# "28.12.2024" (with dots only with its year: "1.234" is a number).
# (The characters a date may begin with are tested first, once at each place.)
_DATE_RE = re.compile(
    r"(?=[\dnsctđh])"
    r"(?:(?<![\d/.])(?P<d>[0-3]?\d)(?:\s*(?:và|-|–|,)\s*[0-3]?\d)?\s*/\s*(?P<m>[01]?\d)(?:\s*/\s*(?P<y>(?:19|20)\d\d))?(?![\d/])"
    r"|(?<![^\W_])(?:ngày|sáng|chiều|tối|trưa|đêm|hôm)\s+(?P<d2>[0-3]?\d)\s*[-–]\s*(?P<m2>[01]?\d)(?:\s*[-–]\s*(?P<y2>(?:19|20)\d\d))?(?![\d-])"
    r"|(?<![^\W_])(?:(?:sáng|chiều|tối|trưa|đêm|hôm)\s+(?:ngày\s+)?|ngày\s+)"
    r"(?P<d3>[0-3]?\d)\s+tháng\s+(?P<m3>[01]?\d)(?!\d)(?:\s+năm\s+(?P<y3>(?:19|20)\d\d))?"
    r"|(?<![\d/.,])(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.(?P<y4>(?:19|20)\d\d)(?![\d.,]\d))",
    re.IGNORECASE,
)
# Dates of documents and of starting points are not the event's: "Chỉ thị số 31 ngày 21/12/2023", "từ 1/7/2024";
# nor one in brackets ("được Quốc hội thông qua (27/11/2023)")...
_NOT_EVENT_DATE_BEFORE_RE = re.compile(r"(?:số\s+\S+\s+(?:ngày\s+)?|từ\s+(?:ngày\s+)?|đến\s+(?:ngày\s+)?|\(\s*)$", re.IGNORECASE)
# ... unless it says which day "today" or "yesterday" is: "Sáng nay (7/1)", "Chiều qua (6/1)".
_TODAY_IN_BRACKETS_RE = re.compile(r"(?<![^\W_])(?:nay|(?:hôm|sáng|chiều|tối|trưa|đêm)\s+qua)\s*\(\s*$", re.IGNORECASE)
# "tính đến ngày 20-10-2021", "tính đến 30/6", "từ đầu năm 2024 đến ngày 15/11/2024": the day the
# figures stand at, the end of the period.
_AS_OF_RE = re.compile(
    r"(?<![^\W_])(?:tính|từ\s+đầu\s+năm(?:\s+(?:19|20)\d\d)?)\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$", re.IGNORECASE
)
# "từ ngày 16/7 đến 15/8", "từ 16-7 đến ngày 15-8-2024", "từ đầu năm 2024 đến ngày 15/11/2024": a
# window of dates the figures cover.
_DAY_MONTH = r"(?P<{d}>[0-3]?\d)\s*[/-]\s*(?P<{m}>[01]?\d)(?:\s*[/-]\s*(?P<{y}>(?:19|20)\d\d))?(?![\d/])"
_WINDOW_RE = re.compile(
    rf"(?<![^\W_])từ\s+(?:(?P<new_year>đầu\s+năm(?:\s+(?P<y0>(?:19|20)\d\d))?)|(?:ngày\s+)?"
    rf"{_DAY_MONTH.format(d='d1', m='m1', y='y1')})\s*(?:đến|tới|[-–])\s*(?:hết\s+)?(?:ngày\s+)?"
    rf"{_DAY_MONTH.format(d='d2', m='m2', y='y2')}",
    re.IGNORECASE,
)

# "Nguồn CAND: https://..." or a URL alone on its line.
_SOURCE_LINE_RE = re.compile(r"^\s*(?:Nguồn[^:\n]*:\s*|Link[^:\n]*:\s*)?(?P<url>https?://\S+)\s*$", re.IGNORECASE)
# A closing line that is not an author: a caption, a note, an end mark.
_AUTHOR_MAX_CHARS = 60
_AUTHOR_MAX_WORDS = 8
_END_MARK_RE = re.compile(r"^[\s./\-–*]+$")
# Credits that close a text without naming its author: "Ảnh: ...", "Nguồn: Báo CAND", "Video: ...".
_CREDIT_RE = re.compile(r"^(?:Ảnh|Nguồn|Video|Clip|Đồ họa)\b", re.IGNORECASE)
# Bylines that name a newsroom or a source rather than people, so are not written in capitals:
# "Nhóm phóng viên", "Nhóm PV", "PV", "Theo báo Công an nhân dân".
_BYLINE_RE = re.compile(r"^(?:Nhóm\s+(?:phóng\s+viên|PV|tác\s+giả)|Phóng\s+viên|PV|Theo)(?![^\W_])", re.IGNORECASE)
# What a byline may say before the author's name: "Bài, ảnh: Ngọc Anh", "Tin và ảnh: Hải Yến", "Bài: A".
_BYLINE_LABEL_RE = re.compile(r"^(?:Bài|Tin)(?:\s*(?:,|và|-|&)\s*ảnh)?\s*:\s*", re.IGNORECASE)
# ... and after it, who took the photos: "Bích Ngọc - Ảnh: Hoàng Anh", "Tin: Hoàng Anh, ảnh: Minh Tú".
_BYLINE_PHOTOS_RE = re.compile(r"\s*[-–,;|]\s*ảnh\s*:.*$", re.IGNORECASE)


def _lines(text: str) -> list[str]:
    return [stripped for line in text.splitlines() if (stripped := line.strip())]


def _is_headline(line: str) -> bool:
    return len(line) <= _HEADLINE_MAX and not line.endswith((".", "…", "!", "?", ";"))


def _title(first: str) -> str:
    if _is_headline(first):
        return squeeze(first)
    verb = _EVENT_VERB_RE.search(first)
    if verb and _EVENT_FIRST_RE.match(first):
        return squeeze(first[: verb.start()])
    organised = _ORGANISED_RE.search(first)
    if organised:
        event = organised.group("event")
        cut = _EVENT_END_RE.search(event)
        return squeeze(event[: cut.start()] if cut else event)
    return squeeze(first.rstrip(".…"))


def _period_from(match: re.Match[str], kind: str, year: int) -> tuple[dt.date, dt.date]:
    if kind == "quarter":
        q = _ROMAN[match.group("n").lower()]
        return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if kind == "first_half":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if kind == "second_half":
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    if kind == "nine_months":
        return dt.date(year, 1, 1), dt.date(year, 9, 30)
    if kind == "month":
        month = int(match.group("n"))
        return dt.date(year, month, 1), _month_end(year, month)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _main_year(text: str) -> int | None:
    """The year the text is about: the one most written as "năm YYYY" outside comparisons."""
    written = heapq.merge(*(pattern.finditer(text) for pattern in _YEAR_FROM_A), key=lambda m: m.start())
    years = Counter(int(m.group("year")) for m in written if _is_period(text, m.start() - 1))
    if not years:
        years = Counter(int(y) for y in _YEAR_RE.findall(text))
    return years.most_common(1)[0][0] if years else None


def _is_period(text: str, start: int) -> bool:
    """Whether the period named at `start` is one under review, not a comparison, horizon or plan."""
    before = text[max(0, start - _BEFORE_REACH):start]
    return not (_NOT_PERIOD_BEFORE_RE.search(before[-20:]) or _PLAN_BEFORE_RE.search(before)
                or _DAY_BEFORE_RE.search(before))


def _window(sources: list[str], year: int | None) -> tuple[dt.date, dt.date] | None:
    """An explicit window of dates in the title or lead ("từ ngày 16/7 đến 15/8"); a missing year is
    the one the text is about, the window's start in the year before its end if it must be."""
    for source in sources:
        m = _WINDOW_RE.search(source)
        if not m:
            continue
        end_year = int(m.group("y2") or year or 0)
        start_year = int(m.group("y1") or m.group("y0") or end_year)
        try:
            start = dt.date(start_year, 1, 1) if m.group("new_year") else dt.date(
                start_year, int(m.group("m1")), int(m.group("d1")))
            end = dt.date(end_year, int(m.group("m2")), int(m.group("d2")))
        except ValueError:
            continue
        if start > end and not (m.group("y1") or m.group("y0")):
            start = start.replace(year=start.year - 1)
        if start <= end:
            return start, end
    return None


def _as_of(sources: list[str], anchor: dt.date | None, year: int | None) -> dt.date | None:
    """The day the figures stand at, "tính đến ngày 20-10-2021", if the title or lead says so."""
    for source in sources:
        for m in _dates(source):
            if _AS_OF_RE.search(source[max(0, m.start() - 25):m.start()]):
                return _date_of(m, anchor, year)
    return None


def _period(sources: list[str], main_year: int | None) -> tuple[dt.date, dt.date] | None:
    """The period a report's title or lead names: an explicit window of dates, else the first
    period named in its title, else in its lead."""
    window = _window(sources, main_year)
    if window:
        return window
    for source in sources:
        found = []
        for kind, pattern in _PERIOD_PATTERNS:
            for m in pattern.finditer(source):
                year = int(m.group("year")) if m.group("year") else main_year
                if year and _is_period(source, m.start()):
                    found.append((m.start(), -len(m.group()), kind, m, year))
        if found:
            _, _, kind, m, year = min(found, key=lambda f: f[:2])
            return _period_from(m, kind, year)
    return None


def _event_date(lead: str, anchor: dt.date | None, year: int | None) -> dt.date | None:
    """The first date in the lead that is not a document's or a starting point's."""
    for m in _dates(lead):
        before = lead[max(0, m.start() - 20):m.start()]
        if _NOT_EVENT_DATE_BEFORE_RE.search(before) and not _TODAY_IN_BRACKETS_RE.search(before):
            continue
        if _AS_OF_RE.search(lead[max(0, m.start() - 25):m.start()]):
            continue
        found = _date_of(m, anchor, year)
        if found:
            return found
    return None


@per_text
def _dates(source: str) -> list[re.Match[str]]:
    """The dates written in the title or the lead, found once for every rule that reads them."""
    return list(_DATE_RE.finditer(source))


def _date_of(m: re.Match[str], anchor: dt.date | None, year: int | None) -> dt.date | None:
    """The date a _DATE_RE match writes; without a year, the one nearest `anchor` (when the report
    was published, else the end of the period it covers), else in `year`."""
    day, month = int(_written(m, "d")), int(_written(m, "m"))
    written = _written(m, "y")
    try:
        if written:
            return dt.date(int(written), month, day)
        if anchor:
            return _nearest(month, day, anchor)
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def _written(m: re.Match[str], part: str) -> str:
    """The day, month or year ("d", "m", "y") of whichever of _DATE_RE's forms matched, or ""."""
    return next((found for suffix in ("", "2", "3", "4") if (found := m.group(part + suffix))), "")


def _nearest(month: int, day: int, anchor: dt.date) -> dt.date:
    """A date written without its year, nearest `anchor`: a review of 2024 held "ngày 10/1" was
    held in 2025; "Sáng nay (7/1)" in an article of 7 January 2025 is that day."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:  # 29/2 outside a leap year
            continue
    if not options:
        raise ValueError(f"no such day: {day}/{month}")
    return min(options, key=lambda d: abs((d - anchor).days))


def _url(lines: list[str]) -> str | None:
    found = [m.group("url") for line in lines if (m := _SOURCE_LINE_RE.match(line))]
    return found[-1] if found else None


def _author(lines: list[str]) -> str | None:
    """The short closing line that names the author: "Nhóm PV", "Phương Thảo", "Minh Anh - Thu Hà",
    "Nguyễn Văn A (TTXVN)", "Theo TTXVN", "Bài, ảnh: Ngọc Anh" and "Bích Ngọc - Ảnh: Hoàng Anh" (the
    writer's name)."""
    closing = next((line for line in reversed(lines[1:])
                    if not any(r.match(line) for r in (_SOURCE_LINE_RE, _END_MARK_RE, _CREDIT_RE))), None)
    if closing is None:
        return None
    last = _BYLINE_PHOTOS_RE.sub("", _BYLINE_LABEL_RE.sub("", closing))
    words = last.split()
    if len(last) > _AUTHOR_MAX_CHARS or len(words) > _AUTHOR_MAX_WORDS or last.endswith((".", ";", ",", "…")):
        return None
    if any(ch.isdigit() or ch == ":" for ch in last):
        return None
    capitalised = sum(w[:1].isupper() for w in words)
    if capitalised * 2 < len(words) and not _BYLINE_RE.match(last):
        return None
    return squeeze(last)


def extract_meta(text: str, published: dt.date | None = None) -> ReportMeta:
    """The report's title, dates, source URL and author, as its text gives them. `published`, when
    the page or file says when it was published, dates what the text writes without a year."""
    lines = _lines(text)
    if not lines:
        return ReportMeta(title="", published=published)
    title = _title(lines[0])
    lead = "\n".join(lines[:_LEAD_LINES])
    main_year = _main_year(text) or (published.year if published else None)
    period = _period([title, lead], main_year)
    as_of = _as_of([title, lead], published or (period[1] if period else None), main_year)
    if as_of and (period is None or not period[0] <= as_of <= period[1]):
        # "Tính đến ngày 20-10-2021" and no period named: from the start of that year to that day.
        period = (dt.date(as_of.year, 1, 1), as_of)
    if period is None and main_year:  # else the year the text is about
        period = (dt.date(main_year, 1, 1), dt.date(main_year, 12, 31))
    event_date = _event_date(lead, published or (period[1] if period else None), main_year) or as_of
    return ReportMeta(
        title=title,
        event_date=event_date,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        url=_url(lines),
        author=_author(lines),
        published=published,
    )
