from __future__ import annotations

import unicodedata

import pytest

from reports.extraction.glossary import expand
from reports.extraction.text import MAX_BYTES, TextError, decode, fold, line_end, line_start, per_text, slugify, squeeze


def test_it_decodes_utf8_to_nfc_and_keeps_line_ends():
    nfd = unicodedata.normalize("NFD", "Đắk Lắk\r\nHải Dương")

    text = decode(nfd.encode("utf-8"))

    assert text == "Đắk Lắk\r\nHải Dương"
    assert unicodedata.is_normalized("NFC", text)


def test_it_drops_a_byte_order_mark_and_keeps_non_breaking_spaces():
    assert decode("\ufeff03 cán\u00a0bộ".encode("utf-8")) == "03 cán\u00a0bộ"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_it_reads_utf16_with_its_byte_order_mark(encoding):
    data = ("" if encoding == "utf-16" else "\ufeff").join(["", "Bắt 19 đối tượng"]).encode(encoding)

    assert decode(data) == "Bắt 19 đối tượng"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("Công an".encode("latin-1"), "not UTF-8"),
        (b"\xff\xfe not a report", "not valid UTF-16"),
        ("\x00\x00".encode("utf-16"), "binary"),
        (b"", "empty"),
        (b" \n\r\n\t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"a" * (MAX_BYTES + 1), "too large"),
    ],
)
def test_it_refuses_what_cannot_be_a_report(data, reason):
    with pytest.raises(TextError, match=reason):
        decode(data)


@pytest.mark.parametrize(
    ("value", "folded"),
    [
        ("Đắk Lắk", "dak lak"),
        ("DAK LAK", "dak lak"),
        ("Công an tỉnh  Hải\u00a0Dương", "cong an tinh hai duong"),
        (unicodedata.normalize("NFD", "Nguyễn Ngọc Cương"), "nguyen ngoc cuong"),
        ("Ｄａｋ　Ｌａｋ", "dak lak"),  # fullwidth letters and space
        ("Nghệ\u200b An\u00ad", "nghe an"),  # a zero-width space, a soft hyphen
        ("\ufeffma\u200dtúy", "matuy"),
        (None, ""),
    ],
)
def test_it_folds_case_diacritics_and_spaces(value, folded):
    assert fold(value) == folded


def test_it_slugifies_with_d_kept():
    assert slugify("Công an tỉnh Đắk Lắk") == "cong-an-tinh-dak-lak"


def test_it_squeezes_white_space():
    assert squeeze("03 cán\u00a0 bộ\r\n hy sinh") == "03 cán bộ hy sinh"


def test_it_expands_abbreviations_in_unit_names():
    assert expand("Cục Cảnh sát QLHC về TTXH") == "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
    assert expand("Viện KH&CN") == "Viện khoa học và công nghệ"
    assert expand("CSGTX") == "CSGTX"


def test_a_line_is_found_around_a_place_whatever_its_line_breaks():
    text = "một\r\nhai\rba\nbốn"
    assert [text[line_start(text, i):line_end(text, i)] for i in (1, 6, 10, 13)] == ["một", "hai", "ba", "bốn"]


def test_per_text_reads_a_key_once_per_text_and_holds_only_the_last_few_texts():
    calls = []

    @per_text
    def first_word_after(text: str, start: int) -> str:
        calls.append((text, start))
        return text[start:].split()[0]

    one, two = "Công an tỉnh Nghệ An", "Công an huyện Nam Đàn"
    assert [first_word_after(one, 8), first_word_after(one, 8), first_word_after(one, 0)] == ["tỉnh", "tỉnh", "Công"]
    assert first_word_after(two, 8) == "huyện"  # another text: its own value, not the first text's
    assert first_word_after(one, 8) == "tỉnh"  # a short text read in between does not push the first out
    assert calls == [(one, 8), (one, 0), (two, 8)]

    others = [f"Công an xã {name}" for name in ("Nghi Phong", "Nghi Lộc", "Hưng Tây", "Diễn Châu")]
    for other in others:
        first_word_after(other, 0)
    first_word_after(one, 8)  # four texts later, the first is read again
    assert calls[-1] == (one, 8)
