"""QuickBooks Online **Account List** report: the chart of accounts (canonical `gl_accounts`).

Columns: `Account` (the full name, with the number in front when account numbers are on; some
versions have a separate `Account #` column), `Type`, `Detail Type`, then description and
balance, which the reconciliation does not need. Title block, blank rows and the basis footer
are metadata.
"""

from __future__ import annotations

from collections.abc import Iterator

from orchestration.lib.adapters.accounts import split_account
from orchestration.lib.adapters.base import (
    AdapterInput,
    CanonicalRow,
    Layout,
    footer_text,
)
from orchestration.lib.sources import GL_ACCOUNTS

_DATA_COLUMNS = ("account", "number", "account_type", "detail_type")


def adapt(source: AdapterInput) -> Iterator[CanonicalRow]:
    """One canonical account per row; a row with only other columns filled is metadata."""
    for line, cells in source.rows:
        if footer := footer_text(cells):
            source.info.footer.append(footer)
            continue
        if not any(source.text(cells, column) for column in _DATA_COLUMNS):
            continue
        printed_number, full_name = split_account(source.text(cells, "account"))
        number = source.text(cells, "number") or printed_number or full_name
        yield {
            "account_number": number,
            "account_name": full_name,
            "account_type": source.text(cells, "account_type"),
            "detail_type": source.text(cells, "detail_type"),
            "_source_line": line,
        }


LAYOUT = Layout(
    name="qbo_account_list",
    source=GL_ACCOUNTS,
    columns={
        "account": ("account", "account name", "full name"),
        "number": ("account #", "account number", "number"),
        "account_type": ("type", "account type"),
        "detail_type": ("detail type",),
    },
    required=frozenset({"account", "account_type", "detail_type"}),
    adapt=adapt,
)
