"""The catalogue on the dashboard: entries by sector, category, maturity and
status; published entries due for review; submissions waiting in the review
queue and how long they have waited. Only the sector filter applies (the
catalogue has no district, and its state is not a period's event)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.models.base import as_utc

from .filters import Filters

QUEUE_STATUSES = ("submitted", "under_review")
AGE_BUCKETS = ((0, 30), (30, 60), (60, 90), (90, None))   # days waited
REVIEW_WITHIN_DAYS = 90


@dataclass(frozen=True)
class Count:
    key: str
    name_zh: str
    name_en: str
    count: int


@dataclass(frozen=True)
class Waiting:
    id: int
    name_zh: str
    organisation: str
    status: str
    sector_key: str | None
    submitted_at: datetime | None
    days: int


def _grouped(session: Session, flt: Filters, column, label_model) -> list[Count]:
    """Entries per value of ``column``, every value of ``label_model`` listed (zeros too)."""
    stmt = select(column, func.count()).group_by(column)
    if flt.sector:
        stmt = stmt.where(m.Technology.sector_key == flt.sector)
    counts = dict(session.execute(stmt).all())
    rows = session.scalars(select(label_model).order_by(label_model.position))
    return [Count(r.key, r.name_zh, r.name_en, counts.get(r.key, 0)) for r in rows
            if label_model is not m.Sector or not flt.sector or r.key == flt.sector]


def by_sector(session: Session, flt: Filters) -> list[Count]:
    return _grouped(session, flt, m.Technology.sector_key, m.Sector)


def by_category(session: Session, flt: Filters) -> list[Count]:
    return _grouped(session, flt, m.Technology.category_key, m.Category)


def by_maturity(session: Session, flt: Filters) -> list[Count]:
    return _grouped(session, flt, m.Technology.maturity_key, m.MaturityLevel)


def by_status(session: Session, flt: Filters) -> list[Count]:
    stmt = select(m.Technology.status, func.count()).group_by(m.Technology.status)
    if flt.sector:
        stmt = stmt.where(m.Technology.sector_key == flt.sector)
    counts = dict(session.execute(stmt).all())
    return [Count(s, s, s, counts.get(s, 0)) for s in m.TECHNOLOGY_STATUSES]


def review_due(session: Session, flt: Filters, today: date,
               within: int = REVIEW_WITHIN_DAYS) -> list[m.Technology]:
    """Published entries whose review date falls within ``within`` days (or has passed)."""
    stmt = (select(m.Technology).where(m.Technology.status == "published",
                                       m.Technology.review_due.is_not(None),
                                       m.Technology.review_due <= today + timedelta(days=within))
            .order_by(m.Technology.review_due, m.Technology.code))
    if flt.sector:
        stmt = stmt.where(m.Technology.sector_key == flt.sector)
    return list(session.scalars(stmt))


def queue(session: Session, flt: Filters, now: datetime | None = None) -> list[Waiting]:
    """Submissions waiting for the bureau, longest wait first."""
    now = now or datetime.now(UTC)
    s = m.Submission
    stmt = (select(s.id, s.name_zh, m.Organisation.name, s.status, s.sector_key, s.submitted_at, s.updated_at)
            .join(m.Organisation, m.Organisation.id == s.organisation_id)
            .where(s.status.in_(QUEUE_STATUSES)).order_by(func.coalesce(s.submitted_at, s.updated_at), s.id))
    if flt.sector:
        stmt = stmt.where(s.sector_key == flt.sector)
    out = []
    for ident, name, org, status, sector, submitted, updated in session.execute(stmt):
        since = as_utc(submitted or updated)
        out.append(Waiting(ident, name, org, status, sector, submitted, max(0, (now - since).days)))
    return out


def ages(waiting: list[Waiting]) -> list[tuple[str, int]]:
    """The queue in age buckets: ("0–30", n), ("30–60", n) … ("90+", n)."""
    out = []
    for low, high in AGE_BUCKETS:
        label = f"{low}–{high}" if high else f"{low}+"
        out.append((label, sum(1 for w in waiting if w.days >= low and (high is None or w.days < high))))
    return out
