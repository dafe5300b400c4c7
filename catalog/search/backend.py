"""Which search backend answers for an index location.

Callers name the search by its index folder (``SEARCH_INDEX_DIR``), as they
always have. With SQLite the folder holds the Whoosh index. With PostgreSQL
the documents live in the database (``pg_store``, ``pg_query``): the app
(or a rebuild or check through a PostgreSQL session) attaches the folder to
its engine here, and every search of that folder then queries the database.
"""
from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

WHOOSH, POSTGRESQL = "whoosh", "postgresql"
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def _key(index_dir) -> str:
    return str(Path(index_dir).resolve())


def name_of(engine: Engine) -> str:
    """The backend the database URL chooses."""
    return POSTGRESQL if engine.dialect.name == "postgresql" else WHOOSH


def attach(index_dir, engine: Engine) -> str:
    """Route searches of ``index_dir`` by ``engine``'s database; returns the backend's name."""
    name = name_of(engine)
    with _lock:
        if name == POSTGRESQL:
            _engines[_key(index_dir)] = engine
        else:
            _engines.pop(_key(index_dir), None)
    return name


def postgres_engine(index_dir) -> Engine | None:
    """The engine whose database holds the documents of ``index_dir``, or None (Whoosh)."""
    if not _engines or index_dir is None:
        return None
    return _engines.get(_key(index_dir))


def in_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def attach_session(index_dir, session: Session) -> bool:
    """Attach ``index_dir`` to the session's engine; True on PostgreSQL."""
    bind = session.get_bind()
    engine = bind.engine if hasattr(bind, "engine") else bind
    return attach(index_dir, engine) == POSTGRESQL


def backend_name(index_dir) -> str:
    return POSTGRESQL if postgres_engine(index_dir) is not None else WHOOSH
