"""Business Central / Dynamics NAV **Value Entries** (table 5802, page "Value Entries",
exported with *Open in Excel* or as CSV): canonical `erp_inventory_transactions`.

Value entries, not item ledger entries, are the ERP side: they carry the cost, and the
inventory value at a date is the sum of their `Cost Amount (Actual)` up to it (which is why
an entity with no valuation snapshot gets its month-end valuations derived from them, see
int_inventory_valuations_derived). NAV and Business Central caption the table alike:
`Entry No., Posting Date, Item Ledger Entry Type, Entry Type, Document No., Item No.,
Location Code, Valued Quantity, Cost Amount (Actual), Description, Item Ledger Entry Quantity`.

* **Type**: from `Item Ledger Entry Type`, `Entry Type` and the direction of the entry (the
  sign of its Valued Quantity, or of its cost when the quantity is zero, as on a cost-only
  invoice or credit memo): a purchase's direct or indirect cost is a RECEIPT inbound and a
  VENDOR_RETURN outbound, a sale's a CUSTOMER_RETURN inbound and a DELIVERY outbound;
  positive and negative adjustments, transfers and rounding are ADJUSTMENT (all three post to
  Inventory Adjmt.; a transfer's two entries net to zero per item across its locations);
  any Revaluation entry is a REVALUATION. Other combinations (consumption, output, assembly,
  standard-cost variance) are passed on as `<Item Ledger Entry Type> / <Entry Type>`, for the
  validation to reject as an unknown type.
* **Quantity**: `Item Ledger Entry Quantity` when the file has it (only the entry that creates
  the item ledger entry carries it, so a receipt invoiced later is not counted twice), else
  the Valued Quantity. Both are signed, + into inventory, like `Cost Amount (Actual)`.
* **Id**: the Entry No., so a later export overlapping an earlier one replaces its entries.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from orchestration.lib.adapters.base import (
    AdapterInput,
    CanonicalRow,
    Layout,
    non_empty_texts,
    normalized,
)
from orchestration.lib.adapters.values import (
    Cell,
    UnreadableValue,
    canonical_amount,
    parse_amount,
)
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.sources import ERP_INVENTORY_TRANSACTIONS

BY_DIRECTION: dict[str, tuple[str, str]] = {
    "purchase": ("RECEIPT", "VENDOR_RETURN"),
    "sale": ("CUSTOMER_RETURN", "DELIVERY"),
    "positive adjmt.": ("ADJUSTMENT", "ADJUSTMENT"),
    "negative adjmt.": ("ADJUSTMENT", "ADJUSTMENT"),
    "transfer": ("ADJUSTMENT", "ADJUSTMENT"),
}
"""Item Ledger Entry Type -> (canonical type inbound, outbound) of its cost entries."""
COST_ENTRY_TYPES = frozenset({"direct cost", "indirect cost"})
"""Entry Types that carry a movement's own cost; Rounding and Revaluation are set apart."""
ADJUSTING_ENTRY_TYPES = {"rounding": "ADJUSTMENT", "revaluation": "REVALUATION"}


def _direction(source: AdapterInput, cells: Sequence[Cell]) -> Decimal | None:
    """The entry's signed quantity or, when it is zero, its cost; None when unreadable."""
    try:
        for column in ("valued_quantity", "cost"):
            value = parse_amount(source.cell(cells, column))
            if value:
                return value
    except UnreadableValue:
        return None
    return Decimal(0)


def transaction_type(source: AdapterInput, cells: Sequence[Cell]) -> str:
    """The canonical type of one value entry, or its two type texts when none fits."""
    ledger_type, entry_type = source.text(cells, "ledger_type"), source.text(cells, "entry_type")
    ledger_key, entry_key = normalized(ledger_type), normalized(entry_type)
    if entry_key in ADJUSTING_ENTRY_TYPES:
        return ADJUSTING_ENTRY_TYPES[entry_key]
    direction = _direction(source, cells)
    if entry_key in COST_ENTRY_TYPES and ledger_key in BY_DIRECTION and direction is not None:
        inbound, outbound = BY_DIRECTION[ledger_key]
        return inbound if direction >= 0 else outbound
    return f"{ledger_type} / {entry_type}"


def adapt(source: AdapterInput) -> Iterator[CanonicalRow]:
    """Each value entry as one canonical inventory transaction, in the file's order."""
    if "entry_no" not in source.header.positions:
        raise UnusableInputError(
            source.file_label,
            source.header.line,
            "Entry No.",
            "the header lacks Entry No., the id that lets a later export replace an earlier one",
        )
    quantity = "ledger_quantity" if "ledger_quantity" in source.header.positions else None
    count = 0
    for line, cells in source.rows:
        if not non_empty_texts(cells):
            continue
        count += 1
        yield {
            "transaction_id": source.text(cells, "entry_no"),
            "posted_date": source.date_text(line, source.cell(cells, "date")),
            "transaction_type": transaction_type(source, cells),
            "reference": source.text(cells, "doc_no"),
            "item_sku": source.text(cells, "item"),
            "location": source.text(cells, "location") or None,
            "quantity": canonical_amount(source.cell(cells, quantity or "valued_quantity")),
            "extended_cost": canonical_amount(source.cell(cells, "cost")),
            "memo": source.text(cells, "description") or None,
            "_source_line": line,
        }
    source.info.checks.append(f"{count} value entries")


LAYOUT = Layout(
    name="bc_value_entries",
    source=ERP_INVENTORY_TRANSACTIONS,
    columns={
        "entry_no": ("entry no.",),
        "date": ("posting date",),
        "ledger_type": ("item ledger entry type",),
        "entry_type": ("entry type",),
        "doc_no": ("document no.",),
        "item": ("item no.",),
        "location": ("location code",),
        "valued_quantity": ("valued quantity",),
        "ledger_quantity": ("item ledger entry quantity",),
        "cost": ("cost amount (actual)",),
        "description": ("description",),
    },
    required=frozenset(
        {"date", "ledger_type", "entry_type", "doc_no", "item", "valued_quantity", "cost"}
    ),
    adapt=adapt,
)
