"""What an alert has already announced, per subject (a need, a supplier, a
saved search). Needs and suppliers keep one extra row, ``FIRST_RUN``, once
they have been scanned: its absence means the next scan is their first, which
records the current items without announcing them."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .. import models as m

FIRST_RUN = "*"


def seen_keys(session: Session, subject: str, subject_id: int) -> set[str]:
    return set(session.scalars(select(m.AlertSeen.item_key).where(m.AlertSeen.subject == subject,
                                                                 m.AlertSeen.subject_id == subject_id)))


def record(session: Session, subject: str, subject_id: int, keys: Iterable[str], now: datetime) -> None:
    """Add rows for ``keys`` (which must not be recorded yet)."""
    session.add_all(m.AlertSeen(subject=subject, subject_id=subject_id, item_key=key, seen_at=now)
                    for key in dict.fromkeys(keys))


def forget(session: Session, subject: str, subject_id: int) -> None:
    session.execute(delete(m.AlertSeen).where(m.AlertSeen.subject == subject,
                                              m.AlertSeen.subject_id == subject_id))
