from __future__ import annotations

from reports.extraction.sections import unit_spans

SECTIONED = (
    "Ý kiến tại Hội nghị Công an toàn quốc lần thứ 79\n\n"
    "Trong 2 ngày 18 và 19/12, Hội nghị Công an toàn quốc đã diễn ra tại Hà Nội.\n\n"
    "Thiếu tướng Nguyễn Văn Trung, Cục trưởng Cục Cảnh sát giao thông: Sáu đột phá\n\n"
    "Năm 2023, Cục CSGT đã phối hợp với Công an tỉnh Nghệ An, số người chết giảm 7,73%.\n\n"
    "Đại tá Phạm Thế Tùng, Giám đốc Công an tỉnh Hà Tĩnh: Chủ động từ sớm\n\n"
    "Năm 2023, Công an Hà Tĩnh kéo giảm 5,2% số vụ phạm tội.\n\n"
    "Nhóm PV\n"
)


def unit_of(text: str, offset: int) -> str | None:
    for start, end, unit in unit_spans(text):
        if start <= offset < end:
            return unit.name if unit else None
    raise AssertionError("offset outside the spans")


def assert_partition(text: str) -> None:
    spans = unit_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))


def test_each_section_goes_to_the_unit_of_its_heading() -> None:
    assert_partition(SECTIONED)
    assert unit_of(SECTIONED, SECTIONED.index("7,73%")) == "Cục Cảnh sát giao thông"
    assert unit_of(SECTIONED, SECTIONED.index("5,2%")) == "Công an tỉnh Hà Tĩnh"
    assert unit_of(SECTIONED, SECTIONED.index("Thiếu tướng")) == "Cục Cảnh sát giao thông"


def test_text_before_the_first_heading_goes_to_the_national_report_unit() -> None:
    assert unit_of(SECTIONED, SECTIONED.index("Trong 2 ngày")) == "Bộ Công an"


def test_a_caption_naming_an_official_is_no_heading() -> None:
    text = (
        "Giao ban công tác quý I/2024\n"
        "Ngày 12/4, tại Hà Nội, Cục Cảnh sát giao thông, Bộ Công an đã tổ chức Hội nghị giao ban.\n"
        "Đại tá Phạm Thế Tùng, Giám đốc Công an tỉnh Hà Tĩnh phát biểu tại hội nghị\n"
        "Công an Hà Tĩnh đã xử lý 1.200 trường hợp vi phạm.\n"
    )
    assert len(unit_spans(text)) == 1
    assert unit_of(text, text.index("1.200")) == "Cục Cảnh sát giao thông"


def test_a_report_belongs_to_the_unit_that_held_the_event() -> None:
    text = "Sơ kết 6 tháng\r\nSáng 5/7, Công an tỉnh Nghệ An tổ chức Hội nghị sơ kết công tác công an 6 tháng đầu năm.\r\n"
    assert unit_spans(text) == [(0, len(text), unit_spans(text)[0][2])]
    assert unit_of(text, 0) == "Công an tỉnh Nghệ An"


def test_a_national_police_report_belongs_to_the_ministry() -> None:
    text = (
        "Hội nghị sơ kết công tác công an 6 tháng đầu năm 2024 được tổ chức vào sáng 08/7/2024.\n\n"
        "Báo cáo nêu rõ lực lượng Công an nhân dân đã điều tra 22.022 vụ.\n"
    )
    assert unit_of(text, text.index("22.022")) == "Bộ Công an"


def test_otherwise_the_report_belongs_to_the_unit_named_most() -> None:
    text = (
        "Những tấm gương sáng\n\nCông an huyện Nghi Lộc nhận bằng khen. Công an tỉnh Hà Tĩnh bắt 3 đối tượng. "
        "Công an tỉnh Hà Tĩnh cũng thu giữ 2 kg ma túy; Công an Hà Tĩnh được biểu dương.\n"
    )
    assert unit_of(text, text.index("2 kg")) == "Công an tỉnh Hà Tĩnh"


def test_a_report_naming_no_police_unit_has_none() -> None:
    text = "Tin vắn\nMưa lớn gây ngập nhiều tuyến đường.\n"
    assert unit_spans(text) == [(0, len(text), None)]


def test_an_unnamed_provincial_police_counts_for_the_one_named_before_it() -> None:
    text = (
        "Những tấm gương sáng\n\nCông an tỉnh Hà Tĩnh nhận cờ thi đua. Công an Hà Tĩnh được biểu dương.\n\n"
        "Tại điểm cầu Công an tỉnh Sơn La, Giám đốc Công an tỉnh cho biết Công an tỉnh đã bắt 3 đối tượng.\n"
    )
    assert unit_of(text, text.index("3 đối")) == "Công an tỉnh Sơn La"


def test_an_unnamed_provincial_police_with_no_province_before_it_stays_unnamed() -> None:
    text = (
        "Giao ban trực tuyến\nNgày 2/4, Cục Cảnh sát giao thông, Bộ Công an đã tổ chức Hội nghị giao ban.\n"
        "Tại điểm cầu Công an tỉnh, Đại tá Lê Văn Tâm, Giám đốc Công an tỉnh dự.\n"
    )
    assert unit_of(text, text.index("Đại tá")) == "Cục Cảnh sát giao thông"
