"""Wires accounts and security into the app: sessions, the policy, rate
limits, mail, labels and the CSRF error page."""
from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.middleware.proxy_fix import ProxyFix

from .. import errors, mailer, policy, ratelimit
from . import labels, session


def csrf_failed(_exc: CSRFError):
    return errors.render_error(400, _("The form has expired or did not come from this site. Go back, "
                                      "reload the page and try again."))


def init_app(app: Flask) -> None:
    session.init_app(app)
    policy.init_app(app)
    ratelimit.init_app(app)
    mailer.init_app(app)
    labels.init_app(app)
    app.register_error_handler(CSRFError, csrf_failed)
    hops = int(app.config.get("PROXY_FIX_X_FOR") or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)
