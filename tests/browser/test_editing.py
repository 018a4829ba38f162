"""What an editor does in the browser: correct a figure from the review queue, and see the
correction, with its history, survive a re-import."""

from __future__ import annotations

import io
import re

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from playwright.sync_api import Page, expect

from reports.models import Metric

SEEDS = "seeds"


def test_an_editor_corrects_a_figure_and_the_correction_survives_a_reimport(user: Page) -> None:
    editor = User.objects.create_user("bien-tap", password="mat-khau-rat-dai-2024", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    metric = Metric.objects.get(figure="7,73%")

    user.goto("/admin/login/")
    user.locator("input[name=username]").fill("bien-tap")
    user.locator("input[name=password]").fill("mat-khau-rat-dai-2024")
    user.locator("input[type=submit]").click()
    user.goto(f"/admin/reports/metrictoreview/?q={metric.figure}")
    row = user.locator("#result_list tbody tr", has=user.locator("mark", has_text="7,73%")).first
    expect(row).to_be_visible()
    row.locator("th a, td a").first.click()
    expect(user).to_have_url(re.compile(rf"/admin/reports/metric/{metric.pk}/change/"))
    user.locator("input[name=value]").fill("7.8")
    user.locator("input[name=reason]").fill("sai số khi nhập liệu")
    user.locator("input[name=_save]").click()
    expect(user.locator(".messagelist")).to_be_visible()

    user.goto(f"/figures/{metric.pk}/")
    expect(user.locator("ins", has_text="7,8")).to_be_visible()
    expect(user.locator("del", has_text="7,73")).to_be_visible()
    expect(user.locator("ol.history")).to_contain_text("sai số khi nhập liệu")

    call_command("import_reports", SEEDS, stdout=io.StringIO())
    user.reload()

    expect(user.locator("ins", has_text="7,8")).to_be_visible()
    expect(user.locator("ol.history")).to_contain_text("bien-tap")
