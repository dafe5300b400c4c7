"""Catalogue editions (年度/批次): the bureau composes a draft from submissions
whose public notice is over, publishes it, and anyone compares two editions.

Publishing applies the chosen submissions to the catalogue, carries every
entry still published from the previous edition, leaves out the entries
retired since, and stores each entry's fields as published (its snapshot),
all in one transaction. Comparing two editions lists the entries added,
changed (with a readable diff of each changed field) and retired."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import clock
from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..accounts.checks import Checker
from ..errors import NotFound, RuleError
from ..supply import fields
from . import diff, notice, publishing, review
from .workflow import record

CODE = re.compile(r"^\d{4}-\d{2}$")


@dataclass
class Comparison:
    older: m.Edition
    newer: m.Edition
    added: list[m.Technology] = field(default_factory=list)
    changed: list[tuple[m.Technology, list[diff.FieldDiff]]] = field(default_factory=list)
    retired: list[m.Technology] = field(default_factory=list)
    unchanged: int = 0


def get(session: Session, code: str) -> m.Edition:
    edition = session.scalars(select(m.Edition).where(m.Edition.code == code)).first()
    if edition is None:
        raise NotFound("edition", code)
    return edition


def get_published(session: Session, code: str) -> m.Edition:
    edition = get(session, code)
    if edition.status != "published":
        raise NotFound("edition", code)
    return edition


def published(session: Session) -> list[m.Edition]:
    """Newest first."""
    return list(session.scalars(select(m.Edition).where(m.Edition.status == "published")
                                .order_by(m.Edition.published_on.desc(), m.Edition.id.desc())))


def drafts(session: Session) -> list[m.Edition]:
    return list(session.scalars(select(m.Edition).where(m.Edition.status == "draft").order_by(m.Edition.id)))


def previous(session: Session, edition: m.Edition) -> m.Edition | None:
    """The latest published edition other than ``edition``."""
    return next((e for e in published(session) if e.id != edition.id), None)


def create(session: Session, actor: Actor, code: str, title_zh: str, title_en: str = "",
           notes_zh: str = "", notes_en: str = "") -> m.Edition:
    check = Checker()
    code = fields.clean(code).strip()
    if not CODE.match(code):
        check.add("edition.code", "code")
    elif session.scalars(select(m.Edition.id).where(m.Edition.code == code)).first() is not None:
        check.add("edition.taken", "code")
    values = {"title_zh": check(fields.text, title_zh, "title_zh", 4, 200),
              "title_en": check(fields.optional_text, title_en, "title_en", 300) or "",
              "notes_zh": check(fields.long_text, notes_zh, "notes_zh", 0, 3000) or "",
              "notes_en": check(fields.long_text, notes_en, "notes_en", 0, 3000) or ""}
    check.done()
    edition = m.Edition(code=code, status="draft", **values)
    session.add(edition)
    session.flush()
    audit.record(session, actor, "edition.created", "edition", code, {"title": edition.title_zh})
    session.commit()
    return edition


def assigned(session: Session, edition: m.Edition) -> list[m.Submission]:
    return list(session.scalars(select(m.Submission).where(m.Submission.edition_id == edition.id)
                                .order_by(m.Submission.id)).unique())


def candidates(session: Session, today: date) -> list[m.Submission]:
    """Submissions ready for an edition and not yet in a draft one."""
    return [s for s in notice.listed(session) if s.edition_id is None and notice.ready_for_edition(s, today)]


def _draft(session: Session, code: str) -> m.Edition:
    edition = get(session, code)
    if edition.status != "draft":
        raise RuleError("edition.published")
    return edition


def assign(session: Session, actor: Actor, code: str, submission_id: int, include: bool,
           today: date | None = None) -> m.Edition:
    """Put a ready submission into the draft edition, or take it out."""
    edition = _draft(session, code)
    submission = session.get(m.Submission, submission_id)
    if submission is None:
        raise NotFound("submission", submission_id)
    if include:
        if not notice.ready_for_edition(submission, today or clock.today()) or submission.edition_id:
            raise RuleError("edition.candidate", number=submission.id)
        submission.edition_id = edition.id
    elif submission.edition_id == edition.id:
        submission.edition_id = None
    audit.record(session, actor, "edition.entry_added" if include else "edition.entry_removed",
                 "edition", code, {"submission": submission.id})
    session.commit()
    return edition


def publish(session: Session, actor: Actor, code: str, today: date | None = None) -> m.Edition:
    today = today or clock.today()
    edition = _draft(session, code)
    chosen = assigned(session, edition)
    for submission in chosen:
        target = submission.technology
        if not notice.ready_for_edition(submission, today) or (target and target.status != "published"):
            raise RuleError("edition.candidate", number=submission.id)
    before = previous(session, edition)
    carried = before.entries if before else []
    for entry in carried:  # the seed edition has no snapshots yet: its entries are as they are now
        if not entry.snapshot:
            entry.snapshot = diff.snapshot(entry.technology)
    retired = [e for e in carried if e.technology.status != "published"]
    if not chosen and not retired:
        raise RuleError("edition.empty")
    years = review.settings(session).review_years
    changes = {}
    for submission in chosen:
        changes[publishing.apply(session, submission, today, years).id] = submission.kind
    session.flush()
    in_before = {e.technology_id for e in carried}
    for tech in session.scalars(select(m.Technology).where(m.Technology.status == "published")).unique():
        change = "changed" if changes.get(tech.id) == "change" else \
            "unchanged" if tech.id in in_before else "added"
        edition.entries.append(m.EditionEntry(technology=tech, change=change, snapshot=diff.snapshot(tech)))
    edition.status, edition.published_on = "published", today
    for submission in chosen:
        state = submission.status
        submission.status, submission.updated_at = "published", m.utcnow()
        record(session, actor, submission, "publish", state, edition.title_zh)
    audit.record(session, actor, "edition.published", "edition", code,
                 {"added": sum(1 for k in changes.values() if k == "new"),
                  "changed": sum(1 for k in changes.values() if k == "change"), "retired": len(retired)})
    session.commit()
    return edition


def compare(session: Session, older_code: str, newer_code: str) -> Comparison:
    older, newer = get_published(session, older_code), get_published(session, newer_code)
    if (older.published_on, older.id) > (newer.published_on, newer.id):
        older, newer = newer, older
    before = {e.technology_id: e for e in older.entries}
    after = {e.technology_id: e for e in newer.entries}
    result = Comparison(older, newer)
    for tech_id, entry in after.items():
        if tech_id not in before:
            result.added.append(entry.technology)
            continue
        old = before[tech_id].snapshot
        diffs = diff.field_diffs(old, entry.snapshot) if old and entry.snapshot else []
        if diffs or (not old and entry.change == "changed"):
            result.changed.append((entry.technology, diffs))
        else:
            result.unchanged += 1
    result.retired = [e.technology for tid, e in before.items() if tid not in after]
    for items in (result.added, result.retired):
        items.sort(key=lambda t: t.code)
    result.changed.sort(key=lambda pair: pair[0].code)
    return result
