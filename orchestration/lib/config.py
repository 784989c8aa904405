"""Reads and checks `cogs_recon.yml`: entity sync settings, explicit account roles, alerts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import yaml

from orchestration.lib.adapters import mapped
from orchestration.lib.adapters.base import Layout
from orchestration.lib.adapters.registry import LAYOUTS
from orchestration.lib.adapters.values import DEFAULT_DATE_FORMATS, check_date_formats
from orchestration.lib.alerts.settings import AlertSettings, parse_alert_settings
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.warehouse import WarehouseConnection

SYNC_MODES = ("inventory", "non_inventory")
ADJUSTMENT_TARGETS = ("inventory_adjustment", "cogs")
ACCOUNT_ROLES = (
    "inventory_asset",
    "cogs",
    "inventory_adjustment",
    "purchases",
    "direct_cost_applied",
    "other",
)
CONFIG_FILE_NAME = "cogs_recon.yml"
POSTING_SETUP_ROLES = {
    "inventory": "inventory_asset",
    "cogs": "cogs",
    "purch_account": "purchases",
    "direct_cost_applied": "direct_cost_applied",
    "inventory_adjmt": "inventory_adjustment",
}
"""Business Central / NAV posting setup fields (General and Inventory Posting Setup) and the
account role each gives its accounts."""


@dataclass(frozen=True)
class EntitySettings:
    """How one entity syncs its ERP to QuickBooks."""

    entity: str
    sync_mode: str
    adjustments_booked_to: str


@dataclass(frozen=True)
class ExportRule:
    """How to read the report files whose name matches `file` (a glob): their layout (None:
    detected from the content), the entity they belong to and the date formats they use.
    `mapped`: for `layout: mapped`, the layout its column mapping describes."""

    file: str
    layout: str | None = None
    entity: str | None = None
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    mapped: Layout | None = None

    def matches(self, file_name: str) -> bool:
        return fnmatchcase(file_name, self.file)


@dataclass(frozen=True)
class PeriodClose:
    """When a period closes: `close_after_days` after its end, and every period through the
    month `closed_through` (YYYY-MM). Either, both or neither (no period ever closes)."""

    close_after_days: int | None = None
    closed_through: str | None = None


@dataclass(frozen=True)
class ReconConfig:
    """The whole configuration file."""

    entities: tuple[EntitySettings, ...]
    account_roles: dict[str, str]
    alerts: AlertSettings | None = None
    exports: tuple[ExportRule, ...] = ()
    close: PeriodClose = PeriodClose()


def _choice(file: str, key: str, value: object, allowed: tuple[str, ...]) -> str:
    """The value when it is one of the allowed words, else an error naming the key."""
    if value not in allowed:
        raise UnusableInputError(file, None, key, f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)


def load_config(path: Path) -> ReconConfig:
    """Parse the configuration, refusing anything the reconciliation could misread."""
    if not path.is_file():
        raise UnusableInputError(str(path), None, None, "configuration file not found")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise UnusableInputError(path.name, None, None, f"not valid YAML ({error})") from error
    if not isinstance(document, dict) or not isinstance(document.get("entities"), dict):
        raise UnusableInputError(path.name, None, "entities", "an `entities:` mapping is required")

    entities = []
    for entity, settings in document["entities"].items():
        settings = settings or {}
        entities.append(
            EntitySettings(
                entity=str(entity),
                sync_mode=_choice(
                    path.name, f"entities.{entity}.sync_mode", settings.get("sync_mode"), SYNC_MODES
                ),
                adjustments_booked_to=_choice(
                    path.name,
                    f"entities.{entity}.adjustments_booked_to",
                    settings.get("adjustments_booked_to"),
                    ADJUSTMENT_TARGETS,
                ),
            )
        )
    account_roles = {
        str(account): _choice(path.name, f"account_roles.{account}", role, ACCOUNT_ROLES)
        for account, role in (document.get("account_roles") or {}).items()
    }
    for account, role in _posting_setup_roles(path.name, document.get("posting_setup")).items():
        if account_roles.setdefault(account, role) != role:
            raise UnusableInputError(
                path.name,
                None,
                f"account_roles.{account}",
                f"{account_roles[account]!r} but posting_setup makes the account {role!r}",
            )
    return ReconConfig(
        entities=tuple(entities),
        account_roles=account_roles,
        alerts=parse_alert_settings(path.name, document.get("alerts")),
        exports=_export_rules(path.name, document.get("exports") or []),
        close=_period_close(path.name, document.get("close") or {}),
    )


def _posting_setup_roles(file: str, section: object) -> dict[str, str]:
    """`posting_setup: {inventory: ACCOUNT or [ACCOUNT, ...], cogs: ..., purch_account: ...,
    direct_cost_applied: ..., inventory_adjmt: ...}`, the accounts of a Business Central or
    NAV company's posting setup, as account roles: what the accounts are for is in the ERP's
    setup, not in their names, so the user copies the setup instead of naming each role."""
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise UnusableInputError(file, None, "posting_setup", "a mapping is expected")
    roles: dict[str, str] = {}
    for field, accounts in section.items():
        key = f"posting_setup.{field}"
        role = POSTING_SETUP_ROLES.get(str(field))
        if role is None:
            raise UnusableInputError(
                file, None, key, f"not one of {', '.join(POSTING_SETUP_ROLES)}"
            )
        numbers = accounts if isinstance(accounts, list) else [accounts]
        for number in numbers:
            if not isinstance(number, str | int) or isinstance(number, bool) or not str(number):
                raise UnusableInputError(file, None, key, f"{number!r} is not an account number")
            if roles.setdefault(str(number), role) != role:
                raise UnusableInputError(
                    file, None, key, f"account {number} is also {roles[str(number)]!r}"
                )
    return roles


def _period_close(file: str, section: object) -> PeriodClose:
    """The `close:` section: `close_after_days: N` and/or `closed_through: YYYY-MM`."""
    if not isinstance(section, dict):
        raise UnusableInputError(file, None, "close", "a mapping is expected")
    unknown = set(section) - {"close_after_days", "closed_through"}
    if unknown:
        raise UnusableInputError(file, None, "close", f"unknown keys {', '.join(sorted(unknown))}")
    days = section.get("close_after_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 0):
        raise UnusableInputError(
            file, None, "close.close_after_days", f"{days!r} is not a whole number of days"
        )
    through = section.get("closed_through")
    if through is not None:
        through = str(through)
        if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", through):
            raise UnusableInputError(
                file, None, "close.closed_through", f"{through!r} is not a month YYYY-MM"
            )
    return PeriodClose(close_after_days=days, closed_through=through)


def _export_rules(file: str, entries: object) -> tuple[ExportRule, ...]:
    """The `exports:` list: `{file: GLOB, layout: NAME, entity: E, date_format: F or [F, ...]}`,
    and for `layout: mapped` its `source`, `columns` and `values` (adapters/mapped.py)."""
    if not isinstance(entries, list):
        raise UnusableInputError(file, None, "exports", "a list of `{file: ..., ...}` is expected")
    rules = []
    for index, entry in enumerate(entries):
        key = f"exports[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise UnusableInputError(file, None, key, "each entry needs `file: <name or glob>`")
        layout = entry.get("layout")
        if layout is not None:
            _choice(file, f"{key}.layout", layout, (*LAYOUTS, mapped.LAYOUT_NAME))
        known = {"file", "layout", "entity", "date_format"}
        if layout == mapped.LAYOUT_NAME:
            known |= {"source", "columns", "values"}
        unknown = set(entry) - known
        if unknown:
            raise UnusableInputError(file, None, key, f"unknown keys {', '.join(sorted(unknown))}")
        formats = entry.get("date_format", list(DEFAULT_DATE_FORMATS))
        try:
            date_formats = check_date_formats([formats] if isinstance(formats, str) else formats)
        except (ValueError, TypeError) as error:
            raise UnusableInputError(file, None, f"{key}.date_format", str(error)) from error
        entity = entry.get("entity")
        rules.append(
            ExportRule(
                file=entry["file"],
                layout=layout,
                entity=None if entity is None else str(entity),
                date_formats=date_formats,
                mapped=(
                    mapped.parse_mapping(file, key, entry).layout()
                    if layout == mapped.LAYOUT_NAME
                    else None
                ),
            )
        )
    return tuple(rules)


def period_settings(con: WarehouseConnection) -> list[tuple[object, ...]]:
    """The landed settings the period-partitioned models read (sync modes, account roles);
    empty before the first landing."""
    if not con.table_exists("raw", "entity_settings"):
        return []
    return con.execute(
        "select 'entity', entity, sync_mode, adjustments_booked_to from raw.entity_settings "
        "union all select 'account', account_number, role, null from raw.account_role_overrides "
        "order by 1, 2"
    ).fetchall()


def land_config(con: WarehouseConnection, config: ReconConfig) -> None:
    """Replace the raw configuration tables with this configuration, in one transaction."""
    con.execute("create schema if not exists raw")
    # Emptied, not dropped: on PostgreSQL the staging views depend on the tables.
    con.execute(
        "create table if not exists raw.entity_settings "
        "(entity varchar primary key, sync_mode varchar, adjustments_booked_to varchar)"
    )
    con.execute(
        "create table if not exists raw.account_role_overrides "
        "(account_number varchar primary key, role varchar)"
    )
    con.execute(
        "create table if not exists raw.period_close_settings "
        "(close_after_days integer, closed_through varchar)"
    )
    with con.transaction():
        con.execute("delete from raw.period_close_settings")
        con.execute(
            "insert into raw.period_close_settings values ($days, $through)",
            {"days": config.close.close_after_days, "through": config.close.closed_through},
        )
        con.execute("delete from raw.entity_settings")
        con.execute("delete from raw.account_role_overrides")
        # A handful of rows from a small YAML file: one statement each is plenty.
        for settings in config.entities:
            con.execute(
                "insert into raw.entity_settings values ($entity, $sync_mode, $booked_to)",
                {
                    "entity": settings.entity,
                    "sync_mode": settings.sync_mode,
                    "booked_to": settings.adjustments_booked_to,
                },
            )
        for account_number, role in config.account_roles.items():
            con.execute(
                "insert into raw.account_role_overrides values ($account_number, $role)",
                {"account_number": account_number, "role": role},
            )
