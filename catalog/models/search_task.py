"""Pending changes to the search index, recorded in the same transaction as
the data change (a transactional outbox), applied after commit."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class SearchTask(Base):
    """``op`` is ``upsert`` (re-read the record and index it, or remove it when
    it is no longer public) or ``delete``. A task stays until applied."""

    __tablename__ = "search_task"
    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(24))
    doc_key: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(8), default="upsert")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # Set instead of deleting the task while a rebuild runs: the rebuild replays
    # what was applied to the old index meanwhile (``catalog.search.rebuilding``).
    applied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
