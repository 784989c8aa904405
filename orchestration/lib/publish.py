"""Publishing the marts: dbt builds them in `marts_build`, and only a build that succeeded is
copied into `marts`, in one transaction, so readers never see a half-rebuilt set.

On PostgreSQL the copies are granted to the reader role in the same transaction: the role
reads `marts` and never `marts_build`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from orchestration.lib.warehouse import Dialect, WarehouseConnection, quote_identifier

BUILD_SCHEMA = "marts_build"
MARTS_SCHEMA = "marts"
# The same variable and default as dbt's `create_reader_role` hook (macros/reader_role.sql).
READER_ROLE_ENV_VAR = "COGS_RECON_READER_ROLE"
DEFAULT_READER_ROLE = "finance_reader"


def reader_role() -> str:
    """The PostgreSQL role BI tools read the marts as."""
    return os.environ.get(READER_ROLE_ENV_VAR, DEFAULT_READER_ROLE)


def publish_statements(dialect: Dialect, mart: str, role: str) -> list[str]:
    """Replace `marts.<mart>` by a copy of its build; `select *` keeps every column's type."""
    published = f"{MARTS_SCHEMA}.{quote_identifier(mart)}"
    built = f"{BUILD_SCHEMA}.{quote_identifier(mart)}"
    if dialect == "duckdb":
        return [f"create or replace table {published} as select * from {built}"]
    # No cascade: an object someone built on a mart fails the publish instead of vanishing.
    return [
        f"drop table if exists {published}",
        f"create table {published} as select * from {built}",
        f"grant select on {published} to {quote_identifier(role)}",
    ]


def publish_marts(con: WarehouseConnection, marts: Iterable[str], role: str) -> None:
    """Publish the built marts all or nothing: a failure leaves `marts` as it was."""
    with con.transaction():
        con.execute(f"create schema if not exists {MARTS_SCHEMA}")
        if con.dialect == "postgres":
            con.execute(f"grant usage on schema {MARTS_SCHEMA} to {quote_identifier(role)}")
        for mart in marts:
            for statement in publish_statements(con.dialect, mart, role):
                con.execute(statement)
