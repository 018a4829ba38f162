"""The token layer: a text read as numbers (with their marks), words and punctuation, each with its
offsets. Rules ask for the few tokens around a place rather than for a fixed window of
characters; tokens are read on demand, so a text of any size costs no more memory than itself
and its reversed copy (read for the tokens before a place)."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import NamedTuple

from reports.extraction.text import per_text

# A number with its marks ("22.022", "7,73"), a word ("đối", "tượng", "ki-lô-gam"), a line end, or
# one mark of punctuation.
_TOKEN = re.compile(r"\d(?:[\d.,]*\d)?|[^\W\d_]+(?:-[^\W\d_]+)*|\n|[^\s\w]")


class Token(NamedTuple):  # a tuple: rules make thousands of them per text
    text: str
    start: int
    end: int

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


def after(text: str, pos: int, n: int) -> list[Token]:
    """The next `n` tokens from `pos`."""
    found = []
    for m in _TOKEN.finditer(text, pos):
        found.append(Token(m.group(), m.start(), m.end()))
        if len(found) == n:
            break
    return found


def begins_among(text: str, pos: int, n: int, start: int) -> bool:
    """Whether one of the first `n` tokens from `pos` begins at `start` (read no further)."""
    return any(m.start() == start for m in itertools.islice(_TOKEN.finditer(text, pos, start + 1), n))


def before(text: str, pos: int, n: int) -> list[Token]:
    """The last `n` tokens before `pos` (fewer at the start of the text), read backwards: a token
    reads the same both ways (a run of digits and marks from digit to digit, of letters and single
    hyphens from letter to letter, one mark), so the text reversed holds them reversed, in
    reverse order, and the reading stops after `n` however long they are."""
    backwards, size = _reversed(text), len(text)
    found = []
    for m in _TOKEN.finditer(backwards, size - pos):
        found.append(Token(m.group()[::-1], size - m.end(), size - m.start()))
        if len(found) == n:
            break
    found.reverse()
    return found


@per_text
def _reversed(text: str) -> str:
    return text[::-1]


@lru_cache(maxsize=64)
def _by_word(phrases: tuple[str, ...], last: bool) -> dict[str, list[tuple[str, list[str]]]]:
    """The phrases by their first (or last) word, lower case, each list longest first: made once
    per list, so that a lookup tries only the phrases that could match."""
    index: dict[str, list[tuple[str, list[str]]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        words = phrase.lower().split()
        index.setdefault(words[-1] if last else words[0], []).append((phrase, words))
    return index


def phrase_at_start(tokens: list[Token], phrases: tuple[str, ...]) -> str | None:
    """The longest of `phrases` (words as written, any case) the tokens begin with."""
    if not tokens:
        return None
    candidates = _by_word(phrases, last=False).get(tokens[0].text.lower())
    if not candidates:
        return None
    words = [t.text.lower() for t in tokens]
    return next((phrase for phrase, wanted in candidates if words[:len(wanted)] == wanted), None)


def phrase_at_end(tokens: list[Token], phrases: tuple[str, ...]) -> str | None:
    """The longest of `phrases` the tokens end with."""
    if not tokens:
        return None
    candidates = _by_word(phrases, last=True).get(tokens[-1].text.lower())
    if not candidates:
        return None
    words = [t.text.lower() for t in tokens]
    return next((phrase for phrase, wanted in candidates
                 if len(words) >= len(wanted) and words[len(words) - len(wanted):] == wanted), None)
