"""Number and date parsing shared by every adapter: report texts and Excel cells to canonical text.

Reports print amounts for people (`"1,250.00"`, `(420.81)`, `-$53,277.15`, `$(250.00)`) and
dates in the company's regional format; the canonical tables want `-1234.50` and `YYYY-MM-DD`.
Money never passes through a float: texts are cut with string operations into a `Decimal`, and
an Excel number cell (a float) becomes `Decimal(repr(value))`, the shortest decimal that reads
back as the same float. When that decimal has more than 2 places the cell does not hold a
2-decimal amount (a formula's `0.1 + 0.2` is `0.30000000000000004`): it is passed on as that
text and the validation rejects the row, instead of being rounded in silence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

Cell = str | int | float | Decimal | datetime | date | None
"""What a reader hands an adapter: text from a CSV, typed values from an Excel sheet."""

DATE_FORMATS = {"MM/DD/YYYY": "mdy", "DD/MM/YYYY": "dmy", "YYYY-MM-DD": "iso"}
DEFAULT_DATE_FORMATS = ("MM/DD/YYYY",)
_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+")
_CURRENCY_SIGNS = "$€£"
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class UnreadableValue(ValueError):
    """A value no rule reads; the adapter passes the text on for the validation to reject."""


class AmbiguousDate(ValueError):
    """A date that the configured formats read as two different days (01/02/2026)."""


def cell_text(value: Cell) -> str:
    """The cell as the text a person sees, stripped; empty for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def _strip_currency(text: str) -> str:
    return text[1:].lstrip() if text[:1] and text[0] in _CURRENCY_SIGNS else text


def parse_amount(value: Cell) -> Decimal | None:
    """The exact amount of a cell, None when empty; UnreadableValue when no rule reads it.

    Negatives: `-x`, `(x)`, `-$x`, `$-x`, `$(x)`; thousands separators only in groups of three.
    """
    if value is None:
        return None
    if isinstance(value, bool | datetime | date):
        raise UnreadableValue(f"{value!r} is not an amount")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = value.strip()
    if not text:
        return None
    negative = text.startswith("-")
    body = _strip_currency(text.lstrip("-").lstrip())
    if body.startswith("-"):
        negative, body = not negative, body[1:]
    if body.startswith("(") and body.endswith(")"):
        negative, body = not negative, _strip_currency(body[1:-1].strip())
        if text.startswith("-"):
            raise UnreadableValue(f"{text!r} is negative twice")
    if not _NUMBER.fullmatch(body):
        raise UnreadableValue(f"{text!r} is not an amount")
    amount = Decimal(body.replace(",", ""))
    return -amount if negative else amount


def amount_text(amount: Decimal | None) -> str | None:
    """The canonical text of an amount: plain digits, `-` for negatives, no exponent."""
    return None if amount is None else format(amount, "f")


def canonical_amount(value: Cell) -> str | None:
    """The cell as canonical amount text, or its own text when no rule reads it."""
    try:
        return amount_text(parse_amount(value))
    except UnreadableValue:
        return cell_text(value)


def check_date_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """The formats, refused (ValueError naming the allowed ones) when one is unknown."""
    for name in formats:
        if name not in DATE_FORMATS:
            raise ValueError(f"date format {name!r} is not one of {', '.join(DATE_FORMATS)}")
    if not formats:
        raise ValueError("at least one date format is required")
    return tuple(formats)


def _read_as(text: str, style: str) -> date | None:
    """The day the text names in one style, None when it does not fit or is no calendar day."""
    if style == "iso":
        found = _ISO.fullmatch(text)
        parts = found and (found[1], found[2], found[3])
    else:
        found = _SLASHED.fullmatch(text)
        parts = found and (
            (found[3], found[1], found[2]) if style == "mdy" else (found[3], found[2], found[1])
        )
    if not parts:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def parse_date(value: Cell, formats: Sequence[str] = DEFAULT_DATE_FORMATS) -> date | None:
    """The day a cell names under the configured formats; None when empty.

    An Excel date cell is a date whatever the formats. A text two formats read as different
    days raises AmbiguousDate: which one the company meant is not in the file.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    days = {day for name in formats if (day := _read_as(text, DATE_FORMATS[name])) is not None}
    if len(days) > 1:
        raise AmbiguousDate(
            f"{text!r} reads as {' or '.join(sorted(day.isoformat() for day in days))} "
            f"under {', '.join(formats)}"
        )
    if not days:
        raise UnreadableValue(f"{text!r} is not a date in {', '.join(formats)}")
    return days.pop()
