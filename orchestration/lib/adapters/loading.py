"""Land a report file: find its header, adapt its rows, insert them set-based per batch.

The rows stream from the reader through the adapter into batches of `BATCH_ROWS`; each batch
goes in as one statement: DuckDB inserts from the batch as a registered Arrow table,
PostgreSQL receives it through `COPY ... FROM STDIN`. Landing (the manifest, the transaction,
changed and removed files) is landing.py's, the same for canonical and report files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import islice

import pyarrow as pa

from orchestration.lib.adapters.accounts import Chart
from orchestration.lib.adapters.base import AdapterInput, CanonicalRow, ReportInfo
from orchestration.lib.adapters.detect import ReportFile, find_header
from orchestration.lib.adapters.readers import file_label, open_sheets
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.sources import ExportSource
from orchestration.lib.warehouse import Dialect, WarehouseConnection

BATCH_ROWS = 10_000
LINEAGE_COLUMNS = ("_source_file", "_source_line")
BatchInserter = Callable[
    [WarehouseConnection, ExportSource, list[tuple[object, ...]], datetime], None
]


def _insert_columns(source: ExportSource) -> str:
    return ", ".join(f'"{column}"' for column in (*source.columns, *LINEAGE_COLUMNS))


def insert_batch_duckdb(
    con: WarehouseConnection, source: ExportSource, rows: list[tuple[object, ...]], at: datetime
) -> None:
    """One insert from the batch registered as an Arrow table (text columns, line as bigint)."""
    names = (*source.columns, *LINEAGE_COLUMNS)
    columns = list(zip(*rows, strict=True))
    table = pa.table(
        {
            name: pa.array(values, pa.int64() if name == "_source_line" else pa.string())
            for name, values in zip(names, columns, strict=True)
        }
    )
    con.raw.register("adapter_batch", table)
    try:
        con.execute(
            f"insert into {source.raw_table} ({_insert_columns(source)}, _loaded_at) "
            f"select {_insert_columns(source)}, $loaded_at from adapter_batch",
            {"loaded_at": at},
        )
    finally:
        con.raw.unregister("adapter_batch")


def insert_batch_postgres(
    con: WarehouseConnection, source: ExportSource, rows: list[tuple[object, ...]], at: datetime
) -> None:
    """One COPY of the batch; psycopg sends the rows in COPY's own format."""
    copy = f"copy {source.raw_table} ({_insert_columns(source)}, _loaded_at) from stdin"
    with con.raw.cursor().copy(copy) as stream:
        for row in rows:
            stream.write_row((*row, at))


BATCH_INSERTERS: dict[Dialect, BatchInserter] = {
    "duckdb": insert_batch_duckdb,
    "postgres": insert_batch_postgres,
}


def chart_of(con: WarehouseConnection, entity: str | None) -> list[tuple[str, str, str | None]]:
    """The entity's accounts as landed (raw.gl_accounts), in load order: a later row wins."""
    return con.execute(
        "select account_number, account_name, account_type from raw.gl_accounts "
        "where coalesce(nullif(trim(entity), ''), 'default') = $entity "
        "and account_number is not null and account_name is not null "
        "order by _source_file, _source_line",
        {"entity": entity or "default"},
    ).fetchall()


def _canonical_tuples(
    source: ExportSource, report: ReportFile, label: str, rows: Iterator[CanonicalRow]
) -> Iterator[tuple[object, ...]]:
    for row in rows:
        # A mapped file may carry its own entity column (or constant); the rule's is the default.
        values = {**row, "entity": row.get("entity") or report.entity, "_source_file": label}
        yield tuple(values.get(column) for column in (*source.columns, *LINEAGE_COLUMNS))


def land_report_file(
    con: WarehouseConnection,
    report: ReportFile,
    chart: list[tuple[str, str, str | None]],
    loaded_at: datetime,
) -> tuple[int, ReportInfo]:
    """Insert the file's canonical rows; (rows inserted, what the report says about itself)."""
    layout, source = report.layout, report.layout.source
    with open_sheets(report.path) as sheets:
        found = find_header(sheets, [layout])
        if found is None:
            raise UnusableInputError(
                report.path.name,
                None,
                None,
                f"no header of layout {layout.name} (columns "
                f"{', '.join(sorted(layout.required))}) in the first rows of any sheet",
            )
        label = file_label(report.path.name, found.sheet.sheet)
        info = ReportInfo(layout.name, found.sheet.sheet, found.header.line, found.title_block)
        adapted = layout.adapt(
            AdapterInput(
                file_label=label,
                header=found.header,
                rows=found.sheet.rows,
                info=info,
                date_formats=report.date_formats,
                chart=Chart(chart),
            )
        )
        rows = _canonical_tuples(source, report, label, adapted)
        inserted = 0
        while batch := list(islice(rows, BATCH_ROWS)):
            BATCH_INSERTERS[con.dialect](con, source, batch, loaded_at)
            inserted += len(batch)
    return inserted, info
