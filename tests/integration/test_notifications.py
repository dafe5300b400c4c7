"""Notifications on a real database: each user's channel decides what else
happens (an e-mail now, a daily digest, nothing), digests go once, a failed
e-mail is retried and then delivered, an anonymous enterprise stays
anonymous, and a user reaches only their own notifications."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog import notify
from catalog.accounts import outbox
from catalog.errors import NotFound, RuleError
from catalog.pipeline import notify as pipeline_notify

ADMIN_A, MEMBER_A = "admin-a@world.test", "member-a@world.test"
ADMIN_S, MEMBER_S = "admin-s@world.test", "member-s@world.test"


@pytest.fixture
def db(accounts_db):
    with accounts_db["sessions"]() as session:
        yield session


def uid(world, email):
    return world["users"][email]["id"]


def user(db, world, email):
    return db.get(m.User, uid(world, email))


def mails_to(db, address, kind):
    return db.scalar(select(func.count()).select_from(m.OutboxMessage).where(
        m.OutboxMessage.to_addr == address, m.OutboxMessage.kind == kind)) or 0


def test_the_channel_decides_between_mail_now_and_nothing_more(db, world):
    notify.set_preferences(db, user(db, world, MEMBER_A), {"inquiry_message": "in_app"})
    before = {a: mails_to(db, a, "notify_inquiry_message") for a in (ADMIN_A, MEMBER_A)}
    made = notify.to_organisation(db, world["orgs"]["A"], "inquiry_message",
                                  {"subject": "渠道测试", "number": 1, "sender": "乙"}, "/inquiries/1")
    db.commit()
    assert {n.user_id: n.channel for n in made} == {uid(world, ADMIN_A): "email",
                                                    uid(world, MEMBER_A): "in_app"}
    assert mails_to(db, ADMIN_A, "notify_inquiry_message") == before[ADMIN_A] + 1
    assert mails_to(db, MEMBER_A, "notify_inquiry_message") == before[MEMBER_A]
    mail = db.scalars(select(m.OutboxMessage).where(m.OutboxMessage.to_addr == ADMIN_A)
                      .order_by(m.OutboxMessage.id.desc())).first()
    assert "渠道测试" in mail.subject and "/inquiries/1" in mail.body and "English" in mail.body


def test_bad_preferences_save_nothing(db, world):
    member = user(db, world, MEMBER_S)
    saved = notify.preferences(db, member)
    with pytest.raises(RuleError) as caught:
        notify.set_preferences(db, member, {"leads": "pigeon", "inquiry_new": "in_app"})
    db.rollback()
    assert [e.field for e in caught.value.errors] == ["leads"]
    with pytest.raises(RuleError, match="notify.kind"):
        notify.set_preferences(db, member, {"need_matches": "email"})  # an enterprise's kind
    db.rollback()
    assert notify.preferences(db, member) == saved


def test_a_digest_collects_and_goes_once(db, world):
    for address in (ADMIN_S, MEMBER_S):
        notify.set_preferences(db, user(db, world, address), {"leads": "digest"})
    notify.send_digests(db)  # anything pending from other tests goes first
    before = mails_to(db, ADMIN_S, "notify_digest")
    for first in ("需求一", "需求二"):
        notify.to_organisation(db, world["orgs"]["S"], "leads", {"count": 1, "first": first},
                               "/supplier/leads")
    db.commit()
    assert mails_to(db, ADMIN_S, "notify_leads") == 0
    assert notify.send_digests(db) == 2  # both members
    digest = db.scalars(select(m.OutboxMessage).where(m.OutboxMessage.to_addr == ADMIN_S,
                                                      m.OutboxMessage.kind == "notify_digest")
                        .order_by(m.OutboxMessage.id.desc())).first()
    assert "需求一" in digest.body and "需求二" in digest.body and "（共 2 条）" in digest.body
    assert mails_to(db, ADMIN_S, "notify_digest") == before + 1
    assert notify.send_digests(db) == 0


def test_a_failed_mail_is_retried_and_then_delivered(db, world, smtp_server):
    notify.to_users(db, [uid(world, ADMIN_A)], "inquiry_new",
                    {"subject": "重试测试", "number": 9, "sender": "乙"}, "/inquiries/9")
    db.commit()
    mail_id = db.scalar(select(m.OutboxMessage.id).where(m.OutboxMessage.subject.contains("重试测试")))
    now = m.utcnow()
    closed = outbox.SmtpSettings("127.0.0.1", 1, timeout=2)
    assert mail_id in outbox.send_due(db, closed, now=now, ids=[mail_id]).failed
    failed = db.get(m.OutboxMessage, mail_id)
    assert failed.sent_at is None and failed.attempts == 1 and m.as_utc(failed.next_attempt_at) > now
    working = outbox.SmtpSettings(smtp_server.host, smtp_server.port)
    assert outbox.send_due(db, working, now=now, ids=[mail_id]).sent == []  # not due yet
    assert outbox.send_due(db, working, now=now + timedelta(minutes=5), ids=[mail_id]).sent == [mail_id]
    assert any("重试测试" in str(msg["Subject"]) for msg in smtp_server.messages)


def test_an_anonymous_enterprise_stays_anonymous(db, world):
    need = m.Need(organisation_id=world["orgs"]["A"], title="匿名余热需求", confidentiality="anonymous",
                  status="open")
    db.add(need)
    db.flush()
    inquiry = m.Inquiry(enterprise_id=world["orgs"]["A"], supplier_id=world["orgs"]["S"], need_id=need.id,
                        subject="余热发电合作意向", origin="supplier", forward_status="forwarded",
                        identity_revealed=False)
    db.add(inquiry)
    db.flush()
    pipeline_notify.new_message(db, inquiry, "enterprise")
    pipeline_notify.interest_answered(db, inquiry, accepted=False)
    db.commit()
    name = db.get(m.Organisation, world["orgs"]["A"]).name
    notes = list(db.scalars(select(m.Notification).where(m.Notification.user_id == uid(world, ADMIN_S))
                            .where(m.Notification.link == f"/inquiries/{inquiry.id}#messages")))
    assert notes and all(name not in str(n.params) for n in notes)
    assert notify.texts.title(notes[0].kind, notes[0].params, "en").startswith("an anonymous enterprise")
    mails = list(db.scalars(select(m.OutboxMessage).where(
        m.OutboxMessage.subject.contains("余热发电合作意向"))))
    assert mails and all(name not in mail.subject + mail.body for mail in mails)
    assert all("匿名企业" in mail.body for mail in mails)


def test_only_ones_own_notifications_can_be_read(db, world):
    note, = notify.to_users(db, [uid(world, MEMBER_S)], "objection", {"name": "某技术", "number": 3},
                            "/supplier/submissions/3")
    db.commit()
    with pytest.raises(NotFound):
        notify.mark_read(db, uid(world, ADMIN_S), note.id)
    unread = notify.unread_count(db, uid(world, MEMBER_S))
    assert notify.mark_read(db, uid(world, MEMBER_S), note.id).read_at is not None
    assert notify.unread_count(db, uid(world, MEMBER_S)) == unread - 1
    notify.mark_all_read(db, uid(world, MEMBER_S))
    assert notify.unread_count(db, uid(world, MEMBER_S)) == 0
    rows, total = notify.latest(db, uid(world, MEMBER_S), 1, 5)
    assert rows[0].id == note.id and total >= 1


def test_the_bureau_hears_of_objections(db, world):
    made = notify.to_bureau(db, "objection", {"name": "某技术", "number": 4}, "/bureau/submissions/4")
    db.commit()
    assert {uid(world, "admin@bureau.test"), uid(world, "curator@bureau.test")} <= {n.user_id for n in made}
