"""The interface speaks Vietnamese by default and English on request, and writes numbers the
reader's way."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils.translation import gettext, override, pgettext

from common.templatetags.numbers import num
from reports.importing import save_extracted

PO = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def kb(db, extraction) -> None:
    save_extracted("a.txt", extraction)


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_home_page_is_vietnamese_by_default(client, kb) -> None:
    html = _html(client.get("/"))
    assert '<html lang="vi">' in html
    assert "Số liệu" in html and "Báo cáo" in html  # Figures, Reports
    assert "Tìm kiếm" in html  # Search
    assert ">Figures<" not in html and ">Reports<" not in html
    # The switch offers English, named in English.
    assert 'name="language" value="en" lang="en">English</button>' in html


@pytest.mark.django_db
def test_choosing_english_switches_the_interface(client, kb) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/figures/"})
    assert response.status_code == 302 and response["Location"] == "/figures/"

    html = _html(client.get("/figures/"))
    assert '<html lang="en">' in html
    assert ">Figures<" in html and "Search" in html
    assert "Tìm kiếm" not in html
    # Compared as NFC: Django's own name for Vietnamese has a combining accent or two.
    assert 'name="language" value="vi" lang="vi">Tiếng Việt</button>' in unicodedata.normalize("NFC", html)

    html = _html(client.get("/"))  # the choice stays from page to page
    assert '<html lang="en">' in html

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert '<html lang="vi">' in _html(client.get("/"))


@pytest.mark.django_db
def test_model_labels_are_translated(client, kb) -> None:
    """TextChoices labels and filter labels come from Python, through gettext_lazy."""
    html = _html(client.get("/figures/"))
    assert "tỷ lệ %" in html and ">giảm<" in html  # kind percent, change decrease
    assert "tỉnh, thành phố" in html.lower()  # the province filter and facet
    html = _html(client.get("/figures/", HTTP_ACCEPT_LANGUAGE="en"))
    assert ">percent<" in html and ">decrease<" in html and "tỷ lệ %" not in html


@pytest.mark.django_db
def test_the_browser_language_is_followed_until_the_reader_chooses(client, kb) -> None:
    html = _html(client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert '<html lang="en">' in html
    html = _html(client.get("/", HTTP_ACCEPT_LANGUAGE="fr"))
    assert '<html lang="vi">' in html  # a language we do not have: Vietnamese


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("vi", Decimal("7.73"), "7,73"),
        ("vi", Decimal("7.7300"), "7,73"),
        ("vi", Decimal("284.0000"), "284"),
        ("vi", Decimal("22022"), "22.022"),
        ("vi", Decimal("22022.0000"), "22.022"),
        ("vi", 22022, "22.022"),
        ("vi", Decimal("1234567.5"), "1.234.567,5"),
        ("en", Decimal("7.73"), "7.73"),
        ("en", Decimal("22022"), "22,022"),
        ("en", Decimal("22022.0000"), "22,022"),
        ("en", 22022, "22,022"),
        ("en", Decimal("1234567.5"), "1,234,567.5"),
        ("en", None, ""),
    ],
)
def test_numbers_are_written_the_readers_way(language: str, value: Decimal | int | None, shown: str) -> None:
    with override(language):
        assert num(value) == shown


@pytest.mark.django_db
def test_numbers_on_a_page_follow_the_language(client, kb) -> None:
    """The figure 7,73% has the value 7.73: on its page, 7,73 in Vietnamese and 7.73 in English."""
    from reports.models import Metric

    metric = Metric.objects.get(figure="7,73%")
    vi = _html(client.get(metric.get_absolute_url()))
    assert "<dd>7,73</dd>" in vi
    en = _html(client.get(metric.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"))
    assert "<dd>7.73</dd>" in en


@pytest.mark.django_db
def test_thousands_on_a_page_follow_the_language(client, seeds_kb) -> None:
    """Seed 002 counts 22.022 offences against public order: the value column of the indicator
    writes it 22.022 in Vietnamese and 22,022 in English (the figure as written stays 22.022)."""
    url = "/indicators/toi-pham-ve-trat-tu-xa-hoi/"
    assert '<td class="num">22.022</td>' in _html(client.get(url))
    en = _html(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    assert '<td class="num">22,022</td>' in en
    assert '<td class="num">22022</td>' not in en


@pytest.mark.django_db
def test_dates_are_day_month_year_in_both_languages(client, kb) -> None:
    for language in ("vi", "en"):
        html = _html(client.get("/reports/", HTTP_ACCEPT_LANGUAGE=language))
        assert "26/12/2024" in html
        assert "December" not in html and "Dec. 26" not in html and "2024-12-26" not in html


def test_the_vietnamese_catalogue_compiles(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (gettext) is needed to build the translations: apt-get install gettext"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(PO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    # Everything translated: no fuzzy or untranslated messages.
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


def test_the_catalogue_declares_one_plural_form() -> None:
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in PO.read_text(encoding="utf-8")


def test_the_compiled_catalogue_is_up_to_date() -> None:
    """Django reads the .mo, which `make install` builds from the .po (and git does not keep)."""
    mo = PO.with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run `make install` (msgfmt) to compile the translations"
    assert mo.stat().st_mtime >= PO.stat().st_mtime, f"{mo} is older than {PO.name}: run `make install`"


def test_the_admins_change_links_keep_djangos_own_vietnamese():
    with override("vi"):
        assert gettext("Change") == "Thay đổi"
        assert pgettext("a rise or fall", "Change") == "Tăng, giảm"
