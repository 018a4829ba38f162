"""Reading what people have: saved web pages, PDF and Word files, article URLs (reports/sources.py).

The fixtures (tests/fixtures, made by make_sources.py) are the seed texts as a news page with its
boilerplate, a PDF of several pages with headers and footers, and a Word file with a table: each
must give the figures of the .txt it came from. No database here; see test_import_sources.py."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter
from pathlib import Path

import docx
import httpx
import pytest
from pypdf import PdfWriter

from reports.extraction import extract
from reports.extraction.records import Extraction
from reports.extraction.text import TextError
from reports.sources import USER_AGENT, fetch, read_bytes, read_path

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).parents[1] / "seeds"
PUBLIC = "93.184.215.14"


def seed(number: str) -> str:
    return next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def figures(extraction: Extraction) -> Counter[tuple]:
    return Counter((f.figure, f.value, f.kind, f.measure, f.unit.name if f.unit else None, f.change, f.qualifier)
                   for f in extraction.figures)


def read(name: str) -> Extraction:
    source = read_path(FIXTURES / name)
    return extract(source.text, source.meta)


def assert_marked_where_written(extraction: Extraction) -> None:
    assert all(extraction.text[f.start:f.end] == f.figure for f in extraction.figures)


# Web pages ---------------------------------------------------------------------------------------

def test_a_saved_news_page_gives_the_figures_of_its_text_and_none_of_its_boilerplate():
    page, text = read("article.html"), extract(seed("002"))

    assert len(page.figures) == 14
    assert figures(page) == figures(text)
    assert_marked_where_written(page)
    for boilerplate in ("Trang chủ", "Quảng cáo", "Tin liên quan", "Bình luận", "99 đối tượng", "Chia sẻ", "Giấy phép"):
        assert boilerplate not in page.text


def test_a_page_keeps_its_paragraphs_and_starts_with_its_headline():
    page = read("article.html")

    paragraphs = page.text.split("\n\n")
    assert paragraphs[0] == "Hội nghị sơ kết công tác công an 6 tháng đầu năm 2024 được tổ chức vào sáng 08/7/2024."
    assert paragraphs[1].startswith("Thay mặt Đảng ủy Công an Trung ương")
    assert len(paragraphs) == len(seed("002").split("\n\n"))


def test_a_page_says_who_published_it_when_and_where():
    meta = read("article.html").meta

    assert meta.published == dt.date(2024, 7, 8)  # article:published_time, not the modified date
    assert meta.author == "Hoàng Hường"
    assert meta.site_name == "Báo Công an Nhân dân"
    assert meta.url == "https://cand.com.vn/su-kien-binh-luan-thoi-su/hoi-nghi-so-ket-6-thang-i738201/"
    assert meta.event_date == dt.date(2024, 7, 8)  # from the text: "sáng 08/7/2024"


def test_a_page_without_a_date_in_its_markup_has_no_publication_date():
    html = b"<html><head><title>Tin</title></head><body><article><h1>Tin</h1>" \
           b"<p>Ng\xc3\xa0y 5/3/2023, C\xc3\xb4ng an t\xe1\xbb\x89nh b\xe1\xba\xaft 12 \xc4\x91\xe1\xbb\x91i t\xc6\xb0\xe1\xbb\xa3ng v\xc3\xa0 " \
           b"thu gi\xe1\xbb\xaf nhi\xe1\xbb\x81u tang v\xe1\xba\xadt, \xc4\x91\xe1\xbb\x93ng th\xe1\xbb\x9di x\xe1\xbb\xad l\xc3\xbd h\xc3\xa0nh ch\xc3\xadnh 30 tr\xc6\xb0\xe1\xbb\x9dng h\xe1\xbb\xa3p.</p></article></body></html>"

    source = read_bytes(html, "html")

    assert source.meta is not None and source.meta.published is None
    assert "bắt 12 đối tượng" in source.text


def test_a_date_without_its_year_is_dated_by_the_publication():
    # A conference reviewing 2024, reported on 7 January 2025: "Sáng nay (7/1)" is that day.
    html = """<html><head><meta property="article:published_time" content="2025-01-07T15:00:00+07:00">
    <meta property="og:title" content="Công an tỉnh Nghệ An tổng kết công tác năm 2024"></head><body><article>
    <h1>Công an tỉnh Nghệ An tổng kết công tác năm 2024</h1>
    <p>Sáng nay (7/1), Công an tỉnh Nghệ An tổ chức Hội nghị tổng kết công tác công an năm 2024.</p>
    <p>Trong năm 2024, lực lượng Công an tỉnh đã điều tra, làm rõ 1.250 vụ phạm tội về trật tự xã hội,
    bắt giữ 2.100 đối tượng, tỷ lệ điều tra khám phá đạt 89,5%.</p></article></body></html>""".encode()

    source = read_bytes(html, "html")
    meta = extract(source.text, source.meta).meta

    assert meta.published == dt.date(2025, 1, 7)
    assert meta.event_date == dt.date(2025, 1, 7)
    assert (meta.period_start, meta.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.mark.parametrize(("data", "reason"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "not HTML"),
    (b'{"vu_an": 12, "doi_tuong": 30}', "not HTML"),
    (b"<html><body><nav><a href='/'>Trang ch\xe1\xbb\xa7</a></nav></body></html>", "no article text"),
])
def test_what_is_no_article_page_is_refused_with_its_reason(data, reason):
    with pytest.raises(TextError, match=reason):
        read_bytes(data, "html")


# PDF ---------------------------------------------------------------------------------------------

def test_a_text_pdf_gives_the_figures_of_its_text():
    pdf, text = read("report.pdf"), extract(seed("000"))

    assert len(pdf.figures) == 48
    assert figures(pdf) == figures(text)
    assert_marked_where_written(pdf)


def test_a_pdf_loses_its_repeated_header_and_footer_and_keeps_its_paragraphs():
    pdf = read("report.pdf")

    assert "VĂN PHÒNG BỘ" not in pdf.text and "Trang " not in pdf.text
    paragraphs = pdf.text.split("\n\n")
    assert paragraphs[0] == "Ý kiến của Công an các đơn vị, địa phương tại Hội nghị Công an toàn quốc lần thứ 80"
    # Lines are joined back into sentences, over page breaks too: each of the text's sentences holding a
    # figure is there whole.
    assert {f.sentence for f in pdf.figures} == {f.sentence for f in extract(seed("000")).figures}
    # The address too long for its line is whole again, and read as the source.
    assert pdf.meta.url == "https://cand.com.vn/hoat-dong-ll-cand/y-kien-cua-cong-an-cac-don-vi-dia-phuong-tai-hoi-nghi-cong-an-toan-quoc-lan-thu-80-i754814/"


def test_a_pdf_says_its_title_author_and_date():
    meta = read("report.pdf").meta

    assert meta.title == "Ý kiến của Công an các đơn vị, địa phương tại Hội nghị Công an toàn quốc lần thứ 80"
    assert meta.author == "Nhóm PV"
    assert meta.published == dt.date(2024, 12, 28)
    assert meta.event_date == dt.date(2024, 12, 26)  # "Trong 2 ngày 26 và 27/12": from the text


def blank_pdf(password: str | None = None, owner: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(user_password=password, owner_password=owner or password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_scanned_pdf_with_no_text_layer_is_refused():
    with pytest.raises(TextError, match="scanned PDF: it has no text layer"):
        read_bytes(blank_pdf(), "pdf")


def test_a_pdf_that_needs_a_password_is_refused():
    with pytest.raises(TextError, match="encrypted PDF: it needs a password"):
        read_bytes(blank_pdf(password="mật khẩu"), "pdf")


def test_a_pdf_encrypted_only_against_copying_is_read():
    # Opens with no password (owner password only): read like any other; this one is blank.
    with pytest.raises(TextError, match="scanned PDF"):
        read_bytes(blank_pdf(password="", owner="chủ"), "pdf")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", b"not a pdf at all", b""])
def test_a_broken_pdf_is_refused(data):
    with pytest.raises(TextError, match="PDF"):
        read_bytes(data, "pdf")


def test_pdf_lines_are_joined_into_paragraphs():
    from reports.sources import _paragraphs

    lines = [
        "Trong năm 2024, lực lượng Công an tỉnh đã điều tra, làm rõ 1.250 vụ phạm tội về",
        "trật tự xã hội, bắt giữ 2.100 đối tượng; thu giữ 3 kg ma túy tổng hợp, 12 ki-",
        "lô-gam pháo nổ trong giai đoạn 2021-",
        "2025.",
        "",
        "Công tác phòng cháy, chữa cháy được triển khai đồng bộ trên toàn tỉnh, đạt kết quả",
        "tích cực.",
    ]
    assert list(_paragraphs(lines)) == [
        "Trong năm 2024, lực lượng Công an tỉnh đã điều tra, làm rõ 1.250 vụ phạm tội về trật tự xã hội, bắt giữ "
        "2.100 đối tượng; thu giữ 3 kg ma túy tổng hợp, 12 ki-lô-gam pháo nổ trong giai đoạn 2021-2025.",
        "Công tác phòng cháy, chữa cháy được triển khai đồng bộ trên toàn tỉnh, đạt kết quả tích cực.",
    ]


# Word --------------------------------------------------------------------------------------------

def test_a_word_file_gives_the_figures_of_its_text_and_of_its_table():
    word, text = read("report.docx"), extract(seed("003"))

    table = figures(word) - figures(text)
    assert figures(word) - table == figures(text)
    unit = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
    assert {(f[0], f[3], f[5]) for f in table} == {
        ("12.450", "cơ sở", None),
        ("8,2%", "Số cơ sở kinh doanh có điều kiện được kiểm tra", "increase"),
        ("1.327", "Số vụ vi phạm phát hiện", None),
        ("4,5%", "Số vụ vi phạm phát hiện", "decrease"),
        ("15,6 tỷ đồng", "đồng", None),
        ("11%", "Tiền phạt", "increase"),
    }
    assert {f[4] for f in table} == {unit}
    assert_marked_where_written(word)


def test_a_word_file_says_its_title_author_and_date():
    word = read("report.docx")

    assert word.meta.title == "Giao ban trực tuyến công tác quản lý hành chính về trật tự xã hội quý I/2024"
    assert word.meta.author == "Phương Thảo"
    assert word.meta.published == dt.date(2024, 4, 13)
    assert word.meta.event_date == dt.date(2024, 4, 12)  # "Ngày 12/4": from the text


def test_a_table_row_becomes_one_line_with_its_label():
    document = docx.Document()
    document.add_paragraph("Kết quả công tác tháng 3/2025 của Công an huyện Nam Đàn")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, [("Nội dung", "Tháng 3", "Ghi chú"),
                                        ("Số vụ tai nạn giao thông", "7", "giảm 2 vụ")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = document.add_table(rows=1, cols=3)
    merged.rows[0].cells[0].merge(merged.rows[0].cells[1]).text = "Số người chết"
    merged.rows[0].cells[2].text = "3"
    out = io.BytesIO()
    document.save(out)

    source = read_bytes(out.getvalue(), "docx")

    assert source.text.split("\n\n")[1:] == [
        "Nội dung: Tháng 3; Ghi chú", "Số vụ tai nạn giao thông: 7; giảm 2 vụ", "Số người chết: 3",
    ]
    found = {(f.figure, f.measure) for f in extract(source.text).figures}
    assert {("7", "Số vụ tai nạn giao thông"), ("2", "vụ"), ("3", "Số người chết")} <= found


def test_a_word_file_that_unpacks_into_too_much_is_refused_before_it_is_read():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"<w:t>" + b" " * (60 * 1024 * 1024) + b"</w:t>")

    assert len(out.getvalue()) < 1024 * 1024
    with pytest.raises(TextError, match="unpacks to 62,914,571 bytes; the limit is 52,428,800"):
        read_bytes(out.getvalue(), "docx")


@pytest.mark.parametrize("data", [b"PK\x03\x04 broken zip", b"plain text, not a Word file"])
def test_a_broken_word_file_is_refused(data):
    with pytest.raises(TextError, match="Word"):
        read_bytes(data, "docx")


def test_a_file_of_another_kind_or_too_large_is_refused(tmp_path):
    with pytest.raises(TextError, match="not a kind of file this reads"):
        read_path(tmp_path / "bao-cao.xlsx")
    big = tmp_path / "bao-cao.html"
    big.write_bytes(b"<html>" + b" " * (5 * 1024 * 1024))
    with pytest.raises(TextError, match="too large"):
        read_path(big)


# URLs, without any traffic: a mock transport stands for the network ----------------------------

class Network:
    """A mock transport that answers from a table of URLs and records every request it was sent."""

    def __init__(self, answers: dict[str, httpx.Response]) -> None:
        self.answers = answers
        self.sent: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self.answer)

    def answer(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return self.answers[f"{request.headers['host']}{request.url.raw_path.decode()}"]


def resolver(table: dict[str, list[str]]):
    return lambda host, port: table[host]


ARTICLE = (FIXTURES / "article.html").read_bytes()


def html(body: bytes = ARTICLE, **headers: str) -> httpx.Response:
    return httpx.Response(200, content=body, headers={"content-type": "text/html; charset=utf-8", **headers})


def test_a_url_is_fetched_from_the_address_that_was_checked_with_the_projects_user_agent():
    network = Network({"news.example/bai-viet": html()})

    source = fetch("https://news.example/bai-viet", transport=network.transport,
                   resolver=resolver({"news.example": [PUBLIC]}))

    assert figures(extract(source.text, source.meta)) == figures(extract(seed("002")))
    [request] = network.sent
    assert request.url.host == PUBLIC  # pinned: no second lookup can send it elsewhere
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"  # the certificate is checked for the name
    assert request.headers["user-agent"] == USER_AGENT and "ChiSo" in USER_AGENT


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.1.10", "172.16.0.5", "169.254.169.254",
                                     "::1", "fc00::1", "fe80::1", "0.0.0.0", "100.64.0.1"])
def test_a_host_that_resolves_to_a_private_address_is_refused_before_any_request(address):
    network = Network({})

    with pytest.raises(TextError, match="refused: .* private, loopback or link-local"):
        fetch("http://intranet.example/", transport=network.transport,
              resolver=resolver({"intranet.example": [PUBLIC, address]}))
    assert network.sent == []


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/admin/", "http://[::1]/", "http://169.254.169.254/latest/"])
def test_an_address_written_in_the_url_is_checked_too(url):
    network = Network({})

    with pytest.raises(TextError, match="refused"):
        fetch(url, transport=network.transport, resolver=resolver({}))
    assert network.sent == []


def test_a_redirect_to_a_private_address_is_refused_at_the_redirect():
    network = Network({"news.example/a": httpx.Response(302, headers={"location": "http://metadata.internal/latest"})})

    with pytest.raises(TextError, match="refused: metadata.internal"):
        fetch("https://news.example/a", transport=network.transport,
              resolver=resolver({"news.example": [PUBLIC], "metadata.internal": ["169.254.169.254"]}))
    assert len(network.sent) == 1


def test_redirects_are_followed_up_to_five():
    hops = {f"news.example/{i}": httpx.Response(301, headers={"location": f"/{i + 1}"}) for i in range(5)}
    network = Network({**hops, "news.example/5": html()})

    source = fetch("https://news.example/0", transport=network.transport, resolver=resolver({"news.example": [PUBLIC]}))

    assert "22.022 vụ" in source.text and len(network.sent) == 6
    network = Network({**hops, "news.example/5": httpx.Response(302, headers={"location": "/6"})})
    with pytest.raises(TextError, match="more than 5 redirects"):
        fetch("https://news.example/0", transport=network.transport, resolver=resolver({"news.example": [PUBLIC]}))


@pytest.mark.parametrize(("response", "reason"), [
    (httpx.Response(404), "HTTP 404 Not Found"),
    (httpx.Response(503), "HTTP 503"),
    (httpx.Response(200, content=b"\x89PNG", headers={"content-type": "image/png"}), "content type image/png"),
    (httpx.Response(200, content=b"<html>", headers={"content-type": "text/html", "content-length": "99999999"}),
     "too large"),
])
def test_what_cannot_be_a_report_is_refused_with_its_reason(response, reason):
    network = Network({"news.example/x": response})

    with pytest.raises(TextError, match=reason):
        fetch("https://news.example/x", transport=network.transport, resolver=resolver({"news.example": [PUBLIC]}))


def test_a_body_over_the_limit_is_cut_off_even_without_a_length():
    body = httpx.Response(200, headers={"content-type": "text/html"}, content=iter([b"<html>" + b"x" * 4096] * 100))
    network = Network({"news.example/x": body})

    with pytest.raises(TextError, match="too large"):
        fetch("https://news.example/x", transport=network.transport, resolver=resolver({"news.example": [PUBLIC]}),
              max_bytes=10_000)


@pytest.mark.parametrize("url", ["ftp://news.example/a", "file:///etc/passwd", "javascript:alert(1)", "http:///nohost"])
def test_only_http_urls_are_fetched(url):
    with pytest.raises(TextError, match="not an http"):
        fetch(url, transport=Network({}).transport, resolver=resolver({}))


def test_a_timeout_is_named():
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    with pytest.raises(TextError, match="timed out"):
        fetch("https://news.example/x", transport=httpx.MockTransport(slow),
              resolver=resolver({"news.example": [PUBLIC]}))


def test_a_page_dated_only_in_its_json_ld_gives_that_date_and_author():
    body = "<p>" + "Công an tỉnh Hà Tĩnh đã bắt giữ 25 đối tượng trong đợt cao điểm tấn công trấn áp tội phạm. " * 3
    page = f"""<html><head><title>Tin</title><script type="application/ld+json">{{"@context": "https://schema.org",
    "@type": "NewsArticle", "headline": "Hà Tĩnh bắt 25 đối tượng", "datePublished": "2025-03-04T09:00:00+07:00",
    "author": {{"@type": "Person", "name": "Thu Hà"}}}}</script></head>
    <body><article><h1>Hà Tĩnh bắt 25 đối tượng</h1>{body}</p></article></body></html>"""

    meta = read_bytes(page.encode(), "html").meta

    assert (meta.title, meta.published, meta.author) == ("Hà Tĩnh bắt 25 đối tượng", dt.date(2025, 3, 4), "Thu Hà")
