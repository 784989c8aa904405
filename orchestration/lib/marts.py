"""Reads the warehouse's marts: rows as dicts, amounts as the Decimal DuckDB returns."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import duckdb


def records(
    con: duckdb.DuckDBPyConnection, query: str, parameters: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Rows as dicts; DuckDB returns DECIMAL as Decimal, so amounts stay exact."""
    cursor = con.execute(query, parameters) if parameters else con.execute(query)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def reconciled_periods(con: duckdb.DuckDBPyConnection, entity: str | None) -> list[date]:
    """The periods fct_cogs_reconciliation holds, for one entity or all of them."""
    rows = records(
        con,
        "select distinct period_start from marts.fct_cogs_reconciliation "
        "where $entity is null or entity = $entity order by period_start",
        {"entity": entity},
    )
    return [row["period_start"] for row in rows]
