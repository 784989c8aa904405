"""Alerts: what to tell people about the reconciliation, when, and through which channels."""
