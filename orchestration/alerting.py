"""The alerts asset: after the marts are built, tell people what changed in the reconciliation.

An asset, not a hook, so `cogs-recon run` (in-process) and scheduled runs alert alike, and
what went out is in the materialization's metadata.
"""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset

from orchestration.lib.alerts.period_alerts import run_period_alerts
from orchestration.lib.config import load_config
from orchestration.quality import RECONCILIATION_MART
from orchestration.resources import ExportsResource, WarehouseResource

BREAKS_MART = AssetKey(["marts", "fct_reconciliation_breaks"])


@asset(
    key=AssetKey(["ops", "reconciliation_alerts"]),
    group_name="ops",
    deps=[RECONCILIATION_MART, BREAKS_MART],
    description="Alerts on the webhook and e-mail channels of cogs_recon.yml when a period "
    "breaks, stays broken past the reminder interval, or reconciles again "
    "(state in ops.alert_state).",
)
def reconciliation_alerts(
    context: AssetExecutionContext, warehouse: WarehouseResource, exports: ExportsResource
) -> MaterializeResult:
    """Send the messages due; a channel that fails is logged and listed, never fatal."""
    settings = load_config(exports.config_path).alerts
    if settings is None:
        return MaterializeResult(metadata={"configured": MetadataValue.bool(False)})
    deliveries = run_period_alerts(warehouse.connect, settings, context.run.run_id, context.log)
    failed = [delivery for delivery in deliveries if not delivery.delivered]
    return MaterializeResult(
        metadata={
            "configured": MetadataValue.bool(True),
            "sent": MetadataValue.int(len(deliveries) - len(failed)),
            "failed": MetadataValue.int(len(failed)),
            "deliveries": MetadataValue.json(
                [
                    {
                        "channel": delivery.channel,
                        "subject": delivery.subject,
                        "delivered": delivery.delivered,
                        "attempts": delivery.attempts,
                        "error": delivery.error,
                    }
                    for delivery in deliveries
                ]
            ),
        }
    )
