"""Business Central / NAV Value Entries landed as canonical ERP inventory transactions: types
from Item Ledger Entry Type, Entry Type and direction, signed quantities and costs, on DuckDB
and PostgreSQL; and the NAV return scenario, as G/L and value entries without a valuation
file, reconciles to the same figures as its canonical form; with its valuation file too, the
snapshots alone value it, and the account schedule of the NAV note ties to the COGS account."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ReconciledRun
from erp_exports import VALUE_ENTRIES_HEADER, export_as_value_entries
from qbo_reports import write_report
from support import PERIOD_FIGURES, SCENARIOS_DIR, query, reconcile

from orchestration.lib.adapters.detect import detect_layout
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.landing import land_source
from orchestration.lib.sources import ERP_INVENTORY_TRANSACTIONS
from orchestration.lib.warehouse import WarehouseConnection

SCENARIO = SCENARIOS_DIR / "nav_purchase_return_at_lower_credit"
RECONCILIATION = "select * from marts.fct_cogs_reconciliation order by entity, period_start"
VALUATIONS = (
    "select as_of_date, item_sku, total_value "
    "from intermediate.int_inventory_valuations_accepted order by as_of_date, item_sku"
)
COLUMNS = (
    "transaction_id, posted_date, transaction_type, reference, item_sku, location, quantity, "
    "extended_cost, memo, _source_line"
)
ENTRIES = [
    # Entry No., Posting Date, Item Ledger Entry Type, Entry Type, Document No., Item No.,
    # Location Code, Valued Quantity, Cost Amount (Actual), Description
    ("1", "01/05/2026", "Purchase", "Direct Cost", "PR-1", "A", "MAIN", "10", "100.00", ""),
    ("2", "01/06/2026", "Purchase", "Direct Cost", "PRC-1", "A", "MAIN", "-1", "-10.00", ""),
    # A cost-only credit memo: no quantity, the cost's sign gives the direction.
    ("3", "01/07/2026", "Purchase", "Direct Cost", "PCM-1", "A", "MAIN", "0", "-2.00", ""),
    ("4", "01/08/2026", "Purchase", "Indirect Cost", "PR-1", "A", "MAIN", "10", "5.00", ""),
    ("5", "01/09/2026", "Sale", "Direct Cost", "SS-1", "A", "MAIN", "-3", "-30.00", ""),
    ("6", "01/10/2026", "Sale", "Direct Cost", "SR-1", "A", "MAIN", "1", "10.00", ""),
    ("7", "01/11/2026", "Positive Adjmt.", "Direct Cost", "IJ-1", "A", "", "2", "20.00", ""),
    ("8", "01/12/2026", "Negative Adjmt.", "Direct Cost", "IJ-2", "A", "", "-1", "-10.00", ""),
    ("9", "01/13/2026", "Transfer", "Direct Cost", "TS-1", "A", "MAIN", "-2", "-20.00", ""),
    ("10", "01/13/2026", "Transfer", "Direct Cost", "TS-1", "A", "EAST", "2", "20.00", ""),
    ("11", "01/14/2026", "Purchase", "Revaluation", "REV-1", "A", "MAIN", "0", "-3.00", ""),
    ("12", "01/15/2026", "Sale", "Rounding", "SS-1", "A", "MAIN", "0", "-0.01", "Rounding"),
    # Not yet read: passed on for the validation to reject as an unknown type.
    ("13", "01/16/2026", "Consumption", "Direct Cost", "PO-1", "A", "MAIN", "-1", "-10.00", ""),
    ("14", "01/17/2026", "Purchase", "Direct Cost", "PR-2", "A", "MAIN", "1", "1.005", ""),
]


def land(con: WarehouseConnection, folder: Path) -> list[tuple[object, ...]]:
    land_source(con, ERP_INVENTORY_TRANSACTIONS, folder)
    return con.execute(
        f"select {COLUMNS} from raw.erp_inventory_transactions order by _source_line"
    ).fetchall()


def test_value_entries_land_as_canonical_transactions(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    report = write_report(folder / "ValueEntries.csv", [VALUE_ENTRIES_HEADER, *ENTRIES])
    assert detect_layout(report).name == "bc_value_entries"

    rows = land(con, folder)

    assert [row[2] for row in rows] == [
        "RECEIPT",
        "VENDOR_RETURN",
        "VENDOR_RETURN",
        "RECEIPT",
        "DELIVERY",
        "CUSTOMER_RETURN",
        "ADJUSTMENT",
        "ADJUSTMENT",
        "ADJUSTMENT",
        "ADJUSTMENT",
        "REVALUATION",
        "ADJUSTMENT",
        "Consumption / Direct Cost",
        "RECEIPT",
    ]
    assert rows[1] == (
        "2",
        "2026-01-06",
        "VENDOR_RETURN",
        "PRC-1",
        "A",
        "MAIN",
        "-1",
        "-10.00",
        None,
        3,
    )
    assert rows[6][5] is None, "a blank Location Code is no location"
    assert rows[11][8] == "Rounding"
    assert rows[13][7] == "1.005", "a third decimal passes on for the validation to reject"


def test_the_item_ledger_entry_quantity_counts_a_receipt_invoiced_later_once(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    header = (*VALUE_ENTRIES_HEADER, "Item Ledger Entry Quantity")
    write_report(
        folder / "ValueEntries.csv",
        [
            header,
            # The receipt at expected cost, then its invoice valuing the same 10 units.
            ("1", "01/05/2026", "Purchase", "Direct Cost", "PR-1", "A", "MAIN", "10", "0", "")
            + ("10",),
            ("2", "01/09/2026", "Purchase", "Direct Cost", "PI-1", "A", "MAIN", "10", "100", "")
            + ("0",),
        ],
    )

    rows = land(con, folder)

    assert [(row[2], row[6], row[7]) for row in rows] == [
        ("RECEIPT", "10", "0"),
        ("RECEIPT", "0", "100"),
    ]


def test_a_file_without_entry_numbers_is_refused(tmp_path: Path, con: WarehouseConnection) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    write_report(
        folder / "ValueEntries.csv",
        [VALUE_ENTRIES_HEADER[1:], *(entry[1:] for entry in ENTRIES)],
    )

    with pytest.raises(UnusableInputError) as raised:
        land(con, folder)

    assert (raised.value.file, raised.value.line, raised.value.column) == (
        "ValueEntries.csv",
        1,
        "Entry No.",
    )


@pytest.mark.slow
def test_gl_and_value_entries_without_valuations_reconcile_as_the_canonical_exports(
    tmp_path: Path, reconciled: Callable[[Path, str], ReconciledRun]
) -> None:
    """The ledger as G/L Entries, the ERP side as Value Entries and no valuation file: the
    month-end valuations derived from the value entries give the canonical figures."""
    canonical_run, canonical = reconciled(SCENARIO, "duckdb")
    folder = export_as_value_entries(SCENARIO, tmp_path / "exports", valuation=False)
    warehouse = tmp_path / "bc.duckdb"

    run = reconcile(folder, warehouse, "--data-docs", tmp_path / "docs")

    assert run.exit_code == canonical_run.exit_code, run.stderr
    assert query(warehouse, "select count(*) as n from marts.fct_rejected_rows") == [{"n": 0}]
    assert query(warehouse, RECONCILIATION) == query(canonical, RECONCILIATION)
    assert query(warehouse, VALUATIONS) == query(canonical, VALUATIONS)


@pytest.mark.slow
def test_with_a_valuation_file_the_snapshots_alone_value_inventory_and_the_schedule_ties(
    tmp_path: Path,
) -> None:
    """The value entries hold the opening balance and the valuation file is there too: the
    snapshots are not added to derived valuations. The ledger's account schedule of the NAV
    note gives the COGS account's net change."""
    folder = export_as_value_entries(SCENARIO, tmp_path / "exports", valuation=True)
    warehouse = tmp_path / "bc.duckdb"

    run = reconcile(folder, warehouse, "--data-docs", tmp_path / "docs")

    assert run.exit_code == 0, run.stderr
    expected = json.loads((SCENARIO / "expected.json").read_text())["periods"]
    assert [
        {name: str(row[name]) for name in PERIOD_FIGURES}
        for row in query(warehouse, RECONCILIATION)
    ] == [{name: period[name] for name in PERIOD_FIGURES} for period in expected]
    assert query(
        warehouse,
        "select count(*) as n from intermediate.int_inventory_valuations_accepted "
        "where source_line is null",
    ) == [{"n": 0}]
    assert [
        {name: str(value) for name, value in row.items()}
        for row in query(
            warehouse,
            "select * from marts.fct_inventory_account_schedule order by entity, period_start",
        )
    ] == [
        {
            "entity": "default",
            "period_start": "2026-01-01",
            "beginning_inventory": "100000.00",
            # The bill's 10.00 less the credit memo's 8.00 on the purchase account.
            "purchases": "2.00",
            # Purchases with direct cost applied (-10.00 + 8.00 + 2.00 = 0).
            "inventory_adjustment": "2.00",
            "ending_inventory": "100000.00",
            "cogs": "0.00",
            "cogs_account_net_change": "0.00",
            "difference": "0.00",
            "direct_inventory_postings": "0.00",
        }
    ]
