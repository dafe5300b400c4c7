"""One engine per app, one SQLAlchemy session per request (flaskr's get_db shape)."""
from __future__ import annotations

import contextlib

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy.orm import Session

from catalog import search
from catalog.db import CONNECT_TIMEOUT, make_engine, make_session_factory
from catalog.notify.delivery import BASE_URL_KEY
from catalog.search.tasks import INDEX_DIR_KEY


def init_app(app: Flask) -> None:
    pool = app.config.get("DATABASE_POOL_SIZE")
    engine = make_engine(app.config["DATABASE_URL"],
                         connect_timeout=int(app.config.get("DATABASE_CONNECT_TIMEOUT") or CONNECT_TIMEOUT),
                         **({"pool_size": int(pool)} if pool else {}))
    app.extensions["db_engine"] = engine
    app.extensions["db_sessions"] = make_session_factory(engine)
    # The search backend follows the database: PostgreSQL holds the documents itself.
    app.extensions["search_backend"] = search.attach(app.config["SEARCH_INDEX_DIR"], engine)
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
    """Teardown: an exception here would escape every error handler (the
    server's bare 500), so a connection that died is dropped, not raised."""
    discard_session()


def discard_session() -> None:
    """Close this request's session; a dead connection is invalidated (the
    pool opens a new one next time) and logged."""
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        session.close()
    except Exception as exc:  # noqa: BLE001 - whatever the driver raised, the connection is gone
        current_app.logger.warning("closing the database session failed: %s", type(exc).__name__)
        with contextlib.suppress(Exception):  # nothing left to release
            session.invalidate()


def engine():
    return current_app.extensions["db_engine"]
