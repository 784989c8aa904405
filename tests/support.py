"""Helpers the tests share: run the CLI in-process and read the warehouse."""

from __future__ import annotations

import io
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import uuid4

from orchestration.cli import main
from orchestration.lib.warehouse import connect

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = REPO_ROOT / "seeds" / "demo"
DEMO_EXPORTS = DEMO_DIR / "exports"
# The contract's worked scenarios live beside the repository (CI clones shared/ next to it).
# The figures of fct_cogs_reconciliation an expected.json states for every period.
PERIOD_FIGURES = (
    "beginning_inventory",
    "purchases",
    "adjustments",
    "ending_inventory",
    "computed_cogs",
    "posted_cogs",
    "variance",
    "gl_ending_inventory",
    "inventory_difference",
    "rollforward_difference",
    "true_up_amount",
    "status",
)
SCENARIOS_DIR = Path(
    os.environ.get("COGS_RECON_SCENARIOS", REPO_ROOT.parent / "shared/fixtures/seed_scenarios")
)
# The PostgreSQL server the tests create their databases on (a superuser: it creates roles too).
POSTGRES_SERVER = os.environ.get(
    "COGS_RECON_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)
ENGINES = ("duckdb", "postgres")


@dataclass(frozen=True)
class CliRun:
    """What one `cogs-recon` invocation printed and returned."""

    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path) -> CliRun:
    """Run `cogs-recon` in-process, capturing what it prints."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        exit_code = main([str(arg) for arg in args])
    return CliRun(exit_code, stdout.getvalue(), stderr.getvalue())


def reconcile(exports: Path, warehouse: str | Path, *extra: str | Path) -> CliRun:
    """`cogs-recon run` on a folder into a warehouse."""
    return run_cli("run", "--exports", exports, "--warehouse", warehouse, *extra)


def query(warehouse: str | Path, sql: str) -> list[dict[str, Any]]:
    """Rows of a query as dicts, amounts as Decimal, on either engine."""
    with connect(str(warehouse), read_only=True) as con:
        return con.records(sql)


def snapshot(
    warehouse: str | Path, schemas: tuple[str, ...], ignore: tuple[str, ...] = ()
) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the schemas, columns in order, rows sorted, without the ignored columns."""
    columns = query(
        warehouse,
        "select c.table_schema, c.table_name, c.column_name "
        "from information_schema.columns as c join information_schema.tables as t "
        "on c.table_schema = t.table_schema and c.table_name = t.table_name "
        f"where c.table_schema in ({', '.join(map(repr, schemas))}) "
        "and t.table_type = 'BASE TABLE' "
        "order by c.table_schema, c.table_name, c.ordinal_position",
    )
    tables: dict[str, list[str]] = {}
    for column in columns:
        if column["column_name"] not in ignore:
            table = f"{column['table_schema']}.{column['table_name']}"
            tables.setdefault(table, []).append(f'"{column["column_name"]}"')
    with connect(str(warehouse), read_only=True) as con:
        return {
            table: sorted(
                (
                    tuple(row)
                    for row in con.execute(f"select {', '.join(names)} from {table}").fetchall()
                ),
                key=lambda row: tuple((value is None, str(value)) for value in row),
            )
            for table, names in tables.items()
        }


@contextmanager
def postgres_database(server: str = POSTGRES_SERVER) -> Iterator[str]:
    """A new, empty database on the server for one test (or module), dropped afterwards."""
    name = f"cogs_recon_test_{uuid4().hex[:12]}"
    with connect(server) as admin:
        admin.execute(f'create database "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with connect(server) as admin:
            admin.execute(f'drop database if exists "{name}" with (force)')


def reconciliation_by_period(warehouse: str | Path) -> dict[tuple[str, str], dict[str, Any]]:
    """fct_cogs_reconciliation keyed by (entity, period_start ISO)."""
    rows = query(warehouse, "select * from marts.fct_cogs_reconciliation")
    return {(row["entity"], row["period_start"].isoformat()): row for row in rows}


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on right now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
