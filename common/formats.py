"""How values are written for machines (CSV, JSON, the export): one rule each."""

from __future__ import annotations

from decimal import Decimal


def plain_decimal(value: Decimal) -> str:
    """A decimal as a plain string without trailing zeros or an exponent: "7.73", "22022",
    never "7.7300" or "2.2022E+4"."""
    return format(Decimal(value).normalize(), "f")
