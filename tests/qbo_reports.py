"""Render canonical exports as the QuickBooks Online reports a data team downloads.

Written from the layouts in shared/reference/export-layouts.md: a title block (company,
report title, date range), the header, the rows, totals, a blank row and the basis footer.
The tests feed these to the adapters and compare the reconciliation with the canonical one.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import groupby
from pathlib import Path

import openpyxl

CLASSIC_HEADER = ("Date", "Transaction Type", "Num", "Name", "Memo/Description", "Account")
NEWER_HEADER = (
    "",
    "Transaction date",
    "Transaction type",
    "Num",
    "Name",
    "Memo/Description",
    "Account full name",
)
FOOTER = "Accrual Basis Wednesday, September 02, 2026 01:27 AM GMT-05:00"
ReportRow = Sequence[object]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def money(amount: Decimal, dollar: bool = False, parentheses: bool = False) -> str:
    """`1,250.00`, `$1,250.00`, `-$12.50` or `$(12.50)`, as QuickBooks prints amounts."""
    text = f"{abs(amount):,.2f}"
    sign = "$" if dollar else ""
    if amount >= 0:
        return sign + text
    return f"{sign}({text})" if parentheses else f"-{sign}{text}"


def amount(text: str) -> Decimal:
    return Decimal(text) if text else Decimal(0)


def account_label(account: dict[str, str], numbered: bool) -> str:
    return (
        f"{account['account_number']} {account['account_name']}"
        if numbered
        else (account["account_name"])
    )


def title_block(company: str, title: str, dates: Iterable[date]) -> list[ReportRow]:
    days = sorted(dates)
    start, end = days[0], days[-1]
    period = f"{start:%B} {start.day}, {start.year} - {end:%B} {end.day}, {end.year}"
    return [(company,), (title,), (period,), ()]


def journal_rows(
    lines: list[dict[str, str]],
    accounts: dict[str, dict[str, str]],
    layout: str,
    numbered: bool,
    typed: bool,
) -> list[ReportRow]:
    """A Journal report of the lines: `classic` (date on the first line, total rows of plain
    amounts) or `newer` (grouping column, date on every line, `$` totals, `Total for`).
    `typed`: cells as Excel holds them (dates and numbers), else the texts of a CSV export."""

    def cell_amount(text: str) -> object:
        if not text:
            return None
        return float(text) if typed else money(Decimal(text))

    def cell_date(text: str) -> object:
        day = date.fromisoformat(text)
        return datetime(day.year, day.month, day.day) if typed else f"{day:%m/%d/%Y}"

    header = CLASSIC_HEADER if layout == "classic" else NEWER_HEADER
    rows = [
        *title_block(
            "Scenario Co", "Journal", (date.fromisoformat(line["txn_date"]) for line in lines)
        ),
        (*header, "Debit", "Credit"),
    ]
    grand_debit = grand_credit = Decimal(0)
    for _, group in groupby(lines, key=lambda line: line["transaction_id"]):
        block = list(group)
        debit = sum((amount(line["debit"]) for line in block), Decimal(0))
        credit = sum((amount(line["credit"]) for line in block), Decimal(0))
        grand_debit, grand_credit = grand_debit + debit, grand_credit + credit
        first = block[0]
        if layout == "newer":
            rows.append((first["doc_number"] or first["txn_type"],))
        for index, line in enumerate(block):
            key = (cell_date(line["txn_date"]), line["txn_type"], line["doc_number"])
            if layout == "classic" and index > 0:
                key = ("", "", "")
            body = (
                *key,
                line["name"],
                line["memo"],
                account_label(accounts[line["account_number"]], numbered),
                cell_amount(line["debit"]),
                cell_amount(line["credit"]),
            )
            rows.append(body if layout == "classic" else ("", *body))
        if layout == "classic":
            rows.append(("", "", "", "", "", "", money(debit), money(credit)))
        else:
            label = f"Total for {first['doc_number'] or first['txn_type']}"
            rows.append((label, "", "", "", "", "", "", money(debit, True), money(credit, True)))
        rows.append(())
    pad = ("",) * (len(header) - 1)
    rows.append(("TOTAL", *pad, money(grand_debit, True), money(grand_credit, True)))
    rows.extend([(), (FOOTER,)])
    return rows


def account_list_rows(accounts: Iterable[dict[str, str]], numbered: bool) -> list[ReportRow]:
    """The Account List: title block without dates, then Account, Type, Detail Type, ..."""
    rows: list[ReportRow] = [("Scenario Co",), ("Account List",), ()]
    rows.append(("Account", "Type", "Detail Type", "Description", "Balance"))
    for account in accounts:
        rows.append(
            (
                account_label(account, numbered),
                account["account_type"],
                account["detail_type"],
                "",
                "0.00",
            )
        )
    rows.extend([(), (FOOTER,)])
    return rows


def write_report(path: Path, rows: Iterable[ReportRow]) -> Path:
    """The rows as a CSV file or, for `.xlsx`, as the sheet `Sheet1` of a workbook."""
    if path.suffix == ".xlsx":
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("Sheet1")
        for row in rows:
            sheet.append(list(row))
        workbook.save(path)
        return path
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def export_as_reports(canonical: Path, target: Path) -> Path:
    """The scenario folder with its chart as an Account List (numbers on) and its ledger as two
    Journal reports: alternate transactions in the classic layout (CSV, numbered account
    names) and in the newer layout (Excel, typed cells, names without numbers)."""
    target.mkdir(parents=True)
    for path in canonical.iterdir():
        if not path.name.startswith(("gl_journal_lines", "gl_accounts")):
            (target / path.name).write_bytes(path.read_bytes())
    chart = read_csv(canonical / "gl_accounts.csv")
    accounts = {account["account_number"]: account for account in chart}
    write_report(target / "AccountList.csv", account_list_rows(chart, numbered=True))
    lines = read_csv(canonical / "gl_journal_lines.csv")
    transactions = list(dict.fromkeys(line["transaction_id"] for line in lines))
    classic = set(transactions[::2])
    write_report(
        target / "Journal.csv",
        journal_rows(
            [line for line in lines if line["transaction_id"] in classic],
            accounts,
            "classic",
            True,
            False,
        ),
    )
    write_report(
        target / "Journal.xlsx",
        journal_rows(
            [line for line in lines if line["transaction_id"] not in classic],
            accounts,
            "newer",
            False,
            True,
        ),
    )
    return target
