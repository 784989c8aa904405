"""Tests for the GX reconciliation suite: exact-to-the-penny zero checks on settled rows."""

from __future__ import annotations

import pathlib
from decimal import Decimal

import duckdb
import pandas as pd
import pytest

# Imported once at module level: great_expectations takes about 10 s to import.
from expectations.reconciliation_suite import (
    CHECKED_COLUMNS,
    ExpectationOutcome,
    run_reconciliation_suite,
)

ZERO_ROW = "('A', '2026-01-01', 'reconciled', 0.00, 0.00, 0.00)"


def _mart(*rows: str) -> pd.DataFrame:
    """Build mart rows in DuckDB and read them through Arrow, as the asset check does."""
    relation = duckdb.sql(
        f"""
        select entity, period_start::date as period_start, status,
               variance::decimal(18,2) as variance,
               inventory_difference::decimal(18,2) as inventory_difference,
               rollforward_difference::decimal(18,2) as rollforward_difference
        from (values {", ".join(rows)}) as t(
            entity, period_start, status, variance, inventory_difference, rollforward_difference
        )
        """
    )
    return relation.to_arrow_table().to_pandas()


def _by_column(outcomes: list[ExpectationOutcome]) -> dict[str, ExpectationOutcome]:
    """Index outcomes by the column they check."""
    return {outcome.column: outcome for outcome in outcomes}


def _row_with(column: str, value: str, entity: str = "B", status: str = "unreconciled") -> str:
    """SQL row that is zero everywhere except `value` in `column`."""
    amounts = ", ".join(value if name == column else "0.00" for name in CHECKED_COLUMNS)
    return f"('{entity}', '2026-01-01', '{status}', {amounts})"


def test_settled_zero_rows_pass_in_stable_order() -> None:
    """All-zero settled rows pass every check, reported as variance, inventory, rollforward."""
    outcomes = run_reconciliation_suite(_mart(ZERO_ROW, _row_with("variance", "0.00")))
    assert [o.check_name for o in outcomes] == [
        "variance_is_zero",
        "inventory_difference_is_zero",
        "rollforward_difference_is_zero",
    ]
    assert [o.column for o in outcomes] == list(CHECKED_COLUMNS)
    assert all(o.success and o.failing_rows == [] for o in outcomes)
    assert all(o.description.startswith(o.column) for o in outcomes)


@pytest.mark.parametrize("column", CHECKED_COLUMNS)
@pytest.mark.parametrize("value", ["0.01", "-0.01"])
def test_one_penny_fails_with_exactly_that_row(column: str, value: str) -> None:
    """A single cent either way fails the column's check and names only the offending row."""
    outcomes = _by_column(run_reconciliation_suite(_mart(ZERO_ROW, _row_with(column, value))))
    assert not outcomes[column].success
    assert outcomes[column].failing_rows == [
        {"entity": "B", "period_start": "2026-01-01", "status": "unreconciled", "value": value}
    ]
    assert all(o.success for name, o in outcomes.items() if name != column)


@pytest.mark.parametrize("zero", [Decimal("0"), Decimal("0.00"), Decimal("-0.00")])
def test_every_decimal_zero_passes(zero: Decimal) -> None:
    """Zero passes whatever its scale or sign, since Decimal compares by value."""
    mart = _mart(ZERO_ROW)
    mart.loc[0, "variance"] = zero
    assert all(o.success for o in run_reconciliation_suite(mart))


def test_amount_below_float_resolution_fails() -> None:
    """1E-400 fails, proving no float cast (it would underflow to 0.0) happens inside GX."""
    mart = _mart(ZERO_ROW)
    mart.loc[0, "variance"] = Decimal("1E-400")
    outcome = _by_column(run_reconciliation_suite(mart))["variance"]
    assert not outcome.success
    assert [row["value"] for row in outcome.failing_rows] == ["1E-400"]


def test_incomplete_and_true_up_rows_are_not_checked() -> None:
    """Rows still incomplete or awaiting a true-up may carry NULLs or differences."""
    mart = _mart(
        "('A', '2026-01-01', 'incomplete', null, null, null)",
        "('B', '2026-01-01', 'true_up_required', 15000.00, -3.25, 0.01)",
    )
    assert all(o.success for o in run_reconciliation_suite(mart))


def test_null_in_settled_row_fails() -> None:
    """A NULL amount on a reconciled row fails instead of being skipped like GX does by default."""
    mart = _mart(ZERO_ROW, "('B', '2026-01-01', 'reconciled', 0.00, null, 0.00)")
    outcome = _by_column(run_reconciliation_suite(mart))["inventory_difference"]
    assert not outcome.success
    assert outcome.failing_rows == [
        {"entity": "B", "period_start": "2026-01-01", "status": "reconciled", "value": "NULL"}
    ]


def test_failing_rows_sorted_by_entity_then_period() -> None:
    """Offending rows come back ordered by entity, then period_start, with exact amount text."""
    mart = _mart(
        "('B', '2026-01-01', 'unreconciled', 15000.00, 0.00, 0.00)",
        "('A', '2026-02-01', 'unreconciled', -0.01, 0.00, 0.00)",
        "('A', '2026-01-01', 'reconciled', null, 0.00, 0.00)",
    )
    outcome = _by_column(run_reconciliation_suite(mart))["variance"]
    assert [(r["entity"], r["period_start"], r["value"]) for r in outcome.failing_rows] == [
        ("A", "2026-01-01", "NULL"),
        ("A", "2026-02-01", "-0.01"),
        ("B", "2026-01-01", "15000.00"),
    ]


def test_empty_mart_passes() -> None:
    """A mart with no rows yet has nothing to disprove."""
    assert all(o.success for o in run_reconciliation_suite(_mart(ZERO_ROW).head(0)))


def test_float_amounts_are_rejected() -> None:
    """Money that became a float is a defect, so the suite refuses to compare it."""
    mart = _mart(ZERO_ROW)
    mart["variance"] = [0.0]
    with pytest.raises(TypeError, match="variance"):
        run_reconciliation_suite(mart)


def test_data_docs_written_to_given_directory(tmp_path: pathlib.Path) -> None:
    """Data Docs for the validation land under the given directory, index.html at its root."""
    docs = tmp_path / "data_docs"
    run_reconciliation_suite(_mart(ZERO_ROW, _row_with("variance", "0.01")), data_docs_dir=docs)
    assert (docs / "index.html").is_file()
    assert list((docs / "validations" / "cogs_reconciliation").rglob("*.html"))
