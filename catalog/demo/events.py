"""The demo world's curation and outreach (``data/demo/world.yaml``, keys
``submission``, ``event`` and ``draft_edition``): a supplier's change to a
published entry waiting in the review queue, a matchmaking event the demo
enterprises have registered for, and the next edition of the catalogue in
preparation. Made through the services, so the rules (dates, seats, one
registration per organisation, edition codes) and the audit log hold; each
``*_exists`` check lets a second run skip what is there."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts.audit import CHINA, Actor
from catalog.console import announcements
from catalog.curation import editions, submissions


def user(session: Session, email: str) -> m.User:
    return session.scalars(select(m.User).where(m.User.email == email)).one()


def submission_exists(session: Session, spec: dict) -> bool:
    author = user(session, spec["by"])
    found = select(m.Submission.id).join(m.Technology, m.Submission.technology_id == m.Technology.id).where(
        m.Submission.organisation_id == author.organisation_id, m.Technology.code == spec["technology"])
    return session.scalar(found.limit(1)) is not None


def event_exists(session: Session, spec: dict) -> bool:
    return session.scalar(select(m.Announcement.id).where(m.Announcement.title_zh == spec["title_zh"])
                          .limit(1)) is not None


def draft_edition(session: Session, spec: dict, bureau_email: str) -> bool:
    """The next edition as a draft the bureau is preparing (made unless its code exists)."""
    if session.scalar(select(m.Edition.id).where(m.Edition.code == spec["code"])) is not None:
        return False
    editions.create(session, Actor.of(user(session, bureau_email)), spec["code"], spec["title_zh"],
                    spec["title_en"], spec["notes_zh"], spec["notes_en"])
    return True


def submission_in_review(session: Session, spec: dict) -> int:
    """A change to a published entry, submitted with its cases and in review."""
    author = user(session, spec["by"])
    actor = Actor.of(author)
    item = submissions.create(session, actor, author.organisation_id, None,
                              technology_code=spec["technology"])
    item.description_zh = f"{item.description_zh}\n\n{spec['change']}"
    item.cases = [{"site": site, "in_use_since": since, "results": results, "contact_ok": True}
                  for site, since, results in spec["cases"]]
    steps = (("submit", "draft", "submitted"), ("start_review", "submitted", "under_review"))
    for action, before, after in steps:
        session.add(m.SubmissionEvent(submission=item, actor_id=author.id, actor_label=author.email,
                                      action=action, from_status=before, to_status=after))
    item.status, item.round = "under_review", 1
    session.commit()
    return item.id


def event_with_registrations(session: Session, spec: dict, bureau_email: str,
                             now: datetime | None = None) -> int:
    """A published matchmaking event ``spec["in_days"]`` days ahead, with the
    listed organisations registered (each by its first user)."""
    today = (now or datetime.now(CHINA)).astimezone(CHINA)
    start = today.replace(hour=9, minute=30, second=0, microsecond=0) + timedelta(days=spec["in_days"])
    bureau = Actor.of(user(session, bureau_email))
    item = announcements.create(session, bureau, announcements.AnnouncementInput(
        kind="event", title_zh=spec["title_zh"], title_en=spec["title_en"], body_zh=spec["body_zh"],
        body_en=spec["body_en"], starts_at=start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(start + timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M"), place=spec["place"],
        registration_deadline=(start - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        capacity=str(spec["capacity"]), sectors=tuple(spec["sectors"]), technologies=spec["technologies"]))
    announcements.publish(session, bureau, item.id)
    for email, attendees in spec["registrations"]:
        person = user(session, email)
        announcements.register(session, Actor.of(person), person, item.id, str(attendees), "")
    return item.id
