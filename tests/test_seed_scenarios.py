"""Every worked scenario of the contract, through `cogs-recon run`, to the penny."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import (
    PERIOD_FIGURES,
    SCENARIOS_DIR,
    query,
    reconcile,
    reconciliation_by_period,
)

SCENARIOS = sorted(path for path in SCENARIOS_DIR.iterdir() if (path / "expected.json").exists())


def test_all_scenarios_are_found() -> None:
    assert len(SCENARIOS) >= 8, f"expected the contract's scenarios in {SCENARIOS_DIR}"


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[path.name for path in SCENARIOS])
def test_scenario_reconciles_as_expected(scenario: Path, warehouse: Path) -> None:
    expected = json.loads((scenario / "expected.json").read_text())
    run = reconcile(scenario, warehouse)

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
        "from marts.fct_reconciliation_breaks order by all",
    )
    assert [{name: str(value) for name, value in row.items()} for row in breaks] == sorted(
        expected["breaks"], key=lambda b: (b["entity"], b["period_start"], b["reference"])
    )
