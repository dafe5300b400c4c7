"""An app on a database of its own holding the demo world (``flask --app
portal demo world``), for the newcomer's tests of issue 20: the accounts a
newcomer is given, CSRF on, as in a browser."""
from __future__ import annotations

import re

from sqlalchemy import select

from catalog import models as m
from catalog.demo import world
from tests.conftest import NO_TRAFFIC_LIMITS, seed_database, short_lived_connections


def demo_app(make_database, tmp_path_factory, name: str, **overrides):
    """Build the database, run the real CLI command, return (app, dispose)."""
    from portal import create_app

    built = seed_database(make_database(), tmp_path_factory.mktemp(f"{name}-index") / "search-index")
    built["engine"].dispose()
    app = create_app({"TESTING": True, "DATABASE_URL": built["url"], "SECRET_KEY": f"{name}-secret",
                      "PORTAL_DATA_DIR": str(tmp_path_factory.mktemp(f"{name}-data")),
                      "SEARCH_INDEX_DIR": str(built["index_dir"]), "SEARCH_WARM_START": False,
                      "FORM_LIMIT_PER_IP": "1000 per minute", "LOGIN_LIMIT_PER_IP": "1000 per minute",
                      "LOGIN_LIMIT_PER_ACCOUNT": "1000 per minute", **NO_TRAFFIC_LIMITS, **overrides})
    short_lived_connections(app.extensions["db_engine"])
    result = app.test_cli_runner().invoke(args=["demo", "world", "--no-leads"])
    assert result.exit_code == 0, result.output
    return app, result.output


def token(client, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def signed_in(app, email: str):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": world.DEMO_PASSWORD,
                                           "csrf_token": token(client, "/login")})
    assert response.status_code == 302, response.get_data(as_text=True)
    client.landing = response.headers["Location"]
    return client


def query(app, stmt):
    with app.app_context():
        from portal.db import get_session

        return get_session().execute(stmt).all()


def id_of(app, model, **where) -> int:
    stmt = select(model.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(model, key) == value)
    return query(app, stmt)[0][0]


__all__ = ["demo_app", "id_of", "m", "query", "signed_in", "token"]
