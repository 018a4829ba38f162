from __future__ import annotations

from decimal import Decimal

import pytest

from reports.extraction.numbers import parse_amount, parse_number


@pytest.mark.parametrize(
    ("written", "value"),
    [("22.022", "22022"), ("1.200", "1200"), ("1.234.567", "1234567"), ("10.598", "10598")],
)
def test_it_reads_thousands_dot_as_grouping(written: str, value: str) -> None:
    assert parse_number(written) == Decimal(value)


@pytest.mark.parametrize(("written", "value"), [("7,73", "7.73"), ("98,83", "98.83"), ("62,5", "62.5")])
def test_it_reads_comma_as_the_decimal_mark(written: str, value: str) -> None:
    assert parse_number(written) == Decimal(value)


def test_it_reads_grouping_and_decimal_together() -> None:
    assert parse_number("1.234,5") == Decimal("1234.5")


def test_it_drops_leading_zeros() -> None:
    assert parse_number("03") == 3
    assert parse_number("05") == 5


@pytest.mark.parametrize("written", ["7.73", "1.2", "12.34", "069.2345.678", "1,2,3", "", "abc"])
def test_it_refuses_what_is_no_vietnamese_number(written: str) -> None:
    assert parse_number(written) is None


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1,6 tỷ", "1600000000"),
        ("50 tỷ", "50000000000"),
        ("500 triệu", "500000000"),
        ("2 nghìn", "2000"),
        ("3 ngàn", "3000"),
        ("5 trăm", "500"),
        ("3 nghìn tỷ", "3000000000000"),
        ("1 tỷ 200 triệu", "1200000000"),
        ("1.234,5 tỷ", "1234500000000"),
    ],
)
def test_it_applies_scale_words(written: str, value: str) -> None:
    assert parse_amount(written) == Decimal(value)


@pytest.mark.parametrize(
    ("written", "value"),
    [("hàng trăm", "100"), ("hàng nghìn", "1000"), ("Hàng chục", "10"), ("hàng chục nghìn", "10000")],
)
def test_it_reads_orders_of_magnitude_in_words(written: str, value: str) -> None:
    assert parse_amount(written) == Decimal(value)


def test_it_gives_plain_decimals_without_exponents() -> None:
    assert str(parse_amount("1,6 tỷ")) == "1600000000"
    assert str(parse_number("7,730")) == "7.73"


def test_it_reads_a_plain_number_as_an_amount() -> None:
    assert parse_amount("22.022") == 22022


@pytest.mark.parametrize("written", ["tỷ", "1,6 tỷ đồng", "7.73 triệu", "hàng"])
def test_it_refuses_amounts_with_other_words(written: str) -> None:
    assert parse_amount(written) is None


@pytest.mark.parametrize(
    ("written", "value"), [("2.820 tỷ", "2820000000000"), ("6,6 nghìn tỷ", "6600000000000"), ("0,5 triệu", "500000")]
)
def test_it_reads_sums_written_without_a_currency(written: str, value: str) -> None:
    assert parse_amount(written) == Decimal(value)
