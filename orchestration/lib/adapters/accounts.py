"""QuickBooks account names: `1300 Inventory Asset`, `Inventory Asset:Widgets`, and the chart
that turns a report's account name into the canonical `account_number`.

With account numbers switched on, QuickBooks prints the number before the name; sub-accounts
are `Parent:Child`, and a number printed before a segment belongs to that segment's account.
An account number here is digits, optionally grouped by `.` or `-` (`1300`, `1300.10`), so a
name such as `401k Payable` is not cut. A company without account numbers has none: its
account's full name is its `account_number`, and `account_roles` in cogs_recon.yml name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from orchestration.lib.adapters.base import normalized

_NUMBERED = re.compile(r"(?P<number>\d+(?:[.-]\d+)*)\s+(?P<name>\S.*)")


def split_account(text: str) -> tuple[str | None, str]:
    """(number, full name without numbers) of a report's account text.

    The number is the last numbered segment's when the segments carry their own
    (`1300 Inventory Asset:1310 Widgets` -> 1310), else the one printed in front of the
    full name (`1310 Inventory Asset:Widgets` -> 1310).
    """
    numbers: list[str] = []
    names = []
    for segment in text.strip().split(":"):
        found = _NUMBERED.fullmatch(segment.strip())
        if found:
            numbers.append(found["number"])
            names.append(found["name"].strip())
        else:
            names.append(segment.strip())
    return (numbers[-1] if numbers else None), ":".join(names)


_DEBIT_NORMAL_WORDS = (
    "asset",
    "receivable",
    "bank",
    "expense",
    "cost of goods sold",
    "cost of sales",
)
_CREDIT_NORMAL_WORDS = ("liabilit", "payable", "credit card", "equity", "income", "revenue")


def is_debit_normal(account_type: str) -> bool:
    """Whether a QuickBooks account type's balance is a debit (assets, expenses, COGS) or a
    credit (liabilities, equity, income): ledger reports print amounts signed that way.

    ValueError for a type neither set names: guessing the side would flip amounts in silence."""
    # Without spaces, the API's spellings (`OtherCurrentAsset`, `CostofGoodsSold`) read too.
    text = normalized(account_type).replace(" ", "")
    debit = any(word.replace(" ", "") in text for word in _DEBIT_NORMAL_WORDS)
    credit = any(word.replace(" ", "") in text for word in _CREDIT_NORMAL_WORDS)
    if debit == credit:
        raise ValueError(f"account type {account_type!r} has no known normal balance")
    return debit


class Chart:
    """One entity's chart of accounts, to resolve the account names a report prints and to
    tell the normal balance of an account."""

    def __init__(self, accounts: Iterable[tuple[str, str, str | None]]) -> None:
        """`accounts`: (account_number, account_name, account_type) in load order; a later
        row wins."""
        self._name_of: dict[str, str] = {}
        self._number_of: dict[str, str] = {}
        self._type_of: dict[str, str | None] = {}
        for number, name, account_type in accounts:
            self._name_of[normalized(number)] = name
            self._type_of[normalized(number)] = account_type
            self._number_of[normalized(name)] = number
            self._number_of[normalized(f"{number} {name}")] = number

    def account_type(self, account_number: str) -> str | None:
        """The type of a resolved account; None when the chart does not have the account."""
        return self._type_of.get(normalized(account_number))

    def resolve(self, text: str) -> str:
        """The account_number the text names, or the text itself when the chart does not know
        it (the validation then rejects the line: the account is not in the chart)."""
        exact = self._number_of.get(normalized(text))
        if exact is not None:
            return exact
        number, name = split_account(text)
        if number is not None:
            known = self._name_of.get(normalized(number))
            # A number whose chart name differs is a wrong account, not a renamed one.
            return number if known is not None and normalized(known) == normalized(name) else text
        return self._number_of.get(normalized(name), text)
