"""Reads and checks `cogs_recon.yml`: entity sync settings, explicit account roles, alerts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

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


@dataclass(frozen=True)
class EntitySettings:
    """How one entity syncs its ERP to QuickBooks."""

    entity: str
    sync_mode: str
    adjustments_booked_to: str


@dataclass(frozen=True)
class ReconConfig:
    """The whole configuration file."""

    entities: tuple[EntitySettings, ...]
    account_roles: dict[str, str]
    alerts: AlertSettings | None = None


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
    return ReconConfig(
        entities=tuple(entities),
        account_roles=account_roles,
        alerts=parse_alert_settings(path.name, document.get("alerts")),
    )


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
    with con.transaction():
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
