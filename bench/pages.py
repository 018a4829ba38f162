#!/usr/bin/env python3
"""Page latency (over HTTP) and queries per page (in-process) on the database in DATABASE_URL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chiso_bench1m .venv/bin/python bench/pages.py --queries
    DATABASE_URL=... .venv/bin/python bench/pages.py --paths      # the URL mix of bench/load.sh
    DATABASE_URL=... .venv/bin/python bench/pages.py --app http://127.0.0.1:8001 \
        [--datasette http://127.0.0.1:8002] [--datasette-tuned http://127.0.0.1:8003]

`--queries`: each page once through Django's test Client under CaptureQueriesContext: the number of
queries, their total time, and any query that reads more than 100,000 rows (a full-table scan);
`--show-sql` adds every query with its time, rows read and the scans EXPLAIN ANALYZE shows it
used (index names included), the proof that the indexes are used.
`--app`: each page over HTTP, interleaved: 5 warm-up rounds, then 30 timed rounds, each round one GET
of every page in turn (ours, the admin, Datasette, ours, …), so that a busy moment of the machine
falls on all of them alike; each GET on a new connection with the body read in full; p50 and p95
(nearest rank, the 29th of 30). The Django admin's changelist of the same filter is timed too (logged
in as the superuser bench/load_million.py made, through the login form); with `--datasette*`,
Datasette's equivalent table page and its JSON (bench/export_sqlite.py writes its database), beside
our figures list and our API's list of the same filter, 50 rows. Each ratio (theirs / ours) is printed.
The app is sent `X-Forwarded-Proto: https`, as from a TLS proxy, since DEBUG=false redirects http.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import re
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from reports.models import Metric, Report  # noqa: E402
from units.models import Province, Unit  # noqa: E402

PROVINCE = "nghe-an"  # a province with no merged predecessor: one province_id, like Datasette's filter
SEARCH = "tai nạn giao thông"
WARMUP, RUNS = 5, 30


def pages() -> dict[str, str]:
    """The URLs to time, picked from the data: the unit with the most figures, a report in the middle."""
    unit = Unit.objects.annotate(n=Count("metrics")).order_by("-n").first()
    report = Report.objects.order_by("id")[Report.objects.count() // 2]
    return {
        "home": "/",
        "units list": "/units/",
        "unit page": unit.get_absolute_url(),
        "figures, 2 filters + facets": f"/figures/?kind=percent&province={PROVINCE}",
        "report page": report.get_absolute_url(),
        "search": "/search/?" + urllib.parse.urlencode({"q": SEARCH}),
        "search: a province": "/search/?" + urllib.parse.urlencode({"q": "Nghệ An"}),
        "search: a department": "/search/?" + urllib.parse.urlencode({"q": "CSGT"}),
        "search: two words": "/search/?" + urllib.parse.urlencode({"q": "ma túy"}),
        "figures, words": "/figures/?" + urllib.parse.urlencode({"q": "ma túy"}),
    }


BIG = 100_000  # rows: a query that reads more than this is a scan of (nearly) a whole table


def explain(sql: str) -> tuple[int, list[str]]:
    """EXPLAIN ANALYZE of a query: the most rows any one scan read (rows kept + rows filtered out),
    and each scan as "Index Only Scan metric_province_kind_date" or "Seq Scan units_province"."""
    if not sql.lstrip().upper().startswith("SELECT"):
        return 0, []
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cur.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)
    most, scans, todo = 0, [], [plan[0]["Plan"]]
    while todo:
        node = todo.pop()
        todo += node.get("Plans", [])
        if "Scan" in node["Node Type"]:
            read = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * node.get("Actual Loops", 1)
            most = max(most, int(read))
            scans.append(f"{node['Node Type']} {node.get('Index Name') or node.get('Relation Name', '')}".strip())
    return most, scans


def count_queries(urls: dict[str, str], show_sql: bool) -> None:
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    client = Client()
    print(f"{'page':30} {'status':>6} {'queries':>7} {'SQL ms':>7} {'total ms':>8}  queries reading >{BIG:,} rows")
    for name, url in urls.items():
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get(url)
            total = (time.perf_counter() - t0) * 1000
        sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
        plans = [(*explain(q["sql"]), q) for q in ctx.captured_queries]
        big = [(n, scans, q) for n, scans, q in plans if n > BIG]
        print(f"{name:30} {response.status_code:>6} {len(ctx):>7} {sql_ms:>7.1f} {total:>8.1f}  {len(big) or '-'}")
        for n, scans, q in plans if show_sql else big:
            print(f"      {float(q['time']) * 1000:7.1f} ms {n:>9,} rows  {'; '.join(scans)}")
            print(f"          {q['sql'][:400 if show_sql else 160]}")


def get(base: str, path: str, headers: dict[str, str], method: str = "GET", body: str | None = None):
    """One request on a new connection, body read in full: (status, headers, body, seconds)."""
    parts = urllib.parse.urlsplit(base)
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    seconds = time.perf_counter() - t0
    conn.close()
    return response.status, response.getheaders(), data, seconds


def cookies(headers: list[tuple[str, str]]) -> dict[str, str]:
    return dict(v.split(";", 1)[0].split("=", 1) for k, v in headers if k.lower() == "set-cookie")


def admin_login(base: str) -> dict[str, str]:
    """Log in as bench through the admin's login form; the headers that replay its session."""
    proxy = {"X-Forwarded-Proto": "https"}
    status, headers, body, _ = get(base, "/admin/login/", proxy)
    jar = cookies(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "bench",
                                   "password": "bench-password", "next": "/admin/"})
    host = urllib.parse.urlsplit(base).netloc
    status, headers, _, _ = get(base, "/admin/login/", {
        **proxy, "Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://{host}",
        "Referer": f"https://{host}/admin/login/", "Cookie": f"csrftoken={jar['csrftoken']}"}, "POST", form)
    jar.update(cookies(headers))
    if status != 302 or "sessionid" not in jar:
        sys.exit(f"admin login failed ({status})")
    return {**proxy, "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}


def interleaved(rows: list[tuple[str, str, str, dict[str, str]]]) -> dict[str, tuple[float, float, int, int]]:
    """(p50 ms, p95 ms, status, body bytes) of each row, timed round by round: WARMUP rounds, then RUNS."""
    times: dict[str, list[float]] = {name: [] for name, *_ in rows}
    last: dict[str, tuple[int, int]] = {}
    for round_number in range(WARMUP + RUNS):
        for name, base, path, headers in rows:
            status, _h, body, seconds = get(base, path, headers)
            if round_number >= WARMUP:
                times[name].append(seconds * 1000)
            last[name] = (status, len(body))
    results = {}
    for name, found in times.items():
        found.sort()
        results[name] = (statistics.median(found), found[math.ceil(0.95 * RUNS) - 1], *last[name])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", action="store_true", help="queries per page, in-process")
    parser.add_argument("--show-sql", action="store_true", help="with --queries: print every query")
    parser.add_argument("--paths", action="store_true", help="print the URL mix for bench/load.sh and stop")
    parser.add_argument("--app", help="base URL of the app under gunicorn")
    parser.add_argument("--datasette", help="base URL of Datasette with its defaults")
    parser.add_argument("--datasette-tuned", help="base URL of Datasette with suggest_facets off")
    args = parser.parse_args()
    urls = pages()
    if args.paths:
        reports = Report.objects.order_by("id").values_list("slug", flat=True)
        units = Unit.objects.order_by("id").values_list("slug", flat=True)
        extra = [f"/reports/{reports[i]}/" for i in (10, 5000, 15000)] + [f"/units/{units[i]}/" for i in (5, 300)]
        metric = Metric.objects.order_by("id").values_list("id", flat=True)[1234]
        extra += ["/figures/?province=ha-noi", "/search/?q=ma+t%C3%BAy", "/reports/", f"/figures/{metric}/"]
        print("\n".join([*urls.values(), *extra]))
        return
    n_metrics = Metric.objects.count()
    print(f"database {connection.settings_dict['NAME']}: {n_metrics} figures")
    if args.queries:
        count_queries(urls, args.show_sql)
    if not args.app:
        return
    province = Province.objects.get(slug=PROVINCE)
    proxy = {"X-Forwarded-Proto": "https"}
    rows = [(name, args.app, url, proxy) for name, url in urls.items()]
    rows.append(("API figures, same filter", args.app, f"/api/metrics/?kind=percent&province={PROVINCE}&page_size=50",
                 proxy))
    rows.append(("admin changelist, same filter", args.app,
                 f"/admin/reports/metric/?kind__exact=percent&province__id__exact={province.id}", admin_login(args.app)))
    facets = f"?kind=percent&province_id={province.id}&_facet=kind&_facet=change&_facet=province_id&_size=50"
    for label, base in (("Datasette defaults", args.datasette), ("Datasette suggest_facets off", args.datasette_tuned)):
        if base:
            rows += [(f"{label}, HTML", base, f"/kb/metric{facets}", {}),
                     (f"{label}, JSON", base, f"/kb/metric.json{facets}", {})]
    results = interleaved(rows)
    print(f"\n{'page':40} {'p50 ms':>7} {'p95 ms':>7} {'status':>6} {'KB':>5}  URL")
    for name, base, url, _headers in rows:
        p50, p95, status, size = results[name]
        print(f"{name:40} {p50:7.1f} {p95:7.1f} {status:>6} {size / 1024:5.0f}  {url}")
    print("\nratios, theirs / ours (above 1: ours is faster)")
    pairs = [("admin changelist, same filter", "figures, 2 filters + facets")]
    for label in ("Datasette defaults", "Datasette suggest_facets off"):
        pairs += [(f"{label}, HTML", "figures, 2 filters + facets"), (f"{label}, JSON", "API figures, same filter")]
    for theirs, ours in pairs:
        if theirs in results:
            (t50, t95, *_), (o50, o95, *_) = results[theirs], results[ours]
            print(f"{theirs:40} / {ours:30} p50 {t50 / o50:.2f}x  p95 {t95 / o95:.2f}x")


if __name__ == "__main__":
    main()
