"""Resources: the warehouse and the exports folder, bound once from environment variables."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dagster import ConfigurableResource, EnvVar, InitResourceContext
from dagster_dbt import DbtCliResource

from orchestration.lib.run_lock import lock_timeout_from_environment, warehouse_write_lock
from orchestration.lib.warehouse import WarehouseConnection, connect
from orchestration.project import dbt_executable, dbt_project

# One variable names the warehouse for dbt's profile and for Dagster alike.
WAREHOUSE_ENV_VAR = "COGS_RECON_WAREHOUSE"
# The command line sets the other three from its arguments; `dagster dev` reads them from .env.
EXPORTS_ENV_VAR = "COGS_RECON_EXPORTS"
CONFIG_ENV_VAR = "COGS_RECON_CONFIG"
DATA_DOCS_ENV_VAR = "COGS_RECON_DATA_DOCS"


class WarehouseResource(ConfigurableResource):
    """The warehouse: an embedded DuckDB file path or a postgresql:// URL."""

    location: str

    @contextmanager
    def yield_for_execution(self, context: InitResourceContext) -> Iterator[WarehouseResource]:
        """Hold the warehouse's write lock while the run lasts, so no other run writes it.

        The job executes in one process, which initialises its resources once per run; a
        sensor builds resources outside any run, and reading takes no lock.
        """
        if context.run is None:
            yield self
            return
        on_wait = context.log.warning if context.log else None
        with warehouse_write_lock(self.location, lock_timeout_from_environment(), on_wait):
            yield self

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[WarehouseConnection]:
        """A connection closed on exit, so dbt can open the warehouse next."""
        with connect(self.location, read_only=read_only) as con:
            yield con


class ExportsResource(ConfigurableResource):
    """The folder of export files and the configuration that goes with it."""

    exports_dir: str
    config_file: str

    @property
    def exports_path(self) -> Path:
        return Path(self.exports_dir)

    @property
    def config_path(self) -> Path:
        return Path(self.config_file)


class DataDocsResource(ConfigurableResource):
    """Where Great Expectations writes its Data Docs site."""

    directory: str

    @property
    def path(self) -> Path:
        return Path(self.directory)


class WarehouseDbtCliResource(DbtCliResource):
    """dbt, which writes the warehouse: through the warehouse resource, a run of dbt models
    alone holds the write lock too."""

    warehouse: WarehouseResource


def resources_from_environment() -> dict[str, object]:
    """Bind every resource to its environment variable, read when a run starts."""
    warehouse = WarehouseResource(location=EnvVar(WAREHOUSE_ENV_VAR))
    return {
        "warehouse": warehouse,
        "exports": ExportsResource(
            exports_dir=EnvVar(EXPORTS_ENV_VAR), config_file=EnvVar(CONFIG_ENV_VAR)
        ),
        "data_docs": DataDocsResource(directory=EnvVar(DATA_DOCS_ENV_VAR)),
        "dbt": WarehouseDbtCliResource(
            project_dir=dbt_project, dbt_executable=dbt_executable(), warehouse=warehouse
        ),
    }
