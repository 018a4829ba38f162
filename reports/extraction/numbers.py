"""Vietnamese numbers: "22.022" -> 22022, "7,73" -> 7.73, "1,6 tỷ" -> 1600000000, "hàng trăm" -> 100.

In Vietnamese "." groups thousands and "," is the decimal mark, the other way round from English.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from reports.extraction.vocabulary import SCALES

# A digit group as written: "22.022", "1.200,5", "7,73", "03". A dot must be followed by exactly three
# digits to group thousands; "7.73" or "1.2" is no Vietnamese number at all.
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:,\d+)?")

# "hàng trăm", "hàng chục nghìn": an order of magnitude meaning "at least that many".
_ORDER = re.compile(r"hàng((?:\s+(?:" + "|".join(SCALES) + r"))+)", re.IGNORECASE)
# "1,6 tỷ", "3 nghìn tỷ", "1 tỷ 200 triệu": digit groups each followed by their scale words.
_AMOUNT_PART = re.compile(r"(\d[\d.,]*)((?:\s+(?:" + "|".join(SCALES) + r"))*)", re.IGNORECASE)


def _clean(value: Decimal) -> Decimal:
    """1.6E+9 -> 1600000000, 7.730 -> 7.73: the plain spelling an export shows."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _scale(words: str) -> Decimal:
    factor = Decimal(1)
    for word in words.split():
        factor *= SCALES[word.lower()]
    return factor


@lru_cache(maxsize=4096)  # the same numbers recur in a text: one Decimal each (they are immutable)
def parse_number(token: str) -> Decimal | None:
    """A digit group ("22.022", "7,73", "03") -> its value, or None when it is no Vietnamese number."""
    if _GROUPED.fullmatch(token):
        token = token.replace(".", "")
    elif not _PLAIN.fullmatch(token):
        return None
    return _clean(Decimal(token.replace(",", ".")))


def parse_amount(text: str) -> Decimal | None:
    """A number with scale words ("1,6 tỷ", "1 tỷ 200 triệu", "hàng trăm") -> its value, or None."""
    text = " ".join(text.split())
    order = _ORDER.fullmatch(text)
    if order:
        return _clean(_scale(order.group(1)))
    total = Decimal(0)
    position = 0
    for part in _AMOUNT_PART.finditer(text):
        if text[position:part.start()].strip():
            return None
        number = parse_number(part.group(1))
        if number is None:
            return None
        total += number * _scale(part.group(2))
        position = part.end()
    if position == 0 or text[position:].strip():
        return None
    return _clean(total)
