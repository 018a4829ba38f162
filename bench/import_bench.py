#!/usr/bin/env python3
"""Import speed and peak memory of `manage.py import_reports` on PostgreSQL.

    .venv/bin/python bench/import_bench.py --reports 1000
    .venv/bin/python bench/import_bench.py --reports 10000

Makes the corpus with bench/make_corpus.py (cached under /tmp/chiso-bench/), drops and re-creates
the scratch database (default chiso_benchimp), migrates it, then times one
`manage.py import_reports DIR` run (default --jobs: one worker per core) and reads its peak RSS
(os.wait4: the largest ru_maxrss of that process and the workers it waited for). Prints reports/s,
figures/s and peak RSS. Wall time includes Django start-up (about 1 s).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def recreate(db: str) -> None:
    if db in {"chiso", "test_chiso"}:
        sys.exit(f"refusing to touch {db}: it belongs to others")
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", default="chiso_benchimp")
    args = parser.parse_args()

    corpus = Path(f"/tmp/chiso-bench/corpus-{args.reports}-{args.seed}")
    if not (corpus / "gold.json").exists():
        subprocess.run([PY, ROOT / "bench/make_corpus.py", "--reports", str(args.reports), "--seed", str(args.seed),
                        "--out", corpus], check=True, stdout=subprocess.DEVNULL)
    url = f"{SERVER}/{args.db}"
    env = {**os.environ, "DATABASE_URL": url}
    recreate(args.db)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)

    t0 = time.perf_counter()
    child = subprocess.Popen([PY, "manage.py", "import_reports", "-v0", corpus], cwd=ROOT, env=env)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage: ru_maxrss in KiB
    wall = time.perf_counter() - t0
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"import_reports failed ({child.returncode})")
    peak_kib = usage.ru_maxrss
    with psycopg.connect(url) as conn:
        reports, figures = conn.execute(
            "SELECT (SELECT count(*) FROM reports_report), (SELECT count(*) FROM reports_metric)"
        ).fetchone()
    cpu = usage.ru_utime + usage.ru_stime
    print(f"import {args.reports} reports: {reports} reports, {figures} figures in {wall:.1f} s = "
          f"{reports / wall:.1f} reports/s, {figures / wall:.0f} figures/s; peak RSS {peak_kib / 1024:.0f} MB; "
          f"importer CPU {cpu:.1f} s, workers included ({reports / cpu:.1f} reports per CPU-second; "
          "PostgreSQL's CPU not included)")


if __name__ == "__main__":
    main()
