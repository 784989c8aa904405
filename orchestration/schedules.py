"""When the reconciliation runs unattended: every morning, at a time the deployment chooses."""

import os

from dagster import DefaultScheduleStatus, ScheduleDefinition

from orchestration.jobs import reconciliation_job

# Read when the code location loads: set them where the daemon runs (its .env or service unit).
SCHEDULE_CRON = os.environ.get("COGS_RECON_SCHEDULE_CRON", "0 6 * * *")
SCHEDULE_TIMEZONE = os.environ.get("COGS_RECON_SCHEDULE_TIMEZONE", "UTC")

daily_reconciliation_schedule = ScheduleDefinition(
    name="daily_cogs_reconciliation",
    job=reconciliation_job,
    cron_schedule=SCHEDULE_CRON,
    execution_timezone=SCHEDULE_TIMEZONE,
    default_status=DefaultScheduleStatus.STOPPED,
    description="Reconcile every morning (06:00 UTC unless COGS_RECON_SCHEDULE_CRON and "
    "COGS_RECON_SCHEDULE_TIMEZONE say otherwise), after the nightly exports land.",
)
