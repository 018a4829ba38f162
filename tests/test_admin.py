from __future__ import annotations

import datetime as dt
import logging
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from factories import SEEDS

from reports.models import Metric, Report
from units.models import Official, Unit, UnitAlias

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/reports/metric/"
QUEUE = "/admin/reports/metrictoreview/"


def _user(name: str, group: str | None = None, **flags) -> User:
    user = User.objects.create_user(name, password="pw-" + name, is_staff=True, **flags)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(client, seeds_kb):
    user = _user("editor", "editors")
    client.force_login(user)
    return user


def _change_form(client, metric: Metric) -> dict:
    """The change form's fields as the browser would send them back."""
    response = client.get(f"{CHANGELIST}{metric.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    return {k: ("" if v is None else v) for k, v in data.items()}


def _revert(client, url: str):
    """Open a version on a History page and save it back, as the editor's "Revert" does."""
    form = client.get(url).context["adminform"].form
    return client.post(url, {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields})


def _correct(client, metric: Metric, form: dict, **changes):
    return client.post(f"{CHANGELIST}{metric.pk}/change/", {**form, **changes})


def test_the_review_queue_lists_unreviewed_figures_least_certain_first(client, editor):
    Metric.objects.filter(figure="7,73%").update(status=Metric.Status.VERIFIED)

    response = client.get(QUEUE)

    rows = list(response.context["cl"].result_list)
    assert rows and all(m.status == "new" for m in rows)
    assert [m.confidence for m in rows] == sorted(m.confidence for m in rows)
    assert "<mark>" in response.content.decode()


def test_verifying_in_bulk_records_who_and_when(client, editor):
    ids = list(Metric.objects.filter(kind="percent").values_list("pk", flat=True))

    client.post(QUEUE, {"action": "verify_selected", "_selected_action": ids})

    verified = Metric.objects.filter(pk__in=ids)
    assert {m.status for m in verified} == {"verified"}
    assert {m.reviewed_by for m in verified} == {editor}
    record = Metric.history.filter(id=ids[0]).latest("history_date")
    assert (record.status, record.history_user) == ("verified", editor)


def test_a_correction_keeps_the_extracted_value_and_shows_both_on_the_public_page(client, editor):
    metric = Metric.objects.get(figure="7,73%")

    response = _correct(client, metric, _change_form(client, metric), value="7.8", reason="typo in the source")

    assert response.status_code == 302
    metric.refresh_from_db()
    assert (metric.value, metric.status, metric.extracted["value"]) == (Decimal("7.8"), "corrected", "7.73")
    assert metric.history.latest("history_date").history_change_reason == "typo in the source"
    client.logout()
    html = client.get(metric.get_absolute_url()).content.decode()
    assert "<del>7,73</del>" in html and "<ins>7,8</ins>" in html
    assert "typo in the source" in html


def test_a_second_editor_saving_a_stale_form_gets_a_conflict_not_an_overwrite(client, editor):
    metric = Metric.objects.get(figure="7,73%")
    first, second = _change_form(client, metric), _change_form(client, metric)
    _correct(client, metric, first, value="7.8")

    response = _correct(client, metric, second, value="9")

    assert response.status_code == 200
    [error] = response.context["adminform"].form.non_field_errors().as_data()
    assert error.code == "conflict"
    metric.refresh_from_db()
    assert metric.value == Decimal("7.8")


def test_rejected_and_corrected_figures_survive_a_reimport_of_changed_seeds(client, editor, tmp_path):
    rejected = Metric.objects.get(figure="62,5%")
    client.post(QUEUE, {"action": "reject_selected", "_selected_action": [rejected.pk]})
    corrected = Metric.objects.get(figure="7,73%")
    _correct(client, corrected, _change_form(client, corrected), value="7.8")
    for seed in SEEDS.glob("*.txt"):
        (tmp_path / seed.name).write_text("Bản cập nhật.\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")

    call_command("import_reports", str(tmp_path), stdout=StringIO())

    assert Metric.objects.get(pk=rejected.pk).status == "rejected"
    assert Metric.objects.public().filter(figure="62,5%").count() == 0
    corrected.refresh_from_db()
    assert (corrected.value, corrected.status) == (Decimal("7.8"), "corrected")
    text = corrected.report.text
    assert text[corrected.start : corrected.end] == "7,73%"


def test_merging_two_units_moves_everything_and_keeps_the_old_name_as_alias(client, editor):
    kept = Unit.objects.get(name="Công an tỉnh Nghệ An")
    other = Unit.objects.create(name="CA Nghệ An (trùng)", slug="ca-nghe-an-trung", kind="provincial")
    moved = Metric.objects.filter(unit=kept).first()
    Metric.objects.filter(pk=moved.pk).update(unit=other)

    response = client.post(
        "/admin/units/unit/",
        {"action": "merge_units", "_selected_action": [kept.pk, other.pk], "keep": kept.pk, "confirm": "1",
         "reason": "same unit"},
    )

    assert response.status_code == 302
    assert not Unit.objects.filter(pk=other.pk).exists()
    assert Metric.objects.get(pk=moved.pk).unit == kept
    assert UnitAlias.objects.get(name="CA Nghệ An (trùng)").unit == kept


def test_merging_asks_which_record_to_keep_first(client, editor):
    ids = list(Unit.objects.filter(kind="provincial").values_list("pk", flat=True)[:2])

    response = client.post("/admin/units/unit/", {"action": "merge_units", "_selected_action": ids})

    assert response.status_code == 200
    assert 'name="keep"' in response.content.decode()
    assert Unit.objects.filter(pk__in=ids).count() == 2


def test_merging_two_officials_survives_a_reimport(client, editor):
    kept = Official.objects.get(name="Nguyễn Ngọc Cương")
    twin = Official.objects.create(name="Nguyễn N. Cương", slug="twin")

    client.post("/admin/units/official/",
                {"action": "merge_officials", "_selected_action": [kept.pk, twin.pk], "keep": kept.pk, "confirm": "1"})
    call_command("import_reports", str(SEEDS), stdout=StringIO())

    assert list(Official.objects.filter(name_key__startswith="nguyen n").values_list("name", flat=True)) == [
        "Nguyễn Ngọc Cương"
    ]
    assert kept.aliases.get().name == "Nguyễn N. Cương"


def test_an_editor_sets_the_province_of_an_unnamed_provincial_police(client, editor):
    unit = Unit.objects.get(name__startswith="Công an tỉnh (")
    data = {"name": unit.name, "slug": unit.slug, "kind": unit.kind, "parent": unit.parent_id or "",
            "province": 1, "aliases-TOTAL_FORMS": 1, "aliases-INITIAL_FORMS": 0, "aliases-0-name": "",
            "aliases-0-id": "", "aliases-0-unit": unit.pk}

    response = client.post(f"/admin/units/unit/{unit.pk}/change/", data)

    assert response.status_code == 302, response.content[:2000]
    unit.refresh_from_db()
    assert unit.province_id == 1
    assert unit.history.latest("history_date").history_user == editor


def test_an_editor_adds_a_report_by_pasting_its_text(client, editor):
    text = "Báo cáo công tác quý II/2024\nNgày 5/7, Công an tỉnh Nghệ An đã tổ chức hội nghị. Đã bắt 12 đối tượng.\n"

    response = client.post("/admin/reports/report/upload/", {"source": "quy2-nghe-an", "text": text})

    assert response.status_code == 302
    report = Report.objects.get(source="quy2-nghe-an.txt")
    assert report.metrics.filter(figure="12", status="new").exists()
    assert QUEUE in response["Location"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("latin.txt", "Công an".encode("latin-1")), "not UTF-8"),
        (SimpleUploadedFile("blank.txt", b" \n\n "), "empty"),
        (SimpleUploadedFile("empty.txt", b""), ""),
    ],
)
def test_a_bad_upload_is_refused_with_the_reason_on_the_form(client, editor, upload, message):
    response = client.post("/admin/reports/report/upload/", {"file": upload})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert message in response.content.decode()
    assert Report.objects.count() == 3


def test_a_duplicate_upload_is_refused_on_the_form(client, editor):
    seed = next(SEEDS.glob("002_*.txt"))
    upload = SimpleUploadedFile("copy.txt", seed.read_bytes())

    response = client.post("/admin/reports/report/upload/", {"file": upload})

    assert "same text as 002_" in response.content.decode()
    assert not Report.objects.filter(source="copy.txt").exists()


def test_the_import_records_its_figures_in_the_history(seeds_kb):
    assert Metric.history.filter(history_type="+").count() == Metric.objects.count()


def test_anonymous_users_cannot_change_anything_even_with_a_forged_post(client, seeds_kb):
    metric = Metric.objects.get(figure="7,73%")

    response = client.post(f"{CHANGELIST}{metric.pk}/change/", {"value": "1", "status": "verified"})
    client.post(QUEUE, {"action": "verify_selected", "_selected_action": [metric.pk]})

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    metric.refresh_from_db()
    assert (metric.value, metric.status) == (Decimal("7.73"), "new")


def test_a_viewer_reads_the_admin_but_cannot_change_anything(client, seeds_kb):
    client.force_login(_user("viewer", "viewers"))
    metric = Metric.objects.get(figure="7,73%")

    assert client.get(CHANGELIST).status_code == 200
    assert client.get(f"{CHANGELIST}{metric.pk}/change/").status_code == 200
    form_post = client.post(f"{CHANGELIST}{metric.pk}/change/", {"value": "1", "status": "verified"})
    client.post(QUEUE, {"action": "verify_selected", "_selected_action": [metric.pk]})
    upload = client.post("/admin/reports/report/upload/", {"source": "x", "text": "Đã bắt 12 đối tượng."})

    assert form_post.status_code == 403
    assert upload.status_code == 403
    metric.refresh_from_db()
    assert (metric.value, metric.status) == (Decimal("7.73"), "new")


def test_forms_carry_a_csrf_token(seeds_kb):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(_user("editor2", "editors"))
    metric = Metric.objects.get(figure="7,73%")

    assert client.post(f"{CHANGELIST}{metric.pk}/change/", {"value": "1"}).status_code == 403
    assert re.search(r'name="csrfmiddlewaretoken"', client.get(f"{CHANGELIST}{metric.pk}/change/").content.decode())


def test_a_correction_made_from_the_review_queue_is_recorded_in_the_history(client, editor):
    metric = Metric.objects.get(figure="7,73%")

    response = client.get(f"{QUEUE}{metric.pk}/change/")
    assert response.status_code == 302
    _correct(client, metric, _change_form(client, metric), value="7.8", reason="from the queue")

    assert metric.history.latest("history_date").history_change_reason == "from the queue"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_revert_from_the_history_page_works_outside_a_test_transaction(client):
    """As in production: each request in autocommit, not inside a test's transaction, where the
    form's row lock (select_for_update) once made every revert a server error."""
    call_command("import_reports", str(SEEDS), stdout=StringIO())
    client.force_login(_user("editor", "editors"))
    metric = Metric.objects.get(figure="7,73%")
    _correct(client, metric, _change_form(client, metric), value="7.8")
    original = metric.history.filter(value=Decimal("7.73")).earliest("history_date")

    response = _revert(client, f"{CHANGELIST}{metric.pk}/history/{original.history_id}/")

    assert response.status_code == 302
    metric.refresh_from_db()
    assert metric.value == Decimal("7.73")


@pytest.mark.parametrize("path", ["abc/history/", "1/history/abc/", "1/history/%D9%A3/"])
def test_history_pages_of_ids_that_are_not_numbers_are_not_found(client, editor, path):
    assert client.get(f"{CHANGELIST}{path}").status_code == 404


@pytest.mark.parametrize("url", ["?q=%00", "?status=%00", "?report__id__exact=%00x", "?kind=a%00b", "1%00/history/"])
def test_admin_filters_and_paths_with_a_nul_byte_are_a_bad_request(client, editor, url):
    assert client.get(f"{CHANGELIST}{url}").status_code == 400


def test_who_changed_what_is_logged(client, editor, caplog):
    metric = Metric.objects.get(figure="7,73%")

    with caplog.at_level(logging.INFO, logger="chiso.audit"):
        _correct(client, metric, _change_form(client, metric), value="7.8", reason="typo in the source")
        client.post(QUEUE, {"action": "reject_selected", "_selected_action": [metric.pk + 1]})

    changed, rejected = [r.getMessage() for r in caplog.records if r.name == "chiso.audit"]
    assert changed.startswith(f"editor changed metric {metric.pk} [") and "value" in changed
    assert changed.endswith(": typo in the source")
    assert rejected == f"editor set 1 figures rejected: {metric.pk + 1}"


UPLOAD = "/admin/reports/report/upload/"
REPLACEMENT = "Báo cáo ngắn\nĐã bắt 12 đối tượng.\n"


def test_adding_a_report_under_an_existing_name_does_not_replace_it(client, editor):
    report = Report.objects.get(source__startswith="002_")
    text = report.text

    response = client.post(UPLOAD, {"source": report.source, "text": REPLACEMENT, "replace": "on"},
                           HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "needs a permission you do not have" in response.content.decode()
    report.refresh_from_db()
    assert report.text == text


@pytest.fixture
def senior(client, seeds_kb):
    user = _user("senior", "editors")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["replace_report_text", "change_report"]))
    client.force_login(user)
    return user


def test_replacing_a_text_needs_an_explicit_choice(client, senior):
    report = Report.objects.get(source__startswith="002_")

    response = client.post(UPLOAD, {"source": report.source, "text": REPLACEMENT}, HTTP_ACCEPT_LANGUAGE="en")

    assert "Tick “replace” to replace its text" in response.content.decode()
    assert Report.objects.get(pk=report.pk).text != REPLACEMENT


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_replaced_text_can_be_seen_and_restored_from_the_history(client):
    call_command("import_reports", str(SEEDS), stdout=StringIO())
    user = _user("senior", "editors")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["replace_report_text", "change_report"]))
    client.force_login(user)
    report = Report.objects.get(source__startswith="002_")
    report.published, report.site_name = dt.date(2024, 7, 8), "Báo Công an Nhân dân"  # as a page's import gives
    report.save()
    original, figures = report.text, set(report.metrics.values_list("pk", flat=True))

    client.post(UPLOAD, {"source": report.source, "text": REPLACEMENT, "replace": "on"})
    report.refresh_from_db()
    assert (report.text, report.metrics.public().count()) == (REPLACEMENT.strip(), 1)
    assert (report.published, report.site_name) == (dt.date(2024, 7, 8), "Báo Công an Nhân dân")  # kept
    assert report.history.latest().history_change_reason == "thêm trong trang quản trị"
    old = report.history.filter(text=original).latest()
    history_page = client.get(f"/admin/reports/report/{report.pk}/history/")
    assert history_page.status_code == 200

    response = _revert(client, f"/admin/reports/report/{report.pk}/history/{old.history_id}/")

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.text == original
    assert (report.published, report.site_name) == (dt.date(2024, 7, 8), "Báo Công an Nhân dân")
    assert set(report.metrics.public().values_list("pk", flat=True)) == figures  # the same addresses again
    assert report.history.latest().history_user == user


def test_the_admin_login_locks_out_after_repeated_failures_with_a_clear_message(client, seeds_kb):
    User.objects.create_user("chi", password="the-right-one", is_staff=True)

    statuses = [client.post("/admin/login/", {"username": "chi", "password": f"guess-{i}"}).status_code
                for i in range(6)]
    right = client.post("/admin/login/", {"username": "chi", "password": "the-right-one"})

    assert statuses[:4] == [200] * 4 and statuses[4:] == [429, 429]
    assert right.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in right.content.decode()  # the admin speaks Vietnamese
    assert "_auth_user_id" not in client.session
    User.objects.create_user("lan", password="hers", is_staff=True)  # a colleague at the same address
    assert client.post("/admin/login/", {"username": "lan", "password": "hers"}).status_code == 302


def test_pages_admin_and_api_docs_forbid_inline_scripts_and_styles(client, editor):
    for url in ["/", "/figures/", "/admin/", "/api/docs/"]:
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
        assert "unsafe-inline" not in policy, url
    docs = client.get("/api/docs/").content.decode()
    assert "<script>" not in docs


def test_save_and_next_on_a_figure_opened_from_the_queue_leads_to_the_next_one(client, editor):
    first, second = Metric.objects.review_queue()[:2]
    opened = client.get(f"{QUEUE}{first.pk}/change/")["Location"]
    assert 'name="_savenext"' in client.get(opened).content.decode()
    form = _change_form(client, first)

    response = client.post(opened, {**form, "status": "verified", "_savenext": "1"})

    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}{second.pk}/change/?queue=1"
    first.refresh_from_db()
    assert first.status == "verified"


def test_save_on_a_figure_opened_from_the_queue_goes_back_to_the_queue(client, editor):
    first = Metric.objects.review_queue().first()
    opened = client.get(f"{QUEUE}{first.pk}/change/")["Location"]

    response = client.post(opened, {**_change_form(client, first), "status": "verified"})

    assert response["Location"] == QUEUE
    assert "_savenext" not in client.get(f"{CHANGELIST}{first.pk}/change/").content.decode()


def test_saving_a_figure_opened_from_its_list_goes_back_to_the_list(client, editor):
    metric = Metric.objects.review_queue().first()

    response = _correct(client, metric, _change_form(client, metric), status="verified")

    assert response["Location"].startswith(CHANGELIST) and "queue=1" not in response["Location"]


def test_a_figures_history_page_reads_in_vietnamese_with_local_times_and_readable_values(client, editor):
    metric = Metric.objects.get(figure="7,73%")
    _correct(client, metric, _change_form(client, metric), value="7.8", status="corrected", reason="sai số")
    metric.refresh_from_db()

    page = client.get(f"{CHANGELIST}{metric.pk}/history/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    for english in ["Choose a date", "Object", "Comment", "Changed by", "Change reason", "entries", "pk=None"]:
        assert english not in page, english
    assert "Lúc (giờ Việt Nam)" in page and "nhập tự động" in page and "sai số" in page
    assert "7,73&nbsp;&rarr;&nbsp;7,8" in page  # numbers the Vietnamese way, not 7.7300
    assert "chưa kiểm tra&nbsp;&rarr;&nbsp;đã sửa" in page  # statuses by their labels
    local = timezone.localtime(metric.reviewed_at).strftime("%d/%m/%Y %H:%M")
    assert page.count(local) >= 2  # the version's time and the review time, both in Vietnam time
    assert "+00:00" not in page
