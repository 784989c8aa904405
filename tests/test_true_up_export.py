"""`cogs-recon true-up`: QuickBooks import files that, once posted, reconcile the period."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from support import DEMO_EXPORTS, SCENARIOS_DIR, query, reconcile, run_cli

from orchestration.cli import export_true_up
from orchestration.lib.journal_export import (
    UnpostableJournalError,
    to_iif,
    to_qbo_csv,
    write_journal_files,
)
from orchestration.lib.sources import GL_JOURNAL_LINES

PENDING = SCENARIOS_DIR / "non_inventory_true_up_pending"
MEMO = "Month-end inventory true-up to the ERP valuation at 2026-06-30"
GL_COLUMNS = GL_JOURNAL_LINES.columns
IIF_HEADER = (
    "!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tCLASS\tAMOUNT\tDOCNUM\tMEMO\r\n"
    "!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tCLASS\tAMOUNT\tDOCNUM\tMEMO\r\n"
    "!ENDTRNS\r\n"
)


def line(
    number: int, account: str, name: str, debit: str, credit: str, entity: str = "WEST"
) -> dict[str, Any]:
    """One row of marts.fct_true_up_journal_lines for 2026-06."""
    return {
        "entity": entity,
        "period_start": date(2026, 6, 1),
        "line_number": number,
        "journal_number": "TU-2026-06",
        "journal_date": date(2026, 6, 30),
        "account_number": account,
        "account_name": name,
        "account_role": "other",
        "debit": Decimal(debit),
        "credit": Decimal(credit),
        "memo": MEMO,
    }


# Out of order on purpose: the writers order lines by their number.
WEST_LINES = [
    line(2, "5000", "Cost of Goods Sold", "0.00", "1234.56"),
    line(1, "1300", "Inventory Asset", "1300.00", "0.00"),
    line(3, "5100", "Inventory Adjustments", "0.00", "65.44"),
]


def test_qbo_csv_has_one_side_per_row_and_the_other_blank() -> None:
    assert to_qbo_csv(WEST_LINES) == (
        "JournalNo,JournalDate,AccountName,Debits,Credits,Description,Name\r\n"
        f"TU-2026-06,06/30/2026,Inventory Asset,1300.00,,{MEMO},\r\n"
        f"TU-2026-06,06/30/2026,Cost of Goods Sold,,1234.56,{MEMO},\r\n"
        f"TU-2026-06,06/30/2026,Inventory Adjustments,,65.44,{MEMO},\r\n"
    )


def test_iif_is_one_general_journal_that_sums_to_zero() -> None:
    text = to_iif(WEST_LINES)

    journal, document = "\tGENERAL JOURNAL\t06/30/2026\t", f"\tTU-2026-06\t{MEMO}\r\n"
    assert text == IIF_HEADER + (
        f"TRNS\t{journal}Inventory Asset\t\t\t1300.00{document}"
        f"SPL\t{journal}Cost of Goods Sold\t\t\t-1234.56{document}"
        f"SPL\t{journal}Inventory Adjustments\t\t\t-65.44{document}"
        "ENDTRNS\r\n"
    )
    assert [sum(row["AMOUNT"] for row in txn) for txn in parse_iif(text)] == [Decimal("0.00")]


def test_each_entity_gets_its_own_journal_and_file(tmp_path: Path) -> None:
    east = [
        line(1, "5000", "Cost of Goods Sold", "0.07", "0.00", entity="EAST"),
        line(2, "1300", "Inventory Asset", "0.00", "0.07", entity="EAST"),
    ]

    transactions = parse_iif(to_iif(WEST_LINES + east))
    written = write_journal_files(WEST_LINES + east, "qbo-csv", tmp_path / "true_up.csv")

    assert [[row["ACCNT"] for row in txn] for txn in transactions] == [
        ["Cost of Goods Sold", "Inventory Asset"],
        ["Inventory Asset", "Cost of Goods Sold", "Inventory Adjustments"],
    ]
    assert [(j.entity, j.line_count, j.total, j.path.name) for j in written] == [
        ("EAST", 2, Decimal("0.07"), "true_up_EAST.csv"),
        ("WEST", 3, Decimal("1300.00"), "true_up_WEST.csv"),
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "true_up_EAST.csv",
        "true_up_WEST.csv",
    ]
    east_rows = list(csv.DictReader(io.StringIO((tmp_path / "true_up_EAST.csv").read_text())))
    assert [(row["Debits"], row["Credits"]) for row in east_rows] == [("0.07", ""), ("", "0.07")]


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (WEST_LINES[:2], "does not balance"),
        ([line(1, "1300", "", "5.00", "0.00"), line(2, "5000", "COGS", "0.00", "5.00")], "account"),
        (
            [line(1, "1300", "Inv", "5.00", "5.00"), line(2, "5000", "COGS", "0.00", "0.00")],
            "one-sided",
        ),
    ],
)
def test_a_journal_quickbooks_would_misread_is_refused(
    lines: list[dict[str, Any]], reason: str, tmp_path: Path
) -> None:
    with pytest.raises(UnpostableJournalError, match=reason):
        write_journal_files(lines, "iif", tmp_path / "true_up.iif")
    assert list(tmp_path.iterdir()) == []


def test_a_tab_or_line_break_in_a_memo_cannot_split_an_iif_row() -> None:
    lines = [{**row, "memo": "two\tparts\nand lines"} for row in WEST_LINES]

    rows = to_iif(lines).splitlines()[3:6]

    assert all(row.split("\t")[-1] == "two parts and lines" for row in rows)


def parse_iif(text: str) -> list[list[dict[str, Any]]]:
    """IIF back into transactions of rows keyed by the !TRNS header, AMOUNT as Decimal."""
    rows = [row.split("\t") for row in text.splitlines() if row]
    header = rows[0][1:]
    transactions: list[list[dict[str, Any]]] = []
    for row in rows:
        if row[0] == "TRNS":
            transactions.append([])
        if row[0] in ("TRNS", "SPL"):
            fields = dict(zip(header, row[1:], strict=True))
            transactions[-1].append(fields | {"AMOUNT": Decimal(fields["AMOUNT"])})
    return transactions


def posted_from_qbo_csv(path: Path) -> list[dict[str, str]]:
    """The journal lines QuickBooks Online creates from the CSV import."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            {
                "journal": row["JournalNo"],
                "date": row["JournalDate"],
                "account": row["AccountName"],
                "debit": row["Debits"],
                "credit": row["Credits"],
                "memo": row["Description"],
            }
            for row in csv.DictReader(handle)
        ]


def posted_from_iif(path: Path) -> list[dict[str, str]]:
    """The journal lines QuickBooks Desktop creates from the IIF import (each balanced)."""
    transactions = parse_iif(path.read_text(encoding="utf-8"))
    assert all(sum(row["AMOUNT"] for row in txn) == 0 for txn in transactions)
    return [
        {
            "journal": row["DOCNUM"],
            "date": row["DATE"],
            "account": row["ACCNT"],
            "debit": str(row["AMOUNT"]) if row["AMOUNT"] > 0 else "",
            "credit": str(-row["AMOUNT"]) if row["AMOUNT"] < 0 else "",
            "memo": row["MEMO"],
        }
        for txn in transactions
        for row in txn
    ]


POSTED_FROM = {"qbo-csv": posted_from_qbo_csv, "iif": posted_from_iif}


def chart_of_accounts(exports: Path, entity: str) -> dict[str, str]:
    """Account name -> number for one entity, from the exports' gl_accounts files."""
    names = {}
    for path in sorted(exports.glob("gl_accounts*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["entity"] == entity:
                    names[row["account_name"]] = row["account_number"]
    return names


def post_to_gl_export(exports: Path, entity: str, posted: list[dict[str, str]]) -> None:
    """Add the imported journal to the GL export as QuickBooks' ledger would then show it."""
    accounts = chart_of_accounts(exports, entity)
    numbers: dict[str, int] = {}
    with (exports / "gl_journal_lines_zz_true_up.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=GL_COLUMNS)
        writer.writeheader()
        for row in posted:
            numbers[row["journal"]] = numbers.get(row["journal"], 0) + 1
            txn_date = datetime.strptime(row["date"], "%m/%d/%Y").date()
            writer.writerow(
                {
                    "entity": entity,
                    "transaction_id": f"QB-IMPORT-{row['journal']}",
                    "line_number": numbers[row["journal"]],
                    "txn_date": txn_date.isoformat(),
                    "txn_type": "Journal Entry",
                    "doc_number": row["journal"],
                    "account_number": accounts[row["account"]],
                    "debit": row["debit"],
                    "credit": row["credit"],
                    "name": "",
                    "memo": row["memo"],
                }
            )


def true_up_lines(warehouse: Path, entity: str, period: str) -> list[tuple[str, str, str]]:
    """The mart's proposed lines as (account name, debit, credit), blanks for zero."""
    rows = query(
        warehouse,
        "select account_name, debit, credit from marts.fct_true_up_journal_lines "
        f"where entity = '{entity}' and period_start = '{period}-01' order by line_number",
    )
    return [
        (row["account_name"], str(row["debit"] or ""), str(row["credit"] or "")) for row in rows
    ]


def status_of(warehouse: Path, entity: str, period: str) -> str:
    """The reconciliation status of one period."""
    rows = query(
        warehouse,
        "select status from marts.fct_cogs_reconciliation "
        f"where entity = '{entity}' and period_start = '{period}-01'",
    )
    return rows[0]["status"]


def assert_true_up_posts_back(
    exports: Path, warehouse: Path, out: Path, entity: str, period: str, export_format: str
) -> None:
    """Export the true-up, import it into the GL export, rerun: the period is reconciled."""
    exported = run_cli(
        "true-up",
        *("--exports", exports, "--warehouse", warehouse, "--period", period),
        *("--format", export_format, "--out", out),
    )
    assert exported.exit_code == 0, exported.stderr
    assert status_of(warehouse, entity, period) == "true_up_required"
    assert f"{entity} {period} TU-{period}" in exported.stdout
    posted = POSTED_FROM[export_format](out)
    assert [(row["account"], row["debit"], row["credit"]) for row in posted] == true_up_lines(
        warehouse, entity, period
    )

    post_to_gl_export(exports, entity, posted)
    rerun = reconcile(exports, warehouse)

    assert rerun.exit_code == 0, rerun.stdout + rerun.stderr
    assert status_of(warehouse, entity, period) == "reconciled"


@pytest.mark.slow
@pytest.mark.parametrize("export_format", ["qbo-csv", "iif"])
def test_posting_the_exported_true_up_reconciles_the_period(
    export_format: str, copy_exports: Callable[..., Path], warehouse: Path, tmp_path: Path
) -> None:
    exports = copy_exports(PENDING)
    out = tmp_path / "out" / f"true_up.{export_format}"

    assert_true_up_posts_back(exports, warehouse, out, "default", "2026-01", export_format)

    again = tmp_path / "again.csv"
    assert export_true_up(warehouse, date(2026, 1, 1), None, export_format, again) == 0
    assert not again.exists()


@pytest.mark.slow
def test_posting_the_demo_true_up_reconciles_west(
    copy_exports: Callable[..., Path], warehouse: Path, tmp_path: Path
) -> None:
    exports = copy_exports(DEMO_EXPORTS)
    out = tmp_path / "true_up.csv"

    assert_true_up_posts_back(exports, warehouse, out, "WEST", "2026-06", "qbo-csv")

    statuses = query(warehouse, "select distinct status from marts.fct_cogs_reconciliation")
    assert statuses == [{"status": "reconciled"}]


@pytest.mark.slow
def test_a_period_or_entity_outside_the_reconciliation_exits_1(
    warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "true_up.iif"
    outside = run_cli(
        *("true-up", "--exports", PENDING, "--warehouse", warehouse),
        *("--period", "2026-02", "--format", "iif", "--out", out),
    )

    assert outside.exit_code == 1
    assert "2026-02 is not in the reconciliation (its periods: 2026-01 to 2026-01)" in (
        outside.stderr
    )
    assert export_true_up(warehouse, date(2026, 1, 1), "WEST", "iif", out) == 1
    assert "WEST 2026-01 is not in the reconciliation (its periods: none)" in (
        capsys.readouterr().err
    )
    assert not out.exists()
