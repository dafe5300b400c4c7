"""Signing in, passwords (change, reset by e-mailed link) and bureau accounts."""
from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..models import Organisation, PasswordReset, User, as_utc, utcnow
from . import audit, messages, passwords, sessions, tokens, validation
from .audit import CHINA, Actor
from .checks import Checker
from .errors import AccountError
from .registration import email_taken
from .roles import BUREAU_ROLES

BUREAU_NAME = "重庆市经济和信息化委员会"


def by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def authenticate(session: Session, email: str, password: str, ip: str = "") -> User:
    """The user, or AccountError ``login.failed`` — the same error, after the
    same amount of hashing work, whether the e-mail is unknown or the password
    wrong. Both outcomes are audited."""
    user = by_email(session, email) if len(email) <= 254 else None
    if user is None:
        passwords.verify_nothing(password)
        ok = False
    else:
        ok = passwords.verify(user.password_hash, password)
    if not ok or not user.active or not user.email_confirmed:
        audit.record(session, Actor.of(None, ip, email.strip().lower()), "auth.sign_in_failed", "user",
                     user.id if user else "", organisation_id=user.organisation_id if user else None)
        session.commit()
        # only the right password learns why: no account enumeration
        raise AccountError("login.failed" if not ok else
                           "login.inactive" if not user.active else "login.unconfirmed")
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_login_at = utcnow()
    audit.record(session, Actor.of(user, ip), "auth.sign_in", "user", user.id)
    session.commit()
    return user


def sign_out(session: Session, user: User, key: str, ip: str = "") -> None:
    """End the session ``key`` (its cookie no longer signs anyone in)."""
    sessions.end(session, key)
    audit.record(session, Actor.of(user, ip), "auth.sign_out", "user", user.id)
    session.commit()


def _set_password(session: Session, user: User, password: str, actor: Actor, action: str) -> None:
    """New hash; every session of the user ends (the web layer starts a new
    one for the browser that changed it); audited and e-mailed."""
    user.password_hash = passwords.hash_password(password)
    sessions.end_all(session, user.id)
    user.password_changed_at = utcnow()
    audit.record(session, actor, action, "user", user.id, organisation_id=user.organisation_id)
    when = user.password_changed_at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
    messages.send(session, user.email, "password_changed", name=user.name, when=when)


def change_password(session: Session, user: User, current: str, new: str, ip: str = "") -> User:
    check = Checker()
    if not passwords.verify(user.password_hash, current):
        check.add("password.wrong_current", "current_password")
    elif current == new:
        check.add("password.unchanged", "new_password")
    check(passwords.check_policy, new, user.email, "new_password")
    check.done()
    _set_password(session, user, new, Actor.of(user, ip), "password.changed")
    session.commit()
    return user


def request_reset(session: Session, email: str, signer: tokens.TokenSigner,
                  link_for: Callable[[str], str], ip: str = "", now: datetime | None = None) -> None:
    """Queue a reset link if an active account has this e-mail; say nothing
    either way (the page shows the same message)."""
    now = now or utcnow()
    user = by_email(session, email) if len(email) <= 254 else None
    if user is None or not user.active:
        return
    _retire_resets(session, user.id, now)
    reset = PasswordReset(user_id=user.id, nonce=tokens.new_nonce(), created_at=now,
                          expires_at=now + timedelta(seconds=signer.reset_max_age))
    session.add(reset)
    session.flush()
    link = link_for(signer.dumps(tokens.PASSWORD_RESET, reset.id, reset.nonce))
    messages.send(session, user.email, "password_reset", name=user.name, link=link,
                  minutes=signer.reset_max_age // 60)
    audit.record(session, Actor.of(None, ip, user.email), "password.reset_requested", "user", user.id,
                 organisation_id=user.organisation_id)
    session.commit()


def valid_reset(session: Session, signer: tokens.TokenSigner, token: str,
                now: datetime | None = None) -> PasswordReset:
    """The reset row the token names, if signed, unexpired, unused and its
    user active; otherwise AccountError ``token.*``."""
    now = now or utcnow()
    row_id, nonce = signer.loads(tokens.PASSWORD_RESET, token)
    reset = session.get(PasswordReset, row_id)
    if reset is None or not tokens.same_nonce(reset.nonce, nonce) or not reset.user.active:
        raise AccountError("token.invalid")
    if reset.used_at is not None:
        raise AccountError("token.used")
    if as_utc(reset.expires_at) <= now:
        raise AccountError("token.expired")
    return reset


def complete_reset(session: Session, signer: tokens.TokenSigner, token: str, password: str,
                   ip: str = "", now: datetime | None = None) -> User:
    now = now or utcnow()
    reset = valid_reset(session, signer, token, now)
    user = reset.user
    passwords.check_policy(password, user.email, "password")
    tokens.use_once(session, PasswordReset, reset.id, now)
    _retire_resets(session, user.id, now)
    user.email_confirmed = True  # the e-mailed link proves the address, as a confirmation link does
    _set_password(session, user, password, Actor.of(None, ip, user.email), "password.reset")
    session.commit()
    return user


def _retire_resets(session: Session, user_id: int, now: datetime) -> None:
    session.execute(update(PasswordReset).where(PasswordReset.user_id == user_id,
                                                PasswordReset.used_at.is_(None))
                    .values(expires_at=now))


def bureau_organisation(session: Session) -> Organisation:
    """The bureau's organisation, created on first use (verified)."""
    org = session.scalar(select(Organisation).where(Organisation.kind == "bureau")
                         .order_by(Organisation.id).limit(1))
    if org is None:
        org = Organisation(kind="bureau", name=BUREAU_NAME, status="verified",
                           status_changed_at=utcnow())
        session.add(org)
        session.flush()
    return org


def create_bureau_user(session: Session, email: str, name: str, role: str, password: str,
                       actor: Actor | None = None) -> User:
    """A bureau account (the CLI's ``users create-bureau``)."""
    check = Checker()
    email = check(validation.email, email)
    if email and email_taken(session, email):
        check.add("email.taken", "email")
    name = check(validation.text, name, "name", 1, 64)
    if role not in BUREAU_ROLES:
        check.add("role.invalid", "role")
    check(passwords.check_policy, password, email or "")
    check.done()
    org = bureau_organisation(session)
    user = User(organisation=org, email=email, name=name, role=role,
                password_hash=passwords.hash_password(password), login_token=secrets.token_hex(32),
                password_changed_at=utcnow())
    session.add(user)
    session.flush()
    audit.record(session, actor or Actor.cli(), "user.created", "user", user.id,
                 {"email": email, "role": role}, organisation_id=org.id)
    session.commit()
    return user
