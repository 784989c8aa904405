"""Every worked scenario of the contract, through `cogs-recon run`, to the penny, on DuckDB and
on PostgreSQL, and the two engines' marts identical row by row."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ReconciledRun
from support import (
    DEMO_EXPORTS,
    ENGINES,
    PERIOD_FIGURES,
    SCENARIOS_DIR,
    query,
    reconciliation_by_period,
    snapshot,
)

SCENARIOS = sorted(path for path in SCENARIOS_DIR.iterdir() if (path / "expected.json").exists())
SCENARIO_IDS = [path.name for path in SCENARIOS]
DATA_DOCS_LINE = "Great Expectations Data Docs:"


def test_all_scenarios_are_found() -> None:
    assert len(SCENARIOS) >= 8, f"expected the contract's scenarios in {SCENARIOS_DIR}"


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=SCENARIO_IDS)
def test_scenario_reconciles_as_expected(
    scenario: Path, engine: str, reconciled: Callable[[Path, str], ReconciledRun]
) -> None:
    expected = json.loads((scenario / "expected.json").read_text())
    run, warehouse = reconciled(scenario, engine)

    statuses = {period["status"] for period in expected["periods"]}
    passing = statuses <= {"reconciled", "true_up_required"}
    assert run.exit_code == (0 if passing else 1), run.stderr
    reconciliation = reconciliation_by_period(warehouse)
    assert set(reconciliation) == {(p["entity"], p["period_start"]) for p in expected["periods"]}
    for period in expected["periods"]:
        row = reconciliation[(period["entity"], period["period_start"])]
        assert {name: str(row[name]) for name in PERIOD_FIGURES} == {
            name: period[name] for name in PERIOD_FIGURES
        }
        lines = query(
            warehouse,
            "select account_number, debit, credit from marts.fct_true_up_journal_lines "
            f"where entity = '{period['entity']}' and period_start = '{period['period_start']}' "
            "order by line_number",
        )
        actual_lines = [{name: str(value) for name, value in line.items()} for line in lines]
        if "true_up_lines" in period:
            assert actual_lines == period["true_up_lines"]
        if period["true_up_amount"] == "0.00":
            assert actual_lines == []
    for expected_break in expected["breaks"]:
        assert expected_break["reference"] in run.stdout
    breaks = query(
        warehouse,
        "select entity, period_start, reference, cogs_effect, inventory_effect "
        "from marts.fct_reconciliation_breaks",
    )
    assert sorted(
        ({name: str(value) for name, value in row.items()} for row in breaks), key=break_key
    ) == sorted(expected["breaks"], key=break_key)


def break_key(row: dict[str, str]) -> tuple[str, ...]:
    return (row["entity"], row["period_start"], row["reference"], row["cogs_effect"])


@pytest.mark.slow
@pytest.mark.parametrize("exports", [*SCENARIOS, DEMO_EXPORTS], ids=[*SCENARIO_IDS, "demo"])
def test_duckdb_and_postgresql_marts_are_identical(
    exports: Path, reconciled: Callable[[Path, str], ReconciledRun]
) -> None:
    (duckdb_run, duckdb_warehouse), (postgres_run, postgres_warehouse) = (
        reconciled(exports, engine) for engine in ENGINES
    )
    assert postgres_run.exit_code == duckdb_run.exit_code
    # The printed reconciliation, up to where each run says where its Data Docs went.
    assert (
        postgres_run.stdout.split(DATA_DOCS_LINE)[0] == duckdb_run.stdout.split(DATA_DOCS_LINE)[0]
    )
    assert mart_columns(postgres_warehouse) == mart_columns(duckdb_warehouse)
    duckdb_marts, postgres_marts = (
        {table: [tuple(map(str, row)) for row in rows] for table, rows in marts.items()}
        for marts in (
            snapshot(duckdb_warehouse, ("marts",)),
            snapshot(postgres_warehouse, ("marts",)),
        )
    )
    assert postgres_marts.keys() == duckdb_marts.keys()
    for table, rows in duckdb_marts.items():
        assert postgres_marts[table] == rows, table


def mart_columns(warehouse: str) -> list[dict[str, object]]:
    """Each mart column with its decimal precision and scale: money is DECIMAL(18,2) on both."""
    return query(
        warehouse,
        "select table_name, column_name, ordinal_position, numeric_precision, numeric_scale "
        "from information_schema.columns where table_schema = 'marts' "
        "order by table_name, ordinal_position",
    )
