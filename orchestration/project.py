"""The dbt project the models live in (loading it needs no manifest; the dbt assets do)."""

import shutil
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_executable() -> str:
    """dbt from PATH, else the one installed beside this Python (a venv not on PATH)."""
    return shutil.which("dbt") or str(Path(sys.executable).parent / "dbt")


def dbt_cli() -> DbtCliResource:
    """The dbt command line for this project."""
    return DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable())


def parse_dbt_project() -> Path:
    """`dbt parse`: writes the manifest the dbt assets load from."""
    dbt_cli().cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()
    return dbt_project.manifest_path


# Under `dagster dev`, parse the project on load so the manifest is never stale.
dbt_project.prepare_if_dev()
