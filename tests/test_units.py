from __future__ import annotations

from reports.extraction.text import fold
from reports.extraction.units import (
    _KNOWN_UNITS,
    CURRENT_PROVINCES,
    LEGACY_PROVINCES,
    PROVINCES,
    canonical_province,
    find_units,
    in_province,
    province_successor,
    resolve_unit,
    unit_mention,
)


def names(text: str) -> list[str]:
    return [u.name for u in find_units(text)]


def test_it_knows_the_provinces_before_and_after_the_2025_merger() -> None:
    assert len(LEGACY_PROVINCES) == 63
    assert len(CURRENT_PROVINCES) == 34
    assert {"Hải Dương", "Hải Phòng", "Nghệ An", "Hồ Chí Minh"} <= set(PROVINCES)
    assert not any(p.startswith(("Tỉnh ", "Thành phố ")) for p in PROVINCES)


def test_it_maps_a_former_province_to_the_one_it_became_part_of() -> None:
    assert province_successor("Hải Dương") == "Hải Phòng"
    assert province_successor("Bạc Liêu") == "Cà Mau"
    assert province_successor("Nghệ An") == "Nghệ An"
    assert province_successor("Hòa Bình") == province_successor("Hoà Bình") == "Phú Thọ"
    assert province_successor("Atlantis") is None


def test_it_reads_province_names_in_either_tone_placement_and_dash() -> None:
    assert canonical_province("Thanh Hoá") == canonical_province("Thanh Hóa")
    assert canonical_province("Bà Rịa-Vũng Tàu") == canonical_province("Bà Rịa – Vũng Tàu")


def test_it_spells_out_abbreviations_in_department_names() -> None:
    assert resolve_unit("Cục CSGT").name == "Cục Cảnh sát giao thông"
    assert resolve_unit("Cục Cảnh sát QLHC về TTXH").name == "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
    assert fold(resolve_unit("Viện KH&CN").name) == fold("Viện Khoa học và công nghệ")


def test_every_known_department_resolves_to_itself() -> None:
    # Also guards the shortcut that reads a name beginning "Công an" as a police's only.
    assert [name for name in _KNOWN_UNITS if getattr(resolve_unit(name), "name", None) != name] == []


def test_it_drops_the_ministry_after_a_department_and_keeps_it_as_parent() -> None:
    unit = resolve_unit("Cục An ninh đối ngoại, Bộ Công an")
    assert (unit.name, unit.kind, unit.parent) == ("Cục An ninh đối ngoại", "department", "Bộ Công an")


def test_two_capitalisations_of_one_department_fold_to_one_name() -> None:
    a = resolve_unit("Cục Cảnh sát Quản lý Trại giam, Cơ sở giáo dục bắt buộc, Trường giáo dưỡng")
    b = resolve_unit("Cục Cảnh sát quản lý trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng")
    assert fold(a.name) == fold(b.name)


def test_it_names_provincial_police_in_full_however_written() -> None:
    for written in ("Công an Nghệ An", "Công an tỉnh Nghệ An", "công an tỉnh Nghệ An"):
        unit = resolve_unit(written)
        assert (unit.name, unit.kind, unit.province, unit.parent) == (
            "Công an tỉnh Nghệ An", "provincial", "Nghệ An", "Bộ Công an")


def test_it_names_city_police_with_thanh_pho() -> None:
    for written in ("Công an thành phố Hà Nội", "Công an TP Hà Nội", "Công an TP. Hà Nội", "Công an Hà Nội"):
        assert resolve_unit(written).name == "Công an thành phố Hà Nội"
    assert resolve_unit("Công an TP. Hồ Chí Minh").name == "Công an thành phố Hồ Chí Minh"
    assert resolve_unit("Công an TP.HCM").province == "Hồ Chí Minh"


def test_it_splits_police_of_listed_provinces_into_units() -> None:
    text = "phối hợp với Công an Cà Mau, Bạc Liêu và Sóc Trăng tặng quà"
    units = find_units(text)
    assert [u.province for u in units] == ["Cà Mau", "Bạc Liêu", "Sóc Trăng"]
    assert all(text[u.start:u.end] == u.surface for u in units)


def test_a_province_followed_by_a_name_is_not_a_list_item() -> None:
    assert names("Công an tỉnh Quảng Bình, Hà Nam Phong cho biết") == ["Công an tỉnh Quảng Bình"]


def test_it_keeps_police_of_an_unnamed_province_for_an_editor() -> None:
    unit = find_units("Tại điểm cầu Công an tỉnh, Đại tá Nguyễn Văn Hải dự.")[0]
    assert (unit.name, unit.kind, unit.province) == ("Công an tỉnh", "provincial", None)


def test_it_ends_a_long_department_name_at_the_verb() -> None:
    text = "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao đã chủ trì xác lập 21 chuyên án."
    assert names(text) == ["Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"]


def test_it_ends_an_unknown_department_name_by_vietnamese_cues() -> None:
    assert names("Cục Cảnh sát bảo vệ mục tiêu đã tổ chức diễn tập") == ["Cục Cảnh sát bảo vệ mục tiêu"]
    assert names("Vụ Pháp chế, Bộ Công an chủ trì") == ["Vụ Pháp chế", "Bộ Công an"]
    assert names("Tổng cục Kỹ thuật: thành lập") == ["Tổng cục Kỹ thuật"]


def test_it_does_not_take_a_following_unit_into_a_name() -> None:
    text = "phối hợp giữa Cục An ninh kinh tế với Cục Cảnh sát kinh tế, đây là kiểu mẫu"
    assert names(text) == ["Cục An ninh kinh tế", "Cục Cảnh sát kinh tế"]


def test_it_reads_a_department_name_broken_over_a_line() -> None:
    assert names("Cục trưởng Cục Cảnh sát quản lý hành chính\nvề trật tự xã hội phát biểu") == [
        "Cục Cảnh sát quản lý hành chính về trật tự xã hội"]


def test_it_reads_district_and_commune_police() -> None:
    district = resolve_unit("Công an huyện Nghi Lộc, tỉnh Nghệ An")
    assert (district.name, district.kind, district.province, district.parent) == (
        "Công an huyện Nghi Lộc", "district", "Nghệ An", "Công an tỉnh Nghệ An")
    assert resolve_unit("Công an thành phố Vinh").kind == "district"
    assert resolve_unit("Công an Quận 1").name == "Công an quận 1"
    commune = resolve_unit("Công an xã Nghi Phong")
    assert (commune.name, commune.kind) == ("Công an xã Nghi Phong", "commune")


def test_it_reads_a_province_department_with_its_police_as_parent() -> None:
    unit = resolve_unit("Phòng CSGT, Công an tỉnh Thanh Hóa")
    assert unit.name == "Phòng Cảnh sát giao thông Công an tỉnh Thanh Hóa"
    assert (unit.kind, unit.province, unit.parent) == ("department", "Thanh Hóa", "Công an tỉnh Thanh Hóa")


def test_a_department_of_no_particular_province_is_not_a_unit() -> None:
    assert names("Phòng An ninh đối ngoại Công an các địa phương") == []


def test_it_tells_institutes_and_commands_apart_from_departments() -> None:
    assert resolve_unit("Học viện Cảnh sát nhân dân").kind == "institute"
    assert resolve_unit("Trường Đại học Phòng cháy chữa cháy").kind == "institute"
    assert resolve_unit("Bộ Tư lệnh Cảnh sát cơ động").kind == "department"
    assert resolve_unit("Bộ Công an").kind == "ministry"


def test_bodies_that_are_not_police_units_are_not_found() -> None:
    text = (
        "Công an nhân dân, Công an các đơn vị, địa phương, Công an toàn quốc, Đảng ủy Công an Trung ương, "
        "Bộ Chính trị, Chính phủ, Quốc hội, Ban Chỉ đạo An toàn, An ninh mạng quốc gia, Hiệp hội An ninh mạng, "
        "Viện Kiểm sát nhân dân tối cao, Trường Đại học Luật Hà Nội, Vụ án xảy ra, Cục đã chỉ đạo"
    )
    assert find_units(text) == []


def test_the_party_committee_of_a_provincial_police_is_not_the_police() -> None:
    assert names("Đảng ủy Công an tỉnh Nghệ An ban hành nghị quyết") == []


def test_civilian_bodies_resolve_but_are_not_listed_as_police() -> None:
    assert find_units("tham mưu UBND tỉnh Nghệ An và Tỉnh ủy Nghệ An") == []
    ubnd = resolve_unit("UBND tỉnh Nghệ An")
    assert (ubnd.name, ubnd.kind, ubnd.province) == ("Ủy ban nhân dân tỉnh Nghệ An", "other", "Nghệ An")
    assert resolve_unit("Tỉnh ủy Nghệ An").kind == "other"


def test_offsets_point_into_the_text_as_written() -> None:
    text = "Ngày 5/1,\u00a0Công an\u00a0tỉnh Thanh Hóa phối hợp với Cục CSGT, Bộ Công an.\r\n"
    units = find_units(text)
    assert [text[u.start:u.end] for u in units] == [u.surface for u in units]
    assert [u.name for u in units] == ["Công an tỉnh Thanh Hóa", "Cục Cảnh sát giao thông", "Bộ Công an"]


def test_it_resolves_nothing_from_words_that_are_no_unit() -> None:
    assert resolve_unit("lực lượng Công an") is None
    assert resolve_unit("") is None


def test_a_name_written_in_abbreviations_ends_before_the_verb() -> None:
    assert names("Sáng 9/5, Cục CSGT giao ban trực tuyến với các địa phương") == ["Cục Cảnh sát giao thông"]
    assert names("Cục CSKT mở đợt cao điểm chống hàng giả") == ["Cục Cảnh sát kinh tế"]
    assert names("Cục CSMT bảo đảm an ninh cho lễ hội") == ["Cục Cảnh sát phòng, chống tội phạm về môi trường"]
    assert names("Viện KH&CN bảo đảm an ninh mạng cho kỳ thi") == ["Viện Khoa học và công nghệ"]
    assert names("Cục QLXNC cấp 500 hộ chiếu") == ["Cục Quản lý xuất nhập cảnh"]


def test_words_after_abbreviations_stay_when_they_complete_a_known_name() -> None:
    assert names("Cục CSĐT tội phạm về ma túy giao chỉ tiêu cho các phòng") == [
        "Cục Cảnh sát điều tra tội phạm về ma túy"]
    assert names("Cục Cảnh sát QLHC về TTXH mở lớp tập huấn") == [
        "Cục Cảnh sát quản lý hành chính về trật tự xã hội"]


def test_va_before_another_unit_ends_the_first_name() -> None:
    assert names("Cục Cảnh sát PCCC và CNCH và Cục CSHS phối hợp diễn tập") == [
        "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Cục Cảnh sát hình sự"]
    assert names("Cục Tham mưu và Viện Khoa học hình sự ký kết quy chế") == ["Cục Tham mưu", "Viện Khoa học hình sự"]
    assert names("Cục Thông tin và truyền thông tổ chức lớp học") == ["Cục Thông tin và truyền thông"]


def test_an_unnamed_provincial_police_is_the_one_named_before_in_the_paragraph() -> None:
    text = ("Tại điểm cầu Công an tỉnh Quảng Trị, Đại tá Lê Văn Bình, Giám đốc Công an tỉnh chủ trì; "
            "Thượng tá Hồ Sĩ Nam, Phó Giám đốc Công an tỉnh cùng dự.")
    units = find_units(text)
    assert [(u.name, u.province) for u in units] == [("Công an tỉnh Quảng Trị", "Quảng Trị")] * 3
    assert [text[u.start:u.end] for u in units] == ["Công an tỉnh Quảng Trị", "Công an tỉnh", "Công an tỉnh"]
    city = find_units("Công an TP Cần Thơ giao ban; Phó Giám đốc Công an thành phố báo cáo.")
    assert [u.name for u in city] == ["Công an thành phố Cần Thơ"] * 2


def test_an_unnamed_provincial_police_looks_no_further_than_its_paragraph_and_division() -> None:
    text = ("Công an tỉnh Gia Lai và Công an tỉnh Kon Tum tổ chức hội nghị.\n"
            "Đại tá Rơ Mah Tuấn, Giám đốc Công an tỉnh phát biểu.")
    assert [u.province for u in find_units(text)] == ["Gia Lai", "Kon Tum", None]
    assert [u.province for u in find_units("Công an thành phố Huế phối hợp với Công an tỉnh bắt giữ")] == ["Huế", None]
    assert names("Công an tỉnh Kon Tum phối hợp với Công an thành phố bắt giữ") == ["Công an tỉnh Kon Tum"]


def test_a_department_of_an_unnamed_provincial_police_takes_the_province_named_before() -> None:
    text = "Công an tỉnh Gia Lai khen thưởng cán bộ Phòng Cảnh sát kinh tế Công an tỉnh vì thành tích."
    department = find_units(text)[1]
    assert (department.name, department.province, department.parent) == (
        "Phòng Cảnh sát kinh tế Công an tỉnh Gia Lai", "Gia Lai", "Công an tỉnh Gia Lai")


def test_a_unit_of_no_named_province_is_placed_in_the_province_of_its_section() -> None:
    police = resolve_unit("Công an tỉnh Bình Định")
    bare, department = find_units("Lãnh đạo Công an tỉnh khen Phòng CSGT Công an tỉnh.")
    placed = in_province(department, police)
    assert (placed.name, placed.province, placed.parent) == (
        "Phòng Cảnh sát giao thông Công an tỉnh Bình Định", "Bình Định", "Công an tỉnh Bình Định")
    assert (placed.start, placed.end) == (department.start, department.end)
    assert in_province(bare, police).name == "Công an tỉnh Bình Định"
    ministry_department = resolve_unit("Cục CSGT")
    assert in_province(ministry_department, police) == ministry_department


def test_an_unnamed_civilian_body_is_that_of_the_province_named_before() -> None:
    text = "Tại Công an tỉnh Lâm Đồng, đồng chí Trần Đức Quận, Bí thư Tỉnh ủy; Chủ tịch UBND tỉnh Hồ Văn Mười dự."
    assert names(text) == ["Công an tỉnh Lâm Đồng"]
    assert [u.name for u in find_units("UBND tỉnh Hà Nam và Tỉnh ủy phát động")] == []


def test_words_that_name_no_province_never_become_the_surface_of_one() -> None:
    text = "Công an tỉnh Gia Lai khen Phòng CSGT Công an tỉnh; Bí thư Tỉnh ủy dự."
    bare_department = find_units(text)[1]
    assert bare_department.surface == bare_department.name == "Phòng Cảnh sát giao thông Công an tỉnh Gia Lai"
    assert text[bare_department.start:bare_department.end] == "Phòng CSGT Công an tỉnh"
    committee = unit_mention(text, text.index("Tỉnh ủy"))[0]
    assert (committee.name, committee.surface) == ("Tỉnh ủy Gia Lai", "Tỉnh ủy Gia Lai")
    assert resolve_unit("Phòng CSGT Công an tỉnh Gia Lai").surface == "Phòng CSGT Công an tỉnh Gia Lai"

