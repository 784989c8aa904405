"""What the exports folder holds, as the new-exports sensor compares it between ticks.

A file counts by its size and modification time: hashing every file on every tick would read
gigabytes a minute. A file modified within the settle time may still be being written (an
SFTP drop, a sync client): while any file is that fresh, the folder is not ready to read.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

# Names a copy in progress carries; they never count as exports.
PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".filepart")

FileSignature = tuple[int, int]  # size in bytes, modification time in nanoseconds


@dataclass(frozen=True)
class FolderState:
    """The folder's export files by name, and those too fresh to read yet."""

    files: dict[str, FileSignature]
    still_written: list[str]

    def changed_since(self, previous: dict[str, FileSignature]) -> list[str]:
        """Files added, changed or removed since the previous state, by name."""
        names = set(self.files) | set(previous)
        return sorted(name for name in names if self.files.get(name) != previous.get(name))

    def cursor(self) -> str:
        """The state as the sensor's cursor (JSON)."""
        return json.dumps(self.files, sort_keys=True)

    def digest(self) -> str:
        """A short key of the state: the run key, so one folder state starts one run."""
        return hashlib.sha256(self.cursor().encode()).hexdigest()[:16]


def parse_cursor(cursor: str | None) -> dict[str, FileSignature]:
    """The state a cursor recorded; none before the first run."""
    return {name: (size, mtime) for name, (size, mtime) in json.loads(cursor or "{}").items()}


def is_export_candidate(path: Path) -> bool:
    """A regular file that is not hidden, an editor's lock file or a partial download."""
    name = path.name
    return (
        path.is_file()
        and not name.startswith((".", "~$"))
        and not name.lower().endswith(PARTIAL_SUFFIXES)
    )


def folder_state(exports_dir: Path, now_ns: int, settle_seconds: int) -> FolderState:
    """Every export candidate's signature, and which of them changed within the settle time."""
    files: dict[str, FileSignature] = {}
    still_written = []
    for path in sorted(exports_dir.iterdir()):
        if not is_export_candidate(path):
            continue
        stat = path.stat()
        files[path.name] = (stat.st_size, stat.st_mtime_ns)
        if now_ns - stat.st_mtime_ns < settle_seconds * 1_000_000_000:
            still_written.append(path.name)
    return FolderState(files, still_written)
