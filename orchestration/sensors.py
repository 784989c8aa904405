"""Sensors: land new exports, rebuild the periods a landing changed, alert when a run fails.

Sensors are evaluated by the daemon, so they cover scheduled and UI-launched runs;
`cogs-recon run` alerts its own failures (it runs in-process, where no sensor runs).
"""

import os
import time

from dagster import (
    DagsterEventType,
    DagsterRunStatus,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunRequest,
    RunStatusSensorContext,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    run_failure_sensor,
    run_status_sensor,
    sensor,
)

from orchestration.jobs import land_exports_job, reconcile_periods_job, reconciliation_job
from orchestration.lib.alerts.run_failure import alert_run_failure
from orchestration.lib.export_folder import folder_state, parse_cursor
from orchestration.partitions import (
    fiscal_periods,
    partition_key_ranges,
    partition_range_tags,
    periods_to_rebuild,
)
from orchestration.resources import ExportsResource

# A landing run with this tag (the daily schedule's) rebuilds the open period even unchanged:
# what is due, closed or late depends on the day.
REBUILD_OPEN_PERIOD_TAG = "cogs_recon/rebuild_open_period"

# A file written to within this many seconds is not read yet (COGS_RECON_EXPORTS_SETTLE_SECONDS).
DEFAULT_SETTLE_SECONDS = 120


@sensor(
    name="new_exports",
    job=land_exports_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.STOPPED,
    description="Land the exports when files are added, changed or removed in the exports "
    "folder, once every file has been quiet for the settle time; `changed_periods` then "
    "rebuilds the periods they changed.",
)
def new_exports_sensor(
    context: SensorEvaluationContext, exports: ExportsResource
) -> SensorResult | SkipReason:
    """One landing run per new state of the folder; none while a file is still being written."""
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


def landed_metadata(context: RunStatusSensorContext) -> list[dict[str, object]]:
    """The metadata values of every asset the landing run materialized."""
    records = context.instance.get_records_for_run(
        context.dagster_run.run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION
    ).records
    return [
        {name: value.value for name, value in materialization.metadata.items()}
        for record in records
        if (materialization := record.asset_materialization) is not None
    ]


@run_status_sensor(
    name="changed_periods",
    run_status=DagsterRunStatus.SUCCESS,
    monitored_jobs=[land_exports_job],
    request_job=reconcile_periods_job,
    # On by default: it only follows landings, which the schedule or new_exports start.
    default_status=DefaultSensorStatus.RUNNING,
    description="After exports land, rebuild exactly the periods whose rows changed (every "
    "period when the chart or the settings changed; the open period too after the daily "
    "landing), one run per stretch of consecutive periods.",
)
def changed_periods_sensor(context: RunStatusSensorContext) -> list[RunRequest] | SkipReason:
    """One run per range of consecutive affected partitions, keyed by the landing run."""
    run = context.dagster_run
    all_keys = fiscal_periods.get_partition_keys()
    keys = periods_to_rebuild(
        landed_metadata(context), all_keys, run.tags.get(REBUILD_OPEN_PERIOD_TAG) == "true"
    )
    if not keys:
        return SkipReason(f"landing {run.run_id} changed no period")
    return [
        RunRequest(
            run_key=f"{run.run_id}:{first}:{last}",
            tags=partition_range_tags(first, last),
        )
        for first, last in partition_key_ranges(keys, all_keys)
    ]


@run_failure_sensor(
    name="cogs_reconciliation_failure_alert",
    monitored_jobs=[reconciliation_job, land_exports_job, reconcile_periods_job],
    # On by default: a scheduled run that fails in silence is the failure alerts exist for.
    default_status=DefaultSensorStatus.RUNNING,
    description="Alert on the configured channels when a reconciliation or landing run fails.",
)
def reconciliation_failure_alert(
    context: RunFailureSensorContext, exports: ExportsResource
) -> None:
    """Send the run's error and its link in the UI."""
    run = context.dagster_run
    error = context.failure_event.message or "the run failed"
    alert_run_failure(exports.config_path, run.job_name, run.run_id, error, context.log)
