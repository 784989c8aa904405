"""Render a scenario's canonical files as ERP exports: its ERP files as an iPoint-like export
with its mapping, its ledger as Business Central's G/L Entries.

From shared/reference/export-layouts.md: iPoint's stock transactions carry Type, Location,
Qty In, Qty Out, Memo and Transaction Date; its valuation and stock exports have no public
layout, so the column names and type words here are plausible ones, mapped by configuration
as a user would. Dates are printed MM/DD/YYYY, costs as people print them (`$1,250.00`,
`(15,000.00)`), quantities unsigned in Qty In or Qty Out. G/L Entries follow the table's
captions there, current (`Amount (LCY)`, Debit/Credit, Transaction No., an Excel workbook
with typed cells) or older (`Amount` only, CSV).
"""

from __future__ import annotations

import shutil
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import yaml
from qbo_reports import money, read_csv, write_report

TYPE_WORDS = {
    "RECEIPT": "Item Receipt",
    "VENDOR_RETURN": "Return to Vendor",
    "DELIVERY": "Sales Order Delivery",
    "CUSTOMER_RETURN": "Customer Return",
    "ADJUSTMENT": "Stock Adjustment",
    "REVALUATION": "Cost Revaluation",
}
TRANSACTIONS_HEADER = (
    "Transaction #",
    "Transaction Date",
    "Type",
    "Document #",
    "Part Number",
    "Location",
    "Qty In",
    "Qty Out",
    "Total Cost",
    "Memo",
)
VALUATION_HEADER = ("As Of", "Part Number", "On Hand", "Total Value")
TRANSACTIONS_RULE = {
    "file": "iPoint_Stock*.csv",
    "layout": "mapped",
    "source": "erp_inventory_transactions",
    "date_format": "MM/DD/YYYY",
    "columns": {
        "transaction_id": "Transaction #",
        "posted_date": "Transaction Date",
        "transaction_type": "Type",
        "reference": "Document #",
        "item_sku": "Part Number",
        "location": "Location",
        "quantity": {"in": "Qty In", "out": "Qty Out"},
        "extended_cost": "Total Cost",
        "memo": "Memo",
    },
    "values": {"transaction_type": {word: canonical for canonical, word in TYPE_WORDS.items()}},
}
VALUATION_RULE = {
    "file": "iPoint_Valuation*.csv",
    "layout": "mapped",
    "source": "erp_inventory_valuation",
    "columns": {
        "as_of_date": "As Of",
        "item_sku": "Part Number",
        "location": {"constant": "MAIN"},
        "quantity_on_hand": "On Hand",
        "total_value": "Total Value",
    },
}


def _quantities(quantity: str) -> tuple[str, str]:
    value = Decimal(quantity)
    return (f"{value:,}", "") if value > 0 else ("", f"{-value:,}") if value < 0 else ("", "")


def _date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{month}/{day}/{year}"


def transactions_rows(lines: list[dict[str, str]]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [TRANSACTIONS_HEADER]
    for line in lines:
        cost = Decimal(line["extended_cost"])
        rows.append(
            (
                line["transaction_id"],
                _date(line["posted_date"]),
                TYPE_WORDS.get(line["transaction_type"], line["transaction_type"]),
                line["reference"],
                line["item_sku"],
                line["location"],
                *_quantities(line["quantity"]),
                money(cost, dollar=cost >= 0, parentheses=True),
                line["memo"],
            )
        )
    return rows


def export_as_ipoint(scenario: Path, folder: Path) -> Path:
    """The scenario's folder with its ERP files as iPoint exports (their mapping added to its
    cogs_recon.yml); the QuickBooks files stay canonical. Returns the folder."""
    shutil.copytree(scenario, folder, ignore=shutil.ignore_patterns("erp_*", "expected.json"))
    write_report(
        folder / "iPoint_Stock_2026.csv",
        transactions_rows(read_csv(scenario / "erp_inventory_transactions.csv")),
    )
    valuation = read_csv(scenario / "erp_inventory_valuation.csv")
    assert {row["location"] for row in valuation} == {"MAIN"}, "the constant is MAIN"
    write_report(
        folder / "iPoint_Valuation_2026.csv",
        [VALUATION_HEADER]
        + [
            (_date(row["as_of_date"]), row["item_sku"], row["quantity_on_hand"], row["total_value"])
            for row in valuation
        ],
    )
    config = yaml.safe_load((folder / "cogs_recon.yml").read_text())
    config["exports"] = [TRANSACTIONS_RULE, VALUATION_RULE]
    (folder / "cogs_recon.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return folder


BC_DOCUMENT_TYPES = {
    "Bill": "Invoice",
    "Invoice": "Invoice",
    "Vendor Credit": "Credit Memo",
    "Credit Memo": "Credit Memo",
}
"""QuickBooks types as the Document Type Business Central posts; others are journal postings
(blank Document Type)."""


def gl_entries_rows(lines: list[dict[str, str]], captions: str) -> list[tuple[object, ...]]:
    """G/L Entries of the canonical lines, one transaction number per transaction."""
    current = captions == "current"
    header: tuple[object, ...] = (
        "Entry No.",
        "Posting Date",
        "Document Type",
        "Document No.",
        "G/L Account No.",
        "Description",
    )
    header += (
        ("Amount (LCY)", "Debit Amount (LCY)", "Credit Amount (LCY)", "Transaction No.")
        if current
        else ("Amount",)
    )
    rows = [header]
    numbers: dict[str, int] = {}
    for entry, line in enumerate(lines, start=1):
        debit, credit = Decimal(line["debit"] or 0), Decimal(line["credit"] or 0)
        transaction = numbers.setdefault(line["transaction_id"], len(numbers) + 1)
        day = datetime.fromisoformat(line["txn_date"])
        row: tuple[object, ...] = (
            entry,
            day if current else _date(line["txn_date"]),
            BC_DOCUMENT_TYPES.get(line["txn_type"], ""),
            line["doc_number"],
            line["account_number"],
            line["memo"],
        )
        if current:
            row += (float(debit - credit), float(debit), float(credit), transaction)
        else:
            row += (f"{debit - credit:,.2f}",)
        rows.append(row)
    return rows


def export_as_gl_entries(scenario: Path, folder: Path, captions: str) -> Path:
    """The scenario's folder with its ledger as G/L Entries (`current`: an Excel workbook,
    `older`: a CSV); the chart and the ERP files stay canonical. Returns the file."""
    shutil.copytree(
        scenario, folder, ignore=shutil.ignore_patterns("gl_journal_lines*", "expected.json")
    )
    name = "GLEntries.xlsx" if captions == "current" else "GLEntries.csv"
    rows = gl_entries_rows(read_csv(scenario / "gl_journal_lines.csv"), captions)
    return write_report(folder / name, rows)


VALUE_ENTRY_TYPES = {
    "RECEIPT": ("Purchase", "Direct Cost"),
    "VENDOR_RETURN": ("Purchase", "Direct Cost"),
    "DELIVERY": ("Sale", "Direct Cost"),
    "CUSTOMER_RETURN": ("Sale", "Direct Cost"),
    "REVALUATION": ("Purchase", "Revaluation"),
}
"""Canonical types as the (Item Ledger Entry Type, Entry Type) Business Central posts;
an ADJUSTMENT is a positive or negative adjustment by its sign."""
VALUE_ENTRIES_HEADER = (
    "Entry No.",
    "Posting Date",
    "Item Ledger Entry Type",
    "Entry Type",
    "Document No.",
    "Item No.",
    "Location Code",
    "Valued Quantity",
    "Cost Amount (Actual)",
    "Description",
)
OPENING_DOCUMENT = "OPENING"


def _value_entry_types(line: dict[str, str]) -> tuple[str, str]:
    if line["transaction_type"] in VALUE_ENTRY_TYPES:
        return VALUE_ENTRY_TYPES[line["transaction_type"]]
    inbound = Decimal(line["quantity"] or 0) > 0 or Decimal(line["extended_cost"]) >= 0
    return ("Positive Adjmt." if inbound else "Negative Adjmt.", "Direct Cost")


def value_entries_rows(
    transactions: list[dict[str, str]], valuation: list[dict[str, str]]
) -> list[tuple[object, ...]]:
    """Value Entries of the canonical transactions, after the first valuation snapshot posted
    as an item journal's opening positive adjustments (as a company starting in Business
    Central does), so that the value entries alone hold the inventory's value."""
    first = min(row["as_of_date"] for row in valuation)
    opening = [
        {
            "posted_date": row["as_of_date"],
            "transaction_type": "ADJUSTMENT",
            "reference": OPENING_DOCUMENT,
            "item_sku": row["item_sku"],
            "location": row["location"],
            "quantity": row["quantity_on_hand"],
            "extended_cost": row["total_value"],
            "memo": "Opening balance",
        }
        for row in valuation
        if row["as_of_date"] == first
    ]
    rows: list[tuple[object, ...]] = [VALUE_ENTRIES_HEADER]
    for entry, line in enumerate(opening + transactions, start=1):
        rows.append(
            (
                entry,
                datetime.fromisoformat(line["posted_date"]),
                *_value_entry_types(line),
                line["reference"],
                line["item_sku"],
                line["location"],
                float(line["quantity"]),
                float(line["extended_cost"]),
                line["memo"],
            )
        )
    return rows


def export_as_value_entries(scenario: Path, folder: Path, valuation: bool) -> Path:
    """The scenario's folder with its ERP transactions as Business Central Value Entries (an
    Excel workbook) and its ledger as G/L Entries; its valuation snapshots kept only when
    `valuation`. Returns the folder."""
    shutil.copytree(
        scenario,
        folder,
        ignore=shutil.ignore_patterns(
            "erp_inventory_transactions*", "gl_journal_lines*", "expected.json"
        ),
    )
    if not valuation:
        (folder / "erp_inventory_valuation.csv").unlink()
    write_report(
        folder / "ValueEntries.xlsx",
        value_entries_rows(
            read_csv(scenario / "erp_inventory_transactions.csv"),
            read_csv(scenario / "erp_inventory_valuation.csv"),
        ),
    )
    write_report(
        folder / "GLEntries.xlsx",
        gl_entries_rows(read_csv(scenario / "gl_journal_lines.csv"), "current"),
    )
    return folder
