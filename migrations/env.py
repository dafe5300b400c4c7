"""Alembic environment: targets catalog's metadata; the URL comes from the
caller (catalog.migrate) or, for the plain ``alembic`` CLI, DATABASE_URL."""
from __future__ import annotations

import os

from alembic import context

from catalog.db import make_engine, normalise_url
from catalog.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("No database URL: set DATABASE_URL or use `flask --app portal db upgrade`.")
    return normalise_url(url)


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from catalog.migrate import migrating

    engine = make_engine(_url())
    with migrating(engine) as conn:  # SQLite: foreign keys off during batch rebuilds
        _run(conn)
    engine.dispose()


def _run(connection) -> None:
    # Batch mode so column changes work on SQLite (ALTER TABLE is limited there).
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
