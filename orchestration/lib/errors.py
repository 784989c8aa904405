"""The error a run raises when its input cannot be used at all (the CLI exits 2 on it)."""

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
