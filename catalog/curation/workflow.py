"""The submission state machine. Every step is allowed only from the listed
statuses and only to the listed side (the submitting organisation or the
bureau); it is recorded as a submission event (shown to the submitter), in
the audit log, and e-mailed to the submitter. A refused step changes nothing.

    step           from                                    to              who
    submit         draft, returned                         submitted       submitter (complete, evidence)
    start_review   submitted                               under_review    bureau
    return         submitted, under_review, public_notice  returned        bureau, reason
    approve        under_review                            approved        bureau, reason, scores say publish
    reject         submitted, under_review, public_notice  rejected        bureau, reason (scores say reject
                                                                           in review; an upheld objection
                                                                           in public notice)
    start_notice   approved                                public_notice   bureau (notice_days from settings)
    (edition)      public_notice, notice over, no open     published       bureau, by publishing an edition
                   or upheld objection                                     (catalog.curation.editions)

A reviewer who declared a conflict of interest takes no decision on it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from .. import clock
from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..errors import NotFound, RuleError
from ..supply import fields
from . import notify, review
from .submissions import completeness, get


@dataclass(frozen=True)
class Step:
    starts: tuple[str, ...]
    result: str
    side: str               # "submitter" or "bureau"
    reason_required: bool = False


STEPS: dict[str, Step] = {
    "submit": Step(("draft", "returned"), "submitted", "submitter"),
    "start_review": Step(("submitted",), "under_review", "bureau"),
    "return": Step(("submitted", "under_review", "public_notice"), "returned", "bureau", True),
    "approve": Step(("under_review",), "approved", "bureau", True),
    "reject": Step(("submitted", "under_review", "public_notice"), "rejected", "bureau", True),
    "start_notice": Step(("approved",), "public_notice", "bureau"),
}
DECISIONS = ("return", "approve", "reject")


def allowed_steps(submission: m.Submission, side: str) -> list[str]:
    """The steps ``side`` could take now (for buttons; the rules are checked again)."""
    return [name for name, step in STEPS.items() if step.side == side and submission.status in step.starts]


def transition(session: Session, actor: Actor, submission_id: int, action: str, comment: str = "",
               *, side: str, org_id: int | None = None, today: date | None = None) -> m.Submission:
    """Take step ``action`` as ``side``; the submitter side must own the
    submission (``org_id``). Raises RuleError and changes nothing when refused."""
    today = today or clock.today()
    submission = get(session, submission_id)
    if side == "submitter" and submission.organisation_id != org_id:
        raise NotFound("submission", submission_id)
    step = STEPS.get(action)
    if step is None or step.side != side:
        raise RuleError("submission.step_unknown")
    if submission.status not in step.starts:
        raise RuleError("submission.transition", status=submission.status, action=action)
    comment = fields.clean(comment)
    comment = " ".join(comment.split()) if not step.reason_required else "\n".join(
        " ".join(line.split()) for line in comment.strip().splitlines()).strip()
    if step.reason_required and len(comment) < 2:
        raise RuleError("reason.required", "reason")
    if len(comment) > 2000:
        raise RuleError("text.too_long", "reason", maximum=2000)
    _guard(session, actor, submission, action, today)
    before = submission.status
    _apply(session, submission, action, step, comment, today)
    record(session, actor, submission, action, before, comment)
    session.commit()
    return submission


def _guard(session: Session, actor: Actor, submission: m.Submission, action: str, today: date) -> None:
    if action == "submit":
        completeness(submission, today)
    if submission_side_conflict(submission, actor) and action in (*DECISIONS, "start_notice"):
        raise RuleError("review.conflict")
    if action == "approve" and review.outcome(session, submission).recommendation != "publish":
        raise RuleError("decision.threshold", recommendation=review.outcome(session, submission)
                           .recommendation)
    if action == "reject" and submission.status == "under_review" \
            and review.outcome(session, submission).recommendation != "reject":
        raise RuleError("decision.threshold", recommendation=review.outcome(session, submission)
                           .recommendation)
    if submission.status == "public_notice" and action in ("return", "reject") \
            and not any(o.status == "upheld" for o in submission.objections):
        raise RuleError("objection.none_upheld")


def submission_side_conflict(submission: m.Submission, actor: Actor) -> bool:
    return actor.user_id is not None and review.conflicted(submission, actor.user_id)


def _apply(session: Session, submission: m.Submission, action: str, step: Step, comment: str,
           today: date) -> None:
    submission.status = step.result
    submission.updated_at = m.utcnow()
    if action == "submit":
        submission.round += 1
        submission.submitted_at = submission.updated_at
    if action in DECISIONS:
        submission.decision_reason = comment
    if action == "start_notice":
        days = review.settings(session).notice_days
        submission.notice_starts_on = today
        submission.notice_ends_on = today + timedelta(days=days)
    if action in ("return", "reject"):
        submission.edition_id = None


def record(session: Session, actor: Actor, submission: m.Submission, action: str, before: str,
           comment: str) -> None:
    """The event the submitter sees, the audit event, and the e-mail."""
    session.add(m.SubmissionEvent(submission=submission, actor_id=actor.user_id, actor_label=actor.label,
                                  action=action, from_status=before, to_status=submission.status,
                                  comment=comment))
    audit.record(session, actor, f"submission.{action}", "submission", submission.id,
                 {"from": before, "to": submission.status, "reason": comment},
                 organisation_id=submission.organisation_id)
    notify.status_changed(session, submission, before, comment)
