"""Acceptance: every contract scenario re-exported as QuickBooks Online reports (Account List,
Journal in both layouts, CSV and Excel) reconciles exactly as its canonical CSVs do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ReconciledRun
from qbo_reports import export_as_reports
from support import SCENARIOS_DIR, postgres_database, query, reconcile

SCENARIOS = sorted(path for path in SCENARIOS_DIR.iterdir() if (path / "expected.json").exists())
RECONCILIATION = "select * from marts.fct_cogs_reconciliation order by entity, period_start"


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[path.name for path in SCENARIOS])
def test_reports_reconcile_as_the_canonical_exports(
    scenario: Path, tmp_path: Path, reconciled: Callable[[Path, str], ReconciledRun]
) -> None:
    canonical_run, canonical = reconciled(scenario, "duckdb")
    reports = export_as_reports(scenario, tmp_path / "reports")
    warehouse = tmp_path / "reports.duckdb"

    run = reconcile(reports, warehouse, "--data-docs", tmp_path / "docs")

    assert run.exit_code == canonical_run.exit_code, run.stderr
    assert query(warehouse, "select count(*) as n from marts.fct_rejected_rows") == [{"n": 0}]
    assert query(warehouse, RECONCILIATION) == query(canonical, RECONCILIATION)


@pytest.mark.slow
def test_reports_reconcile_on_postgres(
    tmp_path: Path, reconciled: Callable[[Path, str], ReconciledRun], postgres_server: str
) -> None:
    scenario = SCENARIOS_DIR / "nav_purchase_return_at_lower_credit"
    _, canonical = reconciled(scenario, "duckdb")
    reports = export_as_reports(scenario, tmp_path / "reports")
    with postgres_database(postgres_server) as warehouse:
        run = reconcile(reports, warehouse, "--data-docs", tmp_path / "docs")
        assert run.exit_code == 0, run.stderr
        assert query(warehouse, RECONCILIATION) == query(canonical, RECONCILIATION)
        lineage = query(
            warehouse,
            "select distinct _source_file from raw.gl_journal_lines order by _source_file",
        )
        assert lineage == [{"_source_file": "Journal.csv"}, {"_source_file": "Journal.xlsx#Sheet1"}]


@pytest.mark.slow
def test_an_unknown_account_name_is_rejected_with_file_and_row(tmp_path: Path) -> None:
    reports = export_as_reports(SCENARIOS_DIR / "inventory_adjustment_not_pushed", tmp_path / "r")
    journal = reports / "Journal.csv"
    lines = journal.read_text().splitlines()
    row = next(number for number, line in enumerate(lines, 1) if "5000 Cost of Goods Sold" in line)
    lines[row - 1] = lines[row - 1].replace("5000 Cost of Goods Sold", "5000 Cost of Goods")
    journal.write_text("\n".join(lines) + "\n")
    warehouse = tmp_path / "w.duckdb"

    run = reconcile(reports, warehouse, "--data-docs", tmp_path / "docs")

    assert run.exit_code == 1
    rejected = query(
        warehouse,
        "select source_file, source_line, rejected_column, reject_reason "
        "from marts.fct_rejected_rows order by source_line",
    )
    assert {
        "source_file": "Journal.csv",
        "source_line": row,
        "rejected_column": "account_number",
        "reject_reason": "account '5000 Cost of Goods' is not in the chart of accounts of entity "
        "default",
    } in rejected


@pytest.mark.slow
def test_a_report_whose_totals_do_not_add_up_stops_the_run(tmp_path: Path) -> None:
    reports = export_as_reports(SCENARIOS_DIR / "inventory_adjustment_not_pushed", tmp_path / "r")
    journal = reports / "Journal.csv"
    lines = journal.read_text().splitlines()
    grand_total = next(number for number, line in enumerate(lines, 1) if line.startswith("TOTAL"))
    lines[grand_total - 1] = "TOTAL,,,,,,$1.00,$1.00"
    journal.write_text("\n".join(lines) + "\n")

    run = reconcile(reports, tmp_path / "w.duckdb", "--data-docs", tmp_path / "docs")

    assert run.exit_code == 2
    assert f"Journal.csv, line {grand_total}, column debit: grand total 1.00" in run.stderr
