"""Organisations: where they are, what sectors they serve, their contact
details, and the bureau's verification (approve, reject, revoke)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..models import District, Organisation, Sector, User, utcnow
from . import audit, messages, validation
from .audit import Actor
from .checks import Checker
from .errors import AccountError
from .regions import PROVINCE_KEYS
from .roles import ADMIN_ROLES

OUTSIDE = "outside"  # the district choice 「市外」


@dataclass(frozen=True)
class Contact:
    name: str
    mobile: str
    email: str
    district_key: str
    province: str
    sector_keys: tuple[str, ...]


def get(session: Session, org_id: int) -> Organisation:
    org = session.get(Organisation, org_id)
    if org is None:
        raise NotFound("organisation", org_id)
    return org


def location(session: Session, district_key: str, province: str) -> tuple[str | None, str | None]:
    """(district_key, province): a Chongqing district, or 「市外」 with a province."""
    if district_key == OUTSIDE:
        if province not in PROVINCE_KEYS:
            raise AccountError("province.required", "province")
        return None, province
    if not district_key or session.get(District, district_key) is None:
        raise AccountError("district.invalid", "district")
    return district_key, None


def sectors(session: Session, keys: tuple[str, ...]) -> list[Sector]:
    if not keys:
        raise AccountError("sectors.required", "sectors")
    found = list(session.scalars(select(Sector).where(Sector.key.in_(keys))))
    if len(found) != len(set(keys)):
        raise AccountError("sectors.invalid", "sectors")
    return found


def check_contact(session: Session, check: Checker, contact: Contact) -> dict:
    """Validated contact fields as model attributes (errors go to ``check``)."""
    place = check(location, session, contact.district_key, contact.province) or (None, None)
    return {
        "contact_name": check(validation.text, contact.name, "contact_name", 2, 64),
        "contact_mobile": check(validation.mobile, contact.mobile, "mobile"),
        "contact_email": check(validation.email, contact.email, "email"),
        "district_key": place[0], "province": place[1],
        "sectors": check(sectors, session, contact.sector_keys),
    }


def update_contact(session: Session, actor: Actor, org_id: int, contact: Contact) -> Organisation:
    """An organisation admin edits its contact details, location and sectors."""
    org = get(session, org_id)
    check = Checker()
    values = check_contact(session, check, contact)
    check.done()
    changed = sorted(k for k, v in values.items() if getattr(org, k) != v)
    for key, value in values.items():
        setattr(org, key, value)
    audit.record(session, actor, "organisation.updated", "organisation", org.id,
                 {"fields": changed}, organisation_id=org.id)
    session.commit()
    return org


def count_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(Organisation.status, func.count()).where(Organisation.kind != "bureau")
                           .group_by(Organisation.status))
    return {status: n for status, n in rows}


def list_by_status(session: Session, status: str | None) -> list[Organisation]:
    """The bureau's queue: oldest first, so nobody waits longest."""
    query = select(Organisation).where(Organisation.kind != "bureau")
    if status:
        query = query.where(Organisation.status == status)
    return list(session.scalars(query.order_by(Organisation.created_at, Organisation.id)))


def all_named(session: Session) -> list[Organisation]:
    return list(session.scalars(select(Organisation).order_by(Organisation.name)))


TRANSITIONS = {
    # action: (statuses it may start from, resulting status, audit action, mail kind)
    "approve": (("pending", "rejected", "revoked"), "verified", "organisation.verified", "org_verified"),
    "reject": (("pending",), "rejected", "organisation.rejected", "org_rejected"),
    "revoke": (("verified",), "revoked", "organisation.revoked", "org_revoked"),
}


def decide(session: Session, actor: Actor, org_id: int, action: str, reason: str = "") -> Organisation:
    """The bureau approves, rejects (reason required) or revokes (reason
    required) an organisation; audited and e-mailed to the organisation."""
    org = get(session, org_id)
    starts, result, audit_action, mail_kind = TRANSITIONS[action]
    if org.kind == "bureau":
        raise AccountError("status.not_applicable")
    if org.status not in starts:
        raise AccountError("status.transition", status=org.status)
    reason = validation.long_text(reason, "reason", 2, 1000) if action != "approve" \
        else " ".join(reason.split())[:1000]
    org.status, org.status_reason, org.status_changed_at = result, reason, utcnow()
    audit.record(session, actor, audit_action, "organisation", org.id,
                 {"reason": reason, "status": result}, organisation_id=org.id)
    for address in recipients(org):
        messages.send(session, address, mail_kind, org=org.name, reason=reason)
    session.commit()
    return org


def recipients(org: Organisation) -> list[str]:
    """The contact e-mail and every active admin, once each."""
    addresses = [org.contact_email] + [u.email for u in org.users if u.active and u.role in ADMIN_ROLES]
    return list(dict.fromkeys(a for a in addresses if a))


def admins(session: Session, org_id: int) -> list[User]:
    return list(session.scalars(select(User).where(User.organisation_id == org_id,
                                                   User.role.in_(ADMIN_ROLES), User.active)))
