"""Error pages in the visitor's language; JSON errors under /api."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from catalog.errors import InvalidInput, NotFound

from . import outage


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def messages() -> dict[int, str]:
    return {
        400: _("The request could not be understood."),
        403: _("You do not have permission to see this page."),
        404: _("The page you asked for does not exist."),
        405: _("This address does not accept that method."),
        413: _("The upload is too large."),
        500: _("Something went wrong on our side. Please try again later."),
    }


def render_error(status: int, message: str | None = None):
    """Also the CSRF, 429 and 500 pages: if the database is gone while the page
    renders (the user, their organisation, the notification count), the
    answer is the outage page, never an error inside the error handler."""
    message = message or messages().get(status, _("The request could not be completed."))
    if wants_json():
        return jsonify(error={"status": status, "message": message}), status
    if outage.down():
        return outage.answer()
    try:
        return render_template("errors/error.html", status=status, message=message), status
    except outage.CAUGHT:
        return outage.answer()


def invalid_input_message(exc: InvalidInput) -> str:
    if exc.reason == "unknown":
        return _("Unknown value “%(value)s” for “%(field)s”.", value=exc.value, field=exc.field)
    return _("Invalid value “%(value)s” for “%(field)s”: %(reason)s.",
             value=exc.value, field=exc.field, reason=exc.reason)


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        # Werkzeug's stock descriptions are English; ours are translated.
        custom = exc.description if exc.description != type(exc).description else None
        return render_error(exc.code or 500, custom)

    @app.errorhandler(InvalidInput)
    def invalid_input(exc: InvalidInput):
        return render_error(400, invalid_input_message(exc))

    @app.errorhandler(NotFound)
    def not_found(_exc: NotFound):
        return render_error(404)

    outage.init_app(app)

    @app.errorhandler(Exception)
    def server_error(exc: Exception):
        app.logger.exception("unhandled error", exc_info=exc)
        return render_error(500)
