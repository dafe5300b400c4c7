"""Notification pages: the bell's count on every page, the list, opening a
notice (read, then its link; another user's is 404; outside links are not
followed), mark all read, the per-kind settings with 400 on bad values, and
``flask notify send-digests``."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from catalog import models as m
from catalog import notify
from tests.conftest import sign_in

MEMBER_A, ADMIN_A = "member-a@world.test", "admin-a@world.test"


@pytest.fixture(scope="module")
def app(make_accounts_app):
    return make_accounts_app(WTF_CSRF_ENABLED=False)


@pytest.fixture
def db(accounts_db):
    with accounts_db["sessions"]() as session:
        yield session


def client_for(app, email):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def bell(page: str) -> int:
    found = re.search(r'id="bell-count">(\d+)<', page)
    return int(found.group(1)) if found else 0


def make(db, world, email, link="/inquiries/5", subject="铃铛测试"):
    note, = notify.to_users(db, [world["users"][email]["id"]], "inquiry_message",
                            {"subject": subject, "number": 5, "sender": "乙公司"}, link)
    db.commit()
    return note.id


def test_the_bell_counts_and_opening_a_notice_reads_it(app, db, world):
    client = client_for(app, MEMBER_A)
    client.post("/notifications/read-all")
    assert bell(client.get("/account/").get_data(as_text=True)) == 0
    first, _second = make(db, world, MEMBER_A), make(db, world, MEMBER_A, subject="第二条")
    page = client.get("/").get_data(as_text=True)
    assert bell(page) == 2
    listing = client.get("/notifications/").get_data(as_text=True)
    assert "「乙公司」在对接请求「铃铛测试」中发送了新消息" in listing and "第二条" in listing
    followed = client.get(f"/notifications/{first}/open")  # a GET changes nothing (issue 16)
    assert followed.status_code == 302 and followed.headers["Location"].endswith("/inquiries/5")
    assert bell(client.get("/notifications/").get_data(as_text=True)) == 2
    assert db.get(m.Notification, first).read_at is None
    assert f'method="post" action="/notifications/{first}/open"' in listing
    opened = client.post(f"/notifications/{first}/open")
    assert opened.status_code == 303 and opened.headers["Location"].endswith("/inquiries/5")
    assert bell(client.get("/notifications/").get_data(as_text=True)) == 1
    unread = client.get("/notifications/?unread=1").get_data(as_text=True)
    assert "第二条" in unread and "铃铛测试" not in unread
    english = client_for(app, MEMBER_A)
    english.get("/lang/en")
    assert "乙公司 wrote on the inquiry “第二条”" in english.get("/notifications/").get_data(as_text=True)
    assert client.post("/notifications/read-all").status_code == 302
    assert bell(client.get("/notifications/").get_data(as_text=True)) == 0


def test_another_users_notice_is_not_found_and_outside_links_are_not_followed(app, db, world):
    theirs = make(db, world, ADMIN_A)
    client = client_for(app, MEMBER_A)
    assert client.get(f"/notifications/{theirs}/open").status_code == 404
    assert client.post(f"/notifications/{theirs}/open").status_code == 404
    assert db.get(m.Notification, theirs).read_at is None
    sneaky = make(db, world, MEMBER_A, link="//evil.example/x")
    assert client.get(f"/notifications/{sneaky}/open").headers["Location"].endswith("/notifications/")


def test_settings_save_and_bad_values_are_refused(app, db, world):
    client = client_for(app, MEMBER_A)
    page = client.get("/notifications/preferences").get_data(as_text=True)
    assert "需求的新匹配技术" in page and "新的需求线索" not in page  # an enterprise's kinds only
    good = {f"channel-{kind}": "in_app" for kind in notify.kinds_for("enterprise")}
    assert client.post("/notifications/preferences", data=good).status_code == 302
    user_id = world["users"][MEMBER_A]["id"]
    assert set(notify.preferences(db, db.get(m.User, user_id)).values()) == {"in_app"}
    bad = {**good, "channel-need_matches": "carrier-pigeon"}
    refused = client.post("/notifications/preferences", data=bad)
    assert refused.status_code == 400 and "请选择所提供的通知方式之一" in refused.get_data(as_text=True)
    db.expire_all()
    assert set(notify.preferences(db, db.get(m.User, user_id)).values()) == {"in_app"}
    defaults = {f"channel-{kind}": notify.DEFAULT_CHANNEL[kind] for kind in notify.kinds_for("enterprise")}
    assert client.post("/notifications/preferences", data=defaults).status_code == 302  # for other tests
    db.expire_all()
    assert notify.preferences(db, db.get(m.User, user_id))["inquiry_new"] == "email"


def test_posting_needs_the_csrf_token(make_accounts_app):
    app = make_accounts_app()
    client = client_for(app, MEMBER_A)
    assert client.post("/notifications/read-all").status_code == 400


def test_send_digests_command(app, db, world):
    notify.send_digests(db)
    notify.to_users(db, [world["users"][ADMIN_A]["id"]], "need_matches",
                    {"need": "摘要需求", "count": 2, "first": "CE-01"}, "/enterprise/needs/1")
    db.commit()
    result = app.test_cli_runner().invoke(args=["notify", "send-digests"])
    assert result.exit_code == 0 and "digests queued: 1" in result.output
    digest = db.scalars(select(m.OutboxMessage).where(m.OutboxMessage.kind == "notify_digest")
                        .order_by(m.OutboxMessage.id.desc())).first()
    assert digest.to_addr == ADMIN_A and "摘要需求" in digest.body
    assert "digests queued: 0" in app.test_cli_runner().invoke(args=["notify", "send-digests"]).output
