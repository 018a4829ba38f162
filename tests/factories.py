"""Small hand-made extractions for tests of the import, the export and the pages."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

from reports.extraction.records import Extraction, Figure, OfficialMention, Position, ReportMeta, UnitRef

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parent.parent / "seeds"
MAKE_CORPUS = Path(__file__).parent.parent / "bench" / "make_corpus.py"

MINISTRY = UnitRef(name="Bộ Công an", kind="ministry")
TRAFFIC = UnitRef(name="Cục Cảnh sát giao thông", kind="department", surface="Cục CSGT", parent="Bộ Công an")
NGHE_AN = UnitRef(name="Công an tỉnh Nghệ An", kind="provincial", surface="Công an Nghệ An", province="Nghệ An",
                  parent="Bộ Công an")

TEXT = (
    "Báo cáo của Cục CSGT năm 2024\n\n"
    "Thiếu tướng Nguyễn Văn Trung, Cục trưởng Cục CSGT cho biết số người chết giảm 7,73%.\n"
    "Công an Nghệ An đã xây dựng 284 cấp xã sạch về ma túy.\n"
)


def figure(text: str, written: str, value: str, unit: UnitRef | None = None, **fields: Any) -> Figure:
    """A Figure for `written` where it first stands in `text`."""
    start = text.index(written)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start) % (len(text) + 1)
    return Figure(
        start=start,
        end=start + len(written),
        figure=written,
        value=Decimal(value),
        kind=fields.pop("kind", "count"),
        measure=fields.pop("measure", ""),
        sentence=fields.pop("sentence", text[line_start:line_end]),
        unit=unit,
        **fields,
    )


def make_extraction(text: str = TEXT, **overrides: Any) -> Extraction:
    fields: dict[str, Any] = {
        "text": text,
        "meta": ReportMeta(
            title="Báo cáo của Cục CSGT năm 2024",
            event_date=dt.date(2024, 12, 26),
            period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2024, 12, 31),
            url="https://example.vn/bao-cao",
            author="Nhóm PV",
        ),
        "unit": TRAFFIC,
        "units": (TRAFFIC, NGHE_AN),
        "officials": (
            OfficialMention(
                name="Nguyễn Văn Trung",
                start=text.find("Nguyễn"),
                end=text.find("Nguyễn") + 16,
                rank="Thiếu tướng",
                positions=(Position("Cục trưởng", TRAFFIC),),
            ),
        ),
        "figures": tuple(
            f
            for f in [
                figure(text, "7,73%", "7.73", TRAFFIC, kind="percent", measure="số người chết", change="decrease")
                if "7,73%" in text
                else None,
                figure(text, "284", "284", NGHE_AN, measure="cấp xã sạch về ma túy") if "284" in text else None,
            ]
            if f
        ),
    }
    fields.update(overrides)
    return Extraction(**fields)


def load_make_corpus() -> ModuleType:
    """bench/make_corpus.py, the synthetic corpus generator (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("make_corpus", MAKE_CORPUS)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


def log_in_editor(client: Any) -> Any:
    """A member of the editors group, logged in on `client`."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", password="pw-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    client.force_login(user)
    return user
