"""The bureau's curation cycle: technology submissions with their history,
reviews (scores per criterion, conflict-of-interest declarations), objections
filed during the public notice (公示), and the review settings."""
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
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .accounts import Organisation, User
from .base import Base, utcnow
from .supply import Attachment
from .technology import Technology

SUBMISSION_STATUSES = ("draft", "submitted", "under_review", "returned", "approved", "public_notice",
                       "published", "rejected")
SUBMISSION_KINDS = ("new", "change")
OBJECTION_STATUSES = ("open", "dismissed", "upheld")


class Submission(Base):
    """A proposed catalogue entry (``kind`` new) or a change to one (``kind``
    change, ``technology_id`` the entry). The fields are a catalogue entry's;
    ``figures`` are ``{metric, value, unit, basis, source}`` and ``cases``
    ``{site, in_use_since, results, contact_ok}``. ``round`` counts the times
    it was submitted; reviews belong to one round."""

    __tablename__ = "submission"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'submitted', 'under_review', 'returned', 'approved', "
                        "'public_notice', 'published', 'rejected')", name="status_known"),
        CheckConstraint("kind IN ('new', 'change')", name="kind_known"),
        CheckConstraint("kind = 'new' OR technology_id IS NOT NULL", name="change_has_target"),
        CheckConstraint("trl IS NULL OR trl BETWEEN 1 AND 9", name="trl_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                 index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(8), default="new")
    technology_id: Mapped[int | None] = mapped_column(ForeignKey("technology.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    round: Mapped[int] = mapped_column(Integer, default=0)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    sector_key: Mapped[str | None] = mapped_column(ForeignKey("sector.key"), index=True)
    stage_key: Mapped[str | None] = mapped_column(ForeignKey("process_stage.key"))
    category_key: Mapped[str | None] = mapped_column(ForeignKey("category.key"))
    maturity_key: Mapped[str | None] = mapped_column(ForeignKey("maturity_level.key"))
    trl: Mapped[int | None] = mapped_column(Integer)
    summary_zh: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    keywords_zh: Mapped[list[str]] = mapped_column(default=list)
    keywords_en: Mapped[list[str]] = mapped_column(default=list)
    energy_carriers: Mapped[list[str]] = mapped_column(default=list)
    applicable_to: Mapped[list[str]] = mapped_column(default=list)
    figures: Mapped[list[dict]] = mapped_column(JSON, default=list)
    cases: Mapped[list[dict]] = mapped_column(JSON, default=list)
    notice_starts_on: Mapped[date | None] = mapped_column(Date)
    notice_ends_on: Mapped[date | None] = mapped_column(Date)
    edition_id: Mapped[int | None] = mapped_column(ForeignKey("edition.id", ondelete="SET NULL"),
                                                   index=True)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship()
    technology: Mapped[Technology | None] = relationship()
    sector = relationship("Sector")
    stage = relationship("ProcessStage")
    category = relationship("Category")
    maturity = relationship("MaturityLevel")
    events: Mapped[list[SubmissionEvent]] = relationship(
        back_populates="submission", order_by="SubmissionEvent.id", cascade="all, delete-orphan")
    reviews: Mapped[list[Review]] = relationship(
        back_populates="submission", order_by="Review.id", cascade="all, delete-orphan")
    objections: Mapped[list[Objection]] = relationship(
        back_populates="submission", order_by="Objection.id", cascade="all, delete-orphan")
    evidence: Mapped[list[Attachment]] = relationship(
        order_by="Attachment.id", cascade="all, delete-orphan")

    def text(self, field: str, locale: str) -> str:
        if locale.startswith("en"):
            return getattr(self, f"{field}_en") or getattr(self, f"{field}_zh")
        return getattr(self, f"{field}_zh")

    def label(self, locale: str) -> str:
        return self.name_en if locale.startswith("en") and self.name_en else self.name_zh


class SubmissionEvent(Base):
    """One step of a submission (saved, submitted, returned …) as the
    submitter sees it on their page; the audit log records the same step."""

    __tablename__ = "submission_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"),
                                               index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor_label: Mapped[str] = mapped_column(String(254), default="")
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16), default="")
    comment: Mapped[str] = mapped_column(Text, default="")

    submission: Mapped[Submission] = relationship(back_populates="events")


class Review(Base):
    """One bureau reviewer's review of one round: a conflict-of-interest
    declaration and, without a conflict, a 0–5 score per criterion."""

    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("submission_id", "reviewer_id", "round"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"),
                                               index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    round: Mapped[int] = mapped_column(Integer)
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict_note: Mapped[str] = mapped_column(Text, default="")
    scores: Mapped[dict] = mapped_column(default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="reviews")
    reviewer: Mapped[User] = relationship(lazy="joined")


class Objection(Base):
    """An objection filed by a signed-in user during the public notice."""

    __tablename__ = "objection"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'dismissed', 'upheld')", name="status_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"),
                                               index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    submission: Mapped[Submission] = relationship(back_populates="objections")
    user: Mapped[User | None] = relationship(foreign_keys=[user_id], lazy="joined")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")


class CurationSettings(Base):
    """The bureau's settings (one row, id 1; defaults until the bureau admin
    changes them): review thresholds and periods — totals are the mean over
    reviewers of the sum of the four criteria, 0–20 — and the discount rate
    (percent a year) of every NPV the portal shows."""

    __tablename__ = "curation_settings"
    __table_args__ = (
        CheckConstraint("reject_below_total <= publish_min_total", name="thresholds_ordered"),
        CheckConstraint("min_reviewers BETWEEN 1 AND 9", name="reviewers_range"),
        CheckConstraint("notice_days BETWEEN 1 AND 60", name="notice_days_range"),
        CheckConstraint("discount_rate_pct BETWEEN 0 AND 30", name="discount_rate_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    publish_min_total: Mapped[float] = mapped_column(Float, default=14.0)
    reject_below_total: Mapped[float] = mapped_column(Float, default=10.0)
    min_per_criterion: Mapped[float] = mapped_column(Float, default=2.0)
    min_reviewers: Mapped[int] = mapped_column(Integer, default=2)
    notice_days: Mapped[int] = mapped_column(Integer, default=7)
    review_years: Mapped[int] = mapped_column(Integer, default=3)
    discount_rate_pct: Mapped[float] = mapped_column(Float, default=8.0, server_default="8")
    # Reference energy prices for the catalogue's typical payback (CNY/kWh, CNY/t, CNY/m³);
    # none until the bureau sets them.
    ref_electricity_price: Mapped[float | None] = mapped_column(Float)
    ref_coal_price: Mapped[float | None] = mapped_column(Float)
    ref_gas_price: Mapped[float | None] = mapped_column(Float)
    ref_coke_price: Mapped[float | None] = mapped_column(Float)
    ref_fuel_oil_price: Mapped[float | None] = mapped_column(Float)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


__all__ = ["OBJECTION_STATUSES", "SUBMISSION_KINDS", "SUBMISSION_STATUSES", "CurationSettings",
           "Objection", "Review", "Submission", "SubmissionEvent"]
