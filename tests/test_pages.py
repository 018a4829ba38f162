from __future__ import annotations

import pytest

from reports.importing import save_extracted
from reports.models import Metric, Report
from units.models import Official, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def kb(extraction):
    save_extracted("a.txt", extraction)


@pytest.mark.parametrize("url", ["/", "/reports/", "/figures/", "/units/", "/officials/"])
def test_list_pages_render(client, kb, url):
    assert client.get(url).status_code == 200


def test_detail_pages_render(client, kb):
    for obj in [Report.objects.get(), Metric.objects.first(), Unit.objects.first(), Official.objects.get()]:
        assert client.get(obj.get_absolute_url()).status_code == 200


def test_report_page_highlights_each_figure_and_links_it(client, kb):
    metric = Metric.objects.get(figure="7,73%")

    html = client.get(Report.objects.get().get_absolute_url()).content.decode()

    assert f'<a class="figure" id="m{metric.pk}" href="{metric.get_absolute_url()}"' in html


def test_unknown_slugs_are_404(client, kb):
    assert client.get("/units/no-such-unit/").status_code == 404
    assert client.get("/figures/999999/").status_code == 404


@pytest.mark.parametrize("query", ["kind=nonsense", "unit=abc", "event_date_after=31/31/2024"])
def test_malformed_filters_are_a_400_not_a_500(client, kb, query):
    url = "/reports/" if "event_date" in query else "/figures/"

    assert client.get(f"{url}?{query}").status_code == 400


def test_a_page_past_the_end_gives_the_last_page(client, kb):
    assert client.get("/figures/?page=999999").status_code == 200
    assert client.get("/figures/?page=abc").status_code == 200
