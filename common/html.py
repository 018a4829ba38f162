"""Django's `format_html` for the hot paths (a list's rows, a select's options, a chart's bars): the
same escaping, `html.escape` of each value that is not already safe, without the layers of lazy
checks that made escaping a fifth of a list page's time when done a thousand times."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django.utils.safestring import SafeString


def html_format(template: str, *args: Any) -> SafeString:
    """`template.format(*args)` with each argument escaped unless it is safe HTML (has __html__)."""
    return SafeString(template.format(*[arg.__html__() if hasattr(arg, "__html__") else escape(str(arg))
                                        for arg in args]))


def html_join(template: str, rows: Iterable[Iterable[Any]]) -> SafeString:
    """`html_format(template, *row)` for each row, joined."""
    return SafeString("".join(html_format(template, *row) for row in rows))
