"""What the seed last wrote into a row, so ``flask setup`` can tell a field the
bureau changed (keep it) from one nobody touched (bring the seed's update)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class SeedBaseline(Base):
    """``values``: field → the value the seed last loaded (JSON), for the row
    ``kind`` (e.g. "technology") with the natural key ``key`` (its code)."""

    __tablename__ = "seed_baseline"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(64))
    values: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
