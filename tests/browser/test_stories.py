"""What a reader does in the browser, and what they see."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Page, expect

DAK_LAK = "Công an tỉnh Đắk Lắk"
NGHE_AN = "Công an tỉnh Nghệ An"
HAI_DUONG = "Công an tỉnh Hải Dương"
SEED_000 = "Ý kiến của Công an các đơn vị, địa phương tại Hội nghị Công an toàn quốc lần thứ 80"


def filter_figures_by_province(page: Page, slug: str) -> Any:
    """On /figures/, choose a province in the filter form and submit it; the table's rows."""
    page.goto("/figures/")
    form = page.locator("form.filters")
    form.locator("select[name=province]").select_option(slug)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/figures/\?(.*&)?province={slug}(&|$)"))
    sent = dict(parse_qsl(urlsplit(page.url).query))  # the filters that are not left blank
    assert sent == {"province": slug}, f"the reader chose only a province, yet the form sent {sent}"
    return page.locator("main table tbody tr")


def unit_column(rows: Any) -> list[str]:
    return [text.strip() for text in rows.locator("td:nth-child(3)").all_inner_texts()]


def test_search_without_diacritics_leads_to_the_unit_and_its_figures(user: Page) -> None:
    user.goto("/")
    search = user.locator("main form[role=search]")
    search.locator("input[name=q]").fill("dak lak")
    search.get_by_role("button").click()

    expect(user).to_have_url(re.compile(r"/search/\?q=dak\+lak$"))
    unit_link = user.locator("main section").first.get_by_role("link", name=DAK_LAK, exact=True)
    expect(unit_link).to_be_visible()
    unit_link.click()

    expect(user).to_have_url(re.compile(r"/units/cong-an-tinh-dak-lak/$"))
    expect(user.locator("h1")).to_have_text(DAK_LAK)
    expect(user.locator("main table").get_by_role("link", name="giảm 5,22%", exact=True)).to_be_visible()


def test_filtering_figures_by_province(user: Page) -> None:
    rows = filter_figures_by_province(user, "nghe-an")
    expect(rows.first).to_be_visible()
    units = unit_column(rows)
    assert units and set(units) == {NGHE_AN}, units
    # The counts beside the list: Nghệ An is the chosen province, with as many figures as rows.
    facets = user.locator("aside.facets")
    expect(facets).to_be_visible()
    chosen = facets.locator("a[aria-current=true]", has_text="Nghệ An")
    expect(chosen).to_be_visible()
    expect(chosen.locator("xpath=following-sibling::span[@class='count']")).to_have_text(str(len(units)))
    expect(user.locator("form.filters select[name=province]")).to_have_value("nghe-an")

    rows = filter_figures_by_province(user, "hai-duong")
    expect(rows.filter(has_text="98,83%")).to_have_count(1)
    expect(rows.filter(has_text="98,83%").locator("td:nth-child(3)")).to_have_text(HAI_DUONG)
    assert set(unit_column(rows)) == {HAI_DUONG}


def test_report_text_highlights_figures_that_lead_to_their_page(user: Page) -> None:
    from reports.models import Metric

    metric = Metric.objects.get(report__title=SEED_000, figure="7,73%")

    user.goto("/reports/")
    user.get_by_role("link", name=SEED_000, exact=True).click()
    expect(user.locator("h1")).to_have_text(SEED_000)

    figure = user.locator(".report-text a.figure", has_text=re.compile(r"^7,73%$"))
    expect(figure).to_have_count(1)
    expect(figure).to_be_visible()
    colours = figure.evaluate(
        """el => ({
            figure: getComputedStyle(el).backgroundColor,
            text: getComputedStyle(el).color,
            around: getComputedStyle(el.closest('.report-text')).backgroundColor,
        })"""
    )
    assert colours["figure"] not in {"rgba(0, 0, 0, 0)", "transparent", colours["around"], colours["text"]}, colours

    figure.click()
    expect(user).to_have_url(re.compile(rf"/figures/{metric.pk}/$"))
    sentence = user.locator("blockquote.sentence")
    expect(sentence).to_contain_text("7,73%")
    expect(sentence).to_contain_text("số người chết")
    expect(sentence.locator("mark")).to_have_text("7,73%")


def test_switching_language(user: Page) -> None:
    user.goto("/figures/")
    html = user.locator("html")
    nav = user.locator("header nav")
    to_english = user.locator("header form[action='/i18n/setlang/'] button[name=language][value=en]")
    expect(html).to_have_attribute("lang", "vi")
    expect(to_english).to_have_text("English")

    to_english.click()
    expect(html).to_have_attribute("lang", "en")
    expect(user).to_have_url(re.compile(r"/figures/$"))  # back where the reader was
    expect(nav.get_by_role("link", name="Figures", exact=True)).to_be_visible()
    to_vietnamese = user.locator("header form[action='/i18n/setlang/'] button[name=language][value=vi]")
    expect(to_vietnamese).to_be_visible()
    # Compared as Unicode NFC: Django's own name for Vietnamese has a combining accent or two.
    assert unicodedata.normalize("NFC", to_vietnamese.inner_text()).strip() == "Tiếng Việt"
    expect(to_vietnamese).to_have_attribute("lang", "vi")

    user.goto("/units/")  # the choice stays from page to page
    expect(html).to_have_attribute("lang", "en")

    to_vietnamese.click()
    expect(html).to_have_attribute("lang", "vi")
    expect(user).to_have_url(re.compile(r"/units/$"))
    expect(user.locator("header button[name=language][value=en]")).to_be_visible()
    expect(nav.get_by_role("link", name="Số liệu", exact=True)).to_be_visible()


def test_keyboard_reaches_the_search_box_and_submits_it(user: Page) -> None:
    user.goto("/")
    home_search = user.locator("main input[name=q]")
    for _ in range(20):
        user.keyboard.press("Tab")
        if home_search.evaluate("el => el === document.activeElement"):
            break
    else:
        focused = user.evaluate("document.activeElement.outerHTML")
        raise AssertionError(f"20 presses of Tab did not reach the search box; focus is on {focused}")
    expect(home_search).to_be_focused()
    outline = home_search.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]")
    assert outline[0] != "none" and outline[1] != "0px", f"the focused search box shows no outline: {outline}"

    user.keyboard.type("dak lak")
    user.keyboard.press("Enter")
    expect(user).to_have_url(re.compile(r"/search/\?q=dak\+lak$"))
    expect(user.get_by_role("link", name=DAK_LAK, exact=True).first).to_be_visible()


def test_words_typed_in_the_header_box_lead_to_a_figure_and_its_sentence(user: Page) -> None:
    user.goto("/figures/")
    header = user.locator("header form[role=search]")
    header.locator("input[name=q]").fill("ma tuy")
    header.get_by_role("button").click()

    expect(user).to_have_url(re.compile(r"/search/\?q=ma\+tuy$"))
    figures = user.locator("main section", has=user.get_by_role("heading", name=re.compile("Số liệu")))
    first = figures.locator("table tbody tr td.figure-cell a").first
    written = first.inner_text()
    first.click()

    expect(user).to_have_url(re.compile(r"/figures/\d+/$"))
    figure_id = re.search(r"/figures/(\d+)/", user.url).group(1)
    sentence = " ".join(user.locator("blockquote.sentence").inner_text().split())
    assert "ma túy" in unicodedata.normalize("NFC", sentence).lower(), sentence
    user.locator(f"main a[href*='#m{figure_id}']").first.click()

    expect(user).to_have_url(re.compile(rf"/reports/[^/]+/\?at=\d+#m{figure_id}$"))
    mark = user.locator(f"#m{figure_id}")
    expect(mark).to_be_visible()
    expect(mark).to_have_text(written)
    text = " ".join(user.locator(".report-text").inner_text().split())
    assert sentence in text  # the figure is marked inside the very sentence the figure page quoted
