"""The setup command through Flask's CLI runner, on a fresh data folder."""
from __future__ import annotations

import pytest

from catalog import migrate
from portal import create_app


@pytest.fixture
def fresh_app(make_database, tmp_path):
    app = create_app({"DATABASE_URL": make_database(), "PORTAL_DATA_DIR": str(tmp_path),
                      "SEARCH_WARM_START": False})
    yield app
    app.extensions["db_engine"].dispose()


def test_setup_twice_changes_nothing_the_second_time(fresh_app):
    runner = fresh_app.test_cli_runner()
    first = runner.invoke(args=["setup"])
    assert first.exit_code == 0, first.output
    assert "technology: 75 created" in first.output
    assert "built with 75 documents" in first.output
    second = runner.invoke(args=["setup"])
    assert second.exit_code == 0, second.output
    assert "created" not in second.output and "updated" not in second.output
    assert "up to date (75 documents)" in second.output
    check = runner.invoke(args=["search", "check"])
    assert check.exit_code == 0 and "index matches the database" in check.output


def test_search_check_exits_non_zero_on_drift(fresh_app, tmp_path):
    runner = fresh_app.test_cli_runner()
    runner.invoke(args=["setup"])
    from catalog import search

    search.update_documents(fresh_app.config["SEARCH_INDEX_DIR"], [], ["technology:GL-04"])
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1 and "missing: 1" in result.output
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_db_current_reports_head(fresh_app):
    runner = fresh_app.test_cli_runner()
    runner.invoke(args=["db", "upgrade"])
    result = runner.invoke(args=["db", "current"])
    head = migrate.head_revision()
    assert f"database: {head}; head: {head}" in result.output
