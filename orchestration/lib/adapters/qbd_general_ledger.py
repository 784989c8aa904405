"""QuickBooks Desktop **General Ledger** report exported to CSV or Excel: canonical
`gl_journal_lines`, read by ledger_report.py like the Online report.

Header `Type, Date, Num, Adj, Name, Memo, Split, Debit, Credit, Balance` after blank spacer
columns that hold the account rows (`1300 · Inventory Asset`, its beginning balance in
`Balance`) and their totals (`Total 1300 · Inventory Asset`); `TOTAL` at the end. Lines carry
Debit and Credit, so no sign needs the chart; totals check both columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from orchestration.lib.adapters.base import AdapterInput, CanonicalRow, Layout
from orchestration.lib.adapters.ledger_report import adapt_ledger
from orchestration.lib.adapters.values import Cell, parse_amount
from orchestration.lib.sources import GL_JOURNAL_LINES

_DOT = re.compile(r"\s*·\s*")


def account_name(label: str) -> str:
    """Desktop's `1300 · Inventory Asset` as the name the chart knows: `1300 Inventory Asset`."""
    return _DOT.sub(" ", label.strip())


def _net_debit(
    source: AdapterInput, line: int, cells: Sequence[Cell], account: str
) -> Decimal | None:
    debit = parse_amount(source.cell(cells, "debit"))
    credit = parse_amount(source.cell(cells, "credit"))
    if debit is None and credit is None:
        return None
    return (debit or 0) - (credit or 0)


def adapt(source: AdapterInput) -> Iterator[CanonicalRow]:
    """The report's lines as transactions; totals check the Debit and Credit columns."""
    return adapt_ledger(source, ("debit", "credit"), _net_debit, account_name)


LAYOUT = Layout(
    name="qbd_general_ledger",
    source=GL_JOURNAL_LINES,
    columns={
        "txn_type": ("type",),
        "date": ("date",),
        "num": ("num",),
        "name": ("name",),
        "memo": ("memo",),
        "split": ("split",),
        "debit": ("debit",),
        "credit": ("credit",),
        "balance": ("balance",),
    },
    required=frozenset({"txn_type", "date", "split", "debit", "credit"}),
    adapt=adapt,
    uses_chart=True,
)
