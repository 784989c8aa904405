"""Running it in production: the shipped dagster.yaml keeps runs and events in PostgreSQL, and
`dagster-webserver` serves the code location with its assets, checks, schedule and sensor."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from dagster import DagsterEventType, DagsterInstance, materialize
from psycopg.conninfo import conninfo_to_dict
from support import REPO_ROOT, SCENARIOS_DIR, free_port, postgres_database

from orchestration.ingest import configuration
from orchestration.lib.config import CONFIG_FILE_NAME
from orchestration.resources import (
    CONFIG_ENV_VAR,
    DATA_DOCS_ENV_VAR,
    EXPORTS_ENV_VAR,
    WAREHOUSE_ENV_VAR,
    ExportsResource,
    WarehouseResource,
)

DEPLOY_DAGSTER_YAML = REPO_ROOT / "deploy" / "dagster.yaml"
SCENARIO = SCENARIOS_DIR / "inventory_adjustment_not_pushed"
WEBSERVER_START_SECONDS = 180


def test_the_production_instance_stores_runs_and_events_in_postgres(
    postgres_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    shutil.copy(DEPLOY_DAGSTER_YAML, dagster_home / "dagster.yaml")
    with postgres_database(postgres_server) as database:
        server = conninfo_to_dict(database)
        for name, value in {
            "DAGSTER_HOME": str(dagster_home),
            "DAGSTER_PG_HOST": server["host"],
            "DAGSTER_PG_PORT": str(server.get("port", 5432)),
            "DAGSTER_PG_DB": server["dbname"],
            "DAGSTER_PG_USERNAME": server["user"],
            "DAGSTER_PG_PASSWORD": server.get("password", ""),
        }.items():
            monkeypatch.setenv(name, value)
        with DagsterInstance.get() as instance:
            assert type(instance.schedule_storage).__name__ == "PostgresScheduleStorage"
            result = materialize(
                [configuration],
                instance=instance,
                resources={
                    "warehouse": WarehouseResource(location=str(tmp_path / "w.duckdb")),
                    "exports": ExportsResource(
                        exports_dir=str(SCENARIO), config_file=str(SCENARIO / CONFIG_FILE_NAME)
                    ),
                },
            )
        assert result.success
        with psycopg.connect(database) as con:
            [(status,)] = con.execute(
                "select status from runs where run_id = %s", [result.run_id]
            ).fetchall()
            events = {
                event_type
                for (event_type,) in con.execute(
                    "select dagster_event_type from event_logs where run_id = %s",
                    [result.run_id],
                )
            }
    assert status == "SUCCESS"
    assert {
        DagsterEventType.RUN_START.value,
        DagsterEventType.ASSET_MATERIALIZATION.value,
        DagsterEventType.RUN_SUCCESS.value,
    } <= events


@pytest.fixture
def webserver(tmp_path: Path) -> Iterator[str]:
    """`dagster-webserver` on a free local port, with the variables `make dev` sets."""
    port = free_port()
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(dagster_home),
        WAREHOUSE_ENV_VAR: str(tmp_path / "cogs_recon.duckdb"),
        EXPORTS_ENV_VAR: str(SCENARIO),
        CONFIG_ENV_VAR: str(SCENARIO / CONFIG_FILE_NAME),
        DATA_DOCS_ENV_VAR: str(tmp_path / "data_docs"),
    }
    webserver_bin = Path(sys.executable).parent / "dagster-webserver"
    command = [str(webserver_bin), "-m", "orchestration.definitions", "-h", "127.0.0.1"]
    log = (tmp_path / "webserver.log").open("w")
    process = subprocess.Popen(
        [*command, "-p", str(port)], cwd=REPO_ROOT, env=env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WEBSERVER_START_SECONDS
        while True:
            assert process.poll() is None, (tmp_path / "webserver.log").read_text()
            try:
                with urllib.request.urlopen(f"{url}/server_info", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "dagster-webserver did not answer"
                time.sleep(1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def graphql(url: str, query: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{url}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    assert "errors" not in answer, answer
    return answer["data"]


CODE_LOCATION_QUERY = """
{
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        name
        locationOrLoadError { __typename ... on PythonError { message } }
      }
    }
  }
  repositoriesOrError {
    __typename
    ... on RepositoryConnection {
      nodes {
        name
        assetNodes {
          assetKey { path }
          isPartitioned
          assetChecksOrError { ... on AssetChecks { checks { name } } }
        }
        jobs { name }
        schedules { name cronSchedule }
        sensors { name sensorType }
      }
    }
  }
}
"""


@pytest.mark.slow
def test_the_webserver_serves_the_code_location(webserver: str) -> None:
    data = graphql(webserver, CODE_LOCATION_QUERY)
    [location] = data["workspaceOrError"]["locationEntries"]
    assert location["locationOrLoadError"]["__typename"] == "RepositoryLocation", location
    [repository] = data["repositoriesOrError"]["nodes"]
    assets = {"/".join(node["assetKey"]["path"]): node for node in repository["assetNodes"]}
    assert {
        "raw/gl_journal_lines",
        "raw/entity_settings",
        "staging/stg_quickbooks__journal_lines",
        "marts/fct_cogs_reconciliation",
        "marts/fct_reconciliation_breaks",
        "ops/reconciliation_alerts",
    } <= set(assets)
    checks = {
        check["name"]
        for check in assets["marts/fct_cogs_reconciliation"]["assetChecksOrError"]["checks"]
    }
    assert {
        "variance_is_zero",
        "inventory_difference_is_zero",
        "rollforward_difference_is_zero",
    } <= checks
    assert repository["schedules"] == [
        {"name": "daily_cogs_reconciliation", "cronSchedule": "0 6 * * *"}
    ]
    assert sorted(repository["sensors"], key=lambda sensor: sensor["name"]) == [
        {"name": "changed_periods", "sensorType": "RUN_STATUS"},
        {"name": "cogs_reconciliation_failure_alert", "sensorType": "RUN_STATUS"},
        {"name": "new_exports", "sensorType": "STANDARD"},
    ]
    assert {"cogs_reconciliation", "land_exports", "reconcile_periods"} <= {
        job["name"] for job in repository["jobs"]
    }
    # The models are partitioned by period; the landing is not.
    assert assets["marts/fct_cogs_reconciliation"]["isPartitioned"]
    assert not assets["raw/gl_journal_lines"]["isPartitioned"]
