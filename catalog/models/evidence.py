"""Measured outcomes as evidence (issue 23).

A ``ProjectRecord`` is an implemented inquiry's follow-up kept as a project
of one technology on one production line: what the contract claimed and what
the enterprise reports it achieved, with the line's output so both can be put
per unit of output. Its evidence level starts "self_declared"; the enterprise
may upload metering or M&V evidence ("submitted"), which the bureau reviews
and marks "verified" or "rejected" (with a reason). Only verified records
count as "verified after implementation".

``EffectRevision`` keeps every change of a technology's typical effect value
made from verified projects (old, new, n, which projects, when).
``PlanBaseline`` is a baseline the bureau enters for the plan's what-if (the
clinker energy intensity the plan's change is measured against), with its
source; the newest row of an indicator applies, earlier ones are kept."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UploadedFile, utcnow

EVIDENCE_LEVELS = ("self_declared", "submitted", "verified", "rejected")
EVIDENCE_KINDS = ("metering", "m_and_v")
BASELINE_INDICATORS = ("clinker_intensity",)


class ProjectRecord(Base):
    __tablename__ = "project_record"
    __table_args__ = (
        CheckConstraint(f"level IN {EVIDENCE_LEVELS}", name="level_known"),
        CheckConstraint("annual_output IS NULL OR annual_output > 0", name="output_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiry.id", ondelete="CASCADE"), unique=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technology.id", ondelete="CASCADE"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id", ondelete="SET NULL"))
    # the line as it was when the record was made (the line may change later)
    product_key: Mapped[str | None] = mapped_column(String(48))
    district_key: Mapped[str | None] = mapped_column(String(48))
    energy_unit: Mapped[str] = mapped_column(String(32), default="")   # the indicator's, e.g. kgce/t
    unit_energy: Mapped[float | None] = mapped_column(Float)           # before the project
    fuel_share: Mapped[float | None] = mapped_column(Float)            # tce share of fuels (not electricity)
    annual_output: Mapped[float | None] = mapped_column(Float)         # in the indicator's output unit
    claimed_saving_tce: Mapped[float | None] = mapped_column(Float)    # the contract's expected saving
    measured_saving_tce: Mapped[float | None] = mapped_column(Float)   # the follow-up's achieved saving
    verified_saving_tce: Mapped[float | None] = mapped_column(Float)   # what the bureau confirmed
    implemented_on: Mapped[date | None] = mapped_column(Date)
    level: Mapped[str] = mapped_column(String(16), default="self_declared", index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    review_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    technology = relationship("Technology")
    enterprise = relationship("Organisation")
    files = relationship("ProjectEvidence", order_by="ProjectEvidence.id", cascade="all, delete-orphan")


class ProjectEvidence(UploadedFile, Base):
    """A metering or M&V file for a project record, checked and stored like
    inquiry attachments; readable by the enterprise and the bureau only."""

    __tablename__ = "project_evidence"
    __table_args__ = (
        CheckConstraint(f"kind IN {EVIDENCE_KINDS}", name="kind_known"),
        CheckConstraint("content_type IN ('application/pdf', 'image/png', 'image/jpeg')", name="type_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("project_record.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))


class EffectRevision(Base):
    """The typical value of a technology's effect model replaced by the median
    of its agreeing verified projects (``catalog.evidence.adoption``)."""

    __tablename__ = "effect_revision"
    id: Mapped[int] = mapped_column(primary_key=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technology.id", ondelete="CASCADE"), index=True)
    unit: Mapped[str] = mapped_column(String(32))
    old_typical: Mapped[float | None] = mapped_column(Float)
    new_typical: Mapped[float] = mapped_column(Float)
    n: Mapped[int] = mapped_column(Integer)
    project_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    values: Mapped[list[float]] = mapped_column(JSON, default=list)   # the projects' per-unit values
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PlanBaseline(Base):
    __tablename__ = "plan_baseline"
    __table_args__ = (
        CheckConstraint("indicator IN ('clinker_intensity')", name="indicator_known"),
        CheckConstraint("value > 0", name="value_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(32), default="clinker_intensity")
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    target_change_pct: Mapped[float | None] = mapped_column(Float)   # e.g. −3, as the plan states
    publisher: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    published_on: Mapped[date | None] = mapped_column(Date)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
