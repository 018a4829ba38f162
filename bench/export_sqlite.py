#!/usr/bin/env python3
"""Copy the province, unit, report and metric tables of a PostgreSQL database into a SQLite file
for Datasette, with the same columns (report without its text) and the same B-tree indexes.

    .venv/bin/python bench/export_sqlite.py postgres://postgres@127.0.0.1:5432/chiso_bench1m /tmp/chiso-bench/kb.db
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import time
from decimal import Decimal
from pathlib import Path

import psycopg

TABLES = {  # SQLite name: (PostgreSQL table, columns, foreign keys)
    "province": ("units_province", "id name full_name slug is_current successor_id", {}),
    "unit": ("units_unit", "id name slug kind parent_id province_id", {"parent_id": "unit", "province_id": "province"}),
    "report": ("reports_report", "id source title slug event_date period_start period_end url author unit_id",
               {"unit_id": "unit"}),
    "metric": ("reports_metric", "id report_id unit_id province_id start end figure value value_max total target kind "
               "measure measure_key indicator_id qualifier change sentence confidence status needs_review version",
               {"report_id": "report", "unit_id": "unit", "province_id": "province"}),
}
INDEXES = ["metric(province_id, kind)", "metric(kind, change)", "metric(indicator_id, kind)", "metric(unit_id, kind)",
           "metric(status, confidence)", "metric(report_id, start, end)", "metric(province_id)", "metric(unit_id)",
           "unit(province_id)", "report(unit_id)"]


def column_type(column: str) -> str:
    """The SQLite type, so that a filter such as ?province_id=17 compares numbers with numbers."""
    if column == "id":
        return "INTEGER PRIMARY KEY"
    if column.endswith("_id") or column in {"start", "end", "version", "is_current", "needs_review"}:
        return "INTEGER"
    return "REAL" if column in {"value", "value_max", "total", "target", "confidence"} else "TEXT"


def plain(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def main() -> None:
    url, out = sys.argv[1], Path(sys.argv[2])
    out.unlink(missing_ok=True)
    t0 = time.perf_counter()
    db = sqlite3.connect(out)
    with psycopg.connect(url) as pg:
        for table, (source, columns, fks) in TABLES.items():
            cols = columns.split()
            defs = ", ".join(f'"{c}" {column_type(c)}{f" REFERENCES {fks[c]}(id)" if c in fks else ""}' for c in cols)
            db.execute(f"CREATE TABLE {table} ({defs})")
            quoted = ", ".join(f'"{c}"' for c in cols)
            cur = pg.cursor(name=f"export_{table}")  # server-side: streamed, flat memory
            cur.execute(f"SELECT {quoted} FROM {source} ORDER BY id")
            while rows := cur.fetchmany(20_000):
                db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})",
                               [tuple(map(plain, r)) for r in rows])
            cur.close()
    for i, index in enumerate(INDEXES):
        db.execute(f"CREATE INDEX idx_{i} ON {index.replace('end', '\"end\"')}")
    db.commit()
    db.execute("ANALYZE")
    db.close()
    print(f"{out}: {out.stat().st_size / 2**20:.0f} MB in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
