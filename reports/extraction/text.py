"""Vietnamese text helpers: decoding, NFC, folding for search and matching."""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

MAX_BYTES = 5 * 1024 * 1024
T = TypeVar("T")


class TextError(ValueError):
    """A file that cannot be a report (not UTF-8, empty, binary, too large)."""


def decode(data: bytes) -> str:
    """Bytes of a report file -> its text: UTF-8 (a BOM is dropped), or UTF-16 with its BOM (what
    Windows' Notepad and Word save as "Unicode"), NFC, nothing else touched.

    CRLF, non-breaking spaces and blank lines are kept so that offsets point into the text
    the reader sees.
    """
    if len(data) > MAX_BYTES:
        raise TextError(f"too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise TextError("starts as UTF-16 (byte-order mark) but is not valid UTF-16") from None
    else:
        if b"\x00" in data:
            raise TextError("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TextError(f"not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None
    if "\x00" in text:
        raise TextError("binary file (contains NUL characters)")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise TextError("empty file")
    return text


def fold(value: str | None) -> str:
    """Lower case, no diacritics ("Đắk Lắk" -> "dak lak"), single spaces; fullwidth and other
    compatibility forms as their plain letters (NFKC), invisible format characters (zero-width
    spaces and joiners, soft hyphens, a stray BOM) dropped, as text pasted from the web has them.

    "đ" has no Unicode decomposition, so it is mapped by hand.
    """
    if not value:
        return ""
    return _fold_name(value) if len(value) <= _NAME_LENGTH else _fold(value)


# Names and words recur, and are folded once each; a whole text is folded as it comes.
_NAME_LENGTH = 200


@lru_cache(maxsize=16384)
def _fold_name(value: str) -> str:
    return _fold(value)


def _fold(value: str) -> str:
    value = "".join(c for c in unicodedata.normalize("NFKC", value) if unicodedata.category(c) != "Cf")
    value = value.replace("đ", "d").replace("Đ", "D")
    value = unicodedata.normalize("NFD", value)
    value = "".join(c for c in value if not unicodedata.combining(c))
    return " ".join(value.lower().split())


def slugify(value: str) -> str:
    """A URL slug that keeps "đ" as "d" (Django's slugify drops it)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")


def squeeze(value: str) -> str:
    """Collapse any run of white space (also non-breaking) to one space."""
    return " ".join(value.split())


def line_start(text: str, pos: int) -> int:
    """Where the line (a paragraph, in most texts) holding `pos` starts."""
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def line_end(text: str, pos: int) -> int:
    """Where the line holding `pos` ends (its line break, or the end of the text)."""
    return min((i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0), default=len(text))


# How many texts per_text keeps values for: the one being read, and the short names rules resolve
# while reading it ("Công an tỉnh" as a unit's parent), so that these do not push it out.
_TEXTS_KEPT = 4


def per_text(function: Callable[..., T]) -> Callable[..., T]:
    """Keeps what `function(text, *key)` gives for the texts being read, one value a key: what a
    rule reads once per paragraph or line and asks for again at every figure in it. Only the last
    few texts read are held (lru_cache would keep every text of a long import alive), each found by
    identity; threads reading other texts at the same time each get values of their own text."""
    recent: list[list[tuple[str, dict[tuple[object, ...], T]]]] = [[]]  # the latest first

    @functools.wraps(function)
    def kept(text: str, *key: object) -> T:
        entries = recent[0]
        if entries and entries[0][0] is text:  # the text being read, asked for again and again
            values = entries[0][1]
        else:
            values = next((values for held, values in entries if held is text), {})
            recent[0] = [(text, values), *(e for e in entries if e[0] is not text)][:_TEXTS_KEPT]
        if key not in values:
            values[key] = function(text, *key)
        return values[key]

    return kept
