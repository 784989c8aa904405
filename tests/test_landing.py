"""Landing export files: lineage, skip unchanged files, replace changed ones, drop removed ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from orchestration.lib.errors import UnusableInputError
from orchestration.lib.landing import land_source
from orchestration.lib.sources import ERP_INVENTORY_VALUATION, GL_ACCOUNTS, GL_JOURNAL_LINES
from orchestration.lib.warehouse import WarehouseConnection

HEADER = "as_of_date,item_sku,quantity_on_hand,total_value\n"


def rows(con: WarehouseConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "select entity, item_sku, total_value, _source_file, _source_line "
        "from raw.erp_inventory_valuation order by _source_file, _source_line"
    ).fetchall()


def test_rows_land_as_text_with_file_and_line(tmp_path: Path, con: WarehouseConnection) -> None:
    (tmp_path / "erp_inventory_valuation_a.csv").write_text(
        HEADER + '2026-01-31,"SKU, with comma",1,10.00\n2026-01-31,SKU-B,2,20.50\n'
    )

    summary = land_source(con, ERP_INVENTORY_VALUATION, tmp_path)

    assert summary.files_loaded == ["erp_inventory_valuation_a.csv"]
    assert rows(con) == [
        (None, "SKU, with comma", "10.00", "erp_inventory_valuation_a.csv", 2),
        (None, "SKU-B", "20.50", "erp_inventory_valuation_a.csv", 3),
    ]


def test_unchanged_files_are_skipped_changed_replaced_removed_dropped(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    first = tmp_path / "erp_inventory_valuation_1.csv"
    second = tmp_path / "erp_inventory_valuation_2.csv"
    first.write_text(HEADER + "2026-01-31,SKU-A,1,10.00\n")
    second.write_text(HEADER + "2026-02-28,SKU-A,1,11.00\n")
    land_source(con, ERP_INVENTORY_VALUATION, tmp_path)
    loaded_at = con.execute("select max(_loaded_at) from raw.erp_inventory_valuation").fetchone()

    again = land_source(con, ERP_INVENTORY_VALUATION, tmp_path)
    assert again.files_loaded == []
    assert (
        con.execute("select max(_loaded_at) from raw.erp_inventory_valuation").fetchone()
        == loaded_at
    )

    second.write_text(HEADER + "2026-02-28,SKU-A,1,12.00\n")
    first.unlink()
    changed = land_source(con, ERP_INVENTORY_VALUATION, tmp_path)
    assert changed.files_loaded == ["erp_inventory_valuation_2.csv"]
    assert changed.files_removed == ["erp_inventory_valuation_1.csv"]
    assert rows(con) == [(None, "SKU-A", "12.00", "erp_inventory_valuation_2.csv", 2)]


def test_a_failing_file_leaves_the_raw_table_as_it_was(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    good = tmp_path / "gl_accounts_a.csv"
    good.write_text("account_number,account_name,account_type,detail_type\n1300,Inv,A,Inventory\n")
    land_source(con, GL_ACCOUNTS, tmp_path)
    (tmp_path / "gl_accounts_b.csv").write_text(
        "account_number,account_name,account_type,detail_type\n5000,COGS,C,D,extra\n"
    )

    with pytest.raises(UnusableInputError) as raised:
        land_source(con, GL_ACCOUNTS, tmp_path)

    assert (raised.value.file, raised.value.line) == ("gl_accounts_b.csv", 2)
    assert con.execute("select account_number from raw.gl_accounts").fetchall() == [("1300",)]


def test_extra_columns_are_ignored_and_optional_ones_may_be_absent(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    (tmp_path / "gl_accounts.csv").write_text(
        "Account_Number , account_name,account_type,detail_type,balance\n1300,Inv,A,Inventory,9\n"
    )
    land_source(con, GL_ACCOUNTS, tmp_path)
    assert con.execute("select entity, account_number from raw.gl_accounts").fetchall() == [
        (None, "1300")
    ]


def test_empty_fields_land_as_null_quoted_or_not(tmp_path: Path, con: WarehouseConnection) -> None:
    (tmp_path / "erp_inventory_valuation.csv").write_text(
        "\ufeff" + HEADER.replace("\n", ",entity\n") + '2026-01-31,SKU-A,1,10.00,""\n'
        "2026-01-31,SKU-B,1,11.00,\n"
    )
    land_source(con, ERP_INVENTORY_VALUATION, tmp_path)
    assert [row[:3] for row in rows(con)] == [(None, "SKU-A", "10.00"), (None, "SKU-B", "11.00")]


GL_HEADER = "transaction_id,line_number,txn_date,txn_type,doc_number,account_number,debit,credit\n"


def journal_entry(transaction_id: str, day: str) -> str:
    return (
        f"{transaction_id},1,{day},Journal Entry,JE-1,1200,10.00,\n"
        f"{transaction_id},2,{day},Journal Entry,JE-1,4000,,10.00\n"
    )


def test_a_change_names_the_dates_its_transactions_had_and_have(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    first = tmp_path / "gl_journal_lines_1.csv"
    first.write_text(GL_HEADER + journal_entry("T1", "2026-03-30") + journal_entry("T2", "bad"))
    assert land_source(con, GL_JOURNAL_LINES, tmp_path).changed_dates == [date(2026, 3, 30)]
    assert land_source(con, GL_JOURNAL_LINES, tmp_path).changed_dates == []

    # A later file moves T1 into April: March loses it, although its file did not change.
    (tmp_path / "gl_journal_lines_2.csv").write_text(GL_HEADER + journal_entry("T1", "2026-04-02"))
    assert land_source(con, GL_JOURNAL_LINES, tmp_path).changed_dates == [
        date(2026, 3, 30),
        date(2026, 4, 2),
    ]

    first.unlink()
    assert land_source(con, GL_JOURNAL_LINES, tmp_path).changed_dates == [
        date(2026, 3, 30),
        date(2026, 4, 2),
    ]
