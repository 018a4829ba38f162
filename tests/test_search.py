from __future__ import annotations

import pytest
from factories import figure, make_extraction

from reports.importing import save_extracted
from reports.models import Metric, Report

pytestmark = pytest.mark.django_db


def _results(client, query: str) -> dict:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return {name: section.rows for name, section in response.context["results"].items()}


@pytest.mark.parametrize(
    "query", ["dak lak", "DAK LAK", "Đắk Lắk", "đắk lắk", "Dak Lak", "Ｄắｋ Ｌắｋ", "Đắk\u200b Lắk\u00ad", "\ufeffdak lak"]
)
def test_it_ignores_case_and_diacritics(client, seeds_kb, query):
    names = [u.name for u in _results(client, query)["units"]]

    assert "Công an tỉnh Đắk Lắk" in names


def test_an_abbreviation_finds_the_name_spelled_out(client, seeds_kb):
    assert "Cục Cảnh sát giao thông" in [u.name for u in _results(client, "CSGT")["units"]]
    assert "Cục Cảnh sát giao thông" in [u.name for u in _results(client, "csgt")["units"]]


def test_the_name_spelled_out_finds_an_abbreviation(client, seeds_kb):
    measures = [m.measure for m in _results(client, "an ninh quốc gia")["metrics"]]

    assert "đối tượng xâm phạm ANQG" in measures


def test_antt_and_an_ninh_trat_tu_find_the_same_units(client, seeds_kb):
    short = {u.pk for u in _results(client, "QLHC")["units"]}
    spelled = {u.pk for u in _results(client, "quản lý hành chính")["units"]}

    assert short and short <= spelled


def test_part_of_a_name_finds_the_official(client, seeds_kb):
    assert [o.name for o in _results(client, "Cương")["officials"]] == ["Nguyễn Ngọc Cương"]
    assert [o.name for o in _results(client, "cuong")["officials"]] == ["Nguyễn Ngọc Cương"]


def test_it_finds_reports_and_figures(client, seeds_kb):
    results = _results(client, "trật tự xã hội")

    assert any("quý I/2024" in r.title for r in results["reports"])
    assert Metric.objects.search("trật tự xã hội").filter(figure="22.022").exists()


@pytest.mark.parametrize(
    "query",
    ["' OR 1=1; DROP TABLE units_unit; --", "%", "_", "\\", "𝔇𝔞𝔨 \u0000 Lắk", "ก" * 50, "🚓🚓", "<script>alert(1)</script>"],
)
def test_odd_queries_give_an_empty_result_not_an_error(client, seeds_kb, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code in {200, 400}
    assert b"<script>alert(1)</script>" not in response.content


def test_a_very_long_query_is_a_400_with_a_message(client, seeds_kb):
    response = client.get("/search/", {"q": "dak lak " * 100})

    assert response.status_code == 400
    assert "role=\"alert\"" in response.content.decode()


def test_an_empty_query_shows_the_search_page(client, seeds_kb):
    assert client.get("/search/").status_code == 200


# One search across everything -----------------------------------------------------------


def _ids(client, url: str, query: str) -> set[int]:
    return {int(m.pk) for m in client.get(url, {"q": query}).context["page"].object_list}


def _api_ids(client, query: str) -> set[int]:
    return {row["id"] for row in client.get("/api/metrics/", {"q": query, "page_size": 500}).json()["results"]}


@pytest.fixture
def words_kb(db):
    text = ("Tin an ninh trật tự\n\n"
            "Công an tỉnh Nghệ An đã triệt phá 12 đường dây ma túy.\n"
            "Phòng An ninh mạng xử lý 7 vụ lừa đảo trực tuyến.\n"
            "Số vụ tai nạn giao thông giảm 9 vụ so với cùng kỳ.\n"
            "Giao thông đường thủy có 3 tai nạn nhỏ.\n")
    figures = tuple(figure(text, written, written, measure=measure, sentence=line)
                    for written, measure, line in [
                        ("12", "đường dây ma túy", "Công an tỉnh Nghệ An đã triệt phá 12 đường dây ma túy."),
                        ("7", "vụ lừa đảo trực tuyến", "Phòng An ninh mạng xử lý 7 vụ lừa đảo trực tuyến."),
                        ("9", "vụ", "Số vụ tai nạn giao thông giảm 9 vụ so với cùng kỳ."),
                        ("3", "tai nạn nhỏ", "Giao thông đường thủy có 3 tai nạn nhỏ."),
                    ])
    return save_extracted("tin.txt", make_extraction(text, figures=figures, units=(), officials=(), unit=None))


def _measures(client, query: str) -> set[str]:
    return {m.measure for m in _results(client, query)["metrics"]}


def test_a_word_matches_whole_words_only(client, words_kb):
    assert _measures(client, "túy") == {"đường dây ma túy"}
    assert _measures(client, "TUY") == {"đường dây ma túy"}
    assert _measures(client, "tuyến") == {"vụ lừa đảo trực tuyến"}


def test_a_quoted_phrase_matches_as_a_phrase(client, words_kb):
    assert _measures(client, "tai nạn giao thông") == {"vụ", "tai nạn nhỏ"}
    assert _measures(client, "\"tai nạn giao thông\"") == {"vụ"}
    assert _measures(client, "“tai nan giao thong”") == {"vụ"}


def test_words_find_reports_by_their_text_with_the_words_marked(client, words_kb):
    response = client.get("/search/", {"q": "ma tuy"})

    [report] = response.context["results"]["reports"].rows
    assert report.source == "tin.txt"
    assert "<mark>ma túy</mark>" in response.content.decode()


@pytest.mark.parametrize("query", ["túy", "tai nạn giao thông", "\"tai nạn giao thông\"", "Nghệ An", "dak lak",
                                   "CSGT", "cảnh sát giao thông", "QLHC", "cháy", "Hải Dương"])
def test_the_figures_list_the_api_and_the_search_page_find_the_same_figures(client, seeds_kb, words_kb, query):
    page = _ids(client, "/figures/", query)

    assert page == _api_ids(client, query)
    assert {m.pk for m in Metric.objects.public().search(query)} == page
    section = client.get("/search/", {"q": query}).context["results"]["metrics"]
    assert section.count == len(page)


@pytest.mark.parametrize("query", ["Hải Dương", "hai duong", "Nghệ An", "dak lak", "Đắk Lắk"])
def test_a_province_finds_its_police_their_figures_and_the_reports_about_it(client, seeds_kb, query):
    response = client.get("/search/", {"q": query})
    results = response.context["results"]

    unit = next(u for u in results["units"].rows if u.kind == "provincial")
    assert results["metrics"].count >= unit.figure_count > 0
    assert {m.pk for m in unit.metrics.public()} <= {m.pk for m in Metric.objects.search(query)}
    assert results["reports"].count >= 1


def test_an_old_province_finds_its_successor_and_says_so(client, seeds_kb):
    response = client.get("/search/", {"q": "Hải Dương"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "Hải Dương, now part of Hải Phòng" in response.content.decode()


def test_a_department_by_abbreviation_shows_its_figures(client, seeds_kb):
    for query in ["CSGT", "QLHC"]:
        results = client.get("/search/", {"q": query}).context["results"]
        units = results["units"].rows
        assert units and results["metrics"].count >= sum(u.figure_count for u in units) > 0


def test_a_person_finds_every_report_they_appear_in(client, seeds_kb):
    results = client.get("/search/", {"q": "Tô Lâm"}).context["results"]

    [official] = results["officials"].rows
    named_in = set(official.mentions.values_list("report", flat=True)) | set(
        official.positions.values_list("report", flat=True))
    assert len(named_in) >= 2
    assert named_in <= {r.pk for r in Report.objects.search("Tô Lâm")}
    assert results["reports"].count >= len(named_in)


def test_an_empty_result_says_so_and_suggests_near_names(client, seeds_kb):
    response = client.get("/search/", {"q": "cong an tinh nghe ann"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()

    assert response.status_code == 200
    assert "0 results" in html and "Nothing matches “cong an tinh nghe ann”" in html
    assert [u.name for u in response.context["nearest"]][:1] == ["Công an tỉnh Nghệ An"]


@pytest.mark.parametrize("query", ["Nghệ An", "QLHC", "công an"])
def test_a_section_shows_the_newest_of_what_its_list_finds(client, seeds_kb, words_kb, query):
    shown = client.get("/search/", {"q": query}).context["results"]["metrics"].rows

    assert len(shown) == 10
    assert [m.pk for m in shown] == [m.pk for m in Metric.objects.for_pages().search(query).latest_first()[:10]]
    assert [m.pk for m in shown] == [m.pk for m in client.get("/figures/", {"q": query}).context["page"]][:10]
