#!/usr/bin/env python3
"""A realistic synthetic corpus of Vietnamese police work reports, with its own answer key.

Usage::

    python bench/make_corpus.py --reports 2000 --seed 7 --out /tmp/corpus
    python manage.py import_reports /tmp/corpus          # reads *.txt, ignores gold.json
    python manage.py export_kb --output /tmp/export.json
    python3 ../shared/eval/score.py --gold /tmp/corpus/gold.json --export /tmp/export.json

It writes ``OUT/00000_<hash>.txt`` … (UTF-8, NFC) and ``OUT/gold.json``, an answer key in the
format of ``../shared/gold/seeds.json``: ``reports``, ``units``, ``officials``, ``metrics``
(every figure, with its exact character offsets, anchor, value, kind, measure, qualifier, change,
unit and ``core``) and ``traps`` (numbers that are not figures: dates, years, periods, document
numbers, ordinals, codes, slogans, URLs).

The texts imitate the four genres of the real reports in ``seeds/``:

(a) a national conference report in sections headed "Rank Name, Position Unit: headline";
(b) a ministry-level quarterly, half-year or year summary without sections;
(c) a department's briefing held in Hà Nội (one line per paragraph, author at the end);
(d) a provincial police year-end review with the province's Party and People's Committee leaders.

Reports held before 1 July 2025 name the 63 provinces of the time, later ones the 34 that
followed the merger (names from ``vietnam_provinces``). Officials come from a fixed pool, so
one person appears in many reports with the same rank, title and unit.

Conventions of the key (those of seeds.json): ``value`` is a decimal string with the scale words
nghìn/triệu/tỷ applied ("1,6 tỷ đồng" -> "1600000000"), but a physical unit is not converted
("1,2 tấn" -> "1.2", measure "pháo nổ"); a decrease is a positive value with change "decrease";
``unit`` is the canonical name of the unit whose section (or report) the figure stands in;
figures in section headlines, anniversaries and "một trong 10 địa phương" are ``core: false``.
Every digit of every text lies inside a figure's anchor or a trap.

The output is a pure function of ``--seed`` and ``--reports`` (``random.Random`` per report, no
clock, no set or dict-order dependence). Texts are streamed to disk and the key's long lists are
written piece by piece, so memory stays flat however many reports are asked for.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import resource
import shutil
import sys
import time
import unicodedata
from array import array
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Callable


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def slug(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# Provinces (from vietnam_provinces) and police units


def _load_provinces() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(short name, division word) for the 63 provinces before the 2025 merger and the 34 after.

    The division word is the one the province had before the merger ("tỉnh Quảng Ninh"): every
    post-merger name was a province name before."""
    from vietnam_provinces import Province
    from vietnam_provinces.legacy import Province as LegacyProvince

    def split(name: str) -> tuple[str, str]:
        name = nfc(name)
        for prefix, word in (("Thành phố ", "thành phố"), ("Tỉnh ", "tỉnh")):
            if name.startswith(prefix):
                return name[len(prefix):], word
        return name, "tỉnh"

    legacy = tuple(split(p.name) for p in LegacyProvince.iter_all())
    word = dict(legacy)
    current = tuple((s, word.get(s, w)) for s, w in (split(p.name) for p in Province.iter_all()))
    return legacy, current


LEGACY_PROVINCES, CURRENT_PROVINCES = _load_provinces()
MERGER = date(2025, 7, 1)


class Unit:
    __slots__ = ("name", "kind", "province", "surfaces", "generic", "code", "domains", "aliases",
                 "core", "seen", "officials", "force", "dom_phrase", "headlines", "civil")

    def __init__(self, name: str, kind: str, province: str | None, surfaces: tuple[str, ...],
                 generic: tuple[str, ...], code: str | None = None, domains: tuple[str, ...] = (),
                 force: str = "", dom_phrase: str = "", headlines: tuple[str, ...] = ()) -> None:
        self.name, self.kind, self.province = name, kind, province
        self.surfaces = surfaces  # other spellings used in texts (aliases once met)
        self.generic = generic  # "Cục", "Công an tỉnh": the unit inside its own section
        self.code, self.domains, self.force = code, domains, force
        self.dom_phrase, self.headlines = dom_phrase, headlines
        self.aliases: dict[str, None] = {}
        self.core = False
        self.seen = False
        self.officials: list[Official] = []
        self.civil: list[Official] = []


# Headlines (no figures) by domain, for the sections of genre (a).
HEADLINES = {
    "gt": ("Đổi mới mạnh mẽ phương thức tuần tra, kiểm soát, xử lý vi phạm",
           "Lấy người dân, doanh nghiệp làm trung tâm trong công tác bảo đảm trật tự, an toàn giao thông"),
    "hs": ("Chủ động nhận diện sự chuyển hướng của tội phạm", "Tấn công trấn áp mạnh mẽ các loại tội phạm"),
    "md": ("Chặn từ xa, triệt từ gốc các đường dây ma túy", "Xây dựng xã, phường không ma túy"),
    "kt": ("Thu hồi triệt để tài sản cho Nhà nước", "Đấu tranh quyết liệt với tội phạm kinh tế, buôn lậu"),
    "anm": ("Chủ động nghiên cứu, ứng dụng làm chủ công nghệ", "Bảo vệ vững chắc chủ quyền quốc gia trên không gian mạng"),
    "qlhc": ("Nhiều giải pháp đổi mới, đột phá trong quản lý Nhà nước về an ninh, trật tự",
             "{E06} tạo chuyển biến mạnh mẽ trong phục vụ người dân"),
    "pccc": ("Sẵn sàng chiến đấu, cứu người là trên hết", "Nâng cao năng lực chữa cháy, cứu nạn, cứu hộ"),
    "xnc": ("Cải cách thủ tục hành chính về xuất nhập cảnh", "Tạo thuận lợi tối đa cho người dân khi xuất nhập cảnh"),
    "tg": ("Chất lượng công tác giáo dục cải tạo phạm nhân từng bước được nâng cao",),
    "khcn": ("Làm chủ các lĩnh vực công nghệ cao, công nghệ lõi", "Khoa học và công nghệ là đột phá quan trọng hàng đầu"),
    "dn": ("Củng cố, thúc đẩy thế trận an ninh đối ngoại",),
    "mt": ("Quyết liệt đấu tranh với tội phạm về môi trường",),
    "prov": ("An ninh chủ động, bảo vệ an ninh từ sớm, từ xa, từ cơ sở",
             "Thực hiện tốt công tác an sinh xã hội, góp phần đảm bảo an ninh, trật tự",
             "Giữ vững ổn định an ninh chính trị, trật tự an toàn xã hội",
             "Lấy người dân làm trung tâm, là chủ thể phục vụ"),
}

# (canonical name, kind, other spellings, generic, code, domains, force, domain phrase)
_DEPARTMENTS = (
    ("Cục Cảnh sát giao thông", "department", ("Cục CSGT",), ("Cục", "đơn vị"), "C08", ("gt",),
     "Cảnh sát giao thông", "bảo đảm trật tự, an toàn giao thông"),
    ("Cục Cảnh sát hình sự", "department", ("Cục CSHS",), ("Cục", "đơn vị"), "C02", ("hs",),
     "Cảnh sát hình sự", "phòng, chống tội phạm về trật tự xã hội"),
    ("Cục Cảnh sát điều tra tội phạm về ma túy", "department", ("Cục CSĐT tội phạm về ma túy",),
     ("Cục", "đơn vị"), "C04", ("md",), "Cảnh sát điều tra tội phạm về ma túy", "phòng, chống tội phạm về ma túy"),
    ("Cục Cảnh sát kinh tế", "department", ("Cục CSKT",), ("Cục", "đơn vị"), "C03", ("kt",),
     "Cảnh sát kinh tế", "phòng, chống tội phạm về kinh tế, tham nhũng, buôn lậu"),
    ("Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", "department", (),
     ("Cục", "đơn vị"), "A05", ("anm",), "An ninh mạng", "an ninh mạng và phòng, chống tội phạm công nghệ cao"),
    ("Cục Cảnh sát quản lý hành chính về trật tự xã hội", "department",
     ("Cục Cảnh sát QLHC về TTXH", "Cục Cảnh sát Quản lý hành chính về trật tự xã hội"), ("Cục", "đơn vị"), "C06",
     ("qlhc",), "Cảnh sát quản lý hành chính về trật tự xã hội", "quản lý hành chính về trật tự xã hội"),
    ("Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "department", ("Cục Cảnh sát PCCC và CNCH",),
     ("Cục", "đơn vị"), "C07", ("pccc",), "Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
     "phòng cháy, chữa cháy và cứu nạn, cứu hộ"),
    ("Cục Quản lý xuất nhập cảnh", "department", ("Cục QLXNC",), ("Cục", "đơn vị"), "A08", ("xnc",),
     "Quản lý xuất nhập cảnh", "quản lý xuất nhập cảnh"),
    ("Cục Cảnh sát quản lý trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng", "department",
     ("Cục Cảnh sát Quản lý Trại giam, Cơ sở giáo dục bắt buộc, Trường giáo dưỡng",), ("Cục", "đơn vị"), "C10",
     ("tg",), "Cảnh sát quản lý trại giam", "quản lý trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng"),
    ("Cục Cảnh sát phòng, chống tội phạm về môi trường", "department", ("Cục CSMT",), ("Cục", "đơn vị"), "C05",
     ("mt",), "Cảnh sát môi trường", "phòng, chống tội phạm về môi trường"),
    ("Cục An ninh đối ngoại", "department", (), ("Cục", "đơn vị"), None, ("dn",), "An ninh đối ngoại",
     "an ninh đối ngoại"),
    ("Viện Khoa học và công nghệ", "institute", ("Viện KH&CN",), ("Viện", "đơn vị"), None, ("khcn",),
     "khoa học và công nghệ Công an nhân dân", "khoa học và công nghệ"),
)
# Named only in passing.
_PASSING = (("Cục Tổ chức cán bộ", "department", ()), ("Cục Kỹ thuật nghiệp vụ", "department", ()))
# Departments that hold a briefing of their own (genre c).
_BRIEFING = ("Cục Cảnh sát giao thông", "Cục Cảnh sát hình sự", "Cục Cảnh sát điều tra tội phạm về ma túy",
             "Cục Cảnh sát kinh tế", "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
             "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Cục Quản lý xuất nhập cảnh",
             "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
             "Cục Cảnh sát phòng, chống tội phạm về môi trường")
PROVINCE_DOMAINS = ("hs", "md", "kt", "gt", "pccc", "qlhc", "xh", "xdll", "rank")

# ---------------------------------------------------------------------------------------------
# People

FAMILY = ("Nguyễn",) * 9 + ("Trần",) * 3 + ("Lê",) * 3 + ("Phạm",) * 2 + (
    "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lưu", "Trịnh",
    "Đinh", "Mai", "Tô", "Cao", "Lương", "Hà", "Đoàn", "Thái", "Chu", "Tạ", "Kiều", "Lại")
MIDDLE_M = ("Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Thanh", "Ngọc", "Công", "Đình",
            "Hồng", "Việt", "Anh", "Trọng", "Mạnh", "Tiến", "Sỹ", "Bá", "Quốc", "Duy", "Thế", "Khắc", "Vinh")
MIDDLE_F = ("Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Phương", "Kim", "Thúy")
GIVEN_M = ("Hùng", "Dũng", "Cường", "Thắng", "Hải", "Long", "Sơn", "Tuấn", "Trung", "Quân", "Khánh", "Bình",
           "Thành", "Phong", "Toàn", "Hiếu", "Lâm", "Quý", "Huy", "Kiên", "Tùng", "Thịnh", "Lợi", "Phúc",
           "Vinh", "Triều", "Khởi", "Chính", "Thiện", "Tâm", "Đông", "Hoàng", "Nghĩa", "Tú", "Tài", "Đạt",
           "Quy", "Cương", "Tỏ", "Thanh", "Hòa", "Lực", "Hưng", "Mạnh", "Định", "Trường", "Vương", "Độ")
GIVEN_F = ("Hương", "Lan", "Mai", "Hạnh", "Thảo", "Hoa", "Huyền", "Nga", "Trang", "Hằng", "Linh", "Phượng",
           "Yến", "Vân", "Hà")
RANKS = ("Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
         "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy")
AUTHORS = ("Nhóm PV", "Minh Anh", "Phương Thảo", "Hoàng Lâm", "Thanh Hương", "Duy Tuấn", "Khánh Linh",
           "Việt Hưng", "Bảo Ngọc", "Quang Huy", "Hà Phương", "Thu Trang", "Hải Yến", "Minh Anh - Thu Trang",
           "Trần Thắng", "Nhóm phóng viên")
PHONG = ("Cảnh sát hình sự", "Cảnh sát giao thông", "Cảnh sát điều tra tội phạm về ma túy",
         "Cảnh sát kinh tế", "Cảnh sát quản lý hành chính về trật tự xã hội")


class Official:
    __slots__ = ("name", "rank", "title", "unit", "prefixes", "reports", "body", "kind")

    def __init__(self, name: str, rank: str | None, title: str, unit: Unit | None, prefixes: tuple[str, ...] = (),
                 body: str = "", kind: str = "police") -> None:
        self.name, self.rank, self.title, self.unit = name, rank, title, unit
        self.prefixes = prefixes  # Party titles said before the position
        self.body = body  # civilians: the body after the title ("tỉnh Nghệ An")
        self.kind = kind
        self.reports = array("i")  # indices of the reports naming this person


class World:
    """Every unit and person the corpus can name, built once from the seed."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"{seed}:world")
        self._names: set[str] = set()
        self.units: list[Unit] = []
        self.by_name: dict[str, Unit] = {}
        self.ministry = self._add(Unit("Bộ Công an", "ministry", None, (), ("Bộ Công an", "lực lượng Công an nhân dân")))
        self.departments = []
        for name, kind, other, generic, code, domains, force, phrase in _DEPARTMENTS:
            hl = HEADLINES[domains[0]]
            self.departments.append(self._add(Unit(name, kind, None, other, generic, code, domains, force, phrase, hl)))
        self.passing = [self._add(Unit(n, k, None, o, ("Cục",))) for n, k, o in _PASSING]
        self.provinces: dict[str, Unit] = {}
        for short, word in LEGACY_PROVINCES:
            name = f"Công an {word} {short}"
            other = [f"Công an {short}"]
            if word == "thành phố":
                other += [f"Công an TP {short}", f"Công an Thành phố {short}"]
            if short == "Hồ Chí Minh":
                other.append("Công an TP.HCM")
            generic = (f"Công an {word}", "đơn vị", f"lực lượng Công an toàn {'thành phố' if word == 'thành phố' else 'tỉnh'}")
            self.provinces[short] = self._add(Unit(name, "provincial", short, tuple(other), generic,
                                                   domains=PROVINCE_DOMAINS, headlines=HEADLINES["prov"]))
        # People: a head and deputies for every unit, Party and People's Committee leaders per province.
        m = self.ministry
        m.officials.append(Official(self._name(rng), "Đại tướng", "Bộ trưởng", m,
                                    ("Ủy viên Bộ Chính trị", "Bí thư Đảng ủy Công an Trung ương")))
        for _ in range(5):
            m.officials.append(Official(self._name(rng), rng.choice(("Thượng tướng", "Thượng tướng", "Trung tướng")),
                                        "Thứ trưởng", m, ("Ủy viên Trung ương Đảng", "Phó Bí thư Đảng ủy Công an Trung ương")))
        self.national = [Official(self._name(rng), None, t, None, kind="national")
                         for t in ("Chủ tịch nước", "Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ")]
        for u in self.departments:
            head = "Viện trưởng" if u.kind == "institute" else "Cục trưởng"
            u.officials.append(Official(self._name(rng), rng.choice(("Trung tướng", "Thiếu tướng", "Thiếu tướng")), head, u))
            for _ in range(2):
                u.officials.append(Official(self._name(rng), rng.choice(("Thiếu tướng", "Đại tá", "Đại tá")),
                                            "Phó " + head, u))
        for short, word in LEGACY_PROVINCES:
            u = self.provinces[short]
            u.officials.append(Official(self._name(rng), rng.choice(("Thiếu tướng", "Đại tá", "Đại tá")), "Giám đốc", u,
                                        (f"Ủy viên Ban Thường vụ {'Thành' if word == 'thành phố' else 'Tỉnh'} ủy",)))
            for _ in range(3):
                u.officials.append(Official(self._name(rng), rng.choice(("Đại tá", "Đại tá", "Thượng tá")), "Phó Giám đốc", u))
            for phong in rng.sample(PHONG, 2):
                u.officials.append(Official(self._name(rng), rng.choice(("Thượng tá", "Trung tá")), f"Trưởng phòng {phong}", u))
            u.officials.append(Official(self._name(rng), rng.choice(RANKS[7:]), f"cán bộ Phòng {rng.choice(PHONG)}", u))
            party = "Thành ủy" if word == "thành phố" else "Tỉnh ủy"
            body = "UBND thành phố" if word == "thành phố" else "UBND tỉnh"
            u.civil = [Official(self._name(rng), None, f"Bí thư {party}", None, ("Ủy viên Trung ương Đảng",), party, "civil"),
                       Official(self._name(rng), None, f"Chủ tịch {body}", None, (), body, "civil"),
                       Official(self._name(rng), None, f"Phó Chủ tịch {body}", None, (), body, "civil")]

    def _add(self, u: Unit) -> Unit:
        self.units.append(u)
        self.by_name[u.name] = u
        return u

    def _name(self, rng: random.Random) -> str:
        while True:
            female = rng.random() < 0.12
            if female and rng.random() < 0.3:  # "Nguyễn Thị Thu Hà"
                parts = [rng.choice(FAMILY), "Thị", rng.choice(MIDDLE_F[2:])]
            else:
                parts = [rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M)]
            parts.append(rng.choice(GIVEN_F if female else GIVEN_M))
            if len(set(parts)) < len(parts):
                continue
            name = " ".join(parts)
            if name not in self._names:
                self._names.add(name)
                return name

    def officials(self) -> list[Official]:
        found = [o for o in self.ministry.officials] + self.national
        for u in self.departments:
            found += u.officials
        for short, _ in LEGACY_PROVINCES:
            found += self.provinces[short].officials + self.provinces[short].civil
        return found


# ---------------------------------------------------------------------------------------------
# Numbers as Vietnamese texts write them


def fmt_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def fmt_dec(x: float, places: int) -> str:
    s = f"{x:,.{places}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def dec_str(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s


def shown(text: str) -> Decimal:
    """The value of a number as written: "1.245,6" -> 1245.6."""
    return Decimal(text.replace(".", "").replace(",", "."))


def loguniform(rng: random.Random, lo: float, hi: float) -> float:
    if hi <= lo:
        return lo
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def round_sig(n: int, k: int = 2) -> int:
    if n < 100:
        return n
    p = 10 ** (len(str(n)) - k)
    return max(p, round(n / p) * p)


QUAL_WORDS = {"approx": ("gần", "khoảng", "gần", "xấp xỉ"), "at_least": ("hơn", "trên", "hơn"),
              "at_most": ("dưới", "không quá", "chưa đến")}
_QUAL = {"x": "exact", "a": "approx", "l": "at_least", "m": "at_most"}


class Val:
    __slots__ = ("pre", "fig", "post", "value", "value_max", "total", "target", "kind", "measure",
                 "qualifier", "change", "core", "word")

    def __init__(self, fig: str, value: Decimal, kind: str, measure: str, qualifier: str = "exact",
                 change: str | None = None, core: bool = True) -> None:
        self.pre, self.fig, self.post = "", fig, ""
        self.value, self.value_max, self.total, self.target = value, None, None, None
        self.kind, self.measure, self.qualifier, self.change, self.core = kind, measure, qualifier, change, core
        self.word = ""  # the change word, for {~slot}


class Slot:
    """One figure of a template: how to draw its value and write it."""

    def __init__(self, kind: str, lo: float = 1, hi: float = 1, m: str = "", q: str = "x", chg: str | None = None,
                 core: bool = True, sc: bool = False, **opt: Any) -> None:
        self.kind, self.lo, self.hi, self.m, self.q, self.chg, self.core, self.sc = kind, lo, hi, m, q, chg, core, sc
        self.opt = opt

    def _qualifier(self, rng: random.Random) -> str:
        if len(self.q) == 1:
            return _QUAL[self.q]
        if "x" in self.q and rng.random() < 0.55:
            return "exact"
        return _QUAL[rng.choice([c for c in self.q if c != "x"] or ["x"])]

    def _change(self, rng: random.Random) -> str | None:
        if self.chg == "pm":
            return "decrease" if rng.random() < 0.6 else "increase"
        return {"dec": "decrease", "inc": "increase"}.get(self.chg or "")

    def sample(self, ctx: Ctx) -> Val:
        rng = ctx.rng
        q = self._qualifier(rng)
        change = self._change(rng)
        scale = ctx.scale if self.sc else 1.0
        k = self.kind
        if k == "count":
            if "fixed" in self.opt:
                n = ctx.fixed[self.opt["fixed"]]
                v = Val(str(n), Decimal(n), self.opt.get("as_kind", "count"), self.m, "exact", change, self.core)
                return v
            n = max(1, int(round(loguniform(rng, self.lo * scale, self.hi * scale))))
            if q != "exact":
                n = round_sig(n)
            if n >= 1_000_000 and rng.random() < 0.75:
                x = n / 1e6
                text = fmt_dec(x, 1 if x < 10 else 0) + " triệu"
                value = shown(text[:-6]) * 1_000_000
            elif n < 10 and rng.random() < 0.3:
                text, value = f"0{n}", Decimal(n)
            else:
                text, value = fmt_int(n), Decimal(n)
            v = Val(text, value, "count", self.m, q, change, self.core)
        elif k == "percent":
            if self.lo == self.hi:
                x, places = self.lo, 0
            else:
                x = rng.uniform(self.lo, self.hi)
                places = 0 if q != "exact" else rng.choice((0, 1, 1, 2, 2))
                if self.hi >= 100 and rng.random() < 0.15:
                    x, places = 100.0, 0
            text = fmt_dec(x, places)
            v = Val(text + ("%" if rng.random() < 0.97 else " %"), shown(text), "percent", self.m, q, change, self.core)
            if self.opt.get("sign"):
                v.pre = "-" if change == "decrease" else "+"
        elif k == "ratio":
            den = self.opt.get("den", "prov")
            if den == "prov":
                den = ctx.prov_den
            elif isinstance(den, tuple):
                den = rng.randint(*den)
            num = den if rng.random() < 0.7 else rng.randint(max(1, int(den * 0.7)), den - 1)
            v = Val(f"{num}/{den}", Decimal(num), "ratio", self.m, "exact", None, self.core)
            v.total = Decimal(den)
        elif k == "target":
            x = rng.uniform(self.lo, self.hi)
            text = fmt_dec(x, rng.choice((0, 1, 1, 2)))
            target = rng.choice([t for t in (50, 60, 70, 75, 80, 85, 90) if t < x - 3] or [50])
            v = Val(text + "%", shown(text), "percent", self.m, "exact", None, self.core)
            v.post, v.target = f"/{target}%", Decimal(target)
        elif k == "money":
            vnd = loguniform(rng, self.lo * scale, self.hi * scale)
            if q != "exact":
                vnd = float(round_sig(int(vnd)))
            cur = self.opt.get("cur", "đồng")
            r = rng.random()
            if cur == "đồng" and vnd < 1e10 and r < 0.08:
                n = int(round(vnd, -3))
                text, value = fmt_int(n) + " đồng", Decimal(n)
            else:
                if vnd >= 1e12 and r < 0.4:
                    x, word, mult = vnd / 1e12, "nghìn tỷ", 10 ** 12
                elif vnd >= 1e9:
                    x, word, mult = vnd / 1e9, "tỷ", 10 ** 9
                elif vnd >= 1e6:
                    x, word, mult = vnd / 1e6, "triệu", 10 ** 6
                else:
                    x, word, mult = vnd / 1e3, "nghìn", 10 ** 3
                places = 1 if (x < 100 and rng.random() < 0.6) or x < 10 else 0
                if q != "exact":
                    places = 0 if x >= 10 else 1
                num = fmt_dec(x, places)
                if num.endswith(",0"):
                    num = num[:-2]
                text = f"{num} {word}"
                if cur != "đồng" or rng.random() < 0.93:
                    text += " " + cur
                value = shown(num) * mult
            v = Val(text, value, "money", cur, q, change, self.core)
        elif k == "quantity":
            unit = self.opt.get("u", "kg")
            x = loguniform(rng, self.lo * scale, self.hi * scale)
            if unit == "kg" and x >= 1000 and self.opt.get("ton", True):
                unit, x = "tấn", x / 1000
            places = 1 if x < 100 and rng.random() < 0.5 else 0
            if q != "exact":
                x, places = float(round_sig(int(x))) if x >= 100 else x, 0 if x >= 10 else 1
            num = fmt_dec(x, places)
            if num.endswith(",0"):
                num = num[:-2]
            gap = "" if unit in ("kg", "km") and rng.random() < 0.3 else " "
            v = Val(num + gap + unit, shown(num), "quantity", self.m, q, change, self.core)
        elif k == "duration":
            n = rng.randint(int(self.lo), int(self.hi))
            text = f"0{n}" if n < 10 and rng.random() < 0.3 else str(n)
            v = Val(text, Decimal(n), "duration", self.m, q, change, self.core)
        elif k == "range":
            a = rng.randint(int(self.lo), int(self.hi) - 1)
            b = rng.randint(a + 1, int(self.hi))
            dash = rng.choice(("-", "-", "-", " - ", "–"))
            v = Val(f"{a}{dash}{b}", Decimal(a), self.opt.get("as_kind", "duration"), self.m, "exact", None, self.core)
            v.value_max = Decimal(b)
        elif k == "rank":
            n = rng.randint(int(self.lo), int(self.hi))
            v = Val(str(n), Decimal(n), "rank", self.m, "exact", None, self.core)
            if self.opt.get("den") and rng.random() < 0.5:
                v.fig, v.total = f"{n}/{ctx.prov_den}", Decimal(ctx.prov_den)
        elif k == "times":
            x = rng.uniform(1.2, 4.0)
            text = fmt_dec(x, 1)
            if text.endswith(",0"):
                text = text[:-2]
            v = Val(text, shown(text), "ratio", self.m, "exact", "increase", self.core)
        elif k == "word":
            text, n = rng.choice((("hàng trăm", 100), ("hàng nghìn", 1000), ("hàng chục", 10)))
            v = Val(text, Decimal(n), "count", self.m, "at_least", None, False)
        else:
            raise ValueError(k)
        if self.opt.get("est") and v.qualifier == "exact":
            v.qualifier = "approx"  # the template says "ước tính" (estimated)
        elif v.qualifier != "exact" and k not in ("word",):
            v.pre = rng.choice(QUAL_WORDS[v.qualifier]) + " " + v.pre
        if change:
            if k == "duration":
                v.word = rng.choice(("rút ngắn", "giảm"))
            elif change == "decrease":
                v.word = "giảm"
            else:
                v.word = rng.choice(("tăng", "tăng", "tăng", "nhiều hơn"))
        return v


def C(lo: float, hi: float, m: str, q: str = "xal", **kw: Any) -> Slot:
    kw.setdefault("sc", True)
    return Slot("count", lo, hi, m, q, **kw)


def P(lo: float, hi: float, m: str, q: str = "x", **kw: Any) -> Slot:
    return Slot("percent", lo, hi, m, q, **kw)


def R(m: str, den: Any = "prov", **kw: Any) -> Slot:
    return Slot("ratio", m=m, den=den, **kw)


def TG(lo: float, hi: float, m: str) -> Slot:
    return Slot("target", lo, hi, m)


def M(lo: float, hi: float, q: str = "xal", **kw: Any) -> Slot:
    kw.setdefault("sc", True)
    return Slot("money", lo, hi, "đồng", q, **kw)


def QN(lo: float, hi: float, m: str, u: str = "kg", q: str = "xal", **kw: Any) -> Slot:
    kw.setdefault("sc", True)
    return Slot("quantity", lo, hi, m, q, u=u, **kw)


def D(lo: int, hi: int, m: str = "ngày", q: str = "x", **kw: Any) -> Slot:
    return Slot("duration", lo, hi, m, q, **kw)


def RG(lo: int, hi: int, m: str = "ngày", **kw: Any) -> Slot:
    return Slot("range", lo, hi, m, **kw)


def K(lo: int, hi: int, m: str, **kw: Any) -> Slot:
    return Slot("rank", lo, hi, m, **kw)


def X(m: str) -> Slot:
    return Slot("times", m=m)


def W(m: str) -> Slot:
    return Slot("word", m=m, core=False)


def F(key: str, m: str, core: bool = False, **kw: Any) -> Slot:
    return Slot("count", m=m, core=core, fixed=key, **kw)


# ---------------------------------------------------------------------------------------------
# Templates: "<" and ">" bound a figure's anchor, {a} is a figure, {~a} its change word,
# {NAME} a placeholder (unit names, traps), [x|y] a choice of words.

LIT, AOPEN, ACLOSE, SLOT, CHG, PH, CHOICE = range(7)
_TOK = re.compile(r"<|>|\{~(\w+)\}|\{(\w+)\}|\[([^\]]*)\]|[^<>{}\[\]]+")
_DIGIT = re.compile(r"\d")


class Tpl:
    __slots__ = ("ops", "slots", "verb", "src")

    def __init__(self, text: str, verb: bool, slots: dict[str, Slot]) -> None:
        text = nfc(text)
        self.src, self.verb, self.slots = text, verb, tuple(slots.items())
        ops: list[tuple[int, Any]] = []
        depth = 0
        pos = 0
        for m in _TOK.finditer(text):
            assert m.start() == pos, f"bad template {text!r}"
            pos = m.end()
            tok = m.group()
            if tok == "<":
                assert depth == 0, text
                depth = 1
                ops.append((AOPEN, None))
            elif tok == ">":
                assert depth == 1, text
                depth = 0
                ops.append((ACLOSE, None))
            elif m.group(1):
                assert m.group(1) in slots, text
                ops.append((CHG, m.group(1)))
            elif m.group(2):
                name = m.group(2)
                if name in slots:
                    assert depth == 1, f"figure outside an anchor in {text!r}"
                    ops.append((SLOT, name))
                else:
                    ops.append((PH, name))
            elif m.group(3) is not None:
                words = tuple(nfc(w) for w in m.group(3).split("|"))
                assert not any(_DIGIT.search(w) for w in words), text
                ops.append((CHOICE, words))
            else:
                assert not _DIGIT.search(tok), f"digits outside figures and traps in {text!r}"
                ops.append((LIT, tok))
        assert pos == len(text) and depth == 0, text
        self.ops = tuple(ops)


def V(text: str, **slots: Slot) -> Tpl:
    """A verb phrase: may take a subject or a period before it."""
    return Tpl(text, True, slots)


def S(text: str, **slots: Slot) -> Tpl:
    """A whole sentence."""
    return Tpl(text, False, slots)


PREFIXES = tuple(S(p) for p in (
    "", "", "đã ", "đã ", "{U} đã ", "{U} đã ", "Trong {PER}, {U} đã ", "Trong {PER}, đã ", "{PER}, {U} đã ",
    "Cụ thể, đã ", "Bên cạnh đó, {U} đã ", "Lực lượng chức năng đã ", "Qua đó, đã ", "Từ đầu năm, {U} đã ",
    "Tính đến {DM}, {U} đã ", "Trong {PER} ({STAT}), {U} đã ",
))

T: dict[str, tuple[Tpl, ...]] = {
    "gt": (
        V("<xử lý {a} trường hợp> vi phạm trật tự, an toàn giao thông, <phạt tiền {b}>",
          a=C(20000, 400000, "trường hợp vi phạm trật tự, an toàn giao thông"), b=M(2e10, 3e11)),
        V("<tước {a} giấy phép lái xe>, <tạm giữ {b} phương tiện> các loại",
          a=C(500, 20000, "giấy phép lái xe"), b=C(1000, 60000, "phương tiện")),
        S("Tai nạn giao thông được kiềm chế, <xảy ra {a} vụ>, <làm chết {b} người>, <bị thương {c} người>",
          a=C(60, 900, "vụ tai nạn giao thông", "x"), b=C(30, 400, "người chết", "x"), c=C(20, 600, "người bị thương", "x")),
        S("So với cùng kỳ {PY}, số vụ tai nạn giao thông <{~a} {a}>, số người chết <{~b} {b}>, số người bị thương <{~c} {c}>",
          a=P(0.5, 25, "số vụ tai nạn giao thông", chg="pm"), b=P(0.5, 25, "số người chết", chg="pm"),
          c=P(0.5, 30, "số người bị thương", chg="pm")),
        S("So với cùng kỳ, tai nạn giao thông <giảm {a} vụ> (<{b}>), <giảm {c} người chết> (<{d}>)",
          a=C(3, 150, "vụ tai nạn giao thông", "x", chg="dec"), b=P(1, 30, "vụ tai nạn giao thông", chg="dec", sign=True),
          c=C(2, 80, "người chết", "x", chg="dec"), d=P(1, 30, "người chết", chg="dec", sign=True)),
        S("Tình hình trật tự, an toàn giao thông được kiểm soát (so với cùng kỳ {PY}, <số người chết giảm {a}>; <ùn tắc giao thông giảm {b}>)",
          a=P(1, 20, "số người chết", chg="dec"), b=P(5, 70, "ùn tắc giao thông", chg="dec")),
        V("<thu nộp ngân sách nhà nước {a}> từ xử phạt vi phạm hành chính", a=M(1e10, 4e11)),
        V("<phát hiện, xử lý {a} trường hợp> điều khiển phương tiện vi phạm nồng độ cồn, <{~b} {b}> so với cùng kỳ",
          a=C(3000, 90000, "trường hợp vi phạm nồng độ cồn"), b=P(5, 80, "trường hợp vi phạm nồng độ cồn", chg="pm")),
        V("<đăng ký mới {a} xe> ô tô, mô tô, trong đó <{b} hồ sơ> được giải quyết qua dịch vụ công trực tuyến toàn trình",
          a=C(5000, 300000, "xe ô tô, mô tô"), b=P(40, 99, "hồ sơ được giải quyết qua dịch vụ công trực tuyến")),
        V("<gửi {a} thông báo> vi phạm được phát hiện qua hệ thống camera giám sát",
          a=C(2000, 150000, "thông báo vi phạm")),
        S("Tuần tra, kiểm soát trên tuyến {QL}, lực lượng Cảnh sát giao thông <phát hiện {a} trường hợp> chạy quá tốc độ",
          a=C(300, 20000, "trường hợp chạy quá tốc độ")),
        V("tập trung xử lý <{a} nhóm hành vi> vi phạm là nguyên nhân chính gây tai nạn giao thông",
          a=C(3, 7, "nhóm hành vi vi phạm", "x", sc=False, core=False)),
        S("Số vụ tai nạn giao thông <[giảm|kéo giảm] {a}> so với cùng kỳ", a=P(1, 25, "số vụ tai nạn giao thông", chg="dec")),
    ),
    "hs": (
        V("<điều tra, làm rõ {a} vụ> phạm tội về trật tự xã hội, <tỷ lệ điều tra làm rõ đạt {b}>",
          a=C(200, 4000, "vụ phạm tội về trật tự xã hội"), b=P(75, 98, "tỷ lệ điều tra làm rõ")),
        S("Tội phạm về trật tự xã hội <{~a} {a}> so với cùng kỳ {PY}", a=P(1, 30, "tội phạm về trật tự xã hội", chg="pm")),
        V("<kéo giảm {a}> số vụ phạm pháp hình sự", a=P(1, 30, "số vụ phạm pháp hình sự", chg="dec")),
        V("<triệt phá {a} băng>, nhóm tội phạm, <bắt {b} đối tượng>",
          a=C(2, 60, "băng, nhóm tội phạm"), b=C(10, 800, "đối tượng")),
        S("Tỷ lệ khám phá các vụ án rất nghiêm trọng, đặc biệt nghiêm trọng <đạt {a}>",
          a=P(90, 100, "tỷ lệ khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng", "xl")),
        S("Tỷ lệ khám phá cao <({a})>; riêng trọng án <đạt {b}>", a=TG(75, 98, "tỷ lệ khám phá"), b=P(95, 100, "trọng án")),
        V("<truy bắt, vận động đầu thú {a} đối tượng> truy nã, trong đó có <{b} đối tượng> truy nã đặc biệt nguy hiểm",
          a=C(20, 600, "đối tượng truy nã"), b=C(2, 40, "đối tượng truy nã đặc biệt nguy hiểm", "x")),
        V("<thu hồi {a}> tài sản cho người bị hại", a=M(1e9, 8e10)),
        V("<phát hiện {a} vụ>, <{b} đối tượng> hoạt động \"tín dụng đen\"",
          a=C(5, 200, "vụ tín dụng đen"), b=C(10, 500, "đối tượng hoạt động tín dụng đen")),
        V("<thu giữ {a} khẩu súng> các loại, <{b} viên đạn> và nhiều vũ khí thô sơ",
          a=C(5, 300, "khẩu súng"), b=C(50, 5000, "viên đạn")),
        S("Số vụ án giết người <{~a} {a} vụ> so với cùng kỳ", a=C(1, 15, "vụ án giết người", "x", sc=False, chg="pm")),
        V("<giải cứu {a} nạn nhân> bị mua bán, lừa đảo ra nước ngoài", a=C(5, 300, "nạn nhân")),
        V("<thu giữ {a} pháo nổ> các loại", a=QN(20, 3000, "pháo nổ")),
    ),
    "md": (
        V("<phát hiện, bắt giữ {a} vụ>, <{b} đối tượng> phạm tội về ma túy, <thu giữ {c}> heroin",
          a=C(60, 1500, "vụ phạm tội về ma túy"), b=C(90, 2500, "đối tượng phạm tội về ma túy"), c=QN(0.3, 120, "heroin")),
        V("<thu giữ {a} ma túy> các loại và <{b} viên ma túy tổng hợp>",
          a=QN(1, 900, "ma túy các loại"), b=C(500, 200000, "viên ma túy tổng hợp")),
        V("<triệt xóa {a} điểm>, tụ điểm mua bán, tổ chức sử dụng trái phép chất ma túy",
          a=C(3, 120, "điểm, tụ điểm mua bán, tổ chức sử dụng trái phép chất ma túy")),
        V("<đấu tranh thành công {a} chuyên án> ma túy lớn, xuyên quốc gia", a=C(2, 40, "chuyên án ma túy")),
        V("<lập hồ sơ đưa {a} người> nghiện đi cai nghiện bắt buộc", a=C(50, 2000, "người nghiện đi cai nghiện bắt buộc")),
        V("<xây dựng {a} xã>, phường, thị trấn không ma túy", a=C(5, 300, "xã, phường, thị trấn không ma túy", sc=False)),
        S("Số vụ phạm tội về ma túy bị phát hiện <{~a} {a}> so với cùng kỳ {PY}",
          a=P(2, 40, "số vụ phạm tội về ma túy", chg="pm")),
        S("Phá thành công chuyên án {CODE}, <bắt {a} đối tượng>, <thu giữ {b}> ma túy đá",
          a=C(3, 40, "đối tượng", sc=False), b=QN(1, 300, "ma túy đá", sc=False)),
        S("Trên tuyến biên giới, lực lượng chức năng đã <thu giữ {a} bánh heroin>", a=C(10, 500, "bánh heroin", sc=False)),
    ),
    "kt": (
        V("<phát hiện {a} vụ>, <{b} đối tượng> phạm tội về tham nhũng, kinh tế, buôn lậu (<nhiều hơn {c} vụ>, <{d} đối tượng> so với cùng kỳ {PY})",
          a=C(100, 3000, "vụ phạm tội về tham nhũng, kinh tế, buôn lậu", "xl"), b=C(150, 5000, "đối tượng", "xl"),
          c=P(2, 50, "vụ", chg="inc"), d=P(2, 60, "đối tượng", chg="inc")),
        V("<khởi tố {a} vụ án>, <{b} bị can> về các tội tham nhũng, chức vụ",
          a=C(5, 200, "vụ án"), b=C(10, 500, "bị can")),
        V("<thu hồi {a}> cho Nhà nước trong các vụ án tham nhũng, kinh tế", a=M(5e9, 5e11)),
        V("<thu giữ {a} bao thuốc lá> điếu nhập lậu và <{b} xăng> không rõ nguồn gốc",
          a=C(1000, 200000, "bao thuốc lá điếu nhập lậu"), b=QN(500, 90000, "xăng", u="lít")),
        V("<kiểm tra {a} cơ sở> kinh doanh, <xử phạt vi phạm hành chính {b}>",
          a=C(100, 5000, "cơ sở kinh doanh"), b=M(5e8, 2e10)),
        S("Giá trị hàng hóa vi phạm bị thu giữ ước tính <{a}>", a=M(1e9, 1e11, "xa", est=True)),
        V("<phát hiện {a} vụ> buôn lậu, gian lận thương mại, hàng giả, <trị giá {b}>",
          a=C(50, 2000, "vụ buôn lậu, gian lận thương mại, hàng giả"), b=M(1e9, 2e11)),
        S("Số vụ phạm tội về kinh tế được phát hiện <tăng gấp {a} lần> so với cùng kỳ", a=X("số vụ phạm tội về kinh tế")),
    ),
    "anm": (
        V("<xác lập, đấu tranh {a} chuyên án>, <khởi tố {b} đối tượng> xâm phạm an ninh quốc gia; <{c} đối tượng> sử dụng công nghệ cao",
          a=C(2, 30, "chuyên án"), b=C(3, 40, "đối tượng xâm phạm an ninh quốc gia"), c=C(10, 300, "đối tượng sử dụng công nghệ cao")),
        V("<gỡ bỏ {a} tin, bài> có nội dung xấu, độc trên không gian mạng", a=C(500, 60000, "tin, bài xấu, độc")),
        V("<phát hiện, ngăn chặn {a} website>, ứng dụng lừa đảo", a=C(50, 5000, "website, ứng dụng lừa đảo")),
        V("<ngăn chặn {a} cuộc tấn công> mạng vào hệ thống thông tin quan trọng", a=C(100, 20000, "cuộc tấn công mạng")),
        S("Số vụ lừa đảo chiếm đoạt tài sản trên không gian mạng <{~a} {a}> so với cùng kỳ",
          a=P(2, 45, "số vụ lừa đảo chiếm đoạt tài sản trên không gian mạng", chg="pm")),
        V("<trả lại cho bị hại {a}> bị chiếm đoạt", a=M(1e9, 1e11)),
        S("<{a} vụ án> thuộc diện Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực theo dõi đều có sự tham gia, phối hợp của {U}",
          a=P(100, 100, "vụ án thuộc diện theo dõi")),
    ),
    "qlhc": (
        S("<{a} Công an địa phương> đã tham mưu Chủ tịch UBND tỉnh ban hành kế hoạch triển khai {E06}",
          a=R("Công an địa phương")),
        V("<cấp {a} thẻ căn cước>, <kích hoạt {b} tài khoản> định danh điện tử",
          a=C(20000, 900000, "thẻ căn cước"), b=C(20000, 1200000, "tài khoản định danh điện tử")),
        S("Tỷ lệ cung cấp dịch vụ công trực tuyến {PER} <đạt {a}>", a=P(85, 99.9, "tỷ lệ cung cấp dịch vụ công trực tuyến")),
        V("<bố trí {a} Cảnh sát khu vực>, cán bộ thực hiện công tác Cảnh sát khu vực <tại {b} xã>, phường, thị trấn",
          a=C(300, 4000, "Cảnh sát khu vực, cán bộ"), b=C(40, 700, "xã, phường, thị trấn")),
        S("Hỗ trợ Công an cấp xã gửi xác minh qua hệ thống, hạn trả lời <trong {a} ngày>, <rút ngắn {b}> thời gian so với xác minh truyền thống <({c} ngày)>",
          a=D(1, 5), b=P(50, 95, "thời gian xác minh", "xl", chg="dec"), c=RG(10, 45)),
        V("<thu hồi {a} vũ khí>, vật liệu nổ, công cụ hỗ trợ các loại", a=C(100, 20000, "vũ khí, vật liệu nổ, công cụ hỗ trợ")),
        V("<làm sạch {a} trường> thông tin trong Cơ sở dữ liệu quốc gia về dân cư", a=C(50000, 3000000, "trường thông tin")),
        V("<kiểm tra {a} cơ sở> kinh doanh có điều kiện về an ninh, trật tự, <phát hiện {b} cơ sở> vi phạm",
          a=C(200, 8000, "cơ sở kinh doanh có điều kiện"), b=C(10, 400, "cơ sở vi phạm")),
        S("Công an <{a} địa phương> đã có mô hình, sáng kiến triển khai tới <{b} cấp>",
          a=R("địa phương"), b=C(2, 4, "cấp", "x", sc=False, core=False)),
        V("<thực hiện {a}> dịch vụ công trực tuyến", a=P(90, 99.9, "dịch vụ công trực tuyến")),
    ),
    "pccc": (
        S("<Xảy ra {a} vụ cháy>, <làm chết {b} người>, <bị thương {c} người>, thiệt hại tài sản ước tính <{d}>",
          a=C(20, 800, "vụ cháy", "x"), b=C(1, 30, "người chết", "x"), c=C(1, 40, "người bị thương", "x"), d=M(2e9, 1e11, "xa", est=True)),
        V("<thực hiện {a} vụ> cứu nạn, cứu hộ, <cứu được {b} người>", a=C(20, 700, "vụ cứu nạn, cứu hộ"), b=C(20, 400, "người")),
        S("Số vụ cháy <{~a} {a}>, số người chết do cháy <{~b} {b}> so với cùng kỳ {PY}",
          a=P(2, 40, "số vụ cháy", chg="pm"), b=P(2, 50, "số người chết do cháy", chg="pm")),
        V("<kiểm tra an toàn phòng cháy, chữa cháy {a} cơ sở>, <xử phạt {b} trường hợp> vi phạm",
          a=C(500, 30000, "cơ sở"), b=C(50, 3000, "trường hợp vi phạm")),
        V("<thẩm duyệt {a} hồ sơ> thiết kế về phòng cháy, chữa cháy, thời gian giải quyết <{~b} {b} ngày>",
          a=C(100, 5000, "hồ sơ thiết kế về phòng cháy, chữa cháy"), b=D(2, 10, chg="dec")),
        S("Thời gian lực lượng chữa cháy có mặt tại hiện trường trung bình <{a} phút>", a=D(5, 15, "phút", "m")),
        V("<hướng dẫn thoát nạn và cứu được {a} người> mắc kẹt trong đám cháy", a=C(10, 400, "người mắc kẹt")),
        S("Người dân khi phát hiện cháy, nổ cần gọi ngay số {HOT} để được hỗ trợ kịp thời"),
    ),
    "xnc": (
        V("<giải quyết thủ tục xuất nhập cảnh cho {a} lượt> người", a=C(100000, 3000000, "lượt người")),
        V("<cấp {a} hộ chiếu> phổ thông, trong đó <{b}> hồ sơ được tiếp nhận qua dịch vụ công trực tuyến",
          a=C(5000, 150000, "hộ chiếu phổ thông"), b=P(50, 99, "hồ sơ tiếp nhận qua dịch vụ công trực tuyến")),
        V("<phát hiện, xử lý {a} trường hợp> người nước ngoài vi phạm pháp luật về xuất nhập cảnh",
          a=C(20, 3000, "trường hợp người nước ngoài vi phạm")),
        S("Lượng khách quốc tế đến Việt Nam <tăng {a}> so với cùng kỳ {PY}", a=P(5, 60, "lượng khách quốc tế", chg="inc")),
        V("<cấp {a} thị thực> điện tử cho người nước ngoài", a=C(10000, 900000, "thị thực điện tử")),
    ),
    "tg": (
        V("<tổ chức {a} lớp giáo dục> công dân, giáo dục pháp luật cho phạm nhân", a=C(20, 900, "lớp giáo dục")),
        S("Công tác đặc xá được thực hiện trong thời gian ngắn nhất từ trước đến nay (ngắn hơn so với những lần đặc xá trước đây <{a} ngày>)",
          a=D(10, 40, "ngày", "xa", chg="dec")),
        S("Nhiều trại giam bị ảnh hưởng trực tiếp của bão, tài sản thiệt hại <{a}>", a=M(5e9, 9e10, "xl", sc=False)),
        S("<Sau {a} ngày đêm> làm việc khẩn trương, đơn vị đã hoàn thành xuất sắc nhiệm vụ được giao", a=D(20, 90, "ngày đêm")),
        V("<tham mưu đề nghị đặc xá cho {a} phạm nhân>", a=C(1000, 6000, "phạm nhân", sc=False)),
    ),
    "khcn": (
        V("<nghiệm thu {a} đề tài>, dự án khoa học cấp Bộ", a=C(5, 60, "đề tài, dự án khoa học", sc=False)),
        V("<chế tạo thành công {a} sản phẩm> phương tiện kỹ thuật nghiệp vụ", a=C(3, 40, "sản phẩm", sc=False)),
        V("<đăng ký {a} sáng chế>, giải pháp hữu ích", a=C(2, 30, "sáng chế, giải pháp hữu ích", sc=False)),
        V("<thực hiện {a} vụ giám định> kỹ thuật hình sự", a=C(300, 9000, "vụ giám định", sc=False)),
    ),
    "dn": (
        V("<thực hiện {a} nhiệm vụ> đột xuất do lãnh đạo Đảng, Nhà nước giao", a=C(50, 500, "nhiệm vụ đột xuất", "xa", sc=False)),
        V("<bảo vệ an toàn tuyệt đối {a} đoàn> khách quốc tế cấp cao", a=C(20, 400, "đoàn khách quốc tế", sc=False)),
        V("<thăm, tặng quà {a} nhân chứng> có nhiều đóng góp trong thực hiện chuyên án {CODE}", a=C(5, 60, "nhân chứng", sc=False)),
    ),
    "mt": (
        V("<phát hiện {a} vụ> vi phạm pháp luật về môi trường, <xử phạt {b}>",
          a=C(100, 3000, "vụ vi phạm pháp luật về môi trường"), b=M(1e9, 5e10)),
        V("<khởi tố {a} vụ án> về tội phạm môi trường, an toàn thực phẩm", a=C(5, 120, "vụ án về tội phạm môi trường")),
        V("<thu giữ {a} gỗ> các loại không rõ nguồn gốc", a=QN(20, 2000, "gỗ", u="m3")),
    ),
    "xdll": (
        S("<{a} lượt> cá nhân, tập thể được các cấp khen thưởng", a=C(300, 3000, "lượt cá nhân, tập thể được khen thưởng", "xl")),
        S("<{a} cán bộ hy sinh>, <{b} cán bộ, chiến sĩ bị thương> khi làm nhiệm vụ",
          a=C(1, 9, "cán bộ hy sinh", "x", sc=False), b=C(3, 120, "cán bộ, chiến sĩ bị thương", "x")),
        V("<tổ chức {a} lớp> tập huấn, bồi dưỡng nghiệp vụ cho <{b} lượt cán bộ>, chiến sĩ",
          a=C(5, 200, "lớp tập huấn"), b=C(300, 20000, "lượt cán bộ, chiến sĩ")),
        V("<điều động {a} cán bộ> về công tác tại Công an cấp xã", a=C(50, 1500, "cán bộ")),
        V("<giảm {a} đầu mối> cấp phòng, <{b} đầu mối> cấp đội",
          a=C(2, 20, "đầu mối cấp phòng", "x", sc=False, chg="dec"), b=C(10, 120, "đầu mối cấp đội", "x", sc=False, chg="dec")),
        V("<ban hành {a} văn bản> để chỉ đạo, hướng dẫn triển khai các mặt công tác", a=C(20, 400, "văn bản", "x", sc=False)),
        V("<phối hợp xây dựng, sửa đổi {a} luật>; <{b} nghị định>, <{c} thông tư>",
          a=C(1, 6, "luật", "x", sc=False), b=C(1, 12, "nghị định", "x", sc=False), c=C(2, 30, "thông tư", "x", sc=False)),
        V("<hoàn thành {a} chỉ tiêu> Bộ giao", a=R("chỉ tiêu", den=(20, 60))),
        V("<hoàn thành {a} các chỉ tiêu> công tác được giao", a=P(100, 100, "chỉ tiêu công tác")),
        V("<đề ra {a} nhiệm vụ đột phá> và <{b} nhóm nhiệm vụ> trọng tâm",
          a=C(2, 6, "nhiệm vụ đột phá", "x", sc=False), b=C(5, 15, "nhóm nhiệm vụ trọng tâm", "x", sc=False)),
        S("Từ {FROMY} đến nay, {U} đã <{a} lần> được tặng Cờ thi đua của Chính phủ",
          a=C(2, 6, "lần được tặng Cờ thi đua của Chính phủ", "x", sc=False)),
    ),
    "xh": (
        V("<xây dựng {a} căn nhà> cho hộ nghèo, gia đình chính sách", a=C(20, 1500, "căn nhà", sc=False)),
        V("<huy động {a}> từ nguồn xã hội hóa để hỗ trợ đồng bào khó khăn", a=M(3e8, 2e10, "xa", sc=False)),
        V("<trao {a} suất quà> cho gia đình chính sách, hộ nghèo", a=C(100, 8000, "suất quà", sc=False)),
        V("<hỗ trợ {a} học sinh> có hoàn cảnh khó khăn", a=C(20, 900, "học sinh", sc=False)),
        S("Các hoạt động nhân văn của {U} đã nhận được <{a} lá thư> khen ngợi, cảm ơn của nhân dân", a=W("lá thư")),
    ),
    "rank": (
        S("{Y}, {U} tiếp tục được Bộ Công an xếp loại xuất sắc, <đứng thứ {a} toàn quốc>", a=K(1, 10, "xếp hạng toàn quốc")),
        S("Chỉ số cải cách hành chính của {U} <xếp thứ {a}> trong toàn lực lượng",
          a=K(1, 20, "chỉ số cải cách hành chính", den=True)),
        S("Đây là <năm thứ {a} liên tiếp> {U} vinh dự nhận danh hiệu cao quý này", a=K(2, 12, "năm liên tiếp", core=False)),
        S("{UF} là <một trong {a} địa phương> có tỷ lệ tội phạm về trật tự xã hội giảm sâu nhất toàn quốc",
          a=C(5, 15, "địa phương", "x", sc=False, core=False)),
    ),
}

# Sentences without figures; some hold traps.
FILLER = tuple(S(s) for s in (
    "Công tác đấu tranh phòng, chống tội phạm được chỉ đạo quyết liệt, chủ động nhận diện phương thức, thủ đoạn mới của các loại tội phạm",
    "Tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững, không để xảy ra đột xuất, bất ngờ",
    "Công tác xây dựng Đảng, xây dựng lực lượng được tập trung lãnh đạo, chỉ đạo quyết liệt",
    "Công tác chính trị tư tưởng tiếp tục được tăng cường",
    "Phong trào toàn dân bảo vệ an ninh Tổ quốc được triển khai đồng bộ, bài bản, ngày càng đi vào chiều sâu",
    "Các mô hình, điển hình tiên tiến được xây dựng, nhân rộng, tạo hiệu ứng lan tỏa mạnh mẽ",
    "{U} đã chủ động tham mưu cấp ủy, chính quyền lãnh đạo, chỉ đạo triển khai đồng bộ các mặt công tác",
    "Công tác cải cách hành chính được đẩy mạnh, lấy người dân, doanh nghiệp làm trung tâm phục vụ",
    "Công tác phối hợp giữa các lực lượng được thực hiện chặt chẽ, nhịp nhàng, hiệu quả",
    "Đơn vị đã chủ động nghiên cứu, ứng dụng khoa học công nghệ, chuyển đổi số toàn diện các mặt công tác",
    "Chất lượng các mặt công tác công an được đổi mới, thúc đẩy mạnh mẽ",
    "Xuất hiện nhiều tấm gương cán bộ, chiến sĩ không quản ngại khó khăn, gian khổ, sẵn sàng hy sinh quên mình",
    "Công tác đối ngoại công an được tăng cường, mở rộng",
    "Cơ bản nhất trí với các phương hướng, nhiệm vụ đã đề ra, đồng thời đề nghị các đơn vị khắc phục những hạn chế, tồn tại",
    "Tập trung củng cố thế trận an ninh nhân dân gắn với thế trận quốc phòng toàn dân",
    "Công tác quản lý nhà nước về an ninh, trật tự có nhiều đổi mới, phục vụ hiệu quả nhiệm vụ phát triển kinh tế - xã hội",
    "Không để hình thành các băng, ổ nhóm tội phạm hoạt động theo kiểu \"xã hội đen\"",
    "Thời gian tới, {U} tiếp tục bám sát chương trình, kế hoạch công tác, chủ động nắm chắc tình hình",
    "Lực lượng Công an đã tích cực hỗ trợ nhân dân khắc phục hậu quả thiên tai, bão lũ",
    "Việc nâng cao chất lượng cải cách hành chính liên quan đến công tác Công an được coi trọng",
    "Cán bộ, chiến sĩ luôn nêu cao tinh thần trách nhiệm, hoàn thành xuất sắc nhiệm vụ được giao",
    "Các vụ án lớn, vụ án mới được điều tra nhanh, xử lý nghiêm theo đúng quy định của pháp luật",
))
TRAPPED = tuple(S(s) for s in (
    "Sang {NY}, {U} tiếp tục quán triệt tinh thần {NQ} của Bộ Chính trị, tập trung triển khai đồng bộ các giải pháp",
    "Đẩy mạnh triển khai các đề án thành phần thực hiện {NQ} của Bộ Chính trị; tiếp tục xây dựng lực lượng Công an nhân dân tinh, gọn, mạnh",
    "Việc đưa vào vận hành hệ thống định danh và xác thực điện tử từ {DATE} đã thúc đẩy chuyển đổi số quốc gia",
    "Với phương châm {SLOGAN}, {U} đã nắm chắc tình hình từ sớm, từ xa, từ cơ sở",
    "Các vụ việc phức tạp được giải quyết kịp thời theo phương châm {SLOGAN}",
    "Chủ động tham mưu ban hành {DOCD} về tăng cường công tác bảo đảm an ninh, trật tự trong tình hình mới",
    "Triển khai thực hiện nghiêm túc {DOC} và {DOC}",
    "Với vai trò thường trực của {E06}, {U} đã định kỳ tham mưu, đôn đốc, tháo gỡ các \"điểm nghẽn\" trong triển khai thực hiện",
    "Bảo vệ tuyệt đối an toàn các sự kiện chính trị quan trọng, nhất là dịp Tết Nguyên đán {TET}",
    "Tập trung chuẩn bị tốt các điều kiện phục vụ {ORD}",
    "Phấn đấu đến {HZ} xây dựng lực lượng Công an nhân dân cách mạng, chính quy, tinh nhuệ, hiện đại",
    "Phối hợp với {OTHER} mở các đợt cao điểm tấn công, trấn áp tội phạm",
    "Bên cạnh đó, {U} đã phối hợp chặt chẽ với {OTHER} và {OTHER} bảo đảm an ninh, trật tự trên các tuyến, địa bàn giáp ranh",
    "Tăng cường tuần tra, kiểm soát trên các tuyến {QL} và các tuyến đường trọng điểm",
    "Tiếp tục chấp hành nghiêm {DOC} của Bộ Công an về công tác tiếp công dân",
))
TRAPPED += (
    S("Triển khai thiết thực các hoạt động <kỷ niệm {a} năm> Ngày truyền thống lực lượng Công an nhân dân Việt Nam {ANNDR}",
      a=F("anniv", "năm")),
    S("Chuẩn bị chu đáo các hoạt động <kỷ niệm {a} năm> Ngày hội toàn dân bảo vệ an ninh Tổ quốc", a=F("anniv2", "năm")),
)

# ---------------------------------------------------------------------------------------------
# Traps

DOCS = (
    ("Nghị quyết", (12, 57, 18, 27, 66, 68, 22, 41), ("{t} {n}", "{t} số {n}", "{t} số {n}-NQ/TW")),
    ("Chỉ thị", (31, 35, 4, 9, 21, 46, 10), ("{t} số {n}", "{t} {n}/CT-TTg", "{t} số {nn}")),
    ("Quyết định", None, ("{t} số {n}/QĐ-BCA", "{t} số {n}/QĐ-TTg")),
    ("Kế hoạch", None, ("{t} số {n}/KH-BCA", "{t} số {n}/KH-UBND")),
    ("Nghị định", (168, 100, 144, 137, 56, 123), ("{t} số {n}/{y}/NĐ-CP", "{t} {n}")),
    ("Thông tư", (28, 35, 65, 72, 12, 73), ("{t} số {n}/{y}/TT-BCA",)),
    ("Kết luận", (12, 121, 137, 127), ("{t} số {n}-KL/TW",)),
    ("Đề án", (6,), ("{t} {nn}", "{t} số {nn}")),
)
SLOGANS = ("4 tại chỗ", "3 không", "5 không, 3 có", "3 sạch", "2 không", "3 an", "5 rõ", "4 đúng", "3 giảm", "6 đúng")
CODE_LETTERS = ("ĐN", "KH.CM", "TĐ", "MT", "HN", "QN", "X", "A", "VT", "BL")
ROADS = ("1A", "1", "5", "6", "10", "14", "18", "20", "51", "70", "279", "2", "3")
CAN_CHI = {2021: "Tân Sửu", 2022: "Nhâm Dần", 2023: "Quý Mão", 2024: "Giáp Thìn", 2025: "Ất Tỵ", 2026: "Bính Ngọ"}
ROMAN = ("I", "II", "III", "IV")

# ---------------------------------------------------------------------------------------------
# One report being written


class Doc:
    __slots__ = ("buf", "n", "metrics", "traps")

    def __init__(self) -> None:
        self.buf: list[str] = []
        self.n = 0
        self.metrics: list[dict[str, Any]] = []
        self.traps: list[tuple[int, int]] = []

    def lit(self, s: str) -> None:
        if s:
            self.buf.append(s)
            self.n += len(s)

    def trap(self, s: str) -> None:
        self.traps.append((self.n, self.n + len(s)))
        self.lit(s)

    def capitalize_from(self, i: int) -> None:
        while i < len(self.buf) and not self.buf[i]:
            i += 1
        if i < len(self.buf):
            s = self.buf[i]
            self.buf[i] = s[0].upper() + s[1:]


class Ctx:
    """What a report's templates draw on: its unit, period, era and random stream."""

    def __init__(self, world: World, rng: random.Random, idx: int, year: int, event: date) -> None:
        self.world, self.rng, self.idx, self.year, self.event = world, rng, idx, year, event
        self.unit: Unit = world.ministry
        self.scale = 1.0
        self.post = event >= MERGER
        self.provinces = CURRENT_PROVINCES if self.post else LEGACY_PROVINCES
        self.prov_den = len(self.provinces)
        self.per: tuple[str, ...] = (f"năm {year}",)
        self.next_per = f"năm {year + 1}"
        anniv_year = event.year + (1 if event.month > 8 else 0)
        self.fixed: dict[str, int] = {"anniv": anniv_year - 1945, "anniv2": anniv_year - 2005}
        self.anniv_year = anniv_year
        self.pstart, self.pend = date(year, 1, 1), date(year, 12, 31)
        self.used: set[int] = set()
        self.last_prefix: Tpl | None = None
        self.doc = Doc()

    # -- units and people
    def mention_unit(self, u: Unit, surface: str) -> None:
        u.seen = True
        if surface != u.name:
            u.aliases[surface] = None

    def unit_surface(self, u: Unit, generic: bool = True, parent: bool = False) -> str:
        rng = self.rng
        r = rng.random()
        if generic and u is self.unit and u.generic and r < 0.3:
            return rng.choice(u.generic)
        if u.surfaces and r > 0.6:
            s = rng.choice(u.surfaces)
        else:
            s = u.name
        self.mention_unit(u, s)
        if parent and u.kind in ("department", "institute") and rng.random() < 0.3:
            s += ", Bộ Công an"
        return s

    def ph_U(self, doc: Doc) -> None:
        doc.lit(self.unit_surface(self.unit))

    def ph_UF(self, doc: Doc) -> None:
        u = self.unit
        s = self.unit_surface(u, generic=False)
        doc.lit(s)
        if u.code and s == u.name and self.rng.random() < 0.12:
            doc.lit(" (")
            doc.trap(u.code)
            doc.lit(")")

    def ph_OTHER(self, doc: Doc) -> None:
        rng = self.rng
        w = self.world
        if rng.random() < 0.5:
            u = rng.choice(w.departments + w.passing)
        else:
            u = w.provinces[rng.choice(self.provinces)[0]]
        if u is self.unit:
            u = w.departments[0] if u is not w.departments[0] else w.departments[1]
        doc.lit(self.unit_surface(u, generic=False))

    def official(self, doc: Doc, o: Official, form: int | None = None, unit_words: str | None = None) -> None:
        """Name an official: rank, name and title in one of the orders the press uses."""
        rng = self.rng
        if not o.reports or o.reports[-1] != self.idx:
            o.reports.append(self.idx)
        if o.kind == "national":
            doc.lit(f"{o.title} {o.name}")
            return
        if o.kind == "civil":
            body = self.unit.province if self.unit.kind == "provincial" else None
            where = f" {body}" if body and rng.random() < 0.5 else ""
            if rng.random() < 0.5:
                doc.lit(f"{o.title}{where} {o.name}")
            else:
                pre = f"{o.prefixes[0]}, " if o.prefixes and rng.random() < 0.4 else ""
                doc.lit(f"đồng chí {o.name}, {pre}{o.title}{where}")
            return
        rank = o.rank or ""
        if rng.random() < 0.12:
            rank = rank[0].lower() + rank[1:]
        u = o.unit
        assert u is not None
        if unit_words is None:
            if u.kind == "ministry":
                unit_words = "Bộ Công an"
                self.mention_unit(u, unit_words)
            elif u.kind == "provincial" and u is self.unit and rng.random() < 0.3:
                unit_words = u.generic[0]
            else:
                unit_words = self.unit_surface(u, generic=False, parent=True)
        title = f"{o.title} {unit_words}"
        if o.prefixes and rng.random() < 0.3:
            title = ", ".join(o.prefixes[: rng.randint(1, len(o.prefixes))]) + ", " + title
        if form is None:
            form = rng.choice((0, 0, 0, 1, 2, 3))
        if form == 0:
            doc.lit(f"{rank} {o.name}, {title}")
        elif form == 1:
            doc.lit(f"{rank} {o.name} - {title}")
        elif form == 2:
            doc.lit(f"{title}, {rank} {o.name}")
        else:
            doc.lit(f"đồng chí {rank} {o.name}, {title}")

    # -- traps
    def ph_PER(self, doc: Doc) -> None:
        doc.trap(self.rng.choice(self.per))

    def ph_NPER(self, doc: Doc) -> None:
        doc.trap(self.next_per)

    def ph_Y(self, doc: Doc) -> None:
        doc.trap(f"năm {self.year}")

    def ph_PY(self, doc: Doc) -> None:
        doc.trap(f"năm {self.year - 1}")

    def ph_NY(self, doc: Doc) -> None:
        doc.trap(f"năm {self.year + 1}")

    def ph_FROMY(self, doc: Doc) -> None:
        doc.trap(f"năm {self.rng.randint(2010, self.year - 3)}")

    def ph_HZ(self, doc: Doc) -> None:
        doc.trap(f"năm {self.rng.choice((2030, 2030, 2035, 2045))}")

    def _doc_ref(self) -> str:
        rng = self.rng
        t, nums, forms = rng.choice(DOCS)
        n = rng.choice(nums) if nums else rng.randint(10, 3999)
        y = rng.randint(self.year - 3, self.year)
        return rng.choice(forms).format(t=t, n=n, nn=f"{n:02d}", y=y)

    def ph_NQ(self, doc: Doc) -> None:
        rng = self.rng
        t, nums, forms = DOCS[0] if rng.random() < 0.8 else DOCS[6]
        doc.trap(rng.choice(forms).format(t=t, n=rng.choice(nums), nn="", y=""))

    def ph_DOC(self, doc: Doc) -> None:
        doc.trap(self._doc_ref())

    def ph_E06(self, doc: Doc) -> None:
        doc.trap(self.rng.choice(("Đề án 06", "Đề án 06", "Đề án số 06")) + self.rng.choice(("", " của Chính phủ")))

    def _date(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def ph_DOCD(self, doc: Doc) -> None:
        d = self._date(date(self.year - 2, 1, 1), date(self.year, 6, 30))
        doc.trap(f"{self._doc_ref()} ngày {d.day}/{d.month}/{d.year}")

    def ph_DATE(self, doc: Doc) -> None:
        d = self._date(date(self.year - 1, 1, 1), date(self.year, 6, 30))
        doc.trap(f"{d.day:02d}/{d.month:02d}/{d.year}" if self.rng.random() < 0.3 else f"{d.day}/{d.month}/{d.year}")

    def ph_DM(self, doc: Doc) -> None:
        """A day of the period, often without its year: "ngày 15/12"."""
        hi = min(self.pend, self.event - timedelta(days=1))
        d = self._date(max(self.pstart, hi - timedelta(days=60)), hi)
        doc.trap(f"ngày {d.day}/{d.month}" + (f"/{d.year}" if self.rng.random() < 0.3 else ""))

    def ph_STAT(self, doc: Doc) -> None:
        """The statistical period police figures use, the 15th to the 14th: "từ ngày 15/12/2023 đến ngày 14/6/2024"."""
        a = self.pstart - timedelta(days=self.pstart.day - 1) - timedelta(days=17)
        a = a.replace(day=15)
        b = self.pend.replace(day=14)
        doc.lit("từ ")
        doc.trap(f"ngày {a.day}/{a.month}/{a.year}")
        doc.lit(" đến ")
        doc.trap(f"ngày {b.day}/{b.month}/{b.year}")

    def ph_SLOGAN(self, doc: Doc) -> None:
        s = self.rng.choice(SLOGANS)
        doc.trap(f'"{s}"' if self.rng.random() < 0.6 else f"“{s}”")

    def ph_CODE(self, doc: Doc) -> None:
        rng = self.rng
        n = rng.randint(1, 1299)
        doc.trap(f"{rng.choice(CODE_LETTERS)}{n}" if rng.random() < 0.6 else f"{n}{rng.choice('TMĐX')}")

    def ph_QL(self, doc: Doc) -> None:
        r = self.rng.choice(ROADS)
        doc.trap(f"Quốc lộ {r}" if self.rng.random() < 0.7 else f"QL{r}")

    def ph_HOT(self, doc: Doc) -> None:
        doc.trap("114")

    def ph_TET(self, doc: Doc) -> None:
        doc.trap(f"{CAN_CHI[self.year]} {self.year}")

    def ph_ORD(self, doc: Doc) -> None:
        rng = self.rng
        doc.trap(rng.choice((
            "Đại hội XIV của Đảng", "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
            f"Hội nghị lần thứ {rng.randint(8, 12)} Ban Chấp hành Trung ương Đảng khóa XIII",
            "Đại hội Đảng bộ Công an Trung ương lần thứ VIII", f"kỳ họp thứ {rng.randint(6, 9)} Quốc hội khóa XV",
            "Đại hội XIII của Đảng")))

    def ph_ANNDR(self, doc: Doc) -> None:
        doc.trap(f"(19/8/1945 - 19/8/{self.anniv_year})")

    def ph_CONF(self, doc: Doc) -> None:
        doc.trap(f"lần thứ {self.fixed['conf']}")

    # -- rendering
    def render(self, tpl: Tpl, doc: Doc | None = None) -> None:
        doc = doc or self.doc
        vals = {name: slot.sample(self) for name, slot in tpl.slots}
        a0 = -1
        pending: list[dict[str, Any]] = []
        for op, arg in tpl.ops:
            if op == LIT:
                doc.lit(arg)
            elif op == SLOT:
                v = vals[arg]
                doc.lit(v.pre)
                s = doc.n
                doc.lit(v.fig)
                m = {"figure": v.fig, "value": dec_str(v.value),
                     "value_max": None if v.value_max is None else dec_str(v.value_max),
                     "total": None if v.total is None else dec_str(v.total),
                     "target": None if v.target is None else dec_str(v.target),
                     "kind": v.kind, "measure": v.measure, "qualifier": v.qualifier, "change": v.change,
                     "unit": self.unit.name, "core": v.core, "anchor_start": a0, "anchor_end": -1,
                     "start": s, "end": doc.n}
                doc.metrics.append(m)
                pending.append(m)
                doc.lit(v.post)
            elif op == PH:
                _PH[arg](self, doc)
            elif op == CHG:
                doc.lit(vals[arg].word)
            elif op == AOPEN:
                a0 = doc.n
                pending = []
            elif op == ACLOSE:
                for m in pending:
                    m["anchor_start"], m["anchor_end"] = a0, doc.n
                pending = []
            else:
                doc.lit(self.rng.choice(arg))

    def sentence(self, tpl: Tpl, end: str = ". ") -> None:
        doc = self.doc
        i = len(doc.buf)
        if tpl.verb:
            prefix = self.rng.choice(PREFIXES)
            if prefix is self.last_prefix and prefix.ops:
                prefix = PREFIXES[0]
            self.last_prefix = prefix
            self.render(prefix)
        self.render(tpl)
        doc.capitalize_from(i)
        doc.lit(end)

    def pick(self, pool: tuple[Tpl, ...]) -> Tpl | None:
        """A template of the pool not yet used in this section, or None."""
        left = [t for t in pool if id(t) not in self.used]
        if not left:
            return None
        t = self.rng.choice(left)
        self.used.add(id(t))
        return t

    def paragraph(self, domains: tuple[str, ...], n: int, figures: float = 0.65) -> None:
        """n sentences: figures from the unit's domains, plain sentences and sentences with traps."""
        rng = self.rng
        for k in range(n):
            r = rng.random()
            t = None
            if r < figures:
                t = self.pick(T[rng.choice(domains)])
            elif r >= figures + (1 - figures) * 0.55:
                t = self.pick(TRAPPED)
            t = t or self.pick(FILLER) or rng.choice(FILLER)
            last = k == n - 1
            self.sentence(t, "." if last else ". ")


# Placeholders by name: {U} -> Ctx.ph_U.
_PH: dict[str, Callable[[Ctx, Doc], None]] = {n[3:]: f for n, f in vars(Ctx).items() if n.startswith("ph_")}


def _check_placeholders(tpls: tuple[Tpl, ...]) -> None:
    for t in tpls:
        for op, arg in t.ops:
            assert op != PH or arg in _PH, f"unknown placeholder {arg!r} in {t.src!r}"


_check_placeholders(PREFIXES + FILLER + TRAPPED + tuple(t for pool in T.values() for t in pool))

# ---------------------------------------------------------------------------------------------
# Periods and dates


def period_of(kind: str, year: int, q: int = 0) -> tuple[date, date, tuple[str, ...], str]:
    """start, end, the ways texts name it, the next period's name."""
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31), (f"năm {year}",), f"năm {year + 1}"
    if kind == "h1":
        return date(year, 1, 1), date(year, 6, 30), (f"6 tháng đầu năm {year}", f"06 tháng đầu năm {year}"), \
            f"6 tháng cuối năm {year}"
    if kind == "9m":
        return date(year, 1, 1), date(year, 9, 30), (f"9 tháng năm {year}", f"9 tháng đầu năm {year}"), \
            f"quý IV/{year}"
    start = date(year, 3 * q - 2, 1)
    end = (date(year, 3 * q + 1, 1) if q < 4 else date(year + 1, 1, 1)) - timedelta(days=1)
    nxt = f"quý {ROMAN[q]}/{year}" if q < 4 else f"quý I/{year + 1}"
    return start, end, (f"quý {ROMAN[q - 1]}/{year}", f"quý {ROMAN[q - 1]} năm {year}"), nxt


def date_phrase(rng: random.Random, d: date, lead: tuple[str, ...], year: bool | None = None) -> str:
    """"Ngày 12/4", "sáng 08/7/2024", "Ngày 15 tháng 1 năm 2025"."""
    if year is None:
        year = rng.random() < 0.45
    w = rng.choice(lead)
    if rng.random() < 0.08:
        return f"{w} {d.day} tháng {d.month}" + (f" năm {d.year}" if year else "")
    dd, mm = (f"{d.day:02d}", f"{d.month:02d}") if rng.random() < 0.3 else (str(d.day), str(d.month))
    return f"{w} {dd}/{mm}" + (f"/{d.year}" if year else "")


# ---------------------------------------------------------------------------------------------
# Genres


class Report:
    __slots__ = ("title", "event", "start", "end", "url", "author", "text", "metrics", "traps")


def _sections_units(ctx: Ctx, k: int) -> list[Unit]:
    rng = ctx.rng
    w = ctx.world
    n_dep = rng.randint(1, k - 1)
    units = rng.sample(w.departments, min(n_dep, len(w.departments)))
    units += [w.provinces[s] for s, _ in rng.sample(ctx.provinces, k - len(units))]
    rng.shuffle(units)
    return units


def _enter(ctx: Ctx, u: Unit, scale: float) -> None:
    ctx.used = set()
    ctx.unit = u
    ctx.scale = scale
    u.core = True
    u.seen = True


def _closing(ctx: Ctx, rep: Report, sep: str, author_p: float, url_p: float, url: Callable[[], str]) -> None:
    doc, rng = ctx.doc, ctx.rng
    rep.author = rng.choice(AUTHORS) if rng.random() < author_p else None
    rep.url = url() if rng.random() < url_p else None
    if rep.author:
        doc.lit(sep)
        doc.lit(rep.author)
    if rep.url:
        doc.lit(sep)
        doc.lit(rng.choice(("Nguồn CAND: ", "Nguồn: ", "Nguồn Báo Công an nhân dân: ")))
        doc.trap(rep.url)
    if rng.random() < 0.5:
        doc.lit("\n")


def _cand_url(rng: random.Random, title: str) -> str:
    return f"https://cand.com.vn/{rng.choice(('hoat-dong-ll-cand', 'Su-kien-Binh-luan-thoi-su', 'thoi-su'))}/{slug(title)}-i{rng.randint(100000, 899999)}/"


def genre_conference(ctx: Ctx, rep: Report) -> None:
    """(a) Opinions of units at the national police conference, one section per unit."""
    rng, doc, y = ctx.rng, ctx.doc, ctx.year
    n = y - 1944
    first = ctx.event
    rep.start, rep.end = date(y, 1, 1), date(y, 12, 31)
    title = rng.choice((
        "Ý kiến của Công an các đơn vị, địa phương tại Hội nghị Công an toàn quốc {CONF}",
        "Lãnh đạo Công an các đơn vị, địa phương chia sẻ tại Hội nghị Công an toàn quốc {CONF}",
        "Những kết quả nổi bật của Công an các đơn vị, địa phương trong {Y}",
    ))
    ctx.fixed["conf"] = n
    ctx.render(S(title))
    rep.title = "".join(doc.buf)
    doc.lit("\n\n")
    two = rng.random() < 0.5
    if two:
        doc.trap(f"Trong 2 ngày {first.day} và {first.day + 1}/12" + (f"/{y}" if rng.random() < 0.3 else ""))
        doc.lit(", Hội nghị Công an toàn quốc ")
        doc.trap(f"lần thứ {n}")
        doc.lit(" đã diễn ra tại Hà Nội. ")
    else:
        doc.trap(date_phrase(rng, first, ("Ngày", "Sáng")))
        doc.lit(", tại Hà Nội, Bộ Công an tổ chức Hội nghị Công an toàn quốc ")
        doc.trap(f"lần thứ {n}")
        doc.lit(". ")
    doc.lit(rng.choice((
        "Bên lề hội nghị, lãnh đạo nhiều đơn vị, cục nghiệp vụ đã có những ý kiến đóng góp để xây dựng lực lượng Công an chính quy, tinh nhuệ, hiện đại.",
        "Phóng viên đã ghi lại ý kiến của lãnh đạo một số đơn vị, địa phương về những kết quả nổi bật trong năm qua.",
    )))
    for u in _sections_units(ctx, rng.randint(3, 7)):
        _enter(ctx, u, 1.0 if u.kind == "provincial" else 8.0)
        doc.lit("\n\n")
        head = u.officials[0] if rng.random() < 0.85 else rng.choice(u.officials[1:3])
        i = len(doc.buf)
        ctx.official(doc, head, form=rng.choice((0, 0, 0, 1)), unit_words=ctx.unit_surface(u, generic=False, parent=True))
        doc.capitalize_from(i)
        doc.lit(": ")
        domains = u.domains
        echo = None
        if rng.random() < 0.25:
            a = rng.randint(3, 8)
            ctx.fixed["hl"] = a
            word = rng.choice(("đột phá", "nhóm giải pháp", "nhiệm vụ trọng tâm"))
            ctx.render(S(f"<{{a}} {word}> trong công tác {{P}} để phục vụ nhân dân".replace("{P}", u.dom_phrase or "Công an"),
                         a=F("hl", word)))
            echo = S(f"{{Y}}, {{U}} đã hoàn thành vượt mức các chỉ tiêu công tác, <tập trung vào {{a}} {word}>",
                     a=F("hl", word, core=True))
        else:
            ctx.render(S(rng.choice(u.headlines)))
        for p in range(rng.randint(2, 4)):
            doc.lit("\n\n")
            if p == 0:
                lead = S(rng.choice(("{Y}, {UF} đã ", "Trong {Y}, {UF} đã ", "{Y}, ")))
                i = len(doc.buf)
                ctx.render(lead)
                t = ctx.pick(tuple(t for t in T[rng.choice(domains)] if t.verb)) or T["xdll"][2]
                ctx.render(t)
                doc.capitalize_from(i)
                doc.lit(". ")
                if echo:
                    ctx.sentence(echo)
            ctx.paragraph(domains + ("xdll",), rng.randint(2, 4))
    _closing(ctx, rep, "\n\n", 0.8, 0.8, lambda: _cand_url(rng, rep.title))


def genre_ministry(ctx: Ctx, rep: Report) -> None:
    """(b) The ministry's summary of a quarter, half-year, nine months or year; no sections."""
    rng, doc = ctx.rng, ctx.doc
    w = ctx.world
    _enter(ctx, w.ministry, 25.0 * (rep.end - rep.start).days / 365)
    word = "tổng kết" if (rep.end - rep.start).days > 300 else "sơ kết"
    if (rep.end - rep.start).days < 100:
        word = "giao ban"
    per = rng.choice(ctx.per)
    if rng.random() < 0.45:
        i = len(doc.buf)
        doc.lit(f"Hội nghị {word} công tác công an ")
        doc.trap(per)
        rep.title = "".join(doc.buf[i:])
        doc.lit(" được tổ chức vào ")
        doc.trap(date_phrase(rng, ctx.event, ("sáng", "chiều", "ngày"), year=True))
        doc.lit(".")
    else:
        title = rng.choice((f"Hội nghị {word} công tác công an ", f"Bộ Công an {word} công tác ",
                            f"{word.capitalize()} công tác công an "))
        doc.lit(title)
        doc.trap(per)
        rep.title = "".join(doc.buf)
        doc.lit("\n\n")
        i = len(doc.buf)
        doc.trap(date_phrase(rng, ctx.event, ("Sáng", "Ngày", "Chiều")))
        doc.lit(f", tại Hà Nội, Đảng ủy Công an Trung ương, Bộ Công an tổ chức Hội nghị {word} công tác công an ")
        doc.trap(rng.choice(ctx.per))
        doc.lit(".")
    doc.lit("\n\nThay mặt Đảng ủy Công an Trung ương, lãnh đạo Bộ Công an, ")
    ctx.official(doc, rng.choice(w.ministry.officials[1:]), form=0)
    doc.lit(f" đã trình bày Báo cáo tóm tắt {word} công tác công an ")
    doc.trap(rng.choice(ctx.per))
    doc.lit("; nhiệm vụ, giải pháp công tác trọng tâm ")
    doc.trap(ctx.next_per)
    doc.lit(".\n\nBáo cáo nêu rõ trong ")
    doc.trap(rng.choice(ctx.per))
    doc.lit(", lực lượng Công an nhân dân đã chủ động nắm chắc tình hình, thực hiện tốt chức năng tham mưu với Đảng, Nhà nước các chủ trương, đường lối bảo đảm an ninh, trật tự.")
    domains = ("hs", "md", "kt", "gt", "pccc", "qlhc", "anm", "xnc")
    for _ in range(rng.randint(4, 7)):
        doc.lit("\n\n")
        ctx.paragraph((rng.choice(domains), rng.choice(domains)), rng.randint(1, 4), 0.75)
    doc.lit("\n\n")
    ctx.paragraph(("xdll",), rng.randint(1, 3), 0.8)
    doc.lit("\n\nPhát biểu chỉ đạo Hội nghị, ")
    leader = rng.choice(w.national) if rng.random() < 0.5 else w.ministry.officials[0]
    ctx.official(doc, leader, form=0)
    doc.lit(" biểu dương những kết quả, thành tích của Công an các đơn vị, địa phương đã đạt được trong thời gian qua.")
    for _ in range(rng.randint(1, 3)):
        doc.lit("\n\n")
        ctx.paragraph(("xdll",), rng.randint(1, 3), 0.1)
    _closing(ctx, rep, "\n\n", 0.35, 0.3, lambda: f"https://bocongan.gov.vn/tin-tuc-su-kien/{slug(rep.title)}-d{rng.randint(10000, 99999)}.html")


def genre_briefing(ctx: Ctx, rep: Report) -> None:
    """(c) A department's online briefing in Hà Nội, one line per paragraph."""
    rng, doc = ctx.rng, ctx.doc
    w = ctx.world
    dep = w.by_name[rng.choice(_BRIEFING)]
    _enter(ctx, dep, 10.0 * (rep.end - rep.start).days / 365)
    per = rng.choice(ctx.per)
    ttl = rng.choice((f"Giao ban trực tuyến công tác {dep.dom_phrase} ", f"Hội nghị giao ban công tác {dep.dom_phrase} ",
                      f"{rng.choice(dep.surfaces or (dep.name,))} giao ban công tác ", f"Sơ kết công tác {dep.dom_phrase} "))
    if not ttl.startswith(("Giao", "Hội", "Sơ")):
        ctx.mention_unit(dep, ttl[: -len(" giao ban công tác ")])
    doc.lit(ttl)
    doc.trap(per)
    rep.title = "".join(doc.buf)
    doc.lit("\n")
    doc.trap(date_phrase(rng, ctx.event, ("Ngày", "Sáng", "Chiều")))
    doc.lit(", tại Hà Nội, ")
    doc.lit(ctx.unit_surface(dep, generic=False))
    doc.lit(", Bộ Công an đã tổ chức Hội nghị giao ban trực tuyến công tác " + dep.dom_phrase + " ")
    doc.trap(rng.choice(ctx.per))
    if rng.random() < 0.3:
        ctx.render(S(" và sơ kết <{a} năm> thực hiện chuyên đề đột phá của lực lượng " + dep.force,
                     a=D(1, 3, "năm", core=False)))
    doc.lit(". ")
    head = dep.officials[0]
    ctx.official(doc, head, form=0, unit_words=ctx.unit_surface(dep, generic=False))
    doc.lit(" chủ trì hội nghị.\n")
    if rng.random() < 0.6:
        short, word = rng.choice(ctx.provinces)
        pu = w.provinces[short]
        doc.lit(f"Tại điểm cầu Công an {word} {short}, ")
        ctx.mention_unit(pu, pu.name)
        ctx.official(doc, pu.officials[0], form=0, unit_words=f"Công an {word}")
        doc.lit(" dự và chủ trì hội nghị. Dự hội nghị còn có ")
        ctx.official(doc, pu.officials[rng.randint(1, 3)], form=0, unit_words=f"Công an {word}")
        doc.lit(", đại diện lãnh đạo các đơn vị nghiệp vụ và trực tuyến đến Công an các huyện, thị xã, thành phố.\n")
    doc.lit(rng.choice(("Các đại biểu tham dự hội nghị trực tuyến", "Quang cảnh hội nghị tại điểm cầu Bộ Công an",
                        "Toàn cảnh hội nghị")) + "\n")
    doc.lit("Trong ")
    doc.trap(rng.choice(ctx.per))
    doc.lit(f", dưới sự lãnh đạo quyết liệt của Đảng ủy Công an Trung ương, lãnh đạo Bộ Công an, lực lượng {dep.force} đã hoàn thành các mặt công tác trọng tâm theo đúng nội dung, tiến độ chương trình công tác đề ra. ")
    ctx.paragraph(dep.domains, rng.randint(2, 4), 0.8)
    for _ in range(rng.randint(2, 4)):
        doc.lit("\n")
        ctx.paragraph(dep.domains + ("xdll",), rng.randint(2, 5), 0.7)
    doc.lit("\n")
    if rng.random() < 0.5:
        # The photo caption, cut over two lines as web pages copy it.
        i = len(doc.buf)
        ctx.official(doc, head, form=0, unit_words=dep.name)
        text = "".join(doc.buf[i:])
        del doc.buf[i:]
        doc.n -= len(text)
        cut = text.find(" ", len(text) // 2 + 10)
        if cut > 0 and rng.random() < 0.6:
            text = text[:cut] + "\n" + text[cut + 1:]
        doc.lit(text + " phát biểu tại hội nghị\n")
    doc.lit("Phát biểu kết luận hội nghị, ")
    ctx.official(doc, head, form=0, unit_words=ctx.unit_surface(dep, generic=False, parent=True))
    doc.lit(f" ghi nhận và biểu dương những kết quả mà lực lượng {dep.force} toàn quốc đã đạt được trong ")
    doc.trap(rng.choice(ctx.per))
    doc.lit(". ")
    ctx.paragraph(("xdll",), rng.randint(1, 3), 0.1)
    if rng.random() < 0.5:
        doc.lit("/.")
    _closing(ctx, rep, "\n", 0.85, 0.15, lambda: _cand_url(rng, rep.title))


def genre_province(ctx: Ctx, rep: Report) -> None:
    """(d) A provincial police's year-end review."""
    rng, doc, y = ctx.rng, ctx.doc, ctx.year
    w = ctx.world
    short, word = rng.choice(ctx.provinces)
    u = w.provinces[short]
    _enter(ctx, u, 1.0)
    rep.start, rep.end = date(y, 1, 1), date(y, 12, 31)
    full = u.name
    alias = f"Công an {short}"
    t = rng.random()
    name = full if rng.random() < 0.7 else alias
    ctx.mention_unit(u, name)
    doc.lit(name)
    if t < 0.45:
        doc.lit(" tổng kết công tác ")
        doc.trap(f"năm {y}")
    elif t < 0.8:
        doc.lit(" tổng kết công tác công an ")
        doc.trap(f"năm {y}")
        doc.lit(", triển khai nhiệm vụ ")
        doc.trap(f"năm {y + 1}")
    else:
        doc.lit(" triển khai nhiệm vụ công tác ")
        doc.trap(f"năm {y + 1}")
    rep.title = "".join(doc.buf)
    doc.lit("\n\n")
    doc.trap(date_phrase(rng, ctx.event, ("Sáng", "Ngày", "Chiều")))
    doc.lit(", ")
    doc.lit(ctx.unit_surface(u, generic=False))
    doc.lit(" tổ chức Hội nghị tổng kết công tác công an ")
    doc.trap(f"năm {y}")
    doc.lit(", triển khai nhiệm vụ ")
    doc.trap(f"năm {y + 1}")
    doc.lit(". Dự hội nghị có ")
    ctx.official(doc, u.civil[0])
    doc.lit("; ")
    ctx.official(doc, u.civil[rng.randint(1, 2)])
    doc.lit(". ")
    i = len(doc.buf)
    ctx.official(doc, u.officials[0], form=rng.choice((0, 1, 3)))
    doc.capitalize_from(i)
    doc.lit(" chủ trì hội nghị.")
    doc.lit("\n\nBáo cáo tại hội nghị cho biết, ")
    doc.trap(f"năm {y}")
    doc.lit(", ")
    doc.lit(ctx.unit_surface(u))
    doc.lit(" đã chủ động nắm chắc tình hình, tham mưu cấp ủy, chính quyền địa phương triển khai đồng bộ các giải pháp bảo đảm an ninh, trật tự.")
    for _ in range(rng.randint(4, 8)):
        doc.lit("\n\n")
        ctx.paragraph((rng.choice(u.domains), rng.choice(u.domains)), rng.randint(2, 4), 0.72)
    if rng.random() < 0.4:
        doc.lit("\n\nĐiển hình, ")
        ctx.official(doc, u.officials[-1], form=0)
        doc.lit(" đã dũng cảm truy bắt đối tượng nguy hiểm, được tặng Bằng khen.")
    doc.lit("\n\nPhát biểu chỉ đạo hội nghị, ")
    ctx.official(doc, u.civil[rng.randint(0, 1)])
    doc.lit(f" ghi nhận, biểu dương những kết quả mà lực lượng Công an {word} đã đạt được. ")
    ctx.paragraph(("xdll", "rank"), rng.randint(1, 3), 0.3)
    _closing(ctx, rep, "\n\n", 0.6, 0.35,
             lambda: f"https://congan{slug(short).replace('-', '')}.gov.vn/tin-tuc/{slug(rep.title)}-{rng.randint(1000, 99999)}.html")


# ---------------------------------------------------------------------------------------------
# The corpus


def _event_and_period(rng: random.Random, genre: str) -> tuple[int, str, int, date]:
    """year, period kind, quarter, event date."""
    year = rng.choice((2022, 2023, 2023, 2024, 2024, 2024, 2025, 2025))
    if genre == "a":
        first = date(year, 12, rng.randint(14, 27))
        return year, "year", 0, first
    if genre == "d":
        ev = date(year, 12, 18) + timedelta(days=rng.randint(0, 33))
        return year, "year", 0, ev
    if genre == "b":
        kind = rng.choice(("h1", "h1", "year", "year", "9m", "q"))
    else:
        kind = rng.choice(("q", "q", "q", "h1", "9m"))
    q = rng.randint(1, 4) if kind == "q" else 0
    start, end, _, _ = period_of(kind, year, q)
    if kind == "year":
        ev = date(year, 12, rng.randint(10, 28))
    else:
        ev = end + timedelta(days=rng.randint(3, 25))
    return year, kind, q, ev


def make_report(world: World, seed: int, idx: int) -> Report:
    rng = random.Random(f"{seed}:{idx}")
    genre = rng.choices("abcd", weights=(2, 2, 3, 3))[0]
    year, kind, q, ev = _event_and_period(rng, genre)
    ctx = Ctx(world, rng, idx, year, ev)
    rep = Report()
    rep.start, rep.end, ctx.per, ctx.next_per = period_of(kind, year, q)
    ctx.pstart, ctx.pend = rep.start, rep.end
    rep.event = ev
    {"a": genre_conference, "b": genre_ministry, "c": genre_briefing, "d": genre_province}[genre](ctx, rep)
    doc = ctx.doc
    rep.text = "".join(doc.buf)
    assert len(rep.text) == doc.n
    rep.metrics, rep.traps = doc.metrics, doc.traps
    return rep


def source_name(seed: int, idx: int, width: int) -> str:
    h = hashlib.sha1(f"chiso-corpus:{seed}:{idx}".encode()).hexdigest()[:16]
    return f"{idx:0{width}d}_{h}.txt"


_KEYS = ("report", "anchor", "figure", "value", "value_max", "total", "target", "kind", "measure",
         "qualifier", "change", "unit", "core", "anchor_start", "anchor_end", "start", "end")


class _Array:
    """A JSON array written element by element to a part file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.f = open(path, "w", encoding="utf-8")
        self.first = True

    def add(self, obj: Any) -> None:
        self.f.write(("  " if self.first else ",\n  ") + json.dumps(obj, ensure_ascii=False))
        self.first = False

    def close(self) -> None:
        self.f.close()


def generate(n: int, seed: int, out: str, progress: bool = False) -> dict[str, int]:
    os.makedirs(out, exist_ok=True)
    world = World(seed)
    width = max(5, len(str(max(n - 1, 0))))
    parts = {k: _Array(os.path.join(out, f".gold.{k}.part")) for k in ("reports", "metrics", "traps")}
    names: list[str] = []  # report file names, to list each official's reports at the end
    totals = {"reports": 0, "metrics": 0, "traps": 0}
    for idx in range(n):
        rep = make_report(world, seed, idx)
        src = source_name(seed, idx, width)
        names.append(src)
        text = rep.text
        with open(os.path.join(out, src), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        parts["reports"].add({"source": src, "title": rep.title, "event_date": rep.event.isoformat(),
                              "period_start": rep.start.isoformat(), "period_end": rep.end.isoformat(),
                              "url": rep.url, "author": rep.author})
        for m in rep.metrics:
            m["report"] = src
            m["anchor"] = text[m["anchor_start"]:m["anchor_end"]]
            assert text[m["start"]:m["end"]] == m["figure"]
            parts["metrics"].add({k: m[k] for k in _KEYS})
        for a, b in rep.traps:
            parts["traps"].add({"report": src, "anchor": text[a:b], "anchor_start": a, "anchor_end": b})
        totals["reports"] += 1
        totals["metrics"] += len(rep.metrics)
        totals["traps"] += len(rep.traps)
        if progress and (idx + 1) % 1000 == 0:
            print(f"{idx + 1} reports", file=sys.stderr)
    for p in parts.values():
        p.close()
    units = [{"name": u.name, "kind": u.kind, "province": u.province, "aliases": sorted(u.aliases), "core": u.core}
             for u in world.units if u.seen]
    officials = [{"name": o.name, "rank": o.rank, "position": o.title,
                  "unit": o.unit.name if o.unit is not None and o.kind == "police" else None,
                  "reports": [names[i] for i in o.reports]}
                 for o in world.officials() if len(o.reports)]
    with open(os.path.join(out, "gold.json"), "w", encoding="utf-8") as f:
        f.write("{\n \"reports\": [\n")
        _copy(parts["reports"].path, f)
        f.write("\n ],\n \"units\": [\n")
        f.write(",\n".join("  " + json.dumps(u, ensure_ascii=False) for u in units))
        f.write("\n ],\n \"officials\": [\n")
        f.write(",\n".join("  " + json.dumps(o, ensure_ascii=False) for o in officials))
        f.write("\n ],\n \"metrics\": [\n")
        _copy(parts["metrics"].path, f)
        f.write("\n ],\n \"traps\": [\n")
        _copy(parts["traps"].path, f)
        f.write("\n ]\n}\n")
    for p in parts.values():
        os.remove(p.path)
    totals["units"], totals["officials"] = len(units), len(officials)
    return totals


def _copy(path: str, f: Any) -> None:
    with open(path, encoding="utf-8") as src:
        shutil.copyfileobj(src, f, 1 << 20)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=300, help="how many reports (default 300)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--progress", action="store_true", help="print progress to stderr")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    totals = generate(a.reports, a.seed, a.out, a.progress)
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{totals['reports']} reports, {totals['metrics']} figures, {totals['traps']} traps, "
          f"{totals['units']} units, {totals['officials']} officials in {dt:.1f}s "
          f"({totals['reports'] / dt if dt else 0:.0f} reports/s, peak RSS {rss:.0f} MB) -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
