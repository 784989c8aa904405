"""Which layout a report file has: named in cogs_recon.yml, or found from its content.

The header row is found by its set of columns anywhere in the first rows (QuickBooks puts a
title block of varying height above it), so a file's name and the rows before the header do
not matter. A CSV whose name starts with a canonical source's name is a canonical file and
never reaches the adapters.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from orchestration.lib.adapters.base import Header, Layout, non_empty_texts
from orchestration.lib.adapters.readers import READABLE_SUFFIXES, SheetRows, open_sheets
from orchestration.lib.adapters.registry import LAYOUTS
from orchestration.lib.adapters.values import DEFAULT_DATE_FORMATS
from orchestration.lib.config import ExportRule
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.sources import EXPORT_SOURCES

HEADER_SEARCH_ROWS = 30
"""How far down a sheet the header may be: QuickBooks' title block is 3 or 4 rows."""


@dataclass(frozen=True)
class ReportFile:
    """A real export file in the folder and how to read it."""

    path: Path
    layout: Layout
    entity: str | None
    date_formats: tuple[str, ...]


@dataclass(frozen=True)
class FoundHeader:
    """A sheet's header, with the title block above it and the rows after it still to read."""

    sheet: SheetRows
    layout: Layout
    header: Header
    title_block: list[str]


def is_canonical(path: Path) -> bool:
    """A canonical export: a CSV named after its source (`gl_journal_lines_2026_01.csv`)."""
    return path.suffix == ".csv" and any(
        path.name.startswith(source.name) for source in EXPORT_SOURCES
    )


def find_header(sheets: Sequence[SheetRows], layouts: Sequence[Layout]) -> FoundHeader | None:
    """The first sheet row, within the first rows of a sheet, that is the header of a layout.

    When one row is the header of several layouts, the one naming more of its columns wins
    (a tie means the layouts cannot be told apart: a defect in their definitions)."""
    for sheet in sheets:
        title_block: list[str] = []
        for line, cells in sheet.rows:
            matches = sorted(
                (
                    (header, layout)
                    for layout in layouts
                    if (header := layout.match_header(line, cells)) is not None
                ),
                key=lambda match: len(match[0].positions),
                reverse=True,
            )
            if matches:
                header, layout = matches[0]
                if len(matches) > 1 and len(matches[1][0].positions) == len(header.positions):
                    raise AssertionError(f"{layout.name} and {matches[1][1].name} tie")
                return FoundHeader(sheet, layout, header, title_block)
            title_block.extend(non_empty_texts(cells))
            if line >= HEADER_SEARCH_ROWS:
                break
    return None


def detect_layout(path: Path) -> Layout:
    """The layout whose header the file holds; refused naming the file when none is found."""
    with open_sheets(path) as sheets:
        found = find_header(sheets, list(LAYOUTS.values()))
    if found is None:
        raise UnusableInputError(
            path.name,
            None,
            None,
            f"not a known export: no row among the first {HEADER_SEARCH_ROWS} of any sheet is "
            f"the header of a known layout ({', '.join(LAYOUTS)}); name its layout under "
            "`exports:` in cogs_recon.yml, or move it out of the exports folder",
        )
    return found.layout


def report_files(exports_dir: Path, rules: Sequence[ExportRule]) -> Iterator[ReportFile]:
    """Every non-canonical CSV or Excel file of the folder with its layout and settings."""
    for path in sorted(exports_dir.iterdir(), key=lambda path: path.name):
        if path.suffix.lower() not in READABLE_SUFFIXES or is_canonical(path):
            continue
        rule = next((rule for rule in rules if rule.matches(path.name)), None)
        if rule and rule.mapped:
            layout = rule.mapped
        else:
            layout = LAYOUTS[rule.layout] if rule and rule.layout else detect_layout(path)
        yield ReportFile(
            path=path,
            layout=layout,
            entity=rule.entity if rule else None,
            date_formats=rule.date_formats if rule else DEFAULT_DATE_FORMATS,
        )
