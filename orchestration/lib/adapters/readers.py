"""Rows of a CSV file or of the sheets of an Excel workbook, streamed, with their row numbers.

Excel files are read with openpyxl in read-only mode, one row at a time, with values (not
formulas) and the sheet's real extent (`reset_dimensions`: some writers store a wrong one).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from orchestration.lib.adapters.base import Row
from orchestration.lib.errors import UnusableInputError

READABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class SheetRows:
    """One table of a file: a CSV file or one sheet of a workbook (`sheet` None for CSV)."""

    sheet: str | None
    rows: Iterator[Row]


def file_label(file_name: str, sheet: str | None) -> str:
    """The name rows carry as `_source_file`: the file, with `#Sheet` for a workbook's sheet."""
    return file_name if sheet is None else f"{file_name}#{sheet}"


def _csv_rows(path: Path) -> Iterator[Row]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            yield from enumerate(csv.reader(handle), start=1)
    except UnicodeDecodeError as error:
        raise UnusableInputError(path.name, None, None, f"not UTF-8 text ({error})") from error
    except csv.Error as error:
        raise UnusableInputError(path.name, None, None, f"not a CSV file ({error})") from error


@contextmanager
def open_sheets(path: Path) -> Iterator[list[SheetRows]]:
    """The file's tables, each a stream of rows; the workbook is closed on exit."""
    if path.suffix.lower() == ".csv":
        yield [SheetRows(None, _csv_rows(path))]
        return
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError, ValueError... on a bad file
        raise UnusableInputError(
            path.name, None, None, f"not an Excel workbook ({error})"
        ) from error
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()
            sheets.append(
                SheetRows(worksheet.title, enumerate(worksheet.iter_rows(values_only=True), 1))
            )
        yield sheets
    finally:
        workbook.close()
