"""`cogs-recon report`: the controller's workbook holds the marts' figures, exact and formatted."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell import _writer as cell_writer
from openpyxl.compat import safe_string
from openpyxl.worksheet.worksheet import Worksheet
from support import DEMO_EXPORTS, query, run_cli

from orchestration.cli import write_report
from orchestration.lib.workbook import build_workbook, save_workbook

SHEET_NAMES = ["Summary", "Roll-forward", "Breaks", "Proposed entry", "Variance chart"]
AMOUNT_FORMAT = "#,##0.00;[Red]-#,##0.00"
# Mart columns in the order each sheet shows them.
SUMMARY = (
    "entity, period_start, status, computed_cogs, posted_cogs, variance, inventory_difference, "
    "true_up_amount, status_reason"
)
ROLL_FORWARD = (
    "entity, period_start, beginning_inventory, purchases, adjustments, ending_inventory, "
    "computed_cogs, posted_cogs, variance, status"
)
BREAKS = (
    "entity, period_start, break_type, reference, erp_amount, gl_amount, cogs_effect, "
    "inventory_effect, explanation"
)
PROPOSED_ENTRY = (
    "entity, journal_number, journal_date, line_number, account_number, account_name, debit, "
    "credit, memo"
)


def reconciliation_row(entity: str, month: int, variance: str) -> dict[str, Any]:
    """A fct_cogs_reconciliation row with the figures the sheets show."""
    amount = Decimal(variance)
    return {
        "entity": entity,
        "period_start": date(2026, month, 1),
        "status": "reconciled" if amount == 0 else "unreconciled",
        "beginning_inventory": Decimal("1000.00"),
        "purchases": Decimal("0.07"),
        "adjustments": Decimal("-0.56"),
        "ending_inventory": Decimal("-1234567890123.45"),
        "computed_cogs": Decimal("1234567891122.96"),
        "posted_cogs": Decimal("1234567891122.96") - amount,
        "variance": amount,
        "inventory_difference": Decimal("0.00"),
        "true_up_amount": Decimal("0.00"),
        "status_reason": "made up for the test",
    }


SMALL_DATA: dict[str, list[dict[str, Any]]] = {
    "Summary": [reconciliation_row("EAST", 2, "0.00"), reconciliation_row("WEST", 2, "-8.05")],
    "Roll-forward": [
        reconciliation_row("EAST", 1, "0.00"),
        reconciliation_row("EAST", 2, "0.00"),
        reconciliation_row("WEST", 1, "0.94"),
        reconciliation_row("WEST", 2, "-8.05"),
    ],
    "Breaks": [],
    "Proposed entry": [],
}


def amounts_in_sheet_xml(path: Path, sheet_number: int) -> list[str]:
    """The text of every numeric cell of a sheet, as stored in the file."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(f"xl/worksheets/sheet{sheet_number}.xml").decode()
    return re.findall(r'<c r="[A-Z]+\d+"[^>]* t="n"><v>([^<]*)</v>', xml)


def cell_figure(value: Any) -> Any:
    """A cell as the mart holds it: numbers as Decimal (via their shortest text), dates as date."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, datetime):
        return value.date()
    return value


def sheet_rows(worksheet: Worksheet) -> list[tuple[Any, ...]]:
    """The rows below the header, figures as the mart holds them."""
    return [
        tuple(cell_figure(value) for value in row)
        for row in worksheet.iter_rows(min_row=2, values_only=True)
    ]


def mart_rows(warehouse: Path, columns: str, table: str, where: str) -> list[tuple[Any, ...]]:
    """The mart's rows for a sheet, in the sheet's column order."""
    rows = query(warehouse, f"select {columns} from marts.{table} where {where}")
    return [tuple(row.values()) for row in rows]


def assert_formatted(worksheet: Worksheet, amount_columns: str) -> None:
    """Bold frozen header, set widths, the amount format on every amount cell."""
    assert worksheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in worksheet[1])
    for letter in amount_columns:
        assert worksheet.column_dimensions[letter].width >= len(worksheet[f"{letter}1"].value)
        cells = [row[0] for row in worksheet[f"{letter}2:{letter}{worksheet.max_row}"]]
        assert all(cell.number_format == AMOUNT_FORMAT for cell in cells)


def test_the_workbook_has_its_sheets_formats_and_chart(tmp_path: Path) -> None:
    path = tmp_path / "pack.xlsx"

    save_workbook(build_workbook(SMALL_DATA), path)

    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == SHEET_NAMES
    assert_formatted(workbook["Summary"], "DEFGH")
    assert_formatted(workbook["Roll-forward"], "CDEFGHI")
    assert_formatted(workbook["Variance chart"], "BC")
    assert workbook["Summary"]["B2"].number_format == "yyyy-mm"
    assert sheet_rows(workbook["Variance chart"]) == [
        ("2026-01", Decimal("0.00"), Decimal("0.94")),
        ("2026-02", Decimal("0.00"), Decimal("-8.05")),
    ]
    (chart,) = workbook["Variance chart"]._charts
    assert [series.tx.strRef.f for series in chart.series] == [
        "'Variance chart'!B1",
        "'Variance chart'!C1",
    ]


def test_amounts_are_stored_with_their_exact_digits(tmp_path: Path) -> None:
    path = tmp_path / "pack.xlsx"

    save_workbook(build_workbook(SMALL_DATA), path)

    # openpyxl alone would store 0.07 as 0.07000000000000001 and 8.05 as 8.050000000000001.
    stored = amounts_in_sheet_xml(path, 2)
    assert {"0.07", "-0.56", "-1234567890123.45", "1234567891122.96", "0.94"} <= set(stored)
    assert "-8.05" in amounts_in_sheet_xml(path, 5)
    assert cell_writer.safe_string is safe_string


def add_direct_posting(exports: Path) -> None:
    """A manual June entry moving 100.00 from EAST's inventory to COGS: a break, and a true-up."""
    (exports / "gl_journal_lines_zz_direct_posting.csv").write_text(
        "entity,transaction_id,line_number,txn_date,txn_type,doc_number,account_number,debit,"
        "credit,name,memo\n"
        "EAST,JE-9001,1,2026-06-15,Journal Entry,JE-9001,5000,100.00,,,Shrink write-off\n"
        "EAST,JE-9001,2,2026-06-15,Journal Entry,JE-9001,1300,,100.00,,Shrink write-off\n"
    )


@pytest.mark.slow
def test_the_demo_workbook_holds_the_marts_figures(
    copy_exports: Callable[..., Path], warehouse: Path, tmp_path: Path
) -> None:
    exports = copy_exports(DEMO_EXPORTS)
    add_direct_posting(exports)
    out = tmp_path / "reports" / "controller_2026_06.xlsx"

    run = run_cli(
        *("report", "--exports", exports, "--warehouse", warehouse),
        *("--period", "2026-06", "--out", out),
    )

    assert run.exit_code == 0, run.stderr
    assert f"2026-06: wrote {out}" in run.stdout
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == SHEET_NAMES
    june = "period_start = '2026-06-01'"
    assert sheet_rows(workbook["Summary"]) == mart_rows(
        warehouse, SUMMARY, "fct_cogs_reconciliation", f"{june} order by entity"
    )
    assert sheet_rows(workbook["Roll-forward"]) == mart_rows(
        warehouse,
        ROLL_FORWARD,
        "fct_cogs_reconciliation",
        "period_start <= '2026-06-01' order by entity, period_start",
    )
    breaks = sheet_rows(workbook["Breaks"])
    assert ("EAST", date(2026, 6, 1)) in {row[:2] for row in breaks}
    assert sorted(breaks, key=repr) == sorted(
        mart_rows(warehouse, BREAKS, "fct_reconciliation_breaks", june), key=repr
    )
    proposed = sheet_rows(workbook["Proposed entry"])
    assert {row[0] for row in proposed} == {"EAST", "WEST"}
    assert proposed == mart_rows(
        warehouse,
        PROPOSED_ENTRY,
        "fct_true_up_journal_lines",
        f"{june} order by entity, line_number",
    )
    assert_formatted(workbook["Summary"], "DEFGH")
    assert_formatted(workbook["Breaks"], "EFGH")
    assert_formatted(workbook["Proposed entry"], "GH")
    assert len(workbook["Variance chart"]._charts) == 1
    assert write_report(warehouse, date(2026, 7, 1), tmp_path / "july.xlsx") == 1
    assert not (tmp_path / "july.xlsx").exists()
