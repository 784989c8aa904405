"""Reruns change nothing: the same exports twice, or the same rows in overlapping files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import SCENARIOS_DIR, query, reconcile, snapshot

SCENARIO = SCENARIOS_DIR / "non_inventory_true_up_pending"


@pytest.mark.slow
def test_loading_the_same_exports_twice_changes_nothing(
    engine_warehouse: str, tmp_path: Path
) -> None:
    data_docs = ("--data-docs", tmp_path / "data_docs")
    assert reconcile(SCENARIO, engine_warehouse, *data_docs).exit_code == 0
    first = snapshot(engine_warehouse, ("raw", "intermediate", "marts"))

    assert reconcile(SCENARIO, engine_warehouse, *data_docs).exit_code == 0

    assert snapshot(engine_warehouse, ("raw", "intermediate", "marts")) == first
    assert len(first["raw.gl_journal_lines"]) == 8


@pytest.mark.slow
def test_the_same_rows_in_two_files_give_the_same_marts(
    copy_exports: Callable[..., Path], tmp_path: Path
) -> None:
    single = tmp_path / "single.duckdb"
    overlapping = tmp_path / "overlapping.duckdb"
    exports = copy_exports(SCENARIO)
    for source in ("erp_inventory_transactions", "erp_inventory_valuation", "gl_journal_lines"):
        shutil.copy(exports / f"{source}.csv", exports / f"{source}_resent.csv")

    assert reconcile(SCENARIO, single).exit_code == 0
    assert reconcile(exports, overlapping).exit_code == 0

    # Lineage names the file that won, the only thing allowed to differ.
    lineage = ("source_file", "source_line")
    assert snapshot(overlapping, ("marts",), lineage) == snapshot(single, ("marts",), lineage)


@pytest.mark.slow
def test_a_new_file_adds_its_rows_and_removing_it_takes_them_out(
    copy_exports: Callable[..., Path], warehouse: Path
) -> None:
    exports = copy_exports(SCENARIO)
    # A later drop carrying the true-up the scenario lacks.
    (exports / "gl_journal_lines_zz_correction.csv").write_text(
        "entity,transaction_id,line_number,txn_date,txn_type,doc_number,account_number,"
        "debit,credit,name,memo\n"
        "default,JE-9,1,2026-01-31,Journal Entry,TU-2026-01,5000,15000.00,,,true-up\n"
        "default,JE-9,2,2026-01-31,Journal Entry,TU-2026-01,1300,,15000.00,,true-up\n"
    )
    assert reconcile(exports, warehouse).exit_code == 0
    assert _status(warehouse) == "reconciled"

    (exports / "gl_journal_lines_zz_correction.csv").unlink()
    assert reconcile(exports, warehouse).exit_code == 0
    assert _status(warehouse) == "true_up_required"


def _status(warehouse: Path) -> str:
    (row,) = query(warehouse, "select status from marts.fct_cogs_reconciliation")
    return row["status"]
