"""Money stays exact: no floating-point type or conversion on an amount's path."""

from __future__ import annotations

import re

from support import REPO_ROOT

FLOAT_SQL = re.compile(r"\b(double|float[48]?|real)\b", re.IGNORECASE)
FLOAT_PYTHON = re.compile(r"\bfloat\(|\.df\(\)|astype\(float")


def test_no_floating_point_type_in_dbt_sql() -> None:
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}"
        for path in sorted((REPO_ROOT / "dbt_project").rglob("*.sql"))
        if "target" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if FLOAT_SQL.search(line) and not line.strip().startswith("--")
    ]
    assert offenders == []


def test_no_float_conversion_in_python_that_reads_amounts() -> None:
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}"
        for folder in ("orchestration", "expectations")
        for path in sorted((REPO_ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if FLOAT_PYTHON.search(line)
    ]
    assert offenders == []
