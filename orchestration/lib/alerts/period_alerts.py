"""One evaluation: read the reconciliation and the open alerts, send what is due, remember it.

The warehouse is opened twice, to read and then to record, and never held while a channel is
retried: DuckDB lets one process write at a time.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta

from orchestration.lib.alerts.channels import Channels, Delivery
from orchestration.lib.alerts.decide import Decision, decide
from orchestration.lib.alerts.messages import Message, period_message
from orchestration.lib.alerts.settings import AlertSettings
from orchestration.lib.alerts.state import (
    ensure_alert_state_table,
    read_alert_state,
    record_alerts,
)
from orchestration.lib.warehouse import WarehouseConnection

Connect = Callable[[], AbstractContextManager[WarehouseConnection]]


def utc_now() -> datetime:
    """Now in UTC, without a zone, as `ops.alert_state` stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def plan_period_alerts(
    con: WarehouseConnection, settings: AlertSettings, run_id: str, now: datetime
) -> list[tuple[Decision, Message]]:
    """The messages due now, each with the decision it records once sent."""
    ensure_alert_state_table(con)
    # A restated closed period alerts as its own state, whatever its status, with the figures
    # it was reconciled with (fct_period_close's reason).
    periods = con.records(
        "select r.entity, r.period_start, "
        "case when c.is_restated then 'restated' else r.status end as status, "
        "case when c.is_restated then c.close_reason else r.status_reason end as status_reason, "
        "r.computed_cogs, r.posted_cogs, r.variance, r.inventory_difference "
        "from marts.fct_cogs_reconciliation as r left join marts.fct_period_close as c "
        "on r.entity = c.entity and r.period_start = c.period_start "
        "order by r.entity, r.period_start"
    )
    decisions = decide(
        periods, read_alert_state(con), now, timedelta(days=settings.reminder_after_days)
    )
    breaks = defaultdict(list)
    for row in con.records(
        "select entity, period_start, break_type, reference, cogs_effect, inventory_effect, "
        "explanation from marts.fct_reconciliation_breaks"
    ):
        breaks[(row["entity"], row["period_start"])].append(row)
    link = settings.run_link(run_id)
    return [(d, period_message(d, breaks[d.key], link)) for d in decisions]


def run_period_alerts(
    connect: Connect,
    settings: AlertSettings,
    run_id: str,
    log: logging.Logger,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Delivery]:
    """Send the due messages; a message no channel delivered is due again on the next run."""
    now = now or utc_now()
    with connect() as con:
        planned = plan_period_alerts(con, settings, run_id, now)
    channels = Channels(settings, log, sleep)
    deliveries, sent = [], []
    for decision, message in planned:
        outcome = channels.send(message)
        deliveries += outcome
        if any(delivery.delivered for delivery in outcome):
            sent.append(decision)
    if sent:
        with connect() as con:
            record_alerts(con, sent, now)
    return deliveries
