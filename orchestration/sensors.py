"""A failed run alerts through the same channels as a broken period.

Run-status sensors are evaluated by the daemon, so this covers scheduled and UI-launched runs;
`cogs-recon run` reports its own failure through its exit code and stderr.
"""

from dagster import DefaultSensorStatus, RunFailureSensorContext, run_failure_sensor

from orchestration.jobs import reconciliation_job
from orchestration.lib.alerts.channels import deliver
from orchestration.lib.alerts.messages import run_failure_message
from orchestration.lib.config import load_config
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
    """Send the run's error and link; nothing when cogs_recon.yml configures no alerts."""
    settings = load_config(exports.config_path).alerts
    if settings is None:
        return
    run = context.dagster_run
    message = run_failure_message(
        run.job_name, run.run_id, context.failure_event.message or "", settings.run_link(run.run_id)
    )
    deliver(message, settings, context.log)
