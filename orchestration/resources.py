"""Resources: the warehouse and the exports folder, bound once from environment variables."""

from __future__ import annotations

import os
import shutil
import sys

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from dagster import ConfigurableResource, EnvVar
from dagster_dbt import DbtCliResource

from orchestration.lib.config import CONFIG_FILE_NAME
from orchestration.project import dbt_project

# One variable names the warehouse for dbt's profile and for Dagster alike.
WAREHOUSE_ENV_VAR = "COGS_RECON_WAREHOUSE"
EXPORTS_ENV_VAR = "COGS_RECON_EXPORTS"
CONFIG_ENV_VAR = "COGS_RECON_CONFIG"
DATA_DOCS_ENV_VAR = "COGS_RECON_DATA_DOCS"


class WarehouseResource(ConfigurableResource):
    """The embedded DuckDB warehouse file."""

    path: str

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection closed on exit, so dbt can open the file next."""
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(self.path, read_only=read_only)
        try:
            yield con
        finally:
            con.close()


class ExportsResource(ConfigurableResource):
    """The folder of export files and the configuration that goes with it."""

    exports_dir: str
    config_file: str = ""

    @property
    def exports_path(self) -> Path:
        return Path(self.exports_dir)

    @property
    def config_path(self) -> Path:
        """The configured file, else `cogs_recon.yml` in the exports folder."""
        return Path(self.config_file) if self.config_file else self.exports_path / CONFIG_FILE_NAME


class DataDocsResource(ConfigurableResource):
    """Where Great Expectations writes its Data Docs site."""

    directory: str = ""

    def path_beside(self, warehouse: WarehouseResource) -> Path:
        """The configured folder, else `data_docs/` beside the warehouse file."""
        return Path(self.directory) if self.directory else Path(warehouse.path).parent / "data_docs"


def resources_from_environment() -> dict[str, object]:
    """Bind every resource from the environment; unset optional variables take their defaults."""
    return {
        "warehouse": WarehouseResource(path=EnvVar(WAREHOUSE_ENV_VAR)),
        "exports": ExportsResource(
            exports_dir=EnvVar(EXPORTS_ENV_VAR), config_file=os.environ.get(CONFIG_ENV_VAR, "")
        ),
        "data_docs": DataDocsResource(directory=os.environ.get(DATA_DOCS_ENV_VAR, "")),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }


def dbt_executable() -> str:
    """dbt from PATH, else the one installed beside this Python (a venv not on PATH)."""
    beside_python = Path(sys.executable).parent / "dbt"
    return shutil.which("dbt") or str(beside_python)
