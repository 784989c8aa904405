"""What every layout shares: the Layout description, its header, its input and report metadata."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from orchestration.lib.adapters.values import (
    AmbiguousDate,
    Cell,
    UnreadableValue,
    cell_text,
    parse_amount,
    parse_date,
)
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.sources import ExportSource

if TYPE_CHECKING:
    from orchestration.lib.adapters.accounts import Chart

Row = tuple[int, Sequence[Cell]]
"""One row of a file or sheet: its 1-based row number there, and its cells."""
CanonicalRow = dict[str, str | int | None]
"""A canonical raw row: the source's columns as text, plus `_source_line`."""

_SPACES = re.compile(r"\s+")
_FOOTER = re.compile(r"^(accrual|cash) basis\b", re.IGNORECASE)


def normalized(text: str) -> str:
    """Header text without case and runs of spaces: `Transaction  Date` is `transaction date`."""
    return _SPACES.sub(" ", text.strip()).casefold()


@dataclass(frozen=True)
class Header:
    """The header row found in a file: where it is and the position of each known column."""

    line: int
    positions: Mapping[str, int]


@dataclass
class ReportInfo:
    """What a report says about itself outside its rows, recorded in the landing's metadata."""

    layout: str
    sheet: str | None
    header_line: int
    title_block: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def as_metadata(self) -> dict[str, object]:
        return {
            "layout": self.layout,
            "sheet": self.sheet,
            "header_line": self.header_line,
            "title_block": self.title_block,
            "period": report_period(self.title_block),
            "footer": self.footer,
            "checks": self.checks,
        }


@dataclass(frozen=True)
class AdapterInput:
    """Everything a layout's adapter reads: the rows under the header and the file's settings."""

    file_label: str
    header: Header
    rows: Iterator[Row]
    info: ReportInfo
    date_formats: tuple[str, ...]
    chart: Chart
    """The entity's chart as landed; empty for layouts that do not name accounts."""

    def cell(self, cells: Sequence[Cell], column: str) -> Cell:
        """The cell of a known column, None when the file lacks the column or the row is short."""
        position = self.header.positions.get(column)
        return cells[position] if position is not None and position < len(cells) else None

    def text(self, cells: Sequence[Cell], column: str) -> str:
        return cell_text(self.cell(cells, column))

    def date_text(self, line: int, value: Cell) -> str:
        """The canonical date; an unreadable one passes on as text (the validation rejects its
        row), an ambiguous one refuses the file: the format is wrong for it, not one row."""
        try:
            day = parse_date(value, self.date_formats)
        except AmbiguousDate as error:
            raise UnusableInputError(
                self.file_label, line, "date", f"ambiguous date {error}: configure one date_format"
            ) from error
        except UnreadableValue:
            return cell_text(value)
        return day.isoformat() if day else ""

    def total_amount(self, line: int, cells: Sequence[Cell], column: str) -> Decimal:
        """A total row's amount (0 when empty); an unreadable total refuses the file, since
        the checksum it carries cannot be checked."""
        try:
            return parse_amount(self.cell(cells, column)) or Decimal(0)
        except UnreadableValue as error:
            raise UnusableInputError(
                self.file_label, line, column, f"unreadable total: {error}"
            ) from error

    def check_total(
        self, line: int, cells: Sequence[Cell], column: str, summed: Decimal, what: str
    ) -> None:
        """A total row is a checksum: refuse the file at it when its lines add up otherwise."""
        total = self.total_amount(line, cells, column)
        if total != summed:
            raise UnusableInputError(
                self.file_label,
                line,
                column,
                f"{what} total {total:,.2f} but its lines add up to {summed:,.2f}",
            )


@dataclass(frozen=True)
class Layout:
    """One real export layout: the source it feeds and how to find and read its header.

    `columns` maps each field the adapter reads to the header texts that name it across the
    product's versions; `required` are the fields whose presence identifies the layout.
    `uses_chart`: the rows depend on the chart of accounts (accounts named, not numbered),
    so a changed chart reloads the file. `settings`: what else shapes the rows besides the
    file's bytes (a column mapping's configuration), in the file's fingerprint too.
    """

    name: str
    source: ExportSource
    columns: Mapping[str, tuple[str, ...]]
    required: frozenset[str]
    adapt: Callable[[AdapterInput], Iterator[CanonicalRow]]
    uses_chart: bool = False
    settings: str = ""

    def match_header(self, line: int, cells: Sequence[Cell]) -> Header | None:
        """The header when this row names every required column, else None."""
        texts = [normalized(cell_text(cell)) for cell in cells]
        positions = {
            column: texts.index(alias)
            for column, aliases in self.columns.items()
            for alias in aliases
            if alias in texts
        }
        return Header(line, positions) if self.required <= positions.keys() else None


def footer_text(cells: Sequence[Cell]) -> str | None:
    """QuickBooks' report footer (`Accrual Basis Wednesday, September 02, 2026 ...`), else None.

    Unquoted, its commas split it over several cells: they are joined again."""
    texts = non_empty_texts(cells)
    return ", ".join(texts) if texts and _FOOTER.match(texts[0]) else None


def non_empty_texts(cells: Sequence[Cell]) -> list[str]:
    return [text for text in map(cell_text, cells) if text]


_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_RANGE = re.compile(
    r"(?P<m1>[a-z]+) (?P<d1>\d{1,2})(?:, (?P<y1>\d{4}))?\s*(?:-|through)\s*"
    r"(?P<m2>[a-z]+) (?P<d2>\d{1,2}), (?P<y2>\d{4})"
)


def report_period(title_block: Sequence[str]) -> tuple[str, str] | None:
    """The report's date range from its title block (`January 1 - June 30, 2026`, Desktop's
    `January 1 through June 30, 2026`) as ISO dates;
    None for `All Dates` or a title block without one."""
    for line in title_block:
        found = _RANGE.fullmatch(normalized(line))
        if found and found["m1"] in _MONTHS and found["m2"] in _MONTHS:
            end_year = int(found["y2"])
            start_year = int(found["y1"] or end_year)
            start = f"{start_year:04d}-{_MONTHS[found['m1']]:02d}-{int(found['d1']):02d}"
            end = f"{end_year:04d}-{_MONTHS[found['m2']]:02d}-{int(found['d2']):02d}"
            return start, end
    return None
