"""Which messages a reconciliation deserves, given what was alerted before. Pure: no I/O.

A period alerts once per change of state, not once per run: a period that stays broken is
reminded of only after the reminder interval, and a recovery message closes every alert.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

HEALTHY_STATUS = "reconciled"
# `true_up_required` only awaits the proposed entry: worth one warning, not an error.
# `restated`: a closed period whose figures changed after it was reconciled (fct_period_close).
SEVERITY_OF_STATUS = {
    "unreconciled": "error",
    "incomplete": "error",
    "restated": "error",
    "true_up_required": "warning",
}

PeriodKey = tuple[str, date]


class Kind(StrEnum):
    """Why a message goes out."""

    ALERT = "alert"  # the period entered a state that needs attention
    REMINDER = "reminder"  # it is still in that state after the reminder interval
    RECOVERY = "recovery"  # it reconciles again


@dataclass(frozen=True)
class AlertedState:
    """The last alert sent for a period: the status it reported and when (UTC)."""

    status: str
    alerted_at: datetime


@dataclass(frozen=True)
class Decision:
    """One message to send about one period (a row of marts.fct_cogs_reconciliation)."""

    kind: Kind
    period: Mapping[str, Any]
    previous_status: str | None

    @property
    def key(self) -> PeriodKey:
        return (self.period["entity"], self.period["period_start"])

    @property
    def severity(self) -> str:
        """`error`, `warning`, or `ok` for a recovery."""
        return SEVERITY_OF_STATUS.get(self.period["status"], "ok")


def decide(
    periods: Sequence[Mapping[str, Any]],
    alerted: Mapping[PeriodKey, AlertedState],
    now: datetime,
    reminder_after: timedelta,
) -> list[Decision]:
    """The messages due for these periods, in their order; none for a period nothing changed."""
    decisions = []
    for period in periods:
        previous = alerted.get((period["entity"], period["period_start"]))
        kind = _kind(period["status"], previous, now, reminder_after)
        if kind is not None:
            decisions.append(Decision(kind, period, previous.status if previous else None))
    return decisions


def _kind(
    status: str, previous: AlertedState | None, now: datetime, reminder_after: timedelta
) -> Kind | None:
    if status == HEALTHY_STATUS:
        return Kind.RECOVERY if previous is not None else None
    if previous is None or previous.status != status:
        return Kind.ALERT
    if now - previous.alerted_at >= reminder_after:
        return Kind.REMINDER
    return None
