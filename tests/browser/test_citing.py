"""What a reader citing a figure, and an editor checking its mark, see in the browser: the figure
marked where it stands in its sentence, a withdrawn figure's address still explaining itself, and
the review queue's save-and-next."""

from __future__ import annotations

import re

from django.contrib.auth.models import Group, User
from playwright.sync_api import Page, expect

from reports.extraction import extract
from reports.importing import save_extracted
from reports.models import Metric


def _marked_at(page: Page, selector: str) -> tuple[str, int]:
    """The marked text in the element, and how many characters of the element's text precede it."""
    marked, at = page.locator(selector).first.evaluate(
        """el => { const mark = el.querySelector('mark');
                   const range = document.createRange(); range.setStart(el, 0); range.setEndBefore(mark);
                   return [mark.textContent, range.toString().length]; }"""
    )
    return marked, at


def _a_figure_whose_digits_come_earlier_in_its_sentence() -> Metric:
    """A figure whose digits stand earlier in its sentence too ("2" of "2024" before "thứ 2"):
    searching for the digits would mark the wrong place."""
    for metric in Metric.objects.public().exclude(sentence_offset=None):
        if 0 <= metric.sentence.find(metric.figure) < metric.sentence_offset:
            return metric
    raise AssertionError("the seeds hold such a figure")


def test_a_figure_is_marked_where_it_stands_on_its_page_and_in_the_queue(user: Page) -> None:
    metric = _a_figure_whose_digits_come_earlier_in_its_sentence()

    user.goto(f"/figures/{metric.pk}/")
    assert _marked_at(user, "blockquote.sentence") == (metric.figure, metric.sentence_offset)

    User.objects.create_superuser("bien-tap", password="mat-khau-rat-dai-2024")
    user.goto("/admin/login/")
    user.locator("input[name=username]").fill("bien-tap")
    user.locator("input[name=password]").fill("mat-khau-rat-dai-2024")
    user.locator("input[type=submit]").click()
    user.goto(f"/admin/reports/metric/{metric.pk}/change/")
    assert _marked_at(user, ".field-sentence_highlighted .readonly") == (metric.figure, metric.sentence_offset)
    user.goto(f"/admin/reports/metrictoreview/?q={metric.figure}")
    row = user.locator("#result_list tbody tr", has=user.locator(f'a[href*="/{metric.pk}/"]'))
    cell = row.locator(".queue-context")
    before, written, _ = metric.context(words=10)
    expect(cell.locator("mark")).to_have_text(written)
    assert cell.evaluate("el => el.textContent").startswith(before + written)


def test_a_withdrawn_figures_address_says_what_it_was_and_why(user: Page) -> None:
    metric = Metric.objects.get(figure="7,73%")
    report = metric.report
    at = report.text.index(metric.sentence[:40])
    save_extracted(report.source, extract(report.text[:at] + report.text[at + len(metric.sentence):]))

    response = user.goto(f"/figures/{metric.pk}/")

    assert response is not None and response.status == 410
    expect(user.locator(".gone h2")).to_have_text("Số liệu này đã được rút lại")
    expect(user.locator(".gone")).to_contain_text("câu chứa số liệu không còn trong văn bản của báo cáo")
    expect(user.locator("blockquote.sentence mark")).to_have_text("7,73%")
    user.get_by_role("link", name=report.title).click()
    expect(user).to_have_url(re.compile(rf"/reports/{report.slug}/"))
    user.goto("/figures/?q=7,73")
    expect(user.locator(f'a[href="/figures/{metric.pk}/"]')).to_have_count(0)


def test_save_and_next_walks_the_review_queue(user: Page) -> None:
    editor = User.objects.create_user("bien-tap", password="mat-khau-rat-dai-2024", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    first, second = Metric.objects.review_queue()[:2]

    user.goto("/admin/login/")
    user.locator("input[name=username]").fill("bien-tap")
    user.locator("input[name=password]").fill("mat-khau-rat-dai-2024")
    user.locator("input[type=submit]").click()
    user.goto("/admin/reports/metrictoreview/")
    expect(user.locator("#result_list tbody tr")).to_have_count(25)
    user.locator("#result_list tbody tr").first.locator("th a, td a").first.click()
    expect(user).to_have_url(re.compile(rf"/admin/reports/metric/{first.pk}/change/\?queue=1"))
    user.locator("select[name=status]").select_option("verified")
    user.get_by_role("button", name="Lưu và tiếp", exact=True).click()

    expect(user).to_have_url(re.compile(rf"/admin/reports/metric/{second.pk}/change/\?queue=1"))
    expect(user.locator(".messagelist")).to_be_visible()
    first.refresh_from_db()
    assert (first.status, first.reviewed_by) == ("verified", editor)
