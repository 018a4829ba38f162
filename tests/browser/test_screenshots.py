"""Screenshots of the main pages on a desktop and on a phone, into artifacts/screenshots/, for a
person to look at. The test checks what a glance would: each page answers, has its heading,
loads its stylesheet, and does not scroll sideways on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Count

SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def main_pages() -> dict[str, str]:
    from reports.models import Indicator, Report
    from units.models import Official, Province, Unit

    def busiest(queryset: Any, related: str) -> Any:
        return queryset.annotate(n=Count(related)).order_by("-n", "slug").first()

    return {
        "home": "/",
        "figures": "/figures/",
        "unit": Unit.objects.get(slug="cong-an-tinh-dak-lak").get_absolute_url(),
        "report": Report.objects.order_by("source").first().get_absolute_url(),
        "official": busiest(Official.objects, "positions").get_absolute_url(),
        "indicator": busiest(Indicator.objects, "metrics").get_absolute_url(),
        "province": Province.objects.get(slug="hai-phong").get_absolute_url(),  # with Hải Dương merged in
    }


@pytest.mark.parametrize("screen", SCREENS)
def test_main_pages(screen: str, seeds: None, new_context: Any, screenshot: Any) -> None:
    context = new_context(**SCREENS[screen])
    page = context.new_page()
    width = SCREENS[screen]["viewport"]["width"]
    problems = []
    for name, url in main_pages().items():
        response = page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        page.locator("h1").first.wait_for()
        screenshot(page, f"{screen}-{name}")
        styled = page.evaluate("getComputedStyle(document.body).margin === '0px'")
        if not styled:
            problems.append(f"{url}: the stylesheet did not load")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"{url}: {scroll_width}px wide on a {width}px screen")
    assert not problems, problems
