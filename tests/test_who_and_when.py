"""Who a figure belongs to, who the people are, and which numbers are no figures: sentences of our
own, in the layouts real reports use. Plain pytest, no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reports.extraction import extract
from reports.extraction.figures import find_figures
from reports.extraction.people import find_officials
from reports.extraction.units import find_units


def _people(text: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    return [(o.name, [(p.title, p.unit.name if p.unit else None) for p in o.positions]) for o in find_officials(text)]


# Officials ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "title", "unit"), [
    ("Dự hội nghị có đồng chí Nguyễn Văn Hùng Phó Bí thư Thường trực Tỉnh ủy.", "Nguyễn Văn Hùng",
     "Phó Bí thư Thường trực Tỉnh ủy", "Tỉnh ủy"),
    ("Có mặt đồng chí Trần Văn Bình- Bí thư Tỉnh uỷ.", "Trần Văn Bình", "Bí thư Tỉnh ủy", "Tỉnh ủy"),
    ("Bà Lê Thị Cúc - Phó Chủ tịch UBND tỉnh phát biểu.", "Lê Thị Cúc", "Phó Chủ tịch UBND tỉnh",
     "Ủy ban nhân dân tỉnh"),
    ("Ông Y Thanh Hà Niê Kđăm, Chủ tịch HĐND tỉnh dự.", "Y Thanh Hà Niê Kđăm", "Chủ tịch HĐND tỉnh",
     "Hội đồng nhân dân tỉnh"),
])
def test_civilian_leaders_are_read_with_a_comma_a_dash_or_nothing_before_their_title(text, name, title, unit):
    """The civilian body is part of the title, as written ("Bí thư Tỉnh ủy"), and the position's unit."""
    assert _people(text) == [(name, [(title, unit)])]


def test_every_person_of_a_list_is_read_with_the_body_of_each_title():
    text = ("Tham dự có các đồng chí: Hoàng Văn Nam, Trưởng Ban Nội chính Tỉnh ủy; Lò Thị Mai - Chủ tịch Ủy ban "
            "MTTQ Việt Nam tỉnh; Vàng A Dế Trưởng Đoàn ĐBQH tỉnh Lai Châu.")

    assert _people(text) == [
        # The text names one province: the bodies of no named province are that one's.
        ("Hoàng Văn Nam", [("Trưởng Ban Nội chính Tỉnh ủy", "Ban Nội chính Tỉnh ủy Lai Châu")]),
        ("Lò Thị Mai", [("Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu")]),
        ("Vàng A Dế", [("Trưởng Đoàn ĐBQH tỉnh", "Đoàn đại biểu Quốc hội tỉnh Lai Châu")]),
    ]


def test_people_of_a_list_joined_by_and_are_each_read():
    text = ("Dự có các đồng chí Hà Văn Sơn, Phó Chủ tịch Thường trực UBND tỉnh và Đinh Thị Lụa, Phó Chủ tịch HĐND "
            "tỉnh Hòa Bình.")

    assert [o.name for o in find_officials(text)] == ["Hà Văn Sơn", "Đinh Thị Lụa"]
    # "và" joins places too: a province after it is no person.
    assert find_officials("Công an tỉnh Kon Tum và Hà Tĩnh, Giám đốc hai đơn vị cùng dự.") == []


def test_people_of_a_list_separated_by_commas_alone_are_each_read():
    text = ("Dự hội nghị có các đồng chí: Lường Văn Pợ, Bí thư Huyện ủy, Trần Thị Thu Hà, Chủ tịch UBND tỉnh "
            "Điện Biên, Nghệ An, Hà Tĩnh cùng dự.")

    assert [o.name for o in find_officials(text)] == ["Lường Văn Pợ", "Trần Thị Thu Hà"]


@pytest.mark.parametrize(("text", "positions"), [
    # A member of a party committee, before the post that names the unit.
    ("Đồng chí Lý Văn Tài, Tỉnh ủy viên, Giám đốc Công an tỉnh Cao Bằng chủ trì.",
     [("Tỉnh ủy viên", None), ("Giám đốc", "Công an tỉnh Cao Bằng")]),
    # An alternate member of the Central Committee, then the province's Party secretary.
    ("Đồng chí Đào Minh Châu, Ủy viên dự khuyết Trung ương Đảng, Bí thư Tỉnh ủy Sóc Trăng phát biểu.",
     [("Ủy viên dự khuyết Trung ương Đảng", None), ("Bí thư Tỉnh ủy", "Tỉnh ủy Sóc Trăng")]),
    # The deputy "in charge" of a provincial police serves in it.
    ("Đại tá Mạc Văn Hòa, Phó Giám đốc phụ trách Công an tỉnh Bắc Kạn cho biết.",
     [("Phó Giám đốc", "Công an tỉnh Bắc Kạn")]),
    # A board of the Party's Central Committee is the position's body.
    ("Ông Khổng Minh Đức, Phó Trưởng Ban Nội chính Trung ương phát biểu.",
     [("Phó Trưởng Ban Nội chính Trung ương", "Ban Nội chính Trung ương")]),
    ("Đại biểu Quốc hội Tăng Văn Lộc phát biểu.", [("Đại biểu Quốc hội", None)]),
    # The investigation agency is part of the title, written short or in full.
    ("Đại tá Phan Văn Hiếu, Thủ trưởng Cơ quan CSĐT Công an tỉnh Quảng Trị cho biết.",
     [("Thủ trưởng Cơ quan CSĐT", "Công an tỉnh Quảng Trị")]),
    ("Đại tá Phan Văn Hiếu, Thủ trưởng Cơ quan Cảnh sát điều tra Công an tỉnh Quảng Trị cho biết.",
     [("Thủ trưởng Cơ quan Cảnh sát điều tra", "Công an tỉnh Quảng Trị")]),
])
def test_party_members_deputies_in_charge_and_central_boards_are_positions(text, positions):
    [(_, found)] = _people(text)
    assert found == positions


@pytest.mark.parametrize(("text", "person"), [
    # What the deputy is in charge of stands between the position and the name.
    ("Phó Giám đốc Công an tỉnh Hà Tĩnh phụ trách công tác xây dựng lực lượng, Thượng tá Trần Văn Bình cho "
     "biết đơn vị đã bắt 5 đối tượng.",
     ("Trần Văn Bình", [("Phó Giám đốc", "Công an tỉnh Hà Tĩnh")])),
    ("Phó Giám đốc phụ trách an ninh Lê Văn Hùng chủ trì hội nghị.", ("Lê Văn Hùng", [("Phó Giám đốc", None)])),
    # "ông", "bà" before the name, as "đồng chí".
    ("Phó Chủ tịch UBND tỉnh Quảng Trị, ông Trần Văn Tâm cho biết.",
     ("Trần Văn Tâm", [("Phó Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Quảng Trị")])),
    ("Phó Chủ tịch UBND tỉnh phụ trách khối nội chính - bà Lê Thị Hoa phát biểu.",
     ("Lê Thị Hoa", [("Phó Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh")])),
])
def test_a_charge_or_a_form_of_address_between_the_position_and_the_name_is_read_past(text, person):
    assert _people(text) == [person]


@pytest.mark.parametrize(("text", "person"), [
    # A team of a police is part of the title; the police is the unit.
    ("Trung tá Lê Minh Tuấn - Đội trưởng Đội Cảnh sát hình sự Công an huyện Quỳnh Lưu cho biết.",
     ("Lê Minh Tuấn", [("Đội trưởng Đội Cảnh sát hình sự", "Công an huyện Quỳnh Lưu")])),
    ("Thượng úy Hồ Văn Nam, cán bộ Đội CSGT-TT Công an thị xã Cửa Lò đã trả lại tài sản.",
     ("Hồ Văn Nam", [("Cán bộ Đội CSGT-TT", "Công an thị xã Cửa Lò")])),
    ("Thiếu tá Võ Văn Bình, Phó Đội trưởng Đội Cảnh sát điều tra tội phạm về ma túy - Công an TP Vinh, cho biết.",
     ("Võ Văn Bình", [("Phó Đội trưởng Đội Cảnh sát điều tra tội phạm về ma túy", "Công an thành phố Vinh")])),
    ("Trung tá Lê Văn Hòa, Đội phó Đội CSHS, Công an huyện Nam Đàn cho biết.",
     ("Lê Văn Hòa", [("Đội phó Đội CSHS", "Công an huyện Nam Đàn")])),
    # A team whose police is not named gives no unit; a member of it, no position.
    ("Đại úy Trần An, chiến sĩ Đội Cảnh sát cơ động dự lễ.", ("Trần An", [])),
])
def test_a_team_of_a_police_is_part_of_the_title(text, person):
    assert _people(text) == [person]


@pytest.mark.parametrize(("text", "person"), [
    # A title held before is said so ("nguyên"), title first or after the name.
    ("Tham dự có đồng chí nguyên Chủ tịch nước Trương Tấn Sang.", ("Trương Tấn Sang", [("Nguyên Chủ tịch nước", None)])),
    ("Đại tá Nguyễn Hữu Cầu, nguyên Giám đốc Công an tỉnh Nghệ An, phát biểu.",
     ("Nguyễn Hữu Cầu", [("Nguyên Giám đốc", "Công an tỉnh Nghệ An")])),
    # "Nguyên" ending a name is the name's.
    ("Đồng chí Trần Thảo Nguyên, Giám đốc Công an tỉnh Quảng Bình phát biểu.",
     ("Trần Thảo Nguyên", [("Giám đốc", "Công an tỉnh Quảng Bình")])),
])
def test_a_former_title_is_said_to_be_one(text, person):
    assert _people(text) == [person]


@pytest.mark.parametrize("text", [
    "Chủ tịch UBND TP.HCM Phan Văn Mãi phát biểu.",
    "Chủ tịch UBND TP. Hồ Chí Minh Phan Văn Mãi phát biểu.",
    "Chủ tịch UBND thành phố Hồ Chí Minh Phan Văn Mãi phát biểu.",
])
def test_a_city_written_short_is_the_citys_body(text):
    [(_, [(title, unit)])] = _people(text)
    assert unit == "Ủy ban nhân dân thành phố Hồ Chí Minh"
    assert title in ("Chủ tịch UBND TP", "Chủ tịch UBND thành phố")


@pytest.mark.parametrize(("text", "person"), [
    # A district's body is named with its district; the title, like a province's, without it.
    ("Ông Nguyễn Văn Tư - Phó Chủ tịch UBND huyện Hương Sơn cho biết.",
     ("Nguyễn Văn Tư", [("Phó Chủ tịch UBND huyện", "Ủy ban nhân dân huyện Hương Sơn")])),
    ("Ông Trần Văn Hải, Chủ tịch UBND thị xã Kỳ Anh, tỉnh Hà Tĩnh cho biết.",
     ("Trần Văn Hải", [("Chủ tịch UBND thị xã", "Ủy ban nhân dân thị xã Kỳ Anh")])),
    # A person's name written straight after a district is no part of its name ...
    ("Đội phó Đội Cảnh sát kinh tế Công an huyện Yên Thành Trần Văn Lực cho biết.",
     ("Trần Văn Lực", [("Đội phó Đội Cảnh sát kinh tế", "Công an huyện Yên Thành")])),
    ("Trưởng Công an xã Nghi Phú Nguyễn Văn Em cho biết.", ("Nguyễn Văn Em", [("Trưởng Công an", "Công an xã Nghi Phú")])),
    # ... nor one written where the district's name would be.
    ("Phó Chủ tịch UBND huyện Kiều Văn An cho biết.", ("Kiều Văn An", [("Phó Chủ tịch UBND huyện", "Ủy ban nhân dân huyện")])),
])
def test_a_district_and_a_name_after_it_are_told_apart(text, person):
    assert _people(text) == [person]


def test_a_district_whose_name_begins_with_a_family_name_keeps_it():
    assert [u.name for u in find_units("Công an quận Hoàng Mai bắt 3 đối tượng.")] == ["Công an quận Hoàng Mai"]


def test_a_minister_with_no_ministry_named_is_the_polices_own_and_another_ministry_stays_its_own():
    assert _people("Phát biểu chỉ đạo, Thứ trưởng Lê Văn Tuyến đề nghị các đơn vị rà soát.") == [
        ("Lê Văn Tuyến", [("Thứ trưởng", "Bộ Công an")])]
    [(_, positions)] = _people("Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng dự.")
    assert positions == [("Bộ trưởng", None)]


# Units ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Cục C04 phối hợp triệt phá đường dây ma túy.", "Cục Cảnh sát điều tra tội phạm về ma túy"),
    ("Theo C06, Bộ Công an, đã cấp 80 triệu thẻ căn cước.", "Cục Cảnh sát quản lý hành chính về trật tự xã hội"),
    ("A05 cảnh báo 1.200 trang mạng lừa đảo.", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"),
    ("Lực lượng K02 tham gia diễn tập.", "Bộ Tư lệnh Cảnh sát cơ động"),
])
def test_a_department_named_by_its_code_is_that_department(text, name):
    assert [u.name for u in find_units(text)][:1] == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("Cục Cảnh sát ĐTTP về ma túy vừa triệt phá đường dây.", "Cục Cảnh sát điều tra tội phạm về ma túy"),
    ("Cục ANM&PCTP cảnh báo thủ đoạn mới.", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"),
    ("Phòng CSĐT tội phạm về ma túy Công an tỉnh Sơn La bắt 5 đối tượng.",
     "Phòng Cảnh sát điều tra tội phạm về ma túy Công an tỉnh Sơn La"),
])
def test_a_department_written_short_is_the_department(text, name):
    assert find_units(text)[0].name == name


@pytest.mark.parametrize("text", ["Xe mang biển 29C-123.45 đi qua.", "Quốc lộ 1A, km C12+500.", "Mẫu A051 đã nộp."])
def test_codes_inside_plates_and_other_codes_are_no_units(text):
    assert find_units(text) == []


def test_a_city_police_named_only_in_the_title_takes_that_city():
    text = "TP.HCM: Triệt phá 20 băng nhóm tội phạm\n\nTrong năm, Công an thành phố bắt giữ 300 đối tượng."

    assert [(u.name, u.province) for u in find_units(text)] == [("Công an thành phố Hồ Chí Minh", "Hồ Chí Minh")]
    assert {f.unit.name for f in extract(text).figures if f.unit} == {"Công an thành phố Hồ Chí Minh"}


# Numbers that are no figures, and figures that were missed ------------------------------------

@pytest.mark.parametrize("text", [
    "Khoảng 22 giờ ngày 5/3, tổ công tác phát hiện xe vi phạm.",
    "Hồi 14 giờ 30 phút, đám cháy được dập tắt.",
    "Lúc 9 giờ, hội nghị khai mạc.",
    "Phấn đấu trong 3 năm tới hoàn thành chuyển đổi số.",
    "Trong 2 tuần qua, tình hình ổn định.",
    "Thứ 5 tuần sau, các tổ công tác sẽ ra quân.",  # a weekday, not five weeks
    "Vào thứ 7, đoàn kiểm tra làm việc tại huyện.",
    "Hai ngày sau, đối tượng ra đầu thú.",
    "Chỉ 3 ngày sau, đối tượng ra đầu thú.",
    "Khoảng 2 tuần nữa, công trình hoàn thành.",
])
def test_clock_times_and_relative_periods_are_no_figures(text):
    """ "lúc", "hồi", and a day after the hour, tell a time of day."""
    assert find_figures(text) == []


@pytest.mark.parametrize(("text", "written", "value", "measure"), [
    ("Bắt giữ hai đối tượng trộm cắp.", "hai", 2, "đối tượng trộm cắp"),
    ("Tỉnh đạt ba tiêu chí an toàn.", "ba", 3, "tiêu chí an toàn"),
    ("Thu giữ 2000 viên ma túy tổng hợp.", "2000", 2000, "viên ma túy tổng hợp"),
    ("Có hai mươi mốt đối tượng ra đầu thú.", "hai mươi mốt", 21, "đối tượng"),
    ("Mười tám xã đã đạt chuẩn an toàn.", "Mười tám", 18, "xã"),
    ("Lập biên bản năm mươi lăm trường hợp vi phạm.", "năm mươi lăm", 55, "trường hợp vi phạm"),
])
def test_spelled_counts_and_year_like_counts_of_a_noun_are_figures(text, written, value, measure):
    [figure] = find_figures(text)
    assert (figure.figure, figure.value, figure.measure) == (written, value, measure)


def test_counts_listed_in_words_each_count_their_own_noun():
    figures = find_figures("Đã làm rõ hai vụ, ba đối tượng và tám đường dây mua bán trái phép.")
    assert [(f.figure, f.measure) for f in figures] == [
        ("hai", "vụ"), ("ba", "đối tượng"), ("tám", "đường dây mua bán trái phép"),
    ]


@pytest.mark.parametrize("text", ["Một số đối tượng bỏ trốn.", "Đây là một trong những vụ lớn nhất.",
                                  "Năm 2024, tình hình ổn định.", "Sáu tháng đầu năm, không có vụ cháy lớn."])
def test_words_that_only_look_like_counts_are_no_figures(text):
    assert find_figures(text) == []


def test_half_a_scale_months_after_years_and_ranges_with_units_keep_their_value():
    figures = {f.figure: f for f in find_figures(
        "Thu giữ 1 tỷ rưỡi tiền mặt. Đối tượng lĩnh 3 năm 6 tháng tù. Mỗi gói nặng 3kg-6kg."
    )}

    assert figures["1 tỷ rưỡi"].value == 1_500_000_000
    assert (figures["3 năm"].value, figures["3 năm"].kind) == (Decimal("3.5"), "duration")
    assert (figures["3kg-6kg"].value, figures["3kg-6kg"].value_max, figures["3kg-6kg"].measure) == (3, 6, "kg")


def test_a_change_in_brackets_after_a_rate_is_a_change_of_that_rate():
    figures = find_figures("Tỷ lệ điều tra khám phá án đạt 91,5% (tăng 2,3%), vượt chỉ tiêu.")
    assert [(f.figure, f.measure, f.change) for f in figures] == [
        ("91,5%", "Tỷ lệ điều tra khám phá án", None), ("2,3%", "Tỷ lệ điều tra khám phá án", "increase")]


def test_a_time_within_which_something_was_done_stays_a_figure():
    [figure] = find_figures("Mọi tin báo được giải quyết trong 3 ngày sau khi tiếp nhận.")
    assert (figure.value, figure.kind, figure.measure) == (3, "duration", "ngày")


def test_half_spelled_out_is_a_half_in_the_unit_that_follows():
    [figure] = find_figures("Tổ công tác thu giữ hơn nửa tấn pháo nổ.")
    assert (figure.figure, figure.value, figure.kind, figure.measure, figure.qualifier) == (
        "nửa", Decimal("0.5"), "quantity", "tấn pháo nổ", "at_least")
    assert find_figures("Sau nửa tháng, vụ việc được làm rõ.") == []  # half a month: a time, no figure


def test_not_more_than_is_at_most():
    [figure] = find_figures("Mỗi tổ không hơn 5 người.")
    assert figure.qualifier == "at_most"


def test_a_percent_written_in_words_is_read_as_one():
    [figure] = find_figures("Tỷ lệ đạt 95 phần trăm.")
    assert (figure.figure, figure.kind, figure.value) == ("95 phần trăm", "percent", 95)


# Report dates ---------------------------------------------------------------------------------

def test_today_in_brackets_is_the_event_date_in_the_year_after_the_period_under_review():
    from reports.extraction.metadata import extract_meta

    meta = extract_meta("Họp báo kết quả quý IV\n\nSáng nay (7/1), Công an tỉnh Nghệ An họp báo về kết quả năm 2024.")

    assert (meta.event_date, meta.period_start, meta.period_end) == (
        dt.date(2025, 1, 7), dt.date(2024, 10, 1), dt.date(2024, 12, 31))


def test_an_explicit_window_of_dates_is_the_period():
    from reports.extraction.metadata import extract_meta

    meta = extract_meta("Kết quả công tác tháng 8\n\nTừ ngày 16/7 đến 15/8/2024, Công an tỉnh bắt 120 đối tượng.")

    assert (meta.period_start, meta.period_end) == (dt.date(2024, 7, 16), dt.date(2024, 8, 15))


@pytest.mark.parametrize(("lead", "as_of"), [
    ("Tính đến ngày 20-10-2021, lực lượng đã bắt 500 đối tượng.", dt.date(2021, 10, 20)),
    ("Từ đầu năm 2023 đến ngày 15/11/2023, lực lượng đã bắt 90 đối tượng.", dt.date(2023, 11, 15)),
])
def test_as_of_a_day_is_the_end_of_the_period_and_the_date(lead, as_of):
    from reports.extraction.metadata import extract_meta

    meta = extract_meta(f"Nhiều kết quả nổi bật\n\n{lead}")

    assert (meta.event_date, meta.period_start, meta.period_end) == (as_of, dt.date(as_of.year, 1, 1), as_of)


def test_a_date_written_with_dots_and_yesterday_in_brackets_are_event_dates():
    from reports.extraction.metadata import extract_meta

    dotted = extract_meta("Hội nghị\n\nNgày 27.12.2023, Công an tỉnh Sơn La tổng kết công tác năm 2023.")
    yesterday = extract_meta("Hội nghị\n\nChiều qua (9/1), Công an tỉnh Sơn La tổng kết công tác năm 2023.")

    assert dotted.event_date == dt.date(2023, 12, 27)
    assert yesterday.event_date == dt.date(2024, 1, 9)  # after the year under review, nearest its end
    # Numbers with thousands separators are no dates.
    assert extract_meta("Thu giữ\n\nThu 1.12.202 viên và 12.122.023 đồng.").event_date is None


@pytest.mark.parametrize("lead", [
    "Theo Kế hoạch số 5 (3/1), hội nghị tổng kết năm 2024 được tổ chức.",
    "Luật Căn cước được Quốc hội thông qua (27/11/2023) có nhiều điểm mới.",  # "qua", but no "yesterday"
])
def test_a_bracketed_date_that_is_not_today_is_still_no_event_date(lead):
    from reports.extraction.metadata import extract_meta

    assert extract_meta(f"Hội nghị tổng kết\n\n{lead}").event_date is None


def test_a_report_that_never_names_its_province_takes_its_outlets_less_surely():
    text = ("Triệt phá đường dây ma túy lớn\n\nTheo chỉ đạo của Bộ Công an, lực lượng chức năng đã bắt giữ 12 đối tượng."
            "\n\nNguồn: https://baonghean.vn/triet-pha-123.html")

    from_outlet = extract(text)
    national = extract(text.replace("baonghean.vn", "cand.com.vn"))

    [figure] = from_outlet.figures
    assert figure.unit.name == "Công an tỉnh Nghệ An"
    assert figure.confidence < national.figures[0].confidence
    assert national.figures[0].unit.name == "Bộ Công an"


def test_a_figure_of_an_unnamed_provincial_police_as_subject_is_less_sure_too():
    # "Công an tỉnh vừa bắt ...": the province still comes from the outlet alone.
    text = "Triệt phá đường dây ma túy\n\nCông an tỉnh vừa bắt giữ 12 đối tượng.\n\nNguồn: https://baonghean.vn/a-1.html"
    named = text.replace("Công an tỉnh vừa", "Công an tỉnh Nghệ An vừa")

    [figure] = extract(text).figures
    assert (figure.unit.name, figure.unit.from_outlet) == ("Công an tỉnh Nghệ An", True)
    assert figure.confidence < extract(named).figures[0].confidence


def test_an_outlet_never_overrides_a_province_the_text_names():
    text = ("Công an tỉnh Hà Tĩnh bắt giữ 12 đối tượng.\n\nNguồn: https://baonghean.vn/a.html")

    assert [f.unit.name for f in extract(text).figures] == ["Công an tỉnh Hà Tĩnh"]


@pytest.mark.parametrize("text", [
    "Hội nghị tổ chức vào mồng 3 tháng ba âm lịch.",
    "Ngày 5 tháng Giêng, lực lượng ra quân.",
    "Từ 20 giờ đến 22 giờ, tổ công tác tuần tra.",
    "Trong 3 năm (2021-2023), tình hình ổn định.",
    "Đoàn sẽ làm việc vào thứ 5 tuần sau.",
])
def test_days_months_in_words_hours_and_named_periods_are_no_figures(text):
    assert find_figures(text) == []


def test_a_digit_after_a_scale_is_tenths_of_it():
    [figure] = find_figures("Thu giữ 1 triệu 2 tiền mặt.")
    assert (figure.figure, figure.value, figure.kind) == ("1 triệu 2", 1_200_000, "money")
    assert [f.value for f in find_figures("Phạt 1 triệu 200 nghìn đồng.")] == [1_200_000]


@pytest.mark.parametrize(("text", "name", "province"), [
    ("Công an tỉnh Nghệ An chỉ đạo Công an xã Hưng Lộc phối hợp bắt 2 đối tượng.", "Công an xã Hưng Lộc", "Nghệ An"),
    ("Nghệ An: Công an huyện Kỳ Sơn bắt 3 đối tượng\n\nCông an huyện Kỳ Sơn vừa bắt giữ 3 đối tượng.",
     "Công an huyện Kỳ Sơn", "Nghệ An"),
    ("Công an phường Bến Thành, TP.HCM bắt giữ 2 đối tượng.", "Công an phường Bến Thành", "Hồ Chí Minh"),
])
def test_district_and_commune_police_are_units_under_their_province(text, name, province):
    unit = next(u for u in find_units(text) if u.name == name)
    assert (unit.province, unit.parent) == (province, f"Công an {'thành phố' if province == 'Hồ Chí Minh' else 'tỉnh'} "
                                                      f"{province}")


@pytest.mark.parametrize(("text", "province"), [
    # No province named: the district's own, where only one province had a district of that name.
    ("Công an huyện Đức Trọng bắt giữ 3 đối tượng.", "Lâm Đồng"),
    ("Công an TP Thủ Đức đã xử lý 40 trường hợp.", "Hồ Chí Minh"),
    # That is surer than the province the paragraph names before it.
    ("Công an tỉnh Nghệ An phối hợp Công an huyện Đức Trọng bắt 3 đối tượng.", "Lâm Đồng"),
])
def test_a_district_police_of_no_named_province_is_placed_by_its_district(text, province):
    unit = next(u for u in find_units(text) if u.kind == "district")
    assert (unit.province, unit.parent) == (province, f"Công an {'thành phố' if province == 'Hồ Chí Minh' else 'tỉnh'} "
                                                      f"{province}")


def test_a_district_police_of_no_named_province_and_a_name_many_had_stays_unplaced():
    [unit] = find_units("Công an huyện Châu Thành bắt giữ 3 đối tượng.")  # six provinces had one
    assert (unit.province, unit.parent) == (None, None)


def test_a_districts_civil_body_is_placed_by_its_district():
    [(_, [(_, unit)])] = [(o.name, [(p.title, p.unit) for p in o.positions])
                          for o in find_officials("Ông Nguyễn Văn Tư - Phó Chủ tịch UBND huyện Hương Sơn cho biết.")]
    assert (unit.name, unit.province) == ("Ủy ban nhân dân huyện Hương Sơn", "Hà Tĩnh")


def test_a_count_stops_before_the_time_it_happened():
    [figure] = find_figures("Công an quận bắt giữ hai đối tượng trộm cắp lúc 23 giờ ngày 3/12.")
    assert (figure.figure, figure.measure) == ("hai", "đối tượng trộm cắp")


def test_a_unit_that_opens_its_sentence_owns_its_figures_in_the_ministrys_report():
    text = ("Bộ Công an thông tin kết quả 6 tháng đầu năm 2025\n\n"
            "Chiều 30/6, Bộ Công an tổ chức họp báo. Lực lượng đã bắt giữ 900 đối tượng truy nã. "
            "A05 đã phát hiện, gỡ bỏ hơn 1.500 trang mạng lừa đảo. "
            "Tính đến ngày 25/6/2025, C06 đã cấp hơn 22 triệu tài khoản định danh điện tử.")

    units = {f.figure: f.unit.name for f in extract(text).figures}

    assert units["900"] == "Bộ Công an"
    assert units["1.500"] == "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"
    assert units["22 triệu"] == "Cục Cảnh sát quản lý hành chính về trật tự xã hội"


@pytest.mark.parametrize(("sentence", "figure", "unit"), [
    ("A05 gỡ bỏ hơn 1.500 trang mạng lừa đảo.", "1.500", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"),
    ("Trong tháng, C08 tuần tra, kiểm soát 3.200 lượt phương tiện.", "3.200", "Cục Cảnh sát giao thông"),
    ("C06 tổ chức 12 đợt cấp căn cước lưu động.", "12", "Cục Cảnh sát quản lý hành chính về trật tự xã hội"),
])
def test_a_department_opening_its_sentence_with_a_verb_of_the_work_owns_its_figures(sentence, figure, unit):
    text = f"Bộ Công an họp báo thường kỳ\n\nChiều 30/6, Bộ Công an tổ chức họp báo. {sentence}"
    assert {f.figure: f.unit.name for f in extract(text).figures}[figure] == unit


def test_the_figures_a_speaker_gives_are_the_speakers_units():
    text = ("Họp báo của Bộ Công an\n\nThiếu tướng Nguyễn Văn Long, Cục trưởng Cục C04 cho biết, đã bắt giữ "
            "8.516 vụ phạm tội về ma túy. Bộ Công an đã cấp 3 triệu thẻ căn cước.")

    units = {f.figure: f.unit.name for f in extract(text).figures}

    assert units == {"8.516": "Cục Cảnh sát điều tra tội phạm về ma túy", "3 triệu": "Bộ Công an"}


def test_an_unnamed_provincial_police_opening_a_sentence_leaves_its_figures_to_the_section():
    text = ("Công an tỉnh Trà Vinh tổng kết năm 2022\n\n"
            "Tính đến ngày 20/12/2022, Công an tỉnh đã phát hiện trên 140 vụ phạm tội về kinh tế.")

    assert [f.unit.name for f in extract(text).figures] == ["Công an tỉnh Trà Vinh"]


@pytest.mark.parametrize(("text", "name"), [
    ("Đồng chí Giàng Seo Phử, Bí thư Tỉnh ủy Lào Cai dự.", "Giàng Seo Phử"),
    ("Ông Vừ A Bằng, Phó Chủ tịch UBND tỉnh Điện Biên phát biểu.", "Vừ A Bằng"),
    ("Bà Ksor Phước Hà, Chủ tịch HĐND tỉnh Gia Lai trao thưởng.", "Ksor Phước Hà"),
    ("Đồng chí H'Yim Kđoh, Phó Chủ tịch UBND tỉnh Đắk Lắk dự.", "H'Yim Kđoh"),
    ("Phó Chủ tịch HĐND tỉnh Gia Lai Ksor H’Bơ Khăp phát biểu.", "Ksor H’Bơ Khăp"),
])
def test_names_of_ethnic_minorities_are_read(text, name):
    assert [o.name for o in find_officials(text)] == [name]
