"""One engine per app, one SQLAlchemy session per request (flaskr's get_db shape)."""
from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy.orm import Session

from catalog.db import make_engine, make_session_factory
from catalog.notify.delivery import BASE_URL_KEY
from catalog.search.tasks import INDEX_DIR_KEY


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    app.extensions["db_sessions"] = make_session_factory(engine)
    app.teardown_appcontext(close_session)


def get_session() -> Session:
    if "db_session" not in g:
        session = current_app.extensions["db_sessions"]()
        # Index tasks recorded in this session are applied right after its commit.
        session.info[INDEX_DIR_KEY] = current_app.config["SEARCH_INDEX_DIR"]
        # Links in notification e-mails: PUBLIC_BASE_URL, else this request's address.
        session.info[BASE_URL_KEY] = current_app.config.get("PUBLIC_BASE_URL") or (
            request.host_url if has_request_context() else "")
        g.db_session = session
    return g.db_session


def close_session(_exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def engine():
    return current_app.extensions["db_engine"]
