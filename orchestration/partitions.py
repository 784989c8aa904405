"""The periods the dbt assets are partitioned by, and what a run of some of them rebuilds.

One partition per calendar month from COGS_RECON_FIRST_PERIOD (read when the code location
loads) through the open month. The first partition also holds every earlier period and the
last every later one, so no dated row falls outside all partitions.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime

from dagster import MonthlyPartitionsDefinition, TimeWindow

FIRST_PERIOD = os.environ.get("COGS_RECON_FIRST_PERIOD", "2020-01")

# end_offset=1: the open month is a partition too, the one the daily run rebuilds.
fiscal_periods = MonthlyPartitionsDefinition(start_date=f"{FIRST_PERIOD}-01", end_offset=1)


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
    held = {min(max(day.replace(day=1).isoformat(), keys[0]), keys[-1]) for day in dates}
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
