"""The periods the dbt assets are partitioned by, and what a run of some of them rebuilds.

One partition per fiscal month: periods start on day COGS_RECON_PERIOD_START_DAY of each month
(1, calendar months, by default; dbt's macros/period_start.sql reads the same variable), from
the period starting in COGS_RECON_FIRST_PERIOD through the open one. Both are read when the
code location loads. The first partition also holds every earlier period and the last every
later one, so no dated row falls outside all partitions.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from dagster import MonthlyPartitionsDefinition, TimeWindow
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
)

PERIOD_START_DAY_ENV_VAR = "COGS_RECON_PERIOD_START_DAY"
# Metadata each landing asset reports, and what decides the periods to rebuild after it.
AFFECTED_PERIODS = "affected_periods"
AFFECTS_EVERY_PERIOD = "affects_every_period"


def period_start_day() -> int:
    """The day of the month periods start on, 1 to 28 (every month has it)."""
    text = os.environ.get(PERIOD_START_DAY_ENV_VAR, "1")
    if not text.isdigit() or not 1 <= int(text) <= 28:
        raise ValueError(f"{PERIOD_START_DAY_ENV_VAR} must be a day from 1 to 28, not {text!r}")
    return int(text)


def period_start_of(day: date, start_day: int) -> date:
    """The first day of the period holding a date."""
    if day.day >= start_day:
        return day.replace(day=start_day)
    return (day.replace(day=1) - timedelta(days=1)).replace(day=start_day)


PERIOD_START_DAY = period_start_day()
FIRST_PERIOD = os.environ.get("COGS_RECON_FIRST_PERIOD", "2020-01")

# end_offset=1: the open period is a partition too, the one the daily run rebuilds.
fiscal_periods = MonthlyPartitionsDefinition(
    start_date=f"{FIRST_PERIOD}-{PERIOD_START_DAY:02d}", day_offset=PERIOD_START_DAY, end_offset=1
)


def period_window_vars(
    window: TimeWindow, partitions: MonthlyPartitionsDefinition, now: datetime | None = None
) -> dict[str, str]:
    """The dbt vars of macros/period_window.sql for a run's time window: a side that reaches
    the first or the last partition is left out, i.e. unbounded."""
    keys = partitions.get_partition_keys(current_time=now)
    window_vars = {}
    if keys and window.start > partitions.time_window_for_partition_key(keys[0]).start:
        window_vars["period_window_start"] = window.start.date().isoformat()
    if keys and window.end < partitions.time_window_for_partition_key(keys[-1]).end:
        window_vars["period_window_end"] = window.end.date().isoformat()
    return window_vars


def period_partition_keys(
    dates: Iterable[date], partitions: MonthlyPartitionsDefinition, now: datetime | None = None
) -> list[str]:
    """The partitions whose periods hold these dates, a date before the first partition (or
    after the last) counted in the first (the last)."""
    keys = partitions.get_partition_keys(current_time=now)
    if not keys:
        return []
    start_day = partitions.day_offset
    held = {
        min(max(period_start_of(day, start_day).isoformat(), keys[0]), keys[-1]) for day in dates
    }
    return sorted(held)


def partition_key_ranges(keys: Iterable[str], all_keys: list[str]) -> list[tuple[str, str]]:
    """Runs of consecutive partitions, first and last key of each: one run rebuilds a run of
    periods in one dbt build."""
    positions = sorted({all_keys.index(key) for key in keys})
    ranges: list[tuple[str, str]] = []
    for position in positions:
        if ranges and all_keys.index(ranges[-1][1]) == position - 1:
            ranges[-1] = (ranges[-1][0], all_keys[position])
        else:
            ranges.append((all_keys[position], all_keys[position]))
    return ranges


def periods_to_rebuild(
    landed: Iterable[Mapping[str, object]], all_keys: list[str], rebuild_open_period: bool
) -> list[str]:
    """From the metadata of a landing's materializations: the partitions to rebuild."""
    landed = list(landed)
    if any(metadata.get(AFFECTS_EVERY_PERIOD) for metadata in landed):
        return list(all_keys)
    keys = {key for metadata in landed for key in metadata.get(AFFECTED_PERIODS) or []}
    if rebuild_open_period and all_keys:
        keys.add(all_keys[-1])
    return sorted(keys)


def partition_range_tags(first: str, last: str) -> dict[str, str]:
    """The tags of one run over the partitions from first to last (a single-run backfill)."""
    return {ASSET_PARTITION_RANGE_START_TAG: first, ASSET_PARTITION_RANGE_END_TAG: last}
