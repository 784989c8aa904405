"""`cogs-recon run`: the whole reconciliation job in-process, a table, and a meaningful exit code.

Exit codes: 0 every period reconciled or only awaiting its proposed true-up; 1 a period is
unreconciled or incomplete (or the run failed); 2 the input cannot be used at all.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import redirect_stdout
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
from dagster import DagsterInstance, Definitions

from orchestration.lib.config import CONFIG_FILE_NAME
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.report import (
    RECONCILIATION_COLUMNS,
    render_reasons,
    render_table,
    render_true_up_lines,
)
from orchestration.project import parse_dbt_project
from orchestration.resources import (
    CONFIG_ENV_VAR,
    DATA_DOCS_ENV_VAR,
    EXPORTS_ENV_VAR,
    WAREHOUSE_ENV_VAR,
)

EXIT_OK = 0
EXIT_NOT_RECONCILED = 1
EXIT_UNUSABLE_INPUT = 2
PASSING_STATUSES = {"reconciled", "true_up_required"}
DEFAULT_WAREHOUSE = "cogs_recon.duckdb"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line the contract fixes."""
    parser = argparse.ArgumentParser(prog="cogs-recon", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="reconcile the exports in a folder")
    run.add_argument("--exports", required=True, type=Path, help="folder of export CSV files")
    run.add_argument("--config", type=Path, help="cogs_recon.yml (default: in the exports folder)")
    run.add_argument(
        "--warehouse",
        default=DEFAULT_WAREHOUSE,
        type=Path,
        help=f"DuckDB warehouse file (default: ./{DEFAULT_WAREHOUSE})",
    )
    return parser.parse_args(argv)


def point_environment_at(exports: Path, config: Path | None, warehouse: Path) -> None:
    """The resources and dbt's profile read these variables when the run starts."""
    os.environ[EXPORTS_ENV_VAR] = str(exports.resolve())
    os.environ[CONFIG_ENV_VAR] = str((config or exports / CONFIG_FILE_NAME).resolve())
    os.environ[WAREHOUSE_ENV_VAR] = str(warehouse.resolve())
    os.environ[DATA_DOCS_ENV_VAR] = str(data_docs_dir_for(warehouse).resolve())


def data_docs_dir_for(warehouse: Path) -> Path:
    """Great Expectations' Data Docs site: `data_docs/` beside the warehouse file."""
    return warehouse.parent / "data_docs"


@cache
def load_definitions() -> Definitions:
    """Parse the dbt project (the manifest must match the models), then load the code location."""
    parse_dbt_project()
    from orchestration.definitions import defs

    return defs


def execute_reconciliation_job() -> tuple[bool, str]:
    """Run the job in-process; returns success and, on failure, the first error's message."""
    job = load_definitions().resolve_job_def("cogs_reconciliation")
    # dbt's progress lines go to stderr so stdout carries only the reconciliation.
    with DagsterInstance.ephemeral() as instance, redirect_stdout(sys.stderr):
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
        )
    if result.success:
        return True, ""
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data.error is not None:
            error = event.step_failure_data.error
            while error.cause is not None and error.cls_name != UnusableInputError.__name__:
                error = error.cause
            return False, f"{error.cls_name}: {error.message.strip()}"
    return False, "the run failed"


def read_marts(warehouse: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Reconciliation rows, proposed true-up lines and the number of rejected rows."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        reconciliation = _records(
            con, "select * from marts.fct_cogs_reconciliation order by entity, period_start"
        )
        true_up_lines = _records(
            con,
            "select * from marts.fct_true_up_journal_lines "
            "order by entity, period_start, line_number",
        )
        (rejected,) = con.execute("select count(*) from marts.fct_rejected_rows").fetchone()
    return reconciliation, true_up_lines, int(rejected)


def _records(con: duckdb.DuckDBPyConnection, query: str) -> list[dict[str, Any]]:
    """Rows as dicts; DuckDB returns DECIMAL as Decimal, so amounts stay exact."""
    cursor = con.execute(query)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def report(
    reconciliation: list[dict[str, Any]], true_up_lines: list[dict[str, Any]], rejected: int
) -> int:
    """Print the reconciliation and return the exit code it deserves."""
    print(render_table(RECONCILIATION_COLUMNS, reconciliation))
    reasons = render_reasons(reconciliation)
    if reasons:
        print("\nNot reconciled:\n" + reasons)
    if true_up_lines:
        print("\nProposed true-up journal lines (marts.fct_true_up_journal_lines):")
        print(render_true_up_lines(true_up_lines))
    if rejected:
        print(f"\n{rejected} export rows were rejected: see marts.fct_rejected_rows.")
    if all(row["status"] in PASSING_STATUSES for row in reconciliation):
        return EXIT_OK
    return EXIT_NOT_RECONCILED


def run(args: argparse.Namespace) -> int:
    """Reconcile one exports folder."""
    if not args.exports.is_dir():
        print(f"cogs-recon: exports folder {args.exports} does not exist", file=sys.stderr)
        return EXIT_UNUSABLE_INPUT
    point_environment_at(args.exports, args.config, args.warehouse)
    print(f"Reconciling {args.exports} into {args.warehouse} ...", file=sys.stderr)
    succeeded, message = execute_reconciliation_job()
    if not succeeded:
        unusable = message.startswith(UnusableInputError.__name__)
        print(f"cogs-recon: {message}", file=sys.stderr)
        return EXIT_UNUSABLE_INPUT if unusable else EXIT_NOT_RECONCILED
    reconciliation, true_up_lines, rejected = read_marts(args.warehouse)
    if not reconciliation:
        print(
            "cogs-recon: nothing to reconcile: each entity needs valuation snapshots at two "
            "period ends at least",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE_INPUT
    exit_code = report(reconciliation, true_up_lines, rejected)
    print(f"\nGreat Expectations Data Docs: {data_docs_dir_for(args.warehouse) / 'index.html'}")
    return exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cogs-recon` command."""
    args = parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
