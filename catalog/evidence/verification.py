"""Metering / M&V evidence for a project record and the bureau's review.

The enterprise uploads files (PDF/PNG/JPEG, checked like inquiry attachments:
``catalog.supply.files.check_file``) to its record; the record is then
"submitted". The bureau reviews the files and verifies the record (confirming
the measured saving, or correcting it from the evidence) or rejects it with a
reason; both are audited. A verified record may change the technology's
typical value (``adoption``). A rejected record may be submitted again."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts import audit
from catalog.accounts.checks import Checker
from catalog.enterprise.values import choice, number
from catalog.errors import NotFound, RuleError
from catalog.pipeline import attachments
from catalog.pipeline.attachments import FileStore, Upload
from catalog.supply.files import check_file, stored_fields

from . import adoption

MAX_FILES = 5
FIELD = "files"
DECISIONS = ("verify", "reject")


def own_record(session: Session, org_id: int, record_id: int) -> m.ProjectRecord:
    record = session.get(m.ProjectRecord, record_id)
    if record is None or record.enterprise_id != org_id:
        raise NotFound("project_record", record_id)
    return record


def submit(session: Session, org_id: int, record_id: int, kind: str, uploads: list[Upload],
           store: FileStore, actor: audit.Actor) -> m.ProjectRecord:
    """Add evidence files; the record waits for the bureau ("submitted")."""
    record = own_record(session, org_id, record_id)
    if record.level == "verified":
        raise RuleError("project.verified", None)
    check = Checker()
    kind = check(choice, kind, "kind", m.EVIDENCE_KINDS)
    if not uploads:
        check.add("file.empty", FIELD)
    elif len(uploads) + len(record.files) > MAX_FILES:
        check.add("file.too_many", FIELD, maximum=MAX_FILES)
    rows = []
    for upload in uploads if not check.errors else ():
        found = check(check_file, upload.data, upload.filename, store.max_bytes, FIELD)
        if found is not None:
            rows.append((m.ProjectEvidence(kind=kind, **stored_fields(actor, org_id, *found, upload.data)),
                         upload.data))
    check.done()
    record.files.extend(row for row, _data in rows)
    record.level, record.submitted_at = "submitted", datetime.now(UTC)
    audit.record(session, actor, "project_record.submitted", "project_record", record.id,
                 {"files": [row.filename for row, _d in rows], "kind": kind})
    attachments.save(session, store, rows)  # the files, then the commit; neither without the other
    return record


def queue(session: Session) -> list[m.ProjectRecord]:
    """Records waiting for the bureau, oldest submission first."""
    return list(session.scalars(select(m.ProjectRecord).where(m.ProjectRecord.level == "submitted")
                                .order_by(m.ProjectRecord.submitted_at, m.ProjectRecord.id)))


def decided(session: Session, limit: int = 50) -> list[m.ProjectRecord]:
    done = m.ProjectRecord.level.in_(("verified", "rejected"))
    return list(session.scalars(select(m.ProjectRecord).where(done)
                                .order_by(m.ProjectRecord.reviewed_at.desc(), m.ProjectRecord.id.desc())
                                .limit(limit)))


def get(session: Session, record_id: int) -> m.ProjectRecord:
    record = session.get(m.ProjectRecord, record_id)
    if record is None:
        raise NotFound("project_record", record_id)
    return record


@dataclass(frozen=True)
class Decision:
    decision: object = None
    reason: object = ""
    verified_saving_tce: object = None


def decide(session: Session, actor: audit.Actor, record_id: int, data: Decision
           ) -> tuple[m.ProjectRecord, m.EffectRevision | None]:
    """Verify or reject a submitted record; the record and the effect revision
    the verification made, if any."""
    record = get(session, record_id)
    if record.level != "submitted":
        raise RuleError("project.not_submitted", None)
    check = Checker()
    decision = check(choice, data.decision if isinstance(data.decision, str) else None, "decision", DECISIONS)
    reason = data.reason.strip() if isinstance(data.reason, str) else None
    if reason is None or len(reason) > 2000:
        check.add("text.too_long" if reason else "text.required", "reason", maximum=2000)
    saving = None
    if decision == "verify":
        saving = check(number, data.verified_saving_tce, "verified_saving_tce", minimum=0.0, maximum=1e8)
        saving = record.measured_saving_tce if saving is None else saving
        if saving is None:
            check.add("text.required", "verified_saving_tce")
    elif decision == "reject" and not reason:
        check.add("text.required", "reason")
    check.done()
    record.reviewed_at, record.reviewed_by_id, record.review_note = datetime.now(UTC), actor.user_id, reason
    record.level = "verified" if decision == "verify" else "rejected"
    record.verified_saving_tce = saving
    audit.record(session, actor, f"project_record.{record.level}", "project_record", record.id,
                 {"saving_tce": saving, "reason": reason}, organisation_id=record.enterprise_id)
    revision = None
    if decision == "verify":
        session.flush()
        revision = adoption.apply(session, record.technology)
        if revision is not None:
            audit.record(session, actor, "technology.effect_revised", "technology", record.technology.code,
                         {"old": revision.old_typical, "new": revision.new_typical, "n": revision.n,
                          "projects": revision.project_ids})
    session.commit()
    return record, revision


def readable_file(session: Session, file_id: int, org_id: int | None, bureau: bool) -> m.ProjectEvidence:
    """The file, to its enterprise and the bureau; NotFound to anyone else."""
    row = session.get(m.ProjectEvidence, file_id)
    if row is None or not (bureau or row.organisation_id == org_id):
        raise NotFound("project_evidence", file_id)
    return row
