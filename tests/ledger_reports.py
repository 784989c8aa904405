"""Render canonical ledgers as the General Ledger reports QuickBooks produces (Online classic and
newer views, Desktop), from shared/reference/export-layouts.md: one section per account, a beginning
balance at the report's start, lines signed in the account's normal direction, totals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from qbo_reports import FOOTER, ReportRow, account_label, amount, money, read_csv, write_report

QBO_CLASSIC = ("", "Date", "Transaction Type", "Num", "Name", "Memo/Description", "Split")
QBO_NEWER = (
    "",
    "Distribution account",
    "Transaction date",
    "Transaction type",
    "No.",
    "Name",
    "Description",
    "Split account",
)
QBD_COLUMNS = ("Type", "Date", "Num", "Adj", "Name", "Memo", "Split", "Debit", "Credit", "Balance")
_CREDIT_NORMAL = ("payable", "liabilit", "credit card", "equity", "income")


def natural(line: dict[str, str], account: dict[str, str]) -> Decimal:
    """The line's amount signed as the report prints it: in the account's normal direction."""
    net = amount(line["debit"]) - amount(line["credit"])
    credit_normal = any(word in account["account_type"].lower() for word in _CREDIT_NORMAL)
    return -net if credit_normal else net


def account_sections(
    lines: list[dict[str, str]], accounts: dict[str, dict[str, str]], start: date
) -> Iterator[tuple[dict[str, str], list[dict[str, str]], Decimal]]:
    """The accounts a report from `start` shows, by number: each with its lines from `start`
    and its balance from the lines before (in its normal direction)."""
    for number in sorted(accounts):
        account = accounts[number]
        own = [line for line in lines if line["account_number"] == number]
        before = [line for line in own if date.fromisoformat(line["txn_date"]) < start]
        during = [line for line in own if date.fromisoformat(line["txn_date"]) >= start]
        balance = sum((natural(line, account) for line in before), Decimal(0))
        if during or balance:
            yield account, during, balance


def qbo_general_ledger_rows(
    lines: list[dict[str, str]],
    accounts: dict[str, dict[str, str]],
    start: date,
    layout: str,
    numbered: bool,
    typed: bool,
) -> list[ReportRow]:
    """The report from `start`: earlier lines only as each account's beginning balance."""

    def cell_amount(value: Decimal, dollar: bool = False) -> object:
        return float(value) if typed else money(value, dollar)

    def cell_date(text: str) -> object:
        day = date.fromisoformat(text)
        return datetime(day.year, day.month, day.day) if typed else f"{day:%m/%d/%Y}"

    end = max(date.fromisoformat(line["txn_date"]) for line in lines)
    period = f"{start:%B} {start.day}, {start.year} - {end:%B} {end.day}, {end.year}"
    header = QBO_CLASSIC if layout == "classic" else QBO_NEWER
    rows: list[ReportRow] = [("Scenario Co",), ("General Ledger",), (period,), ()]
    rows.append((*header, "Amount", "Balance"))
    grand = Decimal(0)
    for account, during, balance in account_sections(lines, accounts, start):
        label = account_label(account, numbered)
        lead = ("",) if layout == "classic" else ("", label)
        blank = ("",) * (len(header) - len(lead) - 1)
        rows.append((label,))
        rows.append((*lead, "Beginning Balance", *blank, "", cell_amount(balance)))
        total = Decimal(0)
        for line in during:
            value = natural(line, account)
            total, balance = total + value, balance + value
            rows.append(
                (
                    *lead,
                    cell_date(line["txn_date"]),
                    line["txn_type"],
                    line["doc_number"],
                    line["name"],
                    line["memo"],
                    "-Split-",
                    cell_amount(value),
                    cell_amount(balance),
                )
            )
        grand += total
        pad = ("",) * (len(header) - 1)
        rows.append((f"Total for {label}", *pad, money(total, True), money(balance, True)))
    rows.append(("TOTAL", *("",) * (len(header) - 1), money(grand, True), ""))
    rows.extend([(), (FOOTER,)])
    return rows


def qbd_general_ledger_rows(
    lines: list[dict[str, str]], accounts: dict[str, dict[str, str]], start: date
) -> list[ReportRow]:
    """QuickBooks Desktop's General Ledger from `start`: spacer columns holding `1300 · Name`
    account rows (beginning balance in Balance) and `Total 1300 · Name`, Debit and Credit."""
    end = max(date.fromisoformat(line["txn_date"]) for line in lines)
    period = f"{start:%B} {start.day} through {end:%B} {end.day}, {end.year}"
    rows: list[ReportRow] = [("Scenario Co",), ("General Ledger",), (period,), ()]
    rows.append(("", "", *QBD_COLUMNS))
    grand_debit = grand_credit = Decimal(0)
    for account, during, balance in account_sections(lines, accounts, start):
        label = f"{account['account_number']} · {account['account_name']}"
        rows.append(("", label, *("",) * (len(QBD_COLUMNS) - 1), money(balance)))
        debit = credit = Decimal(0)
        for line in during:
            debit, credit = debit + amount(line["debit"]), credit + amount(line["credit"])
            balance += natural(line, account)
            day = date.fromisoformat(line["txn_date"])
            rows.append(
                (
                    *("", "", line["txn_type"], f"{day:%m/%d/%Y}", line["doc_number"], ""),
                    *(line["name"], line["memo"], "-SPLIT-"),
                    money(amount(line["debit"])) if line["debit"] else "",
                    money(amount(line["credit"])) if line["credit"] else "",
                    money(balance),
                )
            )
        grand_debit, grand_credit = grand_debit + debit, grand_credit + credit
        pad = ("",) * (len(QBD_COLUMNS) - 3)
        rows.append(("", f"Total {label}", *pad, money(debit), money(credit), money(balance)))
    pad = ("",) * (len(QBD_COLUMNS) - 2)
    rows.append(("TOTAL", *pad, money(grand_debit), money(grand_credit), ""))
    return rows


def export_as_general_ledger(canonical: Path, target: Path, start: date, layout: str) -> Path:
    """The scenario folder with its ledger as one General Ledger report from `start` (a report
    holds every account: a transaction's lines are spread over them): QuickBooks Online's
    classic layout as CSV with numbered names, its newer one as Excel with typed cells and
    names without numbers, or QuickBooks Desktop's (`desktop`). The chart stays canonical."""
    target.mkdir(parents=True)
    for path in canonical.iterdir():
        if not path.name.startswith("gl_journal_lines"):
            (target / path.name).write_bytes(path.read_bytes())
    accounts = {row["account_number"]: row for row in read_csv(canonical / "gl_accounts.csv")}
    lines = read_csv(canonical / "gl_journal_lines.csv")
    if layout == "desktop":
        return write_report(target / "GL.csv", qbd_general_ledger_rows(lines, accounts, start))
    classic = layout == "classic"
    rows = qbo_general_ledger_rows(lines, accounts, start, layout, classic, not classic)
    return write_report(target / ("GeneralLedger.csv" if classic else "GeneralLedger.xlsx"), rows)
