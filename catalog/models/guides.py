"""The bureau's published guides (issue 22): a supply–demand matching guide
(供需对接指南) per sector and one cross-cutting, and a technology promotion
plan (技术推广方案) per promoted technology group (a catalogue category).

A guide is built from live data; the bureau previews it, edits its
introduction (``GuideDraft``) and publishes a numbered, dated edition
(``GuideEdition``) that freezes what the page shows (``content``) and points
at the PDF rendered when it was published (``pdf_key`` in file storage)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow

GUIDE_KINDS = ("sector", "cross", "plan")


class GuideDraft(Base):
    """The introduction the bureau is editing for the next edition of one guide.
    ``subject``: a sector key (kind "sector"), "all" (kind "cross") or a
    category key (kind "plan")."""

    __tablename__ = "guide_draft"
    __table_args__ = (CheckConstraint(f"kind IN {GUIDE_KINDS}", name="kind_known"),)

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    intro_zh: Mapped[str] = mapped_column(Text, default="")
    intro_en: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class GuideEdition(Base):
    """One published edition: ``number`` counts from 1 per (kind, subject);
    ``content`` is the frozen guide (every figure with its inputs and sources)
    the web page and the PDF both show; ``pdf_key`` is the stored PDF."""

    __tablename__ = "guide_edition"
    __table_args__ = (
        CheckConstraint(f"kind IN {GUIDE_KINDS}", name="kind_known"),
        UniqueConstraint("kind", "subject", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    intro_zh: Mapped[str] = mapped_column(Text, default="")
    intro_en: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[dict] = mapped_column(JSON)
    pdf_key: Mapped[str | None] = mapped_column(String(200))
    pdf_size: Mapped[int | None] = mapped_column(Integer)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
