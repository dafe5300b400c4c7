"""Mail idempotence (issue 17 point 2) against a real, slow SMTP server on
127.0.0.1 (aiosmtpd): the server takes the message's data and then answers
only after the client's timeout. Such a delivery is uncertain — the server may
keep the message — so the outbox sends it again at most once, with the same
Message-ID, and a receiver can drop the second copy."""
from __future__ import annotations

import asyncio
import contextlib
import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from catalog import migrate
from catalog.accounts import outbox
from catalog.db import make_engine, make_session_factory
from catalog.models import OutboxMessage, utcnow

CLIENT_TIMEOUT = 2.0  # seconds; the slow server holds its answer until the test ends


class SlowSink:
    """Keeps every message it receives; answers the end of DATA only once
    ``released`` is set (or after ``hold`` seconds), for the first ``slow`` messages."""

    def __init__(self, slow: int):
        self.slow = slow
        self.messages = []
        self.released: asyncio.Event | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        if len(self.messages) <= self.slow:
            self.released = self.released or asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.released.wait(), timeout=60)
        return "250 OK"


@pytest.fixture
def slow_smtp():
    from aiosmtpd.controller import Controller

    servers = []

    def start(slow: int) -> tuple[SlowSink, outbox.SmtpSettings]:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        sink = SlowSink(slow)
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append((controller, sink))
        return sink, outbox.SmtpSettings(host="127.0.0.1", port=port, sender="portal@mail.test",
                                         timeout=CLIENT_TIMEOUT)

    yield start
    for controller, sink in servers:
        if sink.released is not None:
            controller.loop.call_soon_threadsafe(sink.released.set)
        controller.stop()


@pytest.fixture
def sessions(make_database):
    engine = make_engine(make_database())
    migrate.upgrade(engine)
    yield make_session_factory(engine)
    engine.dispose()


def queued(sessions, count: int = 1) -> list[int]:
    with sessions() as db:
        rows = [outbox.enqueue(db, f"user{i}@mail.test", f"主题{i}", f"正文{i}") for i in range(count)]
        db.commit()
        return [r.id for r in rows]


def later(minutes: int):
    return utcnow() + timedelta(minutes=minutes)


def test_a_timeout_after_data_is_uncertain_and_the_retry_keeps_the_message_id(sessions, slow_smtp):
    sink, settings = slow_smtp(slow=1)
    [message_id] = queued(sessions)
    with sessions() as db:
        first = outbox.send_due(db, settings)
        assert first.sent == [] and first.uncertain == [message_id]
        row = db.get(OutboxMessage, message_id)
        assert row.uncertain == 1 and row.sent_at is None and row.last_error.startswith("uncertain")
        second = outbox.send_due(db, settings, now=later(2))
        assert second.sent == [message_id]
        assert db.get(OutboxMessage, message_id).message_id == sink.messages[0]["Message-ID"]
    assert len(sink.messages) == 2  # the server kept both copies …
    assert sink.messages[0]["Message-ID"] == sink.messages[1]["Message-ID"]  # … one Message-ID


def test_an_uncertain_message_is_retried_at_most_once(sessions, slow_smtp):
    sink, settings = slow_smtp(slow=10)
    [message_id] = queued(sessions)
    with sessions() as db:
        assert outbox.send_due(db, settings).uncertain == [message_id]
        assert outbox.send_due(db, settings, now=later(2)).uncertain == [message_id]
        third = outbox.send_due(db, settings, now=later(600))
        assert third.sent == [] and third.failed == {}
        assert outbox.due_ids(db, later(600)) == []
        row = db.get(OutboxMessage, message_id)
        assert row.uncertain == outbox.UNCERTAIN_LIMIT and row.sent_at is None and row.attempts == 2
    assert len(sink.messages) == 2
    assert len({m["Message-ID"] for m in sink.messages}) == 1


def test_a_failure_before_the_data_is_not_uncertain_and_keeps_being_retried(sessions, slow_smtp):
    ids = queued(sessions, 2)
    down = outbox.SmtpSettings(host="127.0.0.1", port=1, timeout=CLIENT_TIMEOUT)  # nothing listens
    with sessions() as db:
        for minutes in (0, 2, 10, 60):
            report = outbox.send_due(db, down, now=later(minutes))
            assert sorted(report.failed) == ids and report.uncertain == []
        chosen = {i: db.get(OutboxMessage, i).message_id for i in ids}
        assert all(chosen.values()) and len(set(chosen.values())) == 2  # one id per row
        sink, settings = slow_smtp(slow=0)
        assert sorted(outbox.send_due(db, settings, now=later(6 * 60 + 1)).sent) == ids
        rows = db.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))).all()
        assert all(r.uncertain == 0 and r.sent_at is not None for r in rows)
    assert sorted(m["Message-ID"] for m in sink.messages) == sorted(chosen.values())
