from __future__ import annotations

import pytest

from reports.models import Indicator, Metric, Report
from units.models import Unit

pytestmark = pytest.mark.django_db


def _names(client, **params) -> list[str]:
    response = client.get("/units/", params)
    assert response.status_code == 200
    return [u.name for u in response.context["page"]]


def test_the_unit_list_filters_by_kind_province_parent_and_text(client, seeds_kb):
    assert set(_names(client, kind="provincial")) >= {"Công an tỉnh Nghệ An", "Công an tỉnh Đắk Lắk"}
    assert _names(client, province="nghe-an") == ["Công an tỉnh Nghệ An"]
    assert "Cục Cảnh sát giao thông" in _names(client, parent="bo-cong-an")
    assert _names(client, q="dak lak") == ["Công an tỉnh Đắk Lắk"]


def test_the_unit_list_finds_a_unit_by_its_new_or_old_province(client, seeds_kb):
    assert _names(client, province="hai-phong") == _names(client, province="hai-duong") == ["Công an tỉnh Hải Dương"]


def test_a_unit_page_shows_officials_figures_by_report_reports_and_province(client, seeds_kb):
    unit = Unit.objects.get(name="Công an tỉnh Hải Dương")

    response = client.get(unit.get_absolute_url())

    html = response.content.decode()
    assert "Bùi Quang Bình" in html
    assert "98,83%" in html and "24,68%" in html
    assert "Hải Phòng" in html  # Hải Dương became part of Hải Phòng
    assert [r.source for r in response.context["reports"]] == ["000_64d14c10cf80593d.txt"]


def test_a_unit_page_charts_an_indicator_seen_in_more_than_one_report(client, seeds_kb):
    unit = Unit.objects.get(name="Cục Cảnh sát quản lý hành chính về trật tự xã hội")
    laws = Indicator.objects.get(name="Luật")
    in_2024 = Metric.objects.get(unit=unit, report__source__startswith="000", indicator=laws)
    in_q1 = Metric.objects.filter(unit=unit, report__source__startswith="003", kind="count").first()
    Metric.objects.filter(pk=in_q1.pk).update(indicator=laws, change="", measure=in_2024.measure)

    response = client.get(unit.get_absolute_url())

    [chart] = response.context["charts"]
    assert chart.title.startswith("Luật")
    assert "<svg" in str(chart.svg) and in_2024.report.period_label in str(chart.svg)
    assert "<table" in response.content.decode().split('class="chart-box"')[1]


def test_a_unit_page_runs_a_fixed_number_of_queries(client, seeds_kb, django_assert_num_queries):
    unit = Unit.objects.get(name="Cục Cảnh sát giao thông")
    with django_assert_num_queries(7):
        client.get(unit.get_absolute_url())


def test_a_unit_page_lists_its_latest_figures_and_links_to_all(client, seeds_kb, monkeypatch):
    monkeypatch.setattr("units.views.DETAIL_ROWS", 3)
    unit = Unit.objects.order_by("-figure_count").first()
    latest = list(unit.metrics.order_by("-report__event_date", "report_id", "start")[:3])

    response = client.get(unit.get_absolute_url())

    assert list(response.context["metrics"]) == latest
    assert f'href="/figures/?unit={unit.slug}"' in response.content.decode()


def test_a_chart_shows_the_latest_bars_of_its_indicator_oldest_first(client, seeds_kb, monkeypatch):
    monkeypatch.setattr("reports.charts.CHART_BARS", 2)
    unit = Unit.objects.get(name="Cục Cảnh sát quản lý hành chính về trật tự xã hội")
    old_report, new_report = Report.objects.filter(metrics__unit=unit).distinct().order_by("event_date")[:2]
    older = list(Metric.objects.filter(unit=unit, report=old_report).order_by("start")[:2])
    newer = Metric.objects.filter(unit=unit, report=new_report).first()
    assert len(older) == 2
    Metric.objects.filter(unit=unit).update(indicator=None)
    Metric.objects.filter(pk__in=[older[0].pk, older[1].pk, newer.pk]).update(
        indicator=Indicator.objects.get(name="Luật"), kind="count", change="", measure="luật"
    )

    [chart] = client.get(unit.get_absolute_url()).context["charts"]

    svg = str(chart.svg)
    assert svg.count("<rect") == 2
    assert svg.index(older[0].report.period_label) < svg.index(newer.report.period_label)


def test_an_official_page_shows_positions_report_by_report(client, seeds_kb):
    response = client.get("/officials/to-lam/")

    titles = [p.title for p in response.context["official"].positions.all()]
    assert sorted(titles) == ["Chủ tịch nước", "Tổng Bí thư"]


def test_the_official_list_filters_by_name_rank_and_unit(client, seeds_kb):
    def names(**params):
        return [o.name for o in client.get("/officials/", params).context["page"]]

    assert names(q="cuong") == ["Nguyễn Ngọc Cương"]
    assert set(names(rank="Trung tướng")) == {"Nguyễn Minh Chính", "Trần Văn Thiện"}
    assert names(unit="cuc-canh-sat-giao-thong") == ["Nguyễn Văn Trung"]


def test_a_province_page_says_what_a_merged_province_became(client, seeds_kb):
    html = client.get("/provinces/hai-duong/").content.decode()

    assert "Hải Phòng" in html
    assert "Công an tỉnh Hải Dương" in html


def test_searching_either_name_of_a_merged_province_finds_the_other(client, seeds_kb):
    def names(q):
        return {p.name for p in client.get("/provinces/", {"q": q}).context["page"]}

    assert names("hai duong") >= {"Hải Dương", "Hải Phòng"}
    assert names("Hải Phòng") >= {"Hải Dương", "Hải Phòng"}


@pytest.mark.parametrize("url", ["/units/nope/", "/officials/nope/", "/provinces/atlantis/", "/indicators/nope/"])
def test_unknown_slugs_are_404(client, seeds_kb, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("query", ["kind=army", "province=x", "parent=nope", "q=" + "x" * 300])
def test_bad_unit_filters_are_a_400(client, seeds_kb, query):
    assert client.get(f"/units/?{query}").status_code == 400
