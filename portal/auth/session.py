"""Flask-Login glue. The signed cookie holds a server-side session key
(catalog.accounts.sessions): signing out ends that session in the database,
so a cookie copied before sign-out no longer opens anything; a password
change or reset, a role change or deactivation ends the user's sessions."""
from __future__ import annotations

from datetime import timedelta

from flask import Flask, current_app, request, session
from flask_login import UserMixin, login_user

from catalog.accounts import sessions
from catalog.accounts.audit import Actor
from catalog.models import User

from .. import outage
from ..db import get_session
from ..extensions import login_manager


class SignedIn(UserMixin):
    """Wraps the catalog's User (which knows nothing of Flask-Login) and the
    key of this browser's session."""

    def __init__(self, user: User, key: str):
        self.user = user
        self.session_key = key

    def get_id(self) -> str:
        return self.session_key

    @property
    def is_active(self) -> bool:
        return self.user.active

    def __getattr__(self, name: str):
        return getattr(self.user, name)


def idle_limit() -> timedelta:
    lifetime = current_app.permanent_session_lifetime
    return lifetime if isinstance(lifetime, timedelta) else timedelta(seconds=int(lifetime))


def load_user(key: str) -> SignedIn | None:
    """The signed-in user; while the database is unreachable a 503 (never
    "signed out", which would send the visitor to sign in again)."""
    try:
        user = sessions.user_of(get_session(), key, idle_limit())
    except outage.OUTAGE_ERRORS as exc:
        outage.mark()
        raise outage.DatabaseUnavailable() from exc
    return SignedIn(user, key) if user else None


def client_ip() -> str:
    return request.remote_addr or ""


def actor() -> Actor:
    """The current user (or anonymous visitor) as the services' Actor."""
    from flask_login import current_user

    if not current_user.is_authenticated:
        return Actor.of(None, client_ip())
    return Actor.of(current_user.user, client_ip(), session_key=current_user.session_key)


def start(user: User) -> None:
    """A fresh session for ``user`` (only the language choice survives)."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    login_user(SignedIn(user, sessions.begin(get_session(), user, client_ip())))
    session.permanent = True


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.session_protection = "strong"
