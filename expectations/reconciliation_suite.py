"""Great Expectations suite proving that every settled COGS reconciliation ties out to the penny.

Each check is a small group of two GX expectations on one amount column, both restricted by the
same row condition (status is neither ``incomplete`` nor ``true_up_required``) and run with
``mostly=1.0``:

* ``ExpectColumnValuesToNotBeNull`` -- GX column-map expectations skip nulls, so without this a
  NULL amount in a settled row would pass silently;
* ``ExpectColumnValuesToBeBetween(min_value=0, max_value=0)`` -- the value is exactly zero.

Exactness: amounts must arrive as ``decimal.Decimal`` (object dtype, as DuckDB DECIMAL does through
Arrow); anything else is rejected with ``TypeError`` before GX runs. For object columns GX's pandas
``column_values.between`` compares each Python value with the bounds (``Decimal <= 0``), so no float
conversion happens; the tests prove it with 0.01, -0.01 and 1E-400, which a float cast would lose.
Failing rows are rendered from the caller's frame by GX's unexpected index, never from GX's
serialised values, so the reported amount is the exact Decimal text.

The module imports ``great_expectations`` (about 10 s); import it only where validation runs.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass
from decimal import Decimal

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.core.expectation_validation_result import ExpectationValidationResult
from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.expectations.row_conditions import Column

from expectations import CHECKED_COLUMNS

SUITE_NAME = "cogs_reconciliation"
UNCHECKED_STATUSES = ("incomplete", "true_up_required")
DATA_DOCS_SITE_NAME = "cogs_recon"
NULL_TEXT = "NULL"


@dataclass(frozen=True)
class ExpectationOutcome:
    """Result of one zero check, with the offending rows rendered as exact text."""

    check_name: str
    column: str
    success: bool
    description: str
    failing_rows: list[dict[str, str]]


def build_reconciliation_suite() -> gx.ExpectationSuite:
    """Build the `cogs_reconciliation` suite: one not-null + exactly-zero group per column."""
    expectations = [
        expectation for column in CHECKED_COLUMNS for expectation in _zero_check(column)
    ]
    return gx.ExpectationSuite(name=SUITE_NAME, expectations=expectations)


def run_reconciliation_suite(
    reconciliation: pd.DataFrame, data_docs_dir: pathlib.Path | None = None
) -> list[ExpectationOutcome]:
    """Validate the reconciliation mart in an ephemeral GX context; optionally write Data Docs."""
    frame = reconciliation.reset_index(drop=True)  # unique labels for GX's unexpected indexes
    _require_decimal_amounts(frame)
    context = _ephemeral_context(data_docs_dir)
    validation = _validation_definition(context)
    result = validation.run(
        batch_parameters={"dataframe": frame}, result_format={"result_format": "COMPLETE"}
    )
    if data_docs_dir is not None:
        context.build_data_docs(site_names=[DATA_DOCS_SITE_NAME])
    return [
        _outcome(column, _results_for(column, result.results), frame) for column in CHECKED_COLUMNS
    ]


def _zero_check(column: str) -> list[gxe.Expectation]:
    """Expect `column` non-NULL and exactly zero on rows whose status is settled."""
    settled = Column("status").is_not_in(UNCHECKED_STATUSES)
    return [
        gxe.ExpectColumnValuesToNotBeNull(column=column, row_condition=settled, mostly=1.0),
        # Object (Decimal) columns take GX's per-value Python comparison path, which is exact.
        gxe.ExpectColumnValuesToBeBetween(
            column=column, min_value=0, max_value=0, row_condition=settled, mostly=1.0
        ),
    ]


def _require_decimal_amounts(frame: pd.DataFrame) -> None:
    """Reject non-Decimal amounts, because a float would make the penny comparison inexact."""
    for column in CHECKED_COLUMNS:
        inexact = [v for v in frame[column] if not (pd.isna(v) or isinstance(v, Decimal))]
        if inexact:
            raise TypeError(f"{column} must hold decimal.Decimal values, got {inexact[0]!r}")


def _ephemeral_context(data_docs_dir: pathlib.Path | None) -> AbstractDataContext:
    """Create a quiet in-memory GX context, plus a filesystem docs site when a dir is given."""
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if data_docs_dir is not None:
        context.add_data_docs_site(
            site_name=DATA_DOCS_SITE_NAME,
            site_config={
                "class_name": "SiteBuilder",
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(data_docs_dir.resolve()),
                },
            },
        )
    return context


def _validation_definition(context: AbstractDataContext) -> gx.ValidationDefinition:
    """Register the suite against a whole-DataFrame pandas batch in `context`."""
    batch = (
        context.data_sources.add_pandas("cogs_recon")
        .add_dataframe_asset("fct_cogs_reconciliation")
        .add_batch_definition_whole_dataframe("whole_mart")
    )
    suite = context.suites.add(build_reconciliation_suite())
    return context.validation_definitions.add(
        gx.ValidationDefinition(name=SUITE_NAME, data=batch, suite=suite)
    )


def _results_for(
    column: str, results: list[ExpectationValidationResult]
) -> list[ExpectationValidationResult]:
    """Select the validation results of the expectations on `column`."""
    return [r for r in results if r.expectation_config.kwargs["column"] == column]


def _outcome(
    column: str, results: list[ExpectationValidationResult], frame: pd.DataFrame
) -> ExpectationOutcome:
    """Fold one column's expectation results into an outcome listing the offending rows."""
    for result in results:
        if not result.success and not result.result.get("unexpected_index_list"):
            raise RuntimeError(f"GX check on {column} failed without rows: {result.exception_info}")
    indexes = {index for r in results for index in r.result.get("unexpected_index_list") or []}
    failing_rows = sorted(
        (_failing_row(frame.loc[index], column) for index in indexes),
        key=lambda row: (row["entity"], row["period_start"]),
    )
    return ExpectationOutcome(
        check_name=f"{column}_is_zero",
        column=column,
        success=all(r.success for r in results),
        description=(
            f"{column} is exactly 0.00 and not NULL on every row whose status is neither "
            + " nor ".join(UNCHECKED_STATUSES)
        ),
        failing_rows=failing_rows,
    )


def _failing_row(row: pd.Series, column: str) -> dict[str, str]:
    """Render an offending row as text: entity, ISO period_start, status and the exact value."""
    value = row[column]
    return {
        "entity": str(row["entity"]),
        "period_start": pd.Timestamp(row["period_start"]).date().isoformat(),
        "status": str(row["status"]),
        "value": NULL_TEXT if pd.isna(value) else str(value),
    }
