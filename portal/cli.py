"""Command line: ``flask --app portal setup | db … | search …``."""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from catalog import migrate, search
from catalog.search import userdict
from catalog.seed import SeedError, load_all

from .db import engine, get_session
from .demo_cli import demo_data_command, demo_group


def init_app(app: Flask) -> None:
    app.cli.add_command(setup_command)
    app.cli.add_command(demo_data_command)
    app.cli.add_command(demo_group)
    app.cli.add_command(db_group)
    app.cli.add_command(search_group)


def index_dir() -> str:
    return current_app.config["SEARCH_INDEX_DIR"]


@click.command("setup")
@with_appcontext
def setup_command() -> None:
    """Upgrade the schema, load reference data and the seed catalogue, build the
    search index. Safe to run again: a second run changes nothing."""
    migrate.upgrade(engine())
    click.echo(f"schema: at revision {migrate.current_revision(engine())}")
    try:
        report = load_all(get_session())
    except SeedError as exc:
        raise click.ClickException(f"the data in data/ could not be loaded: {exc}") from exc
    for line in report.lines():
        click.echo(f"  {line}")
    sync_index(get_session())


def sync_index(session) -> None:
    """Bring the index in line with the database: build it when missing, apply
    pending tasks, and rebuild when `check` still finds drift."""
    if not search.built(index_dir()):
        click.echo(f"search index: built with {search.rebuild(session, index_dir())} documents")
        return
    applied = search.sync(session, Path(index_dir()))
    drift = search.check(session, index_dir())
    if not drift.clean:
        count = search.rebuild(session, index_dir())
        click.echo(f"search index: drift found, rebuilt with {count} documents")
    elif applied:
        click.echo(f"search index: {applied} pending changes applied")
    else:
        click.echo(f"search index: up to date ({search.document_count(index_dir())} documents)")


def rebuild_with_progress() -> None:
    """Rebuild the index from the database, showing a progress bar."""
    with click.progressbar(length=1, label="indexing") as bar:
        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        count = search.rebuild(get_session(), index_dir(), progress=progress)
    click.echo(f"indexed {count} documents")


@click.group("db", cls=AppGroup)
def db_group() -> None:
    """Database schema (Alembic)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    migrate.upgrade(engine(), revision)
    click.echo(f"at revision {migrate.current_revision(engine())}")


@db_group.command("downgrade")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Do not ask before dropping data.")
def db_downgrade(revision: str, yes: bool) -> None:
    """Go back to REVISION. If that drops tables or columns that hold data,
    say what would be lost and ask first (``--yes`` does not ask)."""
    lost = migrate.losses(engine(), revision)
    if lost and not yes:
        click.echo(f"Downgrading to {revision} throws away:")
        for what, count in lost.items():
            click.echo(f"  {what}: {count} {'values' if '.' in what else 'rows'}")
        click.confirm("Continue?", abort=True)
    migrate.downgrade(engine(), revision)
    click.echo(f"at revision {migrate.current_revision(engine())}")


@db_group.command("current")
def db_current() -> None:
    click.echo(f"database: {migrate.current_revision(engine())}; head: {migrate.head_revision()}")


@click.group("search", cls=AppGroup)
def search_group() -> None:
    """The search index (derived from the database, always rebuildable)."""


@search_group.command("rebuild")
def search_rebuild() -> None:
    """Build a new index from the database and swap it in."""
    rebuild_with_progress()


@search_group.command("check")
def search_check() -> None:
    """Report documents missing, stale or extra; exit 1 on any drift."""
    drift = search.check(get_session(), index_dir())
    click.echo(f"backend: {search.backend_name(index_dir())}")
    for name in ("missing", "stale", "extra"):
        ids = getattr(drift, name)
        click.echo(f"{name}: {len(ids)}" + (f" ({', '.join(ids[:10])}…)" if ids else ""))
    if not drift.clean:
        raise SystemExit(1)
    click.echo("index matches the database")


@search_group.command("sync")
def search_sync() -> None:
    """Apply pending index tasks (safe to run from cron at any time)."""
    applied = search.sync(get_session(), Path(index_dir()))
    if search.backend_name(index_dir()) == "postgresql":   # every change is searchable at commit
        waiting = search.health(get_session(), index_dir()).pending
        click.echo(f"merged {applied} documents into the posting lists; {waiting} written since")
        return
    click.echo(f"applied {applied} pending changes; {search.pending_count(get_session())} still pending")


@search_group.command("build-dict")
def search_build_dict() -> None:
    """Regenerate data/search/userdict.txt (then run `search rebuild`)."""
    click.echo(f"wrote {userdict.write()} words to {userdict.USERDICT}")
