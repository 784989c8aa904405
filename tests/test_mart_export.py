"""`cogs-recon export`: every mart as Parquet or CSV, the same files from either engine."""

from __future__ import annotations

from collections.abc import Callable
from csv import DictReader
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ReconciledRun
from support import ENGINES, SCENARIOS_DIR, query, run_cli

SCENARIO = SCENARIOS_DIR / "inventory_adjustment_not_pushed"


def export(warehouse: str, export_format: str, out: Path) -> dict[str, Path]:
    run = run_cli("export", "--warehouse", warehouse, "--format", export_format, "--out", out)
    assert run.exit_code == 0, run.stderr
    return {path.stem: path for path in out.iterdir()}


@pytest.mark.slow
def test_both_engines_export_the_same_parquet_and_csv(
    reconciled: Callable[[Path, str], ReconciledRun], tmp_path: Path
) -> None:
    warehouses = {engine: reconciled(SCENARIO, engine)[1] for engine in ENGINES}
    marts = {
        row["table_name"]
        for row in query(
            warehouses["duckdb"],
            "select table_name from information_schema.tables where table_schema = 'marts'",
        )
    }
    parquet = {e: export(w, "parquet", tmp_path / e / "parquet") for e, w in warehouses.items()}
    csv = {e: export(w, "csv", tmp_path / e / "csv") for e, w in warehouses.items()}

    assert set(parquet["duckdb"]) == set(csv["duckdb"]) == marts
    for mart in marts:
        duckdb_table, postgres_table = (pq.read_table(parquet[e][mart]) for e in ENGINES)
        assert postgres_table.schema == duckdb_table.schema, mart
        assert postgres_table.equals(duckdb_table), mart
        assert csv["postgres"][mart].read_bytes() == csv["duckdb"][mart].read_bytes(), mart
    reconciliation = pq.read_table(parquet["postgres"]["fct_cogs_reconciliation"])
    assert reconciliation.schema.field("variance").type == pa.decimal128(18, 2)
    assert [str(v) for v in reconciliation.column("inventory_difference").to_pylist()] == [
        "3000.00"
    ]
    with csv["postgres"]["fct_cogs_reconciliation"].open(newline="") as handle:
        [values] = list(DictReader(handle))
    assert (values["period_start"], values["inventory_difference"]) == ("2026-01-01", "3000.00")


def test_export_without_a_warehouse_is_refused(tmp_path: Path) -> None:
    run = run_cli(
        "export", "--warehouse", tmp_path / "none.duckdb", "--format", "csv", "--out", tmp_path
    )
    assert run.exit_code == 2
    assert "no warehouse" in run.stderr
