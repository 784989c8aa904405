"""Input adapters: real export files (QuickBooks reports, ERP ledgers) to canonical raw rows.

One module per layout (`qbo_journal`, `qbo_account_list`, ...), each a `Layout` that names the
canonical source it feeds, the header columns that identify it and a function that turns the
rows under that header into canonical text rows. `registry` lists them, `detect` finds a file's
layout from its content, `loading` inserts the rows into the raw tables on either engine.
"""
