"""Business Central / Dynamics NAV **G/L Entries** (table 17, page "General Ledger Entries",
exported with *Open in Excel* or as CSV): canonical `gl_journal_lines`.

One row per G/L entry: `Entry No., Posting Date, Document Type, Document No., G/L Account No.,
Description, Amount, Debit Amount, Credit Amount, ..., Transaction No.`; current versions
caption the amounts `Amount (LCY)`, `Debit Amount (LCY)`, `Credit Amount (LCY)`, older ones
`Amount`; the API's `generalLedgerEntry` names them `postingDate, documentNumber, ...,
debitAmount, creditAmount`. Unlike QuickBooks' reports the file is flat: no sections, no
totals, accounts by number (no chart needed).

* **Transactions**: `Transaction No.` is the G/L transaction every posting balances within,
  so it groups the lines when the file has it (`<Transaction No.>`); without it, lines group
  by `<posting date>|<Document No.>`, one posted document per day.
* **Sides**: Debit Amount and Credit Amount when the file has both, else the signed Amount
  (positive is a debit in Business Central).
* **Type**: the Document Type (`Invoice`, `Credit Memo`, `Payment`...); a blank one (general
  and item journal postings) is `Journal Entry`, the QuickBooks type the models read as a
  direct posting.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from orchestration.lib.adapters.base import AdapterInput, CanonicalRow, Layout, non_empty_texts
from orchestration.lib.adapters.values import (
    Cell,
    UnreadableValue,
    amount_text,
    cell_text,
    parse_amount,
)
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.sources import GL_JOURNAL_LINES

JOURNAL_TYPE = "Journal Entry"


def _sides(source: AdapterInput, cells: Sequence[Cell]) -> tuple[str | None, str | None]:
    """(debit, credit) canonical texts of an entry; as printed when they cannot be read."""
    if "debit" in source.header.positions and "credit" in source.header.positions:
        debit, credit = source.cell(cells, "debit"), source.cell(cells, "credit")
        try:
            net = (parse_amount(debit) or Decimal(0)) - (parse_amount(credit) or Decimal(0))
        except UnreadableValue:
            return cell_text(debit) or None, cell_text(credit) or None
    else:
        amount = source.cell(cells, "amount")
        try:
            net = parse_amount(amount) or Decimal(0)
        except UnreadableValue:
            return cell_text(amount), None
    return (amount_text(net), None) if net >= 0 else (None, amount_text(-net))


def adapt(source: AdapterInput) -> Iterator[CanonicalRow]:
    """Each entry as a canonical line of its G/L transaction, in the file's order."""
    positions = source.header.positions
    if "amount" not in positions and not {"debit", "credit"} <= positions.keys():
        raise UnusableInputError(
            source.file_label,
            source.header.line,
            "Amount",
            "the header has neither Amount nor Debit Amount and Credit Amount",
        )
    grouped = "transaction_no" in positions
    lines_in: dict[str, int] = {}
    for line, cells in source.rows:
        if not non_empty_texts(cells):
            continue
        posting_date = source.date_text(line, source.cell(cells, "date"))
        document = source.text(cells, "doc_no")
        key = source.text(cells, "transaction_no") if grouped else f"{posting_date}|{document}"
        lines_in[key] = lines_in.get(key, 0) + 1
        debit, credit = _sides(source, cells)
        yield {
            "transaction_id": key,
            "line_number": str(lines_in[key]),
            "txn_date": posting_date,
            "txn_type": source.text(cells, "doc_type") or JOURNAL_TYPE,
            "doc_number": document,
            "account_number": source.text(cells, "account"),
            "debit": debit,
            "credit": credit,
            "name": None,
            "memo": source.text(cells, "description") or None,
            "_source_line": line,
        }
    source.info.checks.append(f"{len(lines_in)} transactions")


LAYOUT = Layout(
    name="bc_gl_entries",
    source=GL_JOURNAL_LINES,
    columns={
        "date": ("posting date", "postingdate"),
        "doc_type": ("document type", "documenttype"),
        "doc_no": ("document no.", "documentnumber"),
        "account": ("g/l account no.", "accountnumber"),
        "description": ("description",),
        "amount": ("amount (lcy)", "amount"),
        "debit": ("debit amount (lcy)", "debit amount", "debitamount"),
        "credit": ("credit amount (lcy)", "credit amount", "creditamount"),
        "transaction_no": ("transaction no.",),
    },
    required=frozenset({"date", "doc_no", "account"}),
    adapt=adapt,
)
