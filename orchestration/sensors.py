"""Sensors: a run when new exports land, and an alert when a run fails.

Sensors are evaluated by the daemon, so they cover scheduled and UI-launched runs;
`cogs-recon run` alerts its own failures (it runs in-process, where no sensor runs).
"""

import os
import time

from dagster import (
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    run_failure_sensor,
    sensor,
)

from orchestration.jobs import reconciliation_job
from orchestration.lib.alerts.run_failure import alert_run_failure
from orchestration.lib.export_folder import folder_state, parse_cursor
from orchestration.resources import ExportsResource

# A file written to within this many seconds is not read yet (COGS_RECON_EXPORTS_SETTLE_SECONDS).
DEFAULT_SETTLE_SECONDS = 120


@sensor(
    name="new_exports",
    job=reconciliation_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.STOPPED,
    description="Reconcile when export files are added, changed or removed in the exports "
    "folder, once every file has been quiet for the settle time.",
)
def new_exports_sensor(
    context: SensorEvaluationContext, exports: ExportsResource
) -> SensorResult | SkipReason:
    """One run per new state of the folder; none while a file is still being written."""
    settle_seconds = int(
        os.environ.get("COGS_RECON_EXPORTS_SETTLE_SECONDS", DEFAULT_SETTLE_SECONDS)
    )
    state = folder_state(exports.exports_path, time.time_ns(), settle_seconds)
    if state.still_written:
        return SkipReason(f"still being written: {', '.join(state.still_written)}")
    changed = state.changed_since(parse_cursor(context.cursor))
    if not changed:
        return SkipReason("no new, changed or removed export files")
    return SensorResult(
        run_requests=[
            RunRequest(
                run_key=state.digest(),
                tags={"cogs_recon/changed_files": ", ".join(changed)[:200]},
            )
        ],
        cursor=state.cursor(),
    )


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
