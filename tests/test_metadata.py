from __future__ import annotations

import datetime as dt

import pytest

from reports.extraction.metadata import extract_meta


def test_a_headline_first_line_is_the_title() -> None:
    meta = extract_meta("Công an Hà Tĩnh: Kết quả 9 tháng đầu năm 2024\n\nChiều 3-10, Công an tỉnh Hà Tĩnh họp báo.")
    assert meta.title == "Công an Hà Tĩnh: Kết quả 9 tháng đầu năm 2024"


def test_an_event_sentence_first_line_gives_the_event_as_title() -> None:
    meta = extract_meta("Hội nghị tổng kết công tác công an năm 2023 được tổ chức vào sáng 05/01/2024.\n\nNội dung.")
    assert meta.title == "Hội nghị tổng kết công tác công an năm 2023"
    assert meta.event_date == dt.date(2024, 1, 5)


def test_an_opening_sentence_names_the_event_it_organised() -> None:
    meta = extract_meta("Sáng 10/1, Công an tỉnh Nghệ An tổ chức Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ.\n")
    assert meta.title == "Hội nghị tổng kết công tác năm 2024"


def test_it_infers_the_year_of_a_date_from_the_period_covered() -> None:
    text = "Giao ban công tác quý II/2024\nNgày 10/7, tại Hà Nội, Cục Cảnh sát giao thông tổ chức giao ban.\n"
    meta = extract_meta(text)
    assert meta.event_date == dt.date(2024, 7, 10)
    assert (meta.period_start, meta.period_end) == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))


def test_a_review_held_early_next_year_is_dated_in_that_year() -> None:
    meta = extract_meta("Tổng kết công tác năm 2024\nSáng 10/1, Công an tỉnh Nghệ An tổng kết công tác năm 2024.\n")
    assert meta.event_date == dt.date(2025, 1, 10)
    assert (meta.period_start, meta.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_it_reads_a_two_day_event_from_its_first_day() -> None:
    text = "Ý kiến tại hội nghị\n\nTrong 2 ngày 18 và 19/12, Hội nghị đã diễn ra tại Hà Nội.\n\nNăm 2023, Cục đã hoàn thành."
    meta = extract_meta(text)
    assert meta.event_date == dt.date(2023, 12, 18)
    assert (meta.period_start, meta.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_it_reads_half_years_nine_months_and_months() -> None:
    cases = {
        "Sơ kết công tác 6 tháng đầu năm 2025": (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        "Kết quả 6 tháng cuối năm 2023": (dt.date(2023, 7, 1), dt.date(2023, 12, 31)),
        "Kết quả 9 tháng năm 2024": (dt.date(2024, 1, 1), dt.date(2024, 9, 30)),
        "Giao ban tháng 2/2024": (dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        "Báo cáo quý IV năm 2024": (dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
    }
    for title, period in cases.items():
        meta = extract_meta(title + "\nNội dung chính của báo cáo.")
        assert (meta.period_start, meta.period_end) == period, title


def test_a_comparison_year_is_not_the_period() -> None:
    meta = extract_meta("Kết quả nổi bật\nSo với cùng kỳ năm 2023, số vụ giảm. Năm 2024, lực lượng đã nỗ lực; năm 2024 thành công.\n")
    assert (meta.period_start, meta.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_the_year_most_written_is_the_period_in_any_case_but_not_inside_a_word() -> None:
    text = ("Kết quả nổi bật\nLực lượng đã nỗ lực.\nNhiều chuyển biến.\n"
            "NĂM 2023 VÀ NĂM 2023: lực lượng đã nỗ lực; Nam 2024, xnăm 2024, Tnăm 2024, năm 2024.\n")
    meta = extract_meta(text)
    assert (meta.period_start, meta.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_a_document_date_is_not_the_event_date() -> None:
    meta = extract_meta("Triển khai chỉ thị\nThực hiện Chỉ thị số 31 ngày 21/12/2023 của Thủ tướng, lực lượng đã ra quân.\n")
    assert meta.event_date is None


def test_it_reads_the_source_url_and_the_author() -> None:
    text = "Tiêu đề bài\n\nNội dung dài của bài viết, có nhiều câu.\n\nNhóm PV\n\nNguồn CAND: https://cand.com.vn/bai-i1/"
    meta = extract_meta(text)
    assert meta.url == "https://cand.com.vn/bai-i1/"
    assert meta.author == "Nhóm PV"


def test_it_reads_a_bare_url_line_and_an_author_after_an_end_mark() -> None:
    text = "Tiêu đề\r\nNội dung bài viết kết thúc./.\r\nMinh Anh\r\nhttps://example.vn/tin\r\n"
    meta = extract_meta(text)
    assert (meta.url, meta.author) == ("https://example.vn/tin", "Minh Anh")


def test_a_text_ending_in_prose_has_no_author() -> None:
    text = "Tiêu đề\n\nĐề nghị Đảng ủy công an trung ương sớm cụ thể hóa và tập trung lãnh đạo thực hiện có hiệu quả…"
    assert extract_meta(text).author is None


def test_a_closing_caption_is_not_an_author() -> None:
    assert extract_meta("Tiêu đề\n\nNội dung.\n\nQuang cảnh hội nghị").author is None


def test_missing_fields_are_none() -> None:
    meta = extract_meta("Tin vắn\nMưa lớn gây ngập nhiều tuyến đường khiến giao thông ách tắc kéo dài nhiều giờ.")
    assert meta.title == "Tin vắn"
    assert (meta.event_date, meta.period_start, meta.period_end, meta.url, meta.author) == (None,) * 5


@pytest.mark.parametrize(("byline", "author"), [
    ("Bài, ảnh: Ngọc Anh", "Ngọc Anh"), ("Tin và ảnh: Hải Yến", "Hải Yến"), ("Bài: Lê Hà - Minh Tâm", "Lê Hà - Minh Tâm"),
    ("Bích Ngọc - Ảnh: Hoàng Anh", "Bích Ngọc"), ("Tin: Hoàng Anh, ảnh: Minh Tú", "Hoàng Anh"),
])
def test_a_byline_that_says_what_the_author_made_gives_the_name(byline: str, author: str) -> None:
    assert extract_meta(f"Tiêu đề\n\nCông an tỉnh tổng kết năm 2024.\n\n{byline}").author == author


def test_a_photo_credit_after_the_author_is_skipped() -> None:
    text = "Tiêu đề\n\nNội dung bài viết.\n\nHồng Quang - Văn Hải\n\nẢnh: CTV"
    assert extract_meta(text).author == "Hồng Quang - Văn Hải"


def test_it_reads_an_event_date_with_the_month_in_words() -> None:
    meta = extract_meta("Giao ban công tác quý III/2023\nChiều 12 tháng 10 năm 2023, tại Hà Nội, Cục giao ban.\n")
    assert meta.event_date == dt.date(2023, 10, 12)
    assert (meta.period_start, meta.period_end) == (dt.date(2023, 7, 1), dt.date(2023, 9, 30))


def test_it_gives_a_date_in_words_without_a_year_the_year_of_its_period() -> None:
    meta = extract_meta("Công an tỉnh Kon Tum tổng kết công tác năm 2022\n\nSáng ngày 6 tháng 1, Công an tỉnh họp.\n")
    assert meta.event_date == dt.date(2023, 1, 6)
    assert (meta.period_start, meta.period_end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def test_the_year_of_work_ahead_in_a_title_is_not_the_period_reviewed() -> None:
    text = (
        "Công an tỉnh Hòa Bình triển khai nhiệm vụ công tác năm 2026\n\n"
        "Sáng 8/1, Công an tỉnh Hòa Bình tổ chức Hội nghị tổng kết công tác năm 2025, triển khai nhiệm vụ năm 2026.\n\n"
        "Kết quả năm 2025, đơn vị đã bắt giữ nhiều đối tượng.\n"
    )
    meta = extract_meta(text)
    assert (meta.period_start, meta.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert meta.event_date == dt.date(2026, 1, 8)


def test_a_review_held_late_in_its_year_keeps_that_year() -> None:
    text = "Phương hướng, nhiệm vụ năm 2025 của Công an quận\n\nChiều 27/12, Công an quận tổng kết công tác năm 2024.\n"
    meta = extract_meta(text)
    assert (meta.period_start, meta.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert meta.event_date == dt.date(2024, 12, 27)


def test_a_review_of_carrying_out_the_year_s_tasks_covers_that_year() -> None:
    meta = extract_meta("Kết quả triển khai thực hiện nhiệm vụ năm 2023\n\nNgày 4/1, Công an xã họp tổng kết.\n")
    assert (meta.period_start, meta.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_the_month_and_year_of_a_day_are_no_period() -> None:
    text = "Triển khai nhiệm vụ năm 2025\n\nSáng 29 tháng 12 năm 2024, đơn vị tổng kết công tác năm 2024.\n"
    meta = extract_meta(text)
    assert (meta.period_start, meta.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert meta.event_date == dt.date(2024, 12, 29)


def test_it_reads_bylines_of_newsrooms_and_people() -> None:
    body = "Tiêu đề bài\n\nNội dung bài viết có nhiều câu.\n\n"
    for author in ("Nhóm phóng viên", "Nhóm PV", "PV", "Phóng viên thường trú", "Theo báo Công an nhân dân",
                   "Lan Hương - Đức Minh", "Trần Quốc Việt (TTXVN)"):
        assert extract_meta(body + author).author == author, author
