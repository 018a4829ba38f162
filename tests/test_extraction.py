"""extract(): the pieces put together, on short texts of our own."""

from __future__ import annotations

from reports.extraction import extract

REVIEW = (
    "Ý kiến tại Hội nghị Công an toàn quốc\n\n"
    "Đại tá Nguyễn Văn An, Giám đốc Công an tỉnh Quảng Bình: Giữ vững ANTT\n\n"
    "Năm 2024, Công an tỉnh đã bắt giữ 120 đối tượng, kéo giảm 8,5% số vụ phạm tội.\n\n"
    "Thiếu tướng Trần Văn Bình, Cục trưởng Cục Cảnh sát giao thông: Bảo đảm TTATGT\n\n"
    "Năm 2024, số người chết vì tai nạn giao thông giảm 9,1%.\n"
)


def test_it_gives_each_figure_the_unit_of_its_section():
    units = {f.figure: f.unit.name for f in extract(REVIEW).figures}

    assert units == {
        "120": "Công an tỉnh Quảng Bình",
        "8,5%": "Công an tỉnh Quảng Bình",
        "9,1%": "Cục Cảnh sát giao thông",
    }


def test_a_bare_provincial_police_in_its_own_section_is_that_police():
    names = {u.name for u in extract(REVIEW).units}

    assert "Công an tỉnh" not in names
    assert "Công an tỉnh Quảng Bình" in names


def test_a_bare_provincial_police_elsewhere_stays_without_province():
    text = "Ngày 5/3, Cục Cảnh sát giao thông đã tổ chức hội nghị. Tại điểm cầu Công an tỉnh, Đại tá Lê Văn Cường, Giám đốc Công an tỉnh dự.\n"

    extraction = extract(text)

    [official] = extraction.officials
    assert official.positions[0].unit.name == "Công an tỉnh"
    assert official.positions[0].unit.province is None
    assert extraction.unit.name == "Cục Cảnh sát giao thông"


def test_offsets_point_into_the_text_as_given():
    text = "Báo cáo\r\n\r\nNăm 2024 đã xử lý 1.234 vụ vi phạm, thu nộp 5,6 tỷ đồng.\r\n"

    for f in extract(text).figures:
        assert text[f.start : f.end] == f.figure


def test_a_department_of_a_bare_provincial_police_in_its_section_belongs_to_that_province():
    text = REVIEW.replace("kéo giảm 8,5% số vụ phạm tội.", "kéo giảm 8,5% số vụ phạm tội. Phòng Cảnh sát hình sự Công an tỉnh đã phá 3 chuyên án.")

    provinces = {u.name: u.province for u in extract(text).units if u.name.startswith("Phòng")}

    assert provinces and set(provinces.values()) == {"Quảng Bình"}
