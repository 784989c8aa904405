"""The dbt project the models live in (loading it needs no manifest; the assets do)."""

from pathlib import Path

from dagster_dbt import DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def prepare_dbt_project() -> None:
    """Write the manifest (`dbt parse`) when missing, so the dbt assets can load."""
    if not dbt_project.manifest_path.exists():
        dbt_project.preparer.prepare(dbt_project)
