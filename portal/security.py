"""Response headers a government intranet portal is expected to send. A few
lines of after_request instead of an unmaintained extension."""
from __future__ import annotations

from flask import Flask, Response, current_app, request

HSTS_MAX_AGE = 365 * 24 * 3600  # production only: the portal is then served over HTTPS alone
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
       "form-action 'self'")


def secure_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if current_app.config.get("PORTAL_ENV") == "production":
        response.headers.setdefault("Strict-Transport-Security",
                                    f"max-age={int(current_app.config.get('HSTS_MAX_AGE', HSTS_MAX_AGE))}")
    if private_answer() and "no-store" not in response.headers.get("Cache-Control", ""):
        response.headers["Cache-Control"] = "no-store"
    return response


def private_answer() -> bool:
    """Every API answer and every page a signed-in user sees (never kept by a
    browser or proxy cache); the static files stay cacheable."""
    from flask_login import current_user

    if request.endpoint == "static":
        return False
    return request.path.startswith("/api/") or current_user.is_authenticated


def init_app(app: Flask) -> None:
    app.after_request(secure_headers)
