"""What pages say about the demo world (``flask --app portal demo world``):
a notice on every page while its fictional organisations are in the
database, and its sign-ins on the development sign-in page (never in
production, never to another machine: ``policy.development_request``).
Both are worked out before a template renders."""
from __future__ import annotations

import time

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from catalog.demo import world

from .db import get_session
from .policy import development_request

RECHECK_SECONDS = 30  # the notice appears within this long after `demo world` ran


def demo_present() -> bool:
    """Whether the demo world is loaded; asked at most every RECHECK_SECONDS
    (one indexed query), so pages do not pay for it each time."""
    cache = current_app.extensions.setdefault("demo_world", {"at": -RECHECK_SECONDS, "present": False})
    now = time.monotonic()
    if now - cache["at"] >= RECHECK_SECONDS:
        try:
            present = world.present(get_session())
        except SQLAlchemyError:  # an error page while the database is away: no notice, no second error
            return False
        cache.update(at=now, present=present)
    return cache["present"]


def demo_sign_ins() -> list[tuple[str, str, str]]:
    """(e-mail, role, organisation) of the demo accounts, for the sign-in page
    of a development server asked from this machine; empty otherwise."""
    if not development_request() or not demo_present():
        return []
    return world.accounts_of(world.load())


def notice() -> dict:
    """Context processor: whether pages show the demo notice (known before
    the template renders: templates never query)."""
    return {"demo_present": demo_present()}


def init_app(app: Flask) -> None:
    app.context_processor(notice)
    app.jinja_env.globals.update(DEMO_PASSWORD=world.DEMO_PASSWORD)
