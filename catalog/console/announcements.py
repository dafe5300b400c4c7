"""Announcements (推介发布): notices and matchmaking events the bureau
publishes, and the organisations that register their interest.

The bureau drafts, edits, publishes and cancels; the public sees published
and cancelled ones (upcoming first, the rest in an archive). An enterprise
or supplier registers once per organisation while registration is open (not
past the deadline — or the start when there is none — and not full: the
capacity counts attendees) and may withdraw until then. Every step is
audited. Times are entered in Beijing time and stored in UTC."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .. import models as m
from ..accounts import audit
from ..accounts.audit import CHINA, Actor
from ..accounts.checks import Checker
from ..errors import NotFound, RuleError
from ..models.base import as_utc
from ..supply import fields
from .cells import safe_row

NOTICE_DAYS = 30  # a notice without a date counts as current this long after publication
PARTY_KINDS = ("enterprise", "supplier")
PUBLIC = ("published", "cancelled")


@dataclass(frozen=True)
class AnnouncementInput:
    kind: str = "event"
    title_zh: str = ""
    title_en: str = ""
    body_zh: str = ""
    body_en: str = ""
    starts_at: str = ""
    ends_at: str = ""
    place: str = ""
    registration_deadline: str = ""
    capacity: str = ""
    sectors: tuple[str, ...] = ()
    technologies: str = ""


@dataclass
class Listing:
    upcoming: list[m.Announcement] = field(default_factory=list)
    archive: list[m.Announcement] = field(default_factory=list)


def moment(raw: str | None, name: str, required: bool = False) -> datetime | None:
    """``2025-06-01T09:30`` / ``2025-06-01 09:30`` / ``2025-06-01`` in Beijing time, as UTC."""
    value = fields.clean(raw).strip().replace(" ", "T")
    if not value:
        if required:
            raise RuleError("text.required", name)
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise RuleError("field.datetime", name) from None
    return (parsed.replace(tzinfo=CHINA) if parsed.tzinfo is None else parsed).astimezone(UTC)


def _values(session: Session, data: AnnouncementInput) -> tuple[dict, list[m.Technology]]:
    check = Checker()
    kind = check(fields.choice, data.kind, "kind", m.ANNOUNCEMENT_KINDS)
    event = kind == "event"
    values = {
        "kind": kind, "title_zh": check(fields.text, data.title_zh, "title_zh", 2, 200),
        "title_en": check(fields.optional_text, data.title_en, "title_en", 200),
        "body_zh": check(fields.long_text, data.body_zh, "body_zh", 2, 10000),
        "body_en": check(fields.long_text, data.body_en, "body_en", 0, 10000) if data.body_en.strip() else "",
        "starts_at": check(moment, data.starts_at, "starts_at", event),
        "ends_at": check(moment, data.ends_at, "ends_at"),
        "place": check(fields.text, data.place, "place", 2, 200) if event or data.place.strip() else "",
        "registration_deadline": check(moment, data.registration_deadline, "registration_deadline"),
        "capacity": check(fields.integer, data.capacity, "capacity", 1, 100000) if data.capacity.strip()
        else None,
        "sectors": check(fields.keys, session, m.Sector, data.sectors, "sectors") or [],
    }
    techs = check(fields.technologies, session, data.technologies, "technologies", False) or []
    start, end, deadline = values["starts_at"], values["ends_at"], values["registration_deadline"]
    if start and end and end < start:
        check.add("ends.before_start", "ends_at")
    if end and not data.starts_at.strip():
        check.add("text.required", "starts_at")
    if start and deadline and deadline > start:
        check.add("deadline.after_start", "registration_deadline")
    check.done()
    return values, techs


def create(session: Session, actor: Actor, data: AnnouncementInput) -> m.Announcement:
    values, techs = _values(session, data)
    item = m.Announcement(status="draft", created_by_id=actor.user_id, technologies=techs, **values)
    session.add(item)
    session.flush()
    audit.record(session, actor, "announcement.created", "announcement", item.id, {"title": item.title_zh})
    session.commit()
    return item


def update(session: Session, actor: Actor, item_id: int, data: AnnouncementInput) -> m.Announcement:
    item = get(session, item_id)
    if item.status == "cancelled":
        raise RuleError("announcement.state", status=item.status)
    values, techs = _values(session, data)
    changed = sorted(k for k, v in values.items() if getattr(item, k) != v)
    if [t.code for t in item.technologies] != [t.code for t in techs]:
        changed.append("technologies")
    for key, value in values.items():
        setattr(item, key, value)
    item.technologies = techs
    audit.record(session, actor, "announcement.updated", "announcement", item.id, {"fields": changed})
    session.commit()
    return item


def publish(session: Session, actor: Actor, item_id: int) -> m.Announcement:
    return _step(session, actor, item_id, "draft", "published")


def cancel(session: Session, actor: Actor, item_id: int) -> m.Announcement:
    item = get(session, item_id)
    return _step(session, actor, item_id, item.status if item.status != "cancelled" else "-", "cancelled")


def _step(session: Session, actor: Actor, item_id: int, source: str, target: str) -> m.Announcement:
    item = get(session, item_id)
    if item.status != source:
        raise RuleError("announcement.state", status=item.status)
    item.status = target
    if target == "published":
        item.published_at = m.utcnow()
    audit.record(session, actor, f"announcement.{target}", "announcement", item.id, {"title": item.title_zh})
    session.commit()
    return item


def get(session: Session, item_id: int) -> m.Announcement:
    item = session.get(m.Announcement, item_id)
    if item is None:
        raise NotFound("announcement", item_id)
    return item


def get_public(session: Session, item_id: int) -> m.Announcement:
    item = get(session, item_id)
    if item.status not in PUBLIC or item.published_at is None:
        raise NotFound("announcement", item_id)
    return item


def all_for_bureau(session: Session) -> list[m.Announcement]:
    return list(session.scalars(select(m.Announcement).order_by(m.Announcement.created_at.desc())))


def _current(now: datetime):
    until = func.coalesce(m.Announcement.ends_at, m.Announcement.starts_at)
    return or_(until >= now, (m.Announcement.starts_at.is_(None))
               & (m.Announcement.published_at >= now - timedelta(days=NOTICE_DAYS)))


def upcoming(session: Session, now: datetime | None = None, limit: int | None = None) -> list[m.Announcement]:
    """Published and not over, the soonest first (dateless notices by publication)."""
    now = now or m.utcnow()
    stmt = (select(m.Announcement).where(m.Announcement.status == "published", _current(now))
            .order_by(func.coalesce(m.Announcement.starts_at, m.Announcement.published_at),
                      m.Announcement.id).limit(limit))
    return list(session.scalars(stmt))


def listing(session: Session, now: datetime | None = None) -> Listing:
    now = now or m.utcnow()
    current = upcoming(session, now)
    shown = {a.id for a in current}
    rest = session.scalars(select(m.Announcement).where(m.Announcement.status.in_(PUBLIC),
                                                        m.Announcement.published_at.is_not(None))
                           .order_by(func.coalesce(m.Announcement.starts_at, m.Announcement.published_at)
                                     .desc()))
    return Listing(current, [a for a in rest if a.id not in shown])


def seats_taken(item: m.Announcement) -> int:
    return sum(r.attendees for r in item.registrations)


def closes_at(item: m.Announcement) -> datetime | None:
    moment_ = item.registration_deadline or item.starts_at
    return as_utc(moment_) if moment_ else None


def registration_state(item: m.Announcement, now: datetime | None = None) -> str:
    """``open``, ``closed`` (not published, cancelled or past the deadline) or ``full``."""
    now = now or m.utcnow()
    end = closes_at(item)
    if item.status != "published" or (end is not None and now > end):
        return "closed"
    if item.capacity is not None and seats_taken(item) >= item.capacity:
        return "full"
    return "open"


def registration_of(item: m.Announcement, organisation_id: int | None) -> m.AnnouncementRegistration | None:
    return next((r for r in item.registrations if r.organisation_id == organisation_id), None)


def register(session: Session, actor: Actor, user: m.User, item_id: int, attendees: str, note: str,
             now: datetime | None = None) -> m.AnnouncementRegistration:
    item = get_public(session, item_id)
    if user.organisation.kind not in PARTY_KINDS:
        raise RuleError("registration.party")
    check = Checker()
    count = check(fields.integer, attendees, "attendees", 1, 50)
    text = check(fields.optional_text, note, "note", 500)
    check.done()
    state = registration_state(item, now)
    if state != "open":
        raise RuleError(f"registration.{state}")
    if registration_of(item, user.organisation_id) is not None:
        raise RuleError("registration.taken")
    if item.capacity is not None and seats_taken(item) + count > item.capacity:
        raise RuleError("registration.seats", "attendees", left=item.capacity - seats_taken(item))
    reg = m.AnnouncementRegistration(organisation_id=user.organisation_id, user_id=user.id,
                                     attendees=count, note=text)
    item.registrations.append(reg)
    audit.record(session, actor, "announcement.registered", "announcement", item.id, {"attendees": count})
    session.commit()
    return reg


def withdraw(session: Session, actor: Actor, user: m.User, item_id: int, now: datetime | None = None) -> None:
    item = get_public(session, item_id)
    reg = registration_of(item, user.organisation_id)
    if reg is None:
        raise RuleError("registration.none")
    end = closes_at(item)
    if end is not None and (now or m.utcnow()) > end:
        raise RuleError("registration.closed")
    item.registrations.remove(reg)
    audit.record(session, actor, "announcement.withdrawn", "announcement", item.id)
    session.commit()


CSV_HEADERS = ("单位名称", "统一社会信用代码", "单位类型", "所在区县/省份", "参加人数", "备注", "登记人",
               "登记时间")


def registrations_csv(session: Session, item_id: int) -> str:
    """The registrations with Chinese headers (UTF-8 with BOM, for Excel)."""
    from .columns import KIND_LABELS, PROVINCE_LABELS

    item = get(session, item_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    for reg in item.registrations:
        org = reg.organisation
        place = org.district.name_zh if org.district else PROVINCE_LABELS.get(org.province or "", ("",))[0]
        user = session.get(m.User, reg.user_id) if reg.user_id else None
        writer.writerow(safe_row((
            org.name, org.uscc or "", KIND_LABELS.get(org.kind, (org.kind,))[0], place, reg.attendees,
            reg.note, user.name if user else "",
            as_utc(reg.registered_at).astimezone(CHINA).strftime("%Y-%m-%d %H:%M"))))
    return "\ufeff" + out.getvalue()


