"""Plain-text tables the command line prints: the reconciliation per entity and period."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

Row = Mapping[str, Any]

RECONCILIATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("entity", "entity"),
    ("period", "period_start"),
    ("computed COGS", "computed_cogs"),
    ("posted COGS", "posted_cogs"),
    ("variance", "variance"),
    ("inventory diff", "inventory_difference"),
    ("status", "status"),
)


def format_cell(value: Any) -> str:
    """Amounts with thousands separators and exactly 2 decimals; dates as YYYY-MM; - for none."""
    if value is None:
        return "-"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m")
    return str(value)


def render_table(columns: Sequence[tuple[str, str]], rows: Sequence[Row]) -> str:
    """A fixed-width table; amounts right-aligned so the cents line up."""
    cells = [[format_cell(row[key]) for _, key in columns] for row in rows]
    widths = [
        max([len(title)] + [len(line[index]) for line in cells])
        for index, (title, _) in enumerate(columns)
    ]
    numeric = [any(isinstance(row[key], Decimal) for row in rows) for _, key in columns]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            value.rjust(width) if is_number else value.ljust(width)
            for value, width, is_number in zip(values, widths, numeric, strict=True)
        ).rstrip()

    header = line([title for title, _ in columns])
    rule = "  ".join("-" * width for width in widths)
    return "\n".join([header, rule, *(line(values) for values in cells)])


def render_reasons(rows: Sequence[Row], breaks: Sequence[Row] = (), largest: int = 3) -> str:
    """One line per period that is not reconciled, saying why, with its largest breaks."""
    lines = []
    for row in rows:
        if row["status"] == "reconciled":
            continue
        lines.append(
            f"{row['entity']} {format_cell(row['period_start'])} {row['status']}: "
            f"{row['status_reason']}"
        )
        period_breaks = [
            b
            for b in breaks
            if (b["entity"], b["period_start"]) == (row["entity"], row["period_start"])
        ]
        period_breaks.sort(
            key=lambda b: abs(b["cogs_effect"]) + abs(b["inventory_effect"]), reverse=True
        )
        lines.extend(render_break(b) for b in period_breaks[:largest])
    return "\n".join(lines)


def render_break(row: Row) -> str:
    """One break under its period: what, which document, and its effect on each gap."""
    reference = f" {row['reference']}" if row["reference"] else ""
    return (
        f"    {row['break_type']}{reference}: COGS {format_cell(row['cogs_effect'])}, "
        f"inventory {format_cell(row['inventory_effect'])} ({row['explanation']})"
    )


def render_true_up_lines(rows: Sequence[Row]) -> str:
    """The proposed journal entries, one line per journal line."""
    columns = (
        ("entity", "entity"),
        ("period", "period_start"),
        ("journal", "journal_number"),
        ("account", "account_number"),
        ("name", "account_name"),
        ("debit", "debit"),
        ("credit", "credit"),
    )
    return render_table(columns, rows)
