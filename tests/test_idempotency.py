"""Reruns change nothing: the same exports twice, or the same rows in overlapping files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from support import SCENARIOS_DIR, reconcile

SCENARIO = SCENARIOS_DIR / "non_inventory_true_up_pending"


def snapshot(
    warehouse: Path, schemas: tuple[str, ...], ignore: tuple[str, ...] = ()
) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the given schemas, rows sorted, without the ignored columns."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_schema || '.' || table_name, string_agg(column_name, ', ') "
            "from information_schema.columns join information_schema.tables "
            "using (table_schema, table_name) "
            f"where table_schema in {schemas!r} and table_type = 'BASE TABLE' "
            f"and column_name not in {(*ignore, '')!r} group by 1 order by 1"
        ).fetchall()
        return {
            table: con.execute(f"select {names} from {table} order by all").fetchall()
            for table, names in columns
        }


@pytest.mark.slow
def test_loading_the_same_exports_twice_changes_nothing(warehouse: Path) -> None:
    assert reconcile(SCENARIO, warehouse).exit_code == 0
    first = snapshot(warehouse, ("raw", "intermediate", "marts"))

    assert reconcile(SCENARIO, warehouse).exit_code == 0

    assert snapshot(warehouse, ("raw", "intermediate", "marts")) == first
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
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (status,) = con.execute("select status from marts.fct_cogs_reconciliation").fetchone()
    return status
