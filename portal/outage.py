"""The database is unreachable: every page answers 503 with ``Retry-After``
(a page in the visitor's language, JSON under /api), never a bare server error.

Nothing here keeps state between requests: the engine's pool (``pool_pre_ping``
on PostgreSQL) opens fresh connections once the server answers again, so the
portal recovers by itself. While a request is in an outage the visitor is shown
as signed out on the error page (``g._login_user``), so rendering it asks the
database for nothing (no user, no organisation, no notification count)."""
from __future__ import annotations

from flask import Flask, g, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import ServiceUnavailable

RETRY_AFTER_SECONDS = 30

# Raised by the driver (through SQLAlchemy) when the server cannot be reached
# or the connection broke: a refused or reset connection, a timeout, a server
# shutting down. Constraint violations and bad SQL are not outages.
OUTAGE_ERRORS: tuple[type[BaseException], ...] = (sa_exc.OperationalError, sa_exc.InterfaceError,
                                                  sa_exc.DisconnectionError, sa_exc.TimeoutError)


class DatabaseUnavailable(ServiceUnavailable):
    """The database could not be reached while answering this request."""


CAUGHT = (*OUTAGE_ERRORS, DatabaseUnavailable)  # what the handler answers with a 503


def mark() -> None:
    """From here on this request renders nothing that needs the database."""
    g.database_down = True
    g._login_user = AnonymousUserMixin()  # Flask-Login's cached user: nobody


def down() -> bool:
    return bool(g.get("database_down"))


def message() -> str:
    text = _("The service is briefly unavailable: the database cannot be reached. Please try again "
             "in a minute.")
    if request.method not in ("GET", "HEAD"):
        text += " " + _("If you were saving something, check whether it was saved before sending it "
                        "again.")
    return text


def answer():
    """The 503 response; this request's session is dropped first."""
    mark()
    from .db import discard_session

    discard_session()
    status, text = 503, message()
    if request.path.startswith("/api/") or request.path == "/healthz":
        body = jsonify(error={"status": status, "message": text})
    else:
        body = render_template("errors/error.html", status=status, message=text)
    response = make_response(body, status)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def init_app(app: Flask) -> None:
    def handler(exc: BaseException):
        app.logger.warning("database unreachable on %s %s: %s", request.method, request.path,
                           str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return answer()

    for error in CAUGHT:
        app.register_error_handler(error, handler)
