"""`cogs-recon run`: the whole reconciliation job in-process, a table, and a meaningful exit code.

Exit codes: 0 every period reconciled or only awaiting its proposed true-up; 1 a period is
unreconciled or incomplete (or the run failed); 2 the input cannot be used at all.
`cogs-recon true-up` and `cogs-recon report` run the same job, then write the period's proposed
entry as a QuickBooks import file, or the controller's workbook (exit 1: period not reconciled).
`cogs-recon export` writes the marts of an existing warehouse as Parquet or CSV files.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from contextlib import redirect_stdout
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from dagster import DagsterInstance, Definitions, ExecuteInProcessResult

from orchestration.jobs import land_exports_job, reconcile_periods_job, reconciliation_job
from orchestration.lib.alerts.run_failure import alert_run_failure
from orchestration.lib.config import CONFIG_FILE_NAME
from orchestration.lib.errors import UnusableInputError, WarehouseBusyError
from orchestration.lib.journal_export import (
    EXPORT_FORMATS,
    UnpostableJournalError,
    read_true_up_lines,
    write_journal_files,
)
from orchestration.lib.mart_export import EXPORT_FORMATS as MART_FORMATS
from orchestration.lib.mart_export import export_marts
from orchestration.lib.marts import reconciled_periods
from orchestration.lib.report import (
    RECONCILIATION_COLUMNS,
    format_cell,
    render_reasons,
    render_table,
    render_true_up_lines,
)
from orchestration.lib.warehouse import WarehouseConnection, connect, dialect_of, display_location
from orchestration.lib.workbook import SHEETS, build_workbook, read_workbook_data, save_workbook
from orchestration.partitions import (
    PERIOD_START_DAY,
    fiscal_periods,
    partition_key_ranges,
    partition_range_tags,
    periods_to_rebuild,
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
# Without handlers of its own, its warnings (a channel that failed) reach stderr.
ALERT_LOG = logging.getLogger("cogs_recon.alerts")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line the contract fixes, and the commands that write from its marts."""
    parser = argparse.ArgumentParser(prog="cogs-recon", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    inputs = input_options()
    run_command = commands.add_parser(
        "run", parents=[inputs], help="reconcile the exports in a folder"
    )
    run_command.add_argument(
        "--changed-only",
        action="store_true",
        help="land the exports, then rebuild only the periods whose rows changed and the open "
        "period (the daily schedule's run; the first run rebuilds every period)",
    )
    true_up = commands.add_parser(
        "true-up", parents=[inputs], help="write a period's proposed true-up for QuickBooks"
    )
    add_period_option(true_up)
    true_up.add_argument("--entity", help="only this entity (default: every entity with lines)")
    true_up.add_argument("--format", required=True, choices=EXPORT_FORMATS, dest="export_format")
    true_up.add_argument(
        "--out", required=True, type=Path, help="file to write (FILE_ENTITY for several entities)"
    )
    workbook = commands.add_parser(
        "report", parents=[inputs], help="write the controller's workbook for a period"
    )
    add_period_option(workbook)
    workbook.add_argument("--out", required=True, type=Path, help="the .xlsx file to write")
    files = commands.add_parser("export", help="write every mart as a file for BI tools")
    add_warehouse_option(files)
    files.add_argument("--format", required=True, choices=MART_FORMATS, dest="export_format")
    files.add_argument("--out", required=True, type=Path, help="folder for <mart>.<format> files")
    return parser.parse_args(argv)


def input_options() -> argparse.ArgumentParser:
    """--exports, --config and --warehouse, shared by every command."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--exports", required=True, type=Path, help="folder of export CSV files")
    options.add_argument(
        "--config", type=Path, help="cogs_recon.yml (default: in the exports folder)"
    )
    add_warehouse_option(options)
    options.add_argument(
        "--data-docs",
        type=Path,
        help="folder for Great Expectations' Data Docs "
        "(default: data_docs beside a DuckDB file, ./data_docs for PostgreSQL)",
    )
    return options


def add_warehouse_option(parser: argparse.ArgumentParser) -> None:
    """--warehouse: a DuckDB file, or a PostgreSQL database by URL."""
    parser.add_argument(
        "--warehouse",
        default=DEFAULT_WAREHOUSE,
        type=warehouse_location,
        help=f"DuckDB file (default: ./{DEFAULT_WAREHOUSE}) or "
        "postgresql://user[:password]@host[:port]/database (password also from PGPASSWORD)",
    )


def warehouse_location(text: str) -> str:
    """A PostgreSQL URL as given; a DuckDB file as an absolute path (dbt runs elsewhere)."""
    return text if dialect_of(text) == "postgres" else str(Path(text).resolve())


def add_period_option(parser: argparse.ArgumentParser) -> None:
    """--period YYYY-MM, parsed to the period's first day."""
    parser.add_argument("--period", required=True, type=parse_period, help="YYYY-MM")


def parse_period(text: str) -> date:
    """A YYYY-MM period (named by the month it starts in) as its first day."""
    try:
        return datetime.strptime(text, "%Y-%m").date().replace(day=PERIOD_START_DAY)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month YYYY-MM") from error


def point_environment_at(args: argparse.Namespace) -> None:
    """The resources and dbt's profile read these variables when the run starts."""
    os.environ[EXPORTS_ENV_VAR] = str(args.exports.resolve())
    os.environ[CONFIG_ENV_VAR] = str((args.config or args.exports / CONFIG_FILE_NAME).resolve())
    os.environ[WAREHOUSE_ENV_VAR] = args.warehouse
    os.environ[DATA_DOCS_ENV_VAR] = str(data_docs_dir(args).resolve())


def data_docs_dir(args: argparse.Namespace) -> Path:
    """Great Expectations' Data Docs site: as given, else `data_docs/` beside a DuckDB file
    (or in the working directory for PostgreSQL)."""
    if args.data_docs is not None:
        return args.data_docs
    if dialect_of(args.warehouse) == "postgres":
        return Path("data_docs")
    return Path(args.warehouse).parent / "data_docs"


@cache
def load_definitions() -> Definitions:
    """Parse the dbt project (the manifest must match the models), then load the code location."""
    parse_dbt_project()
    from orchestration.definitions import defs

    return defs


def every_period_tags() -> dict[str, str]:
    """The run tags of one run over every partition: a backfill of the whole history."""
    keys = fiscal_periods.get_partition_keys()
    return partition_range_tags(keys[0], keys[-1])


def execute_job(job_name: str, tags: Mapping[str, str]) -> ExecuteInProcessResult:
    """Run a job of the code location in-process, its progress lines on stderr."""
    job = load_definitions().resolve_job_def(job_name)
    # dbt's progress lines go to stderr so stdout carries only the reconciliation.
    with DagsterInstance.ephemeral() as instance, redirect_stdout(sys.stderr):
        return job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            tags=tags,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
        )


def failure_message(result: ExecuteInProcessResult) -> str:
    """The first error of a failed run, as `ErrorClass: message`."""
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data.error is not None:
            error = event.step_failure_data.error
            while error.cause is not None and error.cls_name != UnusableInputError.__name__:
                error = error.cause
            return f"{error.cls_name}: {error.message.strip()}"
        # A busy warehouse stops the run as its resources start: `WarehouseBusyError: ...`.
        if event.is_resource_init_failure and event.event_specific_data.error is not None:
            message = event.event_specific_data.error.message.strip()
            return message.removeprefix(f"{WarehouseBusyError.__module__}.")
    return "the run failed"


def execute_reconciliation_job(changed_only: bool = False) -> tuple[bool, str]:
    """Run the reconciliation in-process: the whole job over every period, or the landing and
    then only the periods it changed and the open one, as the daily schedule does. Returns
    success and, on failure, the first error's message."""
    if not changed_only:
        result = execute_job(reconciliation_job.name, every_period_tags())
        return result.success, "" if result.success else failure_message(result)
    landing = execute_job(land_exports_job.name, {})
    if not landing.success:
        return False, failure_message(landing)
    landed = [
        {name: value.value for name, value in event.materialization.metadata.items()}
        for event in landing.get_asset_materialization_events()
    ]
    all_keys = fiscal_periods.get_partition_keys()
    keys = periods_to_rebuild(landed, all_keys, rebuild_open_period=True)
    for first, last in partition_key_ranges(keys, all_keys):
        print(f"Rebuilding the periods {first} to {last} ...", file=sys.stderr)
        rebuild = execute_job(reconcile_periods_job.name, partition_range_tags(first, last))
        if not rebuild.success:
            return False, failure_message(rebuild)
    return True, ""


@dataclass(frozen=True)
class ReconciliationMarts:
    """What `run` prints: the reconciliation, its breaks, the proposed entries, the rejects."""

    reconciliation: list[dict[str, Any]]
    breaks: list[dict[str, Any]]
    true_up_lines: list[dict[str, Any]]
    rejected: int
    close_findings: list[dict[str, Any]]


def read_marts(warehouse: str) -> ReconciliationMarts:
    """Read the marts `run` prints from the warehouse."""
    with connect(warehouse, read_only=True) as con:
        return ReconciliationMarts(
            reconciliation=con.records(
                "select * from marts.fct_cogs_reconciliation order by entity, period_start"
            ),
            breaks=con.records("select * from marts.fct_reconciliation_breaks"),
            true_up_lines=con.records(
                "select * from marts.fct_true_up_journal_lines "
                "order by entity, period_start, line_number"
            ),
            rejected=int(con.scalar("select count(*) from marts.fct_rejected_rows")),
            close_findings=con.records(
                "select entity, period_start, close_check, close_reason "
                "from marts.fct_period_close where close_check <> 'ok' "
                "order by entity, period_start"
            ),
        )


def report(marts: ReconciliationMarts) -> int:
    """Print the reconciliation and return the exit code it deserves."""
    print(render_table(RECONCILIATION_COLUMNS, marts.reconciliation))
    reasons = render_reasons(marts.reconciliation, marts.breaks)
    if reasons:
        print("\nNot reconciled:\n" + reasons)
    if marts.true_up_lines:
        print("\nProposed true-up journal lines (marts.fct_true_up_journal_lines):")
        print(render_true_up_lines(marts.true_up_lines))
    if marts.rejected:
        print(f"\n{marts.rejected} export rows were rejected: see marts.fct_rejected_rows.")
    if marts.close_findings:
        print("\nPeriod close (marts.fct_period_close):")
        for finding in marts.close_findings:
            print(
                f"{finding['entity']} {format_cell(finding['period_start'])} "
                f"{finding['close_check']}: {finding['close_reason']}"
            )
    if all(row["status"] in PASSING_STATUSES for row in marts.reconciliation):
        return EXIT_OK
    return EXIT_NOT_RECONCILED


def reconcile_into_warehouse(args: argparse.Namespace) -> int | None:
    """Run the job on the exports into the warehouse; the exit code when it could not."""
    if not args.exports.is_dir():
        print(f"cogs-recon: exports folder {args.exports} does not exist", file=sys.stderr)
        return EXIT_UNUSABLE_INPUT
    point_environment_at(args)
    print(
        f"Reconciling {args.exports} into {display_location(args.warehouse)} ...", file=sys.stderr
    )
    succeeded, message = execute_reconciliation_job(getattr(args, "changed_only", False))
    if not succeeded:
        unusable = message.startswith(UnusableInputError.__name__)
        print(f"cogs-recon: {message}", file=sys.stderr)
        # In-process runs are no daemon's to watch: the failure alert goes out from here.
        config = Path(os.environ[CONFIG_ENV_VAR])
        alert_run_failure(config, reconciliation_job.name, None, message, ALERT_LOG)
        return EXIT_UNUSABLE_INPUT if unusable else EXIT_NOT_RECONCILED
    with connect(args.warehouse, read_only=True) as con:
        if not reconciled_periods(con, None):
            print(
                "cogs-recon: nothing to reconcile: each entity needs valuation snapshots at two "
                "period ends at least",
                file=sys.stderr,
            )
            return EXIT_UNUSABLE_INPUT
    return None


def run(args: argparse.Namespace) -> int:
    """Reconcile one exports folder."""
    failed = reconcile_into_warehouse(args)
    if failed is not None:
        return failed
    exit_code = report(read_marts(args.warehouse))
    print(f"\nGreat Expectations Data Docs: {data_docs_dir(args) / 'index.html'}")
    return exit_code


def period_is_reconciled(con: WarehouseConnection, period: date, entity: str | None) -> bool:
    """True when the reconciliation holds the period (for the entity); else says what it holds."""
    periods = reconciled_periods(con, entity)
    if period in periods:
        return True
    scope = f"{entity} " if entity else ""
    held = f"{format_cell(periods[0])} to {format_cell(periods[-1])}" if periods else "none"
    print(
        f"cogs-recon: {scope}{format_cell(period)} is not in the reconciliation "
        f"(its periods: {held})",
        file=sys.stderr,
    )
    return False


def true_up(args: argparse.Namespace) -> int:
    """Reconcile, then write the period's proposed true-up as a QuickBooks import file."""
    failed = reconcile_into_warehouse(args)
    if failed is not None:
        return failed
    return export_true_up(args.warehouse, args.period, args.entity, args.export_format, args.out)


def export_true_up(
    warehouse: str | Path, period: date, entity: str | None, export_format: str, out: Path
) -> int:
    """Write the proposed journals of a reconciled warehouse; nothing when none is proposed."""
    with connect(warehouse, read_only=True) as con:
        if not period_is_reconciled(con, period, entity):
            return EXIT_NOT_RECONCILED
        lines = read_true_up_lines(con, period, entity)
    scope = f"{entity} " if entity else ""
    if not lines:
        print(f"{scope}{format_cell(period)}: no true-up proposed, nothing needs posting.")
        return EXIT_OK
    try:
        written = write_journal_files(lines, export_format, out)
    except UnpostableJournalError as error:
        print(f"cogs-recon: cannot export the true-up: {error}", file=sys.stderr)
        return EXIT_NOT_RECONCILED
    for journal in written:
        print(
            f"{journal.entity} {format_cell(period)} {journal.journal_number}: "
            f"{journal.line_count} lines, debits = credits = {format_cell(journal.total)} "
            f"-> {journal.path}"
        )
    return EXIT_OK


def controller_report(args: argparse.Namespace) -> int:
    """Reconcile, then write the controller's workbook for the period."""
    failed = reconcile_into_warehouse(args)
    if failed is not None:
        return failed
    return write_report(args.warehouse, args.period, args.out)


def write_report(warehouse: str | Path, period: date, out: Path) -> int:
    """The workbook of a reconciled warehouse for one period."""
    with connect(warehouse, read_only=True) as con:
        if not period_is_reconciled(con, period, None):
            return EXIT_NOT_RECONCILED
        data = read_workbook_data(con, period)
    save_workbook(build_workbook(data), out)
    counts = ", ".join(f"{sheet.title} {len(data[sheet.title])}" for sheet in SHEETS)
    print(f"{format_cell(period)}: wrote {out} (rows: {counts})")
    return EXIT_OK


def export_mart_files(args: argparse.Namespace) -> int:
    """Write the marts of an existing warehouse (no run) as Parquet or CSV files."""
    if dialect_of(args.warehouse) == "duckdb" and not Path(args.warehouse).is_file():
        print(f"cogs-recon: no warehouse at {args.warehouse}", file=sys.stderr)
        return EXIT_UNUSABLE_INPUT
    with connect(args.warehouse, read_only=True) as con:
        if not con.table_exists("marts", "fct_cogs_reconciliation"):
            print(
                f"cogs-recon: {display_location(args.warehouse)} holds no marts: "
                "run `cogs-recon run` into it first",
                file=sys.stderr,
            )
            return EXIT_UNUSABLE_INPUT
        exported = export_marts(con, args.export_format, args.out)
    for mart in exported:
        print(f"{mart.mart}: {mart.rows} rows -> {mart.path}")
    return EXIT_OK


COMMANDS = {
    "run": run,
    "true-up": true_up,
    "report": controller_report,
    "export": export_mart_files,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cogs-recon` command."""
    args = parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
