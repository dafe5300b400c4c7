"""``flask --app portal demo-data``: demo and benchmark data (``catalog.demo``).

Never in production: the data is fictional and the synthetic entries are
published like real ones. Use a database of its own for the scale profile."""
from __future__ import annotations

import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .db import get_session

PROFILES = ("scale", "demo", "technologies")


@click.command("demo-data")
@click.option("--profile", type=click.Choice(PROFILES), default="scale", show_default=True,
              help="scale: N synthetic technologies with organisations, lines, needs, products, EMC offers "
                   "(two per technology) and inquiries; demo: the small demo world on the seed catalogue; "
                   "technologies: the synthetic technologies only.")
@click.option("--technologies", "--count", "count", type=click.IntRange(0, 1_000_000), default=1000,
              show_default=True, help="How many synthetic technologies (scale, technologies).")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed (same seed, same data).")
@click.option("--needs", type=click.IntRange(0, 1_000_000), default=None,
              help="How many needs (scale; default: as many as technologies).")
@click.option("--leads/--no-leads", default=None,
              help="Store every supplier's leads afterwards, as the alert scan does (default: demo yes, "
                   "scale no — at 10,000 technologies that scores ≈ 780,000 leads, tens of minutes).")
@with_appcontext
def demo_data_command(profile: str, count: int, seed: int, needs: int | None, leads: bool | None) -> None:
    """Add demo data; the scale and technologies profiles replace their earlier
    synthetic rows, the demo profile adds its world once (a second run changes nothing)."""
    _refuse_production("demo-data")
    started = time.perf_counter()
    if profile == "demo":
        _world(leads is not False)
        return
    if profile == "technologies":
        from catalog import demo

        demo.generate(get_session(), count, seed)
        click.echo(f"generated {count} synthetic technologies (seed {seed})")
    else:
        from catalog.demo import scale

        made = scale.build(get_session(), count, seed, needs)
        click.echo(f"scale profile (seed {seed}): " + ", ".join(f"{n:,} {kind}" for kind, n in made.items()))
        click.echo(f"  every scale account's password: {scale.SCALE_PASSWORD}")
    click.echo(f"rows: {time.perf_counter() - started:.1f} s")
    from catalog.db import refresh_planner_statistics

    refresh_planner_statistics(get_session())
    get_session().commit()
    _index_and_leads(bool(leads) and profile == "scale")


@click.group("demo")
def demo_group() -> None:
    """The demo world for newcomers (never in production)."""


@demo_group.command("world")
@click.option("--leads/--no-leads", default=True, show_default=True,
              help="Store the suppliers' leads after creating the world.")
@with_appcontext
def demo_world_command(leads: bool) -> None:
    """Fictional enterprises, suppliers/ESCOs and bureau users in every role,
    with lines, needs, products, EMC offers and inquiries at every step, on the
    seed catalogue; prints the sign-ins. A second run changes nothing
    (the same as ``demo-data --profile demo``; `python3 dev.py run` runs it)."""
    _refuse_production("demo world")
    _world(leads)


def _refuse_production(name: str) -> None:
    if current_app.config["PORTAL_ENV"] == "production":
        raise click.ClickException(f"{name} refuses to run with PORTAL_ENV=production "
                                   "(it adds fictional organisations and published entries).")


def _index_and_leads(leads: bool) -> None:
    from .cli import rebuild_with_progress

    started = time.perf_counter()
    rebuild_with_progress()
    click.echo(f"index: {time.perf_counter() - started:.1f} s")
    if not leads:
        click.echo("leads: not stored (the next `flask --app portal notify scan` stores them; or --leads)")
        return
    from catalog.pipeline import lead_store

    started = time.perf_counter()
    stored = lead_store.refresh_all(get_session(), Path(current_app.config["SEARCH_INDEX_DIR"]))
    click.echo(f"leads: {stored:,} stored in {time.perf_counter() - started:.1f} s")


def _world(leads: bool) -> None:
    from catalog.demo import world

    from .cli import sync_index

    report = world.build(get_session())
    if report.created:
        click.echo("demo world created: " + ", ".join(f"{n} {kind}" for kind, n in report.counts.items()))
        sync_index(get_session())
        if leads:
            from catalog.pipeline import lead_store

            stored = lead_store.refresh_all(get_session(), Path(current_app.config["SEARCH_INDEX_DIR"]))
            click.echo(f"leads: {stored} stored")
    else:
        click.echo("demo world already present: nothing changed")
    click.echo(f"demo accounts (password for all: {world.DEMO_PASSWORD}); "
               "every 示例 organisation is fictional:")
    for email, role, organisation in report.accounts:
        click.echo(f"  {email:32} {role:18} {organisation}")
    click.echo("the development sign-in page (/login) lists them too; e-mails: /dev/outbox")
