"""The export sources the pipeline reads: file prefix and the columns the contract fixes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ExportSource:
    """One kind of export file: its name prefix, its raw table and its columns."""

    name: str
    required_columns: tuple[str, ...]
    optional_columns: tuple[str, ...] = ()
    # The date that puts a row in a period of the period-partitioned models, if they read it.
    period_column: str | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required_columns + self.optional_columns

    @property
    def raw_table(self) -> str:
        return f"raw.{self.name}"

    def files_in(self, exports_dir: Path) -> list[Path]:
        """The source's files, in load order: by name, so a later drop wins on the same key."""
        return sorted(exports_dir.glob(f"{self.name}*.csv"), key=lambda path: path.name)


ERP_INVENTORY_TRANSACTIONS = ExportSource(
    name="erp_inventory_transactions",
    required_columns=(
        "transaction_id",
        "posted_date",
        "transaction_type",
        "reference",
        "item_sku",
        "quantity",
        "extended_cost",
    ),
    optional_columns=("entity", "location", "memo"),
    period_column="posted_date",
)

ERP_INVENTORY_VALUATION = ExportSource(
    name="erp_inventory_valuation",
    required_columns=("as_of_date", "item_sku", "quantity_on_hand", "total_value"),
    optional_columns=("entity", "location"),
)

GL_ACCOUNTS = ExportSource(
    name="gl_accounts",
    required_columns=("account_number", "account_name", "account_type", "detail_type"),
    optional_columns=("entity",),
)

GL_JOURNAL_LINES = ExportSource(
    name="gl_journal_lines",
    required_columns=(
        "transaction_id",
        "line_number",
        "txn_date",
        "txn_type",
        "doc_number",
        "account_number",
        "debit",
        "credit",
    ),
    optional_columns=("entity", "name", "memo"),
    period_column="txn_date",
)

EXPORT_SOURCES: tuple[ExportSource, ...] = (
    ERP_INVENTORY_TRANSACTIONS,
    ERP_INVENTORY_VALUATION,
    GL_ACCOUNTS,
    GL_JOURNAL_LINES,
)
