"""The web side of the mail outbox: SMTP settings from the configuration,
links in e-mails, sending soon after a request that queued mail, and the
``flask mail …`` commands."""
from __future__ import annotations

import click
from flask import Flask, current_app, request, url_for
from flask.cli import AppGroup
from sqlalchemy import func, select

from catalog.accounts import outbox
from catalog.accounts.tokens import TokenSigner
from catalog.models import OutboxMessage

from .db import get_session
from .queue import enqueue


def smtp_settings(config) -> outbox.SmtpSettings | None:
    """None when MAIL_SERVER is not set: messages then wait in the outbox
    (and, in development, can be read on /dev/outbox)."""
    if not config.get("MAIL_SERVER"):
        return None
    return outbox.SmtpSettings(
        host=config["MAIL_SERVER"], port=int(config.get("MAIL_PORT") or 25),
        starttls=_flag(config.get("MAIL_USE_TLS")), ssl=_flag(config.get("MAIL_USE_SSL")),
        username=config.get("MAIL_USERNAME") or "", password=config.get("MAIL_PASSWORD") or "",
        sender=config.get("MAIL_FROM") or "noreply@localhost",
        timeout=float(config.get("MAIL_TIMEOUT") or 10))


def _flag(value) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def signer() -> TokenSigner:
    cfg = current_app.config
    return TokenSigner(cfg["SECRET_KEY"], invitation_max_age=int(cfg["INVITATION_MAX_AGE"]),
                       reset_max_age=int(cfg["PASSWORD_RESET_MAX_AGE"]),
                       confirm_max_age=int(cfg["REGISTRATION_CONFIRM_MAX_AGE"]))


def link_maker(endpoint: str):
    """token → absolute link. PUBLIC_BASE_URL, when set, is used instead of
    the request's Host header (which a client can forge)."""
    base = current_app.config.get("PUBLIC_BASE_URL")

    def link(token: str) -> str:
        if base:
            return base.rstrip("/") + url_for(endpoint, token=token)
        return url_for(endpoint, token=token, _external=True)

    return link


def deliver_due(app: Flask) -> outbox.SendReport | None:
    settings = smtp_settings(app.config)
    if settings is None:
        return None
    with app.app_context():
        return outbox.send_due(get_session(), settings)


def send_after_response(response):
    """After a state-changing request, queue a ``send_mail`` task for the
    worker (``portal.queue``): the web worker never speaks SMTP. If the queue
    is down the message still waits in the outbox, and the worker's periodic
    ``send_mail`` (every minute) sends it."""
    if request.method == "POST" and current_app.config.get("MAIL_SERVER") \
            and current_app.config.get("MAIL_SEND_AFTER_REQUEST", True):
        try:
            enqueue("send_mail")
        except Exception:  # noqa: BLE001 - the outbox keeps the message for the periodic sender
            current_app.logger.exception("queuing the mail task failed; the message waits in the outbox")
    return response


@click.group("mail", cls=AppGroup)
def mail_group() -> None:
    """The mail outbox."""


@mail_group.command("send")
def mail_send() -> None:
    """Send every due message (run it from cron); exit 1 if any failed."""
    settings = smtp_settings(current_app.config)
    if settings is None:
        raise click.ClickException("MAIL_SERVER is not set; messages stay in the outbox.")
    report = outbox.send_due(get_session(), settings)
    click.echo(f"sent {len(report.sent)}, failed {len(report.failed)}, of which uncertain "
               f"{len(report.uncertain)} (the server may have them: sent again at most once)")
    for message_id, error in report.failed.items():
        click.echo(f"  message {message_id}: {error} (will be retried)")
    if report.failed:
        raise SystemExit(1)


@mail_group.command("status")
def mail_status() -> None:
    """Messages waiting and failing."""
    db = get_session()
    waiting = db.scalar(select(func.count()).where(OutboxMessage.sent_at.is_(None))) or 0
    failing = db.scalar(select(func.count()).where(OutboxMessage.sent_at.is_(None),
                                                   OutboxMessage.attempts > 0)) or 0
    sent = db.scalar(select(func.count()).where(OutboxMessage.sent_at.is_not(None))) or 0
    stopped = db.scalar(select(func.count()).where(OutboxMessage.sent_at.is_(None),
                                                   OutboxMessage.uncertain >= outbox.UNCERTAIN_LIMIT)) or 0
    click.echo(f"waiting {waiting} (of which failed before: {failing}), sent {sent}; not sent again "
               f"after {outbox.UNCERTAIN_LIMIT} uncertain attempts: {stopped}")


def init_app(app: Flask) -> None:
    app.after_request(send_after_response)
    app.cli.add_command(mail_group)
