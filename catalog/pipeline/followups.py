"""The enterprise's follow-up six months after a project was implemented:
achieved saving, satisfaction 1–5 and a comment, stored once."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts import audit
from catalog.accounts.checks import Checker
from catalog.enterprise.values import choice, number
from catalog.errors import RuleError

from .inquiries import clean_body, get, today


@dataclass(frozen=True)
class FollowUpInput:
    achieved_saving_tce: object = None
    satisfaction: object = None
    comment: str = ""


def is_due(inquiry: m.Inquiry) -> bool:
    return (inquiry.follow_up_due is not None and inquiry.follow_up_due <= today()
            and inquiry.follow_up is None)


def answer(session: Session, org_id: int, inquiry_id: int, data: FollowUpInput,
           actor: audit.Actor) -> m.FollowUp:
    inquiry, side = get(session, org_id, inquiry_id)
    if side != "enterprise":
        raise RuleError("inquiry.wrong_side", None)
    if not is_due(inquiry):
        raise RuleError("follow_up.not_due", None)
    check = Checker()
    satisfaction = check(choice, str(data.satisfaction or ""), "satisfaction", ("1", "2", "3", "4", "5"))
    achieved = check(number, data.achieved_saving_tce, "achieved_saving_tce", maximum=1e8)
    comment = check(clean_body, data.comment, "comment", 2000) if (data.comment or "").strip() else ""
    check.done()
    row = m.FollowUp(achieved_saving_tce=achieved, satisfaction=int(satisfaction), comment=comment,
                     answered_by_id=actor.user_id)
    inquiry.follow_up = row
    audit.record(session, actor, "inquiry.follow_up", "inquiry", inquiry.id,
                 {"satisfaction": row.satisfaction, "achieved_saving_tce": achieved})
    session.commit()
    return row


def due(session: Session, org_id: int) -> list[m.Inquiry]:
    """The enterprise's inquiries whose follow-up is due and not yet answered."""
    rows = session.scalars(select(m.Inquiry).where(
        m.Inquiry.enterprise_id == org_id, m.Inquiry.follow_up_due.is_not(None),
        m.Inquiry.follow_up_due <= today()).order_by(m.Inquiry.follow_up_due)).unique()
    return [row for row in rows if row.follow_up is None]
