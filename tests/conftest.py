from __future__ import annotations

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from factories import SEEDS, make_extraction

from common import choices
from reports.extraction.records import Extraction


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts without what earlier tests' pages cached (counts, facets, choice lists)."""
    cache.clear()
    choices.forget()


@pytest.fixture
def extraction() -> Extraction:
    return make_extraction()


@pytest.fixture
def seeds_kb(db) -> None:
    """The three seed reports, imported."""
    call_command("import_reports", str(SEEDS), stdout=StringIO())
