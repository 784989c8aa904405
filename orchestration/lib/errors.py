"""The errors that stop a run: unusable input (the CLI exits 2) and a busy warehouse (1)."""

from __future__ import annotations


class UnusableInputError(Exception):
    """An export or configuration file that cannot be read; the message names file, line, column."""

    def __init__(self, file: str, line: int | None, column: str | None, reason: str) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        where = file + (f", line {line}" if line is not None else "")
        where += f", column {column}" if column else ""
        super().__init__(f"{where}: {reason}")


class WarehouseBusyError(Exception):
    """Another run held the warehouse for longer than this run would wait (the CLI exits 1)."""

    def __init__(self, location: str, holder: str, timeout_seconds: float) -> None:
        self.location = location
        self.holder = holder
        super().__init__(
            f"another run holds the warehouse {location} ({holder}); gave up after waiting "
            f"{timeout_seconds:g} s (COGS_RECON_LOCK_TIMEOUT_SECONDS)"
        )
