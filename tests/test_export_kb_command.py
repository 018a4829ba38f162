from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from reports.importing import save_extracted
from reports.models import Metric

pytestmark = pytest.mark.django_db


def _export(tmp_path=None) -> dict:
    if tmp_path is None:
        out = StringIO()
        call_command("export_kb", stdout=out)
        return json.loads(out.getvalue())
    path = tmp_path / "kb.json"
    call_command("export_kb", "--output", str(path), stderr=StringIO())
    return json.loads(path.read_text(encoding="utf-8"))


def test_it_writes_the_documented_shape(extraction):
    save_extracted("a.txt", extraction)

    kb = _export()

    assert set(kb) >= {"reports", "units", "officials", "metrics"}
    report = kb["reports"][0]
    assert report == report | {
        "source": "a.txt",
        "title": "Báo cáo của Cục CSGT năm 2024",
        "event_date": "2024-12-26",
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "url": "https://example.vn/bao-cao",
        "author": "Nhóm PV",
    }
    nghe_an = next(u for u in kb["units"] if u["name"] == "Công an tỉnh Nghệ An")
    assert nghe_an | {"kind": "provincial", "province": "Nghệ An", "aliases": ["Công an Nghệ An"]} == nghe_an
    assert kb["officials"] == [
        {
            "name": "Nguyễn Văn Trung",
            "rank": "Thiếu tướng",
            "positions": [{"title": "Cục trưởng", "unit": "Cục Cảnh sát giao thông", "report": "a.txt"}],
        }
    ]
    metric = next(m for m in kb["metrics"] if m["figure"] == "7,73%")
    assert metric | {
        "report": "a.txt",
        "unit": "Cục Cảnh sát giao thông",
        "value": "7.73",
        "value_max": None,
        "kind": "percent",
        "qualifier": "exact",
        "change": "decrease",
        "verified": False,
    } == metric
    text = extraction.text
    assert text[metric["start"] : metric["end"]] == "7,73%"


def test_large_values_are_plain_decimal_strings(extraction):
    save_extracted("a.txt", extraction)
    Metric.objects.filter(figure="284").update(value=Decimal("50000000000"), status=Metric.Status.CORRECTED)

    metric = next(m for m in _export()["metrics"] if m["figure"] == "284")

    assert metric["value"] == "50000000000"
    assert metric["verified"] is True
    assert metric["extracted"]["value"] == "284"


def test_rejected_figures_are_left_out(extraction, tmp_path):
    save_extracted("a.txt", extraction)
    Metric.objects.filter(figure="284").update(status=Metric.Status.REJECTED)

    assert [m["figure"] for m in _export(tmp_path)["metrics"]] == ["7,73%"]
