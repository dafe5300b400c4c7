"""Inquiries (对接请求) between an enterprise and a supplier, their message
threads, the steps of the deal pipeline, and the enterprise's follow-up six
months after implementation (issue 7)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UploadedFile, utcnow

# the steps whose first time is kept on the inquiry (column names)
REACHED_AT = {"site_survey": "surveyed_at", "proposal": "proposed_at", "contracted": "contracted_at",
              "implemented": "implemented_at"}
INQUIRY_STATUSES = ("sent", "replied", "site_survey", "proposal", "contracted", "implemented", "closed",
                    "lost")
LOST_REASONS = ("price", "technical_fit", "financing", "timing", "chose_other", "no_response",
                "not_interested", "not_forwarded", "other")
ORIGINS = ("enterprise", "supplier")
# An expression of interest in an anonymous need waits for the bureau, which
# forwards it to the enterprise (or declines to); the enterprise's identity is
# shown to the supplier only once the enterprise accepts.
FORWARD_STATUSES = ("awaiting_bureau", "forwarded", "not_forwarded")
CONTRACT_MODELS = ("self_funded", "shared_savings", "guaranteed_savings", "energy_cost_hosting",
                   "financing_lease", "hybrid")
SIDES = ("enterprise", "supplier")


class Inquiry(Base):
    __tablename__ = "inquiry"
    __table_args__ = (
        CheckConstraint(f"status IN {INQUIRY_STATUSES}", name="status_known"),
        CheckConstraint("product_id IS NOT NULL OR offer_id IS NOT NULL OR need_id IS NOT NULL",
                        name="about_something"),
        CheckConstraint(f"origin IN {ORIGINS}", name="origin_known"),
        CheckConstraint(f"forward_status IS NULL OR forward_status IN {FORWARD_STATUSES}",
                        name="forward_status_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    need_id: Mapped[int | None] = mapped_column(ForeignKey("need.id", ondelete="SET NULL"))
    technology_id: Mapped[int | None] = mapped_column(ForeignKey("technology.id", ondelete="SET NULL"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id", ondelete="SET NULL"))
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("emc_offer.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(16), default="enterprise", server_default="enterprise")
    forward_status: Mapped[str | None] = mapped_column(String(16), index=True)
    identity_revealed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    status: Mapped[str] = mapped_column(String(16), default="sent", index=True)
    lost_reason: Mapped[str | None] = mapped_column(String(24))
    contract_model: Mapped[str | None] = mapped_column(String(24))
    contract_value_cny: Mapped[float | None] = mapped_column(Float)
    expected_saving_tce: Mapped[float | None] = mapped_column(Float)
    expected_co2_t: Mapped[float | None] = mapped_column(Float)
    measured_saving_tce: Mapped[float | None] = mapped_column(Float)
    follow_up_due: Mapped[date | None] = mapped_column(Date, index=True)
    # when the inquiry first reached these steps (kept with its events), so
    # the bureau's funnel counts and times them without scanning the events
    surveyed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    proposed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    contracted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    implemented_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow,
                                                 index=True)

    enterprise = relationship("Organisation", foreign_keys=[enterprise_id], lazy="joined")
    supplier = relationship("Organisation", foreign_keys=[supplier_id], lazy="joined")
    need = relationship("Need")
    technology = relationship("Technology")
    product = relationship("Product")
    offer = relationship("EmcOffer")
    messages = relationship("InquiryMessage", order_by="InquiryMessage.id", cascade="all, delete-orphan")
    events = relationship("InquiryEvent", order_by="InquiryEvent.id", cascade="all, delete-orphan")
    follow_up = relationship("FollowUp", uselist=False, cascade="all, delete-orphan")


class InquiryMessage(Base):
    """Plain text only; the sending organisation is kept for the hourly limit."""

    __tablename__ = "inquiry_message"
    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiry.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    side: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)

    author = relationship("User")
    attachments = relationship("MessageAttachment", order_by="MessageAttachment.id",
                               cascade="all, delete-orphan")


class MessageAttachment(UploadedFile, Base):
    """A file sent with an inquiry message; stored like product attachments
    (``catalog.supply.files``), readable only by the inquiry's two parties."""

    __tablename__ = "message_attachment"
    __table_args__ = (
        CheckConstraint("content_type IN ('application/pdf', 'image/png', 'image/jpeg')",
                        name="type_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("inquiry_message.id", ondelete="CASCADE"), index=True)


class LeadMark(Base):
    """A supplier followed or dismissed an enterprise's need shown as a lead."""

    __tablename__ = "lead_mark"
    __table_args__ = (CheckConstraint("mark IN ('followed', 'dismissed')", name="mark_known"),)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                 primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), primary_key=True)
    mark: Mapped[str] = mapped_column(String(16))
    marked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StoredLead(Base):
    """A need that fits a supplier's published listings, as last scored (by
    the alert scan, or when the need was posted or edited): the supplier's
    best technology for it, the score, the reasons in both languages and the
    supplier's offers that fit. The leads page reads these rows and the need
    itself (what it shows of an anonymous need is decided at reading)."""

    __tablename__ = "stored_lead"
    __table_args__ = (Index("ix_stored_lead_rank", "organisation_id", "score"),)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                 primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), primary_key=True,
                                         index=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technology.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    reasons_zh: Mapped[list[str]] = mapped_column(JSON, default=list)
    reasons_en: Mapped[list[str]] = mapped_column(JSON, default=list)
    offer_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    scored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LeadRefresh(Base):
    """When a supplier's stored leads were last scored as a whole, or a need's
    for every supplier. The scan re-scores a supplier whose listings changed
    since (or after a day) and a need changed since (a save outside the web).
    Like ``AlertSeen``, rows outlive a deleted subject harmlessly."""

    __tablename__ = "lead_refresh"
    __table_args__ = (CheckConstraint("subject IN ('supplier', 'need')", name="subject_known"),)
    subject: Mapped[str] = mapped_column(String(8), primary_key=True)
    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    scored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class InquiryEvent(Base):
    """One pipeline step as both parties see it on the thread page."""

    __tablename__ = "inquiry_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiry.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FollowUp(Base):
    """The enterprise's answer six months after implementation."""

    __tablename__ = "follow_up"
    __table_args__ = (CheckConstraint("satisfaction BETWEEN 1 AND 5", name="satisfaction_range"),)
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiry.id", ondelete="CASCADE"), primary_key=True)
    achieved_saving_tce: Mapped[float | None] = mapped_column(Float)
    satisfaction: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    # The enterprise agrees that the supplier directory names it with this
    # completed project (issue 22); off unless it ticks the box.
    reference_ok: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
