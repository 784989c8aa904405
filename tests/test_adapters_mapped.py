"""ERP exports read by a column mapping (`layout: mapped`): an iPoint-like stock transaction and
valuation export lands as canonical text on both engines, its configuration is checked, a file
without a mapped column is refused, and the scenario reconciles as its canonical form."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ReconciledRun
from erp_exports import TRANSACTIONS_RULE, export_as_ipoint, gl_entries_rows
from qbo_reports import read_csv, write_report
from support import SCENARIOS_DIR, query, reconcile

from orchestration.lib.config import ExportRule, load_config
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.landing import land_source
from orchestration.lib.sources import ERP_INVENTORY_TRANSACTIONS, ERP_INVENTORY_VALUATION
from orchestration.lib.warehouse import WarehouseConnection, connect

SCENARIO = SCENARIOS_DIR / "inventory_deliver_more_found_stock"
STOCK = "iPoint_Stock_2026.csv"
RECONCILIATION = "select * from marts.fct_cogs_reconciliation order by entity, period_start"
TRANSACTION_COLUMNS = (
    "entity, transaction_id, posted_date, transaction_type, reference, item_sku, location, "
    "quantity, extended_cost, memo, _source_file, _source_line"
)


def rules(folder: Path) -> tuple[ExportRule, ...]:
    return load_config(folder / "cogs_recon.yml").exports


def append(path: Path, line: str) -> None:
    with path.open("a", newline="") as handle:
        handle.write(line + "\r\n")


def transactions(con: WarehouseConnection) -> list[tuple[object, ...]]:
    return con.execute(
        f"select {TRANSACTION_COLUMNS} from raw.erp_inventory_transactions order by _source_line"
    ).fetchall()


def test_mapped_rows_land_as_canonical_text(tmp_path: Path, con: WarehouseConnection) -> None:
    folder = export_as_ipoint(SCENARIO, tmp_path / "exports")
    # Words the map lacks, an impossible date and a third decimal pass on as printed.
    append(folder / STOCK, 'T5,02/30/2026,Transfer,TR-9,SKU-A,MAIN,"1,000.5",,12.345,')
    append(folder / STOCK, ",,,,,,,,,")
    append(folder / STOCK, "T6,01/29/2026,stock  ADJUSTMENT,ADJ-3002,SKU-A,,,2,(20.00),")

    summary = land_source(con, ERP_INVENTORY_TRANSACTIONS, folder, rules(folder))
    land_source(con, ERP_INVENTORY_VALUATION, folder, rules(folder))

    assert summary.files_loaded == [STOCK]
    assert transactions(con) == [
        (None, "T1", "2026-01-10", "RECEIPT", "PO-1001", "SKU-A", "MAIN", "100", "10000.00")
        + (None, STOCK, 2),
        (None, "T2", "2026-01-20", "DELIVERY", "INV-2001", "SKU-A", "MAIN", "-150", "-15000.00")
        + (None, STOCK, 3),
        (None, "T3", "2026-01-25", "DELIVERY", "INV-2002", "SKU-B", "MAIN", "-100", "-10000.00")
        + (None, STOCK, 4),
        (None, "T4", "2026-01-28", "ADJUSTMENT", "ADJ-3001", "SKU-B", "MAIN", "30", "3000.00")
        + ("Found behind a box", STOCK, 5),
        (None, "T5", "02/30/2026", "Transfer", "TR-9", "SKU-A", "MAIN", "1000.5", "12.345")
        + (None, STOCK, 6),
        # Words match without case and runs of spaces; the blank row above is skipped.
        (None, "T6", "2026-01-29", "ADJUSTMENT", "ADJ-3002", "SKU-A", None, "-2", "-20.00")
        + (None, STOCK, 8),
    ]
    assert con.execute(
        "select as_of_date, item_sku, location, quantity_on_hand, total_value, _source_file, "
        "_source_line from raw.erp_inventory_valuation order by _source_line"
    ).fetchall() == [
        ("2025-12-31", "SKU-A", "MAIN", "600", "60000.00", "iPoint_Valuation_2026.csv", 2),
        ("2025-12-31", "SKU-B", "MAIN", "400", "40000.00", "iPoint_Valuation_2026.csv", 3),
        ("2026-01-31", "SKU-A", "MAIN", "550", "55000.00", "iPoint_Valuation_2026.csv", 4),
        ("2026-01-31", "SKU-B", "MAIN", "330", "33000.00", "iPoint_Valuation_2026.csv", 5),
    ]


def test_an_entity_constant_and_a_changed_mapping_reload_the_file(tmp_path: Path) -> None:
    folder = export_as_ipoint(SCENARIO, tmp_path / "exports")
    with connect(str(tmp_path / "w.duckdb")) as con:
        land_source(con, ERP_INVENTORY_TRANSACTIONS, folder, rules(folder))
        config = yaml.safe_load((folder / "cogs_recon.yml").read_text())
        config["exports"][0]["columns"]["entity"] = {"constant": "EAST"}
        (folder / "cogs_recon.yml").write_text(yaml.safe_dump(config))

        summary = land_source(con, ERP_INVENTORY_TRANSACTIONS, folder, rules(folder))

        assert summary.files_loaded == [STOCK]
        assert con.execute(
            "select distinct entity from raw.erp_inventory_transactions"
        ).fetchall() == [("EAST",)]


def test_a_mapped_column_missing_from_the_file_refuses_it(tmp_path: Path) -> None:
    folder = export_as_ipoint(SCENARIO, tmp_path / "exports")
    stock = folder / STOCK
    stock.write_text(stock.read_text().replace("Qty Out", "Quantity Out", 1))

    with connect(str(tmp_path / "w.duckdb")) as con, pytest.raises(UnusableInputError) as raised:
        land_source(con, ERP_INVENTORY_TRANSACTIONS, folder, rules(folder))

    assert (raised.value.file, raised.value.line, raised.value.column) == (STOCK, 1, "Qty Out")
    assert "exports[0].columns.quantity" in raised.value.reason


@pytest.mark.parametrize(
    ("change", "key", "reason"),
    [
        ({"source": "gl_journal_lines"}, "exports[0].source", "is not one of"),
        ({"columns": {"transaction_id": "Transaction #"}}, "exports[0].columns", "not mapped"),
        ({"columns": {**TRANSACTIONS_RULE["columns"], "colour": "X"}}, "columns.colour", "not a"),
        (
            {"columns": {**TRANSACTIONS_RULE["columns"], "memo": {"in": "A", "out": "B"}}},
            ".memo",
            "",
        ),
        ({"values": {"quantity": {"Ten": "10"}}}, "exports[0].values.quantity", "text columns"),
        ({"values": {"transaction_type": {"Receipt": None}}}, "values.transaction_type", "nothing"),
        ({"mapping": {}}, "exports[0]", "unknown keys mapping"),
    ],
)
def test_a_mapping_that_cannot_be_used_is_refused_naming_its_key(
    change: dict[str, object], key: str, reason: str, tmp_path: Path
) -> None:
    config = tmp_path / "cogs_recon.yml"
    entities = {"default": {"sync_mode": "inventory", "adjustments_booked_to": "cogs"}}
    config.write_text(
        yaml.safe_dump({"entities": entities, "exports": [TRANSACTIONS_RULE | change]})
    )

    with pytest.raises(UnusableInputError) as raised:
        load_config(config)

    assert raised.value.column is not None and raised.value.column.endswith(key)
    assert reason in raised.value.reason


@pytest.mark.slow
def test_ipoint_and_gl_entries_exports_reconcile_as_the_canonical_exports(
    tmp_path: Path, reconciled: Callable[[Path, str], ReconciledRun]
) -> None:
    """Both ERP-side adapters in one pipeline run (each run costs a minute): the ERP files as
    iPoint exports read by their mapping, the ledger as Business Central's G/L Entries."""
    canonical_run, canonical = reconciled(SCENARIO, "duckdb")
    folder = export_as_ipoint(SCENARIO, tmp_path / "exports")
    (folder / "gl_journal_lines.csv").unlink()
    write_report(
        folder / "GLEntries.xlsx",
        gl_entries_rows(read_csv(SCENARIO / "gl_journal_lines.csv"), "current"),
    )
    warehouse = tmp_path / "mapped.duckdb"

    run = reconcile(folder, warehouse, "--data-docs", tmp_path / "docs")

    assert run.exit_code == canonical_run.exit_code, run.stderr
    assert query(warehouse, "select count(*) as n from marts.fct_rejected_rows") == [{"n": 0}]
    assert query(warehouse, RECONCILIATION) == query(canonical, RECONCILIATION)


@pytest.mark.slow
def test_an_unmapped_transaction_type_is_rejected_with_its_file_and_line(tmp_path: Path) -> None:
    folder = export_as_ipoint(SCENARIO, tmp_path / "exports")
    append(folder / STOCK, "T5,01/15/2026,Transfer,TR-9,SKU-A,MAIN,1,,$10.00,")
    warehouse = tmp_path / "mapped.duckdb"

    run = reconcile(folder, warehouse, "--data-docs", tmp_path / "docs")

    assert run.exit_code == 1, run.stderr
    rejects = query(
        warehouse,
        "select source_file, source_line, rejected_column, reject_reason "
        "from marts.fct_rejected_rows",
    )
    assert [(r["source_file"], r["source_line"], r["rejected_column"]) for r in rejects] == [
        (STOCK, 6, "transaction_type")
    ]
    assert rejects[0]["reject_reason"] == "unknown transaction_type 'TRANSFER'"
