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
from reports.extraction.units import find_units, in_province, resolve_unit

# Raise when extraction changes, so that a re-import reads unchanged texts again.
EXTRACTOR_VERSION = 4

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract", "extract_file", "resolve_unit", "sentences"]


def extract_file(path: Path) -> Extraction:
    """`extract` of a report file's text; TextError if the file cannot be a report."""
    return extract(decode(path.read_bytes()))


def extract(text: str) -> Extraction:
    units, officials = find_units(text), find_officials(text)
    spans = unit_spans(text, units, officials)
    starts = [start for start, _, _ in spans]

    def unit_at(offset: int) -> UnitRef | None:
        return spans[bisect_right(starts, offset) - 1][2] if spans else None

    figures = find_figures(text)
    for i, found in enumerate(figures):  # in place: a long text's figures are not held twice
        figures[i] = replace(found, unit=unit_at(found.start))

    return Extraction(
        text=text,
        meta=extract_meta(text),
        unit=unit_at(0),
        units=tuple(ref for u in units if (ref := _in_context(u, u.start, unit_at))),
        officials=tuple(_official_in_context(o, unit_at) for o in officials),
        figures=tuple(figures),
    )


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
