"""Lands export files in the warehouse's raw schema as text, with file, line and load time.

Canonical CSVs are set-based: the engine's own CSV reader does the rows (csv_loaders). Real
report files (QuickBooks reports, ...) go through their layout's adapter (adapters/), in
batches. Both kinds share one path here: file fingerprints, so a file already landed with the
same content is skipped and a rerun changes nothing, changed and removed files, and one
transaction per source.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from orchestration.lib.adapters.detect import ReportFile, report_files
from orchestration.lib.adapters.loading import chart_of, land_report_file
from orchestration.lib.config import ExportRule
from orchestration.lib.csv_loaders import CSV_LOADERS
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.sources import GL_ACCOUNTS, ExportSource
from orchestration.lib.warehouse import WarehouseConnection

MANIFEST_TABLE = "raw.export_files"
# Dates as landed in canonical form; any other text is a rejected row that has no period.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The raw rows of one export file; a workbook's rows carry `file#sheet`.
_ROWS_OF_FILE = "(_source_file = $file_name or starts_with(_source_file, $sheet_prefix))"


@dataclass(frozen=True)
class LandingSummary:
    """What one source's landing did, for the asset's metadata."""

    files_in_folder: list[str]
    files_loaded: list[str]
    files_removed: list[str]
    rows_in_raw_table: int
    reports_loaded: dict[str, dict[str, object]] = field(default_factory=dict)
    # The distinct dates (source.period_column) of the rows removed and of the rows added.
    changed_dates: list[date] = field(default_factory=list)


@dataclass(frozen=True)
class _ExportFile:
    """A file to land: its fingerprint and how to insert its rows (count, report metadata)."""

    name: str
    sha256: str
    load: Callable[[datetime], tuple[int, dict[str, object] | None]]


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


def _canonical_file(con: WarehouseConnection, source: ExportSource, path: Path) -> _ExportFile:
    def load(loaded_at: datetime) -> tuple[int, None]:
        header = read_header(path, source)
        return CSV_LOADERS[con.dialect](con, source, header, path, loaded_at), None

    return _ExportFile(path.name, file_fingerprint(path), load)


def _report_file(con: WarehouseConnection, report: ReportFile) -> _ExportFile:
    """A report's rows depend on more than its bytes: its layout (a mapping's configuration
    included), entity and date formats (cogs_recon.yml) and, when it names accounts, the
    chart. All are in its fingerprint, so a change to any of them reloads the file."""
    chart: list[tuple[str, str, str | None]] = []
    if report.layout.uses_chart:
        ensure_raw_tables(con, GL_ACCOUNTS)
        chart = chart_of(con, report.entity)
    settings = [
        report.layout.name,
        report.layout.settings,
        report.entity or "",
        *report.date_formats,
    ]
    fingerprint = hashlib.sha256(
        repr([file_fingerprint(report.path), settings, chart]).encode()
    ).hexdigest()

    def load(loaded_at: datetime) -> tuple[int, dict[str, object]]:
        row_count, info = land_report_file(con, report, chart, loaded_at)
        return row_count, info.as_metadata()

    return _ExportFile(report.path.name, fingerprint, load)


def land_source(
    con: WarehouseConnection,
    source: ExportSource,
    exports_dir: Path,
    rules: Sequence[ExportRule] = (),
) -> LandingSummary:
    """Make the raw table hold exactly the rows of the source's files now in the folder:
    its canonical CSVs and the report files whose layout feeds it."""
    ensure_raw_tables(con, source)
    files = sorted(
        [_canonical_file(con, source, path) for path in source.files_in(exports_dir)]
        + [
            _report_file(con, report)
            for report in report_files(exports_dir, rules)
            if report.layout.source == source
        ],
        key=lambda file: file.name,
    )
    landed = dict(
        con.execute(
            f"select file_name, sha256 from {MANIFEST_TABLE} where export_source = $source",
            {"source": source.name},
        ).fetchall()
    )
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    changed = [file for file in files if landed.get(file.name) != file.sha256]
    removed = sorted(set(landed) - {file.name for file in files})
    reports_loaded: dict[str, dict[str, object]] = {}

    changed_names = removed + [file.name for file in changed]
    with con.transaction():
        changed_dates = _dates_in_files(con, source, changed_names)
        for file_name in changed_names:
            con.execute(
                f"delete from {source.raw_table} where {_ROWS_OF_FILE}",
                {"file_name": file_name, "sheet_prefix": f"{file_name}#"},
            )
            con.execute(
                f"delete from {MANIFEST_TABLE} "
                "where export_source = $source and file_name = $file_name",
                {"source": source.name, "file_name": file_name},
            )
        for file in changed:
            row_count, report = file.load(loaded_at)
            if report is not None:
                reports_loaded[file.name] = report
            con.execute(
                f"insert into {MANIFEST_TABLE} "
                "values ($source, $file_name, $sha256, $row_count, $loaded_at)",
                {
                    "source": source.name,
                    "file_name": file.name,
                    "sha256": file.sha256,
                    "row_count": row_count,
                    "loaded_at": loaded_at,
                },
            )
        changed_dates |= _dates_in_files(con, source, [file.name for file in changed])

    (rows_in_raw_table,) = con.execute(f"select count(*) from {source.raw_table}").fetchone()
    return LandingSummary(
        files_in_folder=[file.name for file in files],
        files_loaded=[file.name for file in changed],
        files_removed=removed,
        rows_in_raw_table=int(rows_in_raw_table),
        reports_loaded=reports_loaded,
        changed_dates=sorted(changed_dates),
    )


def _dates_in_files(
    con: WarehouseConnection, source: ExportSource, file_names: Sequence[str]
) -> set[date]:
    """The periods a change of these files touches: the distinct dates of their rows and of
    every row, in any file, of the same transactions (a later file re-dating a transaction
    moves it out of the period an older file put it in). One query per file, so no row passes
    through Python."""
    if source.period_column is None:
        return set()
    column, table = f'"{source.period_column}"', source.raw_table
    transaction = "coalesce(nullif(trim(entity), ''), 'default'), trim(transaction_id)"
    dates: set[date] = set()
    for file_name in file_names:
        texts = con.execute(
            f"select trim({column}) from {table} where {_ROWS_OF_FILE} "
            f"union select trim(rows.{column}) from {table} as rows "
            f"inner join (select distinct {transaction} from {table} where {_ROWS_OF_FILE}) "
            "as changed (entity_key, transaction_key) "
            "on coalesce(nullif(trim(rows.entity), ''), 'default') = changed.entity_key "
            "and trim(rows.transaction_id) = changed.transaction_key",
            {"file_name": file_name, "sheet_prefix": f"{file_name}#"},
        ).fetchall()
        dates |= {day for (text,) in texts if (day := _date_of(text)) is not None}
    return dates


def _date_of(text: str | None) -> date | None:
    """A canonical `YYYY-MM-DD` text as its date; None for anything the models reject."""
    if text is None or not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
