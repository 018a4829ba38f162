"""Extraction: report text in, plain records out. Plain Python, no Django.

`extract(text)` finds the report's metadata, the units and officials it names and its figures,
and gives each figure the unit whose section it stands in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from reports.extraction.figures import find_figures, sentences
from reports.extraction.metadata import extract_meta
from reports.extraction.people import find_officials
from reports.extraction.records import Extraction, OfficialMention, Position, UnitRef
from reports.extraction.sections import unit_spans
from reports.extraction.text import decode
from reports.extraction.units import (
    MINISTRY,
    UNNAMED_PROVINCIAL,
    division_of,
    find_units,
    in_province,
    province_of_outlet,
    resolve_unit,
)

# Raise when extraction changes, so that a re-import reads unchanged texts again.
EXTRACTOR_VERSION = 5

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract", "extract_file", "resolve_unit", "sentences"]


def extract_file(path: Path) -> Extraction:
    """`extract` of a report file's text; TextError if the file cannot be a report."""
    return extract(decode(path.read_bytes()))


# How much less sure a figure is when its unit's province was read from the outlet, not the text.
OUTLET_DOUBT = 0.15


def extract(text: str) -> Extraction:
    units, officials = find_units(text), find_officials(text)
    spans = unit_spans(text, units, officials)
    meta = extract_meta(text)
    from_outlet = _police_of_outlet(meta.url, units, spans)
    if from_outlet:
        spans[0] = (spans[0][0], spans[0][1], from_outlet)
    starts = [start for start, _, _ in spans]

    def unit_at(offset: int) -> UnitRef | None:
        return spans[bisect_right(starts, offset) - 1][2] if spans else None

    figures = find_figures(text)
    for i, found in enumerate(figures):  # in place: a long text's figures are not held twice
        unit = unit_at(found.start)
        doubt = OUTLET_DOUBT if from_outlet and unit is from_outlet else 0
        figures[i] = replace(found, unit=unit, confidence=round(max(0.1, found.confidence - doubt), 2))

    return Extraction(
        text=text,
        meta=meta,
        unit=unit_at(0),
        units=tuple(ref for u in units if (ref := _in_context(u, u.start, unit_at))),
        officials=tuple(_official_in_context(o, unit_at) for o in officials),
        figures=tuple(figures),
    )


def _police_of_outlet(url: str | None, units: list[UnitRef], spans: list[tuple[int, int, UnitRef | None]]
                      ) -> UnitRef | None:
    """The provincial police a report is about when its text never names a province but its outlet
    does (a provincial paper's site, "baonghean.vn"): for the report's own part, if the text gives
    it no unit, only the ministry or a "Công an tỉnh" of no province."""
    province = province_of_outlet(url)
    if not province or not spans or any(u.province for u in units):
        return None
    main = spans[0][2]
    if main is not None and main.name not in {MINISTRY, UNNAMED_PROVINCIAL}:
        return None
    police = resolve_unit(f"Công an {division_of(province)} {province}")
    return replace(police, surface=police.name, from_outlet=True) if police else None


def _in_context(ref: UnitRef | None, offset: int, unit_at: Callable[[int], UnitRef | None]) -> UnitRef | None:
    """A bare "Công an tỉnh", or a department of it, inside a provincial police's section is that
    police's."""
    if ref is None or ref.province:
        return ref
    here = unit_at(offset)
    return in_province(ref, here) if here is not None else ref


def _official_in_context(mention: OfficialMention, unit_at: Callable[[int], UnitRef | None]) -> OfficialMention:
    positions = tuple(Position(p.title, _in_context(p.unit, mention.start, unit_at)) for p in mention.positions)
    return replace(mention, positions=positions)
