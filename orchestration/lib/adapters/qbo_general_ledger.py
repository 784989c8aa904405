"""QuickBooks Online **General Ledger** report (classic and newer layouts): canonical
`gl_journal_lines`, read by ledger_report.py.

* Classic: `,Date,Transaction Type,Num,Name,Memo/Description,Split,Amount,Balance`, the first
  column blank; a section row with the account's name in it, a `Beginning Balance` row, the
  lines, `Total for <account>`; `TOTAL` at the end.
* Newer: `,Distribution account,Transaction date,Transaction type,Num,Name,Memo/Description,
  Split account,Amount,Balance`, the account on every row; `No.`, `Description`, `Split`
  variants.

`Amount` is signed in the account's normal direction, so the chart's account type makes it a
debit or a credit; `Balance` is the running balance (only the beginning balance is read).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from orchestration.lib.adapters.base import AdapterInput, CanonicalRow, Layout
from orchestration.lib.adapters.ledger_report import adapt_ledger, natural_to_debit
from orchestration.lib.adapters.values import Cell, parse_amount
from orchestration.lib.sources import GL_JOURNAL_LINES


def _net_debit(
    source: AdapterInput, line: int, cells: Sequence[Cell], account: str
) -> Decimal | None:
    amount = parse_amount(source.cell(cells, "amount"))
    return None if amount is None else natural_to_debit(source, line, account, amount)


def adapt(source: AdapterInput) -> Iterator[CanonicalRow]:
    """The report's lines as transactions; totals check the `Amount` column."""
    return adapt_ledger(source, ("amount",), _net_debit)


LAYOUT = Layout(
    name="qbo_general_ledger",
    source=GL_JOURNAL_LINES,
    columns={
        "account": ("distribution account", "account full name"),
        "date": ("date", "transaction date"),
        "txn_type": ("transaction type", "type"),
        "num": ("num", "no.", "number"),
        "name": ("name",),
        "memo": ("memo/description", "memo", "description"),
        "split": ("split", "split account"),
        "amount": ("amount",),
        "balance": ("balance",),
    },
    required=frozenset({"date", "txn_type", "split", "amount"}),
    adapt=adapt,
    uses_chart=True,
)
