"""Alerting a failed run: one function for the daemon's sensor and for `cogs-recon run`."""

from __future__ import annotations

import logging
from pathlib import Path

from orchestration.lib.alerts.channels import Channels, Delivery
from orchestration.lib.alerts.messages import run_failure_message
from orchestration.lib.config import load_config
from orchestration.lib.errors import UnusableInputError


def alert_run_failure(
    config_path: Path, job_name: str, run_id: str | None, error: str, log: logging.Logger
) -> list[Delivery]:
    """Send the run's error on the configured channels; nothing when none are configured.

    The run may have failed on the configuration itself: then no channel is known, and the
    reason is logged beside the run's own error.
    """
    try:
        settings = load_config(config_path).alerts
    except UnusableInputError as unusable:
        log.warning(f"alerts not sent: {unusable}")
        return []
    if settings is None:
        return []
    link = settings.run_link(run_id) if run_id else None
    return Channels(settings, log).send(run_failure_message(job_name, run_id, error, link))
