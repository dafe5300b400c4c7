"""The bureau's review queue: submissions past the draft stage, filtered by
status, sector, kind, text, or "waiting for my review"; oldest first, so
nothing waits longest."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .. import models as m
from ..errors import InvalidInput
from ..supply import fields
from . import review

QUEUE_STATUSES = tuple(s for s in m.SUBMISSION_STATUSES if s != "draft")


@dataclass(frozen=True)
class QueueFilter:
    status: str | None = None
    sector: str | None = None
    kind: str | None = None
    text: str | None = None
    mine: bool = False          # under review and not yet reviewed by me this round


@dataclass(frozen=True)
class QueueRow:
    submission: m.Submission
    reviews: int
    reviewed_by_me: bool
    outcome: review.Outcome
    open_objections: int


def validate(session: Session, flt: QueueFilter) -> None:
    if flt.status and flt.status not in QUEUE_STATUSES:
        raise InvalidInput("status", flt.status)
    if flt.kind and flt.kind not in m.SUBMISSION_KINDS:
        raise InvalidInput("kind", flt.kind)
    if flt.sector and session.get(m.Sector, flt.sector) is None:
        raise InvalidInput("sector", flt.sector)


def queue(session: Session, flt: QueueFilter, user_id: int | None) -> list[QueueRow]:
    validate(session, flt)
    stmt = select(m.Submission).where(m.Submission.status != "draft")
    if flt.status:
        stmt = stmt.where(m.Submission.status == flt.status)
    if flt.sector:
        stmt = stmt.where(m.Submission.sector_key == flt.sector)
    if flt.kind:
        stmt = stmt.where(m.Submission.kind == flt.kind)
    text = fields.clean(flt.text).strip()
    if text:
        like = f"%{text}%"
        stmt = stmt.join(m.Organisation).where(or_(m.Submission.name_zh.like(like),
                                                   m.Submission.name_en.like(like),
                                                   m.Organisation.name.like(like)))
    if flt.mine:
        stmt = stmt.where(m.Submission.status == "under_review")
    rows = []
    for submission in session.scalars(stmt.order_by(m.Submission.submitted_at, m.Submission.id)).unique():
        current = review.current_reviews(submission)
        mine = any(r.reviewer_id == user_id for r in current)
        if flt.mine and mine:
            continue
        rows.append(QueueRow(submission, sum(1 for r in current if not r.conflict), mine,
                             review.outcome(session, submission),
                             sum(1 for o in submission.objections if o.status == "open")))
    return rows


def counts(session: Session) -> dict[str, int]:
    return dict(session.execute(select(m.Submission.status, func.count())
                                .group_by(m.Submission.status)).all())
