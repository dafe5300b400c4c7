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


@pytest.fixture(scope="session")
def seeded(make_database, tmp_path_factory):
    """One migrated, seeded database and its index, shared read-only by the
    tests that only read the catalogue."""
    url = make_database()
    engine = make_engine(url)
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions() as session:
        load_all(session)
    index_dir = tmp_path_factory.mktemp("index") / "search-index"
    with sessions() as session:
        search.rebuild(session, index_dir)
    yield {"url": url, "engine": engine, "sessions": sessions, "index_dir": index_dir}
    engine.dispose()


@pytest.fixture
def db(seeded):
    with seeded["sessions"]() as session:
        yield session


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
    })
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()
