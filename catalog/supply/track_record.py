"""What the supplier directory says of a supplier's record, from the
matchmaking pipeline's own rows (issue 22):

- **Completed projects**: the supplier's inquiries that reached
  ``implemented`` (``inquiry.implemented_at`` set). An enterprise is named
  with its project only when its follow-up says so (``follow_up.reference_ok``,
  ticked by the enterprise on the inquiry's follow-up form and withdrawn
  there); every other project is counted, never named.
- **Response time**: over the inquiries enterprises sent the supplier
  (``origin = 'enterprise'``) created in the last ``WINDOW_DAYS`` days, the
  time from the inquiry's creation to the supplier's first step on it (its
  first ``inquiry_event`` with ``side = 'supplier'``: the first reply moves
  the inquiry to "replied"), in hours rounded to 0.1; the median of those
  rounded hours, shown with every one of them so it can be recomputed. Below
  ``MIN_ANSWERED`` answered inquiries the median is "not available".
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import clock
from .. import models as m
from ..models.base import as_utc

WINDOW_DAYS = 365
MIN_ANSWERED = 5


@dataclass(frozen=True)
class Project:
    """A completed project whose enterprise agreed to be named."""

    inquiry_id: int
    enterprise: str
    technology: m.Technology | None
    implemented_on: date                  # China Standard Time
    achieved_saving_tce: float | None     # from the enterprise's follow-up


@dataclass(frozen=True)
class Projects:
    named: list[Project]
    unnamed: int                          # completed without consent: a count, no names

    @property
    def total(self) -> int:
        return len(self.named) + self.unnamed


@dataclass(frozen=True)
class ResponseTime:
    since: date                           # the window, China Standard Time days
    until: date
    received: int                         # enterprises' inquiries created in the window
    hours: tuple[float, ...]              # each answered one's first-response time, sorted
    minimum: int = MIN_ANSWERED

    @property
    def answered(self) -> int:
        return len(self.hours)

    @property
    def available(self) -> bool:
        return self.answered >= self.minimum

    @property
    def median_hours(self) -> float | None:
        return round(statistics.median(self.hours), 2) if self.available else None


def completed_counts(session: Session, supplier_ids: list[int]) -> dict[int, int]:
    """Completed projects per supplier (named or not)."""
    if not supplier_ids:
        return {}
    return dict(session.execute(
        select(m.Inquiry.supplier_id, func.count()).where(
            m.Inquiry.supplier_id.in_(supplier_ids), m.Inquiry.implemented_at.is_not(None))
        .group_by(m.Inquiry.supplier_id)).all())


def projects(session: Session, supplier_id: int) -> Projects:
    rows = session.execute(
        select(m.Inquiry, m.FollowUp.reference_ok, m.FollowUp.achieved_saving_tce)
        .outerjoin(m.FollowUp, m.FollowUp.inquiry_id == m.Inquiry.id)
        .where(m.Inquiry.supplier_id == supplier_id, m.Inquiry.implemented_at.is_not(None))
        .order_by(m.Inquiry.implemented_at.desc(), m.Inquiry.id.desc())).unique().all()
    named, unnamed = [], 0
    for inquiry, consent, achieved in rows:
        if not consent:
            unnamed += 1
            continue
        named.append(Project(inquiry.id, inquiry.enterprise.name, inquiry.technology,
                             as_utc(inquiry.implemented_at).astimezone(clock.CHINA).date(), achieved))
    return Projects(named, unnamed)


def response_time(session: Session, supplier_id: int, now: datetime | None = None) -> ResponseTime:
    """The supplier's response time over the window ending ``now`` (default: now)."""
    end = now or clock.now()
    start = end - timedelta(days=WINDOW_DAYS)
    received = (m.Inquiry.supplier_id == supplier_id, m.Inquiry.origin == "enterprise",
                m.Inquiry.created_at >= start, m.Inquiry.created_at <= end)
    first = (select(m.InquiryEvent.inquiry_id, func.min(m.InquiryEvent.at).label("at"))
             .where(m.InquiryEvent.side == "supplier",
                    m.InquiryEvent.inquiry_id.in_(select(m.Inquiry.id).where(*received)))
             .group_by(m.InquiryEvent.inquiry_id).subquery())
    rows = session.execute(select(m.Inquiry.created_at, first.c.at)
                           .outerjoin(first, first.c.inquiry_id == m.Inquiry.id).where(*received)).all()
    hours = sorted(round(max(0.0, (as_utc(at) - as_utc(created)).total_seconds()) / 3600, 1)
                   for created, at in rows if at is not None)
    return ResponseTime(start.astimezone(clock.CHINA).date(), end.astimezone(clock.CHINA).date(),
                        len(rows), tuple(hours))
