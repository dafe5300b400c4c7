"""Registration of an enterprise or supplier together with its first user,
who becomes the organisation's admin. The organisation starts 「待核验」.

``apply`` is the public form's service: it answers the same whether or not
the e-mail or credit code is already known (no account enumeration) and lets
the mailbox tell the difference: a confirmation link that signs the new user
in, or a note that an account already exists. ``register`` creates a
confirmed account at once (fixtures, imports and the CLI's trusted paths)."""
from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Organisation, User, utcnow
from . import audit, messages, passwords, privacy, tokens, uscc, validation
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
    # the privacy policy version the person agreed to (the public form requires the current one)
    privacy_version: str = ""


def email_taken(session: Session, email: str) -> bool:
    return session.scalar(select(User.id).where(User.email == email)) is not None


def uscc_taken(session: Session, code: str) -> bool:
    return session.scalar(select(Organisation.id).where(Organisation.uscc == code)) is not None


def _validate(session: Session, reg: Registration, refuse_taken: bool = True,
              consent: bool = False) -> tuple[dict, str]:
    """(organisation attributes, e-mail) or InvalidFields listing every problem.
    ``consent``: the current privacy policy must have been agreed to."""
    check = Checker()
    if consent or reg.privacy_version:
        check(privacy.check_consent, reg.privacy_version)
    if reg.kind not in SELF_REGISTERING_KINDS:
        check.add("kind.invalid", "kind")
    name = check(validation.text, reg.org_name, "org_name", 2, 200)
    code = check(uscc.validate, reg.uscc)
    if refuse_taken and code and uscc_taken(session, code):
        check.add("uscc.taken", "uscc")
    values = check_contact(session, check, reg.contact)
    email = values["contact_email"]
    if refuse_taken and email and email_taken(session, email):
        check.add("email.taken", "email")
    check(passwords.check_policy, reg.password, email or "")
    check.done()
    return {"name": name, "uscc": code, **values}, email


def _create(session: Session, reg: Registration, values: dict, email: str, confirmed: bool) -> User:
    """The organisation and its admin, flushed (IntegrityError if a concurrent
    registration took the code or e-mail)."""
    org = Organisation(kind=reg.kind, status="pending", **values)
    user = User(organisation=org, email=email, name=values["contact_name"], role=admin_role(reg.kind),
                password_hash=passwords.hash_password(reg.password), email_confirmed=confirmed,
                login_token=secrets.token_hex(32), password_changed_at=utcnow(),
                privacy_version=reg.privacy_version or None,
                privacy_accepted_at=utcnow() if reg.privacy_version else None)
    session.add_all([org, user])
    session.flush()
    return user


def _audit_registered(session: Session, user: User, ip: str) -> None:
    org = user.organisation
    audit.record(session, Actor.of(user, ip), "organisation.registered", "organisation", org.id,
                 {"name": org.name, "uscc": org.uscc, "kind": org.kind,
                  "privacy_version": user.privacy_version or ""})


def register(session: Session, reg: Registration, ip: str = "") -> User:
    """Create the organisation and its (confirmed) admin; audited; a
    notice is queued. InvalidFields names every field that is wrong."""
    values, email = _validate(session, reg)
    try:
        user = _create(session, reg, values, email, confirmed=True)
    except IntegrityError as exc:  # a concurrent registration won the race
        session.rollback()
        raise _conflict(session, values["uscc"], email) from exc
    _audit_registered(session, user, ip)
    messages.send(session, email, "registered", name=user.name, org=user.organisation.name)
    session.commit()
    return user


def problems(session: Session, reg: Registration) -> list[AccountError]:
    """Every problem of the values in themselves (nothing about what the
    database holds), so a form with an empty field also shows, at the same
    submit, that the credit code, mobile number or password is wrong."""
    try:
        _validate(session, reg, refuse_taken=False)
    except InvalidFields as exc:
        return exc.errors
    return []


def apply(session: Session, reg: Registration, signer: tokens.TokenSigner,
          link_for: Callable[[str], str], ip: str = "") -> None:
    """The public registration. InvalidFields only for values wrong in
    themselves; otherwise nothing to tell the visitor but "check your mail",
    whatever the database already holds."""
    values, email = _validate(session, reg, refuse_taken=False, consent=True)
    existing = session.scalar(select(User).where(User.email == email))
    if existing is None and not uscc_taken(session, values["uscc"]):
        try:
            user = _create(session, reg, values, email, confirmed=False)
        except IntegrityError:  # a concurrent registration won the race
            session.rollback()
            existing = session.scalar(select(User).where(User.email == email))
        else:
            _audit_registered(session, user, ip)
            _send_link(session, user, signer, link_for)
            session.commit()
            return
    else:
        passwords.hash_password(reg.password)  # the same work as a new registration
    _tell_existing(session, existing, email, values, signer, link_for, ip)
    session.commit()


def _send_link(session: Session, user: User, signer: tokens.TokenSigner,
               link_for: Callable[[str], str]) -> None:
    link = link_for(signer.dumps(tokens.CONFIRM_EMAIL, user.id, user.email))
    messages.send(session, user.email, "confirm_registration", name=user.name, org=user.organisation.name,
                  link=link, days=max(signer.confirm_max_age // 86400, 1))


def _tell_existing(session: Session, existing: User | None, email: str, values: dict,
                   signer: tokens.TokenSigner, link_for: Callable[[str], str], ip: str) -> None:
    """Mail the address what it needs: a fresh link for its unconfirmed
    registration, or a note that an account or the organisation exists."""
    if existing is not None and not existing.email_confirmed and existing.active:
        _send_link(session, existing, signer, link_for)
        outcome = "link_resent"
    elif existing is not None:
        messages.send(session, email, "account_exists", name=existing.name)
        outcome = "account_exists"
    else:
        messages.send(session, email, "organisation_exists", org=values["name"], uscc=values["uscc"])
        outcome = "organisation_exists"
    audit.record(session, Actor.of(None, ip, email), "registration.repeated", "organisation",
                 existing.organisation_id if existing else "", {"outcome": outcome},
                 organisation_id=existing.organisation_id if existing else None)


def unconfirmed(session: Session, signer: tokens.TokenSigner, token: str) -> User:
    """The user a registration link names, if signed, unexpired and not yet
    confirmed; AccountError ``token.*`` otherwise."""
    user_id, email = signer.loads(tokens.CONFIRM_EMAIL, token)
    user = session.get(User, user_id)
    if user is None or not tokens.same_nonce(user.email, email) or not user.active:
        raise AccountError("token.invalid")
    if user.email_confirmed:
        raise AccountError("token.used")
    return user


def confirm(session: Session, signer: tokens.TokenSigner, token: str, ip: str = "") -> User:
    """Confirm the e-mail address a registration link names (once); the user,
    whom the web layer then signs in. AccountError ``token.*`` otherwise."""
    user = unconfirmed(session, signer, token)
    claimed = session.execute(update(User).where(User.id == user.id, User.email_confirmed.is_(False))
                              .values(email_confirmed=True)).rowcount
    if claimed != 1:
        session.rollback()
        raise AccountError("token.used")
    user.last_login_at = utcnow()
    audit.record(session, Actor.of(user, ip), "auth.email_confirmed", "user", user.id)
    audit.record(session, Actor.of(user, ip), "auth.sign_in", "user", user.id, {"via": "confirmation"})
    _tell_bureau(session, user.organisation)
    session.commit()
    session.refresh(user)
    return user


def _tell_bureau(session: Session, org: Organisation) -> None:
    """The bureau hears of an organisation waiting for verification once its
    registrant has confirmed the address (not before: unconfirmed ones are noise)."""
    from .. import notify  # catalog.notify builds on accounts (outbox, roles)

    if org.status == "pending":
        notify.to_bureau(session, "registration_pending", {"name": org.name, "uscc": org.uscc},
                         f"/bureau/organisations/{org.id}")


def _conflict(session: Session, code: str, email: str) -> InvalidFields:
    errors = []
    if uscc_taken(session, code):
        errors.append(AccountError("uscc.taken", "uscc"))
    if email_taken(session, email) or not errors:
        errors.append(AccountError("email.taken", "email"))
    return InvalidFields(errors)
