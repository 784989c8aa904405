"""Great Expectations suites. Only this module is light: the suites themselves import GX."""

# The reconciliation amounts that must be exactly 0.00 in every settled period.
CHECKED_COLUMNS = ("variance", "inventory_difference", "rollforward_difference")
