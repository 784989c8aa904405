"""The command line's tables: exact amounts, aligned, and a reason for every open period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from orchestration.lib.report import RECONCILIATION_COLUMNS, render_reasons, render_table

ROWS = [
    {
        "entity": "NORTH",
        "period_start": date(2025, 12, 1),
        "computed_cogs": None,
        "posted_cogs": None,
        "variance": None,
        "inventory_difference": None,
        "status": "incomplete",
        "status_reason": "no ERP valuation snapshot at 2025-11-30",
    },
    {
        "entity": "EAST",
        "period_start": date(2026, 1, 1),
        "computed_cogs": Decimal("1234567.89"),
        "posted_cogs": Decimal("1234567.89"),
        "variance": Decimal("0.00"),
        "inventory_difference": Decimal("0.00"),
        "status": "reconciled",
        "status_reason": "ok",
    },
    {
        "entity": "WEST",
        "period_start": date(2026, 2, 1),
        "computed_cogs": None,
        "posted_cogs": Decimal("10.00"),
        "variance": None,
        "inventory_difference": Decimal("-0.01"),
        "status": "incomplete",
        "status_reason": "no GL lines in the period",
    },
]


def test_amounts_keep_their_cents_and_line_up() -> None:
    lines = render_table(RECONCILIATION_COLUMNS, ROWS).splitlines()
    assert lines[0].split() == [
        "entity",
        "period",
        "computed",
        "COGS",
        "posted",
        "COGS",
        "variance",
        "inventory",
        "diff",
        "status",
    ]
    assert "1,234,567.89" in lines[3] and "2026-01" in lines[3]
    assert lines[4].split()[2] == "-" and "-0.01" in lines[4]
    posted_end = lines[3].rindex("1,234,567.89") + len("1,234,567.89")
    assert lines[4].index("10.00") + len("10.00") == posted_end


def test_every_period_not_reconciled_has_its_reason() -> None:
    assert render_reasons(ROWS).splitlines() == [
        "NORTH 2025-12 incomplete: no ERP valuation snapshot at 2025-11-30",
        "WEST 2026-02 incomplete: no GL lines in the period",
    ]


def test_the_largest_breaks_follow_their_period() -> None:
    breaks = [
        {
            "entity": "WEST",
            "period_start": date(2026, 2, 1),
            "break_type": kind,
            "reference": reference,
            "cogs_effect": Decimal(cogs),
            "inventory_effect": Decimal(inv),
            "explanation": "why",
        }
        for kind, reference, cogs, inv in [
            ("missing_in_gl", "ADJ-1", "0.00", "3000.00"),
            ("direct_posting", "JE-7", "-0.01", "0.00"),
            ("cut_off", "INV-2", "-500.00", "500.00"),
            ("missing_in_erp", "INV-9", "20.00", "0.00"),
        ]
    ]
    lines = render_reasons(ROWS, breaks, largest=3).splitlines()
    assert lines[2:] == [
        "    missing_in_gl ADJ-1: COGS 0.00, inventory 3,000.00 (why)",
        "    cut_off INV-2: COGS -500.00, inventory 500.00 (why)",
        "    missing_in_erp INV-9: COGS 20.00, inventory 0.00 (why)",
    ]
