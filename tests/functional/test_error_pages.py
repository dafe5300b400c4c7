"""A crash inside a view gives the friendly 500 page (both languages) or JSON under /api."""
from __future__ import annotations

import pytest

from portal import create_app, policy


@pytest.fixture
def crashing_app(seeded, tmp_path):
    app = create_app({"DATABASE_URL": seeded["url"], "PORTAL_DATA_DIR": str(tmp_path),
                      "SEARCH_WARM_START": False})

    @app.get("/boom")
    def boom():
        raise RuntimeError("deliberate")

    @app.get("/api/v1/boom")
    def api_boom():
        raise RuntimeError("deliberate")

    policy.add_rule(app, "boom", policy.EVERYONE)  # every route needs a rule (portal/policy.py)
    policy.add_rule(app, "api_boom", policy.EVERYONE)
    yield app
    app.extensions["db_engine"].dispose()


def test_500_page_in_chinese_and_english(crashing_app):
    client = crashing_app.test_client()
    zh = client.get("/boom?lang=zh")
    assert zh.status_code == 500 and "服务器出现错误" in zh.get_data(as_text=True)
    en = client.get("/boom?lang=en")
    assert "Something went wrong on our side" in en.get_data(as_text=True)
    assert "deliberate" not in en.get_data(as_text=True)


def test_500_under_api_is_json(crashing_app):
    resp = crashing_app.test_client().get("/api/v1/boom")
    assert resp.status_code == 500 and resp.get_json()["error"]["status"] == 500
