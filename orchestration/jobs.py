"""The reconciliation job: extract, dbt build and expectations, in dependency order."""

from dagster import AssetSelection, define_asset_job, in_process_executor

reconciliation_job = define_asset_job(
    name="cogs_reconciliation",
    selection=AssetSelection.all(),
    description="Land the exports, build every model and run every check.",
    # One step at a time in one process, as `cogs-recon run` does: a DuckDB warehouse takes one
    # writer, and parallel step processes (the default for launched runs) collide on its lock.
    executor_def=in_process_executor,
)
