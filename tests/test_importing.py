from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import psycopg
import pytest
from django.db import IntegrityError, OperationalError
from factories import MINISTRY, NGHE_AN, TEXT, TRAFFIC, figure, make_extraction

from reports.extraction.records import OfficialMention, Position, ReportMeta, UnitRef
from reports.importing import DuplicateReport, Lookups, save_extracted
from reports.models import Metric, Report
from units.models import Official, Province, Unit, UnitAlias

pytestmark = pytest.mark.django_db


def test_it_writes_report_units_officials_and_figures(extraction):
    result = save_extracted("a.txt", extraction)

    assert result.status == "new"
    report = Report.objects.get(source="a.txt")
    assert report.title == "Báo cáo của Cục CSGT năm 2024"
    assert report.text == TEXT
    assert report.unit.name == "Cục Cảnh sát giao thông"
    assert report.metrics.count() == 2
    metric = report.metrics.get(figure="7,73%")
    assert metric.value == Decimal("7.73")
    assert metric.unit.name == "Cục Cảnh sát giao thông"
    assert TEXT[metric.start : metric.end] == "7,73%"
    assert metric.extracted["value"] == "7.73"
    official = Official.objects.get()
    assert (official.name, official.rank) == ("Nguyễn Văn Trung", "Thiếu tướng")
    assert [(p.title, p.unit.name) for p in official.positions.all()] == [("Cục trưởng", "Cục Cảnh sát giao thông")]


def test_it_links_units_to_province_parent_and_aliases(extraction):
    save_extracted("a.txt", extraction)

    nghe_an = Unit.objects.get(name="Công an tỉnh Nghệ An")
    assert nghe_an.kind == "provincial"
    assert nghe_an.province.name == "Nghệ An"
    assert nghe_an.parent.name == "Bộ Công an"
    assert nghe_an.parent.kind == "ministry"
    assert set(UnitAlias.objects.values_list("name", flat=True)) == {"Cục CSGT", "Công an Nghệ An"}


def test_reimporting_the_same_text_changes_nothing(extraction):
    save_extracted("a.txt", extraction)
    before = list(Metric.objects.values_list("pk", "value"))

    result = save_extracted("a.txt", extraction)

    assert result.status == "unchanged"
    assert list(Metric.objects.values_list("pk", "value")) == before
    assert Unit.objects.filter(name="Cục Cảnh sát giao thông").count() == 1
    assert Official.objects.count() == 1


def test_a_changed_text_replaces_the_extracted_figures(extraction):
    save_extracted("a.txt", extraction)
    text = TEXT.replace("284", "290")
    figures = (figure(text, "290", "290", NGHE_AN), figure(text, "7,73%", "7.73", TRAFFIC, kind="percent"))

    result = save_extracted("a.txt", make_extraction(text, figures=figures))

    assert result.status == "updated"
    assert sorted(Metric.objects.public().values_list("figure", flat=True)) == ["290", "7,73%"]
    assert Metric.objects.get(figure="284").status == Metric.Status.WITHDRAWN
    assert Report.objects.get().text == text


def test_a_correction_survives_reimport_of_a_changed_text(extraction):
    save_extracted("a.txt", extraction)
    metric = Metric.objects.get(figure="7,73%")
    metric.value, metric.status = Decimal("7.8"), Metric.Status.CORRECTED
    metric.save()
    text = "Mở đầu mới.\n" + TEXT

    save_extracted("a.txt", make_extraction(text))

    metric.refresh_from_db()
    assert metric.value == Decimal("7.8")
    assert metric.status == "corrected"
    assert metric.extracted["value"] == "7.73"
    assert text[metric.start : metric.end] == "7,73%"
    assert not metric.needs_review
    assert Metric.objects.filter(figure="7,73%").count() == 1


def test_a_rejected_figure_stays_rejected_after_reimport(extraction):
    save_extracted("a.txt", extraction)
    Metric.objects.filter(figure="284").update(status=Metric.Status.REJECTED)

    save_extracted("a.txt", make_extraction("Mở đầu mới.\n" + TEXT))

    assert list(Metric.objects.filter(figure="284").values_list("status", flat=True)) == ["rejected"]
    assert Metric.objects.public().filter(figure="284").count() == 0


def test_a_reviewed_figure_whose_sentence_is_gone_is_flagged_not_deleted(extraction):
    save_extracted("a.txt", extraction)
    Metric.objects.filter(figure="284").update(status=Metric.Status.VERIFIED)
    text = TEXT.replace("Công an Nghệ An đã xây dựng 284 cấp xã sạch về ma túy.\n", "")

    save_extracted("a.txt", make_extraction(text))

    metric = Metric.objects.get(figure="284")
    assert metric.status == "verified"
    assert metric.needs_review


def test_units_and_officials_are_merged_across_reports_by_name_and_alias(extraction):
    save_extracted("a.txt", extraction)
    other = "Cục CSGT: năm 2024 giảm 62,5% ùn tắc.\nThiếu tướng Nguyễn Văn Trung phát biểu.\n"
    traffic = replace(TRAFFIC, name="Cục Cảnh sát Giao thông")  # another capitalisation
    save_extracted(
        "b.txt",
        make_extraction(
            other,
            unit=traffic,
            units=(traffic,),
            officials=(OfficialMention("Nguyễn Văn Trung", 0, 1, "Thiếu tướng", (Position("Cục trưởng", traffic),)),),
            figures=(figure(other, "62,5%", "62.5", traffic, kind="percent"),),
        ),
    )

    assert Unit.objects.filter(name_key="cuc canh sat giao thong").count() == 1
    official = Official.objects.get()
    assert sorted(official.positions.values_list("report__source", flat=True)) == ["a.txt", "b.txt"]


def test_current_rank_comes_from_the_latest_report(extraction):
    save_extracted("a.txt", extraction)
    older = replace(extraction.meta, event_date=extraction.meta.event_date.replace(year=2020))
    promoted = OfficialMention("Nguyễn Văn Trung", 0, 1, "Đại tá", (Position("Phó Cục trưởng", TRAFFIC),))
    save_extracted("old.txt", make_extraction("Văn bản cũ.\n" + TEXT, meta=older, officials=(promoted,)))

    assert Official.objects.get().rank == "Thiếu tướng"


def test_an_unnamed_provincial_police_gets_one_unit_per_report_with_no_province():
    unnamed = UnitRef(name="Công an tỉnh", kind="provincial", parent="Bộ Công an")
    text = "Tại điểm cầu Công an tỉnh, Đại tá Hồ Việt Triều dự.\n"
    mention = OfficialMention("Hồ Việt Triều", 0, 1, "Đại tá", (Position("Giám đốc", unnamed),))
    for source in ["x.txt", "y.txt"]:
        save_extracted(source, make_extraction(text + source, unit=MINISTRY, units=(unnamed,),
                                               officials=(mention,), figures=()))

    units = Unit.objects.filter(name__startswith="Công an tỉnh (")
    assert sorted(units.values_list("name", "source")) == [
        ("Công an tỉnh (chưa rõ tỉnh)", "x.txt"), ("Công an tỉnh (chưa rõ tỉnh)", "y.txt")
    ]
    assert all(u.province is None and u.kind == "provincial" for u in units)


def test_a_unit_named_without_its_province_is_shown_without_file_names_and_links_its_report(client):
    unnamed = UnitRef(name="Công an tỉnh", kind="provincial", parent="Bộ Công an")
    text = "Tại điểm cầu Công an tỉnh, lực lượng đã bắt 12 đối tượng.\n"
    save_extracted("003_bfd888a49fef8892.txt", make_extraction(text, unit=unnamed, units=(unnamed,), figures=()))
    unit = Unit.objects.get(source="003_bfd888a49fef8892.txt")
    report = Report.objects.get()

    for url in ["/units/", unit.get_absolute_url(), report.get_absolute_url(), "/search/?q=cong+an+tinh"]:
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
        assert "003_bfd888a49fef8892" not in page, url
    page = client.get(unit.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Công an tỉnh (chưa rõ tỉnh)" in page
    assert f'href="{report.get_absolute_url()}"' in page


def test_a_ministry_unit_never_says_its_province_is_unknown(client, extraction):
    save_extracted("a.txt", extraction)

    for name in ["Bộ Công an", "Cục Cảnh sát giao thông"]:
        page = client.get(Unit.objects.get(name=name).get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
        assert "chưa rõ" not in page and "<dt>Tỉnh, thành phố</dt>" not in page, name


def test_the_same_text_under_another_name_is_refused(extraction):
    save_extracted("a.txt", extraction)

    with pytest.raises(DuplicateReport, match="a.txt"):
        save_extracted("copy.txt", extraction)
    assert Report.objects.count() == 1


def test_an_editors_unit_changes_are_not_overwritten_by_a_reimport(extraction):
    save_extracted("a.txt", extraction)
    ha_tinh = Province.objects.named("Hà Tĩnh")
    Unit.objects.filter(name="Công an tỉnh Nghệ An").update(province=ha_tinh, kind="other")

    save_extracted("a.txt", make_extraction("Mở đầu mới.\n" + TEXT, meta=ReportMeta(title="Đổi tiêu đề")))

    unit = Unit.objects.get(name="Công an tỉnh Nghệ An")
    assert (unit.province, unit.kind) == (ha_tinh, "other")
    assert Report.objects.get().title == "Đổi tiêu đề"


def test_figures_of_a_report_with_no_unit_are_kept_unattributed():
    text = "Năm 2024 đã bắt 12 đối tượng.\n"
    save_extracted("n.txt", make_extraction(text, unit=None, units=(), officials=(),
                                            figures=(figure(text, "12", "12", None, measure="đối tượng"),)))

    assert Metric.objects.get().unit is None


def test_a_file_that_fails_leaves_the_run_nothing_it_rolled_back(extraction):
    lookups = Lookups()
    empty_span = replace(extraction.figures[0], end=extraction.figures[0].start)  # breaks a constraint
    with pytest.raises(IntegrityError):
        save_extracted("bad.txt", replace(extraction, figures=(empty_span,)), lookups)
    assert not Unit.objects.exists()

    save_extracted("good.txt", extraction, lookups)

    assert Unit.objects.filter(name=TRAFFIC.name).exists()
    assert {m.unit.name for m in Metric.objects.all()} == {TRAFFIC.name, NGHE_AN.name}


@pytest.mark.parametrize(("text", "left_out"), [
    # Words that run on for hundreds of letters (a text whose spaces were lost) make names no
    # column holds: they are left out, the rest of the report is written.
    ("Trung tá Lê Văn Hòa, cán bộ Phòng " + "Xy" * 200 + " Công an tỉnh Nghệ An cho biết đã bắt 3 đối tượng.", "unit"),
    ("Công an huyện " + "Xy" * 200 + " bắt 3 đối tượng.", "unit"),
    ("Trung tá Lê Văn Hòa, Đội trưởng Đội " + "X" * 300 + " Công an huyện Nam Đàn cho biết đã bắt 3 đối tượng.",
     "position"),
    ("Đại tá N" + "guyễn" * 30 + " Văn An, Giám đốc Công an tỉnh Nghệ An cho biết đã bắt 3 đối tượng.", "official"),
])
def test_a_name_too_long_to_store_is_left_out_and_the_report_written(text, left_out, caplog):
    from reports.extraction import extract

    result = save_extracted("dai.txt", extract(text))

    assert result.status == "new"
    assert result.report.metrics.get().figure == "3"
    assert f"{left_out} left out (over" in caplog.text
    assert all(len(name) <= 255 for name in Unit.objects.values_list("name", flat=True))


def test_a_figure_too_large_to_store_is_left_out_and_the_rest_written(caplog):
    from reports.extraction import extract

    text = ("Công an tỉnh Nghệ An bắt 12 đối tượng, thu 1234567890123456789012 thẻ sim và "
            "999.999.999.999.999.999 tỷ đồng.")
    result = save_extracted("lon.txt", extract(text))

    assert [m.figure for m in result.report.metrics.all()] == ["12"]
    assert caplog.text.count("figure left out") == 2


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://cand.com.vn/bao-cao-2024", True),
        ("https://cand.com.vn/" + "a" * 600, False),
        ("http://[::1", False),
        ("https://exa_mple..vn/x", False),
    ],
)
def test_a_source_url_is_kept_only_if_a_reader_can_follow_it(extraction, caplog, url, kept):
    meta = replace(extraction.meta, url=url)

    report = save_extracted("nguon.txt", replace(extraction, meta=meta)).report

    assert report.url == (url if kept else "")
    assert report.metrics.count() == len(extraction.figures)
    assert ("source URL left out" in caplog.text) is not kept


def test_a_file_rolled_back_to_break_a_deadlock_is_written_again(extraction, monkeypatch):
    from reports import importing

    save, calls = importing._save, []

    def deadlocked_once(*args):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("deadlock detected") from psycopg.errors.DeadlockDetected("deadlock detected")
        return save(*args)

    monkeypatch.setattr(importing, "_save", deadlocked_once)

    assert save_extracted("a.txt", extraction).status == "new"
    assert len(calls) == 2 and Report.objects.count() == 1


def test_other_database_errors_are_not_retried(extraction, monkeypatch):
    from reports import importing

    calls = []

    def broken(*args):
        calls.append(1)
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(importing, "_save", broken)

    with pytest.raises(OperationalError):
        save_extracted("a.txt", extraction)
    assert len(calls) == 1
