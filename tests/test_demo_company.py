"""The demo company: reconciles as its generator says, and a broken document breaks one period."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ReconciledRun
from support import (
    DEMO_DIR,
    DEMO_EXPORTS,
    ENGINES,
    PERIOD_FIGURES,
    query,
    reconcile,
    reconciliation_by_period,
)

# Every money column of the marts: the period figures and the detail marts' amounts.
AMOUNT_COLUMNS = set(PERIOD_FIGURES) - {"status"} | {
    "true_up_cogs_amount",
    "true_up_adjustment_amount",
    "erp_adjustments",
    "cost_of_deliveries",
    "extended_cost",
    "total_value",
    "debit",
    "credit",
    "erp_amount",
    "gl_amount",
    "cogs_effect",
    "inventory_effect",
}


def expected_periods() -> dict[tuple[str, str], dict[str, str]]:
    """The generator's own figures, computed independently of the pipeline."""
    summary = json.loads((DEMO_DIR / "expected_summary.json").read_text())
    return {(p["entity"], p["period_start"]): p for p in summary["periods"]}


def edit_csv_rows(path: Path, matches: Callable[[dict[str, str]], bool], **changes: str) -> int:
    """Rewrite the rows of an export that match, returning how many changed."""
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        fieldnames = list(reader.fieldnames or [])
        rows = list(reader)
    changed = 0
    for row in rows:
        if matches(row):
            row.update(changes)
            changed += 1
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return changed


@pytest.fixture(params=ENGINES)
def demo_warehouse(
    request: pytest.FixtureRequest, reconciled: Callable[[Path, str], ReconciledRun]
) -> tuple[str, int, str]:
    """The demo reconciled once per engine for the session's tests."""
    run, warehouse = reconciled(DEMO_EXPORTS, request.param)
    return warehouse, run.exit_code, run.stdout


@pytest.mark.slow
def test_demo_reconciles_to_the_generators_figures(demo_warehouse: tuple[str, int, str]) -> None:
    warehouse, exit_code, stdout = demo_warehouse
    assert exit_code == 0
    actual = reconciliation_by_period(warehouse)
    expected = expected_periods()
    assert set(actual) == set(expected)
    for key, period in expected.items():
        assert {name: str(actual[key][name]) for name in PERIOD_FIGURES} == {
            name: period[name] for name in PERIOD_FIGURES
        }, key
    assert "true_up_required" in stdout and "TU-2026-06" in stdout


@pytest.mark.slow
def test_breaking_one_synced_document_breaks_exactly_its_period(
    reconciled: Callable[[Path, str], ReconciledRun],
    copy_exports: Callable[..., Path],
    tmp_path: Path,
) -> None:
    # EAST invoice INV-1014 (GL transaction 134): its COGS line moved to a freight expense
    # account; the entry still balances, the GL inventory is untouched.
    exports = copy_exports(DEMO_EXPORTS)
    changed = edit_csv_rows(
        exports / "gl_journal_lines_2026_04.csv",
        lambda row: (
            (row["entity"], row["transaction_id"], row["line_number"]) == ("EAST", "134", "6")
        ),
        account_number="6100",
    )
    assert changed == 1
    broken_warehouse = tmp_path / "broken.duckdb"

    run = reconcile(exports, broken_warehouse)

    assert run.exit_code == 1
    before = reconciliation_by_period(reconciled(DEMO_EXPORTS, "duckdb")[1])
    after = reconciliation_by_period(broken_warehouse)
    differing = {key for key in before if before[key] != after[key]}
    assert differing == {("EAST", "2026-04-01")}
    broken = after[("EAST", "2026-04-01")]
    assert broken["status"] == "unreconciled"
    assert str(broken["variance"]) == "7499.94"
    assert str(broken["inventory_difference"]) == "0.00"
    assert "EAST 2026-04 unreconciled" in run.stdout


def test_committed_demo_exports_match_their_generator(tmp_path: Path) -> None:
    sys.path.insert(0, str(DEMO_DIR))
    try:
        import generate_demo_exports
    finally:
        sys.path.remove(str(DEMO_DIR))
    generate_demo_exports.generate(tmp_path)
    committed = {path.name: path.read_bytes() for path in DEMO_EXPORTS.iterdir()}
    generated = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert generated == committed


@pytest.mark.slow
def test_mart_amounts_are_decimals_with_two_places(demo_warehouse: tuple[str, int, str]) -> None:
    columns = query(
        demo_warehouse[0],
        "select table_name, column_name, lower(data_type) as data_type, numeric_precision, "
        "numeric_scale from information_schema.columns where table_schema = 'marts'",
    )
    floats = ("double", "float", "real", "double precision")
    assert not [c for c in columns if c["data_type"] in floats]
    amounts = [c for c in columns if c["column_name"] in AMOUNT_COLUMNS]
    assert {c["column_name"] for c in amounts} == AMOUNT_COLUMNS
    assert {(c["numeric_precision"], c["numeric_scale"]) for c in amounts} == {(18, 2)}
    assert {c["data_type"] for c in amounts} <= {"decimal(18,2)", "numeric"}
