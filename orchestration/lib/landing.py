"""Lands export files in the warehouse's raw schema as text, with file, line and load time.

Set-based: the engine's own CSV reader does the rows (csv_loaders); Python only compares file
fingerprints, so a file already landed with the same content is skipped and a rerun changes
nothing.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from orchestration.lib.csv_loaders import CSV_LOADERS
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.sources import ExportSource
from orchestration.lib.warehouse import WarehouseConnection

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


def ensure_raw_tables(con: WarehouseConnection, source: ExportSource) -> None:
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


def land_source(
    con: WarehouseConnection, source: ExportSource, exports_dir: Path
) -> LandingSummary:
    """Make the raw table hold exactly the rows of the source's files now in the folder."""
    ensure_raw_tables(con, source)
    files = source.files_in(exports_dir)
    landed = dict(
        con.execute(
            f"select file_name, sha256 from {MANIFEST_TABLE} where export_source = $source",
            {"source": source.name},
        ).fetchall()
    )
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    fingerprints = {path.name: file_fingerprint(path) for path in files}
    changed = [path for path in files if landed.get(path.name) != fingerprints[path.name]]
    removed = sorted(set(landed) - set(fingerprints))

    load_csv = CSV_LOADERS[con.dialect]
    with con.transaction():
        for file_name in removed + [path.name for path in changed]:
            con.execute(
                f"delete from {source.raw_table} where _source_file = $file_name",
                {"file_name": file_name},
            )
            con.execute(
                f"delete from {MANIFEST_TABLE} "
                "where export_source = $source and file_name = $file_name",
                {"source": source.name, "file_name": file_name},
            )
        for path in changed:
            row_count = load_csv(con, source, read_header(path, source), path, loaded_at)
            con.execute(
                f"insert into {MANIFEST_TABLE} "
                "values ($source, $file_name, $sha256, $row_count, $loaded_at)",
                {
                    "source": source.name,
                    "file_name": path.name,
                    "sha256": fingerprints[path.name],
                    "row_count": row_count,
                    "loaded_at": loaded_at,
                },
            )

    (rows_in_raw_table,) = con.execute(f"select count(*) from {source.raw_table}").fetchone()
    return LandingSummary(
        files_in_folder=[path.name for path in files],
        files_loaded=[path.name for path in changed],
        files_removed=removed,
        rows_in_raw_table=int(rows_in_raw_table),
    )
