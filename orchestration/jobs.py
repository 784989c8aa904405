"""The jobs: the whole reconciliation (command line, backfills), and its two halves that the
schedule and the sensors chain: land the exports, then rebuild the periods they changed."""

from dagster import AssetSelection, define_asset_job

from orchestration.ingest import RAW_GROUP

LANDING = AssetSelection.groups(RAW_GROUP)

reconciliation_job = define_asset_job(
    name="cogs_reconciliation",
    selection=AssetSelection.all(),
    description="Land the exports, build every model for the run's periods and run every "
    "check. `cogs-recon run` and backfills run it over every period.",
)

land_exports_job = define_asset_job(
    name="land_exports",
    selection=LANDING,
    description="Land the exports folder in the raw tables; each raw asset's metadata lists "
    "the periods whose rows changed.",
)

reconcile_periods_job = define_asset_job(
    name="reconcile_periods",
    selection=AssetSelection.all() - LANDING,
    description="Rebuild the models of the run's periods from the landed exports, then the "
    "checks and alerts.",
)
