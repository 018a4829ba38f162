"""Whole-text searches for words of a list (RE2 finds where they are written, the rule's own
pattern decides): what they find is exactly what the pattern's own finditer finds."""

from __future__ import annotations

import random
import re

from reports.extraction.scan import WordSearch
from reports.extraction.vocabulary import COUNTED_NOUNS, NUMBER_WORDS, word_start_pattern

TITLES = ["Giám đốc", "Phó Giám đốc", "Chủ tịch", "Phó Chủ tịch", "Bí thư", "Trưởng"]
TITLE = re.compile(word_start_pattern(TITLES) + r"(?![^\W_])")
SPELLED = re.compile(rf"{word_start_pattern(NUMBER_WORDS)}(?=\s+(?i:vụ|đối tượng|người)(?!\w))")


def spans(found) -> list[tuple[int, int]]:
    return [m.span() for m in found]


def test_it_finds_what_the_pattern_finds_in_any_case_and_spacing():
    text = ("Phó  Giám đốc Công an tỉnh, PHÓ GIÁM ĐỐC Sở Tư pháp, phó giám\u00a0đốc Trần Văn An;\n"
            "Chủ tịch\nUBND tỉnh và Bí thư Tỉnh ủy; tăng trưởng 5%.")
    search = WordSearch((TITLE, [TITLES]))
    assert spans(search.finditer(text)) == spans(TITLE.finditer(text))
    assert [m.group() for m in search.finditer(text)][:3] == ["Phó  Giám đốc", "PHÓ GIÁM ĐỐC", "phó giám\u00a0đốc"]


def test_a_match_may_begin_inside_a_phrase_that_is_none():
    # RE2 finds "Phó Giám đốc" in "KhóPhó Giám đốc", which is none (no word begins there), but
    # "Giám đốc" inside it is one; in "Phó Chủ tịchs" neither is.
    text = "KhóPhó Giám đốc Công an; Phó Chủ tịchs UBND"
    search = WordSearch((TITLE, [TITLES]))
    assert spans(search.finditer(text)) == spans(TITLE.finditer(text)) == [(7, 15)]


def test_words_inside_other_words_are_no_match():
    text = "khai hai vụ, nhai ba đối tượng, giám đốcc, mười lăm người"
    search = WordSearch((SPELLED, [NUMBER_WORDS, COUNTED_NOUNS]))
    assert [m.group() for m in search.finditer(text)] == ["hai", "ba", "mười lăm"]
    assert spans(search.finditer(text)) == spans(SPELLED.finditer(text))


def test_offsets_count_characters_not_bytes():
    text = "Đắk Lắk: Ủy ban đã xử lý hai vụ. " * 3
    found = list(WordSearch((SPELLED, [NUMBER_WORDS, COUNTED_NOUNS])).finditer(text))
    assert [text[m.start():m.end()] for m in found] == ["hai"] * 3


def test_a_lone_surrogate_is_read_past():
    text = "bắt \ud800 hai vụ, \udfff ba người"  # text that is no UTF-8 (from a broken escape, say)
    found = WordSearch((SPELLED, [NUMBER_WORDS, COUNTED_NOUNS])).finditer(text)
    assert [m.group() for m in found] == ["hai", "ba"]


def test_it_agrees_with_the_pattern_on_random_texts():
    pieces = ["Giám đốc", "Phó", "giám", "đốc", "Chủ", "tịch", "hai", "vụ", "ba", "người", "Trưởng", "Bí thư",
              "mười", "lăm", "x", ",", ";", "\n", "\u00a0", "  ", "Đ", "đối tượng"]
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "\u00a0"]) for _ in range(40))
        for pattern, words in ((TITLE, [TITLES]), (SPELLED, [NUMBER_WORDS, COUNTED_NOUNS])):
            assert spans(WordSearch((pattern, words)).finditer(text)) == spans(pattern.finditer(text)), text
        # Both searched in one pass: each finds what it finds alone, in order of where they start.
        both = list(WordSearch((TITLE, [TITLES]), (SPELLED, [NUMBER_WORDS, COUNTED_NOUNS])).finditer(text))
        alone = sorted([*TITLE.finditer(text), *SPELLED.finditer(text)], key=lambda m: (m.start(), m.re is SPELLED))
        assert [(m.re, m.span()) for m in both] == [(m.re, m.span()) for m in alone], text
