"""Telling the submitter (and, for objections, the bureau) about a
submission, through ``catalog.notify``: in-app, and e-mail or digest as each
user chose. The status change's comment travels in the e-mail."""
from __future__ import annotations

from sqlalchemy.orm import Session

from .. import models as m
from .. import notify


def _params(submission: m.Submission, **extra) -> dict:
    return {"name": submission.name_zh, "number": submission.id, **extra}


def status_changed(session: Session, submission: m.Submission, before: str, comment: str) -> None:
    notify.to_organisation(session, submission.organisation_id, "submission_review",
                           _params(submission, status=submission.status, before=before, comment=comment),
                           f"/supplier/submissions/{submission.id}")


def objection_filed(session: Session, submission: m.Submission) -> None:
    notify.to_organisation(session, submission.organisation_id, "objection", _params(submission),
                           f"/supplier/submissions/{submission.id}")
    notify.to_bureau(session, "objection", _params(submission), f"/bureau/submissions/{submission.id}")
