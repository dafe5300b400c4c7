"""A user's own notifications: the unread count for the bell, the list, and
marking them read. Another user's notification is NotFound."""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from .. import models as m
from ..errors import NotFound


def unread_count(session: Session, user_id: int) -> int:
    return session.scalar(select(func.count()).select_from(m.Notification).where(
        m.Notification.user_id == user_id, m.Notification.read_at.is_(None))) or 0


def latest(session: Session, user_id: int, page: int = 1, per_page: int = 30,
           unread_only: bool = False) -> tuple[list[m.Notification], int]:
    """Newest first, one page, with the total for the pager."""
    where = [m.Notification.user_id == user_id]
    if unread_only:
        where.append(m.Notification.read_at.is_(None))
    total = session.scalar(select(func.count()).select_from(m.Notification).where(*where)) or 0
    rows = session.scalars(select(m.Notification).where(*where).order_by(m.Notification.id.desc())
                           .offset((max(page, 1) - 1) * per_page).limit(per_page))
    return list(rows), total


def own(session: Session, user_id: int, notification_id: int) -> m.Notification:
    """The user's notification (NotFound for anyone else's)."""
    note = session.get(m.Notification, notification_id)
    if note is None or note.user_id != user_id:
        raise NotFound("notification", notification_id)
    return note


def mark_read(session: Session, user_id: int, notification_id: int) -> m.Notification:
    note = own(session, user_id, notification_id)
    if note.read_at is None:
        note.read_at = m.utcnow()
        session.commit()
    return note


def mark_all_read(session: Session, user_id: int) -> int:
    result = session.execute(update(m.Notification).where(
        m.Notification.user_id == user_id, m.Notification.read_at.is_(None)).values(read_at=m.utcnow()))
    session.commit()
    return result.rowcount or 0
