"""Bulk-load one export CSV into its raw table, by each engine's own CSV reader.

Both loaders take every column as text, number each record by its line in the file, and refuse
a file the reader cannot split, naming the line. DuckDB reads the file with `read_csv`;
PostgreSQL receives it through `COPY ... FROM STDIN` (psycopg), so the server needs no access
to the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb
import psycopg

from orchestration.lib.errors import UnusableInputError
from orchestration.lib.sources import ExportSource
from orchestration.lib.warehouse import Dialect, WarehouseConnection, quote_identifier

CsvLoader = Callable[[WarehouseConnection, ExportSource, list[str], Path, datetime], int]
_COPY_LINE = re.compile(r"line (\d+)")


def _select_list(source: ExportSource, header: list[str], column_of: Callable[[int], str]) -> str:
    """The source's columns from the file's positions; a missing optional column is null."""
    return ", ".join(
        f"{column_of(header.index(column))} as {quote_identifier(column)}"
        if column in header
        else f"null as {quote_identifier(column)}"
        for column in source.columns
    )


def load_csv_duckdb(
    con: WarehouseConnection,
    source: ExportSource,
    header: list[str],
    path: Path,
    loaded_at: datetime,
) -> int:
    """DuckDB's reader, strict: a row it cannot split lands in reject_errors and fails the file."""
    positional = "{" + ", ".join(f"'c{index}': 'VARCHAR'" for index in range(len(header))) + "}"
    con.execute("drop table if exists reject_errors")
    con.execute("drop table if exists reject_scans")
    # No sniffing: the header fixes the columns. parallel=false keeps the scan in file order,
    # so row_number() + 1 is the record's line.
    try:
        inserted = con.execute(
            f"insert into {source.raw_table} "
            f"select {_select_list(source, header, lambda index: f'c{index}')}, "
            "$file_name, row_number() over () + 1, $loaded_at "
            f"from read_csv($path, header = true, auto_detect = false, columns = {positional}, "
            "delim = ',', quote = '\"', escape = '\"', parallel = false, store_rejects = true)",
            {"path": str(path), "file_name": path.name, "loaded_at": loaded_at},
        ).fetchone()
    except duckdb.Error as error:
        raise UnusableInputError(path.name, None, None, str(error).splitlines()[0]) from error
    bad_row = con.execute(
        "select line, column_name, error_message from reject_errors order by line limit 1"
    ).fetchone()
    if bad_row is not None:
        line, column_index, message = bad_row
        column = header[int(column_index[1:])] if column_index else None
        raise UnusableInputError(path.name, int(line), column, message)
    return int(inserted[0]) if inserted else 0


def load_csv_postgres(
    con: WarehouseConnection,
    source: ExportSource,
    header: list[str],
    path: Path,
    loaded_at: datetime,
) -> int:
    """COPY into a numbered scratch table, then one insert: the file streams, rows never reach
    Python. FORCE_NULL makes a quoted empty field null, as DuckDB's reader does."""
    columns = [f"c{index}" for index in range(len(header))]
    con.execute(
        "create temporary table landing_rows (line bigint generated always as identity "
        f"(start with 2), {', '.join(f'{column} text' for column in columns)}) on commit drop"
    )
    copy = (
        f"copy landing_rows ({', '.join(columns)}) from stdin "
        f"(format csv, header true, force_null ({', '.join(columns)}))"
    )
    try:
        with con.raw.cursor().copy(copy) as stream, path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                stream.write(block)
    except psycopg.Error as error:
        found = _COPY_LINE.search(error.diag.context or "")
        line = int(found.group(1)) if found else None
        raise UnusableInputError(path.name, line, None, error.diag.message_primary) from error
    cursor = con.execute(
        f"insert into {source.raw_table} "
        f"select {_select_list(source, header, lambda index: f'c{index}')}, "
        "$file_name, line, $loaded_at from landing_rows order by line",
        {"file_name": path.name, "loaded_at": loaded_at},
    )
    inserted = cursor.rowcount
    con.execute("drop table landing_rows")
    return int(inserted)


CSV_LOADERS: dict[Dialect, CsvLoader] = {"duckdb": load_csv_duckdb, "postgres": load_csv_postgres}
