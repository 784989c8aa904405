"""The controller's workbook: summary, roll-forward, breaks, proposed entry, variance chart."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import _writer as cell_writer
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from orchestration.lib.report import Row, format_cell
from orchestration.lib.warehouse import WarehouseConnection

AMOUNT_FORMAT = "#,##0.00;[Red]-#,##0.00"
MONTH_FORMAT = "yyyy-mm"
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FONT = Font(bold=True)
FROZEN_BELOW_HEADER = "A2"
COLUMN_PADDING = 3  # characters beyond the longest value: headers are bold
MAX_COLUMN_WIDTH = 60
CHART_SHEET = "Variance chart"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, the row key it shows and its number format."""

    title: str
    key: str
    number_format: str | None = None


@dataclass(frozen=True)
class Sheet:
    """A table sheet and the query (parameter `$period`) that fills it."""

    title: str
    columns: tuple[Column, ...]
    query: str


def _amount(title: str, key: str) -> Column:
    """A money column."""
    return Column(title, key, AMOUNT_FORMAT)


ENTITY = Column("Entity", "entity")
PERIOD = Column("Period", "period_start", MONTH_FORMAT)
STATUS = Column("Status", "status")
COMPUTED_COGS = _amount("Computed COGS", "computed_cogs")
POSTED_COGS = _amount("Posted COGS", "posted_cogs")
VARIANCE = _amount("Variance", "variance")

SUMMARY = Sheet(
    "Summary",
    (
        ENTITY,
        PERIOD,
        STATUS,
        COMPUTED_COGS,
        POSTED_COGS,
        VARIANCE,
        _amount("Inventory difference", "inventory_difference"),
        _amount("True-up amount", "true_up_amount"),
        Column("Status reason", "status_reason"),
    ),
    "select * from marts.fct_cogs_reconciliation where period_start = $period order by entity",
)
ROLL_FORWARD = Sheet(
    "Roll-forward",
    (
        ENTITY,
        PERIOD,
        _amount("Beginning inventory", "beginning_inventory"),
        _amount("Purchases", "purchases"),
        _amount("Adjustments", "adjustments"),
        _amount("Ending inventory", "ending_inventory"),
        COMPUTED_COGS,
        POSTED_COGS,
        VARIANCE,
        STATUS,
    ),
    "select * from marts.fct_cogs_reconciliation where period_start <= $period "
    "order by entity, period_start",
)
BREAKS = Sheet(
    "Breaks",
    (
        ENTITY,
        PERIOD,
        Column("Break type", "break_type"),
        Column("Reference", "reference"),
        _amount("ERP amount", "erp_amount"),
        _amount("GL amount", "gl_amount"),
        _amount("COGS effect", "cogs_effect"),
        _amount("Inventory effect", "inventory_effect"),
        Column("Explanation", "explanation"),
    ),
    # The contract's columns by name: the sheet needs exactly these, largest effect first.
    "select entity, period_start, break_type, reference, erp_amount, gl_amount, cogs_effect, "
    "inventory_effect, explanation from marts.fct_reconciliation_breaks "
    "where period_start = $period order by entity, "
    "greatest(abs(cogs_effect), abs(inventory_effect)) desc, break_type, reference",
)
PROPOSED_ENTRY = Sheet(
    "Proposed entry",
    (
        ENTITY,
        Column("Journal", "journal_number"),
        Column("Date", "journal_date", DATE_FORMAT),
        Column("Line", "line_number"),
        Column("Account", "account_number"),
        Column("Account name", "account_name"),
        _amount("Debit", "debit"),
        _amount("Credit", "credit"),
        Column("Memo", "memo"),
    ),
    "select * from marts.fct_true_up_journal_lines where period_start = $period "
    "order by entity, journal_number, line_number",
)
SHEETS = (SUMMARY, ROLL_FORWARD, BREAKS, PROPOSED_ENTRY)


def read_workbook_data(con: WarehouseConnection, period: date) -> dict[str, list[Row]]:
    """Each table sheet's rows for the period, keyed by sheet title."""
    return {sheet.title: con.records(sheet.query, {"period": period}) for sheet in SHEETS}


def build_workbook(data: Mapping[str, Sequence[Row]]) -> Workbook:
    """The table sheets in order, then the variance chart over the roll-forward."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in SHEETS:
        write_table(workbook.create_sheet(sheet.title), sheet.columns, data[sheet.title])
    add_variance_chart(workbook.create_sheet(CHART_SHEET), data[ROLL_FORWARD.title])
    return workbook


def write_table(worksheet: Worksheet, columns: Sequence[Column], rows: Sequence[Row]) -> None:
    """Bold frozen header, values as they are (Decimal stays Decimal), formats and widths."""
    worksheet.append([column.title for column in columns])
    for cell in worksheet[1]:
        cell.font = HEADER_FONT
    for row in rows:
        worksheet.append([row[column.key] for column in columns])
    for index, column in enumerate(columns, start=1):
        if column.number_format:
            for (cell,) in worksheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = column.number_format
        worksheet.column_dimensions[get_column_letter(index)].width = column_width(column, rows)
    worksheet.freeze_panes = FROZEN_BELOW_HEADER
    fit_to_page_width(worksheet)


def fit_to_page_width(worksheet: Worksheet) -> None:
    """Printed landscape, one page wide, the header repeated on every page."""
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.print_title_rows = "1:1"


def column_width(column: Column, rows: Sequence[Row]) -> int:
    """Wide enough for the header and the longest value as displayed, within a cap."""
    longest = max([len(column.title)] + [_display_length(row[column.key]) for row in rows])
    return min(longest + COLUMN_PADDING, MAX_COLUMN_WIDTH)


def _display_length(value: Any) -> int:
    """Characters a value takes on screen: amounts with separators, dates as yyyy-mm-dd."""
    if isinstance(value, date):
        return len(DATE_FORMAT)
    return len(format_cell(value))


def add_variance_chart(worksheet: Worksheet, rollforward: Sequence[Row]) -> None:
    """A table of variance by period (a column per entity) and a bar chart of it beside it."""
    entities = sorted({row["entity"] for row in rollforward})
    periods = sorted({row["period_start"] for row in rollforward})
    variance = {(row["entity"], row["period_start"]): row["variance"] for row in rollforward}
    # Periods as text labels: chart categories then read the same in every spreadsheet.
    columns = [Column("Period", "period")] + [_amount(e, f"entity {e}") for e in entities]
    table = [
        {"period": format_cell(period)}
        | {f"entity {entity}": variance.get((entity, period)) for entity in entities}
        for period in periods
    ]
    write_table(worksheet, columns, table)
    if periods:
        anchor = f"{get_column_letter(len(columns) + 2)}2"
        worksheet.add_chart(variance_chart(worksheet, len(entities), len(periods)), anchor)


def variance_chart(worksheet: Worksheet, entities: int, periods: int) -> BarChart:
    """Clustered columns: one series per entity, one category per period."""
    chart = BarChart()
    chart.type = "col"
    chart.title = "COGS variance by period"
    chart.x_axis.title = "Period"
    chart.y_axis.title = "Variance"
    chart.y_axis.number_format = AMOUNT_FORMAT
    chart.x_axis.tickLblPos = "low"  # period labels below the bars, negative ones too
    # openpyxl 3.1 marks axes deleted by default; Excel then draws the chart without them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width, chart.height = 24, 12
    data = Reference(worksheet, min_col=2, max_col=entities + 1, min_row=1, max_row=periods + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(worksheet, min_col=1, min_row=2, max_row=periods + 1))
    return chart


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save, with every Decimal written as its own digits."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _decimals_written_exactly():
        workbook.save(path)


@contextmanager
def _decimals_written_exactly() -> Iterator[None]:
    """openpyxl writes a number as "%.16g", through a float (0.07 -> 0.07000000000000001)."""
    openpyxl_text = cell_writer.safe_string

    def exact_text(value: Any) -> str:
        return f"{value:f}" if isinstance(value, Decimal) else openpyxl_text(value)

    cell_writer.safe_string = exact_text
    try:
        yield
    finally:
        cell_writer.safe_string = openpyxl_text
