"""Generate the demo company's ERP and QuickBooks exports and the figures they must reconcile to.

Stdlib only and deterministic: every amount is a Decimal with 2 places, the variety comes from
seeded random.Random instances, and the company is checked against the contract's accounting
(rollforward, balanced entries, expected statuses) before a single file is written.

    python seeds/demo/generate_demo_exports.py [OUT_DIR] [--summary PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_EXPORTS = HERE / "exports"
DEFAULT_SUMMARY = HERE / "expected_summary.json"

SEED = 20260630
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
YEAR = 2026
MONTHS = range(1, 7)
OPENING_DATE = date(2025, 12, 31)
FREIGHT_DAY = 15

# The March re-drop repeats every row dated in this window, plus the corrected document.
RESEND_FROM, RESEND_TO = date(2026, 3, 20), date(2026, 3, 31)
RESEND_SUFFIX = "2026_03_resend"
# The first delivery of this entity and month is first exported with one unit too many.
CORRECTED_DELIVERY = ("EAST", 3)
# The valuation file of the key date also carries the snapshot of the value date again.
REPEATED_SNAPSHOTS = {date(2026, 4, 30): date(2026, 3, 31)}

AR, INVENTORY, AP, EQUITY, SALES, COGS, INVENTORY_ADJUSTMENTS, FREIGHT = (
    "1200",
    "1300",
    "2000",
    "3000",
    "4000",
    "5000",
    "5100",
    "6100",
)
CHART: tuple[tuple[str, str, str, str], ...] = (
    (AR, "Accounts Receivable", "Accounts receivable (A/R)", "Accounts Receivable (A/R)"),
    (INVENTORY, "Inventory Asset", "Other Current Asset", "Inventory"),
    (AP, "Accounts Payable", "Accounts payable (A/P)", "Accounts Payable (A/P)"),
    (EQUITY, "Opening Balance Equity", "Equity", "Opening Balance Equity"),
    (SALES, "Sales of Product Income", "Income", "Sales of Product Income"),
    (COGS, "Cost of Goods Sold", "Cost of Goods Sold", "Supplies & Materials - COGS"),
    (
        INVENTORY_ADJUSTMENTS,
        "Inventory Adjustments",
        "Cost of Goods Sold",
        "Other Costs of Services - COS",
    ),
    (FREIGHT, "Freight and Delivery", "Expense", "Shipping, Freight & Delivery"),
)
# Only 5100 is configured: 1300 and 5000 get their roles by inference from the chart.
ACCOUNT_ROLES = {INVENTORY_ADJUSTMENTS: "inventory_adjustment"}

PURCHASE_TYPES = ("RECEIPT", "VENDOR_RETURN")
SALES_TYPES = ("DELIVERY", "CUSTOMER_RETURN")
ADJUSTMENT_TYPES = ("ADJUSTMENT", "REVALUATION")
GL_TXN_TYPES = {
    "RECEIPT": "Bill",
    "VENDOR_RETURN": "Vendor Credit",
    "DELIVERY": "Invoice",
    "CUSTOMER_RETURN": "Credit Memo",
    "ADJUSTMENT": "Inventory Qty Adjust",
    "REVALUATION": "Inventory Qty Adjust",
}

ERP_TRANSACTION_COLUMNS = (
    "entity",
    "transaction_id",
    "posted_date",
    "transaction_type",
    "reference",
    "item_sku",
    "location",
    "quantity",
    "extended_cost",
    "memo",
)
VALUATION_COLUMNS = (
    "entity",
    "as_of_date",
    "item_sku",
    "location",
    "quantity_on_hand",
    "total_value",
)
ACCOUNT_COLUMNS = ("entity", "account_number", "account_name", "account_type", "detail_type")
JOURNAL_COLUMNS = (
    "entity",
    "transaction_id",
    "line_number",
    "txn_date",
    "txn_type",
    "doc_number",
    "account_number",
    "debit",
    "credit",
    "name",
    "memo",
)
SUMMARY_FIELDS = (
    "beginning_inventory",
    "purchases",
    "adjustments",
    "ending_inventory",
    "computed_cogs",
    "posted_cogs",
    "variance",
    "gl_ending_inventory",
    "inventory_difference",
    "rollforward_difference",
    "true_up_amount",
)

Row = dict[str, str]
Posting = tuple[str, Decimal, str]  # account, signed amount (debit positive), line memo


@dataclass(frozen=True)
class Item:
    """A stocked SKU: standard unit cost and the markup its invoices are priced at."""

    sku: str
    unit_cost: Decimal
    markup: Decimal


@dataclass(frozen=True)
class EntitySpec:
    """One company of the demo group and how its ERP syncs to QuickBooks."""

    code: str
    sync_mode: str
    adjustments_booked_to: str
    reference_base: int
    locations: tuple[str, str]
    items: tuple[Item, ...]
    revaluation_factor: Decimal
    vendor: str
    customers: tuple[str, ...]
    true_up_through: int = 0  # last month whose true-up journal entry is posted

    @property
    def inventory_mode(self) -> bool:
        """Whether items sync as inventory (GL inventory moves with every document)."""
        return self.sync_mode == "inventory"


ENTITIES: tuple[EntitySpec, ...] = (
    EntitySpec(
        code="EAST",
        sync_mode="inventory",
        adjustments_booked_to="inventory_adjustment",
        reference_base=1000,
        locations=("BOS-WH", "BOS-VAN"),
        items=(
            Item("SPK-CEIL-6", Decimal("123.45"), Decimal("1.60")),
            Item("AMP-8CH", Decimal("689.10"), Decimal("1.45")),
            Item("TV-65-4K", Decimal("1249.99"), Decimal("1.25")),
            Item("CBL-HDMI-3M", Decimal("12.37"), Decimal("2.20")),
        ),
        revaluation_factor=Decimal("0.95"),
        vendor="Crescent AV Distribution",
        customers=("Harbor Dental", "Beacon Hill Lofts", "Charles River Law"),
    ),
    EntitySpec(
        code="NORTH",
        sync_mode="inventory",
        adjustments_booked_to="cogs",
        reference_base=3000,
        locations=("MSP-WH", "DLH-WH"),
        items=(
            Item("CAM-PTZ", Decimal("1010.55"), Decimal("1.35")),
            Item("SW-POE-24", Decimal("433.08"), Decimal("1.40")),
            Item("CBL-CAT6-305", Decimal("187.63"), Decimal("1.70")),
            Item("KPD-8BTN", Decimal("96.42"), Decimal("1.90")),
        ),
        revaluation_factor=Decimal("1.04"),
        vendor="Northstar Security Supply",
        customers=("Lakeside Clinic", "Twin Ports Marine", "Mill City Brewing"),
    ),
    EntitySpec(
        code="WEST",
        sync_mode="non_inventory",
        adjustments_booked_to="cogs",
        reference_base=5000,
        locations=("SFO-WH", "LAX-WH"),
        items=(
            Item("SPK-CEIL-6", Decimal("118.20"), Decimal("1.65")),
            Item("SUB-10", Decimal("341.77"), Decimal("1.50")),
            Item("PROJ-4K", Decimal("2875.40"), Decimal("1.20")),
            Item("MNT-TILT", Decimal("54.19"), Decimal("1.80")),
        ),
        revaluation_factor=Decimal("0.97"),
        vendor="Pacific Pro Audio Supply",
        customers=("Presidio Studios", "Venice Beach Hotel", "Mission Bay Labs"),
        true_up_through=5,
    ),
)

COMMON_EVENTS = ("receipt",) * 3 + ("delivery",) * 4
MONTH_EVENTS: dict[int, tuple[str, ...]] = {
    1: ("found_stock",),
    2: ("vendor_return", "shrink"),
    3: ("customer_return", "found_stock"),
    4: ("revaluation", "shrink"),
    5: ("vendor_return", "found_stock", "shrink"),
    6: ("customer_return", "shrink"),
}


@dataclass(frozen=True)
class Line:
    """One SKU/location movement of an ERP document; revaluations carry the new unit cost."""

    sku: str
    location: str
    quantity: int
    cost: Decimal
    new_unit_cost: Decimal | None = None


@dataclass(frozen=True)
class Document:
    """An ERP document (one reference) and the ids it gets in the ERP and in QuickBooks."""

    entity: EntitySpec
    transaction_type: str
    reference: str
    posted: date
    lines: tuple[Line, ...]
    erp_ids: tuple[str, ...]
    gl_id: str | None
    counterparty: str
    memo: str


@dataclass(frozen=True)
class GlTxn:
    """A QuickBooks transaction: balanced postings sharing one id, date and document number."""

    entity: str
    transaction_id: str
    txn_date: date
    txn_type: str
    doc_number: str
    name: str
    postings: tuple[Posting, ...]

    def rows(self) -> list[Row]:
        """Journal lines in the export layout, numbered 1..n."""
        assert sum(amount for _, amount, _ in self.postings) == ZERO, self.transaction_id
        return [
            {
                "entity": self.entity,
                "transaction_id": self.transaction_id,
                "line_number": str(number),
                "txn_date": self.txn_date.isoformat(),
                "txn_type": self.txn_type,
                "doc_number": self.doc_number,
                "account_number": account,
                "debit": money(amount) if amount > 0 else "",
                "credit": money(-amount) if amount < 0 else "",
                "name": self.name,
                "memo": memo,
            }
            for number, (account, amount, memo) in enumerate(self.postings, start=1)
        ]


@dataclass
class Stock:
    """Quantity and value on hand per SKU and location, at a standard cost per SKU."""

    unit_cost: dict[str, Decimal]
    quantity: dict[tuple[str, str], int] = field(default_factory=dict)
    value: dict[tuple[str, str], Decimal] = field(default_factory=dict)

    def line(self, slot: tuple[str, str], quantity: int) -> Line:
        """A movement of `quantity` units of a slot at the SKU's current cost."""
        return Line(slot[0], slot[1], quantity, self.unit_cost[slot[0]] * quantity)

    def apply(self, line: Line) -> None:
        """Move quantity and value; a revaluation also resets the SKU's unit cost."""
        slot = (line.sku, line.location)
        self.quantity[slot] += line.quantity
        self.value[slot] += line.cost
        assert self.quantity[slot] >= 0, f"negative stock for {slot}"
        if line.new_unit_cost is not None:
            self.unit_cost[line.sku] = line.new_unit_cost

    def slots(self, minimum: int = 0) -> list[tuple[str, str]]:
        """Slots holding at least `minimum` units, in a stable order."""
        return sorted(slot for slot, quantity in self.quantity.items() if quantity >= minimum)


@dataclass(frozen=True)
class SnapshotRow:
    """One line of an ERP valuation snapshot."""

    entity: str
    as_of: date
    sku: str
    location: str
    quantity: int
    value: Decimal


def money(amount: Decimal) -> str:
    """Format an amount with exactly 2 decimals (and no float on the way)."""
    return str(amount.quantize(CENT, rounding=ROUND_HALF_UP))


def month_end(month: int) -> date:
    """Last day of a 2026 month."""
    first_of_next = date(YEAR + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


@dataclass(frozen=True)
class EventContext:
    """What an event's lines are drawn from: the entity's random stream, stock and sales."""

    rng: random.Random
    stock: Stock
    sold: Sequence[Line]
    revaluation_factor: Decimal


# ERP document lines per event kind: each picks slots and quantities from the current stock.


def receipt_lines(ctx: EventContext) -> list[Line]:
    """A purchase order received: one or two SKUs into stock."""
    slots = ctx.rng.sample(ctx.stock.slots(), ctx.rng.randint(1, 2))
    return [ctx.stock.line(slot, ctx.rng.randint(6, 30)) for slot in slots]


def delivery_lines(ctx: EventContext) -> list[Line]:
    """A customer delivery: one or two SKUs out of stock, at most a fifth of what is there."""
    slots = ctx.rng.sample(ctx.stock.slots(minimum=5), ctx.rng.randint(1, 2))
    return [
        ctx.stock.line(slot, -ctx.rng.randint(1, ctx.stock.quantity[slot] // 5)) for slot in slots
    ]


def vendor_return_lines(ctx: EventContext) -> list[Line]:
    """Goods sent back to the vendor at the cost they sit in stock."""
    return [ctx.stock.line(ctx.rng.choice(ctx.stock.slots(minimum=5)), -ctx.rng.randint(1, 3))]


def customer_return_lines(ctx: EventContext) -> list[Line]:
    """Part of an earlier delivery comes back into stock at the current cost."""
    delivered = ctx.rng.choice(ctx.sold)
    quantity = ctx.rng.randint(1, min(2, -delivered.quantity))
    return [ctx.stock.line((delivered.sku, delivered.location), quantity)]


def found_stock_lines(ctx: EventContext) -> list[Line]:
    """A cycle count finds a few units more than the books show."""
    return [ctx.stock.line(ctx.rng.choice(ctx.stock.slots()), ctx.rng.randint(1, 3))]


def shrink_lines(ctx: EventContext) -> list[Line]:
    """A cycle count finds units damaged or missing."""
    return [ctx.stock.line(ctx.rng.choice(ctx.stock.slots(minimum=5)), -ctx.rng.randint(1, 2))]


def revaluation_lines(ctx: EventContext) -> list[Line]:
    """A new standard cost for one SKU, revaluing what is on hand at every location."""
    sku = ctx.rng.choice(sorted(ctx.stock.unit_cost))
    old = ctx.stock.unit_cost[sku]
    new = (old * ctx.revaluation_factor).quantize(CENT, rounding=ROUND_HALF_UP)
    slots = [slot for slot in ctx.stock.slots(minimum=1) if slot[0] == sku]
    return [
        Line(sku, location, 0, (new - old) * ctx.stock.quantity[(sku, location)], new)
        for _, location in slots
    ]


LineMaker = Callable[[EventContext], list[Line]]


@dataclass(frozen=True)
class EventKind:
    """What an event is in the ERP: its transaction type, reference prefix, memo and lines."""

    transaction_type: str
    prefix: str
    memo: str
    make_lines: LineMaker


EVENT_KINDS: dict[str, EventKind] = {
    "receipt": EventKind("RECEIPT", "PO", "", receipt_lines),
    "delivery": EventKind("DELIVERY", "INV", "", delivery_lines),
    "vendor_return": EventKind(
        "VENDOR_RETURN", "PCM", "Returned to vendor: damaged on arrival", vendor_return_lines
    ),
    "customer_return": EventKind(
        "CUSTOMER_RETURN", "CM", "Customer return, restocked", customer_return_lines
    ),
    "found_stock": EventKind("ADJUSTMENT", "ADJ", "Cycle count: found stock", found_stock_lines),
    "shrink": EventKind("ADJUSTMENT", "ADJ", "Cycle count: damaged or missing", shrink_lines),
    "revaluation": EventKind("REVALUATION", "REV", "Standard cost revaluation", revaluation_lines),
}


# QuickBooks postings of a synced ERP document, by sync mode.


def revenue(spec: EntitySpec, line: Line) -> Decimal:
    """Invoice amount of a line: cost times the SKU's markup, positive for a delivery."""
    markup = next(item.markup for item in spec.items if item.sku == line.sku)
    return (-line.cost * markup).quantize(CENT, rounding=ROUND_HALF_UP)


def purchase_postings(spec: EntitySpec, lines: Sequence[Line]) -> list[Posting]:
    """Bill or vendor credit: the item account (inventory, or COGS when non-inventory) vs A/P."""
    item_account = INVENTORY if spec.inventory_mode else COGS
    postings = [(item_account, line.cost, line.sku) for line in lines]
    return [*postings, (AP, -sum(line.cost for line in lines), "")]


def sales_postings(spec: EntitySpec, lines: Sequence[Line]) -> list[Posting]:
    """Invoice or credit memo: A/R vs sales, plus COGS vs inventory when items are inventory."""
    amounts = [revenue(spec, line) for line in lines]
    postings: list[Posting] = [(AR, sum(amounts, ZERO), "")]
    for line, amount in zip(lines, amounts, strict=True):
        postings.append((SALES, -amount, line.sku))
        if spec.inventory_mode:
            postings += [(COGS, -line.cost, line.sku), (INVENTORY, line.cost, line.sku)]
    return postings


def adjustment_postings(spec: EntitySpec, lines: Sequence[Line]) -> list[Posting]:
    """Inventory qty adjust: inventory vs the adjustment account or COGS; none if non-inventory."""
    if not spec.inventory_mode:
        return []
    by_inventory_adjustment = spec.adjustments_booked_to == "inventory_adjustment"
    offset = INVENTORY_ADJUSTMENTS if by_inventory_adjustment else COGS
    postings = [(INVENTORY, line.cost, line.sku) for line in lines]
    return [*postings, (offset, -sum(line.cost for line in lines), "")]


def document_postings(document: Document) -> list[Posting]:
    """The GL postings QuickBooks holds for a synced ERP document (empty when not pushed)."""
    if document.transaction_type in PURCHASE_TYPES:
        return purchase_postings(document.entity, document.lines)
    if document.transaction_type in SALES_TYPES:
        return sales_postings(document.entity, document.lines)
    return adjustment_postings(document.entity, document.lines)


def document_gl_txn(document: Document) -> GlTxn | None:
    """The QuickBooks transaction of a document, or None when the sync does not push it."""
    if document.gl_id is None:
        return None
    return GlTxn(
        document.entity.code,
        document.gl_id,
        document.posted,
        GL_TXN_TYPES[document.transaction_type],
        document.reference,
        document.counterparty,
        tuple(document_postings(document)),
    )


def document_erp_rows(document: Document) -> list[Row]:
    """The ERP transaction rows of a document, one per line."""
    return [
        {
            "entity": document.entity.code,
            "transaction_id": erp_id,
            "posted_date": document.posted.isoformat(),
            "transaction_type": document.transaction_type,
            "reference": document.reference,
            "item_sku": line.sku,
            "location": line.location,
            "quantity": str(line.quantity),
            "extended_cost": money(line.cost),
            "memo": document.memo,
        }
        for erp_id, line in zip(document.erp_ids, document.lines, strict=True)
    ]


class EntityBook:
    """Builds one entity's half-year: ERP documents, QuickBooks transactions, snapshots."""

    def __init__(self, spec: EntitySpec) -> None:
        """Open the books: stock on hand at the opening snapshot and its opening balance."""
        self.spec = spec
        self.rng = random.Random(f"{SEED}:{spec.code}")
        self.stock = Stock({item.sku: item.unit_cost for item in spec.items})
        self.documents: list[Document] = []
        self.gl: list[GlTxn] = []
        self.snapshots: list[SnapshotRow] = []
        self.sold: list[Line] = []
        self.counters: dict[str, int] = defaultdict(int)
        self.context = EventContext(self.rng, self.stock, self.sold, spec.revaluation_factor)
        for item in spec.items:
            for location in spec.locations:
                quantity = self.rng.randint(20, 60)
                self.stock.quantity[(item.sku, location)] = quantity
                self.stock.value[(item.sku, location)] = item.unit_cost * quantity
        self._take_snapshot(OPENING_DATE)
        opening = sum(self.stock.value.values(), ZERO)
        self._post(
            "Journal Entry",
            OPENING_DATE,
            "OB-2025-12-31",
            "",
            [(INVENTORY, opening, "Opening balance"), (EQUITY, -opening, "Opening balance")],
        )

    def _next(self, counter: str) -> int:
        """Next number of a per-entity sequence."""
        self.counters[counter] += 1
        return self.counters[counter]

    def _next_gl_id(self) -> str:
        """Next QuickBooks transaction id of the entity (the ids repeat across entities)."""
        return str(100 + self._next("gl"))

    def _post(
        self, txn_type: str, when: date, doc_number: str, name: str, postings: list[Posting]
    ) -> None:
        """Record a QuickBooks transaction that has no ERP document behind it."""
        self.gl.append(
            GlTxn(
                self.spec.code,
                self._next_gl_id(),
                when,
                txn_type,
                doc_number,
                name,
                tuple(postings),
            )
        )

    def _take_snapshot(self, as_of: date) -> None:
        """Valuation snapshot of every slot, checked against quantity times standard cost."""
        for (sku, location), quantity in sorted(self.stock.quantity.items()):
            value = self.stock.value[(sku, location)]
            assert value == quantity * self.stock.unit_cost[sku], (sku, location, as_of)
            self.snapshots.append(
                SnapshotRow(self.spec.code, as_of, sku, location, quantity, value)
            )

    def _counterparty(self, transaction_type: str) -> str:
        """Vendor for purchases, a customer for sales, nobody for adjustments."""
        if transaction_type in PURCHASE_TYPES:
            return self.spec.vendor
        if transaction_type in SALES_TYPES:
            return self.rng.choice(self.spec.customers)
        return ""

    def record(self, kind_name: str, when: date) -> None:
        """Post an ERP document, apply it to stock and sync it to QuickBooks."""
        kind = EVENT_KINDS[kind_name]
        lines = tuple(kind.make_lines(self.context))
        pushed = self.spec.inventory_mode or kind.transaction_type not in ADJUSTMENT_TYPES
        document = Document(
            entity=self.spec,
            transaction_type=kind.transaction_type,
            reference=f"{kind.prefix}-{self.spec.reference_base + self._next(kind.prefix)}",
            posted=when,
            lines=lines,
            erp_ids=tuple(f"T{self._next('erp'):05d}" for _ in lines),
            gl_id=self._next_gl_id() if pushed else None,
            counterparty=self._counterparty(kind.transaction_type),
            memo=kind.memo,
        )
        for line in lines:
            self.stock.apply(line)
        if kind.transaction_type == "DELIVERY":
            self.sold.extend(lines)
        self.documents.append(document)
        gl_txn = document_gl_txn(document)
        if gl_txn is not None:
            self.gl.append(gl_txn)

    def freight_bill(self, when: date) -> None:
        """A carrier's bill to the freight expense account: GL noise no ERP document explains."""
        amount = Decimal(self.rng.randint(4000, 25000)).scaleb(-2)
        number = f"FRT-{self.spec.reference_base + self._next('FRT')}"
        self._post(
            "Bill",
            when,
            number,
            "Rapid Freight Lines",
            [(FREIGHT, amount, "Inbound freight"), (AP, -amount, "")],
        )

    def true_up(self, month: int) -> None:
        """Month-end journal entry bringing the GL inventory asset to the ERP valuation."""
        end = month_end(month)
        erp_value = sum(self.stock.value.values(), ZERO)
        amount = erp_value - gl_balance(self.gl, {INVENTORY}, end)
        memo = "Month-end inventory true-up"
        if amount != ZERO:
            self._post(
                "Journal Entry",
                end,
                f"TU-{YEAR}-{month:02d}",
                "",
                [(INVENTORY, amount, memo), (COGS, -amount, memo)],
            )

    def run_month(self, month: int) -> None:
        """All documents of a month in date order, the true-up if due, then the snapshot."""
        kinds = list(COMMON_EVENTS + MONTH_EVENTS[month])
        self.rng.shuffle(kinds)
        days = sorted(self.rng.sample(range(1, 29), len(kinds)))
        schedule = sorted([*zip(days, kinds, strict=True), (FREIGHT_DAY, "freight")])
        for day, kind_name in schedule:
            when = date(YEAR, month, day)
            if kind_name == "freight":
                self.freight_bill(when)
            else:
                self.record(kind_name, when)
        if not self.spec.inventory_mode and month <= self.spec.true_up_through:
            self.true_up(month)
        self._take_snapshot(month_end(month))


def gl_balance(gl: Iterable[GlTxn], accounts: set[str], through: date) -> Decimal:
    """Debit balance of some accounts over all transactions dated up to a day."""
    return sum(
        (
            amount
            for txn in gl
            if txn.txn_date <= through
            for account, amount, _ in txn.postings
            if account in accounts
        ),
        ZERO,
    )


def stale_version(document: Document) -> Document:
    """The document as first exported: its first line one unit more out than corrected."""
    first, *rest = document.lines
    unit_cost = first.cost / first.quantity
    stale_first = replace(first, quantity=first.quantity - 1, cost=unit_cost * (first.quantity - 1))
    return replace(document, lines=(stale_first, *rest))


@dataclass
class Company:
    """The whole demo group: every record the exports hold, final and first-exported."""

    books: list[EntityBook]
    stale: list[Document]

    @property
    def documents(self) -> list[Document]:
        """Every ERP document of every entity, in final (corrected) form."""
        return [document for book in self.books for document in book.documents]

    @property
    def gl(self) -> list[GlTxn]:
        """Every QuickBooks transaction of every entity, in final form."""
        return [txn for book in self.books for txn in book.gl]

    @property
    def snapshots(self) -> list[SnapshotRow]:
        """Every valuation snapshot row of every entity."""
        return [row for book in self.books for row in book.snapshots]


def build_company() -> Company:
    """Simulate every entity over the half-year and pick the document re-sent corrected."""
    books = [EntityBook(spec) for spec in ENTITIES]
    for book in books:
        for month in MONTHS:
            book.run_month(month)
    entity, month = CORRECTED_DELIVERY
    corrected = next(
        document
        for book in books
        for document in book.documents
        if document.entity.code == entity
        and document.transaction_type == "DELIVERY"
        and document.posted.month == month
    )
    return Company(books, [stale_version(corrected)])


# The oracle: every figure of the contract, recomputed from the exported rows themselves.


def account_roles() -> dict[str, str]:
    """Roles in force: configured ones first, then inferred from type and detail type."""
    roles = {}
    for number, _, account_type, detail_type in CHART:
        if detail_type == "Inventory":
            roles[number] = "inventory_asset"
        elif account_type == "Cost of Goods Sold":
            roles[number] = "cogs"
        else:
            roles[number] = "other"
    return roles | ACCOUNT_ROLES


def accounts_with_role(role: str) -> set[str]:
    """Account numbers whose role in force is `role`."""
    return {number for number, assigned in account_roles().items() if assigned == role}


def erp_total(rows: Iterable[Row], types: Sequence[str], start: date, end: date) -> Decimal:
    """Sum of extended cost of ERP rows of some types posted within a period."""
    return sum(
        (
            Decimal(row["extended_cost"])
            for row in rows
            if row["transaction_type"] in types
            and start <= date.fromisoformat(row["posted_date"]) <= end
        ),
        ZERO,
    )


def snapshot_total(rows: Iterable[Row], as_of: date) -> Decimal:
    """Total value of a valuation snapshot."""
    return sum(
        (Decimal(row["total_value"]) for row in rows if row["as_of_date"] == as_of.isoformat()),
        ZERO,
    )


def gl_net(rows: Iterable[Row], accounts: set[str], start: date, end: date) -> Decimal:
    """Debits minus credits of journal lines on some accounts dated within a window."""
    return sum(
        (
            Decimal(row["debit"] or "0") - Decimal(row["credit"] or "0")
            for row in rows
            if row["account_number"] in accounts
            and start <= date.fromisoformat(row["txn_date"]) <= end
        ),
        ZERO,
    )


def period_status(spec: EntitySpec, figures: dict[str, Decimal]) -> str:
    """reconciled, true_up_required (posting the true-up would reconcile), or unreconciled."""
    gaps = ("variance", "inventory_difference", "rollforward_difference")
    if all(figures[gap] == ZERO for gap in gaps):
        return "reconciled"
    to_adjustment_account = spec.adjustments_booked_to == "inventory_adjustment"
    true_up_to_cogs = figures["true_up_amount"] - (
        figures["adjustments"] if to_adjustment_account else ZERO
    )
    if (
        not spec.inventory_mode
        and figures["rollforward_difference"] == ZERO
        and figures["variance"] + true_up_to_cogs == ZERO
    ):
        return "true_up_required"
    return "unreconciled"


def period_figures(
    spec: EntitySpec, month: int, erp: list[Row], valuation: list[Row], journal: list[Row]
) -> dict[str, Decimal]:
    """The contract's figures for one entity and month, from that entity's rows."""
    start, end = date(YEAR, month, 1), month_end(month)
    begin, ending = (
        snapshot_total(valuation, start - timedelta(days=1)),
        snapshot_total(valuation, end),
    )
    purchases = erp_total(erp, PURCHASE_TYPES, start, end)
    all_adjustments = erp_total(erp, ADJUSTMENT_TYPES, start, end)
    adjustments = all_adjustments if spec.adjustments_booked_to == "inventory_adjustment" else ZERO
    cost_of_deliveries = -erp_total(erp, SALES_TYPES, start, end)
    computed = begin + purchases + adjustments - ending
    posted = gl_net(journal, accounts_with_role("cogs"), start, end)
    gl_ending = gl_net(journal, accounts_with_role("inventory_asset"), date.min, end)
    return {
        "beginning_inventory": begin,
        "purchases": purchases,
        "adjustments": adjustments,
        "ending_inventory": ending,
        "computed_cogs": computed,
        "posted_cogs": posted,
        "variance": computed - posted,
        "gl_ending_inventory": gl_ending,
        "inventory_difference": ending - gl_ending,
        "rollforward_difference": begin + purchases + all_adjustments - cost_of_deliveries - ending,
        "true_up_amount": ending - gl_ending,
    }


def expected_status(spec: EntitySpec, month: int) -> str:
    """What the demo is built to show: only an unposted non-inventory true-up stays open."""
    if not spec.inventory_mode and month > spec.true_up_through:
        return "true_up_required"
    return "reconciled"


def true_up_lines(amount: Decimal) -> list[Row]:
    """Proposed true-up lines: debit inventory/credit COGS when positive, else the reverse."""
    debit_account, credit_account = (INVENTORY, COGS) if amount > 0 else (COGS, INVENTORY)
    return [
        {"account_number": debit_account, "debit": money(abs(amount)), "credit": money(ZERO)},
        {"account_number": credit_account, "debit": money(ZERO), "credit": money(abs(amount))},
    ]


def summarize(company: Company) -> list[dict[str, object]]:
    """Per entity and period figures, asserting every period lands on its intended status."""
    erp, valuation, journal = (
        erp_rows(company.documents),
        valuation_rows(company.snapshots),
        journal_rows(company.gl),
    )
    periods: list[dict[str, object]] = []
    for spec in ENTITIES:
        mine = [
            [row for row in rows if row["entity"] == spec.code]
            for rows in (erp, valuation, journal)
        ]
        for month in MONTHS:
            figures = period_figures(spec, month, *mine)
            status = period_status(spec, figures)
            assert figures["rollforward_difference"] == ZERO, (spec.code, month)
            assert status == expected_status(spec, month), (spec.code, month, figures)
            period: dict[str, object] = {
                "entity": spec.code,
                "period_start": date(YEAR, month, 1).isoformat(),
            }
            period |= {name: money(figures[name]) for name in SUMMARY_FIELDS}
            period["status"] = status
            if status == "true_up_required":
                period["true_up_lines"] = true_up_lines(figures["true_up_amount"])
            periods.append(period)
    return periods


# Export rows and files.


def erp_rows(documents: Iterable[Document]) -> list[Row]:
    """ERP transaction rows sorted by entity, date and id."""
    rows = [row for document in documents for row in document_erp_rows(document)]
    return sorted(rows, key=lambda r: (r["entity"], r["posted_date"], r["transaction_id"]))


def journal_rows(gl: Iterable[GlTxn]) -> list[Row]:
    """Journal lines sorted by entity, date, transaction and line."""
    rows = [row for txn in gl for row in txn.rows()]
    return sorted(
        rows,
        key=lambda r: (r["entity"], r["txn_date"], int(r["transaction_id"]), int(r["line_number"])),
    )


def valuation_rows(snapshots: Iterable[SnapshotRow]) -> list[Row]:
    """Valuation snapshot rows in the export layout."""
    return [
        {
            "entity": row.entity,
            "as_of_date": row.as_of.isoformat(),
            "item_sku": row.sku,
            "location": row.location,
            "quantity_on_hand": str(row.quantity),
            "total_value": money(row.value),
        }
        for row in sorted(snapshots, key=lambda r: (r.as_of, r.entity, r.sku, r.location))
    ]


def account_rows(spec: EntitySpec) -> list[Row]:
    """The entity's chart of accounts (the same numbers in every entity)."""
    return [dict(zip(ACCOUNT_COLUMNS, (spec.code, *account), strict=True)) for account in CHART]


def drops_with_resend(
    prefix: str,
    rows: list[Row],
    date_column: str,
    key_columns: Sequence[str],
    stale_rows: list[Row],
) -> dict[str, list[Row]]:
    """One file per month holding first-exported rows, plus a later re-drop of late March.

    The re-drop repeats every row dated in the resend window and carries the corrected version
    of the stale rows, so a loader must deduplicate and let the later file name win.
    """

    def key(row: Row) -> tuple[str, ...]:
        return tuple(row[column] for column in key_columns)

    stale_by_key = {key(row): row for row in stale_rows}
    files: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        posted = date.fromisoformat(row[date_column])
        files[f"{prefix}_{posted:%Y_%m}.csv"].append(stale_by_key.get(key(row), row))
        if key(row) in stale_by_key or RESEND_FROM <= posted <= RESEND_TO:
            files[f"{prefix}_{RESEND_SUFFIX}.csv"].append(row)
    return files


def valuation_drops(rows: list[Row]) -> dict[str, list[Row]]:
    """One file per snapshot date; some files repeat an earlier snapshot."""
    files: dict[str, list[Row]] = {}
    for as_of in sorted({row["as_of_date"] for row in rows}):
        dates = {as_of}
        repeated = REPEATED_SNAPSHOTS.get(date.fromisoformat(as_of))
        if repeated is not None:
            dates.add(repeated.isoformat())
        name = f"erp_inventory_valuation_{as_of.replace('-', '_')}.csv"
        files[name] = [row for row in rows if row["as_of_date"] in dates]
    return files


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """Write one export file: UTF-8, header row, comma separated, LF line ends."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def config_yaml() -> str:
    """cogs_recon.yml: every entity's sync settings and the one configured account role."""
    lines = [
        "# Demo company written by seeds/demo/generate_demo_exports.py: regenerate, do not edit.",
        "# 1300 and 5000 are not listed: their roles are inferred from the chart of accounts.",
        "entities:",
    ]
    for spec in ENTITIES:
        lines += [
            f"  {spec.code}:",
            f"    sync_mode: {spec.sync_mode}",
            f"    adjustments_booked_to: {spec.adjustments_booked_to}",
        ]
    lines.append("account_roles:")
    lines += [f'  "{number}": {role}' for number, role in ACCOUNT_ROLES.items()]
    return "\n".join(lines) + "\n"


def clear_exports(out_dir: Path) -> None:
    """Remove export files a previous run wrote, so renamed drops cannot linger."""
    prefixes = (
        "erp_inventory_transactions",
        "erp_inventory_valuation",
        "gl_accounts",
        "gl_journal_lines",
    )
    for path in out_dir.glob("*.csv"):
        if path.name.startswith(prefixes):
            path.unlink()


def export_files(company: Company) -> list[tuple[str, Sequence[str], list[Row]]]:
    """Every export file of the company: name, columns, rows."""
    stale_gl = [txn for txn in map(document_gl_txn, company.stale) if txn is not None]
    groups = [
        (
            ERP_TRANSACTION_COLUMNS,
            drops_with_resend(
                "erp_inventory_transactions",
                erp_rows(company.documents),
                "posted_date",
                ("entity", "transaction_id"),
                erp_rows(company.stale),
            ),
        ),
        (
            JOURNAL_COLUMNS,
            drops_with_resend(
                "gl_journal_lines",
                journal_rows(company.gl),
                "txn_date",
                ("entity", "transaction_id", "line_number"),
                journal_rows(stale_gl),
            ),
        ),
        (VALUATION_COLUMNS, valuation_drops(valuation_rows(company.snapshots))),
        (
            ACCOUNT_COLUMNS,
            {f"gl_accounts_{spec.code.lower()}.csv": account_rows(spec) for spec in ENTITIES},
        ),
    ]
    return [(name, columns, rows) for columns, files in groups for name, rows in files.items()]


def generate(out_dir: Path) -> None:
    """Write the demo exports folder (four sources over several files, plus cogs_recon.yml)."""
    company = build_company()
    summarize(company)  # asserts the company reconciles as designed before anything is written
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_exports(out_dir)
    for name, columns, rows in export_files(company):
        write_csv(out_dir / name, columns, rows)
    (out_dir / "cogs_recon.yml").write_text(config_yaml(), encoding="utf-8")


def expected_periods() -> list[dict[str, object]]:
    """The oracle: per entity and period figures the pipeline must reproduce."""
    return summarize(build_company())


def write_summary(path: Path) -> None:
    """Write expected_summary.json in the fixtures' expected.json shape (`periods` only)."""
    payload = {"periods": expected_periods()}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: write the exports and the expected summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=DEFAULT_EXPORTS)
    parser.add_argument("--summary", type=Path, default=DEFAULT_SUMMARY)
    args = parser.parse_args(argv)
    generate(args.out_dir)
    write_summary(args.summary)
    print(f"wrote {args.out_dir} and {args.summary}")


if __name__ == "__main__":
    main()
