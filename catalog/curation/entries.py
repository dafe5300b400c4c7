"""Dynamic management of published entries: review-due dates and the list of
entries due, retiring an entry with a reason (it stays readable, marked, and
leaves the default search and the next edition), and featuring entries on the
home page. Every change is audited."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import clock
from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..errors import NotFound, RuleError
from ..supply import fields


@dataclass
class DueList:
    overdue: list[m.Technology]
    upcoming: list[m.Technology]
    unscheduled: list[m.Technology]


def get(session: Session, code: str) -> m.Technology:
    tech = session.scalars(select(m.Technology).where(m.Technology.code == code)).unique().first()
    if tech is None:
        raise NotFound("technology", code)
    return tech


def managed(session: Session, status: str | None = None) -> list[m.Technology]:
    stmt = select(m.Technology).where(m.Technology.status.in_((status,) if status else
                                                              ("published", "retired")))
    return list(session.scalars(stmt.order_by(m.Technology.code)).unique())


def due(session: Session, today: date, within_days: int = 90) -> DueList:
    """Published entries whose review date has passed, falls within
    ``within_days``, or was never set."""
    horizon = today + timedelta(days=within_days)
    entries = managed(session, "published")
    return DueList(
        overdue=sorted((t for t in entries if t.review_due and t.review_due < today),
                       key=lambda t: t.review_due),
        upcoming=sorted((t for t in entries if t.review_due and today <= t.review_due <= horizon),
                        key=lambda t: t.review_due),
        unscheduled=[t for t in entries if t.review_due is None])


def published(session: Session, code: str) -> m.Technology:
    tech = get(session, code)
    if tech.status != "published":
        raise RuleError("entry.not_published")
    return tech


def set_review_due(session: Session, actor: Actor, code: str, raw: str, today: date | None = None
                   ) -> m.Technology:
    tech = published(session, code)
    when = fields.when(raw, "review_due")
    if when < (today or clock.today()):
        raise RuleError("review_due.past", "review_due")
    before = tech.review_due
    tech.review_due = when
    audit.record(session, actor, "technology.review_due_set", "technology", code,
                 {"from": before.isoformat() if before else "", "to": when.isoformat()})
    session.commit()
    return tech


def retire(session: Session, actor: Actor, code: str, reason: str) -> m.Technology:
    tech = published(session, code)
    tech.retired_reason = fields.reason(reason)
    tech.status, tech.retired_at, tech.promoted = "retired", m.utcnow(), False
    audit.record(session, actor, "technology.retired", "technology", code, {"reason": tech.retired_reason})
    session.commit()
    return tech


def promote(session: Session, actor: Actor, code: str, featured: bool) -> m.Technology:
    tech = published(session, code)
    if tech.promoted != featured:
        tech.promoted = featured
        audit.record(session, actor, "technology.promoted" if featured else "technology.unpromoted",
                     "technology", code)
        session.commit()
    return tech
