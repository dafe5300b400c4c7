"""The bureau console (issue 8): announcements of notices and matchmaking
events with the organisations registered for them, and background jobs for
large imports and exports (their progress is shown while they run)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow

ANNOUNCEMENT_KINDS = ("notice", "event")
ANNOUNCEMENT_STATUSES = ("draft", "published", "cancelled")
JOB_KINDS = ("import_technologies", "import_organisations", "export")
JOB_STATUSES = ("queued", "running", "done", "failed")

announcement_technology = Table(
    "announcement_technology", Base.metadata,
    Column("announcement_id", ForeignKey("announcement.id", ondelete="CASCADE"), primary_key=True),
    Column("technology_id", ForeignKey("technology.id", ondelete="CASCADE"), primary_key=True),
)


class Announcement(Base):
    """A notice (推介发布) or a matchmaking event with a date and a place.
    ``sectors`` holds sector keys; featured technologies are linked."""

    __tablename__ = "announcement"
    __table_args__ = (
        CheckConstraint(f"kind IN {ANNOUNCEMENT_KINDS}", name="kind_known"),
        CheckConstraint(f"status IN {ANNOUNCEMENT_STATUSES}", name="status_known"),
        CheckConstraint("ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at",
                        name="ends_after_start"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), default="notice")
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    body_zh: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    place: Mapped[str] = mapped_column(String(200), default="")
    registration_deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    capacity: Mapped[int | None] = mapped_column(Integer)
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    technologies = relationship("Technology", secondary=announcement_technology, order_by="Technology.code")
    registrations = relationship("AnnouncementRegistration", cascade="all, delete-orphan",
                                 order_by="AnnouncementRegistration.registered_at")


class AnnouncementRegistration(Base):
    """An organisation's registration of interest in an announcement."""

    __tablename__ = "announcement_registration"
    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcement.id", ondelete="CASCADE"),
                                                 primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                 primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    attendees: Mapped[int] = mapped_column(Integer, default=1)
    note: Mapped[str] = mapped_column(String(500), default="")
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    organisation = relationship("Organisation", lazy="joined")


class ConsoleJob(Base):
    """A bulk import or a large export run outside the request; ``done`` of
    ``total`` rows is its progress, ``report`` the validation problems or the
    summary, ``result_name`` the produced file under the data folder."""

    __tablename__ = "console_job"
    __table_args__ = (
        CheckConstraint(f"kind IN {JOB_KINDS}", name="kind_known"),
        CheckConstraint(f"status IN {JOB_STATUSES}", name="status_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(8), default="queued", index=True)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict] = mapped_column(JSON, default=dict)
    source_name: Mapped[str] = mapped_column(String(200), default="")
    result_name: Mapped[str] = mapped_column(String(64), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"),
                                                      index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The lease (issue 19): the worker running the job renews ``lease_until``;
    # past it, the job is retried (``attempts`` counts the runs) or failed.
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str] = mapped_column(String(80), default="")
