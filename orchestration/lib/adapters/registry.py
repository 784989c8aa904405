"""Every layout the adapters read, by the name cogs_recon.yml uses for it."""

from __future__ import annotations

from orchestration.lib.adapters import (
    bc_gl_entries,
    bc_value_entries,
    qbd_general_ledger,
    qbo_account_list,
    qbo_general_ledger,
    qbo_journal,
)
from orchestration.lib.adapters.base import Layout

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        qbo_journal.LAYOUT,
        qbo_general_ledger.LAYOUT,
        qbd_general_ledger.LAYOUT,
        qbo_account_list.LAYOUT,
        bc_gl_entries.LAYOUT,
        bc_value_entries.LAYOUT,
    )
}
