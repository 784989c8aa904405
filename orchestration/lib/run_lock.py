"""One writer at a time: an exclusive lock on the warehouse, held by a run from start to end.

DuckDB refuses a second writing process outright ("Could not set lock") and two runs on
PostgreSQL would interleave their dbt builds, so a run waits for the lock, up to a timeout,
before it writes anything. DuckDB: `flock` on `<warehouse file>.lock`, which names its holder.
PostgreSQL: a session-level advisory lock on a connection of its own.

The lock is re-entrant within a process: a run's resources each hold it (the warehouse, and dbt
through it), and `flock` on a second open file would wait for the first forever.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import psycopg

from orchestration.lib.errors import WarehouseBusyError
from orchestration.lib.warehouse import dialect_of, display_location

LOCK_TIMEOUT_ENV_VAR = "COGS_RECON_LOCK_TIMEOUT_SECONDS"
DEFAULT_LOCK_TIMEOUT_SECONDS = 900
POLL_SECONDS = 0.5
# pg_advisory_lock's bigint key: the same for every cogs-recon process, and per database.
ADVISORY_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"cogs-recon warehouse").digest()[:8], "big", signed=True
)

# Locations this process holds, with how many holders in it share each.
_held: dict[str, int] = {}
_held_guard = threading.Lock()


def lock_timeout_from_environment() -> int:
    """How long a run waits for the warehouse, in whole seconds:
    COGS_RECON_LOCK_TIMEOUT_SECONDS, else 15 minutes."""
    return int(os.environ.get(LOCK_TIMEOUT_ENV_VAR, DEFAULT_LOCK_TIMEOUT_SECONDS))


def lock_file_of(location: str) -> Path:
    """The sidecar file DuckDB warehouses are locked by."""
    return Path(f"{location}.lock")


@contextmanager
def warehouse_write_lock(
    location: str, timeout_seconds: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the warehouse exclusively; raise WarehouseBusyError after waiting timeout_seconds.

    `on_wait` hears once, when the lock is not free at first, who holds it.
    """
    key = location if dialect_of(location) == "postgres" else str(Path(location).resolve())
    with _held_guard:
        reentered = key in _held
        if reentered:
            _held[key] += 1
    if reentered:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    hold = _postgres_lock if dialect_of(location) == "postgres" else _duckdb_lock
    with hold(key, timeout_seconds, on_wait):
        with _held_guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _held_guard:
                del _held[key]


@contextmanager
def _duckdb_lock(
    location: str, timeout_seconds: float, on_wait: Callable[[str], None] | None
) -> Iterator[None]:
    """flock on the sidecar file; the holder writes its pid and start time into it."""
    path = lock_file_of(location)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _wait_for(
            lambda: _try_flock(descriptor),
            lambda: _holder_of(path),
            location,
            timeout_seconds,
            on_wait,
        )
        os.ftruncate(descriptor, 0)
        started = datetime.now().astimezone().isoformat(timespec="seconds")
        os.pwrite(descriptor, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        yield
    finally:
        # Closing the file releases the lock; the file stays, so no one locks a deleted one.
        os.close(descriptor)


def _try_flock(descriptor: int) -> bool:
    """Take the lock if it is free, without waiting."""
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder_of(path: Path) -> str:
    """What the holder wrote into the lock file, for the message."""
    written = path.read_text(encoding="utf-8").strip()
    return written or "holder not known yet"


@contextmanager
def _postgres_lock(
    location: str, timeout_seconds: float, on_wait: Callable[[str], None] | None
) -> Iterator[None]:
    """A session-level advisory lock: released when this connection closes, however it ends."""
    with psycopg.connect(location, autocommit=True) as raw:
        try_lock = "select pg_try_advisory_lock(%s)"
        _wait_for(
            lambda: raw.execute(try_lock, (ADVISORY_LOCK_KEY,)).fetchone()[0],
            lambda: _advisory_holder(raw),
            location,
            timeout_seconds,
            on_wait,
        )
        yield


def _advisory_holder(raw: psycopg.Connection) -> str:
    """The server process holding the advisory lock in this database, for the message."""
    row = raw.execute(
        "select a.pid, a.client_addr, a.backend_start from pg_locks as l "
        "join pg_stat_activity as a on a.pid = l.pid "
        "where l.locktype = 'advisory' and l.granted and l.objsubid = 1 "
        "and l.classid = %s and l.objid = %s "
        "and l.database = (select oid from pg_database where datname = current_database())",
        ((ADVISORY_LOCK_KEY >> 32) & 0xFFFFFFFF, ADVISORY_LOCK_KEY & 0xFFFFFFFF),
    ).fetchone()
    if row is None:
        return "holder not known"
    pid, client, started = row
    since = f", connected {started:%Y-%m-%d %H:%M:%S%z}" if started else ""
    return f"server pid {pid} from {client or 'a local socket'}{since}"


def _wait_for(
    acquire: Callable[[], bool],
    holder: Callable[[], str],
    location: str,
    timeout_seconds: float,
    on_wait: Callable[[str], None] | None,
) -> None:
    """Poll `acquire` until it succeeds or timeout_seconds have passed."""
    if acquire():
        return
    if on_wait is not None:
        on_wait(
            f"waiting up to {timeout_seconds:g} s for the warehouse "
            f"{display_location(location)}: another run holds it ({holder()})"
        )
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        if acquire():
            return
    raise WarehouseBusyError(display_location(location), holder(), timeout_seconds)
