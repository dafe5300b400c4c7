"""Revision 0014 (server-side sessions, e-mail confirmation) keeps the users
saved before it: upgrade marks them confirmed and adds an empty session
table; downgrade drops only what it added. Then the session service itself:
a key opens its session until it ends, idles out or its user is deactivated."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect, select, text

from catalog import migrate
from catalog.accounts import sessions
from catalog.db import make_engine, make_session_factory
from catalog.models import User, UserSession

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def test_upgrade_and_downgrade_keep_the_users(make_database):
    engine = make_engine(make_database())
    migrate.upgrade(engine, "0013")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO organisation (id, kind, name, contact_name, contact_mobile, contact_email, status, "
            "status_reason, created_at) VALUES (1, 'bureau', '经信委', '', '', '', 'verified', '', :now)"),
            {"now": NOW})
        conn.execute(text(
            "INSERT INTO user_account (id, organisation_id, email, name, role, password_hash, login_token, "
            "active, created_at) VALUES (5, 1, 'old@bureau.test', '老用户', 'bureau_admin', 'h', 't', :yes, "
            ":now)"), {"now": NOW, "yes": True})
    migrate.upgrade(engine, "0014")
    assert "user_session" in inspect(engine).get_table_names()
    with engine.connect() as conn:
        row = conn.execute(text("SELECT email, email_confirmed FROM user_account")).one()
    assert row[0] == "old@bureau.test" and bool(row[1]) is True
    migrate.downgrade(engine, "0013")
    assert "user_session" not in inspect(engine).get_table_names()
    assert "email_confirmed" not in {c["name"] for c in inspect(engine).get_columns("user_account")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT email FROM user_account")).scalar() == "old@bureau.test"
    migrate.upgrade(engine)
    engine.dispose()


def test_a_session_lives_until_it_ends_or_idles_out(accounts_db, world):
    idle = timedelta(hours=2)
    with make_session_factory(accounts_db["engine"])() as db:
        user = db.get(User, world["users"]["curator@bureau.test"]["id"])
        first = sessions.begin(db, user, "10.0.0.9", now=NOW)
        second = sessions.begin(db, user, now=NOW)
        assert db.scalar(select(UserSession.key_hash).where(UserSession.ip == "10.0.0.9")) != first
        assert sessions.user_of(db, first, idle, NOW + timedelta(hours=1)).id == user.id
        later = NOW + timedelta(hours=2, minutes=30)
        assert sessions.user_of(db, first, idle, later).id == user.id  # touched an hour in
        assert sessions.user_of(db, second, idle, later) is None  # idle for 2.5 hours
        assert sessions.user_of(db, second, idle, NOW) is None  # an idle session stays ended
        sessions.end(db, first)
        db.commit()
        assert sessions.user_of(db, first, idle, NOW + timedelta(hours=3)) is None
        assert sessions.user_of(db, "", idle) is None and sessions.user_of(db, "x" * 500, idle) is None
