"""QuickBooks Online **Journal** report (classic and newer layouts): canonical `gl_journal_lines`.

The only QuickBooks report that keeps double entry: one block of lines per transaction.

* Classic: `Date, Transaction Type, Num, Name, Memo/Description, Account, Debit, Credit`;
  date, type and number on a transaction's first line only (continuation lines inherit them),
  a total row (`,,,,,,"1,250.00","1,250.00"`) and a blank row after each transaction, a grand
  total at the end.
* Newer: `Transaction date, Transaction type, Num, Name, Memo/Description, Account full name,
  Debit, Credit`, date on every line, `$` in amounts; a variant has a leading grouping column
  with a section row per transaction and `Total for <n>` rows.

Totals are checksums: a transaction whose lines do not add up to its total row, or a file whose
lines do not add up to its grand total, is refused naming the total's row. A line with an
amount no rule reads is passed on (and rejected with its whole transaction by the validation);
the checksums that include it are not checked, so the row-level reason is what the user sees.

The report has no transaction id. Lines are grouped by their block, and a block's id is
`date|type|num`, with `#2`, `#3`... for later blocks of the same key in the file: stable across
overlapping reports, so a later file holding the same transaction replaces it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from orchestration.lib.adapters.base import (
    AdapterInput,
    CanonicalRow,
    Layout,
    footer_text,
    non_empty_texts,
)
from orchestration.lib.adapters.values import (
    Cell,
    UnreadableValue,
    canonical_amount,
    parse_amount,
)
from orchestration.lib.sources import GL_JOURNAL_LINES

_KEY_COLUMNS = ("date", "txn_type", "num")
_GRAND_TOTAL_LABELS = ("total", "grand total")


@dataclass
class _Sums:
    """Debits and credits of some lines; None once a line's amount could not be read."""

    debit: Decimal | None = Decimal(0)
    credit: Decimal | None = Decimal(0)

    def add(self, debit: Cell, credit: Cell) -> None:
        try:
            if self.debit is not None and self.credit is not None:
                self.debit += parse_amount(debit) or 0
                self.credit += parse_amount(credit) or 0
        except UnreadableValue:
            self.debit = self.credit = None

    def check(self, source: AdapterInput, line: int, cells: Sequence[Cell], what: str) -> bool:
        """Refuse the file at the total row when the lines do not add up to it; False when an
        unreadable line amount (rejected downstream) leaves nothing to check."""
        if self.debit is None or self.credit is None:
            return False
        for column, summed in (("debit", self.debit), ("credit", self.credit)):
            source.check_total(line, cells, column, summed, what)
        return True


@dataclass
class _Transaction:
    key: tuple[str, str, str] = ("", "", "")
    lines: list[CanonicalRow] = field(default_factory=list)
    sums: _Sums = field(default_factory=_Sums)


def adapt(source: AdapterInput) -> Iterator[CanonicalRow]:
    """Group the report's lines into transactions, check the totals, yield canonical lines."""
    seen_keys: Counter[tuple[str, str, str]] = Counter()
    file_sums = _Sums()
    current = _Transaction()
    transactions = 0

    def close() -> Iterator[CanonicalRow]:
        nonlocal current, transactions
        if current.lines:
            seen_keys[current.key] += 1
            transaction_id = "|".join(current.key)
            if seen_keys[current.key] > 1:
                transaction_id += f"#{seen_keys[current.key]}"
            transactions += 1
            for line in current.lines:
                line["transaction_id"] = transaction_id
                yield line
        current = _Transaction()

    for line, cells in source.rows:
        texts = non_empty_texts(cells)
        if not texts:
            yield from close()
            continue
        if footer := footer_text(cells):
            source.info.footer.append(footer)
            continue
        account = source.text(cells, "account")
        has_amount = bool(source.text(cells, "debit") or source.text(cells, "credit"))
        if not account and has_amount:
            if current.lines and texts[0].casefold() not in _GRAND_TOTAL_LABELS:
                current.sums.check(source, line, cells, f"transaction {' '.join(current.key)}")
                yield from close()
            else:
                yield from close()
                checked = file_sums.check(source, line, cells, "grand")
                source.info.checks.append(
                    f"grand total at row {line} {'matches' if checked else 'not checked'}"
                )
            continue
        if not account:
            # A section row of the grouping column: the next lines are a new transaction.
            yield from close()
            continue
        key_texts = tuple(source.text(cells, column) for column in _KEY_COLUMNS)
        if any(key_texts):
            key = (source.date_text(line, source.cell(cells, "date")),) + key_texts[1:]
            if current.lines and current.key != key:
                yield from close()
            current.key = key
        debit, credit = source.cell(cells, "debit"), source.cell(cells, "credit")
        current.sums.add(debit, credit)
        file_sums.add(debit, credit)
        current.lines.append(
            {
                "line_number": str(len(current.lines) + 1),
                "txn_date": current.key[0],
                "txn_type": current.key[1],
                "doc_number": current.key[2],
                "account_number": source.chart.resolve(account),
                "debit": canonical_amount(debit),
                "credit": canonical_amount(credit),
                "name": source.text(cells, "name") or None,
                "memo": source.text(cells, "memo") or None,
                "_source_line": line,
            }
        )
    yield from close()
    source.info.checks.append(f"{transactions} transactions")


LAYOUT = Layout(
    name="qbo_journal",
    source=GL_JOURNAL_LINES,
    columns={
        "date": ("date", "transaction date"),
        "txn_type": ("transaction type", "type"),
        "num": ("num", "no.", "number"),
        "name": ("name",),
        "memo": ("memo/description", "memo", "description"),
        "account": ("account", "account full name", "account name"),
        "debit": ("debit",),
        "credit": ("credit",),
    },
    required=frozenset({"date", "txn_type", "account", "debit", "credit"}),
    adapt=adapt,
    uses_chart=True,
)
