"""Shared fixtures. Real parts only: a SQLite file (or, with TEST_DATABASE_URL,
a throw-away PostgreSQL database made for this run), a real Whoosh index in a
temporary folder, the real seed data from data/.

Layers: tests/unit (no app, no database), tests/integration (database and
index), tests/functional (Flask test client), tests/e2e (real Chromium)."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from catalog import migrate, search
from catalog.db import make_engine, make_session_factory, normalise_url
from catalog.seed import load_all

# Fixtures of the supplier workspace and curation tests (issue 5).
pytest_plugins = ("tests.supply_world", "tests.inquiry_world", "tests.import_world")


def pytest_configure(config) -> None:
    """Apps made anywhere in the run (and the servers tests start) keep one
    idle PostgreSQL connection each: dozens live until the session ends, and
    the default five each reached the server's 100 connections."""
    os.environ.setdefault("DATABASE_POOL_SIZE", "1")


@pytest.fixture(scope="session")
def database_server_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    return normalise_url(url) if url else None


@pytest.fixture(scope="session")
def make_database(tmp_path_factory, database_server_url):
    """Factory for empty databases: SQLite files, or fresh PostgreSQL databases
    on the TEST_DATABASE_URL server (dropped at the end of the run)."""
    created: list[str] = []

    def make() -> str:
        if database_server_url is None:
            folder = tmp_path_factory.mktemp("db")
            return f"sqlite:///{folder / 'portal.sqlite3'}"
        name = f"portal_test_{uuid.uuid4().hex[:10]}"
        admin = create_engine(database_server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        created.append(name)
        return make_url(database_server_url).set(database=name).render_as_string(hide_password=False)

    yield make
    if created:
        admin = create_engine(database_server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# The engines of the session's long-lived worlds and apps on PostgreSQL. After each test their idle
# pooled connections are closed (an engine reconnects when next used), so a run holds the
# connections of the test at hand, not one or more per world and app made so far: the server
# allows 100, and a random order once reached that ("too many clients") before the two-server test.
POSTGRES_ENGINES: list = []


def short_lived_connections(engine):
    if engine.dialect.name == "postgresql":
        POSTGRES_ENGINES.append(engine)
    return engine


@pytest.fixture(autouse=True)
def release_idle_connections():
    yield
    for engine in POSTGRES_ENGINES:
        engine.dispose()


def seed_database(url: str, index_dir: Path) -> dict:
    """Migrate ``url``, load data/ and build the index in ``index_dir``; the
    dict the seeded fixtures hand out (dispose ``engine`` when done)."""
    engine = short_lived_connections(make_engine(url, pool_size=1))  # see app_factory
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions() as session:
        load_all(session)
        search.rebuild(session, index_dir)
    return {"url": url, "engine": engine, "sessions": sessions, "index_dir": index_dir}


@pytest.fixture(scope="session")
def seeded(make_database, tmp_path_factory):
    """One migrated, seeded database and its index, shared read-only by the
    tests that only read the catalogue."""
    world = seed_database(make_database(), tmp_path_factory.mktemp("index") / "search-index")
    yield world
    world["engine"].dispose()


@pytest.fixture
def own_world(make_database, tmp_path):
    """A seeded database and index of this test's own, to write in."""
    world = seed_database(make_database(), tmp_path / "index")
    yield world
    world["engine"].dispose()


@pytest.fixture
def db(seeded):
    with seeded["sessions"]() as session:
        yield session


# Traffic limits out of the way (tests/functional/test_rate_limits.py sets its own):
# how many requests fall in one minute must not depend on the machine's speed.
NO_TRAFFIC_LIMITS = {"PUBLIC_LIMIT_PER_IP": "100000 per minute", "API_LIMIT_PER_IP": "100000 per minute",
                     "MATCH_LIMIT_PER_IP": "100000 per minute"}


@pytest.fixture(scope="session")
def app(seeded, tmp_path_factory):
    from portal import create_app

    data_dir: Path = tmp_path_factory.mktemp("portal-data")
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": seeded["url"],
        "PORTAL_DATA_DIR": str(data_dir),
        "SEARCH_INDEX_DIR": str(seeded["index_dir"]),
        "SECRET_KEY": "test-secret",
        "SEARCH_WARM_START": False,
        **NO_TRAFFIC_LIMITS,
    })
    short_lived_connections(app.extensions["db_engine"])
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


# --- Accounts (issue 4): a writable seeded database, users in every role, an SMTP server ---

ACCOUNT_PASSWORD = "Lvse-ditan-2026!"


def valid_uscc(body17: str) -> str:
    """A valid 统一社会信用代码 from its first 17 characters (our own checker)."""
    from catalog.accounts.uscc import check_character

    return body17 + check_character(body17)


@pytest.fixture(scope="session")
def accounts_db(make_database, tmp_path_factory):
    """A migrated, seeded database and index that the accounts tests may write
    to (the shared ``seeded`` one stays read-only). Tests use unique e-mails
    and codes, so they do not depend on each other."""
    world = seed_database(make_database(), tmp_path_factory.mktemp("accounts-index") / "search-index")
    yield world
    world["engine"].dispose()


@pytest.fixture(scope="session")
def make_accounts_app(accounts_db, world, tmp_path_factory):
    """Factory of apps on ``accounts_db``; each has its own rate-limit memory."""
    yield from app_factory(accounts_db, tmp_path_factory, "accounts")


def app_factory(database: dict, tmp_path_factory, name: str):
    """Yields ``make(**overrides)``: apps on ``database`` (a ``seed_database``
    dict), each with its own data folder; their engines are disposed after."""
    from portal import create_app

    made = []

    def make(**overrides):
        config = {
            "TESTING": True, "DATABASE_URL": database["url"],
            "PORTAL_DATA_DIR": str(tmp_path_factory.mktemp(f"{name}-data")),
            "SEARCH_INDEX_DIR": str(database["index_dir"]), "SECRET_KEY": f"{name}-test-secret",
            "SEARCH_WARM_START": False, "FORM_LIMIT_PER_IP": "1000 per minute", **NO_TRAFFIC_LIMITS,
            # dozens of apps live until the session ends: one idle connection each keeps the
            # PostgreSQL run under the server's 100 connections (5 each reached it)
            "DATABASE_POOL_SIZE": 1,
        }
        config.update(overrides)
        app = create_app(config)
        short_lived_connections(app.extensions["db_engine"])
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["db_engine"].dispose()


@pytest.fixture(scope="session")
def accounts_app(make_accounts_app):
    return make_accounts_app()


@pytest.fixture(scope="session")
def world(accounts_db):
    """Organisations and one user per role, created through the services:
    enterprise A (admin, member), enterprise B (admin, with an open
    invitation), supplier S (admin, member), the bureau (admin, curator)."""
    from catalog.accounts import members, registration, users
    from catalog.accounts.audit import Actor
    from catalog.accounts.organisations import Contact
    from catalog.accounts.tokens import TokenSigner

    signer = TokenSigner("accounts-test-secret")
    out: dict = {"password": ACCOUNT_PASSWORD, "users": {}, "orgs": {}}
    with accounts_db["sessions"]() as db:
        def org(key, kind, body17, email):
            contact = Contact(name=f"{key} 联系人", mobile="13912345678", email=email,
                              district_key="jiangbei", province="", sector_keys=("steel",))
            user = registration.register(db, registration.Registration(
                kind, f"{key} 测试单位", valid_uscc(body17), contact, ACCOUNT_PASSWORD))
            out["orgs"][key] = user.organisation_id
            return user

        def invited(admin, email, role):
            inv = members.invite(db, Actor.of(admin), admin.organisation_id, email, role, signer,
                                 lambda t: t)
            return inv, signer.dumps("invitation", inv.id, inv.nonce)

        a = org("A", "enterprise", "91500105WA0000001", "admin-a@world.test")
        b = org("B", "enterprise", "91500105WB0000002", "admin-b@world.test")
        s = org("S", "supplier", "91500105WC0000003", "admin-s@world.test")
        for inviter, email, role in ((a, "member-a@world.test", "enterprise_member"),
                                     (s, "member-s@world.test", "supplier_member")):
            _inv, token = invited(inviter, email, role)
            members.accept(db, signer, token, "成员", ACCOUNT_PASSWORD)
        out["invitation_b"] = invited(b, "pending-b@world.test", "enterprise_member")[0].id
        bureau_admin = users.create_bureau_user(db, "admin@bureau.test", "主管", "bureau_admin",
                                                ACCOUNT_PASSWORD)
        users.create_bureau_user(db, "curator@bureau.test", "审核员", "bureau_curator", ACCOUNT_PASSWORD)
        out["orgs"]["bureau"] = bureau_admin.organisation_id
        for email, role in (("admin-a@world.test", "enterprise_admin"),
                            ("member-a@world.test", "enterprise_member"),
                            ("admin-b@world.test", "enterprise_admin"),
                            ("admin-s@world.test", "supplier_admin"),
                            ("member-s@world.test", "supplier_member"),
                            ("admin@bureau.test", "bureau_admin"),
                            ("curator@bureau.test", "bureau_curator")):
            user = users.by_email(db, email)
            out["users"][email] = {"id": user.id, "org": user.organisation_id, "role": role}
    return out


def sign_in(client, email: str, password: str = ACCOUNT_PASSWORD):
    """Sign in through the form (fetches a CSRF token when CSRF is on)."""
    import re

    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    data = {"email": email, "password": password}
    if token:
        data["csrf_token"] = token.group(1)
    return client.post("/login", data=data)


class SmtpSink:
    """Messages received by the test SMTP server, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.host, sink.port = "127.0.0.1", port
    yield sink
    controller.stop()
