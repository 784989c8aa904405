"""A fiscal calendar: periods starting on the 26th reconcile as calendar months do."""

from __future__ import annotations

import calendar
import csv
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from support import PERIOD_FIGURES, SCENARIOS_DIR, query, reconciliation_by_period

from orchestration.partitions import period_start_of

START_DAY = 26
DATE_COLUMNS = ("posted_date", "as_of_date", "txn_date")
SCENARIOS = ("inventory_adjustment_not_pushed", "non_inventory_true_up_pending")


def test_a_date_belongs_to_the_period_started_on_or_before_it() -> None:
    assert period_start_of(date(2026, 3, 26), START_DAY) == date(2026, 3, 26)
    assert period_start_of(date(2026, 3, 25), START_DAY) == date(2026, 2, 26)
    assert period_start_of(date(2026, 1, 5), START_DAY) == date(2025, 12, 26)
    assert period_start_of(date(2026, 1, 5), 1) == date(2026, 1, 1)


def fiscal_date(day: date) -> date:
    """The day as many days into the fiscal period named like its month: a month's last day
    is the period's last day (the period starting on the 26th lasts as long as the month)."""
    return day.replace(day=START_DAY) + timedelta(days=day.day - 1)


def fiscal_period(period_start: str) -> str:
    return date.fromisoformat(period_start).replace(day=START_DAY).isoformat()


def shift_exports(scenario: Path, target: Path) -> None:
    """The scenario's exports with every date moved into its fiscal period."""
    target.mkdir()
    for source in scenario.iterdir():
        if source.suffix != ".csv":
            (target / source.name).write_bytes(source.read_bytes())
            continue
        with source.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            for column in DATE_COLUMNS:
                if row.get(column):
                    row[column] = fiscal_date(date.fromisoformat(row[column])).isoformat()
        with (target / source.name).open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


def test_a_month_end_becomes_the_fiscal_period_end() -> None:
    for month in range(1, 13):
        last_day = date(2026, month, calendar.monthrange(2026, month)[1])
        assert fiscal_date(last_day) + timedelta(days=1) == (
            date(2026 + month // 12, month % 12 + 1, START_DAY)
        )


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENARIOS)
def test_a_scenario_in_fiscal_periods_reconciles_to_its_figures(name: str, tmp_path: Path) -> None:
    scenario = SCENARIOS_DIR / name
    exports = tmp_path / "exports"
    shift_exports(scenario, exports)
    warehouse = tmp_path / "cogs_recon.duckdb"
    # A process of its own: the calendar is read when the code location loads.
    run = subprocess.run(
        [
            Path(sys.executable).parent / "cogs-recon",
            "run",
            "--exports",
            exports,
            "--warehouse",
            warehouse,
        ],
        env={**os.environ, "COGS_RECON_PERIOD_START_DAY": str(START_DAY)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    expected = json.loads((scenario / "expected.json").read_text())
    statuses = {period["status"] for period in expected["periods"]}
    assert run.returncode == (0 if statuses <= {"reconciled", "true_up_required"} else 1), (
        run.stderr[-3000:]
    )
    reconciliation = reconciliation_by_period(warehouse)
    assert set(reconciliation) == {
        (period["entity"], fiscal_period(period["period_start"])) for period in expected["periods"]
    }
    for period in expected["periods"]:
        row = reconciliation[(period["entity"], fiscal_period(period["period_start"]))]
        assert {figure: str(row[figure]) for figure in PERIOD_FIGURES} == {
            figure: period[figure] for figure in PERIOD_FIGURES
        }
        assert row["period_end"] == fiscal_date(
            date.fromisoformat(period["period_start"]).replace(
                day=calendar.monthrange(
                    *date.fromisoformat(period["period_start"]).timetuple()[:2]
                )[1]
            )
        )
    breaks = query(
        warehouse,
        "select entity, period_start, reference, cogs_effect, inventory_effect "
        "from marts.fct_reconciliation_breaks",
    )
    actual = sorted(tuple(map(str, row.values())) for row in breaks)
    assert actual == sorted(
        (
            item["entity"],
            fiscal_period(item["period_start"]),
            item["reference"],
            item["cogs_effect"],
            item["inventory_effect"],
        )
        for item in expected["breaks"]
    )
