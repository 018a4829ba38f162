from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import connection

from reports.models import Metric
from units.models import Province, Unit

pytestmark = pytest.mark.django_db


def _rows(client, **params) -> list[Metric]:
    response = client.get("/figures/", params)
    assert response.status_code == 200, response.content[:500]
    return list(response.context["page"])


def test_it_filters_by_province(client, seeds_kb):
    rows = _rows(client, province="nghe-an")

    assert rows
    assert {m.unit.name for m in rows} == {"Công an tỉnh Nghệ An"}


def test_a_pre_2025_province_and_its_successor_find_each_other(client, seeds_kb):
    old = {m.pk for m in _rows(client, province="hai-duong")}
    new = {m.pk for m in _rows(client, province="hai-phong")}

    assert old and old == new
    assert Province.objects.get(slug="hai-duong").successor.name == "Hải Phòng"


def test_it_filters_by_kind_change_and_qualifier(client, seeds_kb):
    rows = _rows(client, kind="percent", change="decrease")

    assert {m.figure for m in rows} >= {"7,73%", "62,5%", "24,68%", "5,22%"}
    assert all(m.kind == "percent" and m.change == "decrease" for m in rows)
    assert all(m.qualifier == "approx" for m in _rows(client, qualifier="approx"))
    assert all(m.change == "" for m in _rows(client, change="none"))


def test_it_filters_by_value_range_and_sorts_by_value(client, seeds_kb):
    rows = _rows(client, value_min="1000", value_max="50000", sort="-value")

    values = [m.value for m in rows]
    assert values == sorted(values, reverse=True)
    assert values[0] == Decimal("48000") and min(values) >= 1000


def test_it_filters_by_words_of_the_sentence_or_measure_folding_diacritics(client, seeds_kb):
    rows = _rows(client, q="nguoi chet")

    assert "7,73%" in {m.figure for m in rows}
    assert all("người chết" in f"{m.sentence} {m.measure}".lower() for m in rows)


def test_it_filters_by_indicator_across_units(client, seeds_kb):
    rows = _rows(client, indicator="toi-pham-ve-trat-tu-xa-hoi", kind="percent")

    assert {(m.unit.name, m.figure) for m in rows} >= {
        ("Công an tỉnh Hải Dương", "24,68%"),
        ("Công an tỉnh Đắk Lắk", "5,22%"),
    }


def test_it_filters_by_department_and_unit(client, seeds_kb):
    rows = _rows(client, department="cuc-canh-sat-giao-thong")

    assert rows and {m.unit.slug for m in rows} == {"cuc-canh-sat-giao-thong"}
    assert {m.pk for m in rows} == {m.pk for m in _rows(client, unit="cuc-canh-sat-giao-thong")}


def test_it_filters_by_verified_and_hides_rejected(client, seeds_kb):
    Metric.objects.filter(figure="7,73%").update(status=Metric.Status.VERIFIED)
    Metric.objects.filter(figure="62,5%").update(status=Metric.Status.REJECTED)

    assert [m.figure for m in _rows(client, verified="true")] == ["7,73%"]
    assert "62,5%" not in {m.figure for m in _rows(client, q="ùn tắc")}


def test_it_filters_by_year(client, seeds_kb):
    assert _rows(client, year="2024")
    assert _rows(client, year="2019") == []


def test_its_url_carries_the_filters_into_pagination_and_downloads(client, seeds_kb):
    response = client.get("/figures/", {"province": "nghe-an", "kind": "count"})

    assert "province=nghe-an" in response.context["download_csv"]
    assert "format=csv" in response.context["download_csv"]


def test_facets_count_the_filtered_rows(client, seeds_kb):
    response = client.get("/figures/", {"kind": "percent"})

    facets = {f["param"]: f["items"] for f in response.context["facets"]}
    kinds = {item["value"]: item["count"] for item in facets["kind"]}
    assert kinds == {"percent": Metric.objects.filter(kind="percent").count()}
    provinces = {item["label"]: item["count"] for item in facets["province"]}
    assert provinces["Hải Dương"] == Metric.objects.filter(kind="percent", unit__province__name="Hải Dương").count()


def test_the_csv_download_is_exactly_the_filtered_rows_with_vietnamese_intact(client, seeds_kb):
    response = client.get("/figures/", {"province": "dak-lak", "format": "csv"})

    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    expected = Metric.objects.filter(unit__province__slug="dak-lak")
    assert sorted(int(r["id"]) for r in rows) == sorted(expected.values_list("pk", flat=True))
    assert {r["unit"] for r in rows} == {"Công an tỉnh Đắk Lắk"}
    assert response["Content-Disposition"].startswith('attachment; filename="figures-')


def test_the_json_download_is_exactly_the_filtered_rows(client, seeds_kb):
    response = client.get("/figures/", {"kind": "money", "format": "json"})

    rows = json.loads(b"".join(response.streaming_content))
    assert sorted(r["value"] for r in rows) == ["1600000000", "50000000000"]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nonsense"},
        {"province": "atlantis"},
        {"value_min": "abc"},
        {"year": "99999"},
        {"verified": "perhaps"},
        {"sort": "password"},
        {"sort": ","},
        {"indicator": "x" * 500},
    ],
)
def test_malformed_filters_are_a_400_with_a_message(client, seeds_kb, params):
    response = client.get("/figures/", params)

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_an_empty_sort_from_the_form_is_the_default_order(client, seeds_kb):
    assert client.get("/figures/", {"sort": ""}).status_code == 200


@pytest.mark.parametrize("page_number", ["999999", "abc", "-1", "1e9"])
def test_odd_page_numbers_give_a_page(client, seeds_kb, page_number):
    assert client.get("/figures/", {"page": page_number}).status_code == 200


@pytest.mark.parametrize(
    ("params", "queries"),
    [({}, 6), ({"kind": "percent"}, 6), ({"province": "nghe-an", "kind": "percent", "sort": "-value"}, 6)],
)
def test_it_runs_a_fixed_number_of_queries_whatever_the_rows(client, seeds_kb, django_assert_num_queries, params, queries):
    client.get("/figures/", params)  # the unit box's suggestions, choice lists and provinces are read once, kept
    if connection.vendor == "postgresql":
        queries -= 3  # the four facets in one scan (GROUPING SETS)
    with django_assert_num_queries(queries):
        client.get("/figures/", params)
    Metric.objects.filter(kind="count").update(kind="percent")
    Metric.objects.bulk_create(
        [Metric(report=m.report, unit=m.unit, start=m.start + 100000, end=m.end + 100000, figure=m.figure,
                value=m.value, kind=m.kind, sentence=m.sentence) for m in Metric.objects.all()]
    )
    with django_assert_num_queries(queries):
        client.get("/figures/", params)


def test_a_huge_list_is_counted_only_up_to_a_cap_and_its_facets_are_cached(client, seeds_kb, monkeypatch,
                                                                            django_assert_max_num_queries):
    from django.core.cache import cache

    from common import listing

    monkeypatch.setattr(listing, "COUNT_CAP", 5)
    cache.clear()

    first = client.get("/figures/", {"kind": "count"})

    assert first.context["page"].paginator.capped
    assert first.context["page"].paginator.count == 6
    with django_assert_max_num_queries(6):  # the facets' four queries come from the cache now
        second = client.get("/figures/", {"kind": "count", "page": "2"})
    assert second.context["facets"] == first.context["facets"]


@pytest.mark.parametrize("typed", ["Công an tỉnh Nghệ An", "cong an tinh nghe an", "Nghệ An", "cong-an-tinh-nghe-an",
                                   "Công an Nghệ An"])
def test_the_unit_filter_takes_a_name_as_a_person_types_it(client, seeds_kb, typed):
    unit = Unit.objects.get(name="Công an tỉnh Nghệ An")

    response = client.get("/figures/", {"unit": typed})

    assert response.status_code == 200
    assert {m.pk for m in response.context["page"]} == set(unit.metrics.public().values_list("pk", flat=True))
    assert '<datalist id="unit-names">' in response.content.decode()
    assert '<option value="Công an tỉnh Nghệ An">' in response.content.decode()


def test_an_unknown_unit_gets_the_form_back_with_a_message(client, seeds_kb):
    response = client.get("/figures/", {"unit": "Công an sao Hỏa"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()

    assert 'class="errorlist form-errors" role="alert"' in html
    assert "no unit is called “Công an sao Hỏa”" in html
    assert 'value="Công an sao Hỏa"' in html  # what was typed stays in the box


def test_an_empty_result_says_so_and_offers_the_search_without_each_filter(client, seeds_kb):
    response = client.get("/figures/", {"q": "ma túy", "kind": "money", "year": "2024"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()

    assert "0 results · “ma túy”" in html
    relaxed = dict(response.context["relax"])
    assert set(relaxed) == {"search", "kind", "year"}
    assert "kind=" not in relaxed["kind"] and "q=" in relaxed["kind"]
