"""Shared fixtures: dbt parsed once, a warehouse per test, no variables leaking between tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

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


@pytest.fixture
def copy_exports(tmp_path: Path) -> Callable[..., Path]:
    """Copy an exports folder into the test's tmp dir, so the test may edit it."""

    def copy(source: Path, name: str = "exports") -> Path:
        target = tmp_path / name
        shutil.copytree(source, target)
        return target

    return copy
