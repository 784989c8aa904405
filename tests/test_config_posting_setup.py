"""`posting_setup:` in cogs_recon.yml: a Business Central / NAV company's posting setup
accounts become account roles, merged with `account_roles:`, contradictions refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from orchestration.lib.config import land_config, load_config
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.warehouse import WarehouseConnection

ENTITIES = {"default": {"sync_mode": "inventory", "adjustments_booked_to": "inventory_adjustment"}}
SETUP = {
    "inventory": ["1300", 1310],
    "cogs": "5000",
    "purch_account": "5800",
    "direct_cost_applied": "5805",
    "inventory_adjmt": "5100",
}


def write(tmp_path: Path, document: dict[str, object]) -> Path:
    path = tmp_path / "cogs_recon.yml"
    path.write_text(yaml.safe_dump({"entities": ENTITIES, **document}))
    return path


def test_posting_setup_accounts_become_account_roles(
    tmp_path: Path, con: WarehouseConnection
) -> None:
    config = load_config(
        write(
            tmp_path, {"posting_setup": SETUP, "account_roles": {"5000": "cogs", "6000": "other"}}
        )
    )

    assert config.account_roles == {
        "5000": "cogs",
        "6000": "other",
        "1300": "inventory_asset",
        "1310": "inventory_asset",
        "5800": "purchases",
        "5805": "direct_cost_applied",
        "5100": "inventory_adjustment",
    }
    land_config(con, config)
    assert con.execute(
        "select account_number, role from raw.account_role_overrides order by account_number"
    ).fetchall() == sorted(config.account_roles.items())


@pytest.mark.parametrize(
    ("document", "column", "reason"),
    [
        ({"posting_setup": ["1300"]}, "posting_setup", "a mapping"),
        ({"posting_setup": {"overhead_applied": "5810"}}, "posting_setup.overhead_applied", "not"),
        ({"posting_setup": {"cogs": [None]}}, "posting_setup.cogs", "not an account number"),
        ({"posting_setup": {"cogs": "5000", "inventory": "5000"}}, "posting_setup.inventory", ""),
        (
            {"posting_setup": {"cogs": "5000"}, "account_roles": {"5000": "purchases"}},
            "account_roles.5000",
            "posting_setup makes the account 'cogs'",
        ),
    ],
)
def test_a_posting_setup_that_cannot_be_used_is_refused_naming_its_key(
    tmp_path: Path, document: dict[str, object], column: str, reason: str
) -> None:
    with pytest.raises(UnusableInputError) as raised:
        load_config(write(tmp_path, document))

    assert raised.value.column == column
    assert reason in raised.value.reason
