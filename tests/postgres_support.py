"""A throwaway PostgreSQL database on the local server (127.0.0.1:5432, user postgres, trust)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

POSTGRES_HOST = "127.0.0.1"
POSTGRES_PORT = 5432
POSTGRES_USER = "postgres"
ADMIN_URL = f"postgresql://{POSTGRES_USER}@{POSTGRES_HOST}:{POSTGRES_PORT}/postgres"


@contextmanager
def fresh_postgres_database(prefix: str) -> Iterator[str]:
    """Create a uniquely named database, yield its name, drop it (and its sessions) after."""
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL at {POSTGRES_HOST}:{POSTGRES_PORT}: {error}")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'create database "{name}"')
        try:
            yield name
        finally:
            admin.execute(f'drop database if exists "{name}" with (force)')


def postgres_url(database: str) -> str:
    """The URL of a database on the local server."""
    return f"postgresql://{POSTGRES_USER}@{POSTGRES_HOST}:{POSTGRES_PORT}/{database}"
