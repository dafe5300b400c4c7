"""Inquiries: an enterprise asks a supplier about a published product or EMC
offer (optionally for one of its needs), or a supplier expresses interest in a
need (``interest``); both sides write in a thread (with attachments) and move
the deal along the pipeline of ``states``. Every service takes the caller's
organisation id: an inquiry is found only by its two parties (anyone else
gets NotFound; the enterprise does not see an expression of interest the
bureau has not forwarded), and each service commits its own transaction."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from catalog import clock
from catalog import models as m
from catalog.accounts import audit
from catalog.accounts.checks import Checker
from catalog.accounts.validation import long_text, text
from catalog.enterprise import needs
from catalog.enterprise.values import choice, number
from catalog.errors import NotFound, RuleError
from catalog.supply import public

from . import attachments, notify, states
from .attachments import FileStore, Upload
from .repeats import existing

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
MAX_MESSAGE = 5000
FOLLOW_UP_MONTHS = 6


@dataclass(frozen=True)
class Limits:
    daily: int = 20             # inquiries per organisation in 24 hours
    daily_unverified: int = 3   # the same for an organisation not (yet) verified
    hourly_messages: int = 60   # messages per organisation in one hour


@dataclass(frozen=True)
class InquiryInput:
    subject: str = ""
    body: str = ""
    need_id: object = None
    product_id: object = None
    offer_id: object = None
    technology_code: str = ""


@dataclass(frozen=True)
class StepInput:
    target: str = ""
    lost_reason: str = ""
    contract_model: str = ""
    contract_value_cny: object = None
    expected_saving_tce: object = None
    expected_co2_t: object = None
    measured_saving_tce: object = None


def clean_body(raw: str, field: str = "body", maximum: int = MAX_MESSAGE) -> str:
    """Plain text: control and direction characters removed, line breaks kept, length-limited."""
    return long_text(CONTROL.sub("", (raw or "").replace("\r\n", "\n")), field, 1, maximum)


def today() -> date:
    return clock.today()


def months_later(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def parse_id(raw: object) -> int | None:
    try:
        return int(str(raw)) if raw not in (None, "") else None
    except ValueError:
        raise NotFound("listing", raw) from None


def _count_since(session: Session, column, org_column, org_id: int, since: datetime) -> int:
    return session.scalar(select(func.count()).where(org_column == org_id, column >= since)) or 0


HIDDEN_FROM_ENTERPRISE = ("awaiting_bureau", "not_forwarded")
PARTY_LOST_REASONS = tuple(r for r in m.LOST_REASONS if r != "not_forwarded")  # that one is the bureau's


def check_inquiry_limit(session: Session, org: m.Organisation, limits: Limits) -> None:
    """Inquiries and expressions of interest the organisation sent in 24 hours."""
    limit = limits.daily if org.status == "verified" else limits.daily_unverified
    by_org = ((m.Inquiry.origin == "enterprise") & (m.Inquiry.enterprise_id == org.id)) | (
        (m.Inquiry.origin == "supplier") & (m.Inquiry.supplier_id == org.id))
    sent = session.scalar(select(func.count()).where(
        by_org, m.Inquiry.created_at >= m.utcnow() - timedelta(days=1))) or 0
    if sent >= limit:
        raise RuleError("inquiry.daily_limit", None, limit=limit)


def check_message_limit(session: Session, org_id: int, limits: Limits) -> None:
    sent = _count_since(session, m.InquiryMessage.created_at, m.InquiryMessage.organisation_id, org_id,
                        m.utcnow() - timedelta(hours=1))
    if sent >= limits.hourly_messages:
        raise RuleError("inquiry.hourly_limit", None, limit=limits.hourly_messages)


def first_technology(product: m.Product | None, offer: m.EmcOffer | None) -> m.Technology | None:
    listed = [*(product.technologies if product else []), *(offer.technologies if offer else [])]
    return listed[0] if listed else None


def subjects(session: Session, org_id: int, data: InquiryInput) -> dict:
    """The need, product, offer and technology an inquiry is about, checked:
    the need must be the enterprise's own, the product and offer published by
    a verified supplier, and both of the same supplier."""
    product_id, offer_id = parse_id(data.product_id), parse_id(data.offer_id)
    if product_id is None and offer_id is None:
        raise RuleError("inquiry.no_subject", None)
    product = public.product(session, product_id) if product_id is not None else None
    offer = public.offer(session, offer_id) if offer_id is not None else None
    suppliers = {row.organisation_id for row in (product, offer) if row is not None}
    if len(suppliers) != 1:
        raise RuleError("inquiry.two_suppliers", None)
    need_id = parse_id(data.need_id)
    need = needs.get(session, org_id, need_id) if need_id is not None else None
    tech = None
    if data.technology_code:
        tech = session.scalars(select(m.Technology).where(
            m.Technology.code == data.technology_code)).unique().one_or_none()
    if tech is None:  # the listing's first technology, so the bureau can count by sector
        tech = first_technology(product, offer)
    return {"supplier_id": suppliers.pop(), "need": need, "product": product, "offer": offer,
            "technology": tech}


def event(session: Session, inquiry: m.Inquiry, side: str, actor: audit.Actor, before: str | None,
           detail: dict | None = None) -> None:
    inquiry.events.append(m.InquiryEvent(side=side, actor_id=actor.user_id, from_status=before,
                                         to_status=inquiry.status, detail=detail or {}))
    reached = m.REACHED_AT.get(inquiry.status)
    if reached and getattr(inquiry, reached) is None:  # the first time only (for the bureau's funnel)
        setattr(inquiry, reached, m.utcnow())
    audit.record(session, actor, "inquiry.status_changed" if before else "inquiry.created", "inquiry",
                 inquiry.id, {"from": before, "to": inquiry.status, **(detail or {})})


def create(session: Session, org_id: int, data: InquiryInput, actor: audit.Actor,
           limits: Limits = Limits()) -> m.Inquiry:
    """A new inquiry; RuleError ``inquiry.duplicate`` (with ``inquiry_id``)
    when the same one is still open."""
    org = session.get(m.Organisation, org_id)
    if org is None or org.kind != "enterprise":
        raise NotFound("organisation", org_id)
    about = subjects(session, org_id, data)
    check = Checker()
    subject = check(text, data.subject, "subject", 4, 200)
    body = check(clean_body, data.body)
    check.done()
    check_inquiry_limit(session, org, limits)
    check_message_limit(session, org_id, limits)
    # a double-click's two requests take turns from here: this no-op write locks the organisation's
    # row (PostgreSQL) or the database (SQLite) until commit, so the second one sees the first inquiry
    session.execute(update(m.Organisation).where(m.Organisation.id == org_id)
                    .values(status=m.Organisation.status))
    earlier = existing(session, org_id, about)
    if earlier is not None:
        raise RuleError("inquiry.duplicate", None, inquiry_id=earlier.id)
    inquiry = m.Inquiry(enterprise_id=org_id, supplier_id=about["supplier_id"], need=about["need"],
                        product=about["product"], offer=about["offer"], technology=about["technology"],
                        subject=subject, status="sent", created_by_id=actor.user_id)
    inquiry.messages.append(m.InquiryMessage(organisation_id=org_id, side="enterprise",
                                             author_id=actor.user_id, body=body))
    session.add(inquiry)
    session.flush()
    event(session, inquiry, "enterprise", actor, None)
    notify.new_inquiry(session, inquiry)
    session.commit()
    return inquiry


def get(session: Session, org_id: int, inquiry_id: int) -> tuple[m.Inquiry, str]:
    """The inquiry and the caller's side; NotFound unless ``org_id`` is a party
    (for the enterprise: once the bureau has forwarded an expression of interest)."""
    inquiry = session.get(m.Inquiry, inquiry_id)
    if inquiry is None or org_id not in (inquiry.enterprise_id, inquiry.supplier_id):
        raise NotFound("inquiry", inquiry_id)
    if inquiry.supplier_id == org_id:
        return inquiry, "supplier"
    if inquiry.forward_status in HIDDEN_FROM_ENTERPRISE:
        raise NotFound("inquiry", inquiry_id)
    return inquiry, "enterprise"


def list_for(session: Session, org_id: int, status: str | None = None) -> list[m.Inquiry]:
    as_enterprise = (m.Inquiry.enterprise_id == org_id) & (
        m.Inquiry.forward_status.is_(None) | m.Inquiry.forward_status.not_in(HIDDEN_FROM_ENTERPRISE))
    query = select(m.Inquiry).where(as_enterprise | (m.Inquiry.supplier_id == org_id))
    if status:
        query = query.where(m.Inquiry.status == status)
    return list(session.scalars(query.order_by(m.Inquiry.updated_at.desc(), m.Inquiry.id.desc())).unique())


def reply(session: Session, inquiry: m.Inquiry, side: str, actor: audit.Actor,
          by_message: bool = False) -> None:
    """The answering side's first message or acceptance: sent → replied. An
    expression of interest answered by the enterprise reveals its identity.
    One notification either way: a first message is announced as the message."""
    inquiry.status = "replied"
    inquiry.updated_at = m.utcnow()
    event(session, inquiry, side, actor, "sent")
    if inquiry.origin == "supplier":
        inquiry.identity_revealed = True
        notify.interest_answered(session, inquiry, True)
    elif by_message:
        notify.new_message(session, inquiry, side)
    else:
        notify.step(session, inquiry, side)


def post(session: Session, org_id: int, inquiry_id: int, body: str, actor: audit.Actor,
         limits: Limits = Limits(), uploads: tuple[Upload, ...] | list[Upload] = (),
         store: FileStore | None = None) -> m.InquiryMessage:
    """A message with up to three files, saved together or not at all; the
    answering side's first message moves a sent inquiry to replied."""
    inquiry, side = get(session, org_id, inquiry_id)
    if inquiry.status in ("closed", "lost"):
        raise RuleError("inquiry.finished", None)
    if inquiry.forward_status == "awaiting_bureau":
        raise RuleError("interest.awaiting_bureau", None)
    check = Checker()
    cleaned = check(clean_body, body)
    check.done()
    files = attachments.prepare(uploads, store, actor, org_id)
    check_message_limit(session, org_id, limits)
    message = m.InquiryMessage(organisation_id=org_id, side=side, author_id=actor.user_id, body=cleaned)
    message.attachments.extend(row for row, _data in files)
    inquiry.messages.append(message)
    inquiry.updated_at = m.utcnow()
    answers = inquiry.status == "sent" and side == states.replier(inquiry.origin)
    if answers and inquiry.origin == "supplier":
        inquiry.identity_revealed = True  # before the e-mail that names the sender
    audit.record(session, actor, "inquiry.message", "inquiry", inquiry.id,
                 {"length": len(cleaned), "files": len(files)})
    if answers:
        reply(session, inquiry, side, actor, by_message=True)
    else:
        notify.new_message(session, inquiry, side)
    attachments.save(session, store, files)
    return message


def _step_values(target: str, data: StepInput) -> dict:
    check = Checker()
    if target == "lost":
        values = {"lost_reason": check(choice, data.lost_reason, "lost_reason", PARTY_LOST_REASONS)}
    elif target == "contracted":
        values = {
            "contract_model": check(choice, data.contract_model, "contract_model", m.CONTRACT_MODELS),
            "contract_value_cny": check(number, data.contract_value_cny, "contract_value_cny",
                                        minimum=1, maximum=1e11, required=True),
            "expected_saving_tce": check(number, data.expected_saving_tce, "expected_saving_tce",
                                         maximum=1e8, required=True),
            "expected_co2_t": check(number, data.expected_co2_t, "expected_co2_t",
                                    maximum=1e9, required=True),
        }
    elif target == "implemented":
        values = {"measured_saving_tce": check(number, data.measured_saving_tce, "measured_saving_tce",
                                               maximum=1e8)}
    else:
        values = {}
    check.done()
    return values


def move(session: Session, org_id: int, inquiry_id: int, data: StepInput, actor: audit.Actor) -> m.Inquiry:
    """One pipeline step by the caller's side, with the figures it records."""
    inquiry, side = get(session, org_id, inquiry_id)
    if (inquiry.status, data.target) in states.BY_MESSAGE:
        raise RuleError("inquiry.reply_first", None)
    states.check(inquiry.status, data.target, side, inquiry.origin)
    values = _step_values(data.target, data)
    before = inquiry.status
    for name, value in values.items():
        setattr(inquiry, name, value)
    inquiry.status = data.target
    if data.target == "implemented":
        inquiry.follow_up_due = months_later(today(), FOLLOW_UP_MONTHS)
    inquiry.updated_at = m.utcnow()
    event(session, inquiry, side, actor, before, {k: v for k, v in values.items() if v is not None})
    _tell_step(session, inquiry, side)
    session.commit()
    return inquiry


def _tell_step(session: Session, inquiry: m.Inquiry, side: str) -> None:
    """The other party hears of a step, except: an enterprise that has not seen
    an expression of interest hears nothing, and a supplier is not told the
    name of an enterprise that declines before revealing itself."""
    if inquiry.forward_status in HIDDEN_FROM_ENTERPRISE:
        return
    if side == "enterprise" and not inquiry.identity_revealed:
        notify.interest_answered(session, inquiry, False)
        return
    notify.step(session, inquiry, side)
