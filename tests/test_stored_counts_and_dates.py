"""What figures copy from elsewhere for fast pages (their report's date) and what units store
about their figures (how many are public) stays true through imports and every editor's action."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count
from factories import SEEDS, log_in_editor

from reports.models import Metric, Report, recount_figures
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, seeds_kb):
    return log_in_editor(client)


@pytest.fixture
def superuser(client, seeds_kb):
    """Reports are changed and deleted by administrators, not by the editors' role."""
    user = User.objects.create_superuser("chief", password="pw-chief")
    client.force_login(user)
    return user


def _form(client, url: str) -> dict:
    """An admin change form's fields as the browser would send them back."""
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    return {k: ("" if v is None else v) for k, v in data.items()}


def assert_counts_true() -> None:
    stored = dict(Unit.objects.values_list("name", "figure_count"))
    actual = {unit.name: unit.metrics.public().count() for unit in Unit.objects.all()}
    assert stored == actual
    assert any(actual.values())


def test_the_import_stores_each_units_public_figures(seeds_kb):
    assert_counts_true()


def test_the_units_list_and_the_api_show_the_stored_count(client, seeds_kb):
    unit = Unit.objects.order_by("-figure_count").first()
    Metric.objects.filter(pk=unit.metrics.first().pk).update(status=Metric.Status.REJECTED)
    recount_figures([unit.pk])
    unit.refresh_from_db()

    page = client.get("/units/", {"q": unit.name})
    api = client.get("/api/units/", {"q": unit.name}).json()

    assert [u.figure_count for u in page.context["page"]][0] == unit.metrics.public().count()
    assert api["results"][0]["figures"] == unit.metrics.public().count()


def test_rejecting_figures_in_bulk_lowers_the_count(client, editor):
    unit = Unit.objects.order_by("-figure_count").first()
    before = unit.figure_count
    ids = list(unit.metrics.values_list("pk", flat=True)[:2])

    client.post("/admin/reports/metrictoreview/", {"action": "reject_selected", "_selected_action": ids})

    unit.refresh_from_db()
    assert unit.figure_count == before - 2
    assert_counts_true()


def test_moving_a_figure_to_another_unit_moves_its_count(client, editor):
    metric = Metric.objects.filter(unit__name="Công an tỉnh Nghệ An").first()
    other = Unit.objects.get(name="Bộ Công an")
    url = f"/admin/reports/metric/{metric.pk}/change/"

    response = client.post(url, {**_form(client, url), "unit": other.pk})

    assert response.status_code == 302
    assert Metric.objects.get(pk=metric.pk).unit == other
    assert_counts_true()


def test_merging_units_adds_their_counts(client, editor):
    kept = Unit.objects.get(name="Công an tỉnh Nghệ An")
    other = Unit.objects.create(name="CA Nghệ An (trùng)", slug="ca-nghe-an-trung", kind="provincial")
    Metric.objects.filter(pk=kept.metrics.first().pk).update(unit=other)
    recount_figures([kept.pk, other.pk])
    total = Metric.objects.public().filter(unit__in=[kept, other]).count()

    client.post("/admin/units/unit/", {"action": "merge_units", "_selected_action": [kept.pk, other.pk],
                                       "keep": kept.pk, "confirm": "1", "reason": "same unit"})

    kept.refresh_from_db()
    assert kept.figure_count == total
    assert_counts_true()


def test_deleting_a_report_takes_its_figures_out_of_the_counts(client, superuser):
    report = Report.objects.annotate(n=Count("metrics")).order_by("-n").first()

    response = client.post(f"/admin/reports/report/{report.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Report.objects.filter(pk=report.pk).exists()
    assert_counts_true()


def test_deleting_a_figure_takes_it_out_of_the_counts(client, superuser):
    metric = Metric.objects.filter(unit__isnull=False).first()

    response = client.post(f"/admin/reports/metric/{metric.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert_counts_true()


def test_editors_reject_figures_rather_than_delete_them(client, editor):
    metric = Metric.objects.first()

    response = client.post(f"/admin/reports/metric/{metric.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Metric.objects.filter(pk=metric.pk).exists()


def test_a_reimport_of_changed_texts_keeps_the_counts_true(client, editor, tmp_path):
    rejected = Metric.objects.filter(unit__isnull=False).first()
    client.post("/admin/reports/metrictoreview/", {"action": "reject_selected", "_selected_action": [rejected.pk]})
    for seed in SEEDS.glob("*.txt"):
        text = seed.read_text(encoding="utf-8")
        (tmp_path / seed.name).write_text(text.rsplit("\n\n", 1)[0] + "\n", encoding="utf-8")  # last paragraph gone

    call_command("import_reports", str(tmp_path), stdout=StringIO())

    assert_counts_true()


def test_figures_carry_their_reports_date_when_an_administrator_changes_it(client, superuser):
    report = Report.objects.filter(metrics__isnull=False).first()
    assert set(report.metrics.values_list("event_date", flat=True)) == {report.event_date}
    url = f"/admin/reports/report/{report.pk}/change/"

    response = client.post(url, {**_form(client, url), "event_date": "02/01/2031"})

    assert response.status_code == 302
    assert set(report.metrics.values_list("event_date", flat=True)) == {dt.date(2031, 1, 2)}
    latest = client.get("/figures/").context["page"][0]
    assert latest.report_id == report.pk


def _assert_copied_values_true() -> None:
    """Every copied value equals what it copies: counts, figures' provinces and dates."""
    assert_counts_true()
    provinces = Metric.objects.values_list("pk", "province_id", "unit__province_id")
    assert [row for row in provinces if row[1] != row[2]] == []
    dates = Metric.objects.values_list("pk", "event_date", "report__event_date")
    assert [row for row in dates if row[1] != row[2]] == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_writer_keeps_the_copied_values_true(tmp_path):
    """Each writer in turn (import, re-import of a changed text, an editor's correction and
    review, a unit's new province, a merge of units and of officials, a report's new date): a
    writer that bypassed the owner of a copied value breaks one of the checks."""
    from reports.extraction import extract
    from reports.importing import save_extracted
    from units.models import Official, Province

    call_command("import_reports", str(SEEDS), stdout=StringIO())
    _assert_copied_values_true()

    report = Report.objects.get(source__startswith="002_")
    save_extracted(report.source, extract("Mở đầu: thu giữ 12 khẩu súng.\n\n" + report.text.replace("22.022", "22.030")))
    _assert_copied_values_true()

    editor = User.objects.create_user("bien-tap")
    metric = Metric.objects.public().filter(unit__isnull=False).first()
    metric.unit = Unit.objects.exclude(pk=metric.unit_id).first()
    metric.correct(editor, ["unit"], "sai đơn vị")
    Metric.objects.filter(pk__in=Metric.objects.public().values("pk")[:3]).set_status(Metric.Status.REJECTED, editor)
    _assert_copied_values_true()

    unit = Unit.objects.filter(province__isnull=False, metrics__isnull=False).first()
    unit.province = Province.objects.exclude(pk=unit.province_id).first()
    unit.save()
    _assert_copied_values_true()

    merged, kept = Unit.objects.filter(metrics__isnull=False).distinct()[:2]
    merged.merge_into(kept)
    first, second = Official.objects.all()[:2]
    first.merge_into(second)
    _assert_copied_values_true()

    report.refresh_from_db()
    report.event_date = dt.date(2024, 7, 9)
    report.save()
    _assert_copied_values_true()


def test_an_editors_correction_is_signed_dated_and_versioned(seeds_kb):
    editor = User.objects.create_user("bien-tap")
    metric = Metric.objects.get(figure="7,73%")
    version = metric.version

    metric.value = metric.value + 1
    metric.correct(editor, ["value"], "sai số")

    metric.refresh_from_db()
    assert (metric.status, metric.reviewed_by, metric.needs_review) == ("corrected", editor, False)
    assert metric.version == version + 1 and metric.reviewed_at is not None
    assert metric.history.first().history_change_reason == "sai số"
    rejected = Metric.objects.get(figure="284") if Metric.objects.filter(figure="284").exists() else None
    if rejected:
        rejected.status = Metric.Status.REJECTED
        rejected.value += 1
        rejected.correct(editor, ["value", "status"])
        rejected.refresh_from_db()
        assert rejected.status == "rejected"  # a correction does not bring a rejected figure back


def test_a_unit_merged_into_one_of_its_own_units_leaves_that_one_in_its_place(seeds_kb):
    department = Unit.objects.get(name="Cục Cảnh sát giao thông")
    below = Unit.objects.create(name="Phòng Cảnh sát giao thông thử nghiệm", slug="p-csgt-thu", parent=department)

    department.merge_into(below)

    below.refresh_from_db()
    assert below.parent.name == "Bộ Công an"
    assert not Unit.objects.filter(pk=department.pk).exists()
