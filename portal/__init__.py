"""低碳技术推介与供需对接平台 — the Flask application.

``create_app`` reads like a table of contents: configuration, extensions,
blueprints, error pages, CLI. Nothing happens at import time.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True,
                template_folder=str(ROOT / "templates"))
    configure(app, config)
    register_extensions(app)
    register_blueprints(app)
    register_error_pages(app)
    register_cli(app)
    warm_up(app)
    return app


def configure(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    from . import config

    app.config.update(config.load(app.instance_path, overrides))


def register_extensions(app: Flask) -> None:
    from . import db, demo_pages, i18n, labels, queue, search_sync, security
    from .auth import setup as accounts
    from .extensions import csrf

    db.init_app(app)
    search_sync.init_app(app)  # issue 18: pending index tasks applied at start-up and periodically
    queue.init_app(app)  # background work (issue 19): Huey tasks and `flask worker`
    i18n.init_app(app)
    labels.init_app(app)
    demo_pages.init_app(app)  # issue 20: the demo world's notice and sign-ins
    accounts.init_app(app)  # sessions, policy (before CSRF), rate limits, mail
    csrf.init_app(app)
    security.init_app(app)


# One package per area, each joined the same way: the package exposes ``bp``, its
# blueprint, with every route module of the area imported by the package itself, and
# optionally ``init_app(app)`` for what is not a route (labels, messages, CLI).
# Order: alerts after notifications (``notify scan`` joins the notify group).
AREAS = ("public", "api", "auth", "account", "bureau", "enterprise", "inquiries", "notifications",
         "alerts", "supplier", "board", "guides", "evidence")


def register_blueprints(app: Flask) -> None:
    from importlib import import_module

    from . import ratelimit
    from .supplier import add_converters

    add_converters(app)  # before the routes: they use ``<id:…>``
    for name in AREAS:
        area = import_module(f"{__name__}.{name}")
        app.register_blueprint(area.bp)
        if hasattr(area, "init_app"):
            area.init_app(app)
    ratelimit.apply_route_limits(app)


def register_error_pages(app: Flask) -> None:
    from . import errors

    errors.init_app(app)


def register_cli(app: Flask) -> None:
    from . import cli
    from .auth.cli import policy_group, users_group
    from .bureau.console_cli import console_group

    cli.init_app(app)
    app.cli.add_command(users_group)
    app.cli.add_command(policy_group)
    app.cli.add_command(console_group)


def warm_up(app: Flask) -> None:
    """Load jieba's dictionaries now (about 1 s), not on the first search; with
    ``gunicorn --preload`` the workers share the loaded memory."""
    if app.config.get("SEARCH_WARM_START", True):
        from catalog.search.analysis import jieba_module

        jieba_module()
