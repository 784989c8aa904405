"""The code location loads, and the whole job materializes in-process with its checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from dagster import AssetKey, DagsterInstance, Definitions
from support import REPO_ROOT, SCENARIOS_DIR

from orchestration.cli import every_period_tags
from orchestration.close_checks import CLOSE_CHECKS
from orchestration.lib.config import CONFIG_FILE_NAME
from orchestration.resources import (
    CONFIG_ENV_VAR,
    DATA_DOCS_ENV_VAR,
    EXPORTS_ENV_VAR,
    WAREHOUSE_ENV_VAR,
)

RECONCILIATION = AssetKey(["marts", "fct_cogs_reconciliation"])


@pytest.fixture(scope="module")
def defs(dbt_manifest: Path) -> Definitions:
    """The code location, loaded after this session's `dbt parse` wrote the manifest."""
    from orchestration.definitions import defs

    return defs


def test_code_location_holds_the_pipeline(defs: Definitions) -> None:
    keys = set(defs.resolve_asset_graph().get_all_asset_keys())
    assert {
        AssetKey(["raw", "gl_journal_lines"]),
        AssetKey(["raw", "entity_settings"]),
        AssetKey(["staging", "stg_quickbooks__journal_lines"]),
        AssetKey(["intermediate", "int_gl_journal_lines_validated"]),
        RECONCILIATION,
        AssetKey(["marts", "fct_true_up_journal_lines"]),
    } <= keys
    assert defs.resolve_job_def("cogs_reconciliation") is not None
    assert defs.resolve_schedule_def("daily_cogs_reconciliation").cron_schedule == "0 6 * * *"


def test_dbt_sources_depend_on_the_extract_assets(defs: Definitions) -> None:
    graph = defs.resolve_asset_graph()
    staging = graph.get(AssetKey(["staging", "stg_quickbooks__journal_lines"]))
    assert AssetKey(["raw", "gl_journal_lines"]) in staging.parent_keys


def test_dagster_cli_validates_the_code_location() -> None:
    # What `dagster dev` loads: the module named in pyproject.toml's [tool.dagster].
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dagster",
            "definitions",
            "validate",
            "-m",
            "orchestration.definitions",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("scenario", "checks_pass"),
    [("non_inventory_true_up_pending", True), ("inventory_adjustment_not_pushed", False)],
)
def test_job_materializes_every_asset_and_runs_every_check(
    defs: Definitions,
    scenario: str,
    checks_pass: bool,
    warehouse: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exports = SCENARIOS_DIR / scenario
    monkeypatch.setenv(WAREHOUSE_ENV_VAR, str(warehouse))
    monkeypatch.setenv(EXPORTS_ENV_VAR, str(exports))
    monkeypatch.setenv(CONFIG_ENV_VAR, str(exports / CONFIG_FILE_NAME))
    monkeypatch.setenv(DATA_DOCS_ENV_VAR, str(warehouse.parent / "docs"))

    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("cogs_reconciliation").execute_in_process(
            instance=instance, tags=every_period_tags()
        )

    assert result.success
    materialized = {event.asset_key for event in result.get_asset_materialization_events()}
    assert materialized == set(defs.resolve_asset_graph().get_all_asset_keys())
    evaluations = {
        evaluation.check_name: evaluation for evaluation in result.get_asset_check_evaluations()
    }
    gx_checks = {
        "variance_is_zero",
        "inventory_difference_is_zero",
        "rollforward_difference_is_zero",
    }
    assert gx_checks <= set(evaluations)
    # No close rule here: nothing is closed, and only a period awaiting its true-up warns.
    close_checks = {name: evaluations[name].passed for name in CLOSE_CHECKS}
    assert close_checks == {
        "closed_periods_are_reconciled": True,
        "closed_periods_keep_their_figures": True,
        "open_periods_await_no_true_up": scenario != "non_inventory_true_up_pending",
    }
    dbt_checks = set(evaluations) - gx_checks - set(CLOSE_CHECKS)
    assert dbt_checks and all(evaluations[name].passed for name in dbt_checks)
    if checks_pass:
        assert all(evaluations[name].passed for name in gx_checks)
    else:
        failing = evaluations["inventory_difference_is_zero"]
        assert not failing.passed
        assert failing.metadata["failing_rows"].value == [
            {
                "entity": "default",
                "period_start": "2026-01-01",
                "status": "unreconciled",
                "value": "3000.00",
            }
        ]
        assert evaluations["variance_is_zero"].passed
    assert (warehouse.parent / "docs" / "index.html").exists()
