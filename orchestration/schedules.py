"""When the reconciliation runs unattended."""

from dagster import DefaultScheduleStatus, ScheduleDefinition

from orchestration.jobs import reconciliation_job

daily_reconciliation_schedule = ScheduleDefinition(
    name="daily_cogs_reconciliation",
    job=reconciliation_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=DefaultScheduleStatus.STOPPED,
    description="Reconcile every morning at 06:00 UTC, after the nightly exports land.",
)
