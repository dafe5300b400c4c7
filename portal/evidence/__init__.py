"""Measured outcomes as evidence and the plan's what-if (issue 23), blueprint
``evidence``: the enterprise's project record with its metering / M&V files
(``projects``), the bureau's verification queue (``review``) and the plan's
what-if with the clinker baseline (``whatif``)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("evidence", __name__)

from . import projects, review, whatif  # noqa: E402,F401  (routes on the blueprint)


def init_app(app) -> None:
    from ..auth.messages import MESSAGES
    from .labels import MESSAGES as OWN
    from .labels import globals_

    MESSAGES.update(OWN)
    app.jinja_env.globals.update(globals_())
