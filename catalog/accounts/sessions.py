"""Server-side sessions: the browser's cookie holds a random key, the
``user_session`` row its SHA-256 and whether (and when) it ended.

``begin`` on sign-in, ``user_of`` on every request (the row is touched at
most every TOUCH_EVERY, so reading a page is not a write), ``end`` on sign
out, ``end_all`` when a password, role or active flag changes."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..models import User, UserSession, as_utc, utcnow

TOUCH_EVERY = timedelta(minutes=5)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def begin(session: Session, user: User, ip: str = "", now: datetime | None = None) -> str:
    """A new session for ``user``; its key (for the cookie). Commits."""
    key = secrets.token_urlsafe(32)
    now = now or utcnow()
    session.add(UserSession(key_hash=_hash(key), user_id=user.id, created_at=now, last_seen_at=now,
                            ip=(ip or "")[:45]))
    session.commit()
    return key


def user_of(session: Session, key: str, idle: timedelta, now: datetime | None = None) -> User | None:
    """The active, confirmed user of a live session, or None (unknown, ended,
    idle longer than ``idle``). An idle session is ended for good."""
    if not key or len(key) > 100:
        return None
    now = now or utcnow()
    row = session.scalar(select(UserSession).where(UserSession.key_hash == _hash(key),
                                                   UserSession.ended_at.is_(None)))
    if row is None or not row.user.active or not row.user.email_confirmed:
        return None
    seen = as_utc(row.last_seen_at)
    if now - seen > idle:
        row.ended_at = now
        session.commit()
        return None
    if now - seen > TOUCH_EVERY:
        row.last_seen_at = now
        session.commit()
    return row.user


def end(session: Session, key: str, now: datetime | None = None) -> None:
    """End this one session (signing out); the caller commits."""
    session.execute(update(UserSession).where(UserSession.key_hash == _hash(key or ""),
                                              UserSession.ended_at.is_(None))
                    .values(ended_at=now or utcnow()))


def end_all(session: Session, user_id: int, keep: str = "", now: datetime | None = None) -> int:
    """End every live session of the user except ``keep`` (a key); the caller
    commits. The number ended."""
    query = update(UserSession).where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
    if keep:
        query = query.where(UserSession.key_hash != _hash(keep))
    return session.execute(query.values(ended_at=now or utcnow())).rowcount


def live_count(session: Session, user_id: int) -> int:
    return len(session.scalars(select(UserSession.id).where(UserSession.user_id == user_id,
                                                            UserSession.ended_at.is_(None))).all())
