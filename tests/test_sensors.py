"""The schedule and the new-exports sensor, evaluated in-process."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from dagster import (
    RunRequest,
    SensorResult,
    SkipReason,
    build_schedule_context,
    build_sensor_context,
)

from orchestration.resources import ExportsResource
from orchestration.schedules import daily_reconciliation_schedule
from orchestration.sensors import REBUILD_OPEN_PERIOD_TAG, new_exports_sensor

AN_HOUR_AGO = time.time() - 3600


def write(folder: Path, name: str, text: str, modified: float = AN_HOUR_AGO) -> Path:
    path = folder / name
    path.write_text(text)
    os.utime(path, (modified, modified))
    return path


def tick(folder: Path, cursor: str | None) -> SensorResult | SkipReason:
    context = build_sensor_context(
        cursor=cursor,
        resources={
            "exports": ExportsResource(
                exports_dir=str(folder), config_file=str(folder / "cogs_recon.yml")
            )
        },
    )
    return new_exports_sensor(context)


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    write(folder, "cogs_recon.yml", "entities: {}\n")
    write(folder, "gl_journal_lines_2026_01.csv", "header\n")
    return folder


def test_new_files_start_one_run_and_an_unchanged_folder_none(exports: Path) -> None:
    first = tick(exports, None)
    assert isinstance(first, SensorResult)
    [request] = first.run_requests
    assert isinstance(request, RunRequest)
    assert (
        request.tags["cogs_recon/changed_files"] == "cogs_recon.yml, gl_journal_lines_2026_01.csv"
    )

    again = tick(exports, first.cursor)
    assert isinstance(again, SkipReason)
    assert "no new" in again.skip_message


def test_a_changed_or_removed_file_starts_a_run_naming_it(exports: Path) -> None:
    cursor = tick(exports, None).cursor
    write(exports, "gl_journal_lines_2026_01.csv", "header\nrow\n")
    changed = tick(exports, cursor)
    assert changed.run_requests[0].tags["cogs_recon/changed_files"] == (
        "gl_journal_lines_2026_01.csv"
    )
    (exports / "gl_journal_lines_2026_01.csv").unlink()
    removed = tick(exports, changed.cursor)
    assert removed.run_requests[0].tags["cogs_recon/changed_files"] == (
        "gl_journal_lines_2026_01.csv"
    )
    assert removed.run_requests[0].run_key != changed.run_requests[0].run_key


def test_no_run_while_a_file_is_still_being_written(exports: Path) -> None:
    cursor = tick(exports, None).cursor
    write(exports, "gl_journal_lines_2026_02.csv", "header\n", modified=time.time())
    waiting = tick(exports, cursor)
    assert isinstance(waiting, SkipReason)
    assert "gl_journal_lines_2026_02.csv" in waiting.skip_message
    # Once quiet for the settle time, the file is read.
    os.utime(exports / "gl_journal_lines_2026_02.csv", (AN_HOUR_AGO, AN_HOUR_AGO))
    ready = tick(exports, cursor)
    assert ready.run_requests[0].tags["cogs_recon/changed_files"] == (
        "gl_journal_lines_2026_02.csv"
    )


def test_partial_downloads_and_lock_files_are_not_exports(exports: Path) -> None:
    cursor = tick(exports, None).cursor
    write(exports, "gl_journal_lines_2026_03.csv.part", "head", modified=time.time())
    write(exports, "~$Journal.xlsx", "lock", modified=time.time())
    write(exports, ".sync-state", "x", modified=time.time())
    assert isinstance(tick(exports, cursor), SkipReason)


def test_the_daily_schedule_lands_the_exports_and_asks_for_the_open_period() -> None:
    assert daily_reconciliation_schedule.cron_schedule == "0 6 * * *"
    assert daily_reconciliation_schedule.execution_timezone == "UTC"
    assert daily_reconciliation_schedule.job_name == "land_exports"
    [request] = daily_reconciliation_schedule.evaluate_tick(build_schedule_context()).run_requests
    assert isinstance(request, RunRequest)
    # changed_periods reads the tag: it adds the open period to the periods the landing changed.
    assert request.tags[REBUILD_OPEN_PERIOD_TAG] == "true"
