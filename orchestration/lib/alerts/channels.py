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
from email.utils import formatdate, make_msgid
from functools import partial
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
    """Slack's `text` + `blocks`; one flat JSON object of every field; or only a `text`."""
    if style == "text":
        return {"text": f"{message.subject}\n\n{message.text}"}
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
    """A plain-text e-mail with the alert's subject line (Date and Message-ID: spam filters)."""
    mail = EmailMessage()
    mail["Subject"] = message.subject
    mail["From"] = settings.sender
    mail["To"] = ", ".join(settings.recipients)
    mail["Date"] = formatdate()
    mail["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    mail.set_content(message.text)
    return mail


def secret(name: str) -> str:
    """A secret from the environment variable the configuration names."""
    value = os.environ.get(name)
    if not value:
        raise LookupError(f"environment variable {name} is not set")
    return value


def post_webhook(payload: dict[str, Any], url: str, timeout: float) -> None:
    """POST the payload; any answer but 2xx raises (urllib raises HTTPError for it)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()


def send_email(
    mail: EmailMessage, settings: EmailSettings, login: tuple[str, str] | None, timeout: float
) -> None:
    """Hand the e-mail to the SMTP server, over STARTTLS and logged in when configured."""
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if login is not None:
            smtp.login(*login)
        smtp.send_message(mail)


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


Sender = Callable[[Message], None]


class Channels:
    """The configured channels, for one run.

    A channel whose secret is missing, or that gave up on a message, is down for the rest of
    the run: the next messages fail at once instead of each waiting out the retries.
    """

    def __init__(
        self,
        settings: AlertSettings,
        log: logging.Logger,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.retry, self.log, self.sleep = settings.retry, log, sleep
        self.names: list[str] = []
        self.senders: dict[str, Sender] = {}
        self.down: dict[str, str] = {}
        timeout = settings.retry.timeout_seconds
        for channel, build in (
            ("webhook", lambda: _webhook_sender(settings.webhook, timeout)),
            ("email", lambda: _email_sender(settings.email, timeout)),
        ):
            try:
                sender = build()
            except LookupError as missing:
                self.names.append(channel)
                self.down[channel] = f"LookupError: {missing}"
                log.error(f"alert {channel}: cannot send: {missing}")
                continue
            if sender is not None:
                self.names.append(channel)
                self.senders[channel] = sender

    def send(self, message: Message) -> list[Delivery]:
        """Send the message on every configured channel, in order; one Delivery per channel."""
        deliveries = []
        for channel in self.names:
            if channel in self.down:
                error = f"channel down: {self.down[channel]}"
                deliveries.append(Delivery(channel, message.subject, False, 0, error))
                continue
            send = partial(self.senders[channel], message)
            delivery = with_retries(channel, message, send, self.retry, self.log, self.sleep)
            if not delivery.delivered:
                self.down[channel] = delivery.error or "failed"
            deliveries.append(delivery)
        return deliveries


def _webhook_sender(settings: WebhookSettings | None, timeout: float) -> Sender | None:
    if settings is None:
        return None
    url = secret(settings.url_env)
    return lambda message: post_webhook(webhook_payload(message, settings.style), url, timeout)


def _email_sender(settings: EmailSettings | None, timeout: float) -> Sender | None:
    if settings is None:
        return None
    login = None
    if settings.username_env:
        password = secret(settings.password_env) if settings.password_env else ""
        login = (secret(settings.username_env), password)
    return lambda message: send_email(email_message(message, settings), settings, login, timeout)
