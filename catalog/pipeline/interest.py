"""Expressions of interest (issue 7): from a lead, a supplier writes to the
enterprise that owns a need. It is an Inquiry with ``origin='supplier'``.

- A public need: the enterprise gets it at once.
- An anonymous need: it waits for the bureau (``forward_status``
  ``awaiting_bureau``), which forwards it or declines with a reason; the
  enterprise sees nothing before it is forwarded.
- The enterprise accepts (or writes its first message: status replied, its
  name is revealed to the supplier) or declines (lost, not interested).
  Until then every page and notice the supplier sees says 「匿名企业」
  (``states.enterprise_name``) for an anonymous need."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts import audit
from catalog.accounts.checks import Checker
from catalog.accounts.validation import long_text, text
from catalog.errors import NotFound, RuleError
from catalog.supply import listing

from . import leads, notify
from .inquiries import (
    Limits,
    check_inquiry_limit,
    check_message_limit,
    clean_body,
    event,
    first_technology,
    get,
    parse_id,
    reply,
)
from .states import enterprise_name  # noqa: F401 - the anonymity rule, used through this module too

FINISHED = ("closed", "lost")


@dataclass(frozen=True)
class InterestInput:
    subject: str = ""
    body: str = ""
    product_id: object = None
    offer_id: object = None
    technology_code: str = ""


def _own_listing(session: Session, model: type, raw: object, org_id: int, field: str):
    listing_id = parse_id(raw)
    if listing_id is None:
        return None
    row = listing.get(session, model, listing_id, org_id)
    if row.status != "published":
        raise RuleError("interest.unpublished", field)
    return row


def _technology(session: Session, code: str, product, offer) -> m.Technology | None:
    if code:
        tech = session.scalars(select(m.Technology).where(
            m.Technology.code == code, m.Technology.status == "published")).unique().one_or_none()
        if tech is not None:
            return tech
    return first_technology(product, offer)


def pending(session: Session, supplier_org_id: int, need_id: int) -> m.Inquiry | None:
    """The supplier's expression of interest in the need that is still going."""
    return session.scalars(select(m.Inquiry).where(
        m.Inquiry.supplier_id == supplier_org_id, m.Inquiry.need_id == need_id,
        m.Inquiry.origin == "supplier", m.Inquiry.status.not_in(FINISHED))).unique().first()


def express(session: Session, supplier_org_id: int, need_id: int, data: InterestInput, actor: audit.Actor,
            limits: Limits = Limits()) -> m.Inquiry:
    org = session.get(m.Organisation, supplier_org_id)
    if org is None or org.kind != "supplier":
        raise NotFound("organisation", supplier_org_id)
    need = leads.visible_need(session, supplier_org_id, need_id)
    product = _own_listing(session, m.Product, data.product_id, supplier_org_id, "product_id")
    offer = _own_listing(session, m.EmcOffer, data.offer_id, supplier_org_id, "offer_id")
    check = Checker()
    subject = check(text, data.subject, "subject", 4, 200)
    body = check(clean_body, data.body)
    check.done()
    if pending(session, supplier_org_id, need.id) is not None:
        raise RuleError("interest.duplicate", None)
    check_inquiry_limit(session, org, limits)
    check_message_limit(session, supplier_org_id, limits)
    public = need.confidentiality == "public"
    inquiry = m.Inquiry(enterprise_id=need.organisation_id, supplier_id=supplier_org_id, need=need,
                        product=product, offer=offer,
                        technology=_technology(session, data.technology_code, product, offer),
                        subject=subject, status="sent", origin="supplier", created_by_id=actor.user_id,
                        forward_status=None if public else "awaiting_bureau", identity_revealed=public)
    inquiry.messages.append(m.InquiryMessage(organisation_id=supplier_org_id, side="supplier",
                                             author_id=actor.user_id, body=body))
    session.add(inquiry)
    session.flush()
    event(session, inquiry, "supplier", actor, None, {"origin": "supplier"})
    if public:
        notify.interest_forwarded(session, inquiry)
    else:
        notify.interest_awaiting_bureau(session, inquiry)
    session.commit()
    return inquiry


def awaiting(session: Session) -> list[m.Inquiry]:
    """The bureau's queue: expressions of interest in anonymous needs to forward, oldest first."""
    return list(session.scalars(select(m.Inquiry).where(
        m.Inquiry.forward_status == "awaiting_bureau", m.Inquiry.status == "sent")
        .order_by(m.Inquiry.created_at, m.Inquiry.id)).unique())


def _awaiting_one(session: Session, inquiry_id: int) -> m.Inquiry:
    inquiry = session.get(m.Inquiry, inquiry_id)
    if inquiry is None:
        raise NotFound("inquiry", inquiry_id)
    if inquiry.forward_status != "awaiting_bureau" or inquiry.status != "sent":
        raise RuleError("interest.not_awaiting", None)
    return inquiry


def forward(session: Session, inquiry_id: int, actor: audit.Actor) -> m.Inquiry:
    """The bureau passes an expression of interest on; the enterprise is told."""
    inquiry = _awaiting_one(session, inquiry_id)
    inquiry.forward_status = "forwarded"
    inquiry.updated_at = m.utcnow()
    inquiry.events.append(m.InquiryEvent(side="bureau", actor_id=actor.user_id, from_status="sent",
                                         to_status="sent", detail={"forward": "forwarded"}))
    audit.record(session, actor, "inquiry.forwarded", "inquiry", inquiry.id)
    notify.interest_forwarded(session, inquiry)
    session.commit()
    return inquiry


def decline_forward(session: Session, inquiry_id: int, reason: str, actor: audit.Actor) -> m.Inquiry:
    """The bureau does not pass it on (a reason is required): lost, not forwarded."""
    inquiry = _awaiting_one(session, inquiry_id)
    check = Checker()
    why = check(long_text, reason, "reason", 4, 1000)
    check.done()
    inquiry.forward_status = "not_forwarded"
    inquiry.status, inquiry.lost_reason = "lost", "not_forwarded"
    inquiry.updated_at = m.utcnow()
    inquiry.events.append(m.InquiryEvent(side="bureau", actor_id=actor.user_id, from_status="sent",
                                         to_status="lost", detail={"forward": "not_forwarded",
                                                                   "reason": why}))
    audit.record(session, actor, "inquiry.not_forwarded", "inquiry", inquiry.id, {"reason": why})
    notify.interest_answered(session, inquiry, False)
    session.commit()
    return inquiry


def _answerable(session: Session, org_id: int, inquiry_id: int) -> m.Inquiry:
    inquiry, side = get(session, org_id, inquiry_id)
    if side != "enterprise" or inquiry.origin != "supplier":
        raise RuleError("inquiry.wrong_side", None)
    if inquiry.status != "sent":
        raise RuleError("interest.answered", None)
    return inquiry


def accept(session: Session, org_id: int, inquiry_id: int, actor: audit.Actor) -> m.Inquiry:
    """The enterprise accepts: replied, and its name is shown to the supplier."""
    inquiry = _answerable(session, org_id, inquiry_id)
    reply(session, inquiry, "enterprise", actor)
    session.commit()
    return inquiry


def decline(session: Session, org_id: int, inquiry_id: int, actor: audit.Actor) -> m.Inquiry:
    """The enterprise declines: lost (not interested); its name stays hidden."""
    inquiry = _answerable(session, org_id, inquiry_id)
    inquiry.status, inquiry.lost_reason = "lost", "not_interested"
    inquiry.updated_at = m.utcnow()
    event(session, inquiry, "enterprise", actor, "sent", {"lost_reason": "not_interested"})
    notify.interest_answered(session, inquiry, False)
    session.commit()
    return inquiry
