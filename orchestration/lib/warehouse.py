"""The warehouse, named by one string: an embedded DuckDB file or a PostgreSQL URL.

`connect` gives the same few verbs on both engines, so the code that lands exports and reads
marts is written once. Queries name their parameters `$name` (DuckDB's style); on PostgreSQL
they become psycopg's `%(name)s`. Amounts come back as `Decimal` from both engines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import duckdb
import psycopg

Dialect = Literal["duckdb", "postgres"]
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_NAMED_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_URL_PASSWORD = re.compile(r"^(\w+://[^:@/]*):[^@/]*@")


def dialect_of(location: str | Path) -> Dialect:
    """`postgres` for a postgresql:// URL, `duckdb` for anything else (a file path)."""
    return "postgres" if str(location).startswith(POSTGRES_SCHEMES) else "duckdb"


def display_location(location: str) -> str:
    """The location with any password in the URL masked, for logs and messages."""
    return _URL_PASSWORD.sub(r"\1:***@", location)


class WarehouseConnection:
    """One open connection to either engine."""

    def __init__(self, raw: duckdb.DuckDBPyConnection | psycopg.Connection, dialect: Dialect):
        self.raw = raw
        self.dialect: Dialect = dialect

    def execute(self, sql: str, parameters: Mapping[str, Any] | None = None) -> Any:
        """Run one statement; the cursor answers fetchone, fetchall and description."""
        if self.dialect == "duckdb":
            return self.raw.execute(sql, parameters) if parameters else self.raw.execute(sql)
        if parameters is None:
            return self.raw.execute(sql)
        return self.raw.execute(
            _NAMED_PARAMETER.sub(r"%(\1)s", sql.replace("%", "%%")), dict(parameters)
        )

    def records(self, sql: str, parameters: Mapping[str, Any] | None = None) -> list[dict]:
        """Rows as dicts keyed by column name."""
        cursor = self.execute(sql, parameters)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, parameters: Mapping[str, Any] | None = None) -> Any:
        """The first column of the first row."""
        return self.execute(sql, parameters).fetchone()[0]

    def table_exists(self, schema: str, table: str) -> bool:
        """Whether schema.table exists (information_schema is common to both engines)."""
        return bool(
            self.scalar(
                "select count(*) from information_schema.tables "
                "where table_schema = $schema and table_name = $table",
                {"schema": schema, "table": table},
            )
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a failure inside rolls every statement back."""
        self.execute("begin transaction")
        try:
            yield
        except BaseException:
            self.execute("rollback")
            raise
        self.execute("commit")


@contextmanager
def connect(location: str | Path, read_only: bool = False) -> Iterator[WarehouseConnection]:
    """A connection closed on exit (DuckDB allows one writing process: dbt opens it next)."""
    location = str(location)
    if dialect_of(location) == "postgres":
        # autocommit: statements outside `transaction()` stand alone, as they do in DuckDB.
        # Client-side binding lets a parameter's type come from its use (`$entity is null`).
        with psycopg.connect(location, autocommit=True, cursor_factory=psycopg.ClientCursor) as raw:
            if read_only:
                raw.execute("set session characteristics as transaction read only")
            yield WarehouseConnection(raw, "postgres")
        return
    Path(location).parent.mkdir(parents=True, exist_ok=True)
    raw = duckdb.connect(location, read_only=read_only)
    try:
        yield WarehouseConnection(raw, "duckdb")
    finally:
        raw.close()


def quote_identifier(identifier: str) -> str:
    """An identifier quoted for both engines."""
    return '"' + identifier.replace('"', '""') + '"'
