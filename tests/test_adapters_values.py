"""Number and date parsing shared by the adapters: exact money, regional dates, ambiguity."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from orchestration.lib.adapters.values import (
    AmbiguousDate,
    UnreadableValue,
    canonical_amount,
    parse_amount,
    parse_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,250.00", "1250.00"),
        ("$4,000.00", "4000.00"),
        ("-12.50", "-12.50"),
        ("(420.81)", "-420.81"),
        ("-$53,277.15", "-53277.15"),
        ("$(250.00)", "-250.00"),
        ("$-12.50", "-12.50"),
        (" 1234567.5 ", "1234567.5"),
        (".5", "0.5"),
        ("0.00", "0.00"),
    ],
)
def test_report_amounts_read_exactly(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)
    assert canonical_amount(text) == expected


@pytest.mark.parametrize(
    "text", ["1,25.00", "12,3456.00", "abc", "-(5.00)", "$", "1.2.3", "(5.00", "5-", "1e3"]
)
def test_unreadable_amounts_raise_and_pass_through_as_text(text: str) -> None:
    with pytest.raises(UnreadableValue):
        parse_amount(text)
    assert canonical_amount(text) == text.strip()


def test_empty_amount_is_none() -> None:
    assert parse_amount("  ") is None
    assert parse_amount(None) is None
    assert canonical_amount("") is None


def test_excel_numbers_are_exact_or_passed_on_unrounded() -> None:
    assert canonical_amount(1250) == "1250"
    assert canonical_amount(1250.5) == "1250.5"
    assert canonical_amount(0.3) == "0.3"
    # A formula's float artefact is not a 2-decimal amount: it is not rounded into one.
    assert canonical_amount(0.1 + 0.2) == "0.30000000000000004"
    assert canonical_amount(1e-7) == "0.0000001"


def test_dates_under_each_configured_format() -> None:
    assert parse_date("01/15/2025") == date(2025, 1, 15)
    assert parse_date("1/5/2026") == date(2026, 1, 5)
    assert parse_date("16/01/2026", ["DD/MM/YYYY"]) == date(2026, 1, 16)
    assert parse_date("2026-01-16", ["YYYY-MM-DD"]) == date(2026, 1, 16)
    assert parse_date(datetime(2026, 3, 1, 0, 0), ["DD/MM/YYYY"]) == date(2026, 3, 1)
    assert parse_date("") is None


@pytest.mark.parametrize(
    ("text", "formats"),
    [
        ("16/01/2026", ["MM/DD/YYYY"]),
        ("2026-01-16", ["MM/DD/YYYY"]),
        ("02/30/2026", ["MM/DD/YYYY"]),
        ("01/15/26", ["MM/DD/YYYY"]),
        ("January 5, 2026", ["MM/DD/YYYY"]),
    ],
)
def test_unreadable_dates_raise(text: str, formats: list[str]) -> None:
    with pytest.raises(UnreadableValue):
        parse_date(text, formats)


def test_a_date_two_formats_read_differently_is_ambiguous() -> None:
    formats = ["MM/DD/YYYY", "DD/MM/YYYY"]
    with pytest.raises(AmbiguousDate, match="2026-01-02 or 2026-02-01"):
        parse_date("01/02/2026", formats)
    # Only one format fits, or both agree: no ambiguity.
    assert parse_date("16/01/2026", formats) == date(2026, 1, 16)
    assert parse_date("05/05/2026", formats) == date(2026, 5, 5)
