"""Run Alembic programmatically (the ``flask … db`` commands and tests use this)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

ROOT = Path(__file__).resolve().parent.parent


def alembic_config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class MigrationError(RuntimeError):
    """A migration left rows that break a foreign key (nothing was committed)."""


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for Alembic. On SQLite foreign keys are
    off meanwhile: a batch migration rebuilds a table (copy, drop, rename), and
    with them on, dropping the old table cascades into every table that points
    at it. The keys are checked before the commit and switched on again after."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # outside a transaction: SQLite ignores the pragma inside one
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(f"foreign keys broken by the migration: {broken[:5]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with migrating(engine) as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with migrating(engine) as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def schema_at(revision: str) -> dict[str, set[str]]:
    """Tables and their columns at ``revision`` (built in a scratch in-memory
    SQLite database; "base" is no tables)."""
    from sqlalchemy import create_engine, inspect

    if revision == "base":
        return {}
    scratch = create_engine("sqlite://")
    try:
        upgrade(scratch, revision)
        found = inspect(scratch)
        return {t: {c["name"] for c in found.get_columns(t)} for t in found.get_table_names()}
    finally:
        scratch.dispose()


def deleted_rows(engine: Engine, revision: str) -> dict[str, tuple[str, str]]:
    """The rows the downgrade steps to ``revision`` delete from tables they
    keep, as each migration declares them (``DOWNGRADE_DELETES``, table →
    SQL condition): ``{"table where condition": (table, condition)}``."""
    current = current_revision(engine)
    if current is None:
        return {}
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    found = {}
    for script in scripts.iterate_revisions(current, revision):
        if script.revision == revision:
            continue
        for table, condition in getattr(script.module, "DOWNGRADE_DELETES", {}).items():
            found[f"{table} where {condition}"] = (table, condition)
    return found


def losses(engine: Engine, revision: str) -> dict[str, int]:
    """What a downgrade to ``revision`` would throw away: rows of the tables it
    drops (``"table"``), filled values of the columns it drops
    (``"table.column"``) and the rows its steps delete from tables they keep
    (``"table where …"``); only non-zero entries."""
    from sqlalchemy import inspect, text

    target = schema_at(revision)
    now = inspect(engine)
    lost: dict[str, int] = {}
    with engine.connect() as conn:
        for key, (table, condition) in deleted_rows(engine, revision).items():
            if table in target:  # a dropped table's rows are counted whole below
                found = conn.execute(text(f'SELECT count(*) FROM "{table}" WHERE {condition}'))
                lost[key] = found.scalar() or 0
        for table in now.get_table_names():
            if table == "alembic_version":
                continue
            if table not in target:
                lost[table] = conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar() or 0
                continue
            for column in sorted({c["name"] for c in now.get_columns(table)} - target[table]):
                lost[f"{table}.{column}"] = conn.execute(text(
                    f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL')).scalar() or 0
    return {key: n for key, n in sorted(lost.items()) if n}
