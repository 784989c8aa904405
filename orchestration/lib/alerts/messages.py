"""What an alert says: a subject line, a plain-text body, and the same facts as JSON fields.

Amounts are shown as the CLI shows them (`7,499.94`) and given in the fields as exact decimal
strings (`"7499.94"`): a float never touches them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from orchestration.lib.alerts.decide import Decision, Kind
from orchestration.lib.report import format_cell, render_break

SUBJECT_PREFIX = "[cogs-recon]"
LARGEST_BREAKS = 3
FIGURES = (
    ("computed COGS", "computed_cogs"),
    ("posted COGS", "posted_cogs"),
    ("variance", "variance"),
    ("inventory difference", "inventory_difference"),
)
BREAK_FIELDS = ("break_type", "reference", "cogs_effect", "inventory_effect")
# Room for the rest of a chat message: a run's error is cut to this many characters.
MAX_ERROR_CHARS = 1500


@dataclass(frozen=True)
class Message:
    """One alert, ready for any channel."""

    subject: str
    text: str
    severity: str
    fields: Mapping[str, Any]


def largest_breaks(breaks: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The breaks with the largest COGS effect (then inventory effect) first, at most 3."""
    ranked = sorted(
        breaks,
        key=lambda b: (-abs(b["cogs_effect"]), -abs(b["inventory_effect"]), b["reference"] or ""),
    )
    return ranked[:LARGEST_BREAKS]


def period_message(
    decision: Decision, breaks: Sequence[Mapping[str, Any]], run_link: str
) -> Message:
    """The message about one period: its figures, its largest breaks, the run that saw it."""
    period = decision.period
    name = f"{period['entity']} {format_cell(period['period_start'])}"
    status = period["status"]
    shown = largest_breaks(breaks)
    if decision.kind is Kind.RECOVERY:
        subject = f"{SUBJECT_PREFIX} resolved: {name} {status}"
        headline = f"{name} is {status} again (was {decision.previous_status})."
    else:
        figures = (
            f"variance {format_cell(period['variance'])}, "
            f"inventory difference {format_cell(period['inventory_difference'])}"
        )
        if decision.kind is Kind.REMINDER:
            subject = f"{SUBJECT_PREFIX} reminder: {name} still {status}: {figures}"
            headline = f"{name} is still {status}."
        else:
            subject = f"{SUBJECT_PREFIX} {name} {status}: {figures}"
            was = f"was {decision.previous_status}" if decision.previous_status else "new"
            headline = f"{name} is {status} ({was})."
    width = max(len(label) for label, _ in FIGURES)
    lines = [headline, period["status_reason"], ""]
    lines += [f"{label:<{width}}  {format_cell(period[key]):>14}" for label, key in FIGURES]
    if shown:
        lines += ["", "Largest breaks:", *(render_break(row) for row in shown)]
    lines += ["", f"Run: {run_link}"]
    return Message(
        subject=subject,
        text="\n".join(lines),
        severity=decision.severity,
        fields={
            "kind": decision.kind.value,
            "entity": period["entity"],
            "period": format_cell(period["period_start"]),
            "status": status,
            "previous_status": decision.previous_status,
            "status_reason": period["status_reason"],
            **{key: _exact(period[key]) for _, key in FIGURES},
            "largest_breaks": [{key: _exact(row[key]) for key in BREAK_FIELDS} for row in shown],
            "run_url": run_link,
        },
    )


def run_failure_message(
    job_name: str, run_id: str | None, error: str, run_link: str | None
) -> Message:
    """The message about a run that failed before it could reconcile.

    An in-process run (`cogs-recon run`) is in no instance the UI reads: it has no link.
    """
    error = error.strip()
    if len(error) > MAX_ERROR_CHARS:
        error = error[:MAX_ERROR_CHARS] + " ..."
    which = f"The run {run_id}" if run_id else "A run"
    lines = [f"{which} of {job_name} failed:", error]
    if run_link:
        lines += ["", f"Run: {run_link}"]
    return Message(
        subject=f"{SUBJECT_PREFIX} run failed: {job_name}",
        text="\n".join(lines),
        severity="error",
        fields={
            "kind": "run_failure",
            "job": job_name,
            "run_id": run_id,
            "error": error,
            "run_url": run_link,
        },
    )


def _exact(value: Any) -> Any:
    """A Decimal as its exact digits; anything else as it is."""
    return str(value) if isinstance(value, Decimal) else value
