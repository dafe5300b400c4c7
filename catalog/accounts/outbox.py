"""The mail outbox and its SMTP sender.

``enqueue`` writes a message in the caller's transaction. ``send_due`` claims
due messages one at a time (a conditional UPDATE, so two senders never send
the same one), speaks SMTP to the configured server, and records the result:
sent, or failed with the error and a later retry time. Nothing is dropped.

Idempotence: a message keeps one Message-ID (chosen and stored before its
first attempt) on every retry. A connection that breaks or times out after the
message's data went out is *uncertain* — the server may have accepted it — so
it is retried once more at most (``UNCERTAIN_LIMIT``), with the same
Message-ID, and a receiver can drop the second copy."""
from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ..models import OutboxMessage, utcnow

CLAIM_FOR = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=6)
UNCERTAIN_LIMIT = 2  # attempts that may have delivered: the first and one retry


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    starttls: bool = False
    ssl: bool = False
    username: str = ""
    password: str = ""
    sender: str = "noreply@localhost"
    timeout: float = 10.0


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    uncertain: list[int] = field(default_factory=list)  # failed after the data went out


def enqueue(session: Session, to_addr: str, subject: str, body: str, kind: str = "") -> OutboxMessage:
    message = OutboxMessage(to_addr=to_addr, subject=subject[:200], body=body, kind=kind)
    session.add(message)
    return message


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes after each failure, at most six hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def due_ids(session: Session, now: datetime, limit: int = 100) -> list[int]:
    return list(session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now,
               OutboxMessage.uncertain < UNCERTAIN_LIMIT)
        .order_by(OutboxMessage.id).limit(limit)))


def claim(session: Session, message_id: int, now: datetime) -> OutboxMessage | None:
    """Take the message for CLAIM_FOR, unless sent, not yet due (waiting after
    a failure) or claimed by another sender."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None),
               OutboxMessage.next_attempt_at <= now, OutboxMessage.uncertain < UNCERTAIN_LIMIT,
               or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
        .values(claimed_until=now + CLAIM_FOR)
        # the database decides; SQLite hands back naive times Python can't compare
        .execution_options(synchronize_session=False))
    session.commit()
    return session.get(OutboxMessage, message_id) if result.rowcount == 1 else None


def message_id_of(session: Session, message: OutboxMessage, sender: str) -> str:
    """The message's Message-ID, chosen and committed before its first attempt."""
    if not message.message_id:
        message.message_id = make_msgid(idstring=f"outbox{message.id}", domain=sender.split("@")[-1])
        session.commit()
    return message.message_id


def build(message: OutboxMessage, sender: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.to_addr
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = message.message_id or make_msgid(idstring=f"outbox{message.id}",
                                                          domain=sender.split("@")[-1])
    mail.set_content(message.body)
    return mail


class _DataTracking:
    """Notes when the message's data (ending ``CRLF.CRLF``) has gone out: a
    failure after that point leaves the delivery uncertain."""

    data_sent = False

    def send(self, s):  # smtplib's DATA phase sends the whole quoted message in one call
        super().send(s)
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.data_sent = True


class _SMTP(_DataTracking, smtplib.SMTP):
    pass


class _SMTP_SSL(_DataTracking, smtplib.SMTP_SSL):  # noqa: N801 - smtplib's name
    pass


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    if settings.ssl:
        smtp: smtplib.SMTP = _SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                       context=ssl.create_default_context())
    else:
        smtp = _SMTP(settings.host, settings.port, timeout=settings.timeout)
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
    if settings.username:
        smtp.login(settings.username, settings.password)
    return smtp


def send_due(session: Session, settings: SmtpSettings, now: datetime | None = None,
             ids: list[int] | None = None) -> SendReport:
    """Send the due messages (or only ``ids``, if given and due). One SMTP
    connection for the batch, reopened after a failure."""
    now = now or utcnow()
    report = SendReport()
    smtp: smtplib.SMTP | None = None
    try:
        for message_id in due_ids(session, now) if ids is None else ids:
            message = claim(session, message_id, now)
            if message is None:
                continue
            smtp = send_one(session, message, settings, smtp, now, report)
    finally:
        _close(smtp)
    return report


def send_one(session: Session, message: OutboxMessage, settings: SmtpSettings,
             smtp: smtplib.SMTP | None, now: datetime, report: SendReport) -> smtplib.SMTP | None:
    """Send one claimed message on ``smtp`` (opened if None) and record the
    outcome; the connection to reuse, or None after a failure."""
    message_id_of(session, message, settings.sender)
    try:
        smtp = smtp or connect(settings)
        smtp.data_sent = False
        smtp.send_message(build(message, settings.sender))
    except (OSError, smtplib.SMTPException) as exc:
        uncertain = bool(getattr(smtp, "data_sent", False))
        smtp = _close(smtp)
        _failed(session, message, now, f"{type(exc).__name__}: {exc}", uncertain)
        report.failed[message.id] = message.last_error or ""
        if uncertain:
            report.uncertain.append(message.id)
        return None
    _sent(session, message, now)
    report.sent.append(message.id)
    return smtp


def _sent(session: Session, message: OutboxMessage, now: datetime) -> None:
    message.sent_at = now
    message.attempts += 1
    message.claimed_until = None
    message.last_error = None
    session.commit()


def _failed(session: Session, message: OutboxMessage, now: datetime, error: str,
            uncertain: bool = False) -> None:
    """``uncertain``: the data went out before the failure; after
    UNCERTAIN_LIMIT such attempts the message is no longer due."""
    message.attempts += 1
    if uncertain:
        message.uncertain += 1
        error = f"uncertain (the server may have accepted it): {error}"
    message.last_error = error[:2000]
    message.next_attempt_at = now + backoff(message.attempts)
    message.claimed_until = None
    session.commit()


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return None


def recent(session: Session, limit: int = 50) -> list[OutboxMessage]:
    """Newest first (the development outbox page)."""
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)))
