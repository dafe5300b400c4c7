"""An organisation's members: invitations (signed, expiring, single-use
links), role changes and deactivation. Every lookup is scoped to the
organisation, so an id from another organisation is simply not found."""
from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..models import Invitation, User, as_utc, utcnow
from . import audit, messages, passwords, sessions, tokens, validation
from .audit import Actor
from .checks import Checker
from .errors import AccountError
from .organisations import get as get_organisation
from .registration import email_taken
from .roles import ROLE_LABELS, is_admin, roles_for


def members(session: Session, org_id: int) -> list[User]:
    return list(session.scalars(select(User).where(User.organisation_id == org_id)
                                .order_by(User.active.desc(), User.name)))


def member(session: Session, org_id: int, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.organisation_id != org_id:
        raise NotFound("user", user_id)
    return user


def open_invitations(session: Session, org_id: int, now: datetime | None = None) -> list[Invitation]:
    now = now or utcnow()
    rows = session.scalars(select(Invitation).where(
        Invitation.organisation_id == org_id, Invitation.used_at.is_(None),
        Invitation.revoked_at.is_(None)).order_by(Invitation.created_at.desc()))
    return [inv for inv in rows if as_utc(inv.expires_at) > now]


def invitation(session: Session, org_id: int, invitation_id: int) -> Invitation:
    inv = session.get(Invitation, invitation_id)
    if inv is None or inv.organisation_id != org_id:
        raise NotFound("invitation", invitation_id)
    return inv


def invite(session: Session, actor: Actor, org_id: int, email: str, role: str,
           signer: tokens.TokenSigner, link_for: Callable[[str], str],
           now: datetime | None = None) -> Invitation:
    """Invite a colleague by e-mail; a newer invitation to the same address
    replaces the open one."""
    now = now or utcnow()
    org = get_organisation(session, org_id)
    check = Checker()
    email = check(validation.email, email)
    if email and email_taken(session, email):
        check.add("email.taken", "email")
    if role not in roles_for(org.kind):
        check.add("role.invalid", "role")
    check.done()
    session.execute(update(Invitation).where(
        Invitation.organisation_id == org_id, Invitation.email == email,
        Invitation.used_at.is_(None), Invitation.revoked_at.is_(None)).values(revoked_at=now))
    inv = Invitation(organisation_id=org_id, email=email, role=role, nonce=tokens.new_nonce(),
                     invited_by_id=actor.user_id, created_at=now,
                     expires_at=now + timedelta(seconds=signer.invitation_max_age))
    session.add(inv)
    session.flush()
    link = link_for(signer.dumps(tokens.INVITATION, inv.id, inv.nonce))
    zh, en = ROLE_LABELS[role]
    messages.send(session, email, "invitation", org=org.name, inviter=actor.label, role_zh=zh,
                  role_en=en, link=link, days=signer.invitation_max_age // 86400)
    audit.record(session, actor, "invitation.sent", "invitation", inv.id,
                 {"email": email, "role": role}, organisation_id=org_id)
    session.commit()
    return inv


def revoke_invitation(session: Session, actor: Actor, org_id: int, invitation_id: int) -> None:
    inv = invitation(session, org_id, invitation_id)
    if inv.used_at is None and inv.revoked_at is None:
        inv.revoked_at = utcnow()
        audit.record(session, actor, "invitation.revoked", "invitation", inv.id,
                     {"email": inv.email}, organisation_id=org_id)
        session.commit()


def valid_invitation(session: Session, signer: tokens.TokenSigner, token: str,
                     now: datetime | None = None) -> Invitation:
    """The invitation a token names, if signed, unexpired, unused and not revoked."""
    now = now or utcnow()
    row_id, nonce = signer.loads(tokens.INVITATION, token)
    inv = session.get(Invitation, row_id)
    if inv is None or not tokens.same_nonce(inv.nonce, nonce) or inv.revoked_at is not None:
        raise AccountError("token.invalid")
    if inv.used_at is not None:
        raise AccountError("token.used")
    if as_utc(inv.expires_at) <= now:
        raise AccountError("token.expired")
    return inv


def accept(session: Session, signer: tokens.TokenSigner, token: str, name: str, password: str,
           ip: str = "", now: datetime | None = None) -> User:
    """Create the invited user with the invited role; the link is then used up."""
    now = now or utcnow()
    inv = valid_invitation(session, signer, token, now)
    check = Checker()
    name = check(validation.text, name, "name", 1, 64)
    check(passwords.check_policy, password, inv.email)
    if email_taken(session, inv.email):
        check.add("email.taken", "email")
    check.done()
    tokens.use_once(session, Invitation, inv.id, now)
    user = User(organisation_id=inv.organisation_id, email=inv.email, name=name, role=inv.role,
                password_hash=passwords.hash_password(password), login_token=secrets.token_hex(32),
                password_changed_at=now)
    session.add(user)
    session.flush()
    audit.record(session, Actor.of(user, ip), "invitation.accepted", "invitation", inv.id,
                 {"user_id": user.id, "role": inv.role})
    session.commit()
    return user


def _active_admins(session: Session, org_id: int) -> int:
    return sum(1 for u in members(session, org_id) if u.active and is_admin(u.role))


def change_role(session: Session, actor: Actor, org_id: int, user_id: int, role: str) -> User:
    user = member(session, org_id, user_id)
    if role not in roles_for(user.organisation.kind):
        raise AccountError("role.invalid", "role")
    if role == user.role:
        return user
    if is_admin(user.role) and user.active and _active_admins(session, org_id) <= 1:
        raise AccountError("role.last_admin", "role")
    before, user.role = user.role, role
    # the old role's sessions end; an admin changing their own role keeps this one
    sessions.end_all(session, user.id, keep=actor.session_key if actor.user_id == user.id else "")
    audit.record(session, actor, "user.role_changed", "user", user.id,
                 {"email": user.email, "from": before, "to": role}, organisation_id=org_id)
    session.commit()
    return user


def set_active(session: Session, actor: Actor, org_id: int, user_id: int, active: bool) -> User:
    """Deactivating ends the user's sessions at once."""
    user = member(session, org_id, user_id)
    if user.active == active:
        return user
    if not active and user.id == actor.user_id:
        raise AccountError("user.self_deactivate")
    if not active and is_admin(user.role) and _active_admins(session, org_id) <= 1:
        raise AccountError("role.last_admin")
    user.active = active
    sessions.end_all(session, user.id)
    audit.record(session, actor, "user.activated" if active else "user.deactivated", "user", user.id,
                 {"email": user.email}, organisation_id=org_id)
    session.commit()
    return user
