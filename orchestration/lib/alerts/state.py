"""What was alerted, per period, kept in the warehouse (`ops.alert_state`) between runs.

Plain SQL that DuckDB and PostgreSQL both run: the state lives beside the marts it describes,
whichever engine holds them. A row exists while a period has an open alert; a recovery
deletes it. Times are UTC, stored without a zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from orchestration.lib.alerts.decide import AlertedState, Decision, Kind, PeriodKey
from orchestration.lib.warehouse import WarehouseConnection


def ensure_alert_state_table(con: WarehouseConnection) -> None:
    """Create `ops.alert_state` on first use."""
    con.execute("create schema if not exists ops")
    con.execute(
        "create table if not exists ops.alert_state ("
        "entity varchar not null, period_start date not null, status varchar not null, "
        "alerted_at timestamp not null, primary key (entity, period_start))"
    )


def read_alert_state(con: WarehouseConnection) -> dict[PeriodKey, AlertedState]:
    """The open alerts by (entity, period_start)."""
    rows = con.records("select entity, period_start, status, alerted_at from ops.alert_state")
    return {
        (row["entity"], row["period_start"]): AlertedState(row["status"], row["alerted_at"])
        for row in rows
    }


def record_alerts(con: WarehouseConnection, sent: Iterable[Decision], now: datetime) -> None:
    """Remember the messages that went out: an alert or reminder opens, a recovery closes."""
    with con.transaction():
        for decision in sent:
            entity, period_start = decision.key
            key = {"entity": entity, "period_start": period_start}
            con.execute(
                "delete from ops.alert_state "
                "where entity = $entity and period_start = $period_start",
                key,
            )
            if decision.kind is not Kind.RECOVERY:
                con.execute(
                    "insert into ops.alert_state (entity, period_start, status, alerted_at) "
                    "values ($entity, $period_start, $status, $alerted_at)",
                    {**key, "status": decision.period["status"], "alerted_at": now},
                )
