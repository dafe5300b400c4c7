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
    from . import db, i18n, labels, security
    from .auth import setup as accounts
    from .extensions import csrf

    db.init_app(app)
    i18n.init_app(app)
    labels.init_app(app)
    accounts.init_app(app)  # sessions, policy (before CSRF), rate limits, mail
    csrf.init_app(app)
    security.init_app(app)


def register_blueprints(app: Flask) -> None:
    from . import ratelimit
    from .account.views import bp as account_bp
    from .alerts import init_app as alerts_setup
    from .api.views import bp as api_bp
    from .auth.views import bp as auth_bp
    from .bureau.views import bp as bureau_bp
    from .enterprise import views as enterprise_views
    from .inquiries import init_app as inquiries_setup
    from .notifications import init_app as notifications_setup
    from .public.views import bp as public_bp
    from .supplier import add_converters
    from .supplier import bp as supplier_bp
    from .supplier import init_app as supplier_setup

    add_converters(app)
    import_issue5_routes()

    app.register_blueprint(public_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(bureau_bp)
    enterprise_views.init_app(app)
    inquiries_setup(app)
    notifications_setup(app)
    alerts_setup(app)  # saved searches; `notify scan` (after the notify group exists)
    app.register_blueprint(supplier_bp)
    supplier_setup(app)
    ratelimit.apply_route_limits(app)


def import_issue5_routes() -> None:
    """Modules whose routes join the api and bureau blueprints (issue 5): they
    must be imported before those blueprints are registered."""
    # issue 7: leads (api), pipeline (bureau); issue 8: dashboard, exports, jobs (bureau)
    from .api import docs, leads, supply  # noqa: F401  (docs: the OpenAPI document, issue 16)
    from .bureau import (  # noqa: F401
        announcements,
        curation,
        dashboard,
        editions,
        entries,
        exports,
        imports,
        jobs,
        pipeline,
    )
    from .public import announcements as public_announcements  # noqa: F401  (issue 8)


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
