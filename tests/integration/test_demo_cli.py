"""``flask --app portal demo-data`` end to end on its own database: the demo
world prints its accounts and is built once, the scale profile reports its
rows and stores leads, and production is refused."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog.demo import world
from tests.conftest import seed_database


@pytest.fixture(scope="module")
def app(make_database, tmp_path_factory):
    from portal import create_app

    built = seed_database(make_database(), tmp_path_factory.mktemp("demo-cli") / "search-index")
    built["engine"].dispose()
    made = create_app({"TESTING": True, "DATABASE_URL": built["url"], "SECRET_KEY": "demo-cli-test",
                       "PORTAL_DATA_DIR": str(tmp_path_factory.mktemp("demo-cli-data")),
                       "SEARCH_INDEX_DIR": str(built["index_dir"]), "SEARCH_WARM_START": False})
    yield made
    made.extensions["db_engine"].dispose()


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["demo-data", *args])


def count(app, model) -> int:
    with app.app_context():
        from portal.db import get_session

        return get_session().scalar(select(func.count()).select_from(model))


def test_the_demo_world_prints_its_accounts_and_is_built_once(app):
    first = run(app, "--profile", "demo")
    assert first.exit_code == 0, first.output
    assert "demo world created" in first.output and world.DEMO_PASSWORD in first.output
    for email in ("cement@demo.example", "esco@demo.example", "bureau@demo.example"):
        assert email in first.output
    assert re.search(r"leads: [1-9]\d* stored", first.output)
    offers = count(app, m.EmcOffer)
    second = run(app, "--profile", "demo")
    assert second.exit_code == 0 and "nothing changed" in second.output
    assert "esco@demo.example" in second.output
    assert count(app, m.EmcOffer) == offers


def test_the_scale_profile_reports_rows_index_and_leads(app):
    result = run(app, "--technologies", "80", "--seed", "2", "--leads")
    assert result.exit_code == 0, result.output
    assert "80 technologies" in result.output and "EMC offers" in result.output
    assert re.search(r"index: [\d.]+ s", result.output) and re.search(r"leads: [\d,]+ stored", result.output)
    assert count(app, m.StoredLead) > 0


def test_production_is_refused(app):
    app.config["PORTAL_ENV"] = "production"
    try:
        result = run(app, "--profile", "demo")
    finally:
        app.config["PORTAL_ENV"] = "development"
    assert result.exit_code != 0 and "PORTAL_ENV=production" in result.output


def test_the_scale_profile_can_hold_fewer_needs_than_technologies(app):
    """The 100k bench keeps the leads page's 10,000 needs: --needs sets the count."""
    result = run(app, "--technologies", "60", "--seed", "5", "--needs", "25", "--no-leads")
    assert result.exit_code == 0, result.output
    assert "60 technologies" in result.output and "25 needs" in result.output
