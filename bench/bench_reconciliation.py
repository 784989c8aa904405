"""Speed and memory of a whole `cogs-recon run` on a generated mid-size ledger, then of the
daily run after one back-dated entry (`cogs-recon run --changed-only`).

    uv run python bench/bench_reconciliation.py [--gl-lines 10000000] [--months 60]
        [--warehouse postgresql://user@host/empty_database]

Writes the exports with DuckDB (set-based), runs each command in a child process, and prints
wall time, peak memory (max RSS of the child and its dbt subprocess; a PostgreSQL server's own
memory is not counted) and whether every period reconciled. The target: ~10M GL lines over
five years on a 2-core machine.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

import duckdb

BENCH_DIR = Path(__file__).resolve().parent
CONFIG = """entities:
  E1:
    sync_mode: inventory
    adjustments_booked_to: cogs
"""


def generate(out: Path, gl_lines: int, months: int, skus: int) -> None:
    """Write canonical exports whose GL has about `gl_lines` lines."""
    out.mkdir(parents=True, exist_ok=True)
    # Every 3 movements: 1 receipt (2 lines) + 2 deliveries (4 lines each) = 10 GL lines.
    sql = (
        (BENCH_DIR / "generate_ledger.sql")
        .read_text()
        .format(
            movements=max(gl_lines * 3 // 10, 3),
            months=months,
            skus=skus,
            out=out,
        )
    )
    with duckdb.connect() as con:
        con.execute(sql)
    (out / "cogs_recon.yml").write_text(CONFIG)


# A sale posted late into June 2025 (receivable and sales, no inventory role): the daily run
# rebuilds that period and the open one.
LATE_ENTRY = """\
entity,transaction_id,line_number,txn_date,txn_type,doc_number,account_number,debit,credit
E1,LATE-1,1,2025-06-15,Journal Entry,JE-LATE,1200,125.00,
E1,LATE-1,2,2025-06-15,Journal Entry,JE-LATE,4000,,125.00
"""


def timed_run(command: list[str]) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run a command; its result, wall seconds, and the peak RSS in MiB of every child so far
    (getrusage keeps the maximum, so a later, smaller run shows the earlier peak)."""
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    return result, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def report(
    label: str, result: subprocess.CompletedProcess[str], elapsed: float, peak: float
) -> None:
    print(f"{label}: {elapsed:.0f} s wall, peak RSS {peak:,.0f} MiB, exit code {result.returncode}")
    print(result.stdout[-1500:] if result.returncode else "every period reconciled")
    if result.returncode:
        print(result.stderr[-3000:], file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gl-lines", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--skus", type=int, default=2_000)
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out")
    parser.add_argument(
        "--warehouse",
        help="an empty PostgreSQL database as postgresql://... (default: a DuckDB file in --out)",
    )
    args = parser.parse_args()

    exports = args.out / "exports"
    started = time.monotonic()
    generate(exports, args.gl_lines, args.months, args.skus)
    generated = time.monotonic() - started
    with duckdb.connect() as con:
        (lines,) = con.execute(
            f"select count(*) from read_csv('{exports}/gl_journal_lines.csv')"
        ).fetchone()

    warehouse = args.warehouse
    if warehouse is None:
        warehouse = str(args.out / "bench.duckdb")
        Path(warehouse).unlink(missing_ok=True)
    command = [sys.executable, "-m", "orchestration.cli", "run", "--exports", str(exports)]
    command += ["--warehouse", warehouse, "--data-docs", str(args.out / "data_docs")]
    print(f"GL lines: {lines:,} over {args.months} months ({generated:.0f} s to generate)")
    full = timed_run(command)
    report("cogs-recon run", *full)
    if full[0].returncode:
        return full[0].returncode

    (exports / "gl_journal_lines_late.csv").write_text(LATE_ENTRY)
    daily = timed_run([*command, "--changed-only"])
    report("cogs-recon run --changed-only after one back-dated entry", *daily)
    rebuilt = [line for line in daily[0].stderr.splitlines() if line.startswith("Rebuilding")]
    print("\n".join(rebuilt))
    return daily[0].returncode


if __name__ == "__main__":
    sys.exit(main())
