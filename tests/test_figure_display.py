"""How a figure reads in tables: as written, with its qualifier and change, and a few words of its
sentence around it so that like rows can be told apart."""

from __future__ import annotations

from reports.extraction import extract
from reports.models import Metric


def _metric(sentence: str, written: str) -> Metric:
    [figure] = [f for f in extract(sentence).figures if f.figure == written]
    return Metric(figure=figure.figure, sentence=figure.sentence, sentence_offset=figure.sentence_offset,
                  qualifier=figure.qualifier, change=figure.change or "", measure=figure.measure, kind=figure.kind)


def test_a_figure_reads_with_its_qualifier_and_change_as_written():
    assert _metric("Phát hiện hơn 3.000 vụ phạm tội về kinh tế.", "3.000").as_written() == "hơn 3.000"
    assert _metric("Thu giữ gần 1,6 tỷ đồng tiền mặt.", "1,6 tỷ đồng").as_written() == "gần 1,6 tỷ đồng"
    assert _metric("Số người chết giảm 7,73% so với cùng kỳ.", "7,73%").as_written() == "giảm 7,73%"
    assert _metric("Bắt giữ 120 đối tượng truy nã.", "120").as_written() == "120"


def test_a_qualifier_written_after_the_figure_reads_before_it():
    metric = _metric("Triệt phá 15 đường dây từ 10 đối tượng trở lên.", "10")
    assert metric.qualifier == "at_least"
    assert metric.as_written() == "từ 10"


def test_the_context_tells_two_like_figures_apart():
    first = _metric("Cục tập trung vào 6 đột phá về cải cách hành chính trong đăng ký xe.", "6")
    second = _metric("Năm 2025, toàn lực lượng thực hiện 6 đột phá về chuyển đổi số.", "6")

    assert first.context() != second.context()
    before, written, after = second.context()
    assert (written, after) == ("6", " đột phá về chuyển đổi số.")
    assert before == "… 2025, toàn lực lượng thực hiện "


def test_the_context_marks_the_figure_where_it_stands_not_where_its_digits_first_appear():
    metric = _metric("Năm 2024, tỉnh đứng thứ 2 toàn quốc về chỉ số cải cách hành chính.", "2")

    before, written, after = metric.context(words=3)

    assert (before, written) == ("… tỉnh đứng thứ ", "2")
    assert after.startswith(" toàn quốc về")
