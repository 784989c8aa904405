"""When the reconciliation runs unattended: every morning, at a time the deployment chooses.

The schedule lands the exports; the `changed_periods` sensor then rebuilds the open period and
every period whose rows changed."""

import os

from dagster import DefaultScheduleStatus, ScheduleDefinition

from orchestration.jobs import land_exports_job
from orchestration.sensors import REBUILD_OPEN_PERIOD_TAG

# Read when the code location loads: set them where the daemon runs (its .env or service unit).
SCHEDULE_CRON = os.environ.get("COGS_RECON_SCHEDULE_CRON", "0 6 * * *")
SCHEDULE_TIMEZONE = os.environ.get("COGS_RECON_SCHEDULE_TIMEZONE", "UTC")

daily_reconciliation_schedule = ScheduleDefinition(
    name="daily_cogs_reconciliation",
    job=land_exports_job,
    tags={REBUILD_OPEN_PERIOD_TAG: "true"},
    cron_schedule=SCHEDULE_CRON,
    execution_timezone=SCHEDULE_TIMEZONE,
    default_status=DefaultScheduleStatus.STOPPED,
    description="Reconcile every morning (06:00 UTC unless COGS_RECON_SCHEDULE_CRON and "
    "COGS_RECON_SCHEDULE_TIMEZONE say otherwise), after the nightly exports land.",
)
