"""Searching a whole text for the words of a list, fast.

Python's re tries a pattern at every place where a word may begin, which in Vietnamese, whose
words begin with a handful of letters, is nearly every word: 0.4-0.7 ms for one search of a 22 kB
report. RE2 (google-re2: a DFA, one pass over the text in C) finds where the words are written in a
fraction of that. A `WordSearch` asks RE2 for those places, and tries the rule's own pattern (Python's
re, with its look-arounds and its word boundaries) only there, so that what it finds is exactly
what `pattern.finditer(text)` finds. Several rules' words are looked for in one pass: RE2's cost is
in the pass and in each call for a place (a few µs), not in the number of words.

RE2 reads the same words any case, any white space between them, no word boundaries: a superset of
where the pattern can match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import re2

from reports.extraction.text import per_text

# White space as Python's re reads \s in text (RE2's \s is ASCII only, without "\v").
_SPACE = r"[\t-\r\x{1c}-\x{20}\x{85}\pZ]+"
_BETWEEN_WORDS = re.compile(r"[\W_]+")


@per_text
def _utf8(text: str) -> bytes:
    """The text as RE2 reads it, made once for all searches of a text; its places are counted back
    in characters as they come. A lone surrogate, which no UTF-8 holds, is kept as three bytes that
    match nothing."""
    return text.encode(errors="surrogatepass")


def _alternatives(words: Iterable[str]) -> str:
    phrases = sorted({_SPACE.join(re.escape(part) for part in word.split()) for word in words}, key=len, reverse=True)
    return f"(?:{'|'.join(phrases)})"


class WordSearch:
    """`pattern.finditer(text)` of each of `searches` (a pattern, and the lists of words it begins
    with, one after the other, white space between), for patterns that match only where a word
    begins; all found in one RE2 pass over the text, given in order of where they start (at one
    place, in the order the searches are listed)."""

    def __init__(self, *searches: tuple[re.Pattern[str], list[Iterable[str]]]) -> None:
        self.patterns = [pattern for pattern, _ in searches]
        self._where = re2.compile("(?i)" + "|".join(_SPACE.join(_alternatives(each) for each in words)
                                                     for _, words in searches))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        data = _utf8(text)
        end = 0  # where the last place found ends, in characters
        done = [0] * len(self.patterns)  # where each pattern's last match ended: none overlap
        for hit in self._where.finditer(data):
            # RE2 gives places in bytes. The words found are the first such words after the last
            # place (else RE2 would have found those), so the text finds them there: faster than
            # counting the characters of the bytes before them.
            words = data[hit.start():hit.end()].decode(errors="surrogatepass")
            char = text.find(words, end)
            end = char + len(words)
            # A match may also begin at a later word of the words found ("Giám đốc" in "Phó Giám
            # đốc"), whichever search found them.
            for start in (char, *(m.end() for m in _BETWEEN_WORDS.finditer(text, char, end))):
                for i, pattern in enumerate(self.patterns):
                    found = pattern.match(text, start) if start >= done[i] else None
                    if found:
                        done[i] = found.end()
                        yield found
