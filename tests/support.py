"""Helpers the tests share: run the CLI in-process and read the warehouse."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from orchestration.cli import main

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


def reconcile(exports: Path, warehouse: Path, *extra: str | Path) -> CliRun:
    """`cogs-recon run` on a folder into a warehouse."""
    return run_cli("run", "--exports", exports, "--warehouse", warehouse, *extra)


def query(warehouse: Path, sql: str) -> list[dict[str, Any]]:
    """Rows of a query as dicts, amounts as Decimal."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def reconciliation_by_period(warehouse: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """fct_cogs_reconciliation keyed by (entity, period_start ISO)."""
    rows = query(warehouse, "select * from marts.fct_cogs_reconciliation")
    return {(row["entity"], row["period_start"].isoformat()): row for row in rows}
