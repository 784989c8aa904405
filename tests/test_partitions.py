"""Monthly partitions: which periods a run rebuilds, and that rebuilding only the periods a
change touched leaves the warehouse a full rebuild would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import date, datetime
from pathlib import Path

import pytest
from dagster import (
    DagsterInstance,
    Definitions,
    MonthlyPartitionsDefinition,
    RunRequest,
    SkipReason,
    build_run_status_sensor_context,
)
from support import (
    DEMO_EXPORTS,
    ENGINES,
    postgres_database,
    query,
    reconcile,
    run_cli,
    snapshot,
)

from orchestration.cli import load_definitions
from orchestration.lib.config import CONFIG_FILE_NAME
from orchestration.partitions import (
    AFFECTED_PERIODS,
    AFFECTS_EVERY_PERIOD,
    partition_key_ranges,
    partition_range_tags,
    period_partition_keys,
    period_window_vars,
    periods_to_rebuild,
)
from orchestration.resources import (
    CONFIG_ENV_VAR,
    DATA_DOCS_ENV_VAR,
    EXPORTS_ENV_VAR,
    WAREHOUSE_ENV_VAR,
)
from orchestration.sensors import REBUILD_OPEN_PERIOD_TAG, changed_periods_sensor
from orchestration.transform import dbt_build_args

PERIODS = MonthlyPartitionsDefinition(start_date="2026-01-01", end_offset=1)
# "Now" is in June 2026: January to June are partitions, June the open period.
NOW = datetime(2026, 6, 15)
KEYS = PERIODS.get_partition_keys(current_time=NOW)
RECONCILED_FIGURES = tuple(
    f"reconciled_{figure}"
    for figure in ("computed_cogs", "posted_cogs", "variance", "inventory_difference")
)
# A journal entry posted straight to inventory, back-dated into March (EAST's COGS account).
LATE_JOURNAL_ENTRY = (
    "entity,transaction_id,line_number,txn_date,txn_type,doc_number,account_number,"
    "debit,credit,name,memo\n"
    "EAST,LATE-1,1,2026-03-20,Journal Entry,JE-LATE,5000,100.00,,,shrink found late\n"
    "EAST,LATE-1,2,2026-03-20,Journal Entry,JE-LATE,1300,,100.00,,shrink found late\n"
)


def window(first: str, last: str) -> dict[str, str]:
    time_window = PERIODS.time_window_for_partition_key(first)
    end = PERIODS.time_window_for_partition_key(last).end
    return period_window_vars(time_window._replace(end=end), PERIODS, NOW)


def test_a_middle_period_is_rebuilt_alone() -> None:
    assert window("2026-03-01", "2026-03-01") == {
        "period_window_start": "2026-03-01",
        "period_window_end": "2026-04-01",
    }


def test_the_first_and_last_partitions_are_unbounded() -> None:
    assert window("2026-01-01", "2026-02-01") == {"period_window_end": "2026-03-01"}
    assert window("2026-06-01", "2026-06-01") == {"period_window_start": "2026-06-01"}
    assert window("2026-01-01", "2026-06-01") == {}


def test_dbt_builds_the_window_or_everything() -> None:
    assert dbt_build_args({}) == ["build"]
    assert dbt_build_args({"period_window_start": "2026-03-01"}) == [
        "build",
        "--vars",
        '{"period_window_start": "2026-03-01"}',
    ]


def test_dates_fall_in_their_partition_or_the_nearest_end() -> None:
    dates = [date(2025, 7, 4), date(2026, 3, 31), date(2026, 3, 1), date(2031, 1, 1)]
    assert period_partition_keys(dates, PERIODS, NOW) == [
        "2026-01-01",
        "2026-03-01",
        "2026-06-01",
    ]


def test_consecutive_partitions_make_one_range() -> None:
    keys = ["2026-02-01", "2026-06-01", "2026-01-01", "2026-04-01", "2026-05-01"]
    assert partition_key_ranges(keys, KEYS) == [
        ("2026-01-01", "2026-02-01"),
        ("2026-04-01", "2026-06-01"),
    ]


def test_a_landing_asks_for_its_periods_or_for_all() -> None:
    erp = {AFFECTED_PERIODS: ["2026-03-01"], AFFECTS_EVERY_PERIOD: False}
    gl = {AFFECTED_PERIODS: ["2026-02-01", "2026-03-01"], AFFECTS_EVERY_PERIOD: False}
    chart = {AFFECTED_PERIODS: [], AFFECTS_EVERY_PERIOD: True}
    assert periods_to_rebuild([erp, gl], KEYS, rebuild_open_period=False) == [
        "2026-02-01",
        "2026-03-01",
    ]
    assert periods_to_rebuild([erp], KEYS, rebuild_open_period=True) == [
        "2026-03-01",
        "2026-06-01",
    ]
    assert periods_to_rebuild([erp, chart], KEYS, rebuild_open_period=False) == KEYS
    # The configuration assets carry no period list, only whether every period changed.
    assert periods_to_rebuild([{AFFECTS_EVERY_PERIOD: False}], KEYS, False) == []


@pytest.fixture
def defs() -> Definitions:
    return load_definitions()


@pytest.fixture
def instance() -> Iterator[DagsterInstance]:
    with DagsterInstance.ephemeral() as ephemeral:
        yield ephemeral


def point_at(monkeypatch: pytest.MonkeyPatch, exports: Path, warehouse: str | Path) -> None:
    monkeypatch.setenv(WAREHOUSE_ENV_VAR, str(warehouse))
    monkeypatch.setenv(EXPORTS_ENV_VAR, str(exports))
    monkeypatch.setenv(CONFIG_ENV_VAR, str(exports / CONFIG_FILE_NAME))
    monkeypatch.setenv(DATA_DOCS_ENV_VAR, str(exports.parent / "data_docs"))


def land_and_sense(
    defs: Definitions, instance: DagsterInstance, tags: dict[str, str] | None = None
) -> list[RunRequest] | SkipReason:
    """Run the landing job, then tick the changed-periods sensor on its success."""
    landing = defs.resolve_job_def("land_exports").execute_in_process(
        instance=instance, tags=tags or {}
    )
    assert landing.success
    context = build_run_status_sensor_context(
        sensor_name="changed_periods",
        dagster_event=landing.get_run_success_event(),
        dagster_instance=instance,
        dagster_run=landing.dagster_run,
    )
    return changed_periods_sensor(context)


def reconciliation_row(warehouse: str | Path, entity: str, period: str) -> dict[str, object]:
    [row] = query(
        warehouse,
        "select variance, inventory_difference, status from marts.fct_cogs_reconciliation "
        f"where entity = '{entity}' and period_start = date '{period}'",
    )
    return row


@pytest.fixture
def new_warehouse(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Fresh warehouses on the test's engine: DuckDB files, or PostgreSQL databases."""
    with ExitStack() as databases:

        def create(name: str) -> str:
            if request.node.callspec.params["engine"] == "duckdb":
                return str(tmp_path / name / "cogs_recon.duckdb")
            server = request.getfixturevalue("postgres_server")
            return databases.enter_context(postgres_database(server))

        yield create


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_a_back_dated_entry_rebuilds_its_period_to_the_full_rebuild(
    engine: str,
    defs: Definitions,
    instance: DagsterInstance,
    copy_exports,
    new_warehouse: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exports = copy_exports(DEMO_EXPORTS)
    daily = new_warehouse("daily")
    data_docs = ("--data-docs", exports.parent / "data_docs")
    assert reconcile(exports, daily, *data_docs).exit_code == 0
    point_at(monkeypatch, exports, daily)

    # Nothing new: the landing changes no period, so nothing is rebuilt.
    assert isinstance(land_and_sense(defs, instance), SkipReason)
    # The daily landing rebuilds the open period even so.
    [open_period] = land_and_sense(defs, instance, {REBUILD_OPEN_PERIOD_TAG: "true"})
    last_key = defs.resolve_job_def("reconcile_periods").partitions_def.get_last_partition_key()
    assert open_period.tags == partition_range_tags(last_key, last_key)

    (exports / "gl_journal_lines_2026_03_late.csv").write_text(LATE_JOURNAL_ENTRY)
    [request] = land_and_sense(defs, instance)
    assert request.tags == partition_range_tags("2026-03-01", "2026-03-01")
    rebuild = defs.resolve_job_def("reconcile_periods").execute_in_process(
        instance=instance, tags=request.tags
    )
    assert rebuild.success
    materialized = {event.partition for event in rebuild.get_asset_materialization_events()}
    assert materialized == {"2026-03-01", None}  # the dbt assets' partition, and the alerts

    # The entry breaks March's COGS, and the inventory it took is missing from every later
    # period's GL balance: the period marts are rebuilt whole from the partitioned summaries.
    assert reconciliation_row(daily, "EAST", "2026-03-01")["variance"] == -100
    assert reconciliation_row(daily, "EAST", "2026-05-01")["inventory_difference"] == 100

    full = new_warehouse("full")
    assert reconcile(exports, full, *data_docs).exit_code == 1
    layers = ("raw", "staging", "intermediate", "marts")
    # Lineage, and the figures a period was last reconciled with: only the warehouse that
    # lived through the change remembers them (fct_period_close).
    history = ("_loaded_at", "loaded_at", *RECONCILED_FIGURES)
    assert snapshot(daily, layers, history) == snapshot(full, layers, history)
    remembered = (
        "select reconciled_variance from marts.fct_period_close "
        "where entity = 'EAST' and period_start = date '2026-03-01'"
    )
    assert query(daily, remembered) == [{"reconciled_variance": 0}]
    assert query(full, remembered) == [{"reconciled_variance": None}]


@pytest.mark.slow
def test_a_chart_change_rebuilds_every_period(
    defs: Definitions,
    instance: DagsterInstance,
    copy_exports,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exports = copy_exports(DEMO_EXPORTS)
    warehouse = tmp_path / "warehouse" / "cogs_recon.duckdb"
    point_at(monkeypatch, exports, warehouse)
    land_and_sense(defs, instance)
    chart = exports / "gl_accounts_east.csv"
    chart.write_text(chart.read_text().replace("Inventory Asset", "Inventory Asset (stock)"))

    [request] = land_and_sense(defs, instance)

    keys = defs.resolve_job_def("reconcile_periods").partitions_def.get_partition_keys()
    assert request.tags == partition_range_tags(keys[0], keys[-1])


@pytest.mark.slow
def test_the_command_line_rebuilds_only_the_changed_periods(copy_exports, tmp_path: Path) -> None:
    exports = copy_exports(DEMO_EXPORTS)
    warehouse = tmp_path / "warehouse" / "cogs_recon.duckdb"
    open_key = load_definitions().resolve_job_def("reconcile_periods").partitions_def
    open_key = open_key.get_last_partition_key()
    first = run_cli("run", "--changed-only", "--exports", exports, "--warehouse", warehouse)
    assert first.exit_code == 0, first.stderr
    # An empty warehouse: its first landing changes every period (the chart arrives).
    assert "Rebuilding the periods 2020-01-01 to " in first.stderr

    (exports / "gl_journal_lines_2026_03_late.csv").write_text(LATE_JOURNAL_ENTRY)
    again = run_cli("run", "--changed-only", "--exports", exports, "--warehouse", warehouse)

    assert again.exit_code == 1, again.stderr
    rebuilt = [line for line in again.stderr.splitlines() if line.startswith("Rebuilding")]
    assert rebuilt == [
        "Rebuilding the periods 2026-03-01 to 2026-03-01 ...",
        f"Rebuilding the periods {open_key} to {open_key} ...",
    ]
    assert reconciliation_row(warehouse, "EAST", "2026-03-01")["status"] == "unreconciled"
    assert "EAST    2026-03" in again.stdout
