"""The audit log: ``record`` adds an event to the caller's transaction (so an
event exists exactly when the change it describes was committed); ``search``
reads it with filters and pagination. There is no update or delete."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import CHINA  # the portal's one zone (catalog.clock)
from ..models import AuditEvent, User


@dataclass(frozen=True)
class Actor:
    """Who does something: a signed-in user, an anonymous visitor (``label``
    is then what they typed, e.g. an e-mail in a failed sign-in) or the CLI."""

    user_id: int | None = None
    organisation_id: int | None = None
    label: str = ""
    ip: str = ""
    # the actor's own session key: a change to their own account keeps this session
    session_key: str = field(default="", repr=False, compare=False)

    @classmethod
    def of(cls, user: User | None, ip: str = "", label: str = "", session_key: str = "") -> Actor:
        if user is None:
            return cls(label=label[:254], ip=ip)
        return cls(user.id, user.organisation_id, user.email, ip, session_key)

    @classmethod
    def cli(cls) -> Actor:
        return cls(label="cli")


def record(session: Session, actor: Actor, action: str, object_type: str = "",
           object_id: object = "", detail: dict[str, Any] | None = None,
           organisation_id: int | None = None) -> AuditEvent:
    """Add one event to the session (the caller commits). ``organisation_id``
    is the organisation concerned, by default the actor's."""
    event = AuditEvent(
        actor_id=actor.user_id, actor_label=actor.label, ip=(actor.ip or "")[:45],
        organisation_id=organisation_id if organisation_id is not None else actor.organisation_id,
        action=action, object_type=object_type, object_id=str(object_id or ""),
        detail=detail or {},
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None
    organisation_id: int | None = None
    since: date | None = None   # inclusive, Beijing time
    until: date | None = None   # inclusive, Beijing time
    page: int = 1
    per_page: int = 50


@dataclass
class AuditPage:
    items: list[AuditEvent]
    total: int
    page: int
    per_page: int
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = max(1, -(-self.total // self.per_page))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, CHINA).astimezone(UTC)


def search(session: Session, flt: AuditFilter) -> AuditPage:
    """Newest first."""
    query = select(AuditEvent)
    if flt.action:
        query = query.where(AuditEvent.action == flt.action)
    if flt.organisation_id is not None:
        query = query.where(AuditEvent.organisation_id == flt.organisation_id)
    if flt.since:
        query = query.where(AuditEvent.at >= _start_of(flt.since))
    if flt.until:
        query = query.where(AuditEvent.at < _start_of(flt.until + timedelta(days=1)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                            .limit(flt.per_page).offset((flt.page - 1) * flt.per_page)).all()
    return AuditPage(list(items), total, flt.page, flt.per_page)


def actions_in_use(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
