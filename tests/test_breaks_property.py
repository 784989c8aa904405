"""Breaks injected at random into the demo company are found with their exact effects.

Each example copies the demo exports, injects one break of every kind (a synced document
missing from the GL, a wrong amount, a document booked in the next period, a journal entry
posted straight to inventory, a missing month-end true-up), reconciles, and requires
`marts.fct_reconciliation_breaks` to hold exactly the rows those injections imply: no
`unexplained` remainder, and per period the effects sum to the gap.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from support import DEMO_EXPORTS, query, reconcile

from orchestration.lib.sources import GL_JOURNAL_LINES

# March is left alone: its late rows arrive twice (a resend file), so an edit needs two files.
EDITABLE_MONTHS = (1, 2, 4, 5, 6)
LAST_MONTH = 6
GL_COLUMNS = GL_JOURNAL_LINES.columns

Row = dict[str, str]
BreakRow = tuple[str, str, str, str | None, Decimal, Decimal]


@dataclass(frozen=True)
class Injection:
    """Where each kind of break goes: month and which candidate document (by index)."""

    missing_month: int
    missing_pick: int
    amount_month: int
    amount_pick: int
    amount_delta: Decimal
    cutoff_month: int
    cutoff_pick: int
    posting_month: int
    posting_amount: Decimal
    true_up_month: int


cents = st.integers(min_value=1, max_value=99_999).map(lambda n: Decimal(n).scaleb(-2))
injections = st.builds(
    Injection,
    missing_month=st.sampled_from(EDITABLE_MONTHS),
    missing_pick=st.integers(0, 50),
    amount_month=st.sampled_from(EDITABLE_MONTHS),
    amount_pick=st.integers(0, 50),
    amount_delta=cents,
    cutoff_month=st.sampled_from((1, 2, 4, 5)),
    cutoff_pick=st.integers(0, 50),
    posting_month=st.sampled_from(EDITABLE_MONTHS),
    posting_amount=cents,
    true_up_month=st.sampled_from((1, 2, 4, 5)),
)


def gl_file(exports: Path, month: int) -> Path:
    return exports / f"gl_journal_lines_2026_{month:02d}.csv"


def read_rows(path: Path) -> list[Row]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[Row]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=GL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def period(month: int) -> str:
    return f"2026-{month:02d}-01"


def pick_document(rows: list[Row], entity: str, prefix: str, pick: int, avoid: str = "") -> str:
    """The pick-th (cyclically) document of an entity whose number starts with the prefix."""
    documents = sorted(
        {
            r["doc_number"]
            for r in rows
            if r["entity"] == entity and r["doc_number"].startswith(prefix)
        }
        - {avoid}
    )
    return documents[pick % len(documents)]


def line_amount(rows: list[Row], entity: str, document: str, account: str) -> Decimal:
    """Net debit of a document's lines on one account."""
    return sum(
        (
            Decimal(r["debit"] or "0") - Decimal(r["credit"] or "0")
            for r in rows
            if (r["entity"], r["doc_number"], r["account_number"]) == (entity, document, account)
        ),
        Decimal("0"),
    )


def open_from(month: int) -> range:
    return range(month, LAST_MONTH + 1)


def inject_missing_document(exports: Path, at: Injection) -> tuple[str, set[BreakRow]]:
    """Drop an EAST delivery invoice from the GL: COGS too low, inventory too high until fixed."""
    path = gl_file(exports, at.missing_month)
    rows = read_rows(path)
    document = pick_document(rows, "EAST", "INV-", at.missing_pick)
    cost = line_amount(rows, "EAST", document, "5000")
    write_rows(path, [r for r in rows if (r["entity"], r["doc_number"]) != ("EAST", document)])
    return document, {
        (
            "EAST",
            period(m),
            "missing_in_gl",
            document,
            cost if m == at.missing_month else Decimal("0.00"),
            -cost,
        )
        for m in open_from(at.missing_month)
    }


def inject_wrong_amount(exports: Path, at: Injection) -> set[BreakRow]:
    """Raise a NORTH bill's inventory debit (and its payable) above the ERP receipt."""
    path = gl_file(exports, at.amount_month)
    rows = read_rows(path)
    document = pick_document(rows, "NORTH", "PO-", at.amount_pick)
    lines = [r for r in rows if (r["entity"], r["doc_number"]) == ("NORTH", document)]
    # One inventory line and the payable grow by the same delta: the bill still balances.
    for account, side in (("1300", "debit"), ("2000", "credit")):
        line = next(r for r in lines if r["account_number"] == account and r[side])
        line[side] = str(Decimal(line[side]) + at.amount_delta)
    write_rows(path, rows)
    return {
        ("NORTH", period(m), "amount_mismatch", document, Decimal("0.00"), -at.amount_delta)
        for m in open_from(at.amount_month)
    }


def inject_cut_off(exports: Path, at: Injection, avoid: str) -> set[BreakRow]:
    """Date an EAST invoice on the first day of the next month in the GL only."""
    path = gl_file(exports, at.cutoff_month)
    rows = read_rows(path)
    document = pick_document(rows, "EAST", "INV-", at.cutoff_pick, avoid=avoid)
    cost = line_amount(rows, "EAST", document, "5000")
    for row in rows:
        if (row["entity"], row["doc_number"]) == ("EAST", document):
            row["txn_date"] = f"2026-{at.cutoff_month + 1:02d}-01"
    write_rows(path, rows)
    return {
        ("EAST", period(at.cutoff_month), "cut_off", document, cost, -cost),
        ("EAST", period(at.cutoff_month + 1), "cut_off", document, -cost, Decimal("0.00")),
    }


def inject_direct_posting(exports: Path, at: Injection) -> set[BreakRow]:
    """A NORTH journal entry straight to the inventory asset, against equity."""
    path = gl_file(exports, at.posting_month)
    rows = read_rows(path)
    entry = {
        "entity": "NORTH",
        "transaction_id": "INJ-1",
        "txn_date": f"2026-{at.posting_month:02d}-15",
        "txn_type": "Journal Entry",
        "doc_number": "JE-INJ",
        "name": "",
        "memo": "injected",
    }
    rows += [
        {
            **entry,
            "line_number": "1",
            "account_number": "1300",
            "debit": str(at.posting_amount),
            "credit": "",
        },
        {
            **entry,
            "line_number": "2",
            "account_number": "3000",
            "debit": "",
            "credit": str(at.posting_amount),
        },
    ]
    write_rows(path, rows)
    return {
        ("NORTH", period(m), "direct_posting", "JE-INJ", Decimal("0.00"), -at.posting_amount)
        for m in open_from(at.posting_month)
    }


def inject_missing_true_up(exports: Path, at: Injection) -> set[BreakRow]:
    """Drop one WEST month-end true-up: every later period starts off the ERP valuation."""
    path = gl_file(exports, at.true_up_month)
    rows = read_rows(path)
    document = f"TU-2026-{at.true_up_month:02d}"
    gap = line_amount(rows, "WEST", document, "1300")
    write_rows(path, [r for r in rows if (r["entity"], r["doc_number"]) != ("WEST", document)])
    return {
        ("WEST", period(m), "true_up_gap", None, gap, Decimal("0.00"))
        for m in open_from(at.true_up_month + 1)
    }


@pytest.mark.slow
@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    # Each example is a whole pipeline run: report the failing example as drawn, unshrunk.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(at=injections)
def test_injected_breaks_are_found_with_their_exact_effects(
    at: Injection, tmp_path_factory: pytest.TempPathFactory
) -> None:
    workdir = tmp_path_factory.mktemp("injected")
    exports = workdir / "exports"
    shutil.copytree(DEMO_EXPORTS, exports)
    missing_document, expected = inject_missing_document(exports, at)
    expected |= inject_wrong_amount(exports, at)
    expected |= inject_cut_off(exports, at, avoid=missing_document)
    expected |= inject_direct_posting(exports, at)
    expected |= inject_missing_true_up(exports, at)
    warehouse = workdir / "cogs_recon.duckdb"

    assert reconcile(exports, warehouse).exit_code == 1

    found = query(
        warehouse,
        "select entity, cast(period_start as varchar) as period_start, break_type, reference, "
        "cogs_effect, inventory_effect from marts.fct_reconciliation_breaks",
    )
    assert {tuple(row.values()) for row in found} == expected
    unbalanced = query(
        warehouse,
        "select r.entity, r.period_start from marts.fct_cogs_reconciliation as r "
        "left join (select entity, period_start, sum(cogs_effect) as c, sum(inventory_effect) as i "
        "from marts.fct_reconciliation_breaks group by all) as b using (entity, period_start) "
        "where r.status <> 'incomplete' and (coalesce(b.c, 0) <> case r.sync_mode "
        "when 'non_inventory' then r.variance + r.true_up_cogs_amount else r.variance end "
        "or coalesce(b.i, 0) <> case r.sync_mode when 'non_inventory' "
        "then r.inventory_difference - r.true_up_amount else r.inventory_difference end)",
    )
    assert unbalanced == []
