from __future__ import annotations

from reports.extraction.people import find_officials


def only(text: str):
    found = find_officials(text)
    assert len(found) == 1, found
    return found[0]


def titles(official) -> list[tuple[str, str | None]]:
    return [(p.title, p.unit.name if p.unit else None) for p in official.positions]


def test_it_reads_rank_name_and_position_after_a_comma() -> None:
    o = only("Trung tướng Nguyễn Minh Chính, Cục trưởng Cục An ninh mạng và phòng, chống tội phạm sử dụng "
             "công nghệ cao: Chủ động nghiên cứu")
    assert (o.name, o.rank) == ("Nguyễn Minh Chính", "Trung tướng")
    assert titles(o) == [("Cục trưởng", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao")]


def test_it_reads_rank_in_lower_case() -> None:
    o = only("Theo đại tá Nguyễn Văn An, Phó Giám đốc Công an tỉnh Thanh Hóa, tình hình ổn định.")
    assert (o.name, o.rank) == ("Nguyễn Văn An", "Đại tá")
    assert titles(o) == [("Phó Giám đốc", "Công an tỉnh Thanh Hóa")]


def test_it_reads_the_old_spelling_of_uy() -> None:
    assert only("Thượng uý Lê Minh Tâm cứu người").rank == "Thượng úy"


def test_it_reads_every_position_listed_after_the_name() -> None:
    o = only("Thượng tướng Lê Quốc Hùng, Ủy viên Trung ương Đảng, Phó Bí thư Đảng ủy Công an Trung ương, "
             "Thứ trưởng Bộ Công an đã trình bày báo cáo.")
    assert titles(o) == [
        ("Ủy viên Trung ương Đảng", None),
        ("Phó Bí thư Đảng ủy Công an Trung ương", None),
        ("Thứ trưởng", "Bộ Công an"),
    ]


def test_it_reads_a_title_written_before_rank_and_name() -> None:
    o = only("Giám đốc Công an tỉnh Hà Tĩnh - Đại tá Nguyễn Hồng Phong phát biểu.")
    assert (o.name, o.rank) == ("Nguyễn Hồng Phong", "Đại tá")
    assert titles(o) == [("Giám đốc", "Công an tỉnh Hà Tĩnh")]


def test_it_reads_a_title_before_a_name_without_rank() -> None:
    o = only("Phát biểu chỉ đạo, Chủ tịch nước Võ Văn Thưởng biểu dương lực lượng.")
    assert (o.name, o.rank, titles(o)) == ("Võ Văn Thưởng", None, [("Chủ tịch nước", None)])
    o = only("quán triệt chỉ đạo của đồng chí Tổng Bí thư Nguyễn Phú Trọng về xây dựng Đảng")
    assert (o.name, titles(o)) == ("Nguyễn Phú Trọng", [("Tổng Bí thư", None)])


def test_it_reads_civilian_leaders_with_their_bodies() -> None:
    o = only("Chủ tịch UBND tỉnh Trần Văn Hải ký quyết định.")
    assert (o.name, o.rank) == ("Trần Văn Hải", None)
    assert o.positions[0].title == "Chủ tịch UBND tỉnh" and o.positions[0].unit.kind == "other"
    o = only("Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng dự hội nghị.")
    assert (o.name, titles(o)) == ("Hoàng Trung Dũng", [("Bí thư Tỉnh ủy", "Tỉnh ủy Hà Tĩnh")])
    assert only("Thủ tướng Phạm Minh Chính chủ trì.").positions[0].title == "Thủ tướng"


def test_it_reads_several_positions_before_the_name() -> None:
    o = only("Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an Lương Tam Quang dự.")
    assert titles(o) == [("Ủy viên Bộ Chính trị", None), ("Bộ trưởng", "Bộ Công an")]


def test_it_reads_a_title_broken_over_a_line() -> None:
    o = only("Thiếu tướng Đỗ Văn Hoàn, Cục trưởng Cục Cảnh sát quản lý hành chính\nvề trật tự xã hội phát biểu")
    assert titles(o) == [("Cục trưởng", "Cục Cảnh sát quản lý hành chính về trật tự xã hội")]


def test_a_title_of_a_province_left_unnamed_keeps_its_unit() -> None:
    text = "Tại điểm cầu Công an tỉnh, Đại tá Lê Văn Tuấn, Giám đốc Công an tỉnh dự. Dự còn có Đại tá Mai Văn Lực, Phó Giám đốc Công an tỉnh."
    first, second = find_officials(text)
    assert titles(first) == [("Giám đốc", "Công an tỉnh")]
    assert first.positions[0].unit.province is None
    assert (second.name, titles(second)) == ("Mai Văn Lực", [("Phó Giám đốc", "Công an tỉnh")])


def test_the_head_of_a_local_police_or_department_is_named_for_it() -> None:
    o = only("Thượng tá Trần Thị Mai, Trưởng Công an huyện Nghi Lộc cho biết.")
    assert titles(o) == [("Trưởng Công an", "Công an huyện Nghi Lộc")]
    o = only("Trung tá Phạm Văn Bình - Trưởng phòng Cảnh sát hình sự Công an tỉnh Hà Tĩnh thông tin.")
    assert titles(o) == [("Trưởng phòng", "Phòng Cảnh sát hình sự Công an tỉnh Hà Tĩnh")]


def test_it_skips_academic_degrees_before_the_name() -> None:
    o = only("Thiếu tướng, PGS.TS Nguyễn Văn Long, Giám đốc Học viện Cảnh sát nhân dân phát biểu.")
    assert (o.name, titles(o)) == ("Nguyễn Văn Long", [("Giám đốc", "Học viện Cảnh sát nhân dân")])


def test_a_title_without_a_name_is_no_person() -> None:
    text = ("Thủ tướng Chính phủ ban hành Chỉ thị. Chủ tịch UBND tỉnh ban hành kế hoạch. "
            "Cục trưởng Cục Cảnh sát giao thông phát biểu. Với vai trò \"Tư lệnh\", Cục đã chỉ đạo. "
            "Thủ tướng Chính phủ Việt Nam cam kết.")
    assert find_officials(text) == []


def test_author_lines_and_place_names_are_no_people() -> None:
    assert find_officials("Công an tỉnh Nghệ An tổ chức hội nghị.\n\nNhóm PV\n\nPhương Thảo") == []


def test_a_mention_spans_rank_to_last_position() -> None:
    text = "Sáng nay, Đại tá Bùi Quang Bình, Giám đốc Công an tỉnh Hải Dương: Chủ động"
    o = only(text)
    assert text[o.start:o.end] == "Đại tá Bùi Quang Bình, Giám đốc Công an tỉnh Hải Dương"


def test_it_finds_every_mention_in_order() -> None:
    text = ("Thiếu tướng Nguyễn Văn Trung, Cục trưởng Cục CSGT chủ trì. Trung tá Lê Hữu Phước, "
            "Phó Trưởng phòng CSGT Công an tỉnh Nghệ An báo cáo.")
    found = find_officials(text)
    assert [o.name for o in found] == ["Nguyễn Văn Trung", "Lê Hữu Phước"]
    assert titles(found[0]) == [("Cục trưởng", "Cục Cảnh sát giao thông")]
    assert found[1].positions[0].title == "Phó Trưởng phòng"


def test_it_reads_a_position_in_brackets_and_capitalises_a_lower_case_title() -> None:
    o = only("Đại tá Võ Văn Hùng (giám đốc Công an tỉnh Quảng Trị) cho biết.")
    assert titles(o) == [("Giám đốc", "Công an tỉnh Quảng Trị")]


def test_a_title_before_a_place_name_is_no_person() -> None:
    assert find_officials("học tập và làm theo tư tưởng, đạo đức, phong cách Chủ tịch Hồ Chí Minh") == []


def test_it_reads_a_name_written_before_a_civilian_title() -> None:
    o = only("Dự buổi làm việc có đồng chí Phạm Anh Tuấn, Phó Chủ tịch UBND tỉnh Gia Lai.")
    assert (o.name, o.rank) == ("Phạm Anh Tuấn", None)
    assert titles(o) == [("Phó Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Gia Lai")]
    assert o.positions[0].unit.kind == "other"
    o = only("Bà Nguyễn Thị Thanh Hương, Chủ tịch HĐND tỉnh Bến Tre, trao cờ thi đua.")
    assert (o.name, titles(o)) == ("Nguyễn Thị Thanh Hương", [("Chủ tịch HĐND tỉnh", "Hội đồng nhân dân tỉnh Bến Tre")])
    o = only("Tham dự có đồng chí Lương Cường, Chủ tịch nước.")
    assert titles(o) == [("Chủ tịch nước", None)]


def test_a_name_written_before_no_title_is_no_person() -> None:
    assert find_officials("Thay mặt đơn vị, đồng chí Nguyễn Văn Tám phát biểu cảm ơn.") == []


def test_a_semicolon_ends_one_person_of_a_list() -> None:
    text = ("Dự hội nghị có đồng chí Võ Văn Hưng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Gia Lai; "
            "Chủ tịch UBND tỉnh Trương Hải Long; đồng chí Rơ Châm Phiang, Phó Chủ tịch UBND tỉnh.")
    first, second, third = find_officials(text)
    assert (first.name, titles(first)) == (
        "Võ Văn Hưng", [("Ủy viên Trung ương Đảng", None), ("Bí thư Tỉnh ủy", "Tỉnh ủy Gia Lai")])
    assert (second.name, titles(second)) == ("Trương Hải Long", [("Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Gia Lai")])
    assert (third.name, titles(third)) == ("Rơ Châm Phiang", [("Phó Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Gia Lai")])
    assert text[first.start:first.end].endswith("Bí thư Tỉnh ủy Gia Lai")


def test_a_title_written_before_a_named_comrade_adds_to_the_mention() -> None:
    o = only("Giám đốc Công an tỉnh Đắk Nông, đồng chí Lê Văn Hoa, Ủy viên Ban Thường vụ Tỉnh ủy dự.")
    assert (o.name, o.rank) == ("Lê Văn Hoa", None)
    assert titles(o) == [("Giám đốc", "Công an tỉnh Đắk Nông"), ("Ủy viên Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Đắk Nông")]


def test_an_officer_serving_in_a_unit_is_placed_in_it() -> None:
    o = only("Trung úy Lò Văn Thắng, cán bộ Phòng Cảnh sát hình sự Công an tỉnh Điện Biên đã cứu 2 người.")
    assert (o.rank, titles(o)) == ("Trung úy", [("Cán bộ Phòng Cảnh sát hình sự", "Công an tỉnh Điện Biên")])
    o = only("Thiếu úy Giàng A Sùng, chiến sĩ Công an xã Mường Nhé, tỉnh Điện Biên được khen.")
    assert titles(o) == [("Chiến sĩ", "Công an xã Mường Nhé")]
    o = only("Thượng tá Vàng Văn Sinh, Trưởng Công an xã Sín Thầu nhận bằng khen.")
    assert titles(o) == [("Trưởng Công an", "Công an xã Sín Thầu")]


def test_an_officer_of_a_provincial_department_named_before_in_the_paragraph_gets_the_province() -> None:
    text = ("Công an tỉnh Yên Bái khen thưởng đột xuất. Đại úy Hà Văn Dũng, cán bộ Phòng CSGT Công an tỉnh "
            "đã dũng cảm cứu người.")
    assert titles(only(text)) == [("Cán bộ Phòng Cảnh sát giao thông", "Công an tỉnh Yên Bái")]


def test_the_officers_of_a_whole_force_are_no_position() -> None:
    assert find_officials("Toàn thể cán bộ, chiến sĩ Công an tỉnh Lâm Đồng ra quân.") == []
    assert only("Đại úy Phan Văn Út, cán bộ trẻ, cho biết.").positions == ()


def test_a_bare_provincial_police_in_a_title_is_the_one_named_before_in_the_sentence() -> None:
    text = ("Tại điểm cầu Công an tỉnh Sơn La, Đại tá Cầm Văn Thông, Giám đốc Công an tỉnh chủ trì; "
            "Thượng tá Lường Văn Hải, Phó Giám đốc Công an tỉnh cùng dự.")
    first, second = find_officials(text)
    assert titles(first) == [("Giám đốc", "Công an tỉnh Sơn La")]
    assert titles(second) == [("Phó Giám đốc", "Công an tỉnh Sơn La")]
    assert second.positions[0].unit.province == "Sơn La"
