"""Guide drafts and editions: the bureau edits a guide's introduction,
previews the guide built from live data, and publishes a numbered, dated
edition that freezes the content; the PDF is rendered at that moment (by a
callable the portal passes, so this module knows no Flask or WeasyPrint),
stored in file storage, and its key kept on the edition. Reading an edition
never rebuilds or re-renders anything."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..errors import NotFound, RuleError
from ..models.base import utcnow
from ..storage import Storage
from ..supply import fields
from . import content, diff
from .subjects import Subject

INTRO_MAX = 5000


class PdfUnavailable(Exception):
    """The server cannot typeset PDFs (no WeasyPrint/Pango, or no CJK font)."""


Renderer = Callable[[m.GuideEdition], bytes]


@dataclass(frozen=True)
class Published:
    edition: m.GuideEdition
    pdf_problem: str | None   # why no PDF was stored, None when it was


def draft(session: Session, subject: Subject) -> m.GuideDraft:
    """The draft introduction (an unsaved empty one when none was written)."""
    row = session.get(m.GuideDraft, (subject.kind, subject.key))
    return row if row is not None else m.GuideDraft(kind=subject.kind, subject=subject.key,
                                                    intro_zh="", intro_en="")


def save_intro(session: Session, actor: Actor, subject: Subject, intro_zh: str | None,
               intro_en: str | None) -> m.GuideDraft:
    """RuleError ``guide.intro_long`` (field intro_zh/intro_en) when too long."""
    values = {}
    for name, raw in (("intro_zh", intro_zh), ("intro_en", intro_en)):
        text = fields.clean(raw).strip().replace("\r\n", "\n")
        if len(text) > INTRO_MAX:
            raise RuleError("guide.intro_long", name, maximum=INTRO_MAX)
        values[name] = text
    row = session.get(m.GuideDraft, (subject.kind, subject.key))
    if row is None:
        row = m.GuideDraft(kind=subject.kind, subject=subject.key)
        session.add(row)
    row.intro_zh, row.intro_en, row.updated_by_id = values["intro_zh"], values["intro_en"], actor.user_id
    audit.record(session, actor, "guide.intro_saved", "guide", f"{subject.kind}/{subject.key}")
    session.commit()
    return row


def editions(session: Session, subject: Subject) -> list[m.GuideEdition]:
    """Newest first."""
    return list(session.scalars(select(m.GuideEdition).where(
        m.GuideEdition.kind == subject.kind, m.GuideEdition.subject == subject.key)
        .order_by(m.GuideEdition.number.desc())))


def latest(session: Session, subject: Subject) -> m.GuideEdition | None:
    found = editions(session, subject)
    return found[0] if found else None


def latest_of_all(session: Session) -> dict[tuple[str, str], m.GuideEdition]:
    """The newest edition of every guide that has one, by (kind, subject)."""
    newest = (select(m.GuideEdition.kind, m.GuideEdition.subject, func.max(m.GuideEdition.number).label("n"))
              .group_by(m.GuideEdition.kind, m.GuideEdition.subject).subquery())
    rows = session.scalars(select(m.GuideEdition).join(newest, (newest.c.kind == m.GuideEdition.kind) & (
        newest.c.subject == m.GuideEdition.subject) & (newest.c.n == m.GuideEdition.number)))
    return {(e.kind, e.subject): e for e in rows}


def get(session: Session, subject: Subject, number: int | None = None) -> m.GuideEdition:
    """Edition ``number`` (the latest when None); NotFound otherwise."""
    if number is None:
        found = latest(session, subject)
    else:
        found = session.scalars(select(m.GuideEdition).where(
            m.GuideEdition.kind == subject.kind, m.GuideEdition.subject == subject.key,
            m.GuideEdition.number == number)).first()
    if found is None:
        raise NotFound("guide edition", f"{subject.kind}/{subject.key}/{number}")
    return found


def previous(session: Session, edition: m.GuideEdition) -> m.GuideEdition | None:
    return session.scalars(select(m.GuideEdition).where(
        m.GuideEdition.kind == edition.kind, m.GuideEdition.subject == edition.subject,
        m.GuideEdition.number < edition.number).order_by(m.GuideEdition.number.desc())).first()


def changes(session: Session, edition: m.GuideEdition) -> dict:
    """The diff of ``edition`` against the previous edition of the same guide."""
    before = previous(session, edition)
    return diff.compare(before.content if before else None, edition.content,
                        (before.intro_zh, before.intro_en) if before else ("", ""),
                        (edition.intro_zh, edition.intro_en))


def pdf_key(edition: m.GuideEdition) -> str:
    """A key of its own per rendering, so a publish that loses a race never
    overwrites the winner's file."""
    return f"guides/{edition.kind}-{edition.subject}-{edition.number}-{uuid.uuid4().hex[:12]}.pdf"


def publish(session: Session, actor: Actor, subject: Subject, contact: dict | None = None,
            render: Renderer | None = None, store: Storage | None = None) -> Published:
    """Freeze the guide as it stands now as the next edition, render and
    store its PDF (when ``render`` can; the edition is published without one
    otherwise, and ``pdf_problem`` says why), then save the edition. The PDF
    is stored before the edition's row is written (the database storage
    writes on its own connection, which SQLite would lock out of a pending
    write), and removed again when the edition cannot be saved."""
    text = draft(session, subject)
    number = (session.scalar(select(func.max(m.GuideEdition.number)).where(
        m.GuideEdition.kind == subject.kind, m.GuideEdition.subject == subject.key)) or 0) + 1
    edition = m.GuideEdition(kind=subject.kind, subject=subject.key, number=number,
                             intro_zh=text.intro_zh or "", intro_en=text.intro_en or "",
                             content=content.build(session, subject, contact), published_by_id=actor.user_id,
                             published_at=utcnow())
    problem = _store_pdf(edition, render, store)
    session.add(edition)
    try:
        session.flush()
    except IntegrityError:   # another bureau user published the same number at the same moment
        session.rollback()
        if edition.pdf_key and store is not None:
            store.delete(edition.pdf_key)
        raise RuleError("guide.busy") from None
    audit.record(session, actor, "guide.published", "guide", f"{subject.kind}/{subject.key}",
                 {"number": number, "pdf": edition.pdf_key is not None})
    session.commit()
    return Published(edition, problem)


def _store_pdf(edition: m.GuideEdition, render: Renderer | None, store: Storage | None) -> str | None:
    """Render and store the edition's PDF; why not, or None when stored."""
    if render is None or store is None:
        return "no renderer"
    try:
        data = render(edition)
    except PdfUnavailable as exc:
        return str(exc) or "unavailable"
    key = pdf_key(edition)
    edition.pdf_size = store.save(key, data)
    edition.pdf_key = key
    return None
