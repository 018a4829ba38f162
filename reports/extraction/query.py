"""Search queries as a person types them, read the way the whole product searches: whole words,
case and diacritics ignored ("túy" finds "ma túy", never "trực tuyến"; "dak lak" finds "Đắk
Lắk"), a quoted phrase as a phrase, abbreviations both ways ("CSGT" finds "Cảnh sát giao
thông" and back). Plain Python: a query gives a regular expression, for matching texts in
Python and on SQLite and for marking matches, and a tsquery for PostgreSQL's full-text index.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from reports.extraction.glossary import ABBREVIATIONS
from reports.extraction.text import fold

MAX_TERMS = 12
_WORD = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r"[\"“”]([^\"“”]*)[\"“”]?")

Phrase = tuple[str, ...]  # folded words, in order


def words(text: str) -> list[str]:
    """The folded words of a text: what is indexed and what a query matches, word for word."""
    return _WORD.findall(fold(text))


# An abbreviation's folded words -> its spelled-out form's, and back (longest first).
_SPELLED = {tuple(words(short)): tuple(words(long)) for short, long in ABBREVIATIONS.items()}
_SHORT: dict[Phrase, list[Phrase]] = {}
for _short, _long in _SPELLED.items():
    _SHORT.setdefault(_long, []).append(_short)
_LONGEST_FIRST = sorted(_SHORT, key=len, reverse=True)


@dataclass(frozen=True)
class Query:
    """All of `terms` must match; a term matches if any of its phrases does."""

    terms: tuple[tuple[Phrase, ...], ...]

    @classmethod
    def parse(cls, raw: str) -> Query:
        terms: list[tuple[Phrase, ...]] = []
        for quoted, loose in _split(raw):
            if quoted:
                if phrase := tuple(words(quoted)):
                    terms.append(_alternatives(phrase))
                continue
            # Each token is a word, or a phrase when it holds marks ("22.022", "TP.HCM"); a
            # spelled-out abbreviation over several tokens is one phrase ("cảnh sát giao thông").
            tokens = [found for token in loose.split() if (found := tuple(words(token)))]
            while tokens:
                singles = tuple(t[0] for t in itertools.takewhile(lambda t: len(t) == 1, tokens))
                long = next((long for long in _LONGEST_FIRST if singles[:len(long)] == long), None)
                terms.append(_alternatives(long or tokens[0]))
                tokens = tokens[len(long) if long else 1:]
        return cls(tuple(dict.fromkeys(terms))[:MAX_TERMS])

    def __bool__(self) -> bool:
        return bool(self.terms)

    def pattern(self, term: tuple[Phrase, ...]) -> str:
        """A regular expression for one term in unfolded text, whole words only."""
        return "|".join(_phrase_pattern(phrase) for phrase in term)

    def folded_patterns(self) -> list[str]:
        """A regular expression per term for folded text (a search key), whole words, in the
        syntax PostgreSQL and Python share."""
        edge, gap = "[^a-z0-9]", "[^a-z0-9]+"
        return ["|".join(f"(^|{edge}){gap.join(phrase)}({edge}|$)" for phrase in term) for term in self.terms]

    def patterns(self) -> list[str]:
        return [self.pattern(term) for term in self.terms]

    def matches(self, text: str) -> bool:
        return all(re.search(p, text, re.IGNORECASE) for p in self.patterns())

    def spans(self, text: str, limit: int = 50) -> list[tuple[int, int]]:
        """Where the terms stand in `text`, in order, at most `limit` of them: the words of the
        whole query side by side where they are ("Nghệ An"), else each term where it is."""
        if len(self.terms) > 1:
            whole = tuple(word for term in self.terms for word in term[0])
            if found := _find([_phrase_pattern(whole)], text, limit):
                return found
        return _find(self.patterns(), text, limit)

    def tsquery(self) -> str:
        """The query in PostgreSQL's to_tsquery syntax, over the `words` of a text."""
        return " & ".join(
            "(" + " | ".join(" <-> ".join(f"'{w}'" for w in phrase) for phrase in term) + ")" for term in self.terms
        )


def _find(patterns: list[str], text: str, limit: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for pattern in patterns:
        found += [m.span() for m in itertools.islice(re.finditer(pattern, text, re.IGNORECASE), limit)]
    return sorted(found)[:limit]


def _split(raw: str) -> list[tuple[str, str]]:
    """(quoted phrase, "") or ("", loose words), in the order typed; an unclosed quote runs to the end."""
    parts, pos = [], 0
    for match in _QUOTED.finditer(raw):
        parts.append(("", raw[pos:match.start()]))
        parts.append((match.group(1), ""))
        pos = match.end()
    parts.append(("", raw[pos:]))
    return [part for part in parts if part[0].strip() or part[1].strip()]


def _alternatives(phrase: Phrase) -> tuple[Phrase, ...]:
    """A phrase, its abbreviations spelled out, and its spelled-out forms abbreviated."""
    found = [phrase]
    expanded = [w for word in phrase for w in _SPELLED.get((word,), (word,))]
    found.append(tuple(expanded))
    for long, shorts in _SHORT.items():
        for at in range(len(phrase) - len(long) + 1):
            if phrase[at:at + len(long)] == long:
                found += [phrase[:at] + short + phrase[at + len(long):] for short in shorts]
    return tuple(dict.fromkeys(found))


def _phrase_pattern(phrase: Phrase) -> str:
    return r"(?<![^\W_])" + r"[\W_]+".join(_word_pattern(word) for word in phrase) + r"(?![^\W_])"


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> str:
    return "".join(_LETTERS.get(c, re.escape(c)) for c in word)


def _letters() -> dict[str, str]:
    """For each folded letter, a character class of every letter that folds to it: "d" -> [dDđĐ…]."""
    classes: dict[str, set[str]] = {}
    for code in [*range(0x41, 0x250), *range(0x1E00, 0x1F00), *range(0xFF10, 0xFF5B)]:
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isalnum():
            classes.setdefault(folded, {folded}).add(char)
    return {k: "[" + "".join(sorted(v)) + "]" for k, v in classes.items()}


_LETTERS = _letters()


def snippet(text: str, spans: list[tuple[int, int]], width: int = 200) -> list[tuple[str, bool]]:
    """About `width` characters of `text` around its first matches, cut at spaces, as pieces
    (text, whether it is a match) for marking; the text's start when nothing matched."""
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        start = text.find(" ", start, first) + 1 or start
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", max(start, spans[0][1] if spans else start), end) or end
    pieces, pos = [], start
    for at, until in spans:
        if at < pos or until > end:
            continue
        pieces += [(text[pos:at], False), (text[at:until], True)]
        pos = until
    pieces.append((text[pos:end], False))
    return [("…" if start else "", False), *pieces, ("…" if end < len(text) else "", False)]
