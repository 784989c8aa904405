"""Rows that cannot be used are kept aside with file, line, column and reason; runs say so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import DEMO_EXPORTS, SCENARIOS_DIR, query, reconcile, reconciliation_by_period

RECONCILED = SCENARIOS_DIR / "inventory_deliver_less_found_stock"


def append_lines(path: Path, *lines: str) -> None:
    """Append rows with the file's own line ending (the fixtures use CRLF)."""
    newline = "\r\n" if b"\r\n" in path.read_bytes() else "\n"
    with path.open("a", newline="") as handle:
        handle.writelines(line + newline for line in lines)


@pytest.mark.slow
def test_unreadable_rows_are_rejected_with_their_place_and_reason(
    copy_exports: Callable[..., Path], warehouse: Path
) -> None:
    exports = copy_exports(RECONCILED)
    append_lines(
        exports / "erp_inventory_transactions.csv",
        "default,T8,2026-01-32,RECEIPT,PO-9,SKU-A,MAIN,1,10.00,",  # line 5
        "default,T9,2026-01-15,TRANSFER,TR-9,SKU-A,MAIN,1,10.00,",  # line 6
    )
    append_lines(
        exports / "gl_journal_lines.csv",
        "default,X-1,1,2026-01-15,Bill,PO-9,1300,10.005,,Vendor,",  # line 12
        "default,X-1,2,2026-01-15,Bill,PO-9,2000,,10.005,Vendor,",  # line 13
        "default,X-2,1,2026-01-16,Journal Entry,JE-2,1300,50.00,,,",  # line 14
        "default,X-2,2,2026-01-16,Journal Entry,JE-2,3000,,40.00,,",  # line 15
        "default,X-3,1,2026-01-17,Journal Entry,JE-3,9999,5.00,,,",  # line 16
        "default,X-3,2,2026-01-17,Journal Entry,JE-3,3000,,5.00,,",  # line 17
    )

    run = reconcile(exports, warehouse)

    assert run.exit_code == 1
    assert "8 export rows were rejected" in run.stdout
    rejects = query(
        warehouse,
        "select source_file, source_line, rejected_column, reject_reason "
        "from marts.fct_rejected_rows order by source_file, source_line",
    )
    assert [(r["source_file"], r["source_line"], r["rejected_column"]) for r in rejects] == [
        ("erp_inventory_transactions.csv", 5, "posted_date"),
        ("erp_inventory_transactions.csv", 6, "transaction_type"),
        ("gl_journal_lines.csv", 12, "debit"),
        ("gl_journal_lines.csv", 13, "credit"),
        ("gl_journal_lines.csv", 14, "transaction_id"),
        ("gl_journal_lines.csv", 15, "transaction_id"),
        ("gl_journal_lines.csv", 16, "account_number"),
        ("gl_journal_lines.csv", 17, "transaction_id"),
    ]
    reasons = [r["reject_reason"] for r in rejects]
    assert reasons[0] == "posted_date '2026-01-32' is not a date YYYY-MM-DD"
    assert reasons[1] == "unknown transaction_type 'TRANSFER'"
    assert reasons[2] == "debit '10.005' is not an amount with at most 2 decimals"
    assert reasons[4] == "transaction X-2 does not balance: debits 50.00, credits 40.00"
    assert reasons[6] == "account '9999' is not in the chart of accounts of entity default"
    assert reasons[7] == "another line of transaction X-3 was rejected"
    period = reconciliation_by_period(warehouse)[("default", "2026-01-01")]
    assert period["status"] == "incomplete"
    assert "rejected export rows touch the period" in period["status_reason"]


@pytest.mark.slow
def test_a_rejected_row_marks_only_the_periods_it_touches(
    copy_exports: Callable[..., Path], warehouse: Path
) -> None:
    exports = copy_exports(DEMO_EXPORTS)
    # An ERP transaction moves one period; a ledger line moves its period and later balances.
    append_lines(
        exports / "erp_inventory_transactions_2026_02.csv",
        "EAST,T-BAD,2026-02-10,RECEIPT,PO-BAD,SKU-X,MAIN,1,12.345,",
    )
    append_lines(
        exports / "gl_journal_lines_2026_04.csv",
        "NORTH,JE-BAD,1,2026-04-10,Journal Entry,JE-BAD,1300,1.00,,,",
        "NORTH,JE-BAD,2,2026-04-10,Journal Entry,JE-BAD,3000,,2.00,,",
    )

    assert reconcile(exports, warehouse).exit_code == 1

    incomplete = {
        key
        for key, row in reconciliation_by_period(warehouse).items()
        if row["status"] == "incomplete"
    }
    assert incomplete == {
        ("EAST", "2026-02-01"),
        ("NORTH", "2026-04-01"),
        ("NORTH", "2026-05-01"),
        ("NORTH", "2026-06-01"),
    }


def test_a_file_missing_a_required_column_is_unusable(
    copy_exports: Callable[..., Path], warehouse: Path
) -> None:
    exports = copy_exports(RECONCILED)
    path = exports / "gl_journal_lines.csv"
    path.write_text(path.read_text().replace(",debit,", ",debet,", 1))

    run = reconcile(exports, warehouse)

    assert run.exit_code == 2
    assert "gl_journal_lines.csv, line 1, column debit: required column missing" in run.stderr


def test_a_row_the_csv_reader_cannot_split_is_unusable(
    copy_exports: Callable[..., Path], warehouse: Path
) -> None:
    exports = copy_exports(RECONCILED)
    append_lines(exports / "erp_inventory_valuation.csv", "default,2026-01-31,SKU-C,MAIN,1,2,3")

    run = reconcile(exports, warehouse)

    assert run.exit_code == 2
    assert "erp_inventory_valuation.csv, line 6" in run.stderr


def test_an_unknown_sync_mode_is_unusable(
    copy_exports: Callable[..., Path], warehouse: Path
) -> None:
    exports = copy_exports(RECONCILED)
    config = exports / "cogs_recon.yml"
    config.write_text(config.read_text().replace("sync_mode: inventory", "sync_mode: perpetual"))

    run = reconcile(exports, warehouse)

    assert run.exit_code == 2
    assert "column entities.default.sync_mode: 'perpetual' is not one of" in run.stderr


def test_a_missing_exports_folder_is_unusable(tmp_path: Path, warehouse: Path) -> None:
    run = reconcile(tmp_path / "nowhere", warehouse)
    assert run.exit_code == 2


@pytest.mark.slow
def test_rows_without_a_key_are_rejected_not_lost(
    copy_exports: Callable[..., Path], warehouse: Path
) -> None:
    exports = copy_exports(RECONCILED)
    append_lines(exports / "erp_inventory_valuation.csv", "default,,SKU-Q,MAIN,1,1.00")
    append_lines(exports / "gl_journal_lines.csv", "default,,1,2026-01-05,Bill,PO-8,1300,1.00,,,")
    (exports / "gl_journal_lines_late.csv").write_text(
        "transaction_id,line_number,txn_date,txn_type,doc_number,account_number,debit,credit\n"
        ",1,2026-01-06,Bill,PO-9,1300,2.00,\n"
    )

    assert reconcile(exports, warehouse).exit_code == 1

    rejects = query(
        warehouse,
        "select source_file, source_line, rejected_column from marts.fct_rejected_rows "
        "order by source_file, source_line",
    )
    assert [tuple(r.values()) for r in rejects] == [
        ("erp_inventory_valuation.csv", 6, "as_of_date"),
        ("gl_journal_lines.csv", 12, "transaction_id"),
        ("gl_journal_lines_late.csv", 2, "transaction_id"),
    ]
