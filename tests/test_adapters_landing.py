"""QuickBooks Online reports landed as canonical raw rows: detection, lineage, checksums,
account names, Excel sheets, reruns, on DuckDB and on PostgreSQL."""

from __future__ import annotations

import csv
import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from qbo_reports import write_report

from orchestration.lib.adapters.detect import detect_layout
from orchestration.lib.adapters.registry import LAYOUTS
from orchestration.lib.config import ExportRule, load_config
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.landing import land_source
from orchestration.lib.sources import GL_ACCOUNTS, GL_JOURNAL_LINES
from orchestration.lib.warehouse import WarehouseConnection, connect

FIXTURES = Path(__file__).parent / "fixtures" / "qbo"
JOURNAL_COLUMNS = (
    "transaction_id, line_number, txn_date, txn_type, doc_number, account_number, debit, credit, "
    "name, memo, _source_file, _source_line"
)


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """The hand-written reports: Account List, classic Journal, newer Journal."""
    folder = tmp_path / "exports"
    shutil.copytree(FIXTURES, folder)
    return folder


def land_ledger(con: WarehouseConnection, exports: Path, rules: tuple[ExportRule, ...] = ()):
    land_source(con, GL_ACCOUNTS, exports, rules)
    return land_source(con, GL_JOURNAL_LINES, exports, rules)


def journal(con: WarehouseConnection) -> list[tuple[object, ...]]:
    return con.execute(
        f"select {JOURNAL_COLUMNS} from raw.gl_journal_lines order by _source_file, _source_line"
    ).fetchall()


def test_account_list_lands_as_the_chart(exports: Path, con: WarehouseConnection) -> None:
    summary = land_source(con, GL_ACCOUNTS, exports)

    assert summary.files_loaded == ["account_list.csv"]
    assert con.execute(
        "select account_number, account_name, account_type, detail_type, _source_file, "
        "_source_line from raw.gl_accounts where account_number in ('1310', '2000') "
        "order by _source_line"
    ).fetchall() == [
        (
            "1310",
            "Inventory Asset:Widgets",
            "Other Current Asset",
            "Inventory",
            "account_list.csv",
            7,
        ),
        (
            "2000",
            "Accounts Payable",
            "Accounts payable (A/P)",
            "Accounts Payable (A/P)",
            "account_list.csv",
            8,
        ),
    ]
    assert con.scalar("select count(*) from raw.gl_accounts") == 7
    report = summary.reports_loaded["account_list.csv"]
    assert report["title_block"] == ["Widget Co", "Account List"]
    assert report["footer"] == ["Accrual Basis Monday, February 02, 2026 09:00 AM GMT-05:00"]


def test_both_journal_layouts_land_as_canonical_lines(
    exports: Path, con: WarehouseConnection
) -> None:
    summary = land_ledger(con, exports)

    assert summary.files_loaded == ["journal_classic.csv", "journal_newer.csv"]
    bill, invoice = "2026-01-05|Bill|PO-1001", "2026-01-20|Invoice|INV-2001"
    je7, je8 = "2026-01-31|Journal Entry|JE-7", "2026-01-31|Journal Entry|JE-8"
    classic, newer = "journal_classic.csv", "journal_newer.csv"
    assert journal(con) == [
        # Continuation lines inherit date, type and number; accounts by number and full name.
        (
            bill,
            "1",
            "2026-01-05",
            "Bill",
            "PO-1001",
            "1310",
            "1250.00",
            None,
            "Acme Supply",
            "Widgets",
            classic,
            6,
        ),
        (
            bill,
            "2",
            "2026-01-05",
            "Bill",
            "PO-1001",
            "2000",
            None,
            "1250.00",
            "Acme Supply",
            None,
            classic,
            7,
        ),
        (
            invoice,
            "1",
            "2026-01-20",
            "Invoice",
            "INV-2001",
            "1200",
            "2000.00",
            None,
            "Best Customer",
            None,
            classic,
            10,
        ),
        (
            invoice,
            "2",
            "2026-01-20",
            "Invoice",
            "INV-2001",
            "4000",
            None,
            "2000.00",
            "Best Customer",
            None,
            classic,
            11,
        ),
        (
            invoice,
            "3",
            "2026-01-20",
            "Invoice",
            "INV-2001",
            "5000",
            "750.00",
            None,
            "Best Customer",
            None,
            classic,
            12,
        ),
        (
            invoice,
            "4",
            "2026-01-20",
            "Invoice",
            "INV-2001",
            "1310",
            None,
            "750.00",
            "Best Customer",
            None,
            classic,
            13,
        ),
        (
            je7,
            "1",
            "2026-01-31",
            "Journal Entry",
            "JE-7",
            "5100",
            "12.50",
            None,
            None,
            "Shrink",
            newer,
            7,
        ),
        (
            je7,
            "2",
            "2026-01-31",
            "Journal Entry",
            "JE-7",
            "1310",
            None,
            "12.50",
            None,
            "Shrink",
            newer,
            8,
        ),
        (
            je8,
            "1",
            "2026-01-31",
            "Journal Entry",
            "JE-8",
            "1310",
            "-1.00",
            None,
            None,
            "Reclass",
            newer,
            11,
        ),
        (
            je8,
            "2",
            "2026-01-31",
            "Journal Entry",
            "JE-8",
            "5000",
            "1001.00",
            None,
            None,
            "Reclass",
            newer,
            12,
        ),
        (
            je8,
            "3",
            "2026-01-31",
            "Journal Entry",
            "JE-8",
            "1300",
            None,
            "1000.00",
            None,
            "Reclass",
            newer,
            13,
        ),
    ]
    report = summary.reports_loaded[newer]
    assert report["period"] == ("2026-01-01", "2026-01-31")
    assert report["header_line"] == 5
    assert report["checks"] == ["grand total at row 15 matches", "2 transactions"]
    assert report["footer"] == ["Cash Basis Monday, February 02, 2026 09:00 AM GMT-05:00"]


def test_a_total_that_does_not_add_up_refuses_the_file_at_its_row(
    exports: Path, con: WarehouseConnection
) -> None:
    land_ledger(con, exports)
    path = exports / "journal_classic.csv"
    path.write_text(
        path.read_text().replace(',,,,,,"2,750.00","2,750.00"', ',,,,,,"2,750.00","2,705.00"')
    )

    with pytest.raises(UnusableInputError) as raised:
        land_source(con, GL_JOURNAL_LINES, exports)

    error = raised.value
    assert (error.file, error.line, error.column) == ("journal_classic.csv", 14, "credit")
    assert "transaction 2026-01-20 Invoice INV-2001 total 2,705.00" in error.reason
    assert "add up to 2,750.00" in error.reason
    # The source's landing is one transaction: the earlier load is intact.
    assert len(journal(con)) == 11


def test_a_grand_total_that_does_not_add_up_refuses_the_file(
    exports: Path, con: WarehouseConnection
) -> None:
    path = exports / "journal_newer.csv"
    path.write_text(path.read_text().replace('TOTAL,,,,,,,"$1,012.50"', 'TOTAL,,,,,,,"$1,021.50"'))

    with pytest.raises(UnusableInputError) as raised:
        land_ledger(con, exports)

    assert (raised.value.file, raised.value.line, raised.value.column) == (
        "journal_newer.csv",
        15,
        "debit",
    )
    assert con.scalar("select count(*) from raw.gl_journal_lines") == 0


def test_unknown_account_and_unreadable_amount_pass_through_for_the_validation(
    exports: Path, con: WarehouseConnection
) -> None:
    path = exports / "journal_classic.csv"
    text = path.read_text().replace("5000 Cost of Goods Sold", "5999 Mystery Costs")
    path.write_text(text.replace(",,,Acme Supply,,2000", ",,,Acme Supply,,9 Nowhere"))
    path.write_text(path.read_text().replace("1310 Inventory Asset:Widgets", "1310 Wrong Name"))

    land_ledger(con, exports)

    accounts = {row[11]: row[5] for row in journal(con) if row[10] == "journal_classic.csv"}
    assert accounts[12] == "5999 Mystery Costs"
    assert accounts[7] == "9 Nowhere Accounts Payable"
    # A known number printed with another account's name is not trusted.
    assert accounts[6] == "1310 Wrong Name"


def test_a_changed_chart_reloads_the_journals_that_name_its_accounts(
    exports: Path, con: WarehouseConnection
) -> None:
    land_ledger(con, exports)
    assert land_ledger(con, exports).files_loaded == []

    chart = exports / "account_list.csv"
    chart.write_text(chart.read_text().replace("5100 Inventory", "5150 Inventory"))
    land_source(con, GL_ACCOUNTS, exports)
    again = land_source(con, GL_JOURNAL_LINES, exports)

    assert again.files_loaded == ["journal_classic.csv", "journal_newer.csv"]
    assert (
        con.scalar(
            "select account_number from raw.gl_journal_lines where _source_line = 7 "
            "and _source_file = 'journal_newer.csv'"
        )
        == "5150"
    )


def test_excel_workbooks_land_by_sheet_rerun_and_removal(
    exports: Path, con: WarehouseConnection
) -> None:
    (exports / "journal_classic.csv").unlink()
    newer = exports / "journal_newer.csv"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["Downloaded from QuickBooks Online"])
    sheet = workbook.create_sheet("Journal")
    for row in read_rows(newer):
        sheet.append(row)
    workbook.save(exports / "Journal_2026_01.xlsx")
    newer.unlink()

    land_ledger(con, exports)
    rows = journal(con)
    assert [row[5:8] for row in rows] == [
        ("5100", "12.50", None),
        ("1310", None, "12.50"),
        ("1310", "-1.00", None),
        ("5000", "1001.00", None),
        ("1300", None, "1000.00"),
    ]
    assert {(row[10], row[11]) for row in rows[:2]} == {
        ("Journal_2026_01.xlsx#Journal", 7),
        ("Journal_2026_01.xlsx#Journal", 8),
    }
    assert land_ledger(con, exports).files_loaded == []

    (exports / "Journal_2026_01.xlsx").unlink()
    assert land_ledger(con, exports).files_removed == ["Journal_2026_01.xlsx"]
    assert journal(con) == []


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="") as handle:
        return list(csv.reader(handle))


def test_excel_numbers_and_dates_are_typed_cells(tmp_path: Path, con: WarehouseConnection) -> None:
    exports = tmp_path / "typed"
    exports.mkdir()
    shutil.copy(FIXTURES / "account_list.csv", exports)
    rows = [
        ["Widget Co"],
        ["Journal"],
        ["All Dates"],
        [],
        [
            "Date",
            "Transaction Type",
            "Num",
            "Name",
            "Memo/Description",
            "Account",
            "Debit",
            "Credit",
        ],
        [
            datetime(2026, 1, 5),
            "Bill",
            "PO-1",
            "Acme",
            None,
            "1310 Inventory Asset:Widgets",
            1250.5,
            None,
        ],
        [None, None, None, "Acme", None, "2000 Accounts Payable", None, 1250.5],
        [None, None, None, None, None, None, 1250.5, 1250.5],
        [
            datetime(2026, 1, 6),
            "Bill",
            "PO-2",
            "Acme",
            None,
            "1310 Inventory Asset:Widgets",
            12.345,
            None,
        ],
        [None, None, None, "Acme", None, "2000 Accounts Payable", None, 12.345],
    ]
    write_report(exports / "journal.xlsx", rows)

    summary = land_ledger(con, exports)

    assert summary.reports_loaded["journal.xlsx"]["period"] is None
    assert [row[2] + " " + str(row[6]) + " " + str(row[7]) for row in journal(con)] == [
        "2026-01-05 1250.5 None",
        "2026-01-05 None 1250.5",
        "2026-01-06 12.345 None",
        "2026-01-06 None 12.345",
    ]


def test_dates_follow_the_configured_format_and_ambiguity_is_refused(
    exports: Path, con: WarehouseConnection
) -> None:
    path = exports / "journal_classic.csv"
    path.write_text(
        path.read_text().replace("01/20/2026", "20/01/2026").replace("01/05/2026", "05/01/2026")
    )
    european = (ExportRule("journal_classic.csv", date_formats=("DD/MM/YYYY",)),)
    land_ledger(con, exports, european)
    assert (
        con.scalar(
            "select min(txn_date) from raw.gl_journal_lines "
            "where _source_file = 'journal_classic.csv'"
        )
        == "2026-01-05"
    )

    either = (ExportRule("journal_*.csv", date_formats=("MM/DD/YYYY", "DD/MM/YYYY")),)
    with pytest.raises(UnusableInputError) as raised:
        land_ledger(con, exports, either)
    assert (raised.value.file, raised.value.line, raised.value.column) == (
        "journal_classic.csv",
        6,
        "date",
    )
    assert "2026-01-05 or 2026-05-01" in raised.value.reason


def test_layout_is_detected_from_the_header_wherever_it_is(tmp_path: Path) -> None:
    assert detect_layout(FIXTURES / "journal_classic.csv").name == "qbo_journal"
    assert detect_layout(FIXTURES / "journal_newer.csv").name == "qbo_journal"
    assert detect_layout(FIXTURES / "account_list.csv").name == "qbo_account_list"
    no_title = tmp_path / "bare.csv"
    no_title.write_text("Account full name,Transaction type,Debit,Credit,Transaction date\n")
    assert detect_layout(no_title).name == "qbo_journal"


def test_a_file_of_no_known_layout_is_refused_unless_named(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "notes.csv").write_text("Title\n\nfoo,bar\n1,2\n")
    with pytest.raises(UnusableInputError, match="not a known export") as raised:
        detect_layout(exports / "notes.csv")
    assert raised.value.file == "notes.csv"


def test_a_named_layout_must_find_its_header(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    shutil.copy(FIXTURES / "account_list.csv", exports / "coa.csv")
    rules = (ExportRule("coa.csv", layout="qbo_journal"),)
    with connect(str(tmp_path / "w.duckdb")) as con, pytest.raises(UnusableInputError) as raised:
        land_source(con, GL_JOURNAL_LINES, exports, rules)
    assert raised.value.file == "coa.csv"
    assert "no header of layout qbo_journal" in raised.value.reason


def test_exports_configuration(tmp_path: Path) -> None:
    config = tmp_path / "cogs_recon.yml"
    head = "entities:\n  default: {sync_mode: inventory, adjustments_booked_to: cogs}\n"
    config.write_text(
        head + "exports:\n"
        "  - {file: 'Journal*.xlsx', layout: qbo_journal, entity: EAST, date_format: DD/MM/YYYY}\n"
        "  - {file: '*.csv', date_format: [MM/DD/YYYY, YYYY-MM-DD]}\n"
    )
    rules = load_config(config).exports
    assert rules == (
        ExportRule("Journal*.xlsx", "qbo_journal", "EAST", ("DD/MM/YYYY",)),
        ExportRule("*.csv", None, None, ("MM/DD/YYYY", "YYYY-MM-DD")),
    )
    assert rules[0].matches("Journal_2026.xlsx") and not rules[0].matches("journal.xlsx")
    assert set(LAYOUTS) == {
        "qbo_journal",
        "qbo_general_ledger",
        "qbd_general_ledger",
        "qbo_account_list",
        "bc_gl_entries",
        "bc_value_entries",
    }

    for bad, column in (
        ("  - {file: a.csv, layout: sage}", "exports[0].layout"),
        ("  - {file: a.csv, date_format: YY/MM/DD}", "exports[0].date_format"),
        ("  - {file: a.csv, sheet: x}", "exports[0]"),
        ("  - a.csv", "exports[0]"),
    ):
        config.write_text(head + "exports:\n" + bad + "\n")
        with pytest.raises(UnusableInputError) as raised:
            load_config(config)
        assert raised.value.column == column


def test_reports_in_a_folder_leave_canonical_files_to_the_csv_loader(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "gl_accounts.csv").write_text(
        "account_number,account_name,account_type,detail_type\n1300,Inventory Asset,A,Inventory\n"
    )
    shutil.copy(FIXTURES / "account_list.csv", exports / "zz_account_list.csv")
    summary = land_source(con, GL_ACCOUNTS, exports)
    assert summary.files_loaded == ["gl_accounts.csv", "zz_account_list.csv"]
    assert con.scalar("select count(*) from raw.gl_accounts") == 8
