#!/usr/bin/env python3
"""Fill a PostgreSQL database with about 1,000,000 realistic figures, fast (COPY), for the page
benchmarks. Deterministic (random.Random(--seed)).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chiso_bench1m .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chiso_bench1m .venv/bin/python bench/load_million.py

Writes, replacing what was there (provinces and indicators come from the migrations):
  800 units: 37 "Cục …" (department, Hà Nội), 63 "Công an tỉnh/thành phố <province>" (provincial),
      700 "Phòng … Công an tỉnh <province>" (department, under their provincial police);
  20,000 reports (event dates 2018–2025), each text made of its figures' sentences;
  1,000,000 figures, 50 per report (unit: the report's 80 %, else random; kind count 45 %,
      percent 25 %, ratio/money/duration 10 % each; change increase/decrease 40 % each, none 20 %;
      status new 68 %, verified 25 %, corrected 5 %, rejected 2 %), measure_key and indicator
      computed by the app's own search_key() and Indicator.objects.matcher();
  3,000 officials, 6,000 positions, 60,000 mentions; a superuser bench / bench-password;
then the units' figure counts and VACUUM ANALYZE. Secondary indexes of the big tables are dropped during COPY and rebuilt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from reports.extraction import EXTRACTOR_VERSION  # noqa: E402
from reports.extraction.glossary import search_key  # noqa: E402
from reports.extraction.query import words  # noqa: E402
from reports.extraction.text import fold, slugify  # noqa: E402
from reports.models import Indicator, recount_figures  # noqa: E402
from units.models import Province, Unit  # noqa: E402

CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}
CUC = ["Cảnh sát hình sự", "Cảnh sát giao thông", "Cảnh sát điều tra tội phạm về ma túy", "An ninh mạng",
       "Cảnh sát kinh tế", "Cảnh sát môi trường", "Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
       "Quản lý xuất nhập cảnh", "Cảnh sát quản lý hành chính về trật tự xã hội", "An ninh nội địa",
       "Cảnh sát quản lý trại giam", "Tổ chức cán bộ", "Kế hoạch và tài chính", "Hồ sơ nghiệp vụ",
       "Pháp chế và cải cách hành chính, tư pháp", "Công tác đảng và công tác chính trị", "Đối ngoại",
       "Hậu cần", "Trang bị và kho vận", "Y tế", "Viễn thông và cơ yếu", "Kỹ thuật nghiệp vụ",
       "An ninh kinh tế", "An ninh đối ngoại", "An ninh chính trị nội bộ", "Truyền thông Công an nhân dân",
       "Cảnh sát thi hành án hình sự và hỗ trợ tư pháp", "Cảnh sát cơ động", "Cảnh sát bảo vệ",
       "Quản lý vũ khí", "Cảnh sát truy nã tội phạm", "Cảnh sát phòng chống tội phạm sử dụng công nghệ cao",
       "Tham mưu", "Thanh tra", "Cảnh sát đường thủy", "Tình báo", "Bảo vệ chính trị nội bộ"]
PHONG = ["Cảnh sát hình sự", "Cảnh sát giao thông", "Cảnh sát điều tra tội phạm về ma túy", "An ninh mạng",
         "Cảnh sát kinh tế", "Cảnh sát môi trường", "Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
         "Quản lý xuất nhập cảnh", "Cảnh sát quản lý hành chính về trật tự xã hội", "Tham mưu",
         "Cảnh sát cơ động", "An ninh kinh tế", "Hồ sơ nghiệp vụ", "Tổ chức cán bộ"]
# (measure, kind): Vietnamese phrases as the reports write them.
MEASURES = {
    "count": ["vụ phạm tội về trật tự xã hội", "vụ tai nạn giao thông", "người chết do tai nạn giao thông",
              "người bị thương", "đối tượng phạm tội về ma túy", "vụ cháy", "vụ việc vi phạm pháp luật về môi trường",
              "vụ ùn tắc giao thông", "chuyên án", "băng, nhóm tội phạm", "đối tượng truy nã", "vụ trọng án",
              "trường hợp vi phạm nồng độ cồn", "khẩu súng các loại", "vụ buôn lậu, gian lận thương mại",
              "tài khoản mạng xã hội bị xử lý", "hồ sơ căn cước được cấp", "vụ lừa đảo chiếm đoạt tài sản",
              "vụ xâm phạm TTXH", "đối tượng bị bắt giữ", "vụ tham nhũng, kinh tế, buôn lậu", "lượt tuần tra"],
    "percent": ["tỷ lệ điều tra khám phá án", "tỷ lệ khám phá trọng án", "tỷ lệ dịch vụ công trực tuyến",
                "tỷ lệ thu hồi tài sản", "tỷ lệ giải quyết tin báo, tố giác tội phạm", "chỉ tiêu Bộ giao",
                "tỷ lệ hồ sơ giải quyết đúng hạn", "tỷ lệ bắt, vận động đầu thú đối tượng truy nã"],
    "ratio": ["đối tượng trên một vạn dân", "vụ trên 10.000 dân", "cán bộ trên một đồn",
              "lượt kiểm tra trên một cơ sở"],
    "money": ["tiền phạt vi phạm hành chính", "tài sản thu hồi", "thiệt hại do cháy", "tiền nộp ngân sách",
              "giá trị hàng lậu thu giữ"],
    "duration": ["thời gian giải quyết hồ sơ", "ngày xử lý tin báo trung bình", "giờ ứng cứu sự cố",
                 "ngày cấp hộ chiếu"],
}
KINDS = ["count"] * 45 + ["percent"] * 25 + ["ratio"] * 10 + ["money"] * 10 + ["duration"] * 10
CHANGES = ["increase"] * 2 + ["decrease"] * 2 + [""]
STATUSES = ["new"] * 68 + ["verified"] * 25 + ["corrected"] * 5 + ["rejected"] * 2
QUALIFIERS = ["exact"] * 85 + ["approx"] * 8 + ["at_least"] * 5 + ["at_most"] * 2
TOPICS = ["tổng kết công tác Công an", "kết quả công tác bảo đảm an ninh, trật tự",
          "sơ kết công tác phòng, chống tội phạm", "kết quả bảo đảm trật tự, an toàn giao thông",
          "công tác phòng cháy, chữa cháy", "kết quả thực hiện Đề án 06"]
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh".split()
MIDDLE = "Văn Thị Đức Minh Quốc Hữu Thanh Xuân Ngọc Hồng Công Đình".split()
GIVEN = ("Anh Bình Cường Dũng Đông Giang Hà Hải Hiếu Hùng Hưng Khoa Lâm Long Minh Nam Nghĩa Phong Quân "
         "Quang Sơn Tâm Thắng Thành Tiến Toàn Trung Tuấn Việt Vinh").split()
RANKS = ["Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá"]
TITLES = ["Giám đốc", "Phó Giám đốc", "Cục trưởng", "Phó Cục trưởng", "Trưởng phòng", "Phó Trưởng phòng"]


def copy(cur: object, table: str, columns: list[str], rows: object) -> int:
    n = 0
    cols = ", ".join(f'"{c}"' for c in columns)
    with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as cp:  # type: ignore[attr-defined]
        for row in rows:
            cp.write_row(row)
            n += 1
    return n


def vn_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def figure_for(kind: str, rng: random.Random) -> tuple[str, Decimal, str]:
    """(figure as written, value, unit word) for one figure of `kind`."""
    if kind == "count":
        v = int(rng.lognormvariate(4, 1.5)) + 1
        return vn_number(v), Decimal(v), ""
    if kind == "percent":
        v = Decimal(rng.randint(10, 10000)) / 100
        return f"{v:f}".replace(".", ",") + "%", v, ""
    if kind == "ratio":
        v = Decimal(rng.randint(1, 999)) / 10
        return f"{v:f}".replace(".", ","), v, ""
    if kind == "money":
        v = rng.randint(1, 999)
        return f"{v} triệu đồng", Decimal(v * 1_000_000), ""
    v = rng.randint(1, 60)
    return f"{v} ngày", Decimal(v), ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--per-report", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    db = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or db in {"chiso", "test_chiso"}:
        sys.exit(f"needs a scratch PostgreSQL database in DATABASE_URL (got {connection.vendor} {db})")
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    now = dt.datetime.now(dt.timezone.utc)
    provinces = list(Province.objects.order_by("id"))
    hanoi = next(p for p in provinces if p.slug == "ha-noi")

    # Units: (id, name, kind, parent_id, province_id)
    units: list[tuple[int, str, str, int | None, int]] = []
    for name in CUC:
        units.append((len(units) + 1, f"Cục {name}", "department", None, hanoi.id))
    provincial = {}
    for p in provinces:
        division = "thành phố" if p.name in CITIES else "tỉnh"
        provincial[p.id] = len(units) + 1
        units.append((len(units) + 1, f"Công an {division} {p.name}", "provincial", None, p.id))
    seen = {fold(u[1]) for u in units}
    while len(units) < 800:
        p = rng.choice(provinces)
        name = f"Phòng {rng.choice(PHONG)} Công an {'thành phố' if p.name in CITIES else 'tỉnh'} {p.name}"
        if fold(name) not in seen:
            seen.add(fold(name))
            units.append((len(units) + 1, name, "department", provincial[p.id], p.id))
    unit_province = {u[0]: u[4] for u in units}
    short = {u[0]: u[1] for u in units}

    match = Indicator.objects.matcher()
    measure_info = {m: (search_key(m), getattr(match(m), "id", None)) for ms in MEASURES.values() for m in ms}

    by_key: dict[str, str] = {}
    while len(by_key) < 3000:
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}"
        by_key.setdefault(fold(name), name)
    officials = sorted(by_key.values())

    # One transaction: a failure leaves the database as it was, dropped indexes included.
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL session_replication_role = replica")  # no FK triggers: the rows are consistent
        cur.execute("TRUNCATE reports_metric, reports_mention, units_position, reports_report, units_official, "
                    "units_unitalias, units_unit, reports_historicalmetric, units_historicalunit, "
                    "units_historicalofficial, django_session RESTART IDENTITY CASCADE")
        dropped = []
        for table in ("reports_metric", "reports_mention"):
            cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
                        "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))", [table])
            for name, definition in cur.fetchall():
                cur.execute(f'DROP INDEX "{name}"')
                dropped.append(definition)

        copy(cur, "units_unit", ["id", "name", "name_key", "slug", "kind", "parent_id", "province_id", "search_key",
                                 "figure_count", "source"],
             ((i, n, fold(n), slugify(n), k, parent, prov, search_key(n), 0, "") for i, n, k, parent, prov in units))
        copy(cur, "units_official", ["id", "name", "name_key", "slug", "rank"],
             ((i + 1, n, fold(n), slugify(n), rng.choice(RANKS)) for i, n in enumerate(officials)))

        start_date, days = dt.date(2018, 1, 1), (dt.date(2025, 12, 31) - dt.date(2018, 1, 1)).days
        report_rows, metric_rows, mention_rows = [], [], []
        metric_id = 0
        report_units = [u[0] for u in units if u[2] == "provincial"] * 6 + [u[0] for u in units]
        for r in range(1, args.reports + 1):
            unit_id = rng.choice(report_units)
            date = start_date + dt.timedelta(days=rng.randint(0, days))
            year = date.year - (date.month < 3)
            title = f"Báo cáo {rng.choice(TOPICS)} năm {year} - {short[unit_id]}"
            source = f"{r:05d}_{hashlib.sha1(title.encode() + str(r).encode()).hexdigest()[:16]}.txt"
            text = [title, "\n\n"]
            pos = len(title) + 2
            for _ in range(args.per_report):
                kind = rng.choice(KINDS)
                measure = rng.choice(MEASURES[kind])
                figure, value, _w = figure_for(kind, rng)
                change = rng.choice(CHANGES)
                verb = {"increase": "tăng", "decrease": "giảm", "": "đạt"}[change]
                m_unit = unit_id if rng.random() < 0.8 else rng.randint(1, len(units))
                before = f"Trong kỳ, {short[m_unit]} ghi nhận {measure} {verb} "
                sentence = f"{before}{figure} so với cùng kỳ năm trước."
                metric_id += 1
                start = pos + len(before)
                key, indicator = measure_info[measure]
                metric_rows.append((
                    metric_id, r, m_unit, unit_province[m_unit], start, start + len(figure), figure, value, kind,
                    measure, key, indicator, rng.choice(QUALIFIERS), change, sentence,
                    round(rng.uniform(0.4, 1.0), 3), "{}", rng.choice(STATUSES), False, 0, date,
                ))
                text += [sentence, "\n" if rng.random() < 0.3 else " "]
                pos += len(sentence) + 1
            text = "".join(text)
            for k in range(3):
                mention_rows.append((r, 0, len(title), unit_id if k == 0 else rng.randint(1, len(units)), None))
            report_rows.append((
                r, source, title, slugify(source[:-4]), date, dt.date(year, 1, 1), dt.date(year, 12, 31), "", "",
                unit_id, text, hashlib.sha256(text.encode()).hexdigest(), search_key(title), EXTRACTOR_VERSION,
                now, now,
            ))
        t_gen = time.perf_counter()
        copy(cur, "reports_report", ["id", "source", "title", "slug", "event_date", "period_start", "period_end",
                                     "url", "author", "unit_id", "text", "content_hash", "search_key",
                                     "extractor_version", "imported_at", "updated_at", "unit_from_outlet",
                                     "site_name"], ((*row, False, "") for row in report_rows))
        n_metrics = copy(cur, "reports_metric", [
            "id", "report_id", "unit_id", "province_id", "start", "end", "figure", "value", "kind", "measure",
            "measure_key", "indicator_id", "qualifier", "change", "sentence", "confidence", "extracted", "status",
            "needs_review", "version", "event_date"], metric_rows)
        copy(cur, "reports_mention", ["report_id", "start", "end", "unit_id", "official_id"], mention_rows)
        positions = set()
        while len(positions) < 6000:
            r = rng.randint(1, args.reports)
            positions.add((rng.randint(1, len(officials)), r, rng.choice(TITLES), report_rows[r - 1][9]))
        copy(cur, "units_position", ["official_id", "report_id", "title", "unit_id", "rank", "order"],
             ((o, r, t, u, "", 0) for o, r, t, u in sorted(positions)))
        # The full-text index column, from the same folded words the import writes (index_words).
        cur.execute("CREATE TEMP TABLE folded (id bigint, words text) ON COMMIT DROP")
        copy(cur, "folded", ["id", "words"], ((row[0], " ".join(words(f"{row[2]}\n{row[10]}"))) for row in report_rows))
        cur.execute("UPDATE reports_report t SET search_vector = to_tsvector('simple', f.words) FROM folded f "
                    "WHERE t.id = f.id")
        cur.execute("TRUNCATE folded")
        copy(cur, "folded", ["id", "words"], ((row[0], " ".join(words(f"{row[14]}\n{row[9]}"))) for row in metric_rows))
        cur.execute("UPDATE reports_metric t SET search_vector = to_tsvector('simple', f.words) FROM folded f "
                    "WHERE t.id = f.id")
        t_copy = time.perf_counter()
        for definition in dropped:
            cur.execute(definition)
        for table in ("units_unit", "units_official", "reports_report", "reports_metric", "reports_mention",
                      "units_position"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cur.execute("SET LOCAL session_replication_role = DEFAULT")
        recount_figures(Unit.objects.values_list("pk", flat=True))
    t_index = time.perf_counter()
    if not User.objects.filter(username="bench").exists():
        User.objects.create_superuser("bench", "bench@example.invalid", "bench-password")
    connection.ensure_connection()
    connection.connection.autocommit = True
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
        cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cur.fetchone()[0]
    t_end = time.perf_counter()
    print(f"{len(units)} units, {len(officials)} officials, {len(report_rows)} reports, {n_metrics} figures, "
          f"{len(mention_rows)} mentions, {len(positions)} positions in {t_end - t0:.0f} s "
          f"(generate {t_gen - t0:.0f} s, COPY {t_copy - t_gen:.0f} s, indexes {t_index - t_copy:.0f} s, "
          f"VACUUM ANALYZE {t_end - t_index:.0f} s); database {db}: {size}")


if __name__ == "__main__":
    main()
