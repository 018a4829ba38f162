"""Figures in a report: "khởi tố 19 đối tượng", "giảm 7,73%", "51/51 chỉ tiêu", "trên 50 tỷ đồng".

A figure is a number that counts something: it is followed by a counted noun, "%", a scale word,
a currency or a physical unit. Numbers that name rather than count are left out: dates, years,
periods ("6 tháng đầu năm"), document numbers ("Nghị quyết 57", "Đề án số 06"), event ordinals
("lần thứ 80"), codes glued to letters ("A08", "KH.CM12") and slogans in quotes ("4 tại chỗ").
"""

from __future__ import annotations

import heapq
import itertools
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

import reports.extraction.tokens as tokens
from reports.extraction.numbers import parse_amount, parse_number
from reports.extraction.records import Change, Figure, Kind, Qualifier, UnitRef
from reports.extraction.scan import WordSearch
from reports.extraction.text import per_text, squeeze
from reports.extraction.vocabulary import (
    ANNIVERSARY_BEFORE,
    CAMPAIGN_BEFORE,
    CAMPAIGN_NAME_WORDS,
    CHANGE_WORDS,
    CLOCK_BEFORE,
    COUNTED_NOUNS,
    CURRENCIES,
    DATE_WORDS_BEFORE,
    DAY_BEFORE,
    DAY_PARTS,
    DURATION_UNITS,
    GLUED_UNITS,
    HALF_AFTER_SCALE,
    LABELS,
    MONTH_WORDS,
    NOT_CURRENCY_AFTER_DONG,
    NOT_RELATIVE_AFTER,
    NUMBER_SIGN,
    NUMBER_WORDS,
    PERCENT_WORDS,
    QUALIFIERS,
    QUANTITY_UNITS,
    RELATIVE_PERIOD_AFTER,
    SCALES,
    TOTAL_BEFORE_SIGN,
    word_start_pattern,
    words_pattern,
)

_NUM = r"\d(?:[\d.,]*\d)?"
# A run of digits with its "." and "," marks; numbers.parse_number decides whether it is one number.
_NUMBER = re.compile(_NUM)
# "hàng trăm", "hàng chục nghìn": orders of magnitude written in words.
# Its first letter comes first, then the word boundary before it, so that the search skips in C to an "h".
_ORDER = re.compile(r"[hH](?<!\w.)(?i:àng(?:\s+(?:chục|trăm|nghìn|ngàn|vạn|triệu|tỷ|tỉ))+)(?!\w)")
_SCALE_WORDS = words_pattern(w for w in SCALES if w != "chục")
# "1,6 tỷ", "3 nghìn tỷ", "1 tỷ 200 triệu": scale words after the digits belong to the figure.
_SCALE = re.compile(rf"(?:\s+(?:{_SCALE_WORDS})(?!\w))+(?:\s+{_NUM}(?:\s+(?:{_SCALE_WORDS})(?!\w))+)*", re.IGNORECASE)
# "đồng" is a currency only when it is not the first half of "đồng chí", "đồng bào", "đồng thời"...
_CURRENCY = re.compile(
    rf"\s*(?:(đồng)(?!\s+(?:{words_pattern(NOT_CURRENCY_AFTER_DONG)})(?!\w))|{words_pattern(CURRENCIES)})(?!\w)"
)
# "thu hồi hơn 37 tỷ", "trị giá gần 85 tỷ": sums are often written without "đồng". A scale word is money
# when no noun follows it, or when the noun is a sum of money ("37 tỷ tài sản"); the words before it tell
# how sure that is.
_MONEY_SCALE = re.compile(r"(?<!\w)(?:triệu|tỷ|tỉ)(?!\w)", re.IGNORECASE)
_MONEY_NOUN = re.compile(r"(?:tài sản|tiền|ngân sách|kinh phí|vốn)(?!\w)", re.IGNORECASE)
_MONEY_CONTEXT = re.compile(
    r"(?<!\w)(?:thu hồi|trị giá|giá trị|thiệt hại|thu nộp|nộp|phạt|tài sản|ngân sách|kinh phí|huy động|ủng hộ|"
    r"chiếm đoạt|thu lợi|bồi thường|trả lại|số tiền|tiền)(?!\w)",
    re.IGNORECASE,
)
_MONEY_CONTEXT_REACH = 60
# The currency an amount without one is taken to be in.
_IMPLIED_CURRENCY = "đồng"
_PERCENT = re.compile("|".join(rf"\s+{words_pattern([w])}(?!\w)" if w[0].isalpha() else rf"\s?{re.escape(w)}"
                               for w in PERCENT_WORDS), re.IGNORECASE)
# "(92,7%/75%)": the achieved rate over the planned one.
_TARGET = re.compile(rf"\s?/\s?({_NUM})\s?%")
# "đạt 86,7% (chỉ tiêu Quốc hội giao 70%)": the plan, in brackets after the result.
_TARGET_NOTE = re.compile(rf"\s*\((?:chỉ tiêu|kế hoạch|mục tiêu)[^()%\d]{{0,40}}?({_NUM})\s?%\)", re.IGNORECASE)
# "20-45 ngày", "5 – 10%": a range, unless a third part makes it a date ("19-8-2025").
_RANGE = re.compile(rf"\s?[-–]\s?({_NUM})(?![-–/.]\d)")
# "từ 20 đến 45 ngày".
_FROM_TO = re.compile(rf"\s+(?:đến|tới)\s+({_NUM})(?![-–/.]\d)")
_SLASH_CHAIN = re.compile(rf"(?:/{_NUM})+")
# "quý I/2024": a slash after a Roman numeral is a date; after a noun ("15 vụ/32 bị can") it separates.
_ROMAN_BEFORE = re.compile(r"(?<!\w)[IVX]+/$")
# "123/QĐ-BCA": a document's number and issuer code.
_DOC_CODE = re.compile(r"/[^\W\d_]")

_DURATION = re.compile(rf"\s*({words_pattern(DURATION_UNITS)})(?!\w)", re.IGNORECASE)
_QUANTITY = re.compile(rf"\s*({words_pattern(QUANTITY_UNITS)})(?!\w)")
# Units written straight after the digits ("300kg", "50km"); any other letter glued on makes a code.
_GLUED_UNIT = re.compile(rf"(?:{words_pattern(GLUED_UNITS)})(?!\w)")

# How many tokens before a number the rules read (a label and "số", an ordinal, a qualifier)...
_TOKENS_BEFORE = 4
# ... and before the years or days of an event's name ("đợt tấn công trấn áp tội phạm 90 ngày").
_NAME_TOKENS_BEFORE = 7
# "đứng thứ 2", "xếp thứ 3": a rank; "năm thứ 9 liên tiếp" too; "lần thứ 80" only names an event.
_RANK_VERBS = {"đứng", "xếp", "xếp hạng", "đứng hạng", "giành", "đạt"}
_IN_A_ROW = re.compile(r"\s+liên tiếp(?!\w)")
# "26 và 27/12", "Trong 2 ngày 26": numbers that belong to a date next to them.
_DATE_AFTER = re.compile(r"\s*(?:và|,|-|–|đến|tới)\s*\d{1,2}/\d{1,2}(?!\d)|\s+ngày\s+\d", re.IGNORECASE)
# "10 tháng 12", "18 tháng 12 năm 2024": a day with its month in words, unless another unit follows the
# month's number ("2 tháng 10 ngày" is a duration).
_MONTH_IN_WORDS = re.compile(
    r"\s+tháng\s+(?:(?:0?[1-9]|1[0-2])(?![.,]?\d|\w)(?!\s*(?:\d|(?:ngày|tuần|giờ|tiếng|phút|giây)(?!\w)))"
    rf"|(?:{words_pattern(MONTH_WORDS)})(?!\w))",
    re.IGNORECASE,
)
# What shows "D tháng M" is a date: a day word before it ("sau 3 tháng 2 đơn vị" is a duration), or a year
# or the end of the phrase after it.
_DATE_END = re.compile(r"\s+năm\s+(?:19|20)\d\d(?!\d)|\s*(?:[,.;:)]|$)", re.IGNORECASE | re.MULTILINE)
# "6 tháng đầu năm", "9 tháng năm 2024", "5 năm qua": a period the report covers, not a figure.
_PERIOD_AFTER = re.compile(
    r"\s*,|\s+(?:và|đầu|cuối|năm|qua|vừa qua|gần đây|trở lại đây|thực hiện|triển khai|thi hành|\d)(?!\w)",
    re.IGNORECASE,
)
_NAME_AFTER = re.compile(r"\s+(?=[^\W\d_])")
# "3 năm 6 tháng": months after years.
_AND_MONTHS = re.compile(r"\s+(\d{1,2})\s+tháng(?!\w)", re.IGNORECASE)
# "3kg-6kg": a range with the unit on both sides.
_UNIT_RANGE = re.compile(rf"\s?[-–]\s?({_NUM})\s?({words_pattern(QUANTITY_UNITS)})(?!\w)")
# "1 triệu 2 (tiền mặt)": a digit after the last scale word, then money or the end of the phrase.
_TENTHS = re.compile(r"\s+([1-9])(?![\d.,]\d)(?=\s*(?:[,.;:)]|$|(?:đồng|tiền|VNĐ|VND)(?!\w)))", re.MULTILINE)
# "trong 3 năm (2021-2023)".
_YEARS_IN_BRACKETS = re.compile(r"\s*\(\s*(?:19|20)\d\d")
_HALF = re.compile(rf"\s+(?:{words_pattern(HALF_AFTER_SCALE)})(?!\w)", re.IGNORECASE)
# Numbers spelled out before a counted noun ("hai vụ", "ba tiêu chí"): read as figures too. (A rank
# in words, "xếp thứ nhất", stays a phrase, as the seed key has it.)
_SPELLED = re.compile(
    rf"{word_start_pattern(NUMBER_WORDS)}(?=(?i:\s+(?:{words_pattern(COUNTED_NOUNS)}))(?!\w))"
)
# Numbers written in words, of either kind.
_IN_WORDS = WordSearch((_ORDER, [["hàng"], SCALES]), (_SPELLED, [NUMBER_WORDS, COUNTED_NOUNS]))
_AGE = re.compile(r"\s*tuổi(?!\w)")
# A table row written as a line, "Số vụ vi phạm phát hiện: 1.327; giảm 4,5%" (how Word tables are
# read): a label of a few words, then values, each a number with at most a change word or a
# qualifier before it and a few words after. A figure in it that names no measure of its own counts
# what the label names.
_ROW_LABEL = re.compile(r"[ \t]*([^\W\d_][^:;.\n]{2,120}):[ \t]+")
_ROW_VALUE = re.compile(
    rf"(?:(?:{words_pattern([*CHANGE_WORDS, *QUALIFIERS])})\s+)?[-+−]?{_NUM}\s?%?(?:\s+[^\W\d_]+){{0,4}}|[-–—]",
    re.IGNORECASE,
)
_MAX_LABEL_WORDS = 12
# "tăng gấp 1,7 lần": a multiple of what the subject was, not a count of times.
_TIMES_AFTER = re.compile(r"\s*lần(?!\w)", re.IGNORECASE)

# Anniversaries and campaigns are names, not results: "kỷ niệm 80 năm Ngày truyền thống", "20 năm
# Ngày hội toàn dân bảo vệ an ninh Tổ quốc", "Cao điểm 100 ngày đêm", "chiến dịch 90 ngày".
_YEARS = re.compile(r"\s*năm(?!\w)", re.IGNORECASE)
_ANNIVERSARY_AFTER = re.compile(
    r"\s*năm\s+(?:Ngày|ngày)\s+(?:truyền thống|thành lập|hội|Hội|giải phóng|chiến thắng)(?!\w)"
)
_DAYS = re.compile(r"\s*ngày(?:\s+đêm)?(?!\w)", re.IGNORECASE)

_QUALIFIER_BEFORE = re.compile(rf"(?<!\w)({words_pattern(QUALIFIERS)})\s+$", re.IGNORECASE)
_QUALIFIER_PHRASES = tuple(QUALIFIERS)
# "nhiều hơn 21,63%", "cao hơn": an adjective with "hơn" compares (a change), it does not bound the figure;
# after a change verb "hơn" is "more than": "giảm hơn 10%", "rút ngắn hơn 80% thời gian".
_COMPARATIVES = {"nhiều", "cao", "thấp", "ít", "ngắn", "dài", "lớn", "nhỏ"}
_OR_MORE = re.compile(r"(?:\s+[^\W\d_]+){0,2}\s+trở lên(?!\w)")

# "tăng cường" (to strengthen) is no rise.
_CHANGE = re.compile(rf"({word_start_pattern(CHANGE_WORDS)})(?!\w)(?!\s+(?i:cường))")
# Every change word ends with one of these ("kéo giảm", "ít hơn"): a clause without any has none
# (most figures have no change word, and looking for these costs less than for the words).
_CHANGE_HINTS = sorted({word.split()[-1] for word in CHANGE_WORDS})
# What may stand between a change word and the figure it governs: "so với ..." a comparison,
# adverbs such as "còn", "xuống", and earlier figures of the same list ("21,63% vụ, 47,12% đối tượng").
_GOVERNED_GAP = re.compile(
    rf"(?:\s*so với[^\d;()]{{0,60}}?)?"
    rf"(?:\s*(?:{_NUM}\s?%?[^\d,;()]{{0,40}},))*"
    r"(?:\s*(?:còn|xuống|lên|thêm|được|đến|tới|ở mức|mức|sâu|mạnh|gấp|khoảng|gần|hơn|trên|dưới|xấp xỉ|ước|chỉ còn|"
    r"trên dưới|chưa đến|không quá|tối đa))*\s*",
    re.IGNORECASE,
)

# "(-12,3%)", "(+5 vụ)": a change written as a sign.
_SIGN = re.compile(r"(?:^|[\s(])([-−–+])$")
_WORD = re.compile(r"[^\W\d_]+(?:[-&][^\W\d_]+)*|\n|\S")
# Words that end the noun phrase naming what a number counts.
_STOP = {
    "của", "được", "tại", "trong", "với", "cho", "để", "so", "khi", "do", "từ", "ở", "theo", "nhằm", "đã",
    "đang", "sẽ", "là", "và", "hoặc", "cùng", "có", "trên", "đến", "tới", "qua", "sau", "trước", "nhưng", "mà",
    "nên", "vì", "như", "gồm", "đều", "thì", "bằng", "tăng", "giảm", "này", "đó", "ra", "vào", "lên", "xuống",
    "nhiều", "hơn", "kéo", "đạt", "chiếm", "còn", "cũng", "ngay", "trở", "sang", "tiếp", "vẫn", "mới", "nhất",
    "các", "những", "dưới", "lúc", "hồi", "ngày",
}
# A verb opening the next comma segment: "21 chuyên án, khởi tố ..." is not one list of nouns.
_VERBS = {
    "gây", "bắt", "khởi", "xử", "phát", "thu", "làm", "triệt", "đấu", "cứu", "tặng", "thăm", "xây", "tạm",
    "giải", "đưa", "hoàn", "tham", "bảo", "tiến", "kiểm", "triển", "lập", "tiếp", "vận", "hướng", "phối",
    "thực", "nâng", "tuyên", "truy", "phạt", "góp", "huy", "ngăn", "đẩy",
}
_LEADING = {"các", "những"}
_MAX_MEASURE_WORDS = 10
_MAX_SUBJECT_WORDS = 14
_CLAUSE_REACH = 400
# A comma between words, not the decimal comma of "76,3".
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
# Words that cannot end a measure: "32 bị can về các tội" -> "bị can".
_TRAILING = {"về", "thuộc", "bị"}
# What leads or trails a subject before its verb: "riêng trọng án đạt", "tội phạm ... được kéo giảm sâu".
_SUBJECT_LEAD = re.compile(
    r"^(?:(?:riêng|trong đó|qua đó|nhờ đó|theo đó|đặc biệt|đồng thời|cụ thể|còn|và|với|tuy nhiên|nhất là)\s+)+",
    re.IGNORECASE,
)
_SUBJECT_TAIL = re.compile(
    r"(?:\s+(?:tỷ lệ|đạt|vượt|là|chiếm|giảm|tăng|kéo|được|sâu|mạnh|cao|thấp|còn|lên|xuống|bằng|có|ở|mức|tới|đến|"
    r"khoảng|gần|hơn|trên|dưới|xấp xỉ|ước|nhiều|ít|ngắn|rút|với|tương ứng|gấp|đã|vẫn|tiếp tục|luôn|cũng|đều))+$",
    re.IGNORECASE,
)
# "Chỉ số cải cách hành chính của Công an tỉnh": whose the ranked thing is.
_OWNER = re.compile(r"\s+của\s.*$", re.IGNORECASE)
# A unit, place or people that is ranked, not a measure: "Công an tỉnh", "năm nay đơn vị", "Tỉnh".
_RANKED_BODY = re.compile(
    r"(?<!\w)(?:công an|cục|bộ|sở|phòng|đội|đơn vị|lực lượng|tỉnh|thành phố|huyện|quận|thị xã|xã|phường|"
    r"ban|ủy ban|trại|trường|học viện|viện|đoàn|cơ quan|địa phương|chúng ta)(?!\w)",
    re.IGNORECASE,
)
# Time phrases inside a subject: "Tỷ lệ ... 6 tháng đầu năm 2024 đạt 97,13%".
_PERIOD_PHRASE = re.compile(
    r"\s*(?:(?:trong\s+)?\d+\s+tháng(?:\s+(?:đầu|cuối))?(?:\s+năm)?(?:\s+\d{4})?"
    r"|(?:trong\s+)?(?:năm|quý\s+[IVX\d]+\s*/?)\s*\d{4}|so với cùng kỳ(?:\s+năm\s+\d{4})?)(?!\w)",
    re.IGNORECASE,
)
# (One class of first characters, so that the search skips in C to where a break may be.)
_SENTENCE_BREAK = re.compile(r"[.!?…\r\n](?:(?<=[.!?…])[.!?…]*[\"”')\]]*[ \t\u00a0]+|(?<=\r)\n|(?<=\n))")
# A sentence longer than this (a list that never ends, a PDF's text whose line breaks were lost) is
# cut at a clause mark or a space: each figure keeps a readable sentence, and memory stays linear.
MAX_SENTENCE = 400
# Where such a sentence is cut: after the last clause mark and the space after it, else after the
# last space (each pattern read from where the window starts, to where it ends).
_LAST_CLAUSE_CUT = re.compile(r"(?s:.*)(?<=[;,])\s")
_LAST_CUT = re.compile(r"(?s:.*)\s")
# Spans whose numbers are no figures: short quotes are slogans or titles ("4 tại chỗ", "3 không"),
# and web addresses carry ids.
# (The first character comes first, so that the search skips in C to a quote, a colon or a "w": a
# web address's span starts at its "://", since its "http" holds no number and "h" is common.)
_UNCOUNTED = re.compile(r"[\"“:w](?:(?<=[\"“])[^\"“”\n]{1,60}[\"”]|(?:(?<=http:)|(?<=https:))//\S+|(?<=w)ww\.\S+)")


# Where a figure starts -> the unit it belongs to, and how much less sure that makes it.
Attribution = Callable[[int], tuple[UnitRef | None, float]]


@dataclass(slots=True)
class _Number:
    """A number found in the text and what follows it, before it is judged to be a figure."""

    start: int
    end: int
    value: Decimal
    kind: str = Kind.COUNT
    value_max: Decimal | None = None
    total: Decimal | None = None
    target: Decimal | None = None
    measure: str = ""
    confidence: float = 0.85
    read_to: int = 0  # the end of what was read with it, such as a target in brackets
    before: list[tokens.Token] | None = None  # the tokens before it, read once


def find_figures(text: str, belongs_to: Attribution | None = None) -> list[Figure]:
    """The figures of `text`, in order; each with the unit `belongs_to` gives for where it starts,
    and its confidence lowered by the doubt it gives."""
    sentences = _Sentences(text)
    uncounted = [m.span() for m in _UNCOUNTED.finditer(text)]
    uncounted_starts = [start for start, _ in uncounted]
    figures: list[Figure] = []
    done = 0
    numbers: Iterable[re.Match[str]] = _NUMBER.finditer(text)
    in_words = list(_IN_WORDS.finditer(text))  # rare: merged in only when found
    if in_words:
        numbers = heapq.merge(numbers, in_words, key=lambda m: m.start())
    for match in numbers:
        if match.start() < done:
            continue
        number = _read(text, match)
        done = max(number.end, number.read_to) if number else match.end()
        span = bisect_right(uncounted_starts, match.start()) - 1
        if number and not (span >= 0 and match.start() < uncounted[span][1]):
            figures.append(_figure(text, number, sentences, belongs_to))
    return figures


def sentences(text: str) -> set[str]:
    """Every sentence of the text as a figure's `sentence` holds it (white space squeezed)."""
    found = _Sentences(text)
    return {squeeze(text[a:b]) for a, b in itertools.pairwise(found.breaks)}


class _Sentences:
    """The sentences of a text, each at most MAX_SENTENCE characters, and its lines: found once,
    each sentence's text made once however many figures it holds."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [0]
        for match in _SENTENCE_BREAK.finditer(text):
            if match.end() - self.breaks[-1] > MAX_SENTENCE:
                self._cut_long(match.end())
            self.breaks.append(match.end())
        self._cut_long(len(text))
        self.breaks.append(len(text))
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # Each sentence squeezed, and whether it was written so (single spaces only, as most are): then
        # a figure stands in it where it stands in the text.
        self._said: dict[int, tuple[str, bool]] = {}
        self._headline: dict[int, bool] = {}

    def _cut_long(self, end: int) -> None:
        start = self.breaks[-1]
        while end - start > MAX_SENTENCE:
            window = start + MAX_SENTENCE // 2, start + MAX_SENTENCE
            cut = _LAST_CLAUSE_CUT.match(self.text, *window) or _LAST_CUT.match(self.text, *window)
            start = cut.end() if cut else window[1]
            self.breaks.append(start)

    def around(self, start: int, end: int) -> tuple[str, int]:
        """The sentence holding text[start:end], white space squeezed, and where in it the
        figure starts."""
        first = bisect_right(self.breaks, start) - 1
        last = max(first + 1, bisect_right(self.breaks, end - 1))
        sentence_start = self.breaks[first]
        if last - first > 1:  # a figure across a cut: its sentence is both pieces
            sentence = squeeze(self.text[sentence_start:self.breaks[last]])
        else:
            if first not in self._said:
                written = self.text[sentence_start:self.breaks[last]]
                sentence = squeeze(written)
                self._said[first] = (sentence, written.rstrip() == sentence)
            sentence, as_written = self._said[first]
            if as_written:
                return sentence, start - sentence_start
        before = squeeze(self.text[sentence_start:start])
        spaced = bool(before) and self.text[start - 1].isspace()
        return sentence, len(before) + spaced

    def in_headline(self, position: int) -> bool:
        """Whether the line holding `position` ends without a sentence mark, as a headline does."""
        index = bisect_right(self._line_starts, position) - 1
        if index not in self._headline:
            start = self._line_starts[index]
            end = self._line_starts[index + 1] - 1 if index + 1 < len(self._line_starts) else len(self.text)
            last = self.text[start:end].rstrip()[-1:]
            self._headline[index] = bool(last) and last not in ".!?…;:)\"”"
        return self._headline[index]


def _read(text: str, match: re.Match[str]) -> _Number | None:
    """The number at `match`, read with what follows it, if it is a figure."""
    start, end = match.span()
    if match.re is _SPELLED:
        return _read_spelled(text, start, end)
    if not match.group()[0].isdigit():
        return _read_order(text, start, end)
    value = parse_number(match.group())
    if value is None or _glued_before(text, start):
        return None
    percent = _PERCENT.match(text, end)
    slash = _SLASH_CHAIN.match(text, end)
    if slash and not percent:  # "51/51", "27/12", unless a rank's "thứ" leads ("xếp thứ 3/63")
        before = tokens.before(text, start, _TOKENS_BEFORE)
        if not _ordinal_before(before):
            return _read_slash(text, start, value, slash, before)
    # What follows is read first: most numbers that are no figures are told by it, and it costs less.
    if _DOC_CODE.match(text, end) or _glued_after(text, end) or _names_something(text, start, end, value):
        return None
    before = tokens.before(text, start, _TOKENS_BEFORE)  # read once for every rule that looks back
    if _names_by_label(before):
        return None
    ordinal = _ordinal_before(before)
    number = _Number(start, end, value, before=before)
    if ordinal:
        return _read_rank(text, number, ordinal, slash)
    if percent:
        return _read_percent(text, number, percent.end())
    return _read_amount(text, number)


def _glued_before(text: str, start: int) -> bool:
    """A digit glued onto letters, another number or a date: "A08", "KH.CM12", "/2024", "Covid-19"."""
    if start == 0:
        return False
    previous = text[start - 1]
    if previous.isalpha() or previous in ".,:_":
        return True
    if previous == "/":
        return not text[start - 2:start - 1].isalpha() or bool(_ROMAN_BEFORE.search(text, max(0, start - 6), start))
    return previous in "-–" and start >= 2 and text[start - 2].isalnum()


def _glued_after(text: str, end: int) -> bool:
    """Letters glued on ("1A", "8h30") make a code, a colon a time of day ("10:30")."""
    if text.startswith(":", end):
        return end + 1 < len(text) and text[end + 1].isdigit()
    return end < len(text) and text[end].isalpha() and not _GLUED_UNIT.match(text, end)


def _names_something(text: str, start: int, end: int, value: Decimal) -> bool:
    """A year, a date, a period such as "6 tháng đầu năm", or the name of an anniversary or a
    campaign ("kỷ niệm 80 năm", "cao điểm 100 ngày đêm"); a label before it is read apart
    (_names_by_label)."""
    token = text[start:end]
    if token.isdigit() and len(token) == 4 and 1900 <= value <= 2100 and not _counts_a_noun(text, end):
        return True
    if _ANNIVERSARY_AFTER.match(text, end):
        return True
    if _YEARS.match(text, end) and _after_words(tokens.before(text, start, _NAME_TOKENS_BEFORE), ANNIVERSARY_BEFORE):
        return True
    if _DAYS.match(text, end) and _after_words(tokens.before(text, start, _NAME_TOKENS_BEFORE), CAMPAIGN_BEFORE):
        return True
    if _DATE_AFTER.match(text, end) or _is_day_of_month(text, start, end, value):
        return True
    unit = _DURATION.match(text, end)
    return bool(unit and unit.group(1).lower() in {"tháng", "năm"} and _PERIOD_AFTER.match(text, unit.end())
                and not _AND_MONTHS.match(text, unit.end()))


def _names_by_label(before: list[tokens.Token]) -> bool:
    """Whether the tokens before a number end with a label that makes it a name ("Điều 331", "Đề án
    số 06", "số 31"), not with "tổng số" ("tổng số 300 vụ" counts)."""
    if before and before[-1].text.lower() == NUMBER_SIGN:
        rest = before[:-1]
        return bool(tokens.phrase_at_end(rest, LABELS)) or not (rest and rest[-1].text.lower() == TOTAL_BEFORE_SIGN)
    return tokens.phrase_at_end(before, LABELS) is not None


def _after_words(before: list[tokens.Token], words: tuple[str, ...]) -> bool:
    """Whether the tokens end with one of `words`, a campaign's or an anniversary's words between
    allowed ("kỷ niệm lần thứ 50", "đợt tấn công trấn áp tội phạm 90 ngày")."""
    between = tokens.phrase_at_end(before, CAMPAIGN_NAME_WORDS)
    if between:
        before = before[:len(before) - len(between.split())]
    return tokens.phrase_at_end(before, words) is not None


def _counts_a_noun(text: str, end: int) -> bool:
    """Whether a counted noun follows: "2000 viên", "hai vụ" (vocabulary.COUNTED_NOUNS)."""
    return tokens.phrase_at_start(tokens.after(text, end, 2), COUNTED_NOUNS) is not None


def _is_clock_time(text: str, start: int, unit_end: int) -> bool:
    """ "lúc 8 giờ", "hồi 14 giờ 30 phút", "khoảng 22 giờ ngày 5/3", "9 giờ sáng": a time of day."""
    if tokens.phrase_at_end(tokens.before(text, start, 2), CLOCK_BEFORE):
        return True
    following = tokens.after(text, unit_end, 2)
    if following and following[0].is_number and tokens.phrase_at_start(following[1:], ("phút",)):
        return True
    return tokens.phrase_at_start(following, DAY_PARTS) is not None


def _is_day_of_month(text: str, start: int, end: int, value: Decimal) -> bool:
    """ "Sáng 10 tháng 12", "18 tháng 12 năm 2024": the day of a date with its month in words."""
    month = _MONTH_IN_WORDS.match(text, end)
    if not month or not text[start:end].isdigit() or not 1 <= value <= 31:
        return False
    return bool(tokens.phrase_at_end(tokens.before(text, start, 1), DAY_BEFORE) or _DATE_END.match(text, month.end()))


def _read_slash(text: str, start: int, value: Decimal, slash: re.Match[str], before: list[tokens.Token]
                ) -> _Number | None:
    """ "51/51 chỉ tiêu" is a ratio; "27/12", "1/7/2024", "12/2024" are dates."""
    parts = slash.group()[1:].split("/")
    if len(parts) > 1 or _DOC_CODE.match(text, slash.end()) or _glued_after(text, slash.end()):
        return None
    total = parse_number(parts[0])
    if total is None or total < value or len(parts[0]) == 4:
        return None
    if _names_by_label(before):
        return None
    number = _Number(start, slash.end(), value, Kind.RATIO, total=total, confidence=0.9)
    number.measure = _measure_after(text, slash.end())
    if total <= 12:
        # "1/7", "10/10" may be dates: a ratio only when a counted noun follows and no date word leads.
        if not number.measure or tokens.phrase_at_end(before, DATE_WORDS_BEFORE):
            return None
        if value != total:
            number.confidence = 0.6
    return number


def _ordinal_before(before: list[tokens.Token]) -> tuple[str, int] | None:
    """ "đứng thứ", "xếp hạng thứ", "năm thứ" just before a number: the word before "thứ" ("hạng"
    with its verb) and where it starts; "" for "thứ" opening a phrase ("Thứ 5 tuần sau", a weekday)."""
    before = before[-3:]
    if not before or before[-1].text.lower() != "thứ":
        return None
    if len(before) < 2 or not before[-2].is_word:
        return "", before[-1].start
    word = before[-2]
    if word.text.lower() == "hạng" and len(before) == 3 and before[0].is_word:
        return f"{before[0].text} {word.text}", before[0].start
    return word.text, word.start


def _read_rank(text: str, number: _Number, ordinal: tuple[str, int], slash: re.Match[str] | None) -> _Number | None:
    """ "đứng thứ 2 toàn quốc", "xếp thứ 3/63 địa phương", "năm thứ 9 liên tiếp",
    "Chỉ số cải cách hành chính của Công an tỉnh xếp thứ 6/63" (what is ranked)."""
    word, word_start = ordinal
    if slash:
        number.total = parse_number(slash.group()[1:])
        if number.total is None or "/" in slash.group()[1:]:
            return None
        number.end = slash.end()
    in_a_row = _IN_A_ROW.match(text, number.end)
    if word.lower() in _RANK_VERBS:
        rest = _measure_after(text, number.end)
        number.measure = _ranked(text, word_start) or (squeeze(f"xếp hạng {rest}") if rest else "xếp hạng")
    elif in_a_row:
        number.measure = f"{word.lower()} liên tiếp"
    else:
        return None
    number.kind = Kind.RANK
    return number


def _ranked(text: str, verb: int) -> str:
    """What a rank is of, when the clause names it before the verb: "Chỉ số PAPI của tỉnh xếp thứ 5" ->
    "Chỉ số PAPI". A unit or a place ranked ("Công an tỉnh đứng thứ 2") names no measure."""
    segment = _COMMA.split(text[_clause_start(text, verb):verb])[-1]
    segment = _PERIOD_PHRASE.sub("", squeeze(segment))
    segment = _OWNER.sub("", _SUBJECT_TAIL.sub("", " " + segment)).strip()
    words = _SUBJECT_LEAD.sub("", segment).split()
    if not words or len(words) > _MAX_SUBJECT_WORDS or _RANKED_BODY.search(segment):
        return ""
    if not all(word[0].isalpha() for word in words) or any(_is_name_word(word) for word in words[1:]):
        return ""
    return "" if len(words) == 1 and _is_name_word(words[0]) else " ".join(words)


def _is_name_word(word: str) -> bool:
    """ "Ninh", "Huế": a word of a proper name, unlike "PAPI" or "chỉ"."""
    return word[0].isupper() and word[1:].islower()


def _read_percent(text: str, number: _Number, end: int) -> _Number:
    number.kind = Kind.PERCENT
    number.confidence = 0.9
    target = _TARGET.match(text, end)
    note = _TARGET_NOTE.match(text, end)
    if target:
        number.target = parse_number(target.group(1))
    elif note:
        number.target, number.read_to = parse_number(note.group(1)), note.end()
    number.end = end
    number.measure = _measure_after(text, end) or _measure_before(text, number.start) or _row_label(text, number)
    if not number.measure:
        number.confidence = 0.6
    return number


def _read_amount(text: str, number: _Number) -> _Number | None:
    """A count, duration, quantity or sum of money: what follows the digits decides."""
    digits = text[number.start:number.end]
    upper = _RANGE.match(text, number.end)
    if not upper and _last_word(number) == "từ":
        upper = _FROM_TO.match(text, number.end)
    if upper:
        number.value_max = parse_number(upper.group(1))
        if number.value_max is None or number.value_max <= number.value:
            return None
        number.end = upper.end()
        percent = _PERCENT.match(text, number.end)
        if percent:
            return _read_percent(text, number, percent.end())
    tail = number.end
    scale = _SCALE.match(text, tail)
    if scale:
        value = parse_amount(digits + scale.group())
        if value is None:
            return None
        if upper:
            number.value_max = parse_amount(upper.group(1) + scale.group())
        number.value, number.end = value, scale.end()
        tail = scale.end()
        half = _HALF.match(text, tail)
        tenths = _TENTHS.match(text, tail)
        if half:  # "1 tỷ rưỡi": half the last scale more
            number.value += SCALES[scale.group().split()[-1].lower()] / 2
            number.end = tail = half.end()
        elif tenths:  # "1 triệu 2": two tenths of the last scale more
            number.value += SCALES[scale.group().split()[-1].lower()] * Decimal(tenths.group(1)) / 10
            number.end = tail = tenths.end()
    currency = _CURRENCY.match(text, tail)
    if currency:
        number.kind, number.end = Kind.MONEY, currency.end()
        number.measure = squeeze(currency.group().strip())
        number.confidence = 0.9
        return number
    if _AGE.match(text, tail):
        return None
    if _TIMES_AFTER.match(text, tail) and _last_word(number) == "gấp":
        number.kind, number.measure = Kind.RATIO, _measure_before(text, number.start)
        return number
    duration = _DURATION.match(text, tail)
    if duration:
        unit = squeeze(duration.group(1)).lower()
        if unit == "giờ" and _is_clock_time(text, number.start, duration.end()):
            return None
        following = tokens.after(text, duration.end(), 2)
        if (tokens.phrase_at_start(following, RELATIVE_PERIOD_AFTER)
                and not tokens.phrase_at_start(following, NOT_RELATIVE_AFTER)):
            return None  # "3 năm tới", "2 tuần qua": a period counted from now
        if _YEARS_IN_BRACKETS.match(text, duration.end()):
            return None  # "trong 3 năm (2021-2023)": the period, named
        months = _AND_MONTHS.match(text, duration.end()) if unit == "năm" else None
        if months:  # "3 năm 6 tháng tù"
            number.value += Decimal(months.group(1)) / 12
            number.end = duration.end()
            duration = months
        number.kind, number.measure = Kind.DURATION, unit
        name = _NAME_AFTER.match(text, duration.end())
        if name and text[name.end()].isupper():  # "35 năm Công an nhân dân": perhaps a name
            number.confidence = 0.4
        return number
    quantity = _QUANTITY.match(text, tail)
    if quantity:
        unit_end = quantity.end()
        upper = _UNIT_RANGE.match(text, unit_end)
        if upper and upper.group(2) == quantity.group(1) and not number.value_max:  # "3kg-6kg"
            high = parse_number(upper.group(1))
            if high is not None and high > number.value:
                number.value_max, number.end = high, upper.end()
                unit_end = upper.end()
        number.kind, number.measure = Kind.QUANTITY, _quantity_measure(text, quantity, unit_end)
        number.confidence = 0.9
        return number
    measure = _measure_after(text, tail)
    if scale and _is_sum_of_money(measure, scale.group()):
        return _read_implied_money(text, number, named=bool(measure))
    number.measure = measure or _row_label(text, number)
    return number if number.measure else None


def _quantity_measure(text: str, unit: re.Match[str], end: int) -> str:
    """ "kg ma túy": the unit a quantity is in, and what it is of (read from `end`)."""
    return squeeze(f"{unit.group(1)} {_measure_after(text, end)}")


def _row_label(text: str, number: _Number) -> str:
    """The label of the table row the number stands in, if its line is one (see _ROW_LABEL)."""
    row = _row(text, text.rfind("\n", 0, number.start) + 1)
    if row is None or row[1] > number.start:
        return ""
    number.confidence = min(number.confidence, 0.7)
    return row[0]


@per_text
def _row(text: str, line_start: int) -> tuple[str, int] | None:
    """The label of the line at `line_start` and where its values start, if the line is a table
    row: read once per line, however many values it holds."""
    label = _ROW_LABEL.match(text, line_start)
    if not label or len(label.group(1).split()) > _MAX_LABEL_WORDS:
        return None
    line_end = text.find("\n", label.end())
    values = text[label.end():line_end if line_end >= 0 else len(text)].rstrip()
    if not all(_ROW_VALUE.fullmatch(value.strip()) for value in values.split(";")):
        return None
    return squeeze(label.group(1)), label.end()


def _is_sum_of_money(measure: str, scale: str) -> bool:
    """ "hơn 37 tỷ" alone or "37 tỷ tài sản" is a sum of money; "1,3 triệu lượt người" is a count."""
    return not measure or bool(_MONEY_SCALE.search(scale) and _MONEY_NOUN.match(measure))


def _last_word(number: _Number) -> str:
    """The token just before the number, lower case ("từ 20 đến 45", "gấp 1,7 lần"), or ""."""
    return number.before[-1].text.lower() if number.before else ""


def _read_implied_money(text: str, number: _Number, named: bool) -> _Number:
    """Money written without its currency: surer when a money noun follows or the words before speak of
    money ("thu hồi", "trị giá", "xử phạt")."""
    reach = max(_clause_start(text, number.start), number.start - _MONEY_CONTEXT_REACH)
    sure = named or _MONEY_CONTEXT.search(text, reach, number.start)
    number.kind, number.measure = Kind.MONEY, _IMPLIED_CURRENCY
    number.confidence = 0.8 if sure else 0.5
    return number


def _read_spelled(text: str, start: int, end: int) -> _Number | None:
    """ "hai vụ", "ba tiêu chí", "nửa tấn pháo": a count or quantity spelled out, before the noun it
    counts or the unit it measures in."""
    number = _Number(start, end, NUMBER_WORDS[" ".join(text[start:end].lower().split())], confidence=0.7)
    quantity = _QUANTITY.match(text, end)
    if quantity:
        number.kind, number.measure = Kind.QUANTITY, _quantity_measure(text, quantity, quantity.end())
    else:
        number.measure = _measure_after(text, end)
    return number if number.measure else None


def _read_order(text: str, start: int, end: int) -> _Number | None:
    """ "hàng trăm lá thư", "hàng chục tỷ đồng"."""
    value = parse_amount(text[start:end])
    if value is None:
        return None
    number = _Number(start, end, value, confidence=0.7)
    currency = _CURRENCY.match(text, end)
    if currency:
        number.kind, number.end, number.measure = Kind.MONEY, currency.end(), currency.group().strip()
        return number
    number.measure = _measure_after(text, end)
    return number if number.measure else None


def _measure_after(text: str, position: int) -> str:
    """The noun phrase a number counts: "19 đối tượng xâm phạm ANQG;" -> "đối tượng xâm phạm ANQG"."""
    words: list[str] = []
    segment: list[str] = []
    for token in _WORD.finditer(text, position, min(len(text), position + 200)):
        word = token.group()
        if word[0].isalpha():
            if not words and not segment and word.lower() in _LEADING:
                continue
            if word.lower() in _STOP:
                break
            segment.append(word)
            if len(words) + len(segment) >= _MAX_MEASURE_WORDS:
                break
            continue
        if word == "," and segment and _joins_list(text, token.end(), len(words) + len(segment)):
            words.extend(segment)
            words[-1] += ","
            segment = []
            continue
        break
    words.extend(segment)
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    return " ".join(words).rstrip(",")


def _joins_list(text: str, position: int, taken: int) -> bool:
    """After "băng," does "nhóm tội phạm" continue the same list of nouns? Not a count, in digits or
    in words: "hai vụ, ba đối tượng" is two figures."""
    if taken > 2:
        return False
    following: list[str] = []
    for token in _WORD.finditer(text, position, min(len(text), position + 80)):
        word = token.group()
        if not following and _SPELLED.match(text, token.start()):
            return False
        if not word[0].isalpha() or word.lower() in _STOP:
            if word[0].isdigit():
                return False
            break
        following.append(word.lower())
    return 0 < len(following) <= 4 and following[0] not in _VERBS


def _measure_before(text: str, start: int) -> str:
    """The subject a rate is said of: "số người chết giảm 7,73%" -> "số người chết"."""
    clause_start = _clause_start(text, start)
    subject = _subject(text[clause_start:start])
    if not subject and clause_start > 0 and text[clause_start - 1] == "(":
        subject = _subject(text[_clause_start(text, clause_start - 1):clause_start - 1])
    return subject


def _subject(clause: str) -> str:
    """The last subject named in a clause, looking back over at most two comma segments:
    "Kết quả, đã làm rõ 95/102 vụ, đạt" -> "vụ". In a segment with numbers, what the last of them
    that names something counts, else the words before the first."""
    for segment in _COMMA.split(clause)[::-1][:2]:
        segment = _PERIOD_PHRASE.sub("", squeeze(segment))
        numbers = list(_NUMBER.finditer(segment))
        if numbers:
            measure = next((found for n in reversed(numbers) if (found := _measure_after(segment, n.end()))), "")
            return measure or _subject(segment[:numbers[0].start()])
        segment = _SUBJECT_TAIL.sub("", " " + segment).strip()
        words = _SUBJECT_LEAD.sub("", segment).split()[-_MAX_SUBJECT_WORDS:]
        if any(word[0].isalpha() for word in words):
            return " ".join(words)
    return ""


def _clause_start(text: str, position: int) -> int:
    """Where the clause holding `position` starts: after ";", ":", "(", a line or sentence end."""
    window = max(0, position - _CLAUSE_REACH)
    start = max(text.rfind(";", window, position), text.rfind(":", window, position),
                text.rfind("(", window, position), text.rfind("\n", window, position), window - 1) + 1
    for sentence_break in _SENTENCE_BREAK.finditer(text, start, position):  # the last one counts
        start = sentence_break.end()
    return start


def qualifier_as_written(before: str) -> str:
    """The words of a qualifier ending `before` (the text before a figure), as written: "hơn",
    "gần", "ít nhất"; or ""."""
    found = _QUALIFIER_BEFORE.search(before[-30:])
    return found.group(1) if found else ""


def _is_comparative(words: list[str]) -> bool:
    """Whether these words, just before "hơn", end with an adjective that compares ("nhiều", "cao")."""
    return bool(words) and words[-1] in _COMPARATIVES and not (words[-1] == "ngắn" and words[-2:-1] == ["rút"])


def _qualifier(text: str, number: _Number) -> str:
    if text[number.start:number.end].lower().startswith("hàng"):
        return Qualifier.AT_LEAST
    before = (number.before if number.before is not None else tokens.before(text, number.start, 4))[-4:]
    word = tokens.phrase_at_end(before, _QUALIFIER_PHRASES)
    if word and not (word == "hơn" and _is_comparative([t.text.lower() for t in before[:-1]])):
        return QUALIFIERS[word]
    if _OR_MORE.match(text, number.end):
        return Qualifier.AT_LEAST
    return Qualifier.EXACT


def _change(text: str, number: _Number) -> str | None:
    """ "giảm 7,73%", "nhiều hơn 21,63% vụ, 47,12% đối tượng": the last change word before the figure,
    if nothing but a comparison, adverbs or earlier figures of the same list stand in between.
    A sign glued on, as in "(-12,3%)", says the same."""
    sign = _SIGN.search(text, max(0, number.start - 2), number.start)
    if sign:
        return Change.DECREASE if sign.group(1) in "-−–" else Change.INCREASE
    clause_start = _clause_start(text, number.start)
    clause = text[clause_start:number.start].lower()
    if not any(hint in clause for hint in _CHANGE_HINTS):
        return None
    words = list(_CHANGE.finditer(text, clause_start, number.start))
    found = words[-1] if words else None
    if found is None or not _GOVERNED_GAP.fullmatch(text, found.end(), number.start):
        return None
    return CHANGE_WORDS[" ".join(found.group(1).lower().split())]


def _figure(text: str, number: _Number, sentences: _Sentences, belongs_to: Attribution | None) -> Figure:
    confidence = number.confidence
    if sentences.in_headline(number.start):
        confidence -= 0.2  # a headline only summarises what the body reports
    confidence = round(max(confidence, 0.1), 2)
    unit, doubt = belongs_to(number.start) if belongs_to else (None, 0)
    if doubt:
        confidence = round(max(confidence - doubt, 0.1), 2)
    sentence, at = sentences.around(number.start, number.end)
    return Figure(
        start=number.start,
        end=number.end,
        figure=sys.intern(text[number.start:number.end]),
        value=number.value,
        kind=number.kind,
        measure=sys.intern(number.measure),  # figures and measures recur: keep each once
        sentence=sentence,
        sentence_offset=at,
        qualifier=_qualifier(text, number),
        change=_change(text, number),
        value_max=number.value_max,
        total=number.total,
        target=number.target,
        confidence=confidence,
        unit=unit,
    )
