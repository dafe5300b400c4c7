"""Every revision down one step and up again on a populated database (issue
17 point 3): the seed catalogue, the demo world (organisations, users, lines,
needs, listings, offers, inquiries at every step), a notification, a mail, a
user session. A table the step does not drop keeps all its rows, down and up.

On SQLite a batch migration rebuilds a table (copy, drop, rename); with
foreign keys on, dropping the old ``technology`` cascaded into
``technology_figure`` and ``edition_entry``, so ``db downgrade 0004`` wiped them.
The row counts of each step are printed (``-s``)."""
from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from catalog import migrate, search
from catalog.db import make_engine, make_session_factory
from catalog.seed import load_all

IGNORED = {"alembic_version"}


def revisions() -> list[tuple[str, str | None]]:
    """(revision, the one below it), newest first."""
    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    return [(rev.revision, rev.down_revision) for rev in script.walk_revisions()]


def counts(engine) -> dict[str, int]:
    names = sorted(set(inspect(engine).get_table_names()) - IGNORED)
    with engine.connect() as conn:
        return {name: conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar() for name in names}


def populate(url: str, index_dir) -> None:
    from catalog import models as m
    from catalog.accounts import outbox, sessions
    from catalog.demo import world

    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as db:
        load_all(db)
        search.rebuild(db, index_dir)
        world.build(db)
        user = db.scalars(select(m.User).order_by(m.User.id)).first()
        sessions.begin(db, user, "127.0.0.1")
        outbox.enqueue(db, user.email, "主题", "正文")
        # notices and preferences, one of a kind a downgrade deletes (0020 declares it)
        for kind in ("leads", "registration_pending"):
            db.add(m.Notification(user_id=user.id, kind=kind, params={}, link="/"))
            db.add(m.NotificationPreference(user_id=user.id, kind=kind, channel="digest"))
        db.commit()
    engine.dispose()


def declared_deletes(engine, revision: str) -> dict[str, int]:
    """Rows per table the steps down to ``revision`` declare they delete."""
    out: dict[str, int] = {}
    with engine.connect() as conn:
        for table, condition in migrate.deleted_rows(engine, revision).values():
            found = conn.execute(text(f'SELECT count(*) FROM "{table}" WHERE {condition}')).scalar()
            out[table] = out.get(table, 0) + found
    return out


def test_every_revision_down_one_step_and_up_again_keeps_the_rows_of_untouched_tables(
        make_database, tmp_path):
    url = make_database()
    populate(url, tmp_path / "index")
    engine = make_engine(url)
    populated = counts(engine)
    assert sum(1 for n in populated.values() if n) >= 25, populated  # a populated database
    lines = []
    for revision, below in revisions():
        before = counts(engine)
        declared = declared_deletes(engine, below or "base")
        kept = {t: n - declared.get(t, 0) for t, n in before.items()}
        migrate.downgrade(engine, below or "base")
        down = counts(engine)
        dropped = set(before) - set(down)
        changed = {t: (before[t], down[t]) for t in down if down[t] != kept[t]}
        assert changed == {}, f"downgrade {revision} → {below}: rows changed in {changed}"
        migrate.upgrade(engine, revision)
        up = counts(engine)
        changed = {t: (kept[t], up[t]) for t in up if t not in dropped and up[t] != kept[t]}
        assert changed == {}, f"upgrade {below} → {revision}: rows changed in {changed}"
        lost = {t: before[t] for t in sorted(dropped) if before[t]}
        deleted = {t: n for t, n in declared.items() if n and t not in dropped}
        lines.append(f"{revision}: {len(down)} tables kept, {sum(down.values())} rows kept; "
                     f"dropped {sorted(dropped) or '-'} (rows lost: {lost or 0})"
                     + (f"; rows the step deletes, as it declares: {deleted}" if deleted else ""))
        migrate.downgrade(engine, below or "base")  # walk on down from here
    assert inspect(engine).get_table_names() in ([], ["alembic_version"])
    engine.dispose()
    print("\npopulated:", {t: n for t, n in populated.items() if n})
    print("\n".join(lines))


def populated_cli(url: str, tmp_path):
    """A populated database at head, an app on it, its CLI runner and an engine."""
    from portal import create_app

    populate(url, tmp_path / "index")
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "x", "SEARCH_WARM_START": False,
                      "PORTAL_DATA_DIR": str(tmp_path / "data"), "SEARCH_INDEX_DIR": str(tmp_path / "index")})
    return app, app.test_cli_runner(), make_engine(url)


def test_a_downgrade_that_drops_data_asks_first_and_yes_skips_the_question(make_database, tmp_path):
    app, runner, engine = populated_cli(make_database(), tmp_path)
    head = migrate.head_revision()
    refused = runner.invoke(args=["db", "downgrade", "0013"], input="n\n")
    assert refused.exit_code == 1 and "Continue?" in refused.output
    assert "user_session: 1 rows" in refused.output
    assert migrate.current_revision(engine) == head and counts(engine)["user_session"] == 1
    answered = runner.invoke(args=["db", "downgrade", "0013", "--yes"])
    assert answered.exit_code == 0 and "Continue?" not in answered.output
    assert migrate.current_revision(engine) == "0013"
    assert runner.invoke(args=["db", "downgrade", "base"], input="n\n").exit_code == 1
    assert migrate.current_revision(engine) == "0013"
    # further down, the first step that drops nothing holding data goes without a question
    below = dict(revisions())
    current = "0013"
    while migrate.losses(engine, below[current]):
        assert runner.invoke(args=["db", "downgrade", below[current], "--yes"]).exit_code == 0
        current = below[current]
    quiet = runner.invoke(args=["db", "downgrade", below[current]])
    assert quiet.exit_code == 0 and "Continue?" not in quiet.output
    assert migrate.current_revision(engine) == below[current]
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    engine.dispose()
    app.extensions["db_engine"].dispose()


def test_rows_a_downgrade_deletes_from_a_kept_table_are_asked_about_too(make_database, tmp_path):
    """0020's downgrade deletes the bureau's registration notices (the old
    schema cannot hold them) from tables it keeps: counted and asked first."""
    app, runner, engine = populated_cli(make_database(), tmp_path)
    assert runner.invoke(args=["db", "downgrade", "0020", "--yes"]).exit_code == 0
    refused = runner.invoke(args=["db", "downgrade", "0019"], input="n\n")
    assert refused.exit_code == 1 and "Continue?" in refused.output
    assert "notification where kind = 'registration_pending': 1 rows" in refused.output
    assert "notification_preference where kind = 'registration_pending': 1 rows" in refused.output
    assert migrate.current_revision(engine) == "0020" and counts(engine)["notification"] == 2
    assert runner.invoke(args=["db", "downgrade", "0019", "--yes"]).exit_code == 0
    assert counts(engine)["notification"] == 1 and counts(engine)["notification_preference"] == 1
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    engine.dispose()
    app.extensions["db_engine"].dispose()
