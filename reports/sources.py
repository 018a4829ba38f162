"""What people have, read as a report's text: .txt files, saved web pages, PDF and Word files, and
article URLs. Plain Python, no Django: the caller passes the settings.

Each reader gives a `Source`: the text that extraction sees (and that figures' offsets refer to)
and what the file or page says of itself (title, publication date, author, outlet, canonical URL),
which fills the report's fields the text leaves empty. Bad input raises TextError with the reason.

The libraries: trafilatura finds a page's main text (dropping menus, related links, comments,
share bars and ads) and reads its metadata (Open Graph, JSON-LD, meta tags); pypdf reads a PDF's
text layer (pure Python, no system library, and it reads each page apart, which finding the
lines repeated on every page needs); python-docx reads Word files, tables included; httpx fetches,
with timeouts and redirects under our control.
"""

from __future__ import annotations

import datetime as dt
import io
import ipaddress
import re
import socket
import statistics
import time
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import docx
import httpx
from docx.table import Table
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from reports.extraction.records import ReportMeta
from reports.extraction.text import MAX_BYTES, TextError, decode, squeeze

USER_AGENT = "ChiSo/0.1 (knowledge base of Vietnamese police report figures)"
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 20.0
# A server that sends a byte now and then is cut off after this long in all.
TOTAL_TIMEOUT = 60.0
# The content types a URL may answer with, and how each is read.
_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "txt",
}
# What a Word file (a zip) may unpack to.
MAX_UNPACKED = 10 * MAX_BYTES
# Less main text than this is no article.
MIN_ARTICLE_CHARS = 100
_KIND_OF_SUFFIX = {".txt": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}
SUFFIXES = set(_KIND_OF_SUFFIX)


@dataclass(frozen=True)
class Source:
    text: str
    meta: ReportMeta | None = None  # what the file or page says of itself


def read_path(path: Path) -> Source:
    """A report file of any kind this project reads, by its suffix."""
    kind = kind_of_name(path.name)
    if kind is None:
        raise TextError(f"not a kind of file this reads ({', '.join(sorted(SUFFIXES))})")
    _check_size(path.stat().st_size)  # before reading it
    return read_bytes(path.read_bytes(), kind)


def read_bytes(data: bytes, kind: str, url: str | None = None) -> Source:
    _check_size(len(data))
    readers: dict[str, Callable[[bytes, str | None], Source]] = {
        "txt": lambda data, url: Source(decode(data)),
        "html": read_html, "pdf": read_pdf, "docx": read_docx,
    }
    return readers[kind](data, url)


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise TextError(f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")


def kind_of_name(name: str) -> str | None:
    """ "txt", "html", "pdf" or "docx" for a file name, or None."""
    return _KIND_OF_SUFFIX.get(Path(name).suffix.lower())


# Web pages ---------------------------------------------------------------------------------------

def read_html(data: bytes, url: str | None = None) -> Source:
    """A saved or fetched page: its main text, headline first, a blank line between paragraphs;
    and its metadata. Only the page's markup gives the publication date (never a date in the text)."""
    import trafilatura  # imported when needed: it loads lxml and its models

    if not re.search(rb"<\s*(?:html|head|body|p|div|article|h1)\b", data[:100_000], re.IGNORECASE):
        raise TextError("not HTML")
    document = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(document, "text", None) or ""
    paragraphs = [_clean(line) for line in body.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if sum(map(len, paragraphs)) < MIN_ARTICLE_CHARS:  # a menu, a cookie notice, an error page
        raise TextError("no article text found in the page")
    title = _clean(document.title)  # type: ignore[union-attr]
    if title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    text = "\n\n".join([title, *paragraphs] if title else paragraphs)
    return Source(text, ReportMeta(
        title=title,
        published=_date(document.date),  # type: ignore[union-attr]
        author=_clean(document.author) or None,  # type: ignore[union-attr]
        site_name=_clean(document.sitename) or None,  # type: ignore[union-attr]
        url=document.url or url,  # type: ignore[union-attr]
    ))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _clean(value: object) -> str:
    """A title, name or line as stored: NFC, white space squeezed; "" for none."""
    return _nfc(squeeze(str(value))) if value else ""


# PDF ---------------------------------------------------------------------------------------------

# A line that is only a page number: "3", "- 3 -", "Trang 3", "3/12".
_PAGE_NUMBER = re.compile(r"^\W*(?:trang\s+)?\d+(?:\s*/\s*\d+)?\W*$", re.IGNORECASE)
# How a line that ends a paragraph ends: with a sentence mark.
_PARAGRAPH_END = re.compile(r"[.!?…\"”)]$")
# How many lines at the top and the bottom of a page may be its header or footer.
_MARGIN_LINES = 3
# A line shorter than this share of the usual line is the last of its paragraph (or a heading).
_SHORT_LINE = 0.7


def read_pdf(data: bytes, url: str | None = None) -> Source:
    """A text PDF: each page's lines as laid out, without the headers and footers repeated on every
    page or bare page numbers, joined into paragraphs (a word hyphenated over a line's end made
    whole again). A PDF with no text layer (a scan) or that needs a password is refused: there is no
    OCR here."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise TextError("encrypted PDF: it needs a password")
        # Laid out, a gap between paragraphs is a blank line.
        pages = [_nfc(page.extract_text(extraction_mode="layout") or "").splitlines() for page in reader.pages]
        info = reader.metadata
    except PdfReadError as exc:
        raise TextError(f"not a readable PDF ({exc})") from None
    except (ValueError, KeyError, TypeError) as exc:  # pypdf on a damaged file
        raise TextError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not any(line.strip() for page in pages for line in page):
        raise TextError("scanned PDF: it has no text layer, and this does not read images (no OCR)")
    text = "\n\n".join(_paragraphs(_across_pages(_without_margins(pages))))
    if not text:
        raise TextError("no text left in the PDF after its headers and footers")
    title = _clean(info.title if info else None)
    created = info.creation_date if info else None
    return Source(text, ReportMeta(
        title=title,
        published=created.date() if isinstance(created, dt.datetime) else None,
        author=_clean(info.author if info else None) or None,
        url=url,
    ))


def _opens_without_password(reader: PdfReader) -> bool:
    """Many PDFs are encrypted only to restrict printing or copying: they open with no password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # pypdf without the cipher this file needs, or a broken encryption dictionary
        return False


def _without_margins(pages: list[list[str]]) -> list[list[str]]:
    """The pages' lines, white space squeezed ("" for a blank line), without bare page numbers and
    without the lines near a page's top or bottom that come on every page (digits aside, so that
    "Trang 2/5" is the same line on each)."""
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.casefold())

    pages = [[squeeze(line) for line in page] for page in pages]
    pages = [[line for line in page if not _PAGE_NUMBER.match(line)] for page in pages]
    if len(pages) < 2:
        return pages
    margins = [[i for i, line in enumerate(page) if line] for page in pages]
    edges = [set(found[:_MARGIN_LINES] + found[-_MARGIN_LINES:]) for found in margins]
    counts = Counter(k for page, near in zip(pages, edges, strict=True) for k in {key(page[i]) for i in near})
    repeated = {k for k, n in counts.items() if n == len(pages)}
    return [[line for i, line in enumerate(page) if not (i in near and key(line) in repeated)]
            for page, near in zip(pages, edges, strict=True)]


def _across_pages(pages: list[list[str]]) -> list[str]:
    """The pages' lines as one run: a paragraph goes on over a page break unless the page's last
    line ends a sentence."""
    lines: list[str] = []
    for page in pages:
        while page and not page[-1]:
            page = page[:-1]
        while page and not page[0]:
            page = page[1:]
        if lines and page and lines[-1] and _PARAGRAPH_END.search(lines[-1]):
            lines.append("")
        lines.extend(page)
    return lines


def _paragraphs(lines: list[str]) -> Iterator[str]:
    """Lines as a PDF lays them out, joined into paragraphs. A paragraph ends at a blank line (a gap),
    or at a line that ends a sentence and falls short of the usual line."""
    filled = [line for line in lines if line]
    if not filled:
        return
    usual = statistics.median(len(line) for line in filled)
    paragraph = previous = ""
    for line in lines:
        if not line:
            if paragraph:
                yield paragraph
            paragraph = ""
            continue
        if paragraph.endswith("\u00ad"):
            paragraph = paragraph[:-1] + line  # a soft hyphen: a word the typesetter cut
        elif paragraph.endswith("-") and paragraph[-2:-1].isalnum() and line[:1].isalnum():
            # "ki-" + "lô-gam", "2021-" + "2025", "QĐ-" + "BCA": Vietnamese is not cut into syllables
            # at a line's end, so the hyphen is the word's own; the line break goes.
            paragraph += line
        elif paragraph.rsplit(" ", 1)[-1].startswith(("http://", "https://")) and len(previous) >= usual:
            paragraph += line  # a web address too long for its line goes on in the next
        else:
            paragraph = f"{paragraph} {line}" if paragraph else line
        if len(line) < usual * _SHORT_LINE and _PARAGRAPH_END.search(line):
            yield paragraph
            paragraph = ""
        previous = line
    if paragraph:
        yield paragraph


# Word --------------------------------------------------------------------------------------------

def read_docx(data: bytes, url: str | None = None) -> Source:
    """A Word file's paragraphs and tables, in order. A table row is one line, "label: value; …",
    so that a figure in a table is read with its row's label as what it counts."""
    try:
        unpacked = sum(part.file_size for part in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile:
        raise TextError("not a readable Word (.docx) file (not a zip archive)") from None
    if unpacked > MAX_UNPACKED:  # a "zip bomb": a few megabytes that unpack into gigabytes
        raise TextError(f"unpacks to {unpacked:,} bytes; the limit is {MAX_UNPACKED:,}")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TextError(f"not a readable Word (.docx) file ({type(exc).__name__})") from None
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            blocks.extend(_table_rows(block))
        else:
            blocks.append(squeeze(block.text))
    text = _nfc("\n\n".join(b for b in blocks if b))
    if not text:
        raise TextError("empty Word file")
    properties = document.core_properties
    return Source(text, ReportMeta(
        title=_clean(properties.title),
        published=properties.created.date() if properties.created else None,
        author=_clean(properties.author) or None,
        url=url,
    ))


def _table_rows(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = squeeze(cell.text)
            if value and (not cells or value != cells[-1]):  # a merged cell comes once per column it spans
                cells.append(value)
        if len(cells) > 1:
            yield f"{cells[0]}: {'; '.join(cells[1:])}"
        elif cells:
            yield cells[0]


# URLs --------------------------------------------------------------------------------------------

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address the host name resolves to."""
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})
    except (socket.gaierror, UnicodeError) as exc:
        raise TextError(f"cannot resolve {host} ({exc})") from None


def fetch(url: str, *, allow_private: bool = False, transport: httpx.BaseTransport | None = None,
          resolver: Resolver = resolve, max_bytes: int = MAX_BYTES) -> Source:
    """An article URL, fetched and read. The host is resolved and every address it has must be public
    (unless `allow_private`), at the first request and at each redirect; the request then goes to
    that checked address, so that a second resolution cannot point it elsewhere. `transport` is an
    httpx transport for tests."""
    timeout = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
    headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(_CONTENT_TYPES)}
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                      transport=transport) as client:
        for _ in range(MAX_REDIRECTS + 1):
            request = _pinned_request(client, url, headers, allow_private, resolver)
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise TextError("timed out") from None
            except httpx.HTTPError as exc:
                raise TextError(f"cannot fetch ({type(exc).__name__}: {exc})") from None
            try:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("location", ""))
                    continue
                if response.status_code >= 400:
                    raise TextError(f"HTTP {response.status_code} {response.reason_phrase}")
                kind = _kind_of_response(response)
                return read_bytes(_body(response, max_bytes), kind, url=url)
            finally:
                response.close()
    raise TextError(f"more than {MAX_REDIRECTS} redirects")


def _pinned_request(client: httpx.Client, url: str, headers: dict[str, str], allow_private: bool,
                    resolver: Resolver) -> httpx.Request:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise TextError(f"not an http(s) URL: {url[:200]}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = [parts.hostname] if _is_ip(parts.hostname) else resolver(parts.hostname, port)
    if not addresses:
        raise TextError(f"cannot resolve {parts.hostname}")
    for address in addresses:
        if not allow_private and not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise TextError(f"refused: {parts.hostname} is a private, loopback or link-local address ({address})")
    pinned = httpx.URL(url).copy_with(host=addresses[0])
    request = client.build_request("GET", pinned, headers={**headers, "Host": parts.netloc.rsplit("@", 1)[-1]})
    if parts.scheme == "https":
        request.extensions["sni_hostname"] = parts.hostname  # the certificate is checked for the name
    return request


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _kind_of_response(response: httpx.Response) -> str:
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in _CONTENT_TYPES:
        return _CONTENT_TYPES[content_type]
    raise TextError(f"not HTML, PDF, Word or text (content type {content_type or 'not given'})")


def _body(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TextError(f"too large ({int(declared):,} bytes; the limit is {max_bytes:,})")
    body = bytearray()
    deadline = time.monotonic() + TOTAL_TIMEOUT
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise TextError(f"too large (over {max_bytes:,} bytes)")
        if time.monotonic() > deadline:
            raise TextError(f"timed out (over {TOTAL_TIMEOUT:.0f} s)")
    return bytes(body)
