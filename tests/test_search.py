from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _results(client, query: str) -> dict:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.context["results"]


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
    assert any(m.figure == "22.022" for m in results["metrics"])


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
