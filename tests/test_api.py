from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from typing import Any
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from factories import figure

from reports.importing import save_extracted
from reports.models import Indicator, Metric, Report
from units.models import Official, Province, Unit

pytestmark = pytest.mark.django_db

LISTS = ["units", "officials", "provinces", "reports", "indicators", "metrics"]


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Throttling counts requests in the cache, which outlives a test's transaction."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kb(extraction):
    save_extracted("a.txt", extraction)


@pytest.fixture
def seeds(db):
    call_command("import_reports", "seeds", stdout=io.StringIO())


def get_json(client, url: str, status: int = 200, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] in {"application/json", "application/vnd.oai.openapi+json"}
    return json.loads(response.content)


def download(client, **params: str) -> tuple[Any, str]:
    """A CSV download: the response and its text, byte-order mark and all."""
    response = client.get("/api/metrics/", {"format": "csv", **params})
    assert response.status_code == 200
    return response, b"".join(response.streaming_content).decode("utf-8")


def csv_rows(client, **params: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(download(client, **params)[1].removeprefix("\ufeff"))))


def all_rows(client, url: str, query: str = "") -> list[dict[str, Any]]:
    """Every row of a list, page after page."""
    rows, next_url = [], f"{url}?{quote(query, safe='=&')}&page_size=7"
    while next_url:
        page = get_json(client, next_url)
        rows += page["results"]
        next_url = page["next"]
    return rows


# Endpoints ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LISTS)
def test_each_list_answers_a_page_of_rows(client, kb, name):
    page = get_json(client, f"/api/{name}/")

    assert set(page) == {"count", "next", "previous", "results"}
    assert page["count"] >= len(page["results"]) > 0


def test_the_api_root_lists_the_endpoints(client):
    assert set(get_json(client, "/api/")) == set(LISTS)


def test_details_are_found_by_slug_or_id(client, kb):
    metric = Metric.objects.first()
    objects = {
        "units": Unit.objects.get(name="Công an tỉnh Nghệ An").slug,
        "officials": Official.objects.get().slug,
        "provinces": Province.objects.get(name="Nghệ An").slug,
        "reports": Report.objects.get().slug,
        "metrics": metric.pk,
    }
    Indicator.objects.create(name="Số người chết", slug="so-nguoi-chet")
    objects["indicators"] = "so-nguoi-chet"

    for name, key in objects.items():
        detail = get_json(client, f"/api/{name}/{key}/")
        assert detail["api_url"].endswith(f"/api/{name}/{key}/")
        assert detail["html_url"].startswith("http://testserver/")


def test_an_official_carries_the_positions_each_report_gives(client, kb):
    official = get_json(client, f"/api/officials/{Official.objects.get().slug}/")

    assert official["name"] == "Nguyễn Văn Trung"
    assert official["rank"] == "Thiếu tướng"
    [position] = official["positions"]
    assert position["title"] == "Cục trưởng"
    assert position["unit"]["name"] == "Cục Cảnh sát giao thông"
    assert position["report"]["source"] == "a.txt"


def test_a_unit_shows_its_province_parent_and_aliases(client, kb):
    unit = get_json(client, f"/api/units/{Unit.objects.get(name='Công an tỉnh Nghệ An').slug}/")

    assert unit["province"]["name"] == "Nghệ An"
    assert unit["parent"]["name"] == "Bộ Công an"
    assert unit["aliases"] == ["Công an Nghệ An"]
    assert unit["figures"] == 1


def test_a_report_detail_includes_its_text_and_the_list_does_not(client, kb):
    report = Report.objects.get()

    assert get_json(client, f"/api/reports/{report.slug}/")["text"] == report.text
    assert "text" not in get_json(client, "/api/reports/")["results"][0]


def test_a_merged_province_points_to_its_successor(client, db):
    province = get_json(client, "/api/provinces/hai-duong/")

    assert province["is_current"] is False
    assert province["successor"] == {"slug": "hai-phong", "name": "Hải Phòng"}
    assert {"slug": "hai-duong", "name": "Hải Dương"} in get_json(client, "/api/provinces/hai-phong/")["predecessors"]


# Figures and their provenance ------------------------------------------------------------


def test_a_figure_carries_its_provenance(client, kb):
    metric = Metric.objects.get(figure="7,73%")
    report = metric.report

    figure = get_json(client, f"/api/metrics/{metric.pk}/")

    assert figure["figure"] == "7,73%"
    assert figure["value"] == "7.73"
    assert figure["report"]["source"] == "a.txt"
    assert figure["report"]["slug"] == report.slug
    assert figure["unit"]["name"] == "Cục Cảnh sát giao thông"
    assert figure["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert report.text[figure["offsets"]["start"] : figure["offsets"]["end"]] == "7,73%"
    assert "số người chết giảm 7,73%" in figure["sentence"]
    assert (figure["status"], figure["verified"], figure["needs_review"]) == ("new", False, False)
    assert figure["extracted"]["value"] == figure["extracted_value"] == "7.73"


def test_a_figure_written_out_is_what_its_declared_fields_give(seeds):
    """MetricSerializer writes its rows out by hand for speed; the declared fields (the schema's
    source) must give the same, for every seed figure and every state a figure can be in."""
    from rest_framework import serializers
    from rest_framework.test import APIRequestFactory

    from reports.api import ROW, MetricSerializer

    corrected, rejected, withdrawn = Metric.objects.order_by("pk")[:3]
    corrected.value, corrected.status = corrected.value + 1, Metric.Status.CORRECTED
    corrected.save()
    Metric.objects.filter(pk=rejected.pk).set_status(Metric.Status.REJECTED, None, "not a count")
    Metric.objects.filter(pk=withdrawn.pk).update(status=Metric.Status.WITHDRAWN, unit=None, indicator=None,
                                                   value_max=10**6, total=5, target="7.5")
    request = APIRequestFactory().get("/api/metrics/")
    serializer = MetricSerializer(context={"request": request})
    metrics = Metric.objects.select_related("unit__province", "report", "indicator").order_by("pk")
    rows = {row["id"]: row for row in metrics.values(*ROW)}  # as lists read them

    assert len(metrics) > 60
    for metric in metrics:
        declared = serializers.ModelSerializer.to_representation(serializer, metric)
        assert serializer.to_representation(metric) == declared
        assert serializer.to_representation(rows[metric.pk]) == declared


def test_a_corrected_figure_shows_the_correction_beside_the_original_reading(client, kb):
    metric = Metric.objects.get(figure="284")
    metric.value, metric.status = 285, Metric.Status.CORRECTED
    metric.save()

    figure = get_json(client, f"/api/metrics/{metric.pk}/")

    assert figure["value"] == "285"
    assert figure["extracted_value"] == "284"
    assert (figure["status"], figure["verified"]) == ("corrected", True)


def test_a_rejected_figure_is_never_listed_and_its_address_says_so(client, kb):
    rejected = Metric.objects.get(figure="284")
    Metric.objects.filter(pk=rejected.pk).set_status(Metric.Status.REJECTED, None, "a year, not a count")

    assert [row["id"] for row in all_rows(client, "/api/metrics/")] == [Metric.objects.get(figure="7,73%").pk]
    gone = get_json(client, f"/api/metrics/{rejected.pk}/", status=410)
    assert (gone["status"], gone["status_reason"], gone["figure"]) == ("rejected", "a year, not a count", "284")
    assert [row["figure"] for row in csv_rows(client)] == ["7,73%"]
    assert get_json(client, f"/api/units/{rejected.unit.slug}/")["figures"] == 0


# Filters: the HTML lists' FilterSets --------------------------------------------------------

PARITY = [
    ("units", "/units/", ""),
    ("units", "/units/", "kind=provincial"),
    ("units", "/units/", "q=cong an tinh"),
    ("units", "/units/", "q=CÔNG AN"),
    ("units", "/units/", "parent=bo-cong-an"),
    ("units", "/units/", "province=hai-phong"),
    ("officials", "/officials/", ""),
    ("officials", "/officials/", "q=nguyen"),
    ("officials", "/officials/", "rank=Đại tá"),
    ("officials", "/officials/", "unit=bo-cong-an"),
    ("provinces", "/provinces/", "q=hai duong"),
    ("provinces", "/provinces/", "is_current=false"),
    ("reports", "/reports/", ""),
    ("reports", "/reports/", "year=2024"),
    ("reports", "/reports/", "event_date_after=01/07/2024"),
    ("reports", "/reports/", "unit=bo-cong-an&q=hoi nghi"),
    ("indicators", "/indicators/", "q=toi pham"),
    ("metrics", "/figures/", ""),
    ("metrics", "/figures/", "q=vu"),
    ("metrics", "/figures/", "q=vụ án&kind=count"),
    ("metrics", "/figures/", "kind=percent&change=decrease"),
    ("metrics", "/figures/", "change=none"),
    ("metrics", "/figures/", "verified=false&year=2024"),
    ("metrics", "/figures/", "province=hai-phong"),
    ("metrics", "/figures/", "department=cuc-canh-sat-giao-thong"),
    ("metrics", "/figures/", "unit=bo-cong-an&qualifier=exact"),
    ("metrics", "/figures/", "value_min=10&value_max=1000"),
    ("metrics", "/figures/", "sort=-value"),
    ("metrics", "/figures/", "report=000-64d14c10cf80593d&indicator=chi-tieu-cong-tac"),
]


@pytest.mark.parametrize(("api", "html", "query"), PARITY)
def test_a_query_string_gives_the_same_rows_as_the_html_list(client, seeds, api, html, query):
    page = client.get(f"{html}?{query}")
    assert page.status_code == 200
    key = "id" if api == "metrics" else "slug"

    expected = [getattr(row, "pk" if key == "id" else key) for row in page.context["filter"].qs]
    got = [row[key] for row in all_rows(client, f"/api/{api}/", query)]

    assert sorted(got) == sorted(expected)
    assert len(got) == len(set(got))


def test_the_parity_queries_are_not_all_empty(client, seeds):
    sizes = {q: get_json(client, f"/api/{api}/", **dict(p.split("=") for p in q.split("&") if p))["count"]
             for api, _, q in PARITY}

    assert sum(1 for n in sizes.values() if n) > len(PARITY) * 2 / 3, sizes


def test_search_ignores_case_diacritics_and_spells_out_abbreviations(client, kb):
    def slugs(q: str) -> list[str]:
        return [row["slug"] for row in get_json(client, "/api/units/", q=q)["results"]]

    traffic = Unit.objects.get(name="Cục Cảnh sát giao thông").slug
    assert traffic in slugs("cuc canh sat giao thong")
    assert traffic in slugs("CỤC CẢNH SÁT")
    assert traffic in slugs("Cục CSGT")


def test_pages_follow_a_total_order_without_overlap(client, seeds):
    everything = [row["id"] for row in get_json(client, "/api/metrics/", page_size=500, sort="value")["results"]]

    paged = [row["id"] for row in all_rows(client, "/api/metrics/", "sort=value")]

    assert paged == everything
    assert len(set(paged)) == Metric.objects.public().count()


# CSV ----------------------------------------------------------------------------------------


def test_csv_holds_every_filtered_row_with_a_bom_and_a_header(client, seeds):
    Metric.objects.filter(kind="percent").update(status=Metric.Status.VERIFIED)
    expected = Metric.objects.public().unverified()
    assert expected.count() > 50  # more than one JSON page

    response, text = download(client, page="1", verified="false")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="figures-')
    assert text.startswith("\ufeffid,figure,value,")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert sorted(int(row["id"]) for row in rows) == sorted(expected.values_list("pk", flat=True))
    assert {"report.slug", "report.source", "unit.name", "unit.province.name", "period.start", "period.end",
            "offsets.start", "offsets.end", "sentence", "status", "verified", "extracted_value",
            "extracted"} <= set(rows[0])


def test_csv_rows_are_the_json_rows_in_the_same_order(client, seeds):
    query = "q=vu&sort=-value"

    expected = [row["id"] for row in all_rows(client, "/api/metrics/", query)]

    assert [int(row["id"]) for row in csv_rows(client, q="vu", sort="-value")] == expected


def test_csv_ignores_pages_but_not_malformed_ones(client, kb):
    assert len(csv_rows(client, page="99", page_size="1")) == 2
    assert get_json(client, "/api/metrics/", status=400, format="csv", page_size="null") == {
        "page_size": ["Enter a whole number of at least 1."]
    }


def test_csv_keeps_vietnamese_text_intact(client, kb):
    rows = csv_rows(client)

    assert {row["unit.name"] for row in rows} == {"Cục Cảnh sát giao thông", "Công an tỉnh Nghệ An"}
    assert {row["measure"] for row in rows} == {"số người chết", "cấp xã sạch về ma túy"}
    assert json.loads(rows[0]["extracted"])["unit"] in {"Cục Cảnh sát giao thông", "Công an tỉnh Nghệ An"}


def test_csv_of_no_rows_still_has_its_header(client, kb):
    lines = download(client, q="khong co gi")[1].splitlines()

    assert len(lines) == 1
    assert lines[0].startswith("\ufeffid,figure,value,")


def test_a_bad_filter_on_a_csv_download_is_a_json_400(client, kb):
    errors = get_json(client, "/api/metrics/", status=400, format="csv", unit="no-such-unit")

    assert list(errors) == ["unit"]


# Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "nonsense"},
        {"unit": "no-such-unit"},
        {"province": "atlantis"},
        {"indicator": "\x00"},
        {"q": "\x00"},
        {"q": "x" * 300},
        {"event_date_after": "31/31/2024"},
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"value_min": "abc"},
        {"value_max": "NaN"},
        {"sort": "bogus"},
        {"sort": ","},
        {"sort": "value,"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "١"},
        {"page_size": "0"},
        {"page_size": "100000"},
        {"format": "xml"},
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, kb, query):
    url = "/api/reports/" if "event_date_after" in query else "/api/metrics/"

    errors = get_json(client, url, status=400, **query)

    assert errors and all(any(param.startswith(name) for param in query) for name in errors)


@pytest.mark.parametrize("q", ["🙂", "\u0301", "Ǆ", "‮مرحبا", "ß" * 200, "'; DROP TABLE x; --", "%", "_", "\\"])
def test_odd_unicode_searches_give_a_page(client, kb, q):
    for name in LISTS:
        assert "results" in get_json(client, f"/api/{name}/", q=q)


@pytest.mark.parametrize("value", ["-99999999999999999999.9999", "1_000", "0.0001"])
def test_extreme_values_that_a_figure_can_have_filter_without_error(client, kb, value):
    assert "results" in get_json(client, "/api/metrics/", value_min=value)


@pytest.mark.parametrize("value", ["1e999999", "-1e200000", "1e-999999", "1e100", "0.00001"])
def test_a_value_no_figure_can_have_is_a_400_not_a_server_error(client, kb, value):
    assert client.get("/api/metrics/", {"value_max": value}).status_code == 400
    assert client.get("/figures/", {"value_max": value}).status_code == 400


def test_a_page_past_the_end_is_empty_and_points_back_to_the_last_page(client, seeds):
    page = get_json(client, "/api/metrics/", page="99999999999999999999999999", page_size="20")

    assert page["results"] == []
    assert page["count"] == Metric.objects.public().count()
    assert page["next"] is None
    assert "page=4" in page["previous"]


@pytest.mark.parametrize(
    "url", ["/api/units/no-such-unit/", "/api/units/%F0%9F%99%82/", "/api/units/%00/", "/api/metrics/abc/",
            "/api/metrics/99999999999999999999/", "/api/metrics/9223372036854775807/", "/api/reports/a.b/"]
)
def test_unknown_keys_are_a_json_404(client, kb, url):
    assert "detail" in get_json(client, url, status=404)


# Read-only, throttled -----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/metrics/", "/api/units/", "/api/units/bo-cong-an/", "/api/reports/x/"])
def test_writes_are_405(client, kb, method, url):
    response = getattr(client, method)(url, data=json.dumps({"name": "x"}), content_type="application/json")

    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert not Unit.objects.filter(name="x").exists()


@pytest.mark.parametrize("url", ["/api/metrics/?format=csv", "/api/units/?format=csv", "/api/units/x/?format=xml"])
def test_a_write_is_405_whatever_format_it_asks_for(client, url):
    response = client.generic("TRACE", url)

    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"


def test_anonymous_reads_past_the_rate_are_429_with_retry_after(client, settings, kb):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min"}}

    statuses = [client.get("/api/units/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/metrics/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60


def test_the_rate_is_per_client_address(client, settings, kb):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1/min"}}

    assert client.get("/api/units/", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/units/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/units/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_forwarded_for_header_set_by_the_client_is_not_believed(client, settings, kb):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min"}}

    statuses = [client.get("/api/units/", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code for i in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_the_address_it_forwards_is_the_clients(client, settings, kb):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1/min"},
                               "NUM_PROXIES": 1}

    def get(forwarded: str) -> int:
        return client.get("/api/units/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.9").status_code

    # A client may put anything first; the proxy appends the address it saw, which is what counts.
    assert [get("1.1.1.1, 198.51.100.7"), get("2.2.2.2, 198.51.100.7"), get("1.1.1.1, 198.51.100.8")] == [200, 429, 200]


def test_downloads_of_whole_lists_are_throttled_on_pages_and_api(client, settings, kb):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"anon": "100/min", "download": "2/hour"}}

    statuses = [client.get(url).status_code for url in
                ["/figures/?format=csv", "/api/metrics/?format=csv", "/reports/?format=json", "/api/metrics/?format=csv"]]

    assert statuses == [200, 200, 429, 429]
    assert client.get("/figures/").status_code == 200  # reading pages goes on
    assert int(client.get("/units/?format=csv")["Retry-After"]) > 60


def test_csv_cells_that_a_spreadsheet_would_run_are_made_inert(client, settings, extraction):
    text = "=HYPERLINK(\"http://evil\") đã bắt 12 đối tượng.\n-12 vụ giảm\n"
    save_extracted("evil.txt", replace(extraction, text=text, figures=(
        figure(text, "12", "12", measure="=HYPERLINK(\"http://evil\")", sentence=text.splitlines()[0]),
        figure(text, "-12", "-12", measure="@SUM(A1)"),
    )))

    for url in ["/api/metrics/?format=csv", "/figures/?format=csv"]:
        rows = list(csv.DictReader(io.StringIO(client.get(url).getvalue().decode("utf-8-sig"))))
        assert {row["measure"] for row in rows} == {"'=HYPERLINK(\"http://evil\")", "'@SUM(A1)"}
        assert {row["value"] for row in rows} == {"12", "-12"}


def test_the_default_rate_is_120_a_minute(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] == "120/min"


# Schema and docs ----------------------------------------------------------------------------


@pytest.fixture
def schema(client, db) -> dict[str, Any]:
    return get_json(client, "/api/schema/", format="json")


def test_the_schema_is_valid_openapi_3(schema):
    from drf_spectacular.validation import validate_schema

    validate_schema(schema)  # raises on an invalid document
    assert schema["openapi"].startswith("3.")


def test_schemathesis_loads_every_operation_of_the_schema(schema):
    import schemathesis

    loaded = schemathesis.openapi.from_dict(schema)
    operations = [result.ok() for result in loaded.get_all_operations()]

    assert {(op.method.upper(), op.path) for op in operations} == {
        ("GET", f"/api/{name}/{key}") for name in LISTS for key in ["", "{slug}/" if name != "metrics" else "{id}/"]
    }


def test_the_schema_documents_errors_pages_and_csv(schema):
    paths = schema["paths"]

    for name in LISTS:
        responses = paths[f"/api/{name}/"]["get"]["responses"]
        assert {"200", "400", "429"} <= set(responses)
    assert "404" in paths["/api/units/{slug}/"]["get"]["responses"]
    assert "text/csv" in paths["/api/metrics/"]["get"]["responses"]["200"]["content"]
    page = next(p for p in paths["/api/metrics/"]["get"]["parameters"] if p["name"] == "page")
    assert "past the last one is empty" in page["description"]


@pytest.mark.parametrize(("url", "asset"), [("/api/docs/", "swagger-ui-bundle.js"), ("/api/redoc/", "redoc")])
def test_the_docs_load_their_assets_from_our_static_files(client, db, url, asset):
    html = client.get(url).content.decode()

    assert "/static/drf_spectacular_sidecar/" in html and asset in html
    assert "cdn" not in html.lower() and "jsdelivr" not in html.lower()


def test_the_docs_assets_are_served(client, db):
    from django.contrib.staticfiles import finders

    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert reverse("api:schema") == "/api/schema/"
