"""Throttling with Flask-Limiter: sign-in per account and per IP (only failed
attempts count), password-reset and registration requests per IP; search
(pages and API), the JSON API and the costly match/diagnose per visitor (the
signed-in user, else the IP: an office behind one address shares nothing
but its anonymous traffic). Every limit is a setting (environment too), so
benches can raise them.

Storage is ``memory://`` (per process) unless REDIS_URL is set; with several
worker processes set REDIS_URL so they share the counts. While Redis cannot be
reached each process counts in memory, so pages keep answering. One Limiter per app,
so two apps in one process (tests) never share counters."""
from __future__ import annotations

from flask import Flask, g, request
from flask_babel import gettext as _
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded

from catalog.accounts.validation import EMAIL

from . import errors


def client_ip() -> str:
    return request.remote_addr or "unknown"


def visitor_key() -> str:
    """The signed-in user, else the client's address."""
    from flask_login import current_user

    if current_user.is_authenticated:
        return f"user:{current_user.user.id}"
    return f"ip:{client_ip()}"


def account_key() -> str:
    """The e-mail typed in the form (whether or not such an account exists)."""
    email = (request.form.get("email") or "").strip().lower()[:254]
    return f"account:{email}" if EMAIL.match(email) else f"account-ip:{client_ip()}"


WRONG_CREDENTIALS = "sign_in_wrong_credentials"


def count_wrong_credentials() -> None:
    """The sign-in view calls this when the e-mail or password was wrong."""
    g.setdefault(WRONG_CREDENTIALS, True)


def failed(_response) -> bool:
    """Only wrong credentials count against the sign-in limits: not a form
    with a missing field or expired token, and not an outage (a 503 must not
    lock out the right password once the database is back)."""
    return bool(g.get(WRONG_CREDENTIALS))


def too_many_sign_ins() -> str:
    return _("Too many sign-in attempts. For your security, please wait a few minutes and try "
             "again, or reset your password.")


def too_many_requests() -> str:
    return _("Too many requests from your address. Please wait a few minutes and try again.")


def storage_uri(config) -> str:
    return config.get("RATELIMIT_STORAGE_URI") or config.get("REDIS_URL") or "memory://"


def init_app(app: Flask) -> None:
    # Redis down: count in this process's memory meanwhile (the same limits),
    # and go back to Redis once it answers (Flask-Limiter checks it now and then).
    limiter = Limiter(key_func=client_ip, storage_uri=storage_uri(app.config),
                      strategy="moving-window", headers_enabled=True,
                      in_memory_fallback_enabled=True, swallow_errors=True,
                      key_prefix=app.config.get("RATELIMIT_KEY_PREFIX", "portal"))
    limiter.init_app(app)
    app.extensions["portal_limiter"] = limiter
    app.register_error_handler(RateLimitExceeded, lambda exc: errors.render_error(429, exc.description))


def apply_route_limits(app: Flask) -> None:
    """Wrap the views in their limits (after the blueprints are registered;
    Flask-Limiter checks decorated limits when the wrapped view runs)."""
    limiter: Limiter = app.extensions["portal_limiter"]
    cfg = app.config
    views = app.view_functions
    login_limits = (
        limiter.limit(cfg["LOGIN_LIMIT_PER_ACCOUNT"], key_func=account_key, methods=["POST"],
                      deduct_when=failed, error_message=too_many_sign_ins, scope="login-account"),
        limiter.limit(cfg["LOGIN_LIMIT_PER_IP"], methods=["POST"], deduct_when=failed,
                      error_message=too_many_sign_ins, scope="login-ip"),
    )
    for limit in login_limits:
        views["auth.login"] = limit(views["auth.login"])
    for endpoint in ("auth.forgot_password", "auth.register"):
        views[endpoint] = limiter.limit(cfg["FORM_LIMIT_PER_IP"], methods=["POST"],
                                        error_message=too_many_requests, scope=endpoint)(views[endpoint])
    apply_traffic_limits(app, limiter)


# setting -> the endpoints it limits (one shared counter per setting and visitor)
TRAFFIC_LIMITS = {
    "PUBLIC_LIMIT_PER_IP": ("public.search", "api.search"),
    "MATCH_LIMIT_PER_IP": ("api.match", "api.diagnose"),
}


def apply_traffic_limits(app: Flask, limiter: Limiter) -> None:
    """Search, match/diagnose and every /api/v1 endpoint (not /healthz)."""
    views = app.view_functions
    for setting, endpoints in TRAFFIC_LIMITS.items():
        shared = limiter.shared_limit(app.config[setting], scope=setting.lower(), key_func=visitor_key,
                                      error_message=too_many_requests)
        for endpoint in endpoints:
            if endpoint in views:
                views[endpoint] = shared(views[endpoint])
    api = limiter.shared_limit(app.config["API_LIMIT_PER_IP"], scope="api", key_func=visitor_key,
                               error_message=too_many_requests)
    for endpoint in [e for e in views if e.startswith("api.") and e != "api.healthz"]:
        views[endpoint] = api(views[endpoint])
