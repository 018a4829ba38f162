from __future__ import annotations

from decimal import Decimal

import pytest

from reports.extraction.figures import MAX_SENTENCE, find_figures
from reports.extraction.records import Figure


def _only(text: str) -> Figure:
    figures = find_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


def _written(text: str) -> list[str]:
    return [f.figure for f in find_figures(text)]


def test_it_reads_a_count_with_the_noun_it_counts() -> None:
    figure = _only("Đã điều tra, làm rõ 22.022 vụ phạm tội về trật tự xã hội.")

    assert (figure.figure, figure.value, figure.kind) == ("22.022", Decimal(22022), "count")
    assert figure.measure == "vụ phạm tội về trật tự xã hội"
    assert (figure.qualifier, figure.change) == ("exact", None)


def test_its_offsets_point_into_the_text_as_given() -> None:
    text = "Tiêu đề\r\n\r\nKhởi tố 19 đối tượng xâm phạm ANQG; 187 đối tượng sử dụng công nghệ cao.\r\n"

    figures = find_figures(text)

    assert [text[f.start:f.end] for f in figures] == ["19", "187"]
    assert [f.measure for f in figures] == ["đối tượng xâm phạm ANQG", "đối tượng sử dụng công nghệ cao"]


def test_it_returns_figures_sorted_by_start() -> None:
    figures = find_figures("Bắt 12 đối tượng, thu hàng trăm bánh heroin và 3 khẩu súng.")

    assert [f.start for f in figures] == sorted(f.start for f in figures)
    assert [f.figure for f in figures] == ["12", "hàng trăm", "3"]


def test_it_keeps_a_non_breaking_space_inside_the_counted_noun() -> None:
    figure = _only("Có 03 cán\u00a0 bộ hy sinh trong khi làm nhiệm vụ.")

    assert (figure.figure, figure.value) == ("03", 3)
    assert figure.measure == "cán bộ hy sinh"


def test_it_gives_each_number_of_a_list_its_own_noun() -> None:
    figures = find_figures("Phối hợp xây dựng, sửa đổi 3 luật; 4 nghị định, 2 chỉ thị, 5 chiến lược, đề án.")

    assert [(f.figure, f.measure) for f in figures] == [
        ("3", "luật"), ("4", "nghị định"), ("2", "chỉ thị"), ("5", "chiến lược, đề án"),
    ]


def test_it_reads_a_ratio_with_its_total() -> None:
    figure = _only("Cục đã hoàn thành 51/51 chỉ tiêu Bộ giao.")

    assert (figure.figure, figure.value, figure.total, figure.kind) == ("51/51", 51, 51, "ratio")
    assert figure.measure.startswith("chỉ tiêu")


def test_it_reads_a_rate_against_its_target() -> None:
    figure = _only("Tội phạm giảm sâu; tỷ lệ khám phá cao (92,7%/75%); xã hội kỷ cương.")

    assert (figure.figure, figure.value, figure.target, figure.kind) == ("92,7%", Decimal("92.7"), 75, "percent")
    assert figure.measure == "tỷ lệ khám phá"


def test_it_reads_a_range_of_days_as_one_duration() -> None:
    figure = _only("So với xác minh truyền thống (20-45 ngày).")

    assert (figure.figure, figure.value, figure.value_max) == ("20-45", 20, 45)
    assert (figure.kind, figure.measure) == ("duration", "ngày")


def test_it_applies_a_scale_to_both_ends_of_a_range() -> None:
    figure = _only("Mức phạt từ 4 - 6 triệu đồng đối với người điều khiển xe mô tô.")

    assert (figure.value, figure.value_max, figure.kind) == (4_000_000, 6_000_000, "money")


@pytest.mark.parametrize(
    ("text", "written", "value", "qualifier"),
    [
        ("Tài sản thiệt hại trên 50 tỷ đồng.", "50 tỷ đồng", "50000000000", "at_least"),
        ("Từ nguồn xã hội hóa huy động gần 1,6 tỷ đồng.", "1,6 tỷ đồng", "1600000000", "approx"),
        ("Thu giữ 150 triệu đồng tiền mặt.", "150 triệu đồng", "150000000", "exact"),
        ("Thu lợi bất chính khoảng 2.000 USD.", "2.000 USD", "2000", "approx"),
    ],
)
def test_it_reads_money_with_scale_and_currency(text: str, written: str, value: str, qualifier: str) -> None:
    figure = _only(text)

    assert (figure.figure, figure.value, figure.kind, figure.qualifier) == (written, Decimal(value), "money", qualifier)


def test_it_does_not_take_comrades_for_money() -> None:
    figure = _only("Có 2 đồng chí được thăng cấp bậc hàm trước thời hạn.")

    assert (figure.kind, figure.measure) == ("count", "đồng chí")


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Thu giữ 300kg heroin tại biên giới.", "kg heroin"),
        ("Thu giữ 1,2 tấn pháo nổ các loại.", "tấn pháo nổ"),
        ("Địa bàn có 1.234 km đường biên giới.", "km đường biên giới"),
    ],
)
def test_it_reads_physical_quantities(text: str, measure: str) -> None:
    figure = _only(text)

    assert (figure.kind, figure.measure) == ("quantity", measure)


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        ("Năm 2024, Công an tỉnh được xếp loại xuất sắc, đứng thứ 2 toàn quốc.", 2, "xếp hạng toàn quốc"),
        ("Năm 2024 là năm thứ 9 liên tiếp đơn vị xếp thứ nhất về CCHC.", 9, "năm liên tiếp"),
    ],
)
def test_it_reads_ranks(text: str, value: int, measure: str) -> None:
    figure = _only(text)

    assert (figure.value, figure.kind, figure.measure) == (value, "rank", measure)


def test_it_reads_a_rank_out_of_a_total() -> None:
    figure = _only("Công an tỉnh xếp thứ 3/63 địa phương về cải cách hành chính.")

    assert (figure.figure, figure.value, figure.total, figure.kind) == ("3/63", 3, 63, "rank")


@pytest.mark.parametrize(
    ("text", "written", "measure"),
    [
        ("Sau 76 ngày đêm, đơn vị đã hoàn thành nhiệm vụ.", "76", "ngày đêm"),
        ("Hạn trả lời trong 03 ngày.", "03", "ngày"),
        ("Lực lượng chức năng đã mật phục 90 ngày đêm trên tuyến biên giới.", "90", "ngày đêm"),
    ],
)
def test_it_reads_durations(text: str, written: str, measure: str) -> None:
    figure = _only(text)

    assert (figure.figure, figure.kind, figure.measure) == (written, "duration", measure)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Hơn 46.000 lượt cá nhân, tập thể được các cấp khen thưởng.", "at_least"),
        ("Bố trí trên 48.000 Cảnh sát khu vực.", "at_least"),
        ("Đơn vị đã thực hiện gần 400 nhiệm vụ đột xuất.", "approx"),
        ("Ước tính 1.500 lượt người tham gia.", "approx"),
        ("Xử lý dưới 10 trường hợp vi phạm.", "at_most"),
        ("Bắt giữ từ 3 đối tượng trở lên.", "at_least"),
        ("Đã bắt giữ 30 đối tượng truy nã.", "exact"),
    ],
)
def test_it_reads_qualifiers_before_the_number(text: str, qualifier: str) -> None:
    assert _only(text).qualifier == qualifier


def test_it_reads_an_order_of_magnitude_as_at_least() -> None:
    figure = _only("Nhân dân trong, ngoài tỉnh gửi hàng trăm lá thư khen ngợi.")

    assert (figure.figure, figure.value, figure.qualifier) == ("hàng trăm", 100, "at_least")
    assert figure.measure.startswith("lá thư")


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("So với cùng kỳ năm 2023, số người chết giảm 7,73%.", "số người chết"),
        ("Kết quả thực hiện dịch vụ công trực tuyến đạt 98,83%.", "Kết quả thực hiện dịch vụ công trực tuyến"),
        ("Tỷ lệ cung cấp dịch vụ công trực tuyến 6 tháng đầu năm 2024 đạt 97,13%.",
         "Tỷ lệ cung cấp dịch vụ công trực tuyến"),
        ("Đến nay, 100% vụ án thuộc diện theo dõi đều có sự phối hợp.", "vụ án thuộc diện"),
        ("Riêng trọng án đạt 100%.", "trọng án"),
        ("Lực lượng Công an đã kéo giảm 5,22% số vụ xâm phạm TTXH.", "số vụ xâm phạm TTXH"),
    ],
)
def test_it_names_what_a_percentage_is_of(text: str, measure: str) -> None:
    figure = _only(text)

    assert (figure.kind, figure.measure) == ("percent", measure)


def test_it_takes_the_subject_before_a_bracket_for_a_rate_inside_it() -> None:
    figure = _only("Năm 2024, tội phạm về trật tự xã hội được kéo giảm sâu (giảm 24,68% so với cùng kỳ năm 2023).")

    assert (figure.measure, figure.change) == ("tội phạm về trật tự xã hội", "decrease")


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("Số người chết giảm 7,73%; ùn tắc giao thông giảm 62,5%.", ["decrease", "decrease"]),
        ("Phát hiện hơn 3.000 vụ (nhiều hơn 21,63% vụ, 47,12% đối tượng so với cùng kỳ).",
         [None, "increase", "increase"]),
        ("Rút ngắn trên 90% thời gian so với xác minh truyền thống.", ["decrease"]),
        ("Đặc xá nhanh (ngắn hơn so với những lần đặc xá trước đây khoảng 30 ngày).", ["decrease"]),
        ("Số vụ phạm tội tăng 3,2% so với cùng kỳ.", ["increase"]),
        ("Giảm 45 vụ (-12,3%), số người bị thương tăng 5 người (+2%).",
         ["decrease", "decrease", "increase", "increase"]),
    ],
)
def test_it_reads_the_change_word_that_governs_a_figure(text: str, changes: list[str | None]) -> None:
    assert [f.change for f in find_figures(text)] == changes


@pytest.mark.parametrize(
    "text",
    [
        "Đã làm rõ 22.022 vụ phạm tội (cao hơn chỉ tiêu Quốc hội đề ra).",
        "Tăng cường tuần tra, kiểm soát, phát hiện 300 trường hợp vi phạm.",
        "Giảm thời hạn chấp hành án phạt tù cho 500 phạm nhân.",
    ],
)
def test_it_leaves_a_change_word_that_does_not_govern_the_figure(text: str) -> None:
    assert _only(text).change is None


def test_it_keeps_the_comparative_in_nhieu_hon_apart_from_the_qualifier() -> None:
    figure = find_figures("(nhiều hơn 21,63% vụ so với cùng kỳ)")[0]

    assert (figure.qualifier, figure.change) == ("exact", "increase")


@pytest.mark.parametrize(
    "text",
    [
        "Trong 2 ngày 26 và 27/12, Hội nghị đã diễn ra tại Hà Nội.",
        "Hội nghị được tổ chức vào sáng 08/7/2024.",
        "Tài khoản VNeID thực hiện dịch vụ công trực tuyến từ 1/7/2024.",
        "Ngày 12/4, tại Hà Nội, Cục đã tổ chức hội nghị.",
        "Chỉ thị số 31 ngày 21/12/2023 của Thủ tướng Chính phủ.",
        "Kỷ niệm Ngày truyền thống (19/8/1945 - 19/8/2025).",
        "Từ năm 2018 đến nay, đến năm 2030 và Tết Nguyên đán Giáp Thìn 2024.",
        "Sơ kết công tác công an 6 tháng đầu năm; nhiệm vụ 6 tháng cuối năm 2024.",
        "Giao ban công tác quý I/2024 và nhiệm vụ quý II.",
        "Với tinh thần Nghị quyết 57 của Bộ Chính trị, Nghị quyết số 57 và Kết luận số 12.",
        "Triển khai Đề án 06 của Chính phủ, Đề án số 06, Nghị định 100 và Thông tư 24.",
        "Theo Quyết định số 123/QĐ-BCA và Luật số 26/2023/QH15.",
        "Hội nghị Công an toàn quốc lần thứ 80, Đại hội XIII, Đại hội lần thứ XIV.",
        "Chiến thắng KH.CM12, chuyên án ĐN10, Evisa cho A08.",
        'Xử lý theo phương châm "4 tại chỗ" và phong trào "3 không".',
        "Đêm 5/6, lúc 10 giờ 30 phút, tại Km 15 Quốc lộ 1A, phường 5.",
        "Phòng, chống dịch Covid-19 giai đoạn 2021-2025.",
    ],
)
def test_it_reports_no_figure_in_dates_documents_ordinals_codes_and_slogans(text: str) -> None:
    assert find_figures(text) == []


def test_it_reads_a_ratio_only_when_it_cannot_be_a_date() -> None:
    assert _written("Đến nay, đã có 11/13 đơn vị hoàn thành.") == ["11/13"]
    assert _written("Từ 1/7 đơn vị áp dụng quy trình mới.") == []
    assert _written("Nổi bật, 63/63 Công an địa phương đã tham mưu.") == ["63/63"]


def test_it_needs_a_counted_noun_for_a_bare_number() -> None:
    assert _written("Hải Dương là 1 trong 9 tỉnh làm điểm.") == ["9"]


def test_it_skips_ages() -> None:
    assert _written("Đối tượng 17 tuổi đã bị bắt giữ cùng 3 đồng phạm.") == ["3"]


def test_it_gives_the_sentence_the_figure_stands_in() -> None:
    text = "Năm 2024, đơn vị được khen. Triệt phá 65 băng, nhóm tội phạm. Công tác khác."

    figure = _only(text)

    assert figure.sentence == "Triệt phá 65 băng, nhóm tội phạm."
    assert figure.measure == "băng, nhóm tội phạm"


def test_it_is_less_sure_of_headlines_and_of_years_before_a_name() -> None:
    text = "Thiếu tướng Nguyễn Văn Trung: 6 đột phá trong công tác CSGT\n\nTròn 35 năm Công an nhân dân vì nước.\n" \
           "Cục đã tập trung vào 6 đột phá."

    headline, named, body = find_figures(text)

    assert headline.confidence < body.confidence
    assert named.confidence < body.confidence
    assert all(0 <= f.confidence <= 1 for f in (headline, named, body))


def test_it_reads_both_sides_of_a_cases_over_accused_pair() -> None:
    assert [(f.figure, f.measure) for f in find_figures("Khởi tố 15 vụ/32 bị can về các tội tham nhũng.")] == [
        ("15", "vụ"), ("32", "bị can"),
    ]


def test_it_reads_a_planned_rate_in_brackets_as_the_target() -> None:
    figure = _only("Tỷ lệ điều tra khám phá đạt 86,7% (chỉ tiêu Quốc hội giao 70%).")

    assert (figure.value, figure.target) == (Decimal("86.7"), 70)


def test_it_reads_a_short_dong_sign_as_money() -> None:
    assert _only("Mỗi trường hợp bị phạt 500.000đ.").kind == "money"


def test_it_ignores_numbers_in_web_addresses() -> None:
    assert find_figures("Nguồn: https://cand.com.vn/tin-tuc/2024/12/bai-viet-i754814/") == []


@pytest.mark.parametrize(
    "text",
    [
        "Rạng sáng 7 tháng 4, tại xã Tân Lập đã xảy ra một vụ cháy.",
        "Chiều 25 tháng 11 năm 2024, Công an huyện tổ chức ra quân.",
        "Ngày 3 tháng 9, lực lượng chức năng tiến hành kiểm tra.",
        "Hội nghị diễn ra trong 2 ngày 14 tháng 12 tại Hà Nội.",
        "Kế hoạch được ban hành 28 tháng 2 năm 2025.",
    ],
)
def test_it_reports_no_figure_in_a_date_with_its_month_in_words(text: str) -> None:
    assert find_figures(text) == []


def test_it_still_reads_months_and_days_of_a_duration() -> None:
    assert _written("Phạm nhân được giảm 3 tháng 10 ngày chấp hành án.") == ["3"]
    assert _only("Sau 4 tháng triển khai, đã có 9 tháng liên tục không có vụ cháy.").figure == "9"


@pytest.mark.parametrize(
    "text",
    ["Chiều 11/11, tại Thanh Hóa, đoàn công tác làm việc.", "Từ ngày 9/9 các lực lượng ra quân.",
     "Tối 3/3 đơn vị tổ chức tuần tra."],
)
def test_it_reads_a_day_equal_to_its_month_as_a_date(text: str) -> None:
    assert find_figures(text) == []


def test_it_reads_equal_numbers_before_a_counted_noun_as_a_ratio() -> None:
    figure = _only("Toàn tỉnh có 9/9 huyện đạt chuẩn an toàn về an ninh, trật tự.")

    assert (figure.figure, figure.kind, figure.total, figure.measure) == ("9/9", "ratio", 9, "huyện")


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        ("Số vụ lừa đảo qua không gian mạng tăng gấp 2,5 lần so với năm trước.", "2.5",
         "Số vụ lừa đảo qua không gian mạng"),
        ("Năm nay, lượng ma túy bị thu giữ đã tăng gấp 3 lần.", "3", "lượng ma túy bị thu giữ"),
    ],
)
def test_it_reads_a_multiple_as_a_ratio_of_the_subject(text: str, value: str, measure: str) -> None:
    figure = _only(text)

    assert (figure.value, figure.kind, figure.change, figure.total) == (Decimal(value), "ratio", "increase", None)
    assert figure.measure == measure


def test_it_still_counts_times_without_a_multiple() -> None:
    figure = _only("Đơn vị đã 4 lần được tặng Bằng khen của Bộ trưởng.")

    assert (figure.kind, figure.measure) == ("count", "lần")


@pytest.mark.parametrize(
    ("text", "qualifier", "change"),
    [
        ("Thời gian cấp căn cước được rút ngắn hơn 70% so với trước.", "at_least", "decrease"),
        ("Số vụ trộm cắp tài sản giảm hơn 15% so với cùng kỳ.", "at_least", "decrease"),
        ("Số tài khoản định danh tăng hơn 40% so với năm trước.", "at_least", "increase"),
        ("Tỷ lệ khám phá cao hơn 12% so với chỉ tiêu.", "exact", "increase"),
        ("Phát hiện 210 vụ, ít hơn 8% vụ so với cùng kỳ.", "exact", "decrease"),
    ],
)
def test_it_reads_hon_after_a_change_verb_as_more_than(text: str, qualifier: str, change: str) -> None:
    figure = find_figures(text)[-1]

    assert (figure.kind, figure.qualifier, figure.change) == ("percent", qualifier, change)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Cơ quan điều tra đã thu hồi hơn 12 tỷ tài sản cho Nhà nước.", "12000000000"),
        ("Lô hàng lậu trị giá khoảng 4,5 tỷ.", "4500000000"),
        ("Vụ cháy gây thiệt hại ước tính 750 triệu.", "750000000"),
        ("Cục đã xử phạt vi phạm hành chính 2,3 nghìn tỷ, nộp ngân sách nhà nước.", "2300000000000"),
    ],
)
def test_it_reads_a_scale_word_in_a_money_context_as_money(text: str, value: str) -> None:
    figure = _only(text)

    assert (figure.value, figure.kind, figure.measure) == (Decimal(value), "money", "đồng")
    assert figure.confidence >= 0.8


def test_it_is_less_sure_of_a_bare_sum_without_a_money_word() -> None:
    figure = _only("Con số này là 2 tỷ.")

    assert (figure.kind, figure.measure, figure.confidence) == ("money", "đồng", 0.5)


def test_it_keeps_a_scaled_count_of_things_a_count() -> None:
    figure = _only("Đã thu hồi 1,2 triệu thẻ căn cước hết hạn.")

    assert (figure.kind, figure.measure) == ("count", "thẻ căn cước hết hạn")


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Chỉ số hài lòng của người dân đối với Công an tỉnh xếp thứ 4/63 toàn quốc.", "Chỉ số hài lòng"),
        ("Năm 2023, chỉ số PAPI của tỉnh đã xếp thứ 7 cả nước.", "chỉ số PAPI"),
        ("Năm nay, Công an thành phố xếp thứ 2 toàn quốc.", "xếp hạng toàn quốc"),
        ("Đà Nẵng tiếp tục đứng thứ 1 cả nước.", "xếp hạng cả nước"),
    ],
)
def test_it_names_what_is_ranked_when_the_clause_says(text: str, measure: str) -> None:
    figure = _only(text)

    assert (figure.kind, figure.measure) == ("rank", measure)


def test_a_sentence_with_no_end_is_cut_at_a_clause_near_each_figure() -> None:
    """A PDF's text whose line breaks were lost: one line, thousands of figures."""
    text = "Kết quả: " + "bắt giữ 1.234 đối tượng, thu giữ 56 kg ma túy, " * 2000

    figures = find_figures(text)

    assert len(figures) == 4000
    assert all(len(f.sentence) <= MAX_SENTENCE and f.figure in f.sentence for f in figures)
    assert figures[-1].sentence.startswith(("bắt giữ", "thu giữ"))


def test_a_sentence_with_no_clause_mark_is_cut_between_words() -> None:
    text = "Kết quả " + "bắt giữ 1.234 đối tượng và thu giữ 56 kg ma túy cùng " * 300

    figures = find_figures(text)

    assert len(figures) == 600
    assert {f.sentence.split()[0] for f in figures} <= set(text.split())  # no word cut in two


def test_figures_of_one_sentence_share_its_text() -> None:
    text = "Khởi tố 19 đối tượng, bắt 7 đối tượng truy nã, thu 3 khẩu súng. Giảm 7,73% số vụ."

    first, second, third, fourth = find_figures(text)

    assert first.sentence is second.sentence is third.sentence
    assert fourth.sentence == "Giảm 7,73% số vụ."


def test_the_text_kept_per_figure_grows_with_the_text_not_with_its_square() -> None:
    short, long = ("1.234 vụ, " * n for n in (1000, 8000))

    kept = [sum(len(f.sentence) for f in {id(f.sentence): f for f in find_figures(t)}.values()) for t in (short, long)]

    assert kept[1] <= 8 * kept[0] + MAX_SENTENCE


def _marked(f: Figure) -> str:
    written = " ".join(f.figure.split())
    return f.sentence[f.sentence_offset:f.sentence_offset + len(written)]


def test_a_figure_is_marked_where_it_stands_not_where_its_digits_first_appear() -> None:
    text = "Năm 2024, Công an tỉnh đứng thứ 2 toàn quốc; phấn đấu đến năm 2030 giữ vững 20 năm liền."

    rank = next(f for f in find_figures(text) if f.kind == "rank")

    assert rank.figure == "2" and rank.sentence.find("2") != rank.sentence_offset
    assert rank.sentence[rank.sentence_offset:].startswith("2 toàn quốc")


def test_every_figure_is_marked_as_written_in_its_squeezed_sentence() -> None:
    text = "Tiêu đề\r\n\r\nKhởi tố  19\u00a0đối tượng;\tbắt (12) vụ, thu 1 tỷ\n200 triệu đồng. " + "Có 3 vụ, " * 300

    figures = find_figures(text)

    assert figures and all(_marked(f) == " ".join(f.figure.split()) for f in figures)


@pytest.mark.parametrize("text", [
    "Các hoạt động kỷ niệm 80 năm Ngày truyền thống lực lượng Công an nhân dân được tổ chức trang trọng.",
    "Tổ chức thành công Ngày hội và 20 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc.",
    "Chào mừng 50 năm giải phóng miền Nam, thống nhất đất nước.",
    "Mở đợt cao điểm 100 ngày đêm tấn công trấn áp tội phạm.",
    "Kết thúc chiến dịch 90 ngày làm sạch dữ liệu dân cư.",
])
def test_an_anniversary_or_a_campaign_is_a_name_not_a_result(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(("text", "written"), [
    ("Trong đợt cao điểm, đã bắt 100 đối tượng trong 30 ngày.", ["100", "30"]),
    ("Nguyên phó giám đốc có 35 năm công tác trong ngành.", ["35"]),
    ("Qua 90 ngày cao điểm, triệt phá 12 băng nhóm.", ["90", "12"]),
])
def test_numbers_near_those_words_are_still_figures(text: str, written: list[str]) -> None:
    assert _written(text) == written
