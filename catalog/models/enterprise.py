"""An enterprise's production lines (facilities), its needs, and how it has
marked the matches it was shown."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow

NEED_STATUSES = ("draft", "open", "in_negotiation", "contracted", "closed", "withdrawn")
CONFIDENTIALITY = ("public", "anonymous", "bureau_only")
FINANCING = ("any", "self_funded", "any_emc", "shared_savings", "guaranteed_savings",
             "energy_cost_hosting", "financing_lease")
PROBLEM_TYPES = ("energy_efficiency", "waste_heat", "fuel_substitution", "raw_material",
                 "electrification", "process_upgrade", "ccus", "digital", "other")


class Facility(Base):
    """A production line measured against one national benchmark product row."""

    __tablename__ = "facility"
    __table_args__ = (
        CheckConstraint("annual_output IS NULL OR annual_output >= 0", name="output_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                 index=True)
    name: Mapped[str] = mapped_column(String(120))
    product_key: Mapped[str] = mapped_column(ForeignKey("benchmark_product.key"))
    capacity: Mapped[float | None] = mapped_column(Float)          # in the product's output unit a year
    annual_output: Mapped[float | None] = mapped_column(Float)
    unit_energy: Mapped[float | None] = mapped_column(Float)       # in the indicator's unit
    # The line's energy: its main fuel and the tce shares of its carriers
    # (matching.units.CARRIERS); None = the benchmark product's default.
    main_fuel: Mapped[str | None] = mapped_column(String(16))
    fuel_shares: Mapped[dict | None] = mapped_column(JSON)
    electricity_price: Mapped[float | None] = mapped_column(Float)  # CNY/kWh
    coal_price: Mapped[float | None] = mapped_column(Float)         # CNY/t raw coal
    gas_price: Mapped[float | None] = mapped_column(Float)          # CNY/m³
    coke_price: Mapped[float | None] = mapped_column(Float)         # CNY/t
    fuel_oil_price: Mapped[float | None] = mapped_column(Float)     # CNY/t
    # What the line already has: catalogue codes (never recommended again) and a free-text note.
    installed: Mapped[list[str]] = mapped_column(JSON, default=list)
    installed_note: Mapped[str] = mapped_column(Text, default="")
    district_key: Mapped[str | None] = mapped_column(ForeignKey("district.key"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    product = relationship("BenchmarkProduct", lazy="joined")


class Need(Base):
    __tablename__ = "need"
    __table_args__ = (
        CheckConstraint(f"status IN {NEED_STATUSES}", name="status_known"),
        CheckConstraint(f"confidentiality IN {CONFIDENTIALITY}", name="confidentiality_known"),
        CheckConstraint(f"financing IN {FINANCING}", name="financing_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                 index=True)
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    stage_key: Mapped[str | None] = mapped_column(ForeignKey("process_stage.key"))
    problem_type: Mapped[str] = mapped_column(String(24), default="energy_efficiency")
    target_saving_pct: Mapped[float | None] = mapped_column(Float)
    target_saving_tce: Mapped[float | None] = mapped_column(Float)
    budget_cny: Mapped[float | None] = mapped_column(Float)
    financing: Mapped[str] = mapped_column(String(24), default="any")
    desired_start: Mapped[date | None] = mapped_column(Date)
    confidentiality: Mapped[str] = mapped_column(String(16), default="public")
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    # the matching engine's result for the need, kept for the bureau's funnel
    # and coverage gaps (issue 8): best score 0–1, number of matches, when
    best_score: Mapped[float | None] = mapped_column(Float)
    match_count: Mapped[int | None] = mapped_column(Integer)
    scored_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    # The enterprise asked the bureau to fill a gap in the catalogue for this need (a short list).
    gap_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The public needs board (issue 22): listed only once the owner confirmed it
    # (needs from before stay hidden), until ``board_expires_on`` (inclusive).
    # A "bureau_only" need is never listed; an "anonymous" one is coarsened.
    board_listed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    board_expires_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow,
                                                 index=True)

    facility = relationship("Facility", lazy="joined")


class MatchMark(Base):
    """The enterprise shortlisted or dismissed a technology for a need."""

    __tablename__ = "match_mark"
    __table_args__ = (CheckConstraint("mark IN ('shortlisted', 'dismissed')", name="mark_known"),)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), primary_key=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technology.id", ondelete="CASCADE"),
                                               primary_key=True)
    mark: Mapped[str] = mapped_column(String(16))
    marked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MatchQuote(Base):
    """The investment an enterprise was quoted for a technology on a need's
    line: the capex its payback and NPV use, before any catalogue figure."""

    __tablename__ = "match_quote"
    __table_args__ = (CheckConstraint("capex_cny > 0", name="capex_positive"),)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), primary_key=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technology.id", ondelete="CASCADE"),
                                               primary_key=True)
    capex_cny: Mapped[float] = mapped_column(Float)
    quoted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
