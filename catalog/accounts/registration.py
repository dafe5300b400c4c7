"""Registration of an enterprise or supplier together with its first user,
who becomes the organisation's admin. The organisation starts 「待核验」."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Organisation, User, utcnow
from . import audit, messages, passwords, uscc, validation
from .audit import Actor
from .checks import Checker, InvalidFields
from .errors import AccountError
from .organisations import Contact, check_contact
from .roles import SELF_REGISTERING_KINDS, admin_role


@dataclass(frozen=True)
class Registration:
    kind: str
    org_name: str
    uscc: str
    contact: Contact
    password: str


def email_taken(session: Session, email: str) -> bool:
    return session.scalar(select(User.id).where(User.email == email)) is not None


def uscc_taken(session: Session, code: str) -> bool:
    return session.scalar(select(Organisation.id).where(Organisation.uscc == code)) is not None


def _validate(session: Session, reg: Registration) -> tuple[dict, str]:
    """(organisation attributes, e-mail) or InvalidFields listing every problem."""
    check = Checker()
    if reg.kind not in SELF_REGISTERING_KINDS:
        check.add("kind.invalid", "kind")
    name = check(validation.text, reg.org_name, "org_name", 2, 200)
    code = check(uscc.validate, reg.uscc)
    if code and uscc_taken(session, code):
        check.add("uscc.taken", "uscc")
    values = check_contact(session, check, reg.contact)
    email = values["contact_email"]
    if email and email_taken(session, email):
        check.add("email.taken", "email")
    check(passwords.check_policy, reg.password, email or "")
    check.done()
    return {"name": name, "uscc": code, **values}, email


def register(session: Session, reg: Registration, ip: str = "") -> User:
    """Create the organisation and its admin; audited; a confirmation e-mail
    is queued. InvalidFields names every field that is wrong."""
    values, email = _validate(session, reg)
    org = Organisation(kind=reg.kind, status="pending", **values)
    user = User(organisation=org, email=email, name=values["contact_name"], role=admin_role(reg.kind),
                password_hash=passwords.hash_password(reg.password),
                login_token=secrets.token_hex(32), password_changed_at=utcnow())
    session.add_all([org, user])
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent registration won the race
        session.rollback()
        raise _conflict(session, values["uscc"], email) from exc
    audit.record(session, Actor.of(user, ip), "organisation.registered", "organisation", org.id,
                 {"name": org.name, "uscc": org.uscc, "kind": org.kind})
    messages.send(session, email, "registered", name=user.name, org=org.name)
    session.commit()
    return user


def _conflict(session: Session, code: str, email: str) -> InvalidFields:
    errors = []
    if uscc_taken(session, code):
        errors.append(AccountError("uscc.taken", "uscc"))
    if email_taken(session, email) or not errors:
        errors.append(AccountError("email.taken", "email"))
    return InvalidFields(errors)
