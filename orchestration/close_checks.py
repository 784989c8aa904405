"""The period-close checks on marts.fct_period_close, as Dagster asset checks.

A closed period that is not reconciled, or whose figures changed after it was reconciled
(a restatement), is an error; an open period awaiting its true-up is a warning.
"""

from collections.abc import Iterator

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    MetadataValue,
    multi_asset_check,
)

from orchestration.lib.report import format_cell
from orchestration.resources import WarehouseResource

PERIOD_CLOSE_MART = AssetKey(["marts", "fct_period_close"])
# Check name -> (severity, the rows that fail it, what it asks).
CLOSE_CHECKS = {
    "closed_periods_are_reconciled": (
        AssetCheckSeverity.ERROR,
        "is_closed and status <> 'reconciled'",
        "Every closed period is reconciled.",
    ),
    "closed_periods_keep_their_figures": (
        AssetCheckSeverity.ERROR,
        "is_restated",
        "No closed period's figures changed after it was reconciled (restatement).",
    ),
    "open_periods_await_no_true_up": (
        AssetCheckSeverity.WARN,
        "not is_closed and status = 'true_up_required'",
        "No open period still awaits its month-end true-up.",
    ),
}


@multi_asset_check(
    specs=[
        AssetCheckSpec(name=name, asset=PERIOD_CLOSE_MART, description=description)
        for name, (_, _, description) in CLOSE_CHECKS.items()
    ],
)
def period_close_checks(warehouse: WarehouseResource) -> Iterator[AssetCheckResult]:
    """Each check passes when no period matches its condition; failing periods in metadata."""
    with warehouse.connect(read_only=True) as con:
        failing = {
            name: con.records(
                "select entity, period_start, status, close_reason from marts.fct_period_close "
                f"where {condition} order by entity, period_start"
            )
            for name, (_, condition, _) in CLOSE_CHECKS.items()
        }
    for name, (severity, _, description) in CLOSE_CHECKS.items():
        rows = [{key: format_cell(value) for key, value in row.items()} for row in failing[name]]
        yield AssetCheckResult(
            asset_key=PERIOD_CLOSE_MART,
            check_name=name,
            passed=not rows,
            severity=severity,
            description=description,
            metadata={
                "failing_periods": MetadataValue.int(len(rows)),
                "failing_rows": MetadataValue.json(rows),
            },
        )
