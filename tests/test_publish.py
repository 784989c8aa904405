"""Publishing the marts: copies of the build with their exact types, all or nothing, and a
failed build leaves the last good marts readable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from support import DEMO_EXPORTS, query, reconcile, snapshot

from orchestration.lib.publish import BUILD_SCHEMA, MARTS_SCHEMA, publish_marts
from orchestration.lib.warehouse import WarehouseConnection

# Two marts with the types the real ones use: money, dates, text, integers, flags.
BUILT = {
    "fct_money": (
        "entity varchar, period_start date, amount decimal(18, 2), line_number integer",
        "('EAST', date '2026-01-01', 1234567890123456.78, 1), "
        "('WEST', date '2026-02-01', -0.01, 2)",
    ),
    "fct_flags": ("entity varchar, is_closed boolean", "('EAST', true), ('WEST', null)"),
}
# Each column with the type information both engines give.
COLUMNS_SQL = (
    "select table_name, column_name, ordinal_position, data_type, numeric_precision, "
    "numeric_scale from information_schema.columns where table_schema = $schema "
    "order by table_name, ordinal_position"
)
# The overflow: each receipt fits DECIMAL(18,2), so it is accepted and reaches fct_purchases;
# their sum in one entity and month does not, so int_inventory_movements_summarized fails.
OVERFLOW_FILE = "erp_inventory_transactions_zz_overflow.csv"
OVERFLOW_ROWS = (
    "entity,transaction_id,posted_date,transaction_type,reference,item_sku,location,quantity,"
    "extended_cost,memo\n"
    "EAST,TOVF1,2026-06-10,RECEIPT,PO-OVF1,TV-65-4K,BOS-WH,1,9999999999999999.99,\n"
    "EAST,TOVF2,2026-06-11,RECEIPT,PO-OVF2,TV-65-4K,BOS-WH,1,9999999999999999.99,\n"
)


@pytest.fixture
def reader(con: WarehouseConnection) -> Iterator[str]:
    """A reader role no other test uses (PostgreSQL roles belong to the server); on DuckDB a
    name only, as it has no roles."""
    role = f"cogs_recon_reader_{uuid4().hex[:8]}"
    if con.dialect == "duckdb":
        yield role
        return
    con.execute(f'create role "{role}" nologin')
    yield role
    con.execute(f'drop owned by "{role}"')
    con.execute(f'drop role "{role}"')


def build(con: WarehouseConnection, schema: str, marts: dict[str, tuple[str, str]]) -> None:
    """Create the marts in the schema, with their rows."""
    con.execute(f"create schema if not exists {schema}")
    for name, (columns, rows) in marts.items():
        con.execute(f"create table {schema}.{name} ({columns})")
        con.execute(f"insert into {schema}.{name} values {rows}")


def rows_of(con: WarehouseConnection, schema: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the schema, in a fixed order."""
    tables = con.records(
        "select table_name from information_schema.tables where table_schema = $schema",
        {"schema": schema},
    )
    return {
        table["table_name"]: sorted(
            map(tuple, con.execute(f"select * from {schema}.{table['table_name']}").fetchall()),
            key=str,
        )
        for table in tables
    }


def columns_of(con: WarehouseConnection, schema: str) -> list[dict[str, object]]:
    return con.records(COLUMNS_SQL, {"schema": schema})


def test_publishing_copies_every_mart_with_its_types_and_grants(
    con: WarehouseConnection, reader: str
) -> None:
    build(con, BUILD_SCHEMA, BUILT)
    build(con, MARTS_SCHEMA, {"fct_money": ("entity varchar", "('stale')")})

    publish_marts(con, list(BUILT), reader)

    columns = columns_of(con, MARTS_SCHEMA)
    assert columns == columns_of(con, BUILD_SCHEMA)
    types = {c["column_name"]: c for c in columns if c["table_name"] == "fct_money"}
    assert (types["amount"]["numeric_precision"], types["amount"]["numeric_scale"]) == (18, 2)
    assert types["period_start"]["data_type"].lower() == "date"
    assert rows_of(con, MARTS_SCHEMA) == rows_of(con, BUILD_SCHEMA)
    if con.dialect == "postgres":
        privileges = con.records(
            "select has_schema_privilege($role, 'marts', 'usage') as marts, "
            "has_schema_privilege($role, 'marts_build', 'usage') as build, "
            "has_table_privilege($role, 'marts.fct_money', 'select') as mart",
            {"role": reader},
        )
        assert privileges == [{"marts": True, "build": False, "mart": True}]


def test_a_failed_publish_leaves_the_marts_as_they_were(
    con: WarehouseConnection, reader: str
) -> None:
    build(con, BUILD_SCHEMA, BUILT)
    publish_marts(con, list(BUILT), reader)
    before = (columns_of(con, MARTS_SCHEMA), rows_of(con, MARTS_SCHEMA))
    con.execute(f"insert into {BUILD_SCHEMA}.fct_money (entity) values ('NEW')")

    # fct_money is replaced first, then the missing mart fails the transaction.
    with pytest.raises(Exception, match="fct_missing"):
        publish_marts(con, ["fct_money", "fct_missing", "fct_flags"], reader)

    assert (columns_of(con, MARTS_SCHEMA), rows_of(con, MARTS_SCHEMA)) == before


@pytest.mark.slow
def test_a_failed_build_leaves_the_last_good_marts_readable(
    copy_exports: Callable[..., Path], tmp_path: Path
) -> None:
    exports = copy_exports(DEMO_EXPORTS)
    warehouse = tmp_path / "cogs_recon.duckdb"
    data_docs = ("--data-docs", tmp_path / "data_docs")
    first = reconcile(exports, warehouse, *data_docs)
    assert first.exit_code == 0, first.stderr
    published = snapshot(warehouse, (MARTS_SCHEMA,))

    (exports / OVERFLOW_FILE).write_text(OVERFLOW_ROWS)
    second = reconcile(exports, warehouse, *data_docs)

    assert second.exit_code == 1
    assert "int_inventory_movements_summarized" in second.stderr
    assert "cogs-recon: " in second.stderr
    assert snapshot(warehouse, (MARTS_SCHEMA,)) == published
    # The build got as far as the purchases: only the publishing kept them from the readers.
    assert query(
        warehouse,
        f"select transaction_id from {BUILD_SCHEMA}.fct_purchases "
        "where transaction_id like 'TOVF%' order by transaction_id",
    ) == [{"transaction_id": "TOVF1"}, {"transaction_id": "TOVF2"}]
