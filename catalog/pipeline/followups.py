"""The enterprise's follow-up six months after a project was implemented:
achieved saving, satisfaction 1–5 and a comment, stored once; and whether
the supplier directory may name the enterprise with this project
(``reference_ok``, given with the answer and changed later at will)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts import audit
from catalog.accounts.checks import Checker
from catalog.enterprise.values import choice, number
from catalog.errors import RuleError
from catalog.evidence import records

from .inquiries import clean_body, get, today


@dataclass(frozen=True)
class FollowUpInput:
    achieved_saving_tce: object = None
    satisfaction: object = None
    comment: str = ""
    reference_ok: bool = False


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
                     reference_ok=data.reference_ok is True, answered_by_id=actor.user_id)
    inquiry.follow_up = row
    audit.record(session, actor, "inquiry.follow_up", "inquiry", inquiry.id,
                 {"satisfaction": row.satisfaction, "achieved_saving_tce": achieved,
                  "reference_ok": row.reference_ok})
    records.after_follow_up(session, inquiry, actor)  # the project's record (issue 23)
    session.commit()
    return row


def set_reference(session: Session, org_id: int, inquiry_id: int, consent: bool,
                  actor: audit.Actor) -> m.FollowUp:
    """The enterprise gives or withdraws its consent to be named with this
    project in the supplier directory (only once it has answered the follow-up)."""
    inquiry, side = get(session, org_id, inquiry_id)
    if side != "enterprise":
        raise RuleError("inquiry.wrong_side", None)
    if inquiry.follow_up is None:
        raise RuleError("follow_up.not_answered", None)
    if inquiry.follow_up.reference_ok != consent:
        inquiry.follow_up.reference_ok = consent
        audit.record(session, actor, "inquiry.reference_consent", "inquiry", inquiry.id,
                     {"reference_ok": consent})
    session.commit()
    return inquiry.follow_up


def due(session: Session, org_id: int) -> list[m.Inquiry]:
    """The enterprise's inquiries whose follow-up is due and not yet answered."""
    rows = session.scalars(select(m.Inquiry).where(
        m.Inquiry.enterprise_id == org_id, m.Inquiry.follow_up_due.is_not(None),
        m.Inquiry.follow_up_due <= today()).order_by(m.Inquiry.follow_up_due)).unique()
    return [row for row in rows if row.follow_up is None]
