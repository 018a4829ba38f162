"""The token layer: numbers with their marks, words and punctuation, each with its offsets, read
on demand around a place in the text."""

from __future__ import annotations

import random
import re

from reports.extraction import tokens
from reports.extraction.vocabulary import word_start_pattern


def test_it_reads_numbers_with_their_marks_words_and_punctuation():
    text = "Thu giữ 1.234,5 kg ma túy (tăng 7,73%)."
    assert [t.text for t in tokens.after(text, 0, 12)] == [
        "Thu", "giữ", "1.234,5", "kg", "ma", "túy", "(", "tăng", "7,73", "%", ")", ".",
    ]
    number = tokens.after(text, 8, 1)[0]
    assert (number.start, number.end, number.is_number) == (8, 15, True)


def test_it_tells_whether_a_word_is_among_the_first_tokens():
    text = "Trong năm 2024, Công an tỉnh Nghệ An đã bắt 5 đối tượng."
    at = text.index("Công")
    assert tokens.begins_among(text, 0, 5, at)  # "Trong", "năm", "2024", ",", "Công"
    assert not tokens.begins_among(text, 0, 4, at)
    assert not tokens.begins_among(text, 0, 13, at + 1)  # inside a word


def test_it_gives_the_last_whole_tokens_before_a_place_however_long_the_words():
    text = "Theo ki-lô-gam-ki-lô-gam-ki-lô-gam-ki-lô-gam nghiêng 12 vụ"
    at = text.index("12")
    assert [t.text for t in tokens.before(text, at, 3)] == ["Theo", "ki-lô-gam-ki-lô-gam-ki-lô-gam-ki-lô-gam",
                                                           "nghiêng"]
    assert [t.text for t in tokens.before(text, 4, 3)] == ["Theo"]  # the start of the text


def test_it_never_gives_half_a_word():
    text = "đối tượng phạm tội 5 vụ"
    for at in range(len(text)):
        for token in tokens.before(text, at, 2):
            assert token.start == 0 or not text[token.start - 1].isalnum()


def test_the_tokens_before_a_place_are_those_read_forwards():
    # They are read backwards; a token reads the same both ways, as random texts of digits, marks,
    # letters, hyphens and spaces show.
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice("12.,-ab Đư_;\n") for _ in range(rng.randint(0, 30)))
        at, n = rng.randint(0, len(text)), rng.randint(1, 5)
        forwards = [(m.group(), m.start(), m.end()) for m in tokens._TOKEN.finditer(text, 0, at)][-n:]
        assert [tuple(t) for t in tokens.before(text, at, n)] == forwards, (text, at, n)


def test_phrases_are_found_at_either_end_in_any_case():
    words = tokens.after("Không quá 50 vụ", 0, 3)
    assert tokens.phrase_at_start(words, ("không", "không quá")) == "không quá"
    assert tokens.phrase_at_end(tokens.before("tổng số 300", 8, 2), ("số", "tổng số")) == "tổng số"
    assert tokens.phrase_at_start(words, ("quá",)) is None


def test_a_word_start_pattern_matches_whole_words_only_in_any_case():
    pattern = re.compile(word_start_pattern(["đại tá", "Giám đốc", "tư"]) + r"(?![^\W_])")
    text = "Đại tá A, giám đốc; GIÁM ĐỐC; khảo sát; tướng, tư; ĐạiTá"
    assert [m.group() for m in pattern.finditer(text)] == ["Đại tá", "giám đốc", "GIÁM ĐỐC", "tư"]
