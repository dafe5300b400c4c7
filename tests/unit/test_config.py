"""Configuration is resolved in create_app, from defaults < environment < overrides."""
from __future__ import annotations

import pytest

from portal.config import ConfigError, load


def test_embedded_default_is_sqlite_under_the_data_dir(tmp_path):
    cfg = load(str(tmp_path / "instance"), None, environ={})
    assert cfg["DATABASE_URL"] == f"sqlite:///{tmp_path / 'instance' / 'portal.sqlite3'}"
    assert cfg["SEARCH_INDEX_DIR"] == str(tmp_path / "instance" / "search-index")


def test_data_dir_relocates_database_and_index(tmp_path):
    cfg = load(str(tmp_path / "instance"), None, environ={"PORTAL_DATA_DIR": str(tmp_path / "b")})
    assert str(tmp_path / "b") in cfg["DATABASE_URL"]
    assert cfg["SEARCH_INDEX_DIR"].startswith(str(tmp_path / "b"))


def test_database_url_from_environment(tmp_path):
    cfg = load(str(tmp_path), None, environ={"DATABASE_URL": "postgresql://postgres@127.0.0.1/x"})
    assert cfg["DATABASE_URL"] == "postgresql://postgres@127.0.0.1/x"


def test_dev_secret_is_generated_once_and_kept(tmp_path):
    first = load(str(tmp_path), None, environ={})["SECRET_KEY"]
    second = load(str(tmp_path), None, environ={})["SECRET_KEY"]
    assert len(first) == 64 and first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_production_without_secret_is_a_clear_startup_error(tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        load(str(tmp_path), None, environ={"PORTAL_ENV": "production"})


def test_production_with_secret_sets_secure_cookies(tmp_path):
    cfg = load(str(tmp_path), None, environ={"PORTAL_ENV": "production", "SECRET_KEY": "s" * 40,
                                             "REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert cfg["SESSION_COOKIE_SECURE"] is True


def test_overrides_beat_environment(tmp_path):
    cfg = load(str(tmp_path), {"DATABASE_URL": "sqlite://"}, environ={"DATABASE_URL": "x"})
    assert cfg["DATABASE_URL"] == "sqlite://"


def test_factory_reads_no_environment_at_import():
    import importlib

    import portal

    importlib.reload(portal)  # importing must not create folders, engines or read env
    assert not hasattr(portal, "app")


def test_page_window_stays_short():
    from portal.labels import page_window

    assert page_window(1, 3) == [1, 2, 3]
    assert page_window(50, 1000) == [1, None, 47, 48, 49, 50, 51, 52, 53, None, 1000]
    assert page_window(2, 9) == [1, 2, 3, 4, 5, None, 9]
