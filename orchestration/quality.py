"""Great Expectations on the reconciliation mart, run as Dagster asset checks.

Great Expectations takes ~10 s to import, so it is imported inside the check, not here.
"""

from collections.abc import Iterator

import pandas as pd
from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    MetadataValue,
    multi_asset_check,
)

from expectations import CHECKED_COLUMNS
from orchestration.resources import DataDocsResource, WarehouseResource

RECONCILIATION_MART = AssetKey(["marts", "fct_cogs_reconciliation"])


@multi_asset_check(
    specs=[
        AssetCheckSpec(
            name=f"{column}_is_zero",
            asset=RECONCILIATION_MART,
            description=f"GX: {column} is exactly 0.00 in every period that is neither "
            "incomplete nor awaiting its true-up.",
        )
        for column in CHECKED_COLUMNS
    ],
)
def reconciliation_checks(
    context: AssetCheckExecutionContext,
    warehouse: WarehouseResource,
    data_docs: DataDocsResource,
) -> Iterator[AssetCheckResult]:
    """Validate the mart with the GX suite and report each expectation with its failing rows."""
    from expectations.reconciliation_suite import run_reconciliation_suite

    with warehouse.connect(read_only=True) as con:
        # Both engines return DECIMAL as Decimal: the frame's amount columns stay exact.
        reconciliation = pd.DataFrame(
            con.records("select * from marts.fct_cogs_reconciliation order by entity, period_start")
        )
    docs_dir = data_docs.path
    outcomes = run_reconciliation_suite(reconciliation, data_docs_dir=docs_dir)
    context.log.info(f"Great Expectations Data Docs: {docs_dir / 'index.html'}")
    for outcome in outcomes:
        yield AssetCheckResult(
            asset_key=RECONCILIATION_MART,
            check_name=outcome.check_name,
            passed=outcome.success,
            severity=AssetCheckSeverity.ERROR,
            description=outcome.description,
            metadata={
                "failing_periods": MetadataValue.int(len(outcome.failing_rows)),
                "failing_rows": MetadataValue.json(outcome.failing_rows),
                "data_docs": MetadataValue.path(str(docs_dir / "index.html")),
            },
        )
