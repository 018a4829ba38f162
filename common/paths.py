"""Page addresses at the cost of a string replacement: a list of 50 figures links each row's figure,
unit, report and indicator, and a `reverse()` per link was a fifth of the page's time."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse

# Stands for the argument while the pattern is reversed: digits, so that both <int:…> and <slug:…> take it.
_MARK = "90817263544536271809"


def page_url(viewname: str, arg: str | int) -> str:
    """`reverse(viewname, args=[arg])` for a page of one slug or id."""
    before, after = _pattern(viewname, get_script_prefix(), get_urlconf())
    return f"{before}{quote(str(arg), safe='-_')}{after}"


@lru_cache(maxsize=128)
def _pattern(viewname: str, prefix: str, urlconf: str | None) -> tuple[str, str]:
    before, mark, after = reverse(viewname, args=[_MARK], urlconf=urlconf).partition(_MARK)
    assert mark, f"{viewname} does not take one argument"
    return before, after
