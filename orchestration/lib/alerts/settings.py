"""The `alerts:` section of cogs_recon.yml: channels, reminder interval, link base, retries.

Secrets (the webhook URL, SMTP credentials) never sit in the file: it names the environment
variables that hold them, read when a message is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from orchestration.lib.errors import UnusableInputError

# slack: text + blocks; generic: one flat JSON object with every field; text: {"text": ...}
# only, for endpoints that refuse unknown fields (Google Chat, Teams connectors).
WEBHOOK_STYLES = ("slack", "generic", "text")
# Keys that would put a secret in the file: refused, with the *_env key to use instead.
SECRET_KEYS = {"url": "url_env", "password": "password_env", "username": "username_env"}
# The keys each part of the section takes: a misspelt key is refused, not silently defaulted.
KEYS = {
    "alerts": ("webhook", "email", "reminder_after_days", "run_url", "retry"),
    "alerts.webhook": ("url_env", "style"),
    "alerts.email": (
        "smtp_host",
        "smtp_port",
        "from",
        "to",
        "username_env",
        "password_env",
        "starttls",
    ),
    "alerts.retry": ("attempts", "backoff_seconds", "timeout_seconds"),
}


@dataclass(frozen=True)
class WebhookSettings:
    """An incoming webhook: Slack-compatible, a flat JSON object, or just a text."""

    url_env: str
    style: str


@dataclass(frozen=True)
class EmailSettings:
    """An SMTP server and the people to write to."""

    smtp_host: str
    smtp_port: int
    sender: str
    recipients: tuple[str, ...]
    username_env: str | None
    password_env: str | None
    starttls: bool


@dataclass(frozen=True)
class RetrySettings:
    """How hard to try a failing channel before giving up on it for this run."""

    attempts: int = 3
    backoff_seconds: float = 2.0
    timeout_seconds: float = 10.0


@dataclass(frozen=True)
class AlertSettings:
    """The whole `alerts:` section."""

    webhook: WebhookSettings | None
    email: EmailSettings | None
    reminder_after_days: int = 7
    run_url: str | None = None
    retry: RetrySettings = RetrySettings()

    def run_link(self, run_id: str) -> str:
        """Where the run is seen in the Dagster UI; the bare run id without a `run_url`."""
        if self.run_url is None:
            return run_id
        return f"{self.run_url.rstrip('/')}/runs/{run_id}"


class _Section:
    """One mapping of the file, read key by key; every refusal names the full key."""

    def __init__(self, file: str, path: str, value: object) -> None:
        self.file, self.path = file, path
        if not isinstance(value, dict):
            raise UnusableInputError(file, None, path, "a mapping is required")
        for key in value:
            if key in SECRET_KEYS:
                raise self.refuse(
                    key,
                    "secrets are not written in the file: name the environment variable "
                    f"holding it with `{SECRET_KEYS[key]}`",
                )
            if key not in KEYS[path]:
                raise self.refuse(key, f"unknown key (expected: {', '.join(KEYS[path])})")
        self.values = value

    def refuse(self, key: str, reason: str) -> UnusableInputError:
        return UnusableInputError(self.file, None, f"{self.path}.{key}", reason)

    def text(self, key: str) -> str:
        value = self.values.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.refuse(key, "a non-empty text is required")
        return value

    def optional_text(self, key: str) -> str | None:
        return None if self.values.get(key) is None else self.text(key)

    def whole(self, key: str, default: int) -> int:
        value = self.values.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self.refuse(key, f"{value!r} is not a positive whole number")
        return value

    def seconds(self, key: str, default: float, zero_allowed: bool) -> float:
        value = self.values.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or value < 0
            or (value == 0 and not zero_allowed)
        ):
            raise self.refuse(key, f"{value!r} is not a usable number of seconds")
        return value  # a duration, never an amount: int or float as YAML wrote it

    def flag(self, key: str, default: bool) -> bool:
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            raise self.refuse(key, f"{value!r} is not true or false")
        return value

    def section(self, key: str) -> _Section | None:
        value = self.values.get(key)
        return None if value is None else _Section(self.file, f"{self.path}.{key}", value)


def parse_alert_settings(file: str, value: object) -> AlertSettings | None:
    """The section's settings; None when there is no section (no alerts are sent)."""
    if value is None:
        return None
    section = _Section(file, "alerts", value)
    webhook, email = section.section("webhook"), section.section("email")
    if webhook is None and email is None:
        raise section.refuse("webhook", "alerts need a `webhook` or an `email` channel")
    return AlertSettings(
        webhook=_webhook(webhook) if webhook else None,
        email=_email(email) if email else None,
        reminder_after_days=section.whole("reminder_after_days", AlertSettings.reminder_after_days),
        run_url=section.optional_text("run_url"),
        retry=_retry(section.section("retry")),
    )


def _webhook(section: _Section) -> WebhookSettings:
    style = section.values.get("style", "slack")
    if style not in WEBHOOK_STYLES:
        raise section.refuse("style", f"{style!r} is not one of {', '.join(WEBHOOK_STYLES)}")
    return WebhookSettings(url_env=section.text("url_env"), style=style)


def _email(section: _Section) -> EmailSettings:
    recipients = section.values.get("to")
    if isinstance(recipients, str):
        recipients = [recipients]
    if not recipients or not all(isinstance(r, str) and "@" in r for r in recipients):
        raise section.refuse("to", "one or more e-mail addresses are required")
    return EmailSettings(
        smtp_host=section.text("smtp_host"),
        smtp_port=section.whole("smtp_port", 587),
        sender=section.text("from"),
        recipients=tuple(recipients),
        username_env=section.optional_text("username_env"),
        password_env=section.optional_text("password_env"),
        starttls=section.flag("starttls", True),
    )


def _retry(section: _Section | None) -> RetrySettings:
    defaults = RetrySettings()
    if section is None:
        return defaults
    return RetrySettings(
        attempts=section.whole("attempts", defaults.attempts),
        backoff_seconds=section.seconds("backoff_seconds", defaults.backoff_seconds, True),
        timeout_seconds=section.seconds("timeout_seconds", defaults.timeout_seconds, False),
    )
