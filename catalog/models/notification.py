"""In-app notifications, each user's choice of channel per kind, saved
searches, and what alerts have already announced (issue 7)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow

NOTIFICATION_KINDS = (
    "inquiry_new",         # a new inquiry or expression of interest addressed to the organisation
    "inquiry_message",     # a new message on one of the organisation's inquiries
    "inquiry_step",        # an inquiry moved along the pipeline
    "interest_forward",    # bureau: an expression of interest in an anonymous need awaits forwarding
    "submission_review",   # a technology submission changed status (review decisions)
    "objection",           # a public-notice objection (the submitter and the bureau)
    "need_matches",        # new matches for an open need
    "leads",               # new leads for a supplier
    "saved_search",        # new results for a saved search
    "registration_pending",  # bureau: a new organisation confirmed its e-mail and awaits verification
)
CHANNELS = ("in_app", "email", "digest")
ALERT_SUBJECTS = ("need", "supplier", "saved_search")


class Notification(Base):
    """One notice for one user. The text is rendered from ``kind`` and
    ``params`` in the reader's language; ``channel`` is the preference at the
    time it was made. ``digested_at`` is set once a digest e-mail carried it."""

    __tablename__ = "notification"
    __table_args__ = (
        CheckConstraint(f"kind IN {NOTIFICATION_KINDS}", name="kind_known"),
        CheckConstraint(f"channel IN {CHANNELS}", name="channel_known"),
        Index("ix_notification_user_unread", "user_id", "read_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    link: Mapped[str] = mapped_column(String(300), default="")
    channel: Mapped[str] = mapped_column(String(8), default="in_app")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    digested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class NotificationPreference(Base):
    """A user's channel for one kind; a kind without a row uses the default."""

    __tablename__ = "notification_preference"
    __table_args__ = (CheckConstraint(f"channel IN {CHANNELS}", name="channel_known"),)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    channel: Mapped[str] = mapped_column(String(8))


class SavedSearch(Base):
    """A search or catalogue filter a user saved: ``scope`` is the page
    (``search`` or ``catalogue``), ``params`` its query-string values."""

    __tablename__ = "saved_search"
    __table_args__ = (CheckConstraint("scope IN ('search', 'catalogue')", name="scope_known"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    scope: Mapped[str] = mapped_column(String(16), default="search")
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    alert: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AlertSeen(Base):
    """An item an alert has already announced (or found at its first run) for
    a subject: a need's matched technology, a supplier's lead, a saved
    search's result. New items are those without a row."""

    __tablename__ = "alert_seen"
    __table_args__ = (CheckConstraint(f"subject IN {ALERT_SUBJECTS}", name="subject_known"),)
    subject: Mapped[str] = mapped_column(String(16), primary_key=True)
    subject_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    item_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
