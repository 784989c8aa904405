"""cogs_recon.yml: what it accepts and how it refuses what it cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.lib.config import EntitySettings, land_config, load_config
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.warehouse import connect


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cogs_recon.yml"
    path.write_text(text)
    return path


def test_entities_and_roles_are_read(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            "entities:\n  EAST:\n    sync_mode: non_inventory\n"
            "    adjustments_booked_to: cogs\naccount_roles:\n  1300: inventory_asset\n",
        )
    )
    assert config.entities == (EntitySettings("EAST", "non_inventory", "cogs"),)
    assert config.account_roles == {"1300": "inventory_asset"}


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("entities: []\n", "entities"),
        ("entities:\n  E:\n    adjustments_booked_to: cogs\n", "entities.E.sync_mode"),
        (
            "entities:\n  E:\n    sync_mode: inventory\n    adjustments_booked_to: expense\n",
            "entities.E.adjustments_booked_to",
        ),
        (
            "entities:\n  E:\n    sync_mode: inventory\n    adjustments_booked_to: cogs\n"
            "account_roles:\n  '1300': stock\n",
            "account_roles.1300",
        ),
    ],
)
def test_unusable_settings_name_the_key(tmp_path: Path, text: str, column: str) -> None:
    with pytest.raises(UnusableInputError) as raised:
        load_config(write(tmp_path, text))
    assert raised.value.column == column


def test_a_missing_file_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInputError, match="configuration file not found"):
        load_config(tmp_path / "cogs_recon.yml")


def test_a_config_without_account_roles_lands(tmp_path: Path, engine_warehouse: str) -> None:
    config = load_config(
        write(
            tmp_path, "entities:\n  E:\n    sync_mode: inventory\n    adjustments_booked_to: cogs\n"
        )
    )
    with connect(engine_warehouse) as con:
        land_config(con, config)
        assert con.execute("select * from raw.entity_settings").fetchall() == [
            ("E", "inventory", "cogs")
        ]
        assert con.execute("select count(*) from raw.account_role_overrides").fetchone() == (0,)


@pytest.mark.parametrize(
    ("close", "key"),
    [
        ("close:\n  close_after_days: -1\n", "close.close_after_days"),
        ("close:\n  closed_through: 2026-13\n", "close.closed_through"),
        ("close:\n  closed_after: 3\n", "close"),
    ],
)
def test_unusable_close_rules_name_the_key(tmp_path: Path, close: str, key: str) -> None:
    entities = "entities:\n  E:\n    sync_mode: inventory\n    adjustments_booked_to: cogs\n"
    with pytest.raises(UnusableInputError) as raised:
        load_config(write(tmp_path, entities + close))
    assert raised.value.column == key


def test_close_rules_are_read(tmp_path: Path) -> None:
    entities = "entities:\n  E:\n    sync_mode: inventory\n    adjustments_booked_to: cogs\n"
    config = load_config(
        write(tmp_path, entities + "close:\n  close_after_days: 10\n  closed_through: 2026-09\n")
    )
    assert (config.close.close_after_days, config.close.closed_through) == (10, "2026-09")
