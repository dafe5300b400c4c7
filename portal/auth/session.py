"""Flask-Login glue: the session stores the user's ``login_token`` (rotated on
password change, reset and deactivation, which ends every other session)."""
from __future__ import annotations

from flask import Flask, request, session
from flask_login import UserMixin, login_user

from catalog.accounts import users
from catalog.accounts.audit import Actor
from catalog.models import User

from ..db import get_session
from ..extensions import login_manager


class SignedIn(UserMixin):
    """Wraps the catalog's User (which knows nothing of Flask-Login)."""

    def __init__(self, user: User):
        self.user = user

    def get_id(self) -> str:
        return self.user.login_token

    @property
    def is_active(self) -> bool:
        return self.user.active

    def __getattr__(self, name: str):
        return getattr(self.user, name)


def load_user(token: str) -> SignedIn | None:
    user = users.by_login_token(get_session(), token)
    return SignedIn(user) if user else None


def client_ip() -> str:
    return request.remote_addr or ""


def actor() -> Actor:
    """The current user (or anonymous visitor) as the services' Actor."""
    from flask_login import current_user

    user = current_user.user if current_user.is_authenticated else None
    return Actor.of(user, client_ip())


def start(user: User) -> None:
    """A fresh session for ``user`` (only the language choice survives)."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    login_user(SignedIn(user))
    session.permanent = True


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.session_protection = "strong"
