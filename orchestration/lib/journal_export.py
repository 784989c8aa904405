"""The proposed true-up as a file QuickBooks imports: Online's journal CSV or Desktop's IIF."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from typing import Any

from orchestration.lib.report import Row
from orchestration.lib.warehouse import WarehouseConnection

QBO_CSV = "qbo-csv"
IIF = "iif"
EXPORT_FORMATS = (QBO_CSV, IIF)
QBO_CSV_HEADER = (
    "JournalNo",
    "JournalDate",
    "AccountName",
    "Debits",
    "Credits",
    "Description",
    "Name",
)
IIF_FIELDS = ("TRNSTYPE", "DATE", "ACCNT", "NAME", "CLASS", "AMOUNT", "DOCNUM", "MEMO")
IIF_HEADER = (
    "\t".join(("!TRNS", "TRNSID", *IIF_FIELDS)),
    "\t".join(("!SPL", "SPLID", *IIF_FIELDS)),
    "!ENDTRNS",
)
IIF_TRANSACTION_TYPE = "GENERAL JOURNAL"
LINE_END = "\r\n"
TRUE_UP_LINES_QUERY = """
    select * from marts.fct_true_up_journal_lines
    where period_start = $period and ($entity is null or entity = $entity)
    order by entity, journal_number, line_number
"""


class UnpostableJournalError(ValueError):
    """A journal QuickBooks would refuse or misread: unbalanced, or a line without an account."""


@dataclass(frozen=True)
class WrittenJournal:
    """One journal written to one file."""

    entity: str
    journal_number: str
    line_count: int
    total: Decimal
    path: Path


def read_true_up_lines(
    con: WarehouseConnection, period: date, entity: str | None
) -> list[dict[str, Any]]:
    """The proposed true-up lines of a period, for one entity or all."""
    return con.records(TRUE_UP_LINES_QUERY, {"period": period, "entity": entity})


def journals(lines: Sequence[Row]) -> list[list[Row]]:
    """The lines grouped into journals (per entity and journal number), each checked postable."""
    ordered = sorted(lines, key=lambda line: (line["entity"], line["journal_number"]))
    grouped = [
        sorted(group, key=lambda line: line["line_number"])
        for _, group in groupby(ordered, key=lambda line: (line["entity"], line["journal_number"]))
    ]
    for journal in grouped:
        check_postable(journal)
    return grouped


def check_postable(journal: Sequence[Row]) -> None:
    """Every line names an account and sits on one side; the debits equal the credits."""
    number = journal[0]["journal_number"]
    for line in journal:
        if not line["account_name"]:
            raise UnpostableJournalError(f"{number} line {line['line_number']} has no account")
        if min(line["debit"], line["credit"]) != 0 or line["debit"] == line["credit"]:
            raise UnpostableJournalError(f"{number} line {line['line_number']} is not one-sided")
    debits, credits = journal_totals(journal)
    if debits != credits:
        raise UnpostableJournalError(f"{number} does not balance: {debits} != {credits}")


def journal_totals(journal: Sequence[Row]) -> tuple[Decimal, Decimal]:
    """Total debits and total credits, exact."""
    debits = sum((line["debit"] for line in journal), Decimal("0.00"))
    credits = sum((line["credit"] for line in journal), Decimal("0.00"))
    return debits, credits


def us_date(value: date) -> str:
    """MM/DD/YYYY, the date both QuickBooks imports read."""
    return value.strftime("%m/%d/%Y")


def amount_text(amount: Decimal) -> str:
    """A plain amount with 2 decimals: no thousands separator, no float."""
    return f"{amount:.2f}"


def to_qbo_csv(lines: Sequence[Row]) -> str:
    """QuickBooks Online's journal-entry import: one row per line, the other side left blank."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)
    writer.writerow(QBO_CSV_HEADER)
    for journal in journals(lines):
        writer.writerows(_qbo_csv_row(line) for line in journal)
    return buffer.getvalue()


def _qbo_csv_row(line: Row) -> list[str]:
    """JournalNo, JournalDate, AccountName, Debits, Credits, Description, Name."""
    debit, credit = (amount_text(side) if side else "" for side in (line["debit"], line["credit"]))
    return [
        line["journal_number"],
        us_date(line["journal_date"]),
        line["account_name"],
        debit,
        credit,
        line["memo"] or "",
        "",
    ]


def to_iif(lines: Sequence[Row]) -> str:
    """QuickBooks Desktop IIF: per journal a TRNS row, SPL rows, ENDTRNS; amounts sum to 0."""
    rows = list(IIF_HEADER)
    for journal in journals(lines):
        rows.extend(
            _iif_row("TRNS" if index == 0 else "SPL", line) for index, line in enumerate(journal)
        )
        rows.append("ENDTRNS")
    return LINE_END.join(rows) + LINE_END


def _iif_row(kind: str, line: Row) -> str:
    """One TRNS or SPL row: debit positive, credit negative."""
    fields = (
        kind,
        "",
        IIF_TRANSACTION_TYPE,
        us_date(line["journal_date"]),
        line["account_name"],
        "",
        "",
        amount_text(line["debit"] - line["credit"]),
        line["journal_number"],
        line["memo"] or "",
    )
    return "\t".join(_iif_text(field) for field in fields)


def _iif_text(value: str) -> str:
    """IIF has no quoting: a tab or line break inside a field would split it."""
    return " ".join(value.replace("\t", " ").splitlines())


RENDERERS: dict[str, Callable[[Sequence[Row]], str]] = {QBO_CSV: to_qbo_csv, IIF: to_iif}


def output_paths(out: Path, entities: Sequence[str]) -> dict[str, Path]:
    """A file per entity (each is its own QuickBooks company): OUT, or OUT_ENTITY for several."""
    if len(entities) == 1:
        return {entities[0]: out}
    return {entity: out.with_name(f"{out.stem}_{entity}{out.suffix}") for entity in entities}


def write_journal_files(
    lines: Sequence[Row], export_format: str, out: Path
) -> list[WrittenJournal]:
    """Write each entity's journals in the format (all checked before any is written)."""
    ordered = sorted(lines, key=lambda line: line["entity"])
    by_entity = {
        entity: list(group) for entity, group in groupby(ordered, lambda row: row["entity"])
    }
    paths = output_paths(out, sorted(by_entity))
    texts = {entity: RENDERERS[export_format](by_entity[entity]) for entity in paths}
    for entity, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[entity], encoding="utf-8", newline="")
    return [
        _written(journal, paths[entity])
        for entity in paths
        for journal in journals(by_entity[entity])
    ]


def _written(journal: Sequence[Row], path: Path) -> WrittenJournal:
    """What one journal put in a file."""
    debits, _ = journal_totals(journal)
    first = journal[0]
    return WrittenJournal(first["entity"], first["journal_number"], len(journal), debits, path)
