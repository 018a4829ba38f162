from __future__ import annotations

import re

import pytest
from django.db.models import Count

from reports.extraction import extract
from reports.importing import save_extracted
from reports.models import TEXT_PART, Indicator, Metric, Report

pytestmark = pytest.mark.django_db


def test_the_home_page_counts_what_is_in_the_knowledge_base(client, seeds_kb):
    response = client.get("/")

    assert response.context["counts"]["reports"] == 3
    assert response.context["counts"]["metrics"] == Metric.objects.count()
    assert 'name="q"' in response.content.decode()


def test_a_report_page_highlights_every_figure_and_links_it(client, seeds_kb):
    report = Report.objects.get(source__startswith="000")

    html = client.get(report.get_absolute_url()).content.decode()

    metric = report.metrics.get(figure="7,73%")
    assert f'<a class="figure" id="m{metric.pk}" href="/figures/{metric.pk}/"' in html
    assert len(re.findall(r'<a class="figure"', html)) == report.metrics.count()


def test_a_report_page_links_units_and_officials_in_the_text(client, seeds_kb):
    report = Report.objects.get(source__startswith="000")

    html = client.get(report.get_absolute_url()).content.decode()

    assert '<a class="official-link" href="/officials/nguyen-ngoc-cuong/">Nguyễn Ngọc Cương</a>' in html
    assert re.search(r'<a class="unit-link" href="/units/cuc-canh-sat-giao-thong/">[^<]+</a>', html)


def test_a_report_page_runs_a_fixed_number_of_queries(client, seeds_kb, django_assert_num_queries):
    report = Report.objects.get(source__startswith="000")
    with django_assert_num_queries(4):
        client.get(report.get_absolute_url())


def test_the_report_list_filters_by_unit_province_year_and_dates(client, seeds_kb):
    def sources(**params):
        response = client.get("/reports/", params)
        assert response.status_code == 200
        return sorted(r.source[:3] for r in response.context["page"])

    assert sources() == ["000", "002", "003"]
    assert sources(unit="bo-cong-an") == ["000", "002"]  # 000 is the ministry's conference
    assert sources(unit="cuc-canh-sat-quan-ly-hanh-chinh-ve-trat-tu-xa-hoi") == ["003"]
    assert sources(year="2024") == ["000", "002", "003"]
    assert sources(event_date_after="01/06/2024", event_date_before="31/12/2024") == ["000", "002"]
    assert sources(event_date_after="2024-07-01") == ["000", "002"]
    assert sources(q='"giao ban trực tuyến"') == ["003"]  # words of the title or the text


def test_a_figure_page_shows_its_sentence_with_the_figure_marked(client, seeds_kb):
    metric = Metric.objects.get(figure="7,73%")

    html = client.get(metric.get_absolute_url()).content.decode()

    assert "<mark>7,73%</mark>" in html
    assert "số người chết" in html
    assert metric.unit.name in html


def test_a_rejected_figure_is_gone_and_its_page_says_an_editor_rejected_it_and_why(client, seeds_kb):
    metric = Metric.objects.get(figure="7,73%")
    Metric.objects.filter(pk=metric.pk).set_status(Metric.Status.REJECTED, None, "đã có trong bảng tổng hợp")

    response = client.get(metric.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi")

    assert response.status_code == 410
    html = response.content.decode()
    assert "Biên tập viên đã loại số liệu này" in html
    assert "<q>đã có trong bảng tổng hợp</q>" in html
    assert "<mark>7,73%</mark>" in html
    assert f'href="{metric.report.get_absolute_url()}?at={metric.start}' in html


def test_a_withdrawn_figure_is_gone_and_its_page_shows_its_sentence_report_and_why(client, seeds_kb):
    metric = Metric.objects.get(figure="7,73%")
    report = metric.report
    sentence_start = report.text.index(metric.sentence[:40])
    text = report.text[:sentence_start] + report.text[sentence_start + len(metric.sentence):]
    save_extracted(report.source, extract(text))

    response = client.get(metric.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi")

    assert response.status_code == 410
    html = response.content.decode()
    assert "Số liệu này đã được rút lại" in html
    assert "<q>câu chứa số liệu không còn trong văn bản của báo cáo</q>" in html
    assert metric.sentence.split("7,73%")[0].strip()[-30:] in html
    assert report.title in html
    assert metric.pk not in [m.pk for m in client.get("/figures/?q=7,73").context["page"]]


def test_an_indicator_page_compares_units_in_a_table_and_a_chart(client, seeds_kb):
    indicator = Indicator.objects.get(slug="toi-pham-ve-trat-tu-xa-hoi")

    response = client.get(indicator.get_absolute_url())

    units = {m.unit.name for m in response.context["metrics"]}
    assert {"Công an tỉnh Hải Dương", "Công an tỉnh Đắk Lắk"} <= units
    assert response.context["charts"]
    assert "<svg" in response.content.decode()


def test_the_indicator_list_searches_synonyms(client, seeds_kb):
    names = [i.name for i in client.get("/indicators/", {"q": "DVCTT"}).context["page"]]

    assert names == ["Tỷ lệ dịch vụ công trực tuyến"]


@pytest.mark.parametrize("query", ["event_date_after=32/13/2024", "year=abc", "unit=nope", "province=x"])
def test_bad_report_filters_are_a_400(client, seeds_kb, query):
    assert client.get(f"/reports/?{query}").status_code == 400


def test_an_indicator_page_lists_its_latest_figures_and_links_to_all(client, seeds_kb, monkeypatch):
    monkeypatch.setattr("reports.views.DETAIL_ROWS", 2)
    indicator = Indicator.objects.annotate(n=Count("metrics")).order_by("-n").first()
    latest = list(indicator.metrics.order_by("-report__event_date", "report_id", "start")[:2])

    response = client.get(indicator.get_absolute_url())

    assert list(response.context["metrics"]) == latest
    assert f'href="/figures/?indicator={indicator.slug}"' in response.content.decode()


def test_lists_count_only_the_public_figures_of_each_report_and_indicator(client, seeds_kb):
    metric = Metric.objects.filter(indicator__isnull=False).first()
    Metric.objects.filter(pk=metric.pk).update(status=Metric.Status.REJECTED)

    reports = {r.pk: r.n_metrics for r in client.get("/reports/").context["page"]}
    indicators = {i.pk: i.n_metrics for i in client.get("/indicators/").context["page"]}

    assert reports[metric.report_id] == metric.report.metrics.public().count()
    assert indicators[metric.indicator_id] == metric.indicator.metrics.public().count()


@pytest.fixture
def long_report(db) -> Report:
    paragraph = "Công an tỉnh Nghệ An đã bắt giữ 12 đối tượng, thu giữ 3 kg ma túy và 45 khẩu súng.\n"
    text = "Báo cáo dài\n\n" + paragraph * (3 * TEXT_PART // len(paragraph))
    return save_extracted("dai.txt", extract(text)).report


def test_a_long_report_is_shown_a_part_at_a_time_with_every_figure_in_one_part(client, long_report):
    parts = long_report.parts()
    anchors = []
    for n in range(1, len(parts) + 1):
        html = client.get(f"{long_report.get_absolute_url()}?part={n}").content.decode()
        anchors += re.findall(r'<a class="figure" id="m(\d+)"', html)
        assert len(html) < 4 * TEXT_PART * 2  # a part of the text, not all of it

    assert len(parts) == 3
    assert sorted(map(int, anchors)) == sorted(long_report.metrics.values_list("pk", flat=True))
    assert "".join(long_report.text[a:b] for a, b in parts) == long_report.text


def test_a_figure_links_to_the_part_of_the_text_that_holds_it(client, long_report):
    metric = long_report.metrics.order_by("-start").first()

    link = re.search(r'href="([^"]+#m\d+)"', client.get(metric.get_absolute_url()).content.decode()).group(1)
    html = client.get(link.split("#")[0]).content.decode()

    assert link.endswith(f"#m{metric.pk}")
    assert f'id="m{metric.pk}"' in html
    assert '<strong aria-current="page">3</strong>' in html


@pytest.mark.parametrize("query", ["part=abc", "part=0", "part=99999999999999999999", "at=-5", "at=%D9%A3"])
def test_a_bad_part_shows_the_nearest_part(client, long_report, query):
    assert client.get(f"{long_report.get_absolute_url()}?{query}").status_code == 200


def test_a_figure_page_and_the_review_queue_mark_the_figure_where_it_stands(client, db, admin_client):
    text = "Tin tổng kết\n\nNăm 2024, Công an tỉnh Nghệ An đứng thứ 2 toàn quốc về cải cách hành chính.\n"
    report = save_extracted("xep-hang.txt", extract(text)).report
    rank = report.metrics.get(kind="rank")

    page = client.get(rank.get_absolute_url()).content.decode()
    queue = admin_client.get("/admin/reports/metrictoreview/").content.decode()

    assert "Năm 2024, Công an tỉnh Nghệ An đứng thứ <mark>2</mark> toàn quốc" in page
    assert "đứng thứ <mark>2</mark> toàn quốc" in queue
    assert "<mark>2</mark>024" not in page + queue


def test_a_report_page_names_its_outlet_and_never_its_file(client, seeds_kb):
    with_url = Report.objects.exclude(url="").first()
    page = client.get(with_url.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert with_url.source not in page
    assert f'{with_url.outlet}: <a href="{with_url.url}"' in page

    Report.objects.filter(pk=with_url.pk).update(url="")
    page = client.get(with_url.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "không có đường dẫn tới nơi đăng tải" in page


def test_the_method_page_explains_sources_confidence_corrections_and_errors(client, settings):
    settings.CONTACT_EMAIL = "bientap@example.vn"

    response = client.get("/method/", HTTP_ACCEPT_LANGUAGE="vi")

    html = response.content.decode()
    for anchor in ["sources", "confidence", "corrections", "report-an-error"]:
        assert f'id="{anchor}"' in html
    assert '<a href="mailto:bientap@example.vn">' in html
    assert 'href="/method/"' in client.get("/").content.decode()


def test_a_figure_page_links_to_how_to_report_an_error(client, seeds_kb):
    metric = Metric.objects.public().first()
    assert 'href="/method/#report-an-error"' in client.get(metric.get_absolute_url()).content.decode()


def test_a_unit_inferred_from_the_outlet_says_so_on_the_report_and_its_figures(client, db):
    text = ("Triệt phá đường dây ma túy lớn\n\nTheo chỉ đạo của Bộ Công an, lực lượng chức năng đã bắt giữ 12 đối tượng."
            "\n\nNguồn: https://baonghean.vn/triet-pha-123.html")
    save_extracted("ngean.txt", extract(text))
    report = Report.objects.get(source="ngean.txt")
    figure = report.metrics.get()

    assert (report.unit.name, report.unit_from_outlet) == ("Công an tỉnh Nghệ An", True)
    for url in [report.get_absolute_url(), figure.get_absolute_url()]:
        assert "suy ra từ trang đăng tải báo cáo" in client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()


def test_a_civilian_title_names_its_body_once_and_links_its_province(client, db):
    text = ("Công an tỉnh Nghệ An tổng kết năm 2024\n\nBí thư Tỉnh ủy Nghệ An Nguyễn Đức Trung dự và chỉ đạo. "
            "Công an tỉnh Nghệ An đã bắt 120 đối tượng.")
    save_extracted("tongket.txt", extract(text))
    report = Report.objects.get(source="tongket.txt")

    html = client.get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    assert "Bí thư Tỉnh ủy <a" in html and ">Nghệ An</a>" in html
    assert "Tỉnh ủy Tỉnh ủy" not in html
