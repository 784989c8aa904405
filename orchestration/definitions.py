"""The cogs-recon code location: assembles the assets, checks, jobs, schedules, sensors and
resources."""

from dagster import Definitions, in_process_executor

from orchestration.alerting import reconciliation_alerts
from orchestration.close_checks import period_close_checks
from orchestration.ingest import configuration, extract_assets
from orchestration.jobs import land_exports_job, reconcile_periods_job, reconciliation_job
from orchestration.quality import reconciliation_checks
from orchestration.resources import resources_from_environment
from orchestration.schedules import daily_reconciliation_schedule
from orchestration.sensors import (
    changed_periods_sensor,
    new_exports_sensor,
    reconciliation_failure_alert,
)
from orchestration.transform import cogs_recon_dbt_assets

defs = Definitions(
    assets=[*extract_assets, configuration, cogs_recon_dbt_assets, reconciliation_alerts],
    asset_checks=[reconciliation_checks, period_close_checks],
    jobs=[reconciliation_job, land_exports_job, reconcile_periods_job],
    schedules=[daily_reconciliation_schedule],
    sensors=[new_exports_sensor, changed_periods_sensor, reconciliation_failure_alert],
    resources=resources_from_environment(),
    # Every run, ad-hoc UI materializations too, one step at a time in one process: a DuckDB
    # warehouse takes one writer, and parallel step processes collide on its lock.
    executor=in_process_executor,
)
