"""What every **General Ledger** report shares (QuickBooks Online and Desktop): lines listed by
account, beginning balances, totals per account, and no transaction grouping.

A ledger report is read into canonical `gl_journal_lines` this way:

* **Sections**: a row without a date holding only a label opens an account's section
  (sub-accounts nest); its lines belong to it unless the row names its own account (the newer
  QuickBooks Online view repeats it on every row). `Total for <account>` (`Total <account>`
  in Desktop) closes the innermost section, `TOTAL` ends the report.
* **Totals are checksums**: a section's total row must equal the sum of the lines under it
  (its sub-sections' included) in each summed column, and the grand total the sum of all lines;
  a file where one does not is refused naming the total's row and column.
* **Debit or credit**: each layout turns a row into a debit-positive amount (from a signed
  `Amount` in the account's normal direction, or from Debit and Credit columns); the sign
  makes the canonical side.
* **Transactions**: lines are grouped across sections by date, type and number into one
  transaction `date|type|num`, the Journal report's id. Two documents sharing all three
  (unnumbered journal entries of one day) become one transaction: the report cannot tell them
  apart, so their balance is checked only together.
* **Beginning balances** (a `Beginning Balance` row, or the balance printed on Desktop's
  section row) are the balances at the close of the day before the report's start date: they
  become one opening transaction `<day>|Journal Entry|Beginning Balance` dated that day, one
  line per account, plus a line on `Opening Balance Equity` for any difference (a report of
  only some accounts), so the transaction balances as the contract requires.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from orchestration.lib.adapters.accounts import is_debit_normal
from orchestration.lib.adapters.base import (
    AdapterInput,
    CanonicalRow,
    footer_text,
    non_empty_texts,
    normalized,
    report_period,
)
from orchestration.lib.adapters.values import (
    Cell,
    UnreadableValue,
    amount_text,
    parse_amount,
)
from orchestration.lib.errors import UnusableInputError

OPENING_TYPE = "Journal Entry"
OPENING_DOC = "Beginning Balance"
OPENING_EQUITY_ACCOUNT = "Opening Balance Equity"
"""QuickBooks creates this account in every company for opening balances."""
_GRAND_TOTAL_LABELS = ("total", "grand total")
_KEY_COLUMNS = ("date", "txn_type", "num")

NetDebit = Callable[[AdapterInput, int, Sequence[Cell], str], Decimal | None]
"""A layout's reading of a line: (source, row, cells, account_number) to the debit-positive
amount, None for an empty line; UnreadableValue when its amount cannot be read."""


@dataclass
class _Section:
    """An open account section and the sums of the summed columns over its lines so far."""

    label: str
    line: int
    sums: Sums


Sums = dict[str, Decimal] | None
"""The sums of the summed columns over some lines; None once a line's amount was unreadable."""


def _added(sums: Sums, amounts: dict[str, Decimal | None] | None) -> Sums:
    if sums is None or amounts is None:
        return None
    return {column: total + (amounts[column] or 0) for column, total in sums.items()}


@dataclass
class _Ledger:
    """The lines read so far, grouped into transactions, and the sums the totals check."""

    summed: tuple[str, ...]
    sections: list[_Section] = field(default_factory=list)
    file_sums: Sums = None
    transactions: dict[tuple[str, str, str], list[CanonicalRow]] = field(default_factory=dict)
    openings: list[tuple[int, str, Decimal]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.file_sums = self.zero()

    def zero(self) -> Sums:
        return dict.fromkeys(self.summed, Decimal(0))

    def add_to_sums(self, source: AdapterInput, cells: Sequence[Cell]) -> None:
        """Add a line's summed columns to every open section and the file; an unreadable one
        leaves those sums unchecked (the row is rejected downstream with its reason)."""
        try:
            amounts = {column: parse_amount(source.cell(cells, column)) for column in self.summed}
        except UnreadableValue:
            amounts = None
        for section in self.sections:
            section.sums = _added(section.sums, amounts)
        self.file_sums = _added(self.file_sums, amounts)


def _check(
    source: AdapterInput,
    line: int,
    cells: Sequence[Cell],
    sums: Sums,
    what: str,
) -> bool:
    """Refuse the file at the total row when the lines do not add up to it; False when an
    unreadable line leaves nothing to check. A total row's empty column checks nothing (a
    report may total only some columns)."""
    if sums is None:
        return False
    for column, summed in sums.items():
        if not source.text(cells, column):
            continue
        source.check_total(line, cells, column, summed, what)
    return True


def natural_to_debit(
    source: AdapterInput, line: int, account_number: str, amount: Decimal
) -> Decimal:
    """An amount signed in the account's normal direction as a debit-positive amount.

    An account the chart lacks keeps its sign: its line is rejected for the account anyway. An
    account whose type has no known normal balance refuses the file: every amount of it could
    be on the wrong side."""
    account_type = source.chart.account_type(account_number)
    if account_type is None:
        return amount
    try:
        return amount if is_debit_normal(account_type) else -amount
    except ValueError as error:
        raise UnusableInputError(
            source.file_label, line, "account", f"account {account_number}: {error}"
        ) from error


def _sides(net: Decimal) -> tuple[str | None, str | None]:
    """(debit, credit) canonical texts of a debit-positive amount."""
    return (amount_text(net), None) if net >= 0 else (None, amount_text(-net))


def _total_label(label: str) -> str | None:
    """The account a `Total for <account>` / `Total <account>` row closes, else None."""
    text = normalized(label)
    for prefix in ("total for ", "total "):
        if text.startswith(prefix):
            return text.removeprefix(prefix)
    return None


def _opening_lines(
    source: AdapterInput, openings: list[tuple[int, str, Decimal]]
) -> Iterator[CanonicalRow]:
    """The beginning balances as one balanced transaction at the day before the report's start."""
    openings = [opening for opening in openings if opening[2] != 0]
    if not openings:
        return
    period = report_period(source.info.title_block)
    if period is None:
        raise UnusableInputError(
            source.file_label,
            openings[0][0],
            "balance",
            "a beginning balance, but the title block has no date range to date it: "
            "export the report with its header (a report period, not All Dates)",
        )
    day = (date.fromisoformat(period[0]) - timedelta(days=1)).isoformat()
    lines = list(openings)
    difference = sum((net for _, _, net in openings), Decimal(0))
    if difference:
        lines.append((openings[-1][0], source.chart.resolve(OPENING_EQUITY_ACCOUNT), -difference))
    source.info.checks.append(f"beginning balances of {len(openings)} accounts at {day}")
    for number, (line, account, net) in enumerate(lines, start=1):
        debit, credit = _sides(net)
        yield {
            "transaction_id": f"{day}|{OPENING_TYPE}|{OPENING_DOC}",
            "line_number": str(number),
            "txn_date": day,
            "txn_type": OPENING_TYPE,
            "doc_number": OPENING_DOC,
            "account_number": account,
            "debit": debit,
            "credit": credit,
            "name": None,
            "memo": OPENING_DOC,
            "_source_line": line,
        }


def adapt_ledger(
    source: AdapterInput,
    summed: tuple[str, ...],
    net_debit: NetDebit,
    account_text: Callable[[str], str] = str,
) -> Iterator[CanonicalRow]:
    """Read a ledger report's sections, check its totals, yield its lines as transactions.

    `summed`: the amount columns a total row sums; `net_debit`: the layout's debit-positive
    reading of a line; `account_text`: how the layout's account label reads as a QuickBooks
    account name (Desktop's `1300 · Inventory` is `1300 Inventory`)."""
    ledger = _Ledger(summed)

    def account_of(cells: Sequence[Cell]) -> str:
        own = source.text(cells, "account")
        label = own or (ledger.sections[-1].label if ledger.sections else "")
        return source.chart.resolve(account_text(label))

    for line, cells in source.rows:
        texts = non_empty_texts(cells)
        if not texts:
            continue
        if footer := footer_text(cells):
            source.info.footer.append(footer)
            continue
        if any(normalized(text) == "beginning balance" for text in texts):
            account = account_of(cells)
            opening = source.cell(cells, "balance") or source.cell(cells, "amount")
            ledger.openings.append((line, account, _opening(source, line, account, opening)))
            continue
        if not source.text(cells, "date"):
            _structure_row(source, ledger, line, cells, texts[0], account_of)
            continue
        account = account_of(cells)
        ledger.add_to_sums(source, cells)
        try:
            net = net_debit(source, line, cells, account)
            debit, credit = _sides(net) if net is not None else (None, None)
        except UnreadableValue:
            # Passed on as printed: the validation rejects the line (and its transaction).
            debit = " ".join(filter(None, (source.text(cells, column) for column in summed)))
            credit = None
        key = (
            source.date_text(line, source.cell(cells, "date")),
            source.text(cells, "txn_type"),
            source.text(cells, "num"),
        )
        lines = ledger.transactions.setdefault(key, [])
        lines.append(
            {
                "transaction_id": "|".join(key),
                "line_number": str(len(lines) + 1),
                "txn_date": key[0],
                "txn_type": key[1],
                "doc_number": key[2],
                "account_number": account,
                "debit": debit,
                "credit": credit,
                "name": source.text(cells, "name") or None,
                "memo": source.text(cells, "memo") or None,
                "_source_line": line,
            }
        )
    if ledger.sections:
        section = ledger.sections[-1]
        raise UnusableInputError(
            source.file_label,
            section.line,
            None,
            f"the section of {section.label} has no total row: the report is cut short",
        )
    yield from _opening_lines(source, ledger.openings)
    for lines in ledger.transactions.values():
        yield from lines
    source.info.checks.append(f"{len(ledger.transactions)} transactions")


def _opening(source: AdapterInput, line: int, account: str, value: Cell) -> Decimal:
    """A beginning balance (natural direction) as a debit-positive amount; an unreadable one
    refuses the file, since it has no line of its own to reject."""
    try:
        balance = parse_amount(value) or Decimal(0)
    except UnreadableValue as error:
        raise UnusableInputError(
            source.file_label, line, "balance", f"unreadable beginning balance: {error}"
        ) from error
    return natural_to_debit(source, line, account, balance)


def _structure_row(
    source: AdapterInput,
    ledger: _Ledger,
    line: int,
    cells: Sequence[Cell],
    label: str,
    account_of: Callable[[Sequence[Cell]], str],
) -> None:
    """A row without a date: the grand total, a section's total, or a section's opening row
    (whose printed balance, in Desktop's report, is the account's beginning balance)."""
    if normalized(label) in _GRAND_TOTAL_LABELS:
        checked = _check(source, line, cells, ledger.file_sums, "grand")
        source.info.checks.append(
            f"grand total at row {line} {'matches' if checked else 'not checked'}"
        )
        return
    closes = _total_label(label)
    if closes is not None:
        if not ledger.sections or normalized(ledger.sections[-1].label) != closes:
            raise UnusableInputError(
                source.file_label,
                line,
                None,
                f"{label!r} closes no open account section"
                + (f" (open: {ledger.sections[-1].label})" if ledger.sections else ""),
            )
        section = ledger.sections.pop()
        _check(source, line, cells, section.sums, f"account {section.label}")
        return
    ledger.sections.append(_Section(label, line, ledger.zero()))
    if balance := source.cell(cells, "balance"):
        account = account_of(cells)
        ledger.openings.append((line, account, _opening(source, line, account, balance)))
