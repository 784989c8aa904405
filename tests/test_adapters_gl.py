"""General Ledger reports (QuickBooks Online classic and newer) landed as canonical journal lines:
sections, beginning balances as one opening transaction, normal-balance signs, checksums, and
the acceptance that a scenario's ledger as a General Ledger reconciles as its canonical CSVs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import ReconciledRun
from ledger_reports import export_as_general_ledger
from support import SCENARIOS_DIR, query, reconcile

from orchestration.lib.adapters.accounts import is_debit_normal
from orchestration.lib.adapters.detect import detect_layout
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.landing import land_source
from orchestration.lib.sources import GL_ACCOUNTS, GL_JOURNAL_LINES
from orchestration.lib.warehouse import WarehouseConnection, connect

SCENARIO = SCENARIOS_DIR / "inventory_adjustment_not_pushed"
START = date(2026, 1, 1)
RECONCILIATION = "select * from marts.fct_cogs_reconciliation order by entity, period_start"


@pytest.fixture
def con(tmp_path: Path) -> Iterator[WarehouseConnection]:
    with connect(str(tmp_path / "w.duckdb")) as connection:
        yield connection


def land(con: WarehouseConnection, folder: Path) -> list[tuple[object, ...]]:
    land_source(con, GL_ACCOUNTS, folder)
    land_source(con, GL_JOURNAL_LINES, folder)
    return con.execute(
        "select transaction_id, line_number, account_number, debit, credit, _source_line "
        "from raw.gl_journal_lines order by transaction_id, line_number::int"
    ).fetchall()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("layout", ["classic", "newer"])
def test_sections_become_transactions_with_sides_from_the_normal_balance(
    layout: str, tmp_path: Path, con: WarehouseConnection
) -> None:
    folder = export_as_general_ledger(SCENARIO, tmp_path / "r", START, layout).parent
    opening, bill, invoice = (
        "2025-12-31|Journal Entry|Beginning Balance",
        "2026-01-10|Bill|PO-1001",
        "2026-01-20|Invoice|INV-2001",
    )
    rows = [
        (txn, n, account, debit, credit) for txn, n, account, debit, credit, _ in land(con, folder)
    ]
    exact = {"classic": ("100000.00", "10000.00", "8000.00", "5000.00")}.get(
        layout, ("100000", "10000", "8000", "5000")
    )
    assert rows == [
        # The beginning balances, at the day before the report's start, balanced.
        (opening, "1", "1300", exact[0], None),
        (opening, "2", "3000", None, exact[0]),
        # Lines of one date, type and number across sections are one transaction; income
        # and payables (credit-normal) print positive amounts that are credits.
        (bill, "1", "1300", exact[1], None),
        (bill, "2", "2000", None, exact[1]),
        (invoice, "1", "1200", exact[2], None),
        (invoice, "2", "1300", None, exact[3]),
        (invoice, "3", "4000", None, exact[2]),
        (invoice, "4", "5000", exact[3], None),
    ]


def test_an_account_total_that_does_not_add_up_refuses_the_file(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    report = export_as_general_ledger(SCENARIO, tmp_path / "r", START, "classic")
    edit(
        report,
        'Total for 1300 Inventory Asset,,,,,,,"$5,000.00"',
        'Total for 1300 Inventory Asset,,,,,,,"$5,500.00"',
    )

    with pytest.raises(UnusableInputError) as raised:
        land(con, report.parent)

    assert (raised.value.file, raised.value.line, raised.value.column) == (
        "GeneralLedger.csv",
        14,
        "amount",
    )
    assert "account 1300 Inventory Asset total 5,500.00 but its lines add up to 5,000.00" in (
        raised.value.reason
    )


def test_missing_accounts_leave_a_difference_on_opening_balance_equity(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    report = export_as_general_ledger(SCENARIO, tmp_path / "r", START, "classic")
    text = report.read_text()
    start = text.index("3000 Opening Balance Equity")
    end = text.index("4000 Sales")
    report.write_text(text[:start] + text[end:])

    rows = land(con, report.parent)

    opening = [row for row in rows if row[0].endswith("Beginning Balance")]
    assert [row[2:5] for row in opening] == [
        ("1300", "100000.00", None),
        ("3000", None, "100000.00"),
    ]


def test_an_unreadable_amount_is_passed_on_and_a_cut_report_is_refused(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    report = export_as_general_ledger(SCENARIO, tmp_path / "r", START, "classic")
    edit(report, '"10,000.00","110,000.00"', '"10,000.0O","110,000.00"')
    rows = land(con, report.parent)
    assert ("2026-01-10|Bill|PO-1001", "1", "1300", "10,000.0O", None, 12) in rows

    text = report.read_text()
    report.write_text(text[: text.index("Total for 5000")])
    with pytest.raises(UnusableInputError, match="5000 Cost of Goods Sold has no total row"):
        land(con, report.parent)


def test_an_account_type_without_a_normal_balance_refuses_the_file(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    report = export_as_general_ledger(SCENARIO, tmp_path / "r", START, "classic")
    edit(report.parent / "gl_accounts.csv", "Accounts payable (A/P)", "Mystery")

    with pytest.raises(UnusableInputError, match="account 2000: account type 'Mystery'"):
        land(con, report.parent)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("scenario", "layout"),
    [("inventory_deliver_more_found_stock", "classic"), ("non_inventory_deliver_less", "newer")],
)
def test_general_ledger_reconciles_as_the_canonical_exports(
    scenario: str,
    layout: str,
    tmp_path: Path,
    reconciled: Callable[[Path, str], ReconciledRun],
) -> None:
    canonical_run, canonical = reconciled(SCENARIOS_DIR / scenario, "duckdb")
    report = export_as_general_ledger(SCENARIOS_DIR / scenario, tmp_path / "r", START, layout)
    warehouse = tmp_path / "report.duckdb"

    run = reconcile(report.parent, warehouse, "--data-docs", tmp_path / "docs")

    assert run.exit_code == canonical_run.exit_code, run.stderr
    assert query(warehouse, "select count(*) as n from marts.fct_rejected_rows") == [{"n": 0}]
    assert query(warehouse, RECONCILIATION) == query(canonical, RECONCILIATION)


def test_desktop_general_ledger_lands_like_the_online_one(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    online = export_as_general_ledger(SCENARIO, tmp_path / "online", START, "classic")
    desktop = export_as_general_ledger(SCENARIO, tmp_path / "desktop", START, "desktop")
    assert detect_layout(desktop).name == "qbd_general_ledger"
    expected = [row[:5] for row in land(con, online.parent)]
    with connect(str(tmp_path / "desktop.duckdb")) as other:
        assert [row[:5] for row in land(other, desktop.parent)] == expected


def test_a_desktop_total_checks_debits_and_credits(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    report = export_as_general_ledger(SCENARIO, tmp_path / "r", START, "desktop")
    edit(
        report,
        ',Total 1300 · Inventory Asset,,,,,,,,"10,000.00","5,000.00"',
        ',Total 1300 · Inventory Asset,,,,,,,,"10,000.00","5,001.00"',
    )

    with pytest.raises(UnusableInputError) as raised:
        land(con, report.parent)

    assert (raised.value.file, raised.value.line, raised.value.column) == ("GL.csv", 12, "credit")


@pytest.mark.parametrize(
    ("account_type", "debit_normal"),
    [
        ("Other Current Asset", True),
        ("Accounts receivable (A/R)", True),
        ("Cost of Goods Sold", True),
        ("CostofGoodsSold", True),
        ("Other Expense", True),
        ("Accounts payable (A/P)", False),
        ("Credit Card", False),
        ("Long Term Liabilities", False),
        ("Equity", False),
        ("Other Income", False),
    ],
)
def test_normal_balance_of_quickbooks_account_types(account_type: str, debit_normal: bool) -> None:
    assert is_debit_normal(account_type) is debit_normal
