"""Resources: the warehouse and the exports folder, bound once from environment variables."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dagster import ConfigurableResource, EnvVar

from orchestration.lib.warehouse import WarehouseConnection, connect
from orchestration.project import dbt_cli

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


def resources_from_environment() -> dict[str, object]:
    """Bind every resource to its environment variable, read when a run starts."""
    return {
        "warehouse": WarehouseResource(location=EnvVar(WAREHOUSE_ENV_VAR)),
        "exports": ExportsResource(
            exports_dir=EnvVar(EXPORTS_ENV_VAR), config_file=EnvVar(CONFIG_ENV_VAR)
        ),
        "data_docs": DataDocsResource(directory=EnvVar(DATA_DOCS_ENV_VAR)),
        "dbt": dbt_cli(),
    }
