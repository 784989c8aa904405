"""Closing periods: a closed period must stay reconciled with the figures it closed with; an
open period awaiting its true-up is a warning. On both engines (the restatement needs dbt's
snapshot of the reconciliation on each)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import SCENARIOS_DIR, query, reconcile

from orchestration.close_checks import period_close_checks
from orchestration.resources import WarehouseResource

RECONCILED = SCENARIOS_DIR / "inventory_deliver_less_found_stock"
TRUE_UP_PENDING = SCENARIOS_DIR / "non_inventory_true_up_pending"
# A journal entry dated inside January, exported after January was reconciled and closed.
BACK_DATED_ENTRY = (
    "entity,transaction_id,line_number,txn_date,txn_type,doc_number,account_number,"
    "debit,credit,name,memo\n"
    "default,JE-77,1,2026-01-25,Journal Entry,JE-77,5000,250.00,,,late correction\n"
    "default,JE-77,2,2026-01-25,Journal Entry,JE-77,1300,,250.00,,late correction\n"
)


def with_close(exports: Path, close: str) -> Path:
    """The scenario's configuration with a `close:` section."""
    config = exports / "cogs_recon.yml"
    config.write_text(config.read_text() + f"close:\n{close}")
    return exports


def close_row(warehouse: str | Path) -> dict[str, object]:
    (row,) = query(warehouse, "select * from marts.fct_period_close")
    return row


def check_results(warehouse: str | Path) -> dict[str, tuple[bool, str]]:
    results = period_close_checks(warehouse=WarehouseResource(location=str(warehouse)))
    return {r.check_name: (r.passed, r.severity.value) for r in results}


@pytest.mark.slow
def test_a_back_dated_edit_to_a_closed_period_is_a_restatement(
    copy_exports: Callable[..., Path], engine_warehouse: str, tmp_path: Path
) -> None:
    exports = with_close(copy_exports(RECONCILED), "  close_after_days: 10\n")
    data_docs = ("--data-docs", tmp_path / "data_docs")
    assert reconcile(exports, engine_warehouse, *data_docs).exit_code == 0
    closed = close_row(engine_warehouse)
    assert (closed["is_closed"], closed["is_restated"], closed["close_check"]) == (
        True,
        False,
        "ok",
    )
    assert str(closed["closed_since"]) == "2026-02-10"

    (exports / "gl_journal_lines_zz_late.csv").write_text(BACK_DATED_ENTRY)
    run = reconcile(exports, engine_warehouse, *data_docs)

    assert run.exit_code == 1  # January is now unreconciled by 250.00
    restated = close_row(engine_warehouse)
    assert (restated["is_restated"], restated["close_check"]) == (True, "error")
    assert [str(restated[name]) for name in ("reconciled_posted_cogs", "posted_cogs")] == [
        "5000.00",
        "5250.00",
    ]
    assert "posted COGS 5000.00 -> 5250.00" in restated["close_reason"]
    assert "default 2026-01 error: restated after it was reconciled and closed" in run.stdout
    assert check_results(engine_warehouse) == {
        "closed_periods_are_reconciled": (False, "ERROR"),
        "closed_periods_keep_their_figures": (False, "ERROR"),
        "open_periods_await_no_true_up": (True, "WARN"),
    }
    # A rerun of the same exports changes nothing: the restatement stays on record.
    assert reconcile(exports, engine_warehouse, *data_docs).exit_code == 1
    assert close_row(engine_warehouse)["is_restated"] is True


@pytest.mark.slow
def test_an_open_period_awaiting_its_true_up_warns_and_a_closed_one_errs(
    copy_exports: Callable[..., Path], warehouse: Path
) -> None:
    exports = with_close(copy_exports(TRUE_UP_PENDING), "  closed_through: 2025-12\n")
    assert reconcile(exports, warehouse).exit_code == 0
    assert close_row(warehouse)["close_check"] == "warning"
    assert check_results(warehouse)["open_periods_await_no_true_up"] == (False, "WARN")

    config = exports / "cogs_recon.yml"
    config.write_text(config.read_text().replace("2025-12", "2026-01"))
    run = reconcile(exports, warehouse)

    assert run.exit_code == 0  # the contract's exit code: the period only awaits its true-up
    row = close_row(warehouse)
    assert (row["close_check"], row["close_reason"]) == (
        "error",
        "closed since 2026-02-01 but true_up_required",
    )
    assert check_results(warehouse)["closed_periods_are_reconciled"] == (False, "ERROR")
    assert "default 2026-01 error: closed since 2026-02-01" in run.stdout
