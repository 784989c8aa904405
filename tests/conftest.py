"""Shared fixtures: dbt parsed once, a warehouse per test, no variables leaking between tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import psycopg
import pytest
from support import ENGINES, POSTGRES_SERVER, CliRun, postgres_database, reconcile

from orchestration.lib.warehouse import WarehouseConnection, connect
from orchestration.project import parse_dbt_project
from orchestration.resources import (
    CONFIG_ENV_VAR,
    DATA_DOCS_ENV_VAR,
    EXPORTS_ENV_VAR,
    WAREHOUSE_ENV_VAR,
)

ENV_VARS = (WAREHOUSE_ENV_VAR, EXPORTS_ENV_VAR, CONFIG_ENV_VAR, DATA_DOCS_ENV_VAR)


@pytest.fixture(scope="session", autouse=True)
def dbt_manifest() -> Path:
    """`dbt parse` once per session: the dbt assets load from the manifest."""
    return parse_dbt_project()


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI sets the warehouse variables; each test starts and ends without them."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """A fresh DuckDB warehouse file for the test."""
    return tmp_path / "warehouse" / "cogs_recon.duckdb"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL server of the tests; its absence fails them (`.ci/run` starts one)."""
    try:
        psycopg.connect(POSTGRES_SERVER, connect_timeout=5).close()
    except psycopg.OperationalError as error:
        pytest.fail(
            f"no PostgreSQL server at {POSTGRES_SERVER} ({error}); start one "
            "(.ci/ensure-postgres) or set COGS_RECON_TEST_POSTGRES to a superuser URL"
        )
    return POSTGRES_SERVER


@pytest.fixture(params=ENGINES)
def engine_warehouse(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh warehouse on each engine in turn: a DuckDB file, then a PostgreSQL database."""
    if request.param == "duckdb":
        yield str(tmp_path / "warehouse" / "cogs_recon.duckdb")
        return
    with postgres_database(request.getfixturevalue("postgres_server")) as url:
        yield url


@pytest.fixture
def con(engine_warehouse: str) -> Iterator[WarehouseConnection]:
    """An open connection to a fresh warehouse on each engine in turn."""
    with connect(engine_warehouse) as connection:
        yield connection


ReconciledRun = tuple[CliRun, str]


@pytest.fixture(scope="session")
def reconciled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[Path, str], ReconciledRun]]:
    """`cogs-recon run` of an exports folder on an engine, once per session: the acceptance
    tests and the engine comparison read the same warehouses."""
    runs: dict[tuple[Path, str], ReconciledRun] = {}
    with ExitStack() as databases:

        def run(exports: Path, engine: str) -> ReconciledRun:
            if (exports, engine) not in runs:
                workdir = tmp_path_factory.mktemp(f"{exports.name}_{engine}")
                if engine == "postgres":
                    server = request.getfixturevalue("postgres_server")
                    warehouse = databases.enter_context(postgres_database(server))
                else:
                    warehouse = str(workdir / "cogs_recon.duckdb")
                runs[exports, engine] = (
                    reconcile(exports, warehouse, "--data-docs", workdir / "data_docs"),
                    warehouse,
                )
            return runs[exports, engine]

        yield run


@pytest.fixture
def copy_exports(tmp_path: Path) -> Callable[..., Path]:
    """Copy an exports folder into the test's tmp dir, so the test may edit it."""

    def copy(source: Path, name: str = "exports") -> Path:
        target = tmp_path / name
        shutil.copytree(source, target)
        return target

    return copy
