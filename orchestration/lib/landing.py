"""Lands export files in the warehouse's raw schema as text, with file, line and load time.

Set-based: DuckDB's CSV reader does the rows; Python only compares file fingerprints, so a
file already landed with the same content is skipped and a rerun changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from orchestration.lib.errors import UnusableInputError
from orchestration.lib.sources import ExportSource

MANIFEST_TABLE = "raw.export_files"


@dataclass(frozen=True)
class LandingSummary:
    """What one source's landing did, for the asset's metadata."""

    files_in_folder: list[str]
    files_loaded: list[str]
    files_removed: list[str]
    rows_in_raw_table: int


def file_fingerprint(path: Path) -> str:
    """SHA-256 of the file's bytes: a changed file is reloaded, an unchanged one skipped."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_header(path: Path, source: ExportSource) -> list[str]:
    """The file's column names, normalized; refuses a file that lacks a required column."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError as error:
        raise UnusableInputError(path.name, None, None, f"not UTF-8 text ({error})") from error
    if not header:
        raise UnusableInputError(path.name, 1, None, "the file is empty: a header row is required")
    columns = [name.strip().lower() for name in header]
    for required in source.required_columns:
        if required not in columns:
            raise UnusableInputError(path.name, 1, required, "required column missing from header")
    return columns


def csv_columns(header: list[str]) -> str:
    """DuckDB `columns` for the file: every column text, unknown ones renamed out of the way."""
    names = [name if name else f"unnamed_{index}" for index, name in enumerate(header, 1)]
    return (
        "{"
        + ", ".join(f"'{name.replace(chr(39), chr(39) * 2)}': 'VARCHAR'" for name in names)
        + "}"
    )


def ensure_raw_tables(con: duckdb.DuckDBPyConnection, source: ExportSource) -> None:
    """Create the raw schema, the file manifest and the source's all-text raw table."""
    con.execute("create schema if not exists raw")
    con.execute(
        f"create table if not exists {MANIFEST_TABLE} ("
        "export_source varchar, file_name varchar, sha256 varchar, row_count bigint, "
        "loaded_at timestamp, primary key (export_source, file_name))"
    )
    columns = ", ".join(f'"{column}" varchar' for column in source.columns)
    con.execute(
        f"create table if not exists {source.raw_table} ({columns}, "
        "_source_file varchar, _source_line bigint, _loaded_at timestamp)"
    )


def _insert_file(
    con: duckdb.DuckDBPyConnection, source: ExportSource, path: Path, loaded_at: datetime
) -> int:
    """Insert one file's rows; a row the CSV reader cannot split makes the file unusable."""
    header = read_header(path, source)
    select_list = ", ".join(
        f'"{column}"' if column in header else f'null as "{column}"' for column in source.columns
    )
    con.execute("drop table if exists reject_errors")
    con.execute("drop table if exists reject_scans")
    # No sniffing: the header fixes the columns. parallel=false keeps the scan in file order,
    # so row_number() + 1 is the record's line.
    try:
        inserted = con.execute(
            f"insert into {source.raw_table} "
            f"select {select_list}, $file_name, row_number() over () + 1, $loaded_at "
            f"from read_csv($path, header = true, auto_detect = false, "
            f"columns = {csv_columns(header)}, delim = ',', quote = '\"', escape = '\"', "
            "parallel = false, store_rejects = true)",
            {"path": str(path), "file_name": path.name, "loaded_at": loaded_at},
        ).fetchone()
    except duckdb.Error as error:
        raise UnusableInputError(path.name, None, None, str(error).splitlines()[0]) from error
    bad_row = con.execute(
        "select line, column_name, error_message from reject_errors order by line limit 1"
    ).fetchone()
    if bad_row is not None:
        line, column, message = bad_row
        raise UnusableInputError(path.name, int(line), column, message)
    return int(inserted[0]) if inserted else 0


def land_source(
    con: duckdb.DuckDBPyConnection, source: ExportSource, exports_dir: Path
) -> LandingSummary:
    """Make the raw table hold exactly the rows of the source's files now in the folder."""
    ensure_raw_tables(con, source)
    files = source.files_in(exports_dir)
    landed = dict(
        con.execute(
            f"select file_name, sha256 from {MANIFEST_TABLE} where export_source = ?",
            [source.name],
        ).fetchall()
    )
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    fingerprints = {path.name: file_fingerprint(path) for path in files}
    changed = [path for path in files if landed.get(path.name) != fingerprints[path.name]]
    removed = sorted(set(landed) - set(fingerprints))

    con.execute("begin transaction")
    try:
        for file_name in removed + [path.name for path in changed]:
            con.execute(f"delete from {source.raw_table} where _source_file = ?", [file_name])
            con.execute(
                f"delete from {MANIFEST_TABLE} where export_source = ? and file_name = ?",
                [source.name, file_name],
            )
        for path in changed:
            row_count = _insert_file(con, source, path, loaded_at)
            con.execute(
                f"insert into {MANIFEST_TABLE} values (?, ?, ?, ?, ?)",
                [source.name, path.name, fingerprints[path.name], row_count, loaded_at],
            )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise

    (rows_in_raw_table,) = con.execute(f"select count(*) from {source.raw_table}").fetchone()
    return LandingSummary(
        files_in_folder=[path.name for path in files],
        files_loaded=[path.name for path in changed],
        files_removed=removed,
        rows_in_raw_table=int(rows_in_raw_table),
    )
