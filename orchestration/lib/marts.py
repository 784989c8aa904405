"""Reads the warehouse's marts."""

from __future__ import annotations

from datetime import date

from orchestration.lib.warehouse import WarehouseConnection


def reconciled_periods(con: WarehouseConnection, entity: str | None) -> list[date]:
    """The periods fct_cogs_reconciliation holds, for one entity or all of them."""
    rows = con.records(
        "select distinct period_start from marts.fct_cogs_reconciliation "
        "where $entity is null or entity = $entity order by period_start",
        {"entity": entity},
    )
    return [row["period_start"] for row in rows]
