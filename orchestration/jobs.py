"""The reconciliation job: extract, dbt build and expectations, in dependency order."""

from dagster import AssetSelection, define_asset_job

reconciliation_job = define_asset_job(
    name="cogs_reconciliation",
    selection=AssetSelection.all(),
    description="Land the exports, build every model and run every check.",
)
