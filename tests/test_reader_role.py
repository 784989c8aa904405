"""The BI role on PostgreSQL: it reads every mart and nothing else, and writes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from support import SCENARIOS_DIR, postgres_database, query, reconcile

SCENARIO = SCENARIOS_DIR / "inventory_adjustment_not_pushed"
NOT_FOR_READERS = (
    "select count(*) from raw.gl_journal_lines",
    "select count(*) from staging.stg_quickbooks__journal_lines",
    "select count(*) from intermediate.int_gl_journal_lines_validated",
    "select count(*) from reference.account_role_rules",
    "select count(*) from marts_build.fct_cogs_reconciliation",
)
WRITES = (
    "insert into marts.fct_cogs_reconciliation (entity) values ('x')",
    "delete from marts.fct_cogs_reconciliation",
    "create table marts.scratch (x int)",
    "create table public.scratch (x int)",
    "create schema scratch",
)


@pytest.fixture
def reader_role(postgres_server: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A reader role name no run has used; dbt creates the role, the test drops it."""
    role = f"cogs_recon_reader_{uuid4().hex[:8]}"
    monkeypatch.setenv("COGS_RECON_READER_ROLE", role)
    yield role
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'drop role if exists "{role}"')


@pytest.mark.slow
def test_the_reader_role_selects_marts_only(
    postgres_server: str, reader_role: str, tmp_path: Path
) -> None:
    with postgres_database(postgres_server) as warehouse:
        run = reconcile(SCENARIO, warehouse, "--data-docs", tmp_path / "data_docs")
        assert run.exit_code == 1, run.stderr  # the scenario is unreconciled by design
        marts = [
            row["table_name"]
            for row in query(
                warehouse,
                "select table_name from information_schema.tables where table_schema = 'marts'",
            )
        ]
        assert len(marts) >= 10
        # dbt created the role without login; a DBA lets it log in (trust auth here).
        with psycopg.connect(warehouse, autocommit=True) as admin:
            admin.execute(f'alter role "{reader_role}" login')
        reader_url = re.sub(r"://[^@/]*@", f"://{reader_role}@", warehouse)

        with psycopg.connect(reader_url, autocommit=True) as reader:
            for mart in marts:
                reader.execute(f"select count(*) from marts.{mart}").fetchone()
            assert reader.execute(
                "select inventory_difference from marts.fct_cogs_reconciliation"
            ).fetchall() == [(Decimal("3000.00"),)]
            for statement in NOT_FOR_READERS + WRITES:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    reader.execute(statement)
