"""The accounts services against a real database: token expiry and single
use, the outbox's retries and claims against a real SMTP server, audit
filters, and registration that saves all or nothing."""
from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, func, select

from catalog.accounts import audit, members, outbox, registration, users
from catalog.accounts.audit import Actor
from catalog.accounts.checks import InvalidFields
from catalog.accounts.organisations import Contact
from catalog.accounts.tokens import TokenSigner
from catalog.errors import RuleError
from catalog.models import AuditEvent, Organisation, OutboxMessage, User, utcnow
from tests.conftest import ACCOUNT_PASSWORD, valid_uscc

SIGNER = TokenSigner("accounts-test-secret")


@pytest.fixture
def db(accounts_db, world):
    with accounts_db["sessions"]() as session:
        yield session


def new_registration(**changes) -> registration.Registration:
    email = f"svc-{uuid.uuid4().hex[:8]}@svc.test"
    contact = Contact("钱工", "13700137000", email, "wanzhou", "", ("steel",))
    values = {"kind": "enterprise", "org_name": "重庆服务测试钢铁公司",
              "uscc": valid_uscc("91500101" + str(uuid.uuid4().int)[:9]), "contact": contact,
              "password": ACCOUNT_PASSWORD}
    values.update(changes)
    return registration.Registration(**values)


def test_registration_is_all_or_nothing(db):
    before = db.scalar(select(func.count()).select_from(Organisation))
    reg = new_registration()
    with pytest.raises(InvalidFields) as caught:
        registration.register(db, new_registration(contact=Contact("钱", "1", "bad", "nowhere", "", ("x",))))
    assert {e.code for e in caught.value.errors} == {
        "text.too_short", "mobile.invalid", "email.invalid", "district.invalid", "sectors.invalid"}
    user = registration.register(db, reg)
    with pytest.raises(InvalidFields) as caught:
        registration.register(db, new_registration(uscc=reg.uscc, contact=reg.contact))
    assert {e.code for e in caught.value.errors} == {"uscc.taken", "email.taken"}
    assert db.scalar(select(func.count()).select_from(Organisation)) == before + 1
    assert user.organisation.status == "pending"


def test_database_constraint_backs_the_friendly_check(db, monkeypatch):
    reg = new_registration()
    registration.register(db, reg)
    real = registration.uscc_taken
    calls = []

    def first_check_misses(*args):  # as if another registration committed just after the check
        calls.append(args)
        return False if len(calls) == 1 else real(*args)

    monkeypatch.setattr(registration, "uscc_taken", first_check_misses)
    with pytest.raises(InvalidFields) as caught:
        registration.register(db, new_registration(uscc=reg.uscc))
    assert [e.code for e in caught.value.errors] == ["uscc.taken"]
    assert db.scalar(select(func.count()).select_from(Organisation).where(Organisation.uscc == reg.uscc)) == 1


def test_reset_link_expires_and_is_single_use(db):
    user = registration.register(db, new_registration())
    links = []
    users.request_reset(db, user.email, SIGNER, links.append)
    token = links[-1]
    later = utcnow() + timedelta(seconds=SIGNER.reset_max_age + 5)
    with pytest.raises(RuleError) as caught:
        users.valid_reset(db, SIGNER, token, now=later)
    assert caught.value.code == "token.expired"
    users.complete_reset(db, SIGNER, token, "Fresh-Password-77")
    with pytest.raises(RuleError) as caught:
        users.complete_reset(db, SIGNER, token, "Other-Password-88")
    assert caught.value.code == "token.used"
    assert users.authenticate(db, user.email, "Fresh-Password-77").id == user.id


def test_newer_reset_link_retires_the_older(db):
    user = registration.register(db, new_registration())
    links = []
    users.request_reset(db, user.email, SIGNER, links.append)
    users.request_reset(db, user.email, SIGNER, links.append)
    with pytest.raises(RuleError) as caught:
        users.valid_reset(db, SIGNER, links[0])
    assert caught.value.code == "token.expired"
    users.valid_reset(db, SIGNER, links[1])


def test_invitation_expires_and_can_be_revoked(db, world):
    admin = db.get(User, world["users"]["admin-a@world.test"]["id"])
    actor = Actor.of(admin)
    links = []
    inv = members.invite(db, actor, admin.organisation_id, f"inv-{uuid.uuid4().hex[:6]}@svc.test",
                         "enterprise_member", SIGNER, links.append)
    with pytest.raises(RuleError) as caught:
        members.valid_invitation(db, SIGNER, links[0], now=utcnow() + timedelta(days=8))
    assert caught.value.code == "token.expired"
    members.revoke_invitation(db, actor, admin.organisation_id, inv.id)
    with pytest.raises(RuleError) as caught:
        members.accept(db, SIGNER, links[0], "x", ACCOUNT_PASSWORD)
    assert caught.value.code == "token.invalid"
    with pytest.raises(RuleError):
        members.invite(db, actor, admin.organisation_id, "new@svc.test", "bureau_admin", SIGNER, links.append)


def test_failed_sign_in_is_audited_without_revealing_anything(db):
    for email in ("admin-a@world.test", "nobody@svc.test"):
        with pytest.raises(RuleError) as caught:
            users.authenticate(db, email, "wrong", ip="192.0.2.7")
        assert caught.value.code == "login.failed"
    events = db.scalars(select(AuditEvent).where(AuditEvent.action == "auth.sign_in_failed",
                                                 AuditEvent.ip == "192.0.2.7")).all()
    assert {e.actor_label for e in events} >= {"admin-a@world.test", "nobody@svc.test"}


def test_audit_search_filters_and_pages(db, world):
    org = world["orgs"]["S"]
    for i in range(7):
        audit.record(db, Actor.cli(), "catalogue.changed", "technology", f"CE-0{i}", {"n": i},
                     organisation_id=org)
    db.commit()
    page = audit.search(db, audit.AuditFilter(action="catalogue.changed", organisation_id=org, per_page=3,
                                              page=2))
    assert page.total >= 7 and page.pages >= 3 and len(page.items) == 3
    assert page.items[0].at >= page.items[-1].at
    today = date.today()
    assert audit.search(db, audit.AuditFilter(action="catalogue.changed", since=today - timedelta(days=1),
                                              until=today + timedelta(days=1))).total >= 7
    assert audit.search(db, audit.AuditFilter(action="catalogue.changed", until=date(2000, 1, 1))).total == 0


def test_outbox_retries_after_failure_and_never_sends_twice(db, smtp_server):
    db.execute(delete(OutboxMessage))
    db.commit()
    outbox.enqueue(db, "a@svc.test", "主题一", "正文一")
    outbox.enqueue(db, "b@svc.test", "主题二", "正文二")
    db.commit()
    down = outbox.SmtpSettings(host="127.0.0.1", port=1, timeout=2)  # nothing listens there
    report = outbox.send_due(db, down)
    assert report.sent == [] and len(report.failed) == 2
    rows = db.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert all(r.attempts == 1 and r.sent_at is None and r.last_error for r in rows)
    up = outbox.SmtpSettings(host=smtp_server.host, port=smtp_server.port, sender="portal@svc.test")
    assert outbox.send_due(db, up).sent == []  # not due yet: retried later
    report = outbox.send_due(db, up, now=utcnow() + timedelta(minutes=2))
    assert len(report.sent) == 2 and report.failed == {}
    assert [m["Subject"] for m in smtp_server.messages] == ["主题一", "主题二"]
    assert smtp_server.messages[0].get_body().get_content().strip() == "正文一"
    assert outbox.send_due(db, up, now=utcnow() + timedelta(hours=1)).sent == []
    assert len(smtp_server.messages) == 2


def test_a_claimed_message_is_left_to_its_sender(db):
    message = outbox.enqueue(db, "c@svc.test", "s", "b")
    db.commit()
    now = utcnow()
    assert outbox.claim(db, message.id, now) is not None
    assert outbox.claim(db, message.id, now) is None  # a second sender backs off
    assert outbox.claim(db, message.id, now + outbox.CLAIM_FOR + timedelta(seconds=1)) is not None
