"""`make docs`: dbt's catalog of the demo warehouse, every mart and column described, the
dashboards that read the marts named as exposures."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support import REPO_ROOT

from orchestration.lib.publish import BUILD_SCHEMA

TARGET = REPO_ROOT / "dbt_project" / "target"
DASHBOARDS = {"monthly_cogs_reconciliation", "reconciliation_breaks", "inventory_roll_forward"}


@pytest.mark.slow
def test_make_docs_writes_a_catalog_of_described_marts(tmp_path: Path) -> None:
    result = subprocess.run(
        ["make", "docs", f"DEMO_WAREHOUSE={tmp_path / 'demo.duckdb'}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]

    catalog = json.loads((TARGET / "catalog.json").read_text())
    manifest = json.loads((TARGET / "manifest.json").read_text())
    assert (TARGET / "index.html").exists()
    marts = {
        node["metadata"]["name"]: node["columns"]
        for node in catalog["nodes"].values()
        if node["metadata"]["schema"] == BUILD_SCHEMA
    }
    assert len(marts) >= 10
    documented = {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == BUILD_SCHEMA
    }
    for mart, columns in marts.items():
        assert documented[mart]["description"].strip(), mart
        described = documented[mart]["columns"]
        undescribed = [c for c in columns if not described.get(c, {}).get("description")]
        assert not undescribed, (mart, undescribed)
    exposures = {exposure["name"]: exposure for exposure in manifest["exposures"].values()}
    assert set(exposures) == DASHBOARDS
    for exposure in exposures.values():
        assert {node.split(".")[-1] for node in exposure["depends_on"]["nodes"]} <= set(marts)
