"""Writes every mart as a file BI tools read (Parquet or CSV), from either engine.

Both engines are read as Arrow record batches with the same types (money as decimal128(18, 2),
never float), so a mart exported from DuckDB and from PostgreSQL gives the same file contents.
Batches stream: a large mart is never held in memory whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from orchestration.lib.warehouse import WarehouseConnection

EXPORT_FORMATS = ("parquet", "csv")
MARTS_SCHEMA = "marts"
BATCH_ROWS = 100_000

# information_schema.data_type on PostgreSQL -> Arrow, for the types the marts use.
POSTGRES_ARROW_TYPES = {
    "character varying": pa.string(),
    "text": pa.string(),
    "date": pa.date32(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "boolean": pa.bool_(),
    "timestamp without time zone": pa.timestamp("us"),
}


@dataclass(frozen=True)
class ExportedMart:
    """One file written: the mart, where it went and how many rows it holds."""

    mart: str
    path: Path
    rows: int


def mart_names(con: WarehouseConnection) -> list[str]:
    """Every table in the marts schema, by name."""
    rows = con.records(
        "select table_name from information_schema.tables "
        "where table_schema = $schema order by table_name",
        {"schema": MARTS_SCHEMA},
    )
    return [row["table_name"] for row in rows]


def postgres_schema(con: WarehouseConnection, mart: str) -> pa.Schema:
    """The mart's Arrow schema from PostgreSQL's catalog: numeric(p, s) -> decimal128(p, s)."""
    columns = con.records(
        "select column_name, data_type, numeric_precision, numeric_scale "
        "from information_schema.columns where table_schema = $schema and table_name = $mart "
        "order by ordinal_position",
        {"schema": MARTS_SCHEMA, "mart": mart},
    )
    fields = []
    for column in columns:
        if column["data_type"] == "numeric":
            if column["numeric_scale"] is None:
                raise TypeError(f"{mart}.{column['column_name']} is numeric without a scale")
            arrow_type = pa.decimal128(column["numeric_precision"], column["numeric_scale"])
        else:
            arrow_type = POSTGRES_ARROW_TYPES[column["data_type"]]
        fields.append(pa.field(column["column_name"], arrow_type))
    return pa.schema(fields)


def read_mart(con: WarehouseConnection, mart: str) -> pa.RecordBatchReader:
    """The mart's rows as Arrow batches, ordered by every column so exports are repeatable."""
    if con.dialect == "duckdb":
        return con.raw.sql(f"select * from {MARTS_SCHEMA}.{mart} order by all").to_arrow_reader(
            BATCH_ROWS
        )
    schema = postgres_schema(con, mart)
    # Text in byte order ("C"), as DuckDB sorts it, whatever the database's collation.
    order = ", ".join(
        f'"{field.name}"' + (' collate "C"' if field.type == pa.string() else "")
        for field in schema
    )

    def batches() -> Iterator[pa.RecordBatch]:
        # A named cursor is server-side (it needs a transaction): rows arrive in batches.
        with con.raw.transaction(), con.raw.cursor(name=f"export_{mart}") as cursor:
            cursor.execute(f"select * from {MARTS_SCHEMA}.{mart} order by {order}")
            while rows := cursor.fetchmany(BATCH_ROWS):
                columns = zip(*rows, strict=True)
                yield pa.RecordBatch.from_arrays(
                    [
                        pa.array(values, field.type)
                        for values, field in zip(columns, schema, strict=True)
                    ],
                    schema=schema,
                )

    return pa.RecordBatchReader.from_batches(schema, batches())


def write_batches(reader: pa.RecordBatchReader, export_format: str, path: Path) -> int:
    """Stream the batches into one file; returns the row count."""
    rows = 0
    writer_type = pq.ParquetWriter if export_format == "parquet" else pa_csv.CSVWriter
    with writer_type(path, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows


def export_marts(con: WarehouseConnection, export_format: str, out_dir: Path) -> list[ExportedMart]:
    """Every mart as `<out_dir>/<mart>.<format>`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    exported = []
    for mart in mart_names(con):
        path = out_dir / f"{mart}.{export_format}"
        exported.append(
            ExportedMart(mart, path, write_batches(read_mart(con, mart), export_format, path))
        )
    return exported
