"""Abbreviations used in police reports, for extraction and, later, search."""

from __future__ import annotations

import re

from reports.extraction.text import fold

ABBREVIATIONS: dict[str, str] = {
    "ANQG": "an ninh quốc gia",
    "ANTQ": "an ninh Tổ quốc",
    "ANTT": "an ninh trật tự",
    "ANM": "An ninh mạng",
    "ANM&PCTP": "An ninh mạng và phòng, chống tội phạm",
    "PCTP": "phòng, chống tội phạm",
    "ĐTTP": "điều tra tội phạm",
    "ATGT": "an toàn giao thông",
    "BCA": "Bộ Công an",
    "CAND": "Công an nhân dân",
    "CBCS": "cán bộ, chiến sĩ",
    "CCHC": "cải cách hành chính",
    "CNC": "công nghệ cao",
    "CSGT": "Cảnh sát giao thông",
    "CSKV": "Cảnh sát khu vực",
    "CSĐT": "Cảnh sát điều tra",
    "CSCĐ": "Cảnh sát cơ động",
    "CSDL": "cơ sở dữ liệu",
    "CSHS": "Cảnh sát hình sự",
    "CSKT": "Cảnh sát kinh tế",
    "CSMT": "Cảnh sát môi trường",
    "HĐND": "Hội đồng nhân dân",
    "ĐBQH": "đại biểu Quốc hội",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "KH&CN": "khoa học và công nghệ",
    "KHCN": "khoa học và công nghệ",
    "PCCC": "phòng cháy, chữa cháy",
    "PCCC&CNCH": "phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "CNCH": "cứu nạn, cứu hộ",
    "QLHC": "quản lý hành chính",
    "QLXNC": "quản lý xuất nhập cảnh",
    "TTATGT": "trật tự, an toàn giao thông",
    "TTATXH": "trật tự, an toàn xã hội",
    "TTKS": "tuần tra, kiểm soát",
    "TTXH": "trật tự xã hội",
    "UBND": "Ủy ban nhân dân",
    "VPHC": "vi phạm hành chính",
    "XNC": "xuất nhập cảnh",
}

_ABBR_RE = re.compile(
    r"(?<![\w&])(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w&])"
)


def expand(text: str) -> str:
    """Spell out every known abbreviation: "Cục Cảnh sát QLHC về TTXH" ->
    "Cục Cảnh sát quản lý hành chính về trật tự xã hội"."""
    return _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def search_key(*values: str) -> str:
    """What a search matches against: each value folded, as written and with abbreviations
    spelled out, so that "CSGT" and "cảnh sát giao thông" both find "Cục CSGT"."""
    forms = dict.fromkeys(fold(form) for value in values if value for form in (value, expand(value)))
    return " | ".join(forms)


def query_forms(query: str) -> list[str]:
    """The folded forms of a search query: as typed and with abbreviations spelled out."""
    upper = " ".join(w.upper() if w.upper() in ABBREVIATIONS else w for w in query.split())
    return [form for form in dict.fromkeys([fold(query), fold(expand(upper))]) if form]
