"""Importing saved pages, PDF and Word files and article URLs, by the command and in the admin. The
URLs are served by a real HTTP server on 127.0.0.1 (FETCH_PRIVATE_ADDRESSES on, as only tests may);
with the setting off the same address is refused and the server never hears of it."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from factories import SEEDS, log_in_editor

from reports.extraction import extract
from reports.models import Metric, Report

FIXTURES = Path(__file__).parent / "fixtures"
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf",
                 ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class Site:
    """The fixtures served over HTTP: /article.html, /report.pdf, /report.docx; /moved redirects
    to the article; anything else is a 404. Every path asked for is kept in `asked`."""

    def __init__(self) -> None:
        site = self
        self.asked: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                site.asked.append(self.path)
                if self.path == "/moved":
                    self.send_response(301)
                    self.send_header("Location", "/article.html")
                    self.end_headers()
                    return
                path = FIXTURES / self.path.lstrip("/")
                if self.path.count("/") != 1 or path.suffix not in CONTENT_TYPES or not path.exists():
                    self.send_error(404)
                    return
                body = path.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", CONTENT_TYPES[path.suffix])
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    thread = threading.Thread(target=served.server.serve_forever, daemon=True)
    thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture
def private_fetch(settings):
    settings.FETCH_PRIVATE_ADDRESSES = True


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_reports", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _figures(report: Report) -> list[tuple]:
    return sorted((m.figure, m.value, m.kind, m.measure) for m in report.metrics.all())


def _seed_figures(number: str) -> list[tuple]:
    text = next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")
    return sorted((f.figure, f.value, f.kind, f.measure) for f in extract(text).figures)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_command_imports_a_page_a_pdf_and_a_word_file_each_with_what_it_says_of_itself(tmp_path):
    for name in ("article.html", "report.pdf", "report.docx"):
        shutil.copy(FIXTURES / name, tmp_path / name)

    out, _ = _run(str(tmp_path))

    assert "3 files: 3 new, 0 updated, 0 unchanged, 0 failed" in out
    page, pdf, word = (Report.objects.get(source=name) for name in ("article.html", "report.pdf", "report.docx"))
    assert _figures(page) == _seed_figures("002")
    assert _figures(pdf) == _seed_figures("000")
    assert set(_seed_figures("003")) < set(_figures(word))
    assert (page.published, page.site_name, page.author, page.outlet) == (
        dt.date(2024, 7, 8), "Báo Công an Nhân dân", "Hoàng Hường", "Báo Công an Nhân dân")
    assert page.url == "https://cand.com.vn/su-kien-binh-luan-thoi-su/hoi-nghi-so-ket-6-thang-i738201/"
    assert (pdf.published, pdf.event_date, pdf.author) == (dt.date(2024, 12, 28), dt.date(2024, 12, 26), "Nhóm PV")
    assert (word.published, word.event_date) == (dt.date(2024, 4, 13), dt.date(2024, 4, 12))
    assert word.metrics.get(figure="1.327").measure == "Số vụ vi phạm phát hiện"
    assert all(m.report.text[m.start:m.end] == m.figure for m in Metric.objects.select_related("report"))

    again, _ = _run(str(tmp_path))

    assert "0 new, 0 updated, 3 unchanged" in again


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bad_files_are_named_with_their_reason_and_the_rest_is_imported(tmp_path):
    shutil.copy(FIXTURES / "report.docx", tmp_path / "good.docx")
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>")
    (tmp_path / "scan.pdf").write_bytes((FIXTURES / "report.pdf").read_bytes()[:400])
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really")

    with pytest.raises(CommandError, match="3 of 4 files failed"):
        _, err = _run(str(tmp_path))

    assert list(Report.objects.values_list("source", flat=True)) == ["good.docx"]


def test_failures_say_which_file_and_why(tmp_path, db):
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_reports", str(tmp_path), stdout=StringIO(), stderr=err)

    assert f"FAILED {tmp_path / 'menu.html'}: no article text found in the page" in err.getvalue()
    assert f"FAILED {tmp_path / 'broken.docx'}: not a readable Word (.docx) file" in err.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_command_imports_urls_with_the_pages_own_metadata(site, private_fetch):
    out, _ = _run(f"{site.url}/moved", f"{site.url}/report.pdf")

    assert "2 files: 2 new" in out
    page = Report.objects.get(source=f"{site.url}/moved")
    assert _figures(page) == _seed_figures("002")
    assert (page.published, page.site_name) == (dt.date(2024, 7, 8), "Báo Công an Nhân dân")
    assert page.url == "https://cand.com.vn/su-kien-binh-luan-thoi-su/hoi-nghi-so-ket-6-thang-i738201/"  # canonical
    assert site.asked == ["/moved", "/article.html", "/report.pdf"]

    again, _ = _run(f"{site.url}/moved")

    assert "1 unchanged" in again


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_url_that_fails_is_named_and_the_others_imported(site, private_fetch):
    err = StringIO()

    with pytest.raises(CommandError, match="1 of 2 files failed"):
        call_command("import_reports", f"{site.url}/missing.html", f"{site.url}/report.docx",
                     stdout=StringIO(), stderr=err)

    assert f"FAILED {site.url}/missing.html: HTTP 404 Not Found" in err.getvalue()
    assert Report.objects.filter(source=f"{site.url}/report.docx").exists()


def test_by_default_a_local_address_is_refused_and_never_asked(site, db):
    err = StringIO()

    with pytest.raises(CommandError, match="1 of 1 files failed"):
        call_command("import_reports", f"{site.url}/article.html", stdout=StringIO(), stderr=err)

    assert "refused: 127.0.0.1 is a private, loopback or link-local address" in err.getvalue()
    assert site.asked == []
    assert not Report.objects.exists()


# The admin's "Add a report" --------------------------------------------------------------------

@pytest.fixture
def editor(client, db):
    return log_in_editor(client)


UPLOAD = "/admin/reports/report/upload/"


def test_an_editor_adds_a_word_file(client, editor):
    upload = SimpleUploadedFile("ket-qua-quy-1.docx", (FIXTURES / "report.docx").read_bytes())

    response = client.post(UPLOAD, {"file": upload})

    assert response.status_code == 302
    report = Report.objects.get(source="ket-qua-quy-1.docx")
    assert report.published == dt.date(2024, 4, 13)
    assert report.metrics.get(figure="4,5%").measure == "Số vụ vi phạm phát hiện"


def test_an_editor_adds_an_article_by_its_url(client, editor, site, private_fetch):
    response = client.post(UPLOAD, {"url": f"{site.url}/article.html"})

    assert response.status_code == 302, response.content.decode()[:2000]
    report = Report.objects.get(source=f"{site.url}/article.html")
    assert (report.published, report.outlet) == (dt.date(2024, 7, 8), "Báo Công an Nhân dân")
    assert report.metrics.count() == len(_seed_figures("002"))
    page = client.get(report.get_absolute_url()).content.decode()
    assert "08/07/2024" in page and "Báo Công an Nhân dân" in page


def test_the_admin_will_not_fetch_inside_the_servers_network(client, editor, site):
    response = client.post(UPLOAD, {"url": f"{site.url}/article.html"})

    assert response.status_code == 200
    assert "refused: 127.0.0.1 is a private, loopback or link-local address" in response.content.decode()
    assert site.asked == []
    assert not Report.objects.exists()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("bao-cao.xlsx", b"PK\x03\x04", "không phải loại tệp đọc được"),  # the admin speaks Vietnamese
    ("scan.pdf", b"%PDF-1.4 broken", "not a readable PDF"),
    ("trang.html", b"<html><body><nav>Trang ch\xe1\xbb\xa7</nav></body></html>", "no article text found"),
])
def test_a_bad_file_is_refused_on_the_form_with_its_reason(client, editor, name, data, message):
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_one_source_at_a_time(client, editor):
    upload = SimpleUploadedFile("a.docx", (FIXTURES / "report.docx").read_bytes())

    response = client.post(UPLOAD, {"file": upload, "url": "https://cand.com.vn/a"})

    assert "Tải lên một tệp, nhập một URL hoặc dán văn bản (chỉ một trong ba)." in response.content.decode()
    assert not Report.objects.exists()
