"""Business Central / NAV G/L Entries landed as canonical journal lines: both caption sets
detected, transactions by Transaction No. or by date and Document No., sides from Debit/Credit
or the signed Amount, on DuckDB and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from erp_exports import export_as_gl_entries
from support import SCENARIOS_DIR

from orchestration.lib.adapters.detect import detect_layout
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.landing import land_source
from orchestration.lib.sources import GL_JOURNAL_LINES
from orchestration.lib.warehouse import WarehouseConnection, connect

SCENARIO = SCENARIOS_DIR / "inventory_deliver_more_found_stock"
LINES = (
    "transaction_id, line_number, txn_date, txn_type, doc_number, account_number, debit, credit, "
    "name, memo, _source_file, _source_line"
)


def land(con: WarehouseConnection, folder: Path) -> list[tuple[object, ...]]:
    land_source(con, GL_JOURNAL_LINES, folder)
    return con.execute(
        f"select {LINES} from raw.gl_journal_lines order by _source_file, _source_line"
    ).fetchall()


def test_current_captions_group_by_transaction_number(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    report = export_as_gl_entries(SCENARIO, tmp_path / "exports", "current")
    assert detect_layout(report).name == "bc_gl_entries"

    rows = land(con, report.parent)

    sheet = "GLEntries.xlsx#Sheet1"
    assert len(rows) == 14
    assert rows[:4] == [
        # Journal postings have no Document Type: they are journal entries.
        ("1", "1", "2025-12-31", "Journal Entry", "OB-1", "1300", "100000", None)
        + (None, "Opening balance", sheet, 2),
        ("1", "2", "2025-12-31", "Journal Entry", "OB-1", "3000", None, "100000")
        + (None, "Opening balance", sheet, 3),
        ("2", "1", "2026-01-10", "Invoice", "PO-1001", "1300", "10000", None)
        + (None, None, sheet, 4),
        ("2", "2", "2026-01-10", "Invoice", "PO-1001", "2000", None, "10000")
        + (None, None, sheet, 5),
    ]
    # Whole amounts are integer cells in the workbook.
    assert rows[-1][:8] == (
        "5",
        "2",
        "2026-01-28",
        "Journal Entry",
        "ADJ-3001",
        "5100",
        None,
        "3000",
    )


def test_older_captions_group_by_date_and_document_with_the_signed_amount(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    report = export_as_gl_entries(SCENARIO, tmp_path / "exports", "older")
    assert detect_layout(report).name == "bc_gl_entries"

    rows = land(con, report.parent)

    assert [row[:8] for row in rows[4:8]] == [
        ("2026-01-20|INV-2001", "1", "2026-01-20", "Invoice", "INV-2001", "1200", "24000.00", None),
        ("2026-01-20|INV-2001", "2", "2026-01-20", "Invoice", "INV-2001", "4000", None, "24000.00"),
        ("2026-01-20|INV-2001", "3", "2026-01-20", "Invoice", "INV-2001", "5000", "15000.00", None),
        ("2026-01-20|INV-2001", "4", "2026-01-20", "Invoice", "INV-2001", "1300", None, "15000.00"),
    ]
    with connect(str(tmp_path / "current.duckdb")) as other:
        current = land(
            other, export_as_gl_entries(SCENARIO, tmp_path / "current", "current").parent
        )

    def amounts(lines: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        return [
            (row[2], row[4], row[5], *(Decimal(str(value or 0)) for value in row[6:8]))
            for row in lines
        ]

    assert amounts(rows) == amounts(current)


def test_an_unreadable_amount_passes_on_and_a_file_without_amounts_is_refused(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    report = export_as_gl_entries(SCENARIO, tmp_path / "exports", "older")
    text = report.read_text()
    report.write_text(text.replace('"10,000.00"', '"10,000.0O"', 1))

    rows = land(con, report.parent)

    assert rows[2][6:8] == ("10,000.0O", None)
    report.write_text(text.replace(",Amount", ",Balance", 1))
    with pytest.raises(UnusableInputError) as raised:
        land(con, report.parent)
    assert (raised.value.file, raised.value.line, raised.value.column) == (
        "GLEntries.csv",
        1,
        "Amount",
    )
