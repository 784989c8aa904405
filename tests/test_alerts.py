"""Alerts: the rule deciding what to send, the messages, real local webhook and SMTP servers,
and the whole pipeline alerting once, reminding, recovering and surviving a dead channel."""

from __future__ import annotations

import email
import json
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from email.message import EmailMessage
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiosmtpd.controller import Controller
from dagster import (
    DagsterEventType,
    DagsterInstance,
    build_run_status_sensor_context,
    job,
    op,
)
from support import SCENARIOS_DIR, free_port, query, reconcile

from orchestration.lib.alerts.channels import Delivery, webhook_payload, with_retries
from orchestration.lib.alerts.decide import AlertedState, Decision, Kind, decide
from orchestration.lib.alerts.messages import Message, period_message
from orchestration.lib.alerts.period_alerts import run_period_alerts
from orchestration.lib.alerts.run_failure import alert_run_failure
from orchestration.lib.alerts.settings import (
    AlertSettings,
    RetrySettings,
    WebhookSettings,
    parse_alert_settings,
)
from orchestration.lib.config import CONFIG_FILE_NAME, load_config
from orchestration.lib.errors import UnusableInputError
from orchestration.lib.warehouse import connect
from orchestration.resources import ExportsResource
from orchestration.sensors import reconciliation_failure_alert

WEBHOOK_ENV = "COGS_RECON_TEST_WEBHOOK_URL"
RUN_URL = "http://dagster.test:3000"
NOW = datetime(2026, 5, 3, 6, 0)
APRIL = date(2026, 4, 1)
SCENARIO = SCENARIOS_DIR / "inventory_adjustment_not_pushed"


# --- real local servers -------------------------------------------------------------------


@dataclass
class WebhookServer:
    """A local HTTP endpoint that keeps every JSON body POSTed to it."""

    url: str
    posts: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200


@pytest.fixture
def webhook(monkeypatch: pytest.MonkeyPatch) -> Iterator[WebhookServer]:
    """The server, its URL in the environment variable the alerts configuration names."""
    server = WebhookServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            server.posts.append(json.loads(body))
            self.send_response(server.status)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            """Quiet: the test asserts what arrived."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}/hooks/alerts"
    monkeypatch.setenv(WEBHOOK_ENV, server.url)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    httpd.shutdown()
    httpd.server_close()


@dataclass
class SmtpServer:
    """A local SMTP server that keeps every message it accepts."""

    port: int
    mails: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:  # noqa: N802
        self.mails.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(port=free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    yield server
    controller.stop()


def alerts_section(
    webhook: WebhookServer | None, smtp: SmtpServer | None, style: str = "slack"
) -> dict[str, Any]:
    """An `alerts:` section pointing at the local servers, retrying fast."""
    section: dict[str, Any] = {
        "run_url": RUN_URL,
        "reminder_after_days": 7,
        "retry": {"attempts": 3, "backoff_seconds": 0.01, "timeout_seconds": 5},
    }
    if webhook is not None:
        section["webhook"] = {"url_env": WEBHOOK_ENV, "style": style}
    if smtp is not None:
        section["email"] = {
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp.port,
            "from": "cogs-recon@example.com",
            "to": ["controller@example.com", "cfo@example.com"],
            "starttls": False,
        }
    return section


def settings_for(
    webhook: WebhookServer | None, smtp: SmtpServer | None, style: str = "slack"
) -> AlertSettings | None:
    return parse_alert_settings(CONFIG_FILE_NAME, alerts_section(webhook, smtp, style))


# --- deciding -------------------------------------------------------------------------------


def period(status: str, entity: str = "EAST", **figures: str) -> dict[str, Any]:
    """A row of fct_cogs_reconciliation with the figures the alerts read."""
    amounts = {"computed_cogs": "0.00", "posted_cogs": "0.00", "variance": "0.00"}
    amounts |= {"inventory_difference": "0.00", **figures}
    return {
        "entity": entity,
        "period_start": APRIL,
        "status": status,
        "status_reason": f"{entity} is {status}",
        **{name: Decimal(value) for name, value in amounts.items()},
    }


WEEK = timedelta(days=7)


@pytest.mark.parametrize(
    ("status", "alerted", "expected"),
    [
        ("unreconciled", None, (Kind.ALERT, None)),
        ("incomplete", None, (Kind.ALERT, None)),
        ("true_up_required", None, (Kind.ALERT, None)),
        ("reconciled", None, None),
        ("unreconciled", AlertedState("unreconciled", NOW - timedelta(days=6)), None),
        ("unreconciled", AlertedState("unreconciled", NOW - WEEK), (Kind.REMINDER, "unreconciled")),
        ("incomplete", AlertedState("unreconciled", NOW), (Kind.ALERT, "unreconciled")),
        ("unreconciled", AlertedState("true_up_required", NOW), (Kind.ALERT, "true_up_required")),
        ("reconciled", AlertedState("unreconciled", NOW), (Kind.RECOVERY, "unreconciled")),
        ("reconciled", AlertedState("true_up_required", NOW), (Kind.RECOVERY, "true_up_required")),
    ],
)
def test_a_period_alerts_once_per_change_of_state(
    status: str, alerted: AlertedState | None, expected: tuple[Kind, str | None] | None
) -> None:
    state = {("EAST", APRIL): alerted} if alerted else {}
    decisions = decide([period(status)], state, NOW, WEEK)
    assert [(d.kind, d.previous_status) for d in decisions] == ([expected] if expected else [])


def test_severity_follows_the_status() -> None:
    rows = [period("unreconciled"), period("true_up_required", "WEST"), period("incomplete", "X")]
    assert [d.severity for d in decide(rows, {}, NOW, WEEK)] == ["error", "warning", "error"]
    recovered = decide([period("reconciled")], {("EAST", APRIL): AlertedState("x", NOW)}, NOW, WEEK)
    assert recovered[0].severity == "ok"


# --- the message ----------------------------------------------------------------------------


def a_break(break_type: str, reference: str | None, cogs: str, inventory: str) -> dict[str, Any]:
    return {
        "entity": "EAST",
        "period_start": APRIL,
        "break_type": break_type,
        "reference": reference,
        "cogs_effect": Decimal(cogs),
        "inventory_effect": Decimal(inventory),
        "explanation": f"{break_type} explained",
    }


BREAKS = [
    a_break("missing_in_gl", "ADJ-1", "0.00", "9000.00"),
    a_break("amount_mismatch", "INV-7", "-5000.00", "5000.00"),
    a_break("cut_off", "PO-3", "2499.94", "-2499.94"),
    a_break("unexplained", None, "0.00", "0.01"),
]
BROKEN = period(
    "unreconciled",
    computed_cogs="12906.88",
    posted_cogs="5406.94",
    variance="7499.94",
    inventory_difference="-1234567.89",
)


def test_the_alert_gives_the_figures_the_largest_breaks_and_the_run() -> None:
    decision = Decision(Kind.ALERT, BROKEN, None)
    message = period_message(decision, BREAKS, f"{RUN_URL}/runs/r1")
    assert message.subject == (
        "[cogs-recon] EAST 2026-04 unreconciled: variance 7,499.94, "
        "inventory difference -1,234,567.89"
    )
    assert message.text.splitlines() == [
        "EAST 2026-04 is unreconciled (new).",
        "EAST is unreconciled",
        "",
        "computed COGS              12,906.88",
        "posted COGS                 5,406.94",
        "variance                    7,499.94",
        "inventory difference   -1,234,567.89",
        "",
        "Largest breaks:",
        "    amount_mismatch INV-7: COGS -5,000.00, inventory 5,000.00 (amount_mismatch explained)",
        "    cut_off PO-3: COGS 2,499.94, inventory -2,499.94 (cut_off explained)",
        "    missing_in_gl ADJ-1: COGS 0.00, inventory 9,000.00 (missing_in_gl explained)",
        "",
        "Run: http://dagster.test:3000/runs/r1",
    ]
    assert message.severity == "error"
    assert message.fields["variance"] == "7499.94"
    assert message.fields["inventory_difference"] == "-1234567.89"
    assert message.fields["largest_breaks"][0] == {
        "break_type": "amount_mismatch",
        "reference": "INV-7",
        "cogs_effect": "-5000.00",
        "inventory_effect": "5000.00",
    }
    # Every amount in the JSON is an exact decimal string, never a float.
    assert not any(isinstance(value, float) for value in json_values(message.fields))


def json_values(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from json_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_values(item)
    else:
        yield value


def test_reminder_and_recovery_say_so() -> None:
    reminder = period_message(Decision(Kind.REMINDER, BROKEN, "unreconciled"), [], "r2")
    assert reminder.subject.startswith("[cogs-recon] reminder: EAST 2026-04 still unreconciled:")
    assert "Largest breaks" not in reminder.text
    recovery = period_message(Decision(Kind.RECOVERY, period("reconciled"), "unreconciled"), [], "")
    assert recovery.subject == "[cogs-recon] resolved: EAST 2026-04 reconciled"
    assert recovery.text.startswith("EAST 2026-04 is reconciled again (was unreconciled).")


# --- configuration --------------------------------------------------------------------------


def write_config(exports: Path, alerts: dict[str, Any] | None) -> Path:
    """Put (or replace) the `alerts:` section of the folder's cogs_recon.yml."""
    path = exports / CONFIG_FILE_NAME
    document = yaml.safe_load(path.read_text())
    document["alerts"] = alerts
    path.write_text(yaml.safe_dump(document))
    return path


def test_the_alerts_section_is_read(tmp_path: Path) -> None:
    assert load_config(SCENARIO / CONFIG_FILE_NAME).alerts is None
    (tmp_path / CONFIG_FILE_NAME).write_text((SCENARIO / CONFIG_FILE_NAME).read_text())
    section = alerts_section(WebhookServer("x"), SmtpServer(2525), style="generic")
    settings = load_config(write_config(tmp_path, section)).alerts
    assert settings is not None
    assert settings.webhook == WebhookSettings(url_env=WEBHOOK_ENV, style="generic")
    assert settings.email.recipients == ("controller@example.com", "cfo@example.com")
    assert (settings.email.smtp_port, settings.email.starttls) == (2525, False)
    assert settings.retry == RetrySettings(attempts=3, backoff_seconds=0.01, timeout_seconds=5)
    assert settings.run_link("abc") == "http://dagster.test:3000/runs/abc"


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ({"webhook": {"url": "https://hooks.slack.com/services/T/B/X"}}, "alerts.webhook.url"),
        ({"webhook": {"url_env": "X", "style": "teams"}}, "alerts.webhook.style"),
        ({"email": {"smtp_host": "h", "from": "a@b", "to": ["a@b"], "password": "p"}}, "password"),
        ({"email": {"smtp_host": "h", "from": "a@b", "to": "nobody"}}, "alerts.email.to"),
        ({"email": {"smtp_host": "h", "from": "a@b", "to": "a@b", "smtp_port": "x"}}, "smtp_port"),
        ({"reminder_after_days": 7}, "alerts.webhook"),
        ({"webhook": {"url_env": "X"}, "reminder_after_days": 0}, "reminder_after_days"),
        ({"webhook": {"url_env": "X"}, "remind_after_days": 3}, "alerts.remind_after_days"),
        ({"webhook": {"url_env": "X"}, "retry": {"timeout_seconds": 0}}, "timeout_seconds"),
        ("yes", "alerts"),
    ],
)
def test_an_unusable_alerts_section_is_refused(section: object, key: str) -> None:
    with pytest.raises(UnusableInputError) as refused:
        parse_alert_settings(CONFIG_FILE_NAME, section)
    assert key in str(refused.value.column)


# --- channels, against the local servers -------------------------------------------------------

MESSAGE = Message("[cogs-recon] subject", "body", "error", {"entity": "EAST", "variance": "1.00"})


def test_each_webhook_style_carries_the_alert() -> None:
    full = f"{MESSAGE.subject}\n\n{MESSAGE.text}"
    assert webhook_payload(MESSAGE, "text") == {"text": full}
    assert webhook_payload(MESSAGE, "generic") == {
        "subject": MESSAGE.subject,
        "text": full,
        "severity": "error",
        "entity": "EAST",
        "variance": "1.00",
    }
    slack = webhook_payload(MESSAGE, "slack")
    assert slack["text"] == MESSAGE.subject
    assert slack["blocks"][1]["text"]["text"] == f"```{MESSAGE.text}```"


def test_a_failing_channel_is_retried_with_backoff_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    failures = iter([OSError("connection refused"), OSError("timed out")])
    pauses: list[float] = []

    def send() -> None:
        error = next(failures, None)
        if error:
            raise error

    retry = RetrySettings(attempts=3, backoff_seconds=1.5)
    log = logging.getLogger("test_alerts")
    with caplog.at_level(logging.INFO, logger="test_alerts"):
        delivery = with_retries("webhook", MESSAGE, send, retry, log, pauses.append)
    assert (delivery.delivered, delivery.attempts) == (True, 3)
    assert pauses == [1.5, 3.0]
    assert [record.levelname for record in caplog.records] == ["WARNING", "WARNING", "INFO"]
    assert "attempt 1/3 failed" in caplog.records[0].message
    assert "OSError: connection refused" in caplog.records[0].message


# --- one evaluation on hand-made marts, on both engines ---------------------------------------


def write_marts(
    location: str,
    periods: list[dict[str, Any]],
    breaks: list[dict[str, Any]],
    restated: dict[str, str] | None = None,
) -> None:
    """The three marts the alerts read, with just the columns they use; `restated` gives the
    close reason of each entity whose period is restated."""
    restated = restated or {}
    with connect(location) as con:
        con.execute("create schema if not exists marts")
        con.execute("drop table if exists marts.fct_cogs_reconciliation")
        con.execute("drop table if exists marts.fct_reconciliation_breaks")
        con.execute("drop table if exists marts.fct_period_close")
        con.execute(
            "create table marts.fct_period_close (entity varchar, period_start date, "
            "is_restated boolean, close_reason varchar)"
        )
        for row in periods:
            con.execute(
                "insert into marts.fct_period_close values ($entity, $period_start, "
                "$is_restated, $close_reason)",
                {
                    "entity": row["entity"],
                    "period_start": row["period_start"],
                    "is_restated": row["entity"] in restated,
                    "close_reason": restated.get(row["entity"]),
                },
            )
        con.execute(
            "create table marts.fct_cogs_reconciliation (entity varchar, period_start date, "
            "status varchar, status_reason varchar, computed_cogs decimal(18,2), "
            "posted_cogs decimal(18,2), variance decimal(18,2), "
            "inventory_difference decimal(18,2))"
        )
        con.execute(
            "create table marts.fct_reconciliation_breaks (entity varchar, period_start date, "
            "break_type varchar, reference varchar, cogs_effect decimal(18,2), "
            "inventory_effect decimal(18,2), explanation varchar)"
        )
        for row in periods:
            con.execute(
                "insert into marts.fct_cogs_reconciliation values ($entity, $period_start, "
                "$status, $status_reason, $computed_cogs, $posted_cogs, $variance, "
                "$inventory_difference)",
                row,
            )
        for row in breaks:
            con.execute(
                "insert into marts.fct_reconciliation_breaks values ($entity, $period_start, "
                "$break_type, $reference, $cogs_effect, $inventory_effect, $explanation)",
                row,
            )


@pytest.fixture
def location(engine_warehouse: str) -> str:
    """A warehouse on each engine: the state table's SQL must run on both."""
    return engine_warehouse


def evaluate(
    location: str, settings: AlertSettings | None, now: datetime, run_id: str = "r1"
) -> list[Delivery]:
    return run_period_alerts(
        lambda: connect(location), settings, run_id, logging.getLogger("test_alerts"), now
    )


def alert_state(location: str) -> dict[str, str]:
    with connect(location) as con:
        rows = con.records("select entity, status from ops.alert_state order by entity")
    return {row["entity"]: row["status"] for row in rows}


def test_a_restated_closed_period_alerts_as_an_error_with_its_figures(
    location: str, webhook: WebhookServer, smtp: SmtpServer
) -> None:
    settings = settings_for(webhook, smtp, style="generic")
    reason = "restated after it was reconciled and closed: posted COGS 100.00 -> 90.00"
    write_marts(location, [period("reconciled")], [], restated={"EAST": reason})

    evaluate(location, settings, NOW)

    [post] = webhook.posts
    assert (post["kind"], post["status"], post["severity"]) == ("alert", "restated", "error")
    assert reason in smtp.mails[0].get_content()
    assert alert_state(location) == {"EAST": "restated"}


def test_an_evaluation_alerts_once_reminds_and_recovers(
    location: str, webhook: WebhookServer, smtp: SmtpServer
) -> None:
    settings = settings_for(webhook, smtp, style="generic")
    west = period("true_up_required", "WEST", inventory_difference="24990.80")
    write_marts(location, [BROKEN, west], BREAKS)

    first = evaluate(location, settings, NOW)
    assert [(d.channel, d.delivered) for d in first] == [("webhook", True), ("email", True)] * 2
    assert [(p["kind"], p["entity"], p["severity"]) for p in webhook.posts] == [
        ("alert", "EAST", "error"),
        ("alert", "WEST", "warning"),
    ]
    assert webhook.posts[0]["variance"] == "7499.94"
    assert webhook.posts[0]["run_url"] == f"{RUN_URL}/runs/r1"
    assert [b["reference"] for b in webhook.posts[0]["largest_breaks"]] == [
        "INV-7",
        "PO-3",
        "ADJ-1",
    ]
    assert [mail["Subject"] for mail in smtp.mails] == [
        "[cogs-recon] EAST 2026-04 unreconciled: variance 7,499.94, "
        "inventory difference -1,234,567.89",
        "[cogs-recon] WEST 2026-04 true_up_required: variance 0.00, inventory difference 24,990.80",
    ]
    assert smtp.mails[0]["To"] == "controller@example.com, cfo@example.com"
    assert smtp.mails[0]["Message-ID"].endswith("@example.com>") and smtp.mails[0]["Date"]
    assert alert_state(location) == {"EAST": "unreconciled", "WEST": "true_up_required"}

    assert evaluate(location, settings, NOW + timedelta(days=6)) == []
    reminders = evaluate(location, settings, NOW + WEEK)
    assert len(reminders) == 4
    assert [p["kind"] for p in webhook.posts[2:]] == ["reminder", "reminder"]

    write_marts(location, [period("reconciled"), west], [])
    evaluate(location, settings, NOW + WEEK + timedelta(days=1), run_id="r9")
    assert [(p["kind"], p["entity"], p["status"]) for p in webhook.posts[4:]] == [
        ("recovery", "EAST", "reconciled")
    ]
    assert smtp.mails[-1]["Subject"] == "[cogs-recon] resolved: EAST 2026-04 reconciled"
    assert f"Run: {RUN_URL}/runs/r9" in smtp.mails[-1].get_content()
    assert alert_state(location) == {"WEST": "true_up_required"}


def test_a_channel_that_gave_up_is_down_for_the_run_and_its_alerts_are_due_again(
    tmp_path: Path, webhook: WebhookServer, caplog: pytest.LogCaptureFixture
) -> None:
    location = str(tmp_path / "warehouse.duckdb")
    write_marts(location, [BROKEN, period("incomplete", "WEST")], BREAKS)
    settings = settings_for(webhook, None)
    webhook.status = 500

    with caplog.at_level(logging.WARNING, logger="test_alerts"):
        failed = evaluate(location, settings, NOW)
    # Three attempts for the first message; the second does not wait on a dead channel.
    assert [(d.delivered, d.attempts) for d in failed] == [(False, 3), (False, 0)]
    assert "HTTP Error 500" in failed[0].error
    assert failed[1].error == f"channel down: {failed[0].error}"
    assert len(webhook.posts) == 3
    assert sum("failed" in record.message for record in caplog.records) == 3
    assert "gave up" in caplog.records[-1].message
    assert alert_state(location) == {}

    webhook.status = 200
    assert [d.delivered for d in evaluate(location, settings, NOW)] == [True, True]
    slack = webhook.posts[3]
    assert slack["text"].startswith("[cogs-recon] EAST 2026-04 unreconciled")
    assert [block["type"] for block in slack["blocks"]] == ["header", "section"]
    assert "7,499.94" in slack["blocks"][1]["text"]["text"]
    assert alert_state(location) == {"EAST": "unreconciled", "WEST": "incomplete"}


def test_a_missing_secret_fails_its_channel_at_once_not_the_run(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    location = str(tmp_path / "warehouse.duckdb")
    write_marts(location, [BROKEN], [])
    section = alerts_section(None, smtp)
    section["webhook"] = {"url_env": "COGS_RECON_UNSET_VARIABLE"}
    deliveries = evaluate(location, parse_alert_settings(CONFIG_FILE_NAME, section), NOW)
    assert [(d.channel, d.delivered, d.attempts) for d in deliveries] == [
        ("webhook", False, 0),
        ("email", True, 1),
    ]
    assert "COGS_RECON_UNSET_VARIABLE is not set" in deliveries[0].error
    assert len(smtp.mails) == 1


# --- a failed run ---------------------------------------------------------------------------


@op
def read_exports() -> None:
    raise RuntimeError("the ERP export is late")


@job
def failing_job() -> None:
    read_exports()


def test_a_failed_run_alerts_with_its_error_and_link(
    tmp_path: Path, webhook: WebhookServer, smtp: SmtpServer
) -> None:
    config = tmp_path / CONFIG_FILE_NAME
    config.write_text(
        (SCENARIOS_DIR / "inventory_adjustment_not_pushed/cogs_recon.yml").read_text()
    )
    write_config(tmp_path, alerts_section(webhook, smtp, style="generic"))
    with DagsterInstance.ephemeral() as instance:
        result = failing_job.execute_in_process(instance=instance, raise_on_error=False)
        failure = next(
            event for event in result.all_events if event.event_type == DagsterEventType.RUN_FAILURE
        )
        context = build_run_status_sensor_context(
            sensor_name="cogs_reconciliation_failure_alert",
            dagster_event=failure,
            dagster_instance=instance,
            dagster_run=instance.get_run_by_id(result.run_id),
            resources={
                "exports": ExportsResource(exports_dir=str(tmp_path), config_file=str(config))
            },
        ).for_run_failure()
        reconciliation_failure_alert(context)

    [post] = webhook.posts
    assert post["kind"] == "run_failure"
    assert post["job"] == "failing_job"
    assert post["run_url"] == f"{RUN_URL}/runs/{result.run_id}"
    assert "read_exports" in post["error"]
    [mail] = smtp.mails
    assert mail["Subject"] == "[cogs-recon] run failed: failing_job"


# --- the whole pipeline ---------------------------------------------------------------------

SUBJECT = "[cogs-recon] default 2026-01 unreconciled: variance 0.00, inventory difference 3,000.00"
# The adjustment nobody pushed, posted at last (a later drop): the period reconciles.
ADJUSTMENT_POSTED = (
    "entity,transaction_id,line_number,txn_date,txn_type,doc_number,account_number,debit,credit,"
    "name,memo\n"
    "default,ADJ-1,1,2026-01-28,Inventory Qty Adjust,ADJ-3001,1300,3000.00,,,Found on a van\n"
    "default,ADJ-1,2,2026-01-28,Inventory Qty Adjust,ADJ-3001,5100,,3000.00,,Found on a van\n"
)


@pytest.fixture
def alerting_exports(
    copy_exports: Callable[..., Path], webhook: WebhookServer, smtp: SmtpServer
) -> Path:
    exports = copy_exports(SCENARIO)
    write_config(exports, alerts_section(webhook, smtp))
    return exports


def set_alerted_at_back(warehouse: Path, days: int) -> None:
    with connect(str(warehouse)) as con:
        con.execute(
            "update ops.alert_state set alerted_at = alerted_at - $days * interval '1 day'",
            {"days": days},
        )


@pytest.mark.slow
def test_the_pipeline_alerts_once_reminds_and_recovers(
    alerting_exports: Path, warehouse: Path, webhook: WebhookServer, smtp: SmtpServer
) -> None:
    first = reconcile(alerting_exports, warehouse)
    assert first.exit_code == 1, first.stderr
    assert "unreconciled" in first.stdout and "cogs-recon]" not in first.stdout
    [post] = webhook.posts
    assert post["text"] == SUBJECT
    body = post["blocks"][1]["text"]["text"]
    assert "inventory difference        3,000.00" in body
    assert "missing_in_gl ADJ-3001: COGS 0.00, inventory 3,000.00" in body
    [mail] = smtp.mails
    assert mail["Subject"] == SUBJECT
    text = mail.get_content()
    assert "default 2026-01 is unreconciled (new)." in text
    assert "computed COGS               5,000.00" in text
    assert "missing_in_gl ADJ-3001" in text
    assert f"Run: {RUN_URL}/runs/" in text
    [state] = query(warehouse, "select * from ops.alert_state")
    assert (state["entity"], state["period_start"], state["status"]) == (
        "default",
        date(2026, 1, 1),
        "unreconciled",
    )

    again = reconcile(alerting_exports, warehouse)
    assert again.exit_code == 1
    assert (len(webhook.posts), len(smtp.mails)) == (1, 1)

    set_alerted_at_back(warehouse, days=7)
    reconcile(alerting_exports, warehouse)
    assert (len(webhook.posts), len(smtp.mails)) == (2, 2)
    assert smtp.mails[1]["Subject"] == SUBJECT.replace("] default", "] reminder: default").replace(
        " unreconciled", " still unreconciled"
    )

    (alerting_exports / "gl_journal_lines_2026_02.csv").write_text(ADJUSTMENT_POSTED)
    fixed = reconcile(alerting_exports, warehouse)
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert (len(webhook.posts), len(smtp.mails)) == (3, 3)
    assert webhook.posts[2]["text"] == "[cogs-recon] resolved: default 2026-01 reconciled"
    assert smtp.mails[2]["Subject"] == "[cogs-recon] resolved: default 2026-01 reconciled"
    assert query(warehouse, "select * from ops.alert_state") == []


@pytest.mark.slow
def test_a_dead_webhook_never_changes_what_the_run_prints_or_returns(
    copy_exports: Callable[..., Path],
    alerting_exports: Path,
    warehouse: Path,
    tmp_path: Path,
    webhook: WebhookServer,
    smtp: SmtpServer,
) -> None:
    webhook.status = 500
    quiet = copy_exports(SCENARIO, name="no_alerts")
    without_alerts = reconcile(quiet, tmp_path / "quiet" / "cogs_recon.duckdb")

    run = reconcile(alerting_exports, warehouse)
    assert run.exit_code == without_alerts.exit_code == 1
    assert run.stdout.replace(str(warehouse.parent), "") == without_alerts.stdout.replace(
        str(tmp_path / "quiet"), ""
    )
    assert len(webhook.posts) == 3
    assert "alert webhook: attempt 3/3 failed" in run.stderr
    assert "HTTP Error 500" in run.stderr
    [mail] = smtp.mails
    assert mail["Subject"] == SUBJECT


@pytest.mark.slow
def test_a_run_that_cannot_read_its_input_alerts_its_failure(
    alerting_exports: Path, warehouse: Path, webhook: WebhookServer, smtp: SmtpServer
) -> None:
    (alerting_exports / "gl_journal_lines_late.csv").write_text("entity,transaction_id\nX,1\n")
    run = reconcile(alerting_exports, warehouse)
    assert run.exit_code == 2
    assert run.stdout == ""
    [post] = webhook.posts
    assert post["text"] == "[cogs-recon] run failed: cogs_reconciliation"
    error = post["blocks"][1]["text"]["text"]
    assert "gl_journal_lines_late.csv" in error and "UnusableInputError" in error
    [mail] = smtp.mails
    assert mail["Subject"] == "[cogs-recon] run failed: cogs_reconciliation"
    headline, error_line = mail.get_content().splitlines()
    assert headline == "A run of cogs_reconciliation failed:"
    assert error_line.endswith(
        "gl_journal_lines_late.csv, line 1, column line_number: required column missing from header"
    )


def test_an_unusable_configuration_sends_no_failure_alert_and_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = tmp_path / CONFIG_FILE_NAME
    config.write_text("entities: {}\nalerts:\n  webhook:\n    url: https://example.com/secret\n")
    with caplog.at_level(logging.WARNING, logger="test_alerts"):
        sent = alert_run_failure(config, "job", None, "boom", logging.getLogger("test_alerts"))
    assert sent == []
    assert "alerts not sent: cogs_recon.yml, column alerts.webhook.url" in caplog.text
