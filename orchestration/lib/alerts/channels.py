"""Sending a message: a JSON webhook and SMTP e-mail, each retried, neither ever raising.

An alert channel that is down must not fail the reconciliation it reports on: every failure is
logged and returned as an undelivered `Delivery`, which the caller shows in the run.
"""

from __future__ import annotations

import json
import logging
import os
import smtplib
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from orchestration.lib.alerts.messages import Message
from orchestration.lib.alerts.settings import (
    AlertSettings,
    EmailSettings,
    RetrySettings,
    WebhookSettings,
)


@dataclass(frozen=True)
class Delivery:
    """How one message fared on one channel."""

    channel: str
    subject: str
    delivered: bool
    attempts: int
    error: str | None = None


def webhook_payload(message: Message, style: str) -> dict[str, Any]:
    """Slack's `text` + `blocks`, or one flat JSON object (Teams, Google Chat, any endpoint)."""
    if style == "slack":
        return {
            "text": message.subject,
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": message.subject[:150]}},
                {"type": "section", "text": {"type": "mrkdwn", "text": f"```{message.text}```"}},
            ],
        }
    return {
        "subject": message.subject,
        "text": f"{message.subject}\n\n{message.text}",
        "severity": message.severity,
        **message.fields,
    }


def email_message(message: Message, settings: EmailSettings) -> EmailMessage:
    """A plain-text e-mail with the alert's subject line."""
    mail = EmailMessage()
    mail["Subject"] = message.subject
    mail["From"] = settings.sender
    mail["To"] = ", ".join(settings.recipients)
    mail.set_content(message.text)
    return mail


def secret(name: str) -> str:
    """A secret from the environment variable the configuration names."""
    value = os.environ.get(name)
    if not value:
        raise LookupError(f"environment variable {name} is not set")
    return value


def post_webhook(message: Message, settings: WebhookSettings, timeout: float) -> None:
    """POST the payload; any answer but 2xx raises (urllib raises HTTPError for it)."""
    request = urllib.request.Request(
        secret(settings.url_env),
        data=json.dumps(webhook_payload(message, settings.style)).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()


def send_email(message: Message, settings: EmailSettings, timeout: float) -> None:
    """Hand the e-mail to the SMTP server, over STARTTLS and logged in when configured."""
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username_env:
            password = secret(settings.password_env) if settings.password_env else ""
            smtp.login(secret(settings.username_env), password)
        smtp.send_message(email_message(message, settings))


def with_retries(
    channel: str,
    message: Message,
    send: Callable[[], None],
    retry: RetrySettings,
    log: logging.Logger,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """Try `send` up to `retry.attempts` times, doubling the pause; log every failure."""
    error = ""
    for attempt in range(1, retry.attempts + 1):
        try:
            send()
        except Exception as exc:  # any failure of a channel is the same to the run: not sent
            error = f"{type(exc).__name__}: {exc}"
            log.warning(
                f"alert {channel}: attempt {attempt}/{retry.attempts} failed for "
                f"{message.subject!r}: {error}"
            )
            if attempt < retry.attempts:
                sleep(retry.backoff_seconds * 2 ** (attempt - 1))
            continue
        log.info(f"alert {channel}: sent {message.subject!r}")
        return Delivery(channel, message.subject, True, attempt)
    log.error(f"alert {channel}: gave up on {message.subject!r} after {retry.attempts} attempts")
    return Delivery(channel, message.subject, False, retry.attempts, error)


def deliver(
    message: Message,
    settings: AlertSettings,
    log: logging.Logger,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Delivery]:
    """Send the message on every configured channel."""
    timeout = settings.retry.timeout_seconds
    senders: list[tuple[str, Callable[[], None]]] = []
    if (webhook := settings.webhook) is not None:
        senders.append(("webhook", lambda: post_webhook(message, webhook, timeout)))
    if (email := settings.email) is not None:
        senders.append(("email", lambda: send_email(message, email, timeout)))
    return [
        with_retries(channel, message, send, settings.retry, log, sleep)
        for channel, send in senders
    ]
