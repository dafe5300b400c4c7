"""Fixtures of the bureau console tests (issue 8): a seeded database with a
small synthetic world from bench/console_data.py (organisations, lines,
needs, inquiries with events, contracts, follow-ups) and a bureau admin.
Test modules import ``console_db`` (and ``console_app``) from here."""
from __future__ import annotations

import pytest

from bench.console_data import generate
from tests.conftest import ACCOUNT_PASSWORD, app_factory, seed_database

BUREAU_EMAIL = "dash-admin@bureau.test"
SIZE = {"organisations": 60, "facilities": 150, "needs": 400, "inquiries": 1500}


@pytest.fixture(scope="session")
def console_db(make_database, tmp_path_factory):
    from catalog.accounts import users

    world = seed_database(make_database(), tmp_path_factory.mktemp("console-index") / "search-index")
    with world["sessions"]() as db:
        generate(db, seed=3, **SIZE)
        users.create_bureau_user(db, BUREAU_EMAIL, "看板管理员", "bureau_admin", ACCOUNT_PASSWORD)
    yield world
    world["engine"].dispose()


@pytest.fixture(scope="session")
def make_console_app(console_db, tmp_path_factory):
    yield from app_factory(console_db, tmp_path_factory, "console")
