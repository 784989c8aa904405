"""An ERP export read by a **column mapping** from cogs_recon.yml (`layout: mapped`).

ERPs without a public export layout (iPoint's stock transactions and valuation) are described
by their user instead of by a module here: for each canonical column, the file's column that
holds it, a constant (`{constant: MAIN}`), or for a signed number the difference of two
unsigned columns (`{in: Qty In, out: Qty Out}`); and for text columns a map of the ERP's words
to the canonical ones (`Item Receipt: RECEIPT`). The header is the file's (or sheet's) first
row; a mapped column it lacks refuses the file, naming that row and the column.

Values go through values.py like every report's: dates in the rule's `date_format`, amounts
and quantities as people print them. What no rule reads, and a word the value map lacks, is
passed on unchanged, so the validation rejects the row with its file, line and reason.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

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
    amount_text,
    canonical_amount,
    cell_text,
    parse_amount,
)
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.sources import (
    ERP_INVENTORY_TRANSACTIONS,
    ERP_INVENTORY_VALUATION,
    ExportSource,
)

LAYOUT_NAME = "mapped"
MAPPED_SOURCES: dict[str, ExportSource] = {
    source.name: source for source in (ERP_INVENTORY_TRANSACTIONS, ERP_INVENTORY_VALUATION)
}
"""The sources a mapping may feed: the ERP side, whose exports have no layout of their own."""
DATE_COLUMNS = frozenset({"posted_date", "as_of_date"})
NUMBER_COLUMNS = frozenset({"quantity", "extended_cost", "quantity_on_hand", "total_value"})


@dataclass(frozen=True)
class ColumnRule:
    """Where one canonical column comes from: exactly one of a file column, a constant, or
    the difference `inflow - outflow` of two file columns (a number only)."""

    column: str | None = None
    constant: str | None = None
    inflow: str | None = None
    outflow: str | None = None

    @property
    def file_columns(self) -> tuple[str, ...]:
        return tuple(name for name in (self.column, self.inflow, self.outflow) if name)


@dataclass(frozen=True)
class ColumnMapping:
    """A rule's whole mapping: the source it feeds, each canonical column's rule, and the
    value maps (canonical column -> normalized ERP word -> canonical text)."""

    config_key: str
    source: ExportSource
    columns: Mapping[str, ColumnRule]
    values: Mapping[str, Mapping[str, str]]

    def layout(self) -> Layout:
        """The mapping as a Layout: its header columns are the file columns it names; none is
        required to find the header (the first row is), the adapter checks them all."""
        names = sorted({name for rule in self.columns.values() for name in rule.file_columns})
        return Layout(
            name=LAYOUT_NAME,
            source=self.source,
            columns={normalized(name): (normalized(name),) for name in names},
            required=frozenset(),
            adapt=self.adapt,
            settings=repr((self.source.name, self.columns, self.values)),
        )

    def adapt(self, source: AdapterInput) -> Iterator[CanonicalRow]:
        """Each non-blank row under the header as a canonical row."""
        for rule_key, rule in self.columns.items():
            for name in rule.file_columns:
                if normalized(name) not in source.header.positions:
                    raise UnusableInputError(
                        source.file_label,
                        source.header.line,
                        name,
                        f"the header row lacks the column {self.config_key}.columns."
                        f"{rule_key} names",
                    )
        for line, cells in source.rows:
            if non_empty_texts(cells):
                row: CanonicalRow = {
                    column: self._value(source, line, cells, column, rule) or None
                    for column, rule in self.columns.items()
                }
                row["_source_line"] = line
                yield row

    def _value(
        self, source: AdapterInput, line: int, cells: Sequence[Cell], column: str, rule: ColumnRule
    ) -> str | None:
        if rule.constant is not None:
            return rule.constant
        if rule.inflow is not None and rule.outflow is not None:
            return _difference(
                source.cell(cells, normalized(rule.inflow)),
                source.cell(cells, normalized(rule.outflow)),
            )
        cell = source.cell(cells, normalized(rule.column or ""))
        if column in DATE_COLUMNS:
            return source.date_text(line, cell)
        if column in NUMBER_COLUMNS:
            return canonical_amount(cell)
        text = cell_text(cell)
        return self.values.get(column, {}).get(normalized(text), text)


def _difference(inflow: Cell, outflow: Cell) -> str | None:
    """`in - out` as canonical text, None when both are empty; when either cannot be read,
    both texts as printed, for the validation to reject."""
    try:
        into, out = parse_amount(inflow), parse_amount(outflow)
    except UnreadableValue:
        return " ".join(filter(None, (cell_text(inflow), cell_text(outflow))))
    if into is None and out is None:
        return None
    return amount_text((into or 0) - (out or 0))


def parse_mapping(file: str, key: str, entry: Mapping[str, object]) -> ColumnMapping:
    """The mapping of an `exports:` entry with `layout: mapped`; UnusableInputError naming the
    key (`exports[0].columns.quantity`) when it cannot be used."""
    source_name = entry.get("source")
    if source_name not in MAPPED_SOURCES:
        raise UnusableInputError(
            file,
            None,
            f"{key}.source",
            f"{source_name!r} is not one of {', '.join(MAPPED_SOURCES)}",
        )
    source = MAPPED_SOURCES[str(source_name)]
    columns_entry = entry.get("columns")
    if not isinstance(columns_entry, dict):
        raise UnusableInputError(
            file, None, f"{key}.columns", "a mapping `canonical column: file column` is expected"
        )
    columns = {
        str(column): _column_rule(file, f"{key}.columns.{column}", source, str(column), value)
        for column, value in columns_entry.items()
    }
    # `entity:` of the rule is the entity's constant when no column gives it.
    missing = [column for column in source.required_columns if column not in columns]
    if missing:
        raise UnusableInputError(
            file, None, f"{key}.columns", f"required columns not mapped: {', '.join(missing)}"
        )
    return ColumnMapping(
        config_key=key,
        source=source,
        columns=columns,
        values=_value_maps(file, f"{key}.values", columns, entry.get("values") or {}),
    )


def _column_rule(
    file: str, key: str, source: ExportSource, column: str, value: object
) -> ColumnRule:
    if column not in source.columns:
        raise UnusableInputError(
            file, None, key, f"not a column of {source.name} ({', '.join(source.columns)})"
        )
    if isinstance(value, str) and value.strip():
        return ColumnRule(column=value)
    if isinstance(value, dict) and set(value) == {"constant"} and value["constant"] is not None:
        return ColumnRule(constant=str(value["constant"]))
    if (
        isinstance(value, dict)
        and set(value) == {"in", "out"}
        and column in NUMBER_COLUMNS
        and all(isinstance(value[side], str) and value[side].strip() for side in ("in", "out"))
    ):
        return ColumnRule(inflow=value["in"], outflow=value["out"])
    shapes = "a file column's name or `{constant: TEXT}`"
    if column in NUMBER_COLUMNS:
        shapes += " or `{in: COLUMN, out: COLUMN}`"
    raise UnusableInputError(file, None, key, f"{value!r} is not {shapes}")


def _value_maps(
    file: str, key: str, columns: Mapping[str, ColumnRule], entry: object
) -> dict[str, dict[str, str]]:
    """`values: {column: {ERP word: canonical text}}`, for text columns read from the file;
    words are matched without case and runs of spaces."""
    if not isinstance(entry, dict):
        raise UnusableInputError(
            file, None, key, "a mapping `column: {ERP word: value}` is expected"
        )
    maps = {}
    for column, words in entry.items():
        rule = columns.get(str(column))
        if rule is None or rule.column is None or column in DATE_COLUMNS | NUMBER_COLUMNS:
            raise UnusableInputError(
                file, None, f"{key}.{column}", "values map only text columns read from the file"
            )
        if not isinstance(words, dict) or not words:
            raise UnusableInputError(
                file, None, f"{key}.{column}", "a mapping `ERP word: canonical value` is expected"
            )
        if any(value is None for value in words.values()):
            raise UnusableInputError(file, None, f"{key}.{column}", "a word maps to nothing")
        maps[str(column)] = {normalized(str(word)): str(value) for word, value in words.items()}
    return maps
