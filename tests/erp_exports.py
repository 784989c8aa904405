"""Render a scenario's canonical ERP files as an iPoint-like export and write its mapping.

From shared/reference/export-layouts.md: iPoint's stock transactions carry Type, Location,
Qty In, Qty Out, Memo and Transaction Date; its valuation and stock exports have no public
layout, so the column names and type words here are plausible ones, mapped by configuration
as a user would. Dates are printed MM/DD/YYYY, costs as people print them (`$1,250.00`,
`(15,000.00)`), quantities unsigned in Qty In or Qty Out.
"""

from __future__ import annotations

import shutil
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
