"""Speed and memory of a whole `cogs-recon run` on a generated mid-size ledger.

    uv run python bench/bench_reconciliation.py [--gl-lines 10000000] [--months 60]
        [--warehouse postgresql://user@host/empty_database]

Writes the exports with DuckDB (set-based), runs the command in a child process, and prints
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
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"GL lines: {lines:,} over {args.months} months ({generated:.0f} s to generate)")
    print(f"cogs-recon run: {elapsed:.0f} s wall, peak RSS {peak_mib:,.0f} MiB")
    print(f"exit code {result.returncode}")
    print(result.stdout[-1500:] if result.returncode else "every period reconciled")
    if result.returncode:
        print(result.stderr[-3000:], file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
