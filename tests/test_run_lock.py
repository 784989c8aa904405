"""The warehouse write lock: another process holding it makes a run wait, then give up."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dagster import asset, build_resources, materialize
from dagster_dbt import DbtCliResource
from support import SCENARIOS_DIR, postgres_database, query, reconcile

from orchestration.lib.errors import WarehouseBusyError
from orchestration.lib.run_lock import LOCK_TIMEOUT_ENV_VAR, warehouse_write_lock
from orchestration.lib.warehouse import dialect_of
from orchestration.resources import (
    CONFIG_ENV_VAR,
    DATA_DOCS_ENV_VAR,
    EXPORTS_ENV_VAR,
    WAREHOUSE_ENV_VAR,
    WarehouseResource,
    resources_from_environment,
)

SCENARIO = SCENARIOS_DIR / "inventory_adjustment_not_pushed"
# Holds the lock until its stdin closes; "held" on stdout says it has it.
HOLDER = """
import sys
from orchestration.lib.run_lock import warehouse_write_lock
with warehouse_write_lock(sys.argv[1], 30):
    print("held", flush=True)
    sys.stdin.read()
"""
# Exits 0 if it took the lock within a second, 3 if the warehouse was busy.
TAKER = """
import sys
from orchestration.lib.errors import WarehouseBusyError
from orchestration.lib.run_lock import warehouse_write_lock
try:
    with warehouse_write_lock(sys.argv[1], 1):
        pass
except WarehouseBusyError:
    sys.exit(3)
"""


@contextmanager
def held_by_another_process(location: str) -> Iterator[subprocess.Popen[str]]:
    """A second process holding the warehouse's lock until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, location],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield holder
    finally:
        holder.communicate(timeout=30)


def another_process_can_lock(location: str) -> bool:
    """Whether a second process takes the lock within a second."""
    taker = subprocess.run([sys.executable, "-c", TAKER, location], timeout=60)
    assert taker.returncode in (0, 3)
    return taker.returncode == 0


@pytest.fixture
def duckdb_location(tmp_path: Path) -> str:
    """A DuckDB warehouse in a folder that does not exist yet (the lock creates it)."""
    return str(tmp_path / "not_yet" / "cogs_recon.duckdb")


def test_duckdb_lock_names_the_holder_and_frees_when_it_exits(duckdb_location: str) -> None:
    with held_by_another_process(duckdb_location) as holder:
        busy = pytest.raises(WarehouseBusyError, match=rf"pid {holder.pid}, started ")
        with busy, warehouse_write_lock(duckdb_location, 1):
            pass
    with warehouse_write_lock(duckdb_location, 1):
        assert not another_process_can_lock(duckdb_location)


def test_postgres_advisory_lock_excludes_another_process(postgres_server: str) -> None:
    with postgres_database(postgres_server) as url:
        busy = pytest.raises(WarehouseBusyError, match="another run holds the warehouse")
        with held_by_another_process(url), busy, warehouse_write_lock(url, 1):
            pass
        with warehouse_write_lock(url, 1):
            assert not another_process_can_lock(url)
        assert another_process_can_lock(url)


def test_lock_is_reentrant_within_a_process(duckdb_location: str) -> None:
    """A run's resources each hold it: the second must not wait for the first."""
    with warehouse_write_lock(duckdb_location, 1):
        with warehouse_write_lock(duckdb_location, 1):
            pass
        assert not another_process_can_lock(duckdb_location)
    assert another_process_can_lock(duckdb_location)


def test_a_run_holds_the_lock_through_its_steps_and_dbt_alone_takes_it(
    duckdb_location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warehouse and dbt resources of one in-process run share the lock without deadlock,
    and hold it in every step, including one that needs only dbt."""
    for name in (EXPORTS_ENV_VAR, CONFIG_ENV_VAR, DATA_DOCS_ENV_VAR):
        monkeypatch.setenv(name, str(tmp_path))
    monkeypatch.setenv(WAREHOUSE_ENV_VAR, duckdb_location)
    monkeypatch.setenv(LOCK_TIMEOUT_ENV_VAR, "1")

    @asset
    def writes(warehouse: WarehouseResource) -> None:
        with warehouse.connect() as con:
            con.execute("create table written as select 1 as one")
        assert not another_process_can_lock(duckdb_location)

    @asset(deps=[writes])
    def builds(dbt: DbtCliResource) -> None:
        assert not another_process_can_lock(duckdb_location)

    resources = resources_from_environment()
    assert materialize([writes, builds], resources=resources).success
    assert materialize([builds], resources={"dbt": resources["dbt"]}).success
    assert another_process_can_lock(duckdb_location)


def test_resources_built_outside_a_run_take_no_lock(
    duckdb_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sensor reading the warehouse is not kept waiting by a run."""
    monkeypatch.setenv(LOCK_TIMEOUT_ENV_VAR, "1")
    reader = {"warehouse": WarehouseResource(location=duckdb_location)}
    with held_by_another_process(duckdb_location), build_resources(reader) as built:
        assert built.warehouse.location == duckdb_location


@pytest.mark.slow
def test_cli_run_gives_up_on_a_busy_warehouse(
    engine_warehouse: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LOCK_TIMEOUT_ENV_VAR, "1")
    with held_by_another_process(engine_warehouse):
        run = reconcile(SCENARIO, engine_warehouse)
    assert run.exit_code == 1
    assert "cogs-recon: WarehouseBusyError: another run holds the warehouse" in run.stderr
    assert "gave up after waiting 1 s" in run.stderr
    if dialect_of(engine_warehouse) == "postgres":
        assert not query(
            engine_warehouse,
            "select schema_name from information_schema.schemata "
            "where schema_name in ('raw', 'staging', 'intermediate', 'marts')",
        )
    else:
        assert not Path(engine_warehouse).exists()
