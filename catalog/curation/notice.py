"""The public notice (公示): approved submissions are listed publicly for the
configured number of days; signed-in users may file objections while it
runs; the bureau dismisses or upholds each (an upheld objection lets it
return or reject the submission). A submission can join an edition once its
notice is over and no objection is open or upheld."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import clock
from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..errors import NotFound, RuleError
from ..supply import fields
from . import notify


def running(submission: m.Submission, today: date) -> bool:
    return (submission.status == "public_notice" and submission.notice_ends_on is not None
            and submission.notice_starts_on <= today <= submission.notice_ends_on)


def ready_for_edition(submission: m.Submission, today: date) -> bool:
    return (submission.status == "public_notice" and submission.notice_ends_on is not None
            and today > submission.notice_ends_on
            and not any(o.status in ("open", "upheld") for o in submission.objections))


def listed(session: Session) -> list[m.Submission]:
    """Everything in public notice, the notice ending soonest first."""
    return list(session.scalars(select(m.Submission).where(m.Submission.status == "public_notice")
                                .order_by(m.Submission.notice_ends_on, m.Submission.id)).unique())


def get_listed(session: Session, submission_id: int) -> m.Submission:
    submission = session.get(m.Submission, submission_id)
    if submission is None or submission.status != "public_notice":
        raise NotFound("notice", submission_id)
    return submission


def file_objection(session: Session, actor: Actor, submission_id: int, text: str,
                   today: date | None = None) -> m.Objection:
    submission = get_listed(session, submission_id)
    if not running(submission, today or clock.today()):
        raise RuleError("notice.closed")
    body = fields.long_text(text, "text", 10, 2000)
    objection = m.Objection(submission=submission, user_id=actor.user_id,
                            organisation_id=actor.organisation_id, text=body)
    session.add(objection)
    session.flush()
    audit.record(session, actor, "objection.filed", "objection", objection.id,
                 {"submission": submission.id}, organisation_id=submission.organisation_id)
    notify.objection_filed(session, submission)
    session.commit()
    return objection


def resolve(session: Session, actor: Actor, objection_id: int, decision: str, note: str) -> m.Objection:
    """The bureau dismisses or upholds an open objection, with a note."""
    objection = session.get(m.Objection, objection_id)
    if objection is None:
        raise NotFound("objection", objection_id)
    if objection.status != "open":
        raise RuleError("objection.resolved")
    if decision not in ("dismissed", "upheld"):
        raise RuleError("field.choice", "decision")
    objection.resolution = fields.reason(note)
    objection.status, objection.resolved_by_id, objection.resolved_at = decision, actor.user_id, m.utcnow()
    audit.record(session, actor, f"objection.{decision}", "objection", objection.id,
                 {"submission": objection.submission_id, "reason": objection.resolution},
                 organisation_id=objection.submission.organisation_id)
    session.commit()
    return objection


def open_objections(session: Session) -> list[m.Objection]:
    return list(session.scalars(select(m.Objection).where(m.Objection.status == "open")
                                .order_by(m.Objection.created_at)).unique())
