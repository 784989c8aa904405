"""A failed run alerts through the same channels as a broken period.

Run-status sensors are evaluated by the daemon, so this covers scheduled and UI-launched runs;
`cogs-recon run` alerts its own failures (it runs in-process, where no sensor runs).
"""

from dagster import DefaultSensorStatus, RunFailureSensorContext, run_failure_sensor

from orchestration.jobs import reconciliation_job
from orchestration.lib.alerts.run_failure import alert_run_failure
from orchestration.resources import ExportsResource


@run_failure_sensor(
    name="cogs_reconciliation_failure_alert",
    monitored_jobs=[reconciliation_job],
    # On by default: a scheduled run that fails in silence is the failure alerts exist for.
    default_status=DefaultSensorStatus.RUNNING,
    description="Alert on the configured channels when a cogs_reconciliation run fails.",
)
def reconciliation_failure_alert(
    context: RunFailureSensorContext, exports: ExportsResource
) -> None:
    """Send the run's error and its link in the UI."""
    run = context.dagster_run
    error = context.failure_event.message or "the run failed"
    alert_run_failure(exports.config_path, run.job_name, run.run_id, error, context.log)
