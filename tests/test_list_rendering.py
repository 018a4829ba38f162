"""What the list pages do for speed gives what Django's own way gives: the select lists written out
in Python, the choice lists kept in the cache (and read again after a write), the facets counted
in one scan, the page addresses and the rows of a table of figures."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.template import engines
from django.urls import reverse
from django.utils import translation

from common.listing import Facet, _facet_counts, _facet_counts_in_one_scan
from common.paths import page_url
from common.templatetags.text import shorten
from common.widgets import QuickSelect
from reports.filters import MetricFilter, ReportFilter
from reports.models import Indicator, Metric, Report
from units.filters import OfficialFilter, UnitFilter
from units.models import Official, Province, Unit

pytestmark = pytest.mark.django_db


def _attributes_sorted(html: str) -> str:
    """The HTML with each tag's attributes in one order (Django's and ours may differ in order only)."""
    def tag(match: re.Match[str]) -> str:
        name, attributes = match.group(1), re.findall(r'\s([\w-]+(?:="[^"]*")?)', match.group(2))
        return f"<{name} {' '.join(sorted(attributes))}>" if attributes else f"<{name}>"
    return re.sub(r"<(\w+)((?:\s[\w-]+(?:=\"[^\"]*\")?)*)\s*>", tag, re.sub(r">\s+<", "><", str(html)))


@pytest.mark.parametrize(("filterset", "query"), [
    (MetricFilter, "kind=percent&province=nghe-an&change=none&sort=-date&indicator=chi-tieu-cong-tac"),
    (MetricFilter, "province=no-such-province&kind=nonsense"),
    (UnitFilter, "kind=provincial&province=ha-noi"),
    (ReportFilter, ""),
    (OfficialFilter, "rank=Đại tá"),
])
def test_a_quick_select_is_the_html_of_djangos_select(seeds_kb, filterset, query):
    form = filterset(QueryDict(query)).form
    quick = [name for name, field in form.fields.items() if isinstance(field.widget, QuickSelect)]

    assert quick
    for name in quick:
        ours = str(form[name])
        form.fields[name].widget.__class__ = forms.Select
        django = str(form[name])
        form.fields[name].widget.__class__ = QuickSelect
        assert _attributes_sorted(ours) == _attributes_sorted(django), name


def test_a_new_indicator_is_offered_at_once_though_the_lists_are_cached(client, seeds_kb):
    assert "Vụ cháy rừng" not in client.get("/figures/").content.decode()

    Indicator.objects.create(name="Vụ cháy rừng", slug="vu-chay-rung")

    assert '<option value="vu-chay-rung">Vụ cháy rừng</option>' in client.get("/figures/").content.decode()


def test_a_renamed_province_is_shown_renamed_in_the_lists(client, seeds_kb):
    client.get("/units/")
    province = Province.objects.get(slug="nghe-an")
    province.name = "Nghệ An (mới)"
    province.save()

    assert ">Nghệ An (mới)</option>" in client.get("/units/").content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GROUPING SETS: PostgreSQL's; SQLite counts one facet at a time")
@pytest.mark.parametrize("query", ["", "kind=percent", "province=nghe-an", "change=none", "q=ma túy", "kind=nonsense"])
def test_the_facets_counted_in_one_scan_are_those_counted_one_by_one(seeds_kb, query):
    Metric.objects.filter(pk__in=Metric.objects.order_by("pk").values("pk")[:5]).update(province=None, indicator=None)
    facets = [
        Facet("province", "province", "province__slug", "province__name"),
        Facet("kind", "kind", "kind", choices={k: str(label) for k, label in Metric.Kind.choices}),
        Facet("change", "change", "change", choices={k: str(label) for k, label in Metric.Change.choices}),
        Facet("indicator", "indicator", "indicator__slug", "indicator__name"),
    ]
    filterset = MetricFilter(QueryDict(query), queryset=Metric.objects.for_pages())
    rows = filterset.qs if filterset.is_valid() else Metric.objects.for_pages()
    params = QueryDict(query)

    together = _facet_counts_in_one_scan(rows, facets, params)

    assert together == [_facet_counts(rows, facet, params) for facet in facets]
    assert any(facet["items"] for facet in together)


def test_page_addresses_are_those_reverse_gives(seeds_kb):
    metric, report, unit = Metric.objects.first(), Report.objects.first(), Unit.objects.first()
    official, province, indicator = Official.objects.first(), Province.objects.first(), Indicator.objects.first()

    assert metric.get_absolute_url() == reverse("reports:metric_detail", args=[metric.pk])
    assert report.get_absolute_url() == reverse("reports:report_detail", args=[report.slug])
    assert unit.get_absolute_url() == reverse("units:unit_detail", args=[unit.slug])
    assert official.get_absolute_url() == reverse("units:official_detail", args=[official.slug])
    assert province.get_absolute_url() == reverse("units:province_detail", args=[province.slug])
    assert indicator.get_absolute_url() == reverse("reports:indicator_detail", args=[indicator.slug])
    assert page_url("api:metric-detail", 7) == reverse("api:metric-detail", kwargs={"pk": 7})


def test_shorten_cuts_with_an_ellipsis_as_truncatechars_does():
    title = "Công an tỉnh Nghệ An tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025"
    truncatechars = engines["django"].from_string("{{ t|truncatechars:40 }}")

    assert shorten(title, 40) == truncatechars.render({"t": title}) == "Công an tỉnh Nghệ An tổng kết công tác …"
    assert shorten("Hội nghị", 40) == "Hội nghị"


OLD_ROW = """{% load i18n text %}{% for metric in metrics %}
    <tr>
      <td class="figure-cell"><a href="{{ metric.get_absolute_url }}"{% if metric.change %} class="change-{{ metric.change }}"{% endif %}>{{ metric.as_written }}</a>{% if metric.is_verified %} <span class="badge" title="{% translate 'verified by an editor' %}">✓</span>{% endif %}</td>
      <td>{{ metric.measure }}{% if metric.indicator %} · <a class="muted" href="{{ metric.indicator.get_absolute_url }}">{{ metric.indicator }}</a>{% endif %}{% with around=metric.context %}<br><span class="context">{{ around.0 }}<mark>{{ around.1 }}</mark>{{ around.2 }}</span>{% endwith %}</td>
      <td>{% if metric.unit %}<a href="{{ metric.unit.get_absolute_url }}">{{ metric.unit }}</a>{% else %}—{% endif %}</td>
      <td>{{ metric.report.period_label }}</td>
      <td><a href="{{ metric.report.get_absolute_url }}?at={{ metric.start }}#m{{ metric.pk }}">{{ metric.report.title|shorten:60 }}</a></td>
    </tr>{% endfor %}"""  # noqa: E501 (the template the rows were written by, as it was)


def test_the_rows_of_a_table_of_figures_are_what_its_template_wrote(seeds_kb):
    Metric.objects.filter(pk=Metric.objects.order_by("pk").first().pk).update(status=Metric.Status.VERIFIED, unit=None)
    Metric.objects.filter(pk=Metric.objects.order_by("pk").last().pk).update(measure='<script>"x" & y</script>')
    metrics = list(Metric.objects.for_pages().latest_first())
    engine = engines["django"]

    with translation.override("vi"):
        ours = engine.from_string("{% load tables %}{% metric_rows metrics %}").render({"metrics": metrics})
        theirs = engine.from_string(OLD_ROW).render({"metrics": metrics})

    assert len(metrics) > 60
    assert re.sub(r"\s+", " ", ours).strip() == re.sub(r"\s+", " ", theirs).strip()
    assert "&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;" in ours


def test_what_another_process_wrote_is_read_within_seconds(db, monkeypatch):
    from common import choices

    now = [1000.0]
    monkeypatch.setattr(choices.time, "monotonic", lambda: now[0])
    assert choices.kept("test-list", Indicator, lambda: ["a"]) == ["a"]
    cache.set(choices._version_key(Indicator), choices.version(Indicator) + 1, None)  # a write elsewhere

    assert choices.kept("test-list", Indicator, lambda: ["b"]) == ["a"]  # this process's copy, for now
    now[0] += choices.LOCAL_SECONDS
    assert choices.kept("test-list", Indicator, lambda: ["b"]) == ["b"]


def test_a_write_here_is_read_at_once(db):
    from common import choices

    assert choices.kept("test-list", Indicator, lambda: ["a"]) == ["a"]
    Indicator.objects.create(name="Vụ cháy rừng", slug="vu-chay-rung")

    assert choices.kept("test-list", Indicator, lambda: ["b"]) == ["b"]
