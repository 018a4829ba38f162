"""The knowledge-base export (format: ../shared/eval/EXPORT.md), written as a stream.

Metrics are read in chunks and written one by one, so the export of a million figures does
not hold them all in memory.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, TextIO

from django.db.models import Prefetch

from common.formats import plain_decimal
from reports.models import Metric, Position, Report
from units.models import Official, Unit

CHUNK = 2000


def write_export(out: TextIO) -> None:
    out.write("{\n")
    sections = [
        ("reports", _reports()),
        ("units", _units()),
        ("officials", _officials()),
        ("metrics", _metrics()),
    ]
    for i, (name, rows) in enumerate(sections):
        out.write(f'"{name}": [')
        _write_rows(out, rows)
        out.write("]" + (",\n" if i < len(sections) - 1 else "\n"))
    out.write("}\n")


def _write_rows(out: TextIO, rows: Iterable[dict[str, Any]]) -> None:
    for i, row in enumerate(rows):
        out.write(("," if i else "") + "\n  " + json.dumps(row, ensure_ascii=False, default=_json_default))
    out.write("\n")


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def _reports() -> Iterator[dict[str, Any]]:
    reports = Report.objects.select_related("unit").order_by("source").defer("text")
    for r in reports.iterator(chunk_size=CHUNK):
        yield {
            "source": r.source,
            "title": r.title,
            "event_date": r.event_date,
            "period_start": r.period_start,
            "period_end": r.period_end,
            "url": r.url or None,
            "author": r.author or None,
            "unit": r.unit.name if r.unit else None,
            "content_hash": r.content_hash,
        }


def _units() -> Iterator[dict[str, Any]]:
    units = Unit.objects.select_related("province", "parent").prefetch_related("aliases").order_by("name")
    for u in units.iterator(chunk_size=CHUNK):
        yield {
            "name": u.name,
            "kind": u.kind,
            "province": u.province.name if u.province else None,
            "aliases": [a.name for a in u.aliases.all()],
            "parent": u.parent.name if u.parent else None,
        }


def _officials() -> Iterator[dict[str, Any]]:
    positions = Position.objects.select_related("unit", "report").only(
        "title", "official_id", "unit__name", "report__source"
    )
    officials = Official.objects.prefetch_related(Prefetch("positions", queryset=positions)).order_by("name")
    for o in officials.iterator(chunk_size=CHUNK):
        yield {
            "name": o.name,
            "rank": o.rank or None,
            "positions": [
                {"title": p.title, "unit": p.unit.name if p.unit else None, "report": p.report.source}
                for p in o.positions.all()
            ],
        }


def _metrics() -> Iterator[dict[str, Any]]:
    metrics = (
        Metric.objects.public().select_related("report", "unit")
        .defer("report__text", "report__search_vector").order_by("report__source", "start")
    )
    for m in metrics.iterator(chunk_size=CHUNK):
        yield {
            "report": m.report.source,
            "unit": m.unit.name if m.unit else None,
            "start": m.start,
            "end": m.end,
            "figure": m.figure,
            "value": m.value,
            "value_max": m.value_max,
            "total": m.total,
            "target": m.target,
            "kind": m.kind,
            "measure": m.measure,
            "qualifier": m.qualifier,
            "change": m.change or None,
            "sentence": m.sentence,
            "verified": m.is_verified,
            "status": m.status,
            "confidence": round(m.confidence, 3),
            "extracted": m.extracted,
        }
