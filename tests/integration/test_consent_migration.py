"""Revision 0019 (consent to the privacy policy, issue 21) keeps the users
saved before it — with no consent recorded — and downgrade drops only its
two columns, keeping the rows; on SQLite and, with TEST_DATABASE_URL, PostgreSQL."""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from catalog import migrate
from catalog.db import make_engine

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
CONSENT = {"privacy_version", "privacy_accepted_at"}


def table(engine, name: str) -> sa.Table:
    """The table as the database has it at the current revision."""
    return sa.Table(name, sa.MetaData(), autoload_with=engine)


def test_upgrade_and_downgrade_keep_the_users(make_database):
    engine = make_engine(make_database())
    migrate.upgrade(engine, "0018")
    with engine.begin() as conn:
        conn.execute(sa.insert(table(engine, "organisation")).values(
            id=1, kind="bureau", name="经信委", contact_name="", contact_mobile="", contact_email="",
            status="verified", status_reason="", created_at=NOW))
        conn.execute(sa.insert(table(engine, "user_account")).values(
            id=5, organisation_id=1, email="old@bureau.test", name="老用户", role="bureau_admin",
            password_hash="h", login_token="t", active=True, created_at=NOW))
    migrate.upgrade(engine, "0019")
    users = table(engine, "user_account")
    assert set(users.c.keys()) >= CONSENT
    with engine.begin() as conn:
        row = conn.execute(sa.select(users.c.email, *(users.c[name] for name in sorted(CONSENT)))).one()
        assert tuple(row) == ("old@bureau.test", None, None)
        conn.execute(sa.update(users).values(privacy_version="2026-12-04", privacy_accepted_at=NOW))
    migrate.downgrade(engine, "0018")
    users = table(engine, "user_account")
    assert not CONSENT & set(users.c.keys())
    with engine.connect() as conn:
        assert conn.execute(sa.select(users.c.email)).scalar() == "old@bureau.test"
    migrate.upgrade(engine)
    engine.dispose()
