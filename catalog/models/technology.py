"""Catalogue entries, their quantified figures and the editions that publish them."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Bilingual, utcnow

TECHNOLOGY_STATUSES = ("draft", "under_review", "public_notice", "published", "retired")


class Technology(Bilingual, Base):
    __tablename__ = "technology"
    __table_args__ = (
        CheckConstraint("trl BETWEEN 1 AND 9", name="trl_range"),
        CheckConstraint(
            "status IN ('draft','under_review','public_notice','published','retired')",
            name="status_known",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(300))
    sector_key: Mapped[str] = mapped_column(ForeignKey("sector.key"), index=True)
    stage_key: Mapped[str] = mapped_column(ForeignKey("process_stage.key"), index=True)
    category_key: Mapped[str] = mapped_column(ForeignKey("category.key"), index=True)
    maturity_key: Mapped[str] = mapped_column(ForeignKey("maturity_level.key"))
    trl: Mapped[int] = mapped_column(Integer)
    summary_zh: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    keywords_zh: Mapped[list[str]] = mapped_column(default=list)
    keywords_en: Mapped[list[str]] = mapped_column(default=list)
    energy_carriers: Mapped[list[str]] = mapped_column(default=list)
    applicable_to: Mapped[list[str]] = mapped_column(default=list)
    plan_refs: Mapped[list[str]] = mapped_column(default=list)
    # What the technology does for a line (data/catalogue/effects), sources as keys.
    effect: Mapped[dict] = mapped_column(default=dict)
    # How plants describe what it solves, when it does not fit, what it does not do, the goals it
    # delivers and the size of project it needs (data/catalogue/problems).
    problems: Mapped[dict] = mapped_column(default=dict)
    # Derived from ``effect`` and the bureau's reference prices (catalog.reference_plant),
    # stored so the catalogue can sort and filter by them; refreshed whenever either changes.
    ref_saving_tce: Mapped[float | None] = mapped_column(Float)
    ref_capex_cny: Mapped[float | None] = mapped_column(Float, index=True)
    ref_payback_years: Mapped[float | None] = mapped_column(Float, index=True)
    # True when the plan names the technology itself, not only its umbrella category.
    plan_named: Mapped[bool] = mapped_column(default=False, index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    promoted: Mapped[bool] = mapped_column(default=False)
    review_due: Mapped[date | None] = mapped_column(Date)
    # Set when the bureau retires the entry: it stays readable, marked, out of the default search.
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    retired_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    sector = relationship("Sector", lazy="joined")
    stage = relationship("ProcessStage", lazy="joined")
    category = relationship("Category", lazy="joined")
    maturity = relationship("MaturityLevel", lazy="joined")
    figures: Mapped[list[TechnologyFigure]] = relationship(
        back_populates="technology",
        order_by="TechnologyFigure.position",
        cascade="all, delete-orphan",
    )

    def text(self, field: str, locale: str) -> str:
        """``summary``/``description`` in the locale, Chinese when English is empty."""
        if locale.startswith("en"):
            return getattr(self, f"{field}_en") or getattr(self, f"{field}_zh")
        return getattr(self, f"{field}_zh")


# One per catalogue order, so a page is an index-only walk (catalog.listing, migration 0012).
_T = Technology
Index("ix_technology_status_sector_code", _T.status, _T.sector_key, _T.code, _T.id)
Index("ix_technology_status_published_code", _T.status, _T.published_at.desc(), _T.code, _T.id)
Index("ix_technology_status_name_code", _T.status, _T.name_zh, _T.code, _T.id)
Index("ix_technology_status_trl_code", _T.status, _T.trl.desc(), _T.code, _T.id)
Index("ix_technology_status_payback_code", _T.status, _T.ref_payback_years, _T.code, _T.id)
Index("ix_technology_status_capex_code", _T.status, _T.ref_capex_cny, _T.code, _T.id)
Index("ix_technology_status_promoted_code", _T.status, _T.promoted, _T.code)
# Covers the facet columns: every count comes from one walk of it per generation (catalog.shapes).
Index("ix_technology_status_facets", _T.status, _T.sector_key, _T.stage_key, _T.category_key,
      _T.maturity_key, _T.plan_named)


class CatalogueGeneration(Base):
    """One row: a random token replaced in the same transaction as every change
    to the technology columns cached figures read, so processes know when
    their cached counts are old (catalog.counts)."""

    __tablename__ = "catalogue_generation"
    ROW = 1
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    token: Mapped[str] = mapped_column(String(32))


class TechnologyFigure(Base):
    """A quantified claim about a technology: value (a number or a range as
    text), unit, basis, source and reliability flag."""

    __tablename__ = "technology_figure"
    __table_args__ = (UniqueConstraint("technology_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    technology_id: Mapped[int] = mapped_column(
        ForeignKey("technology.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    metric: Mapped[str] = mapped_column(String(32))
    value_text: Mapped[str] = mapped_column(String(64))
    # Set only when the value is a single number, so figures can be sorted and compared.
    value_num: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(120), default="")
    unit_zh: Mapped[str] = mapped_column(String(120), default="")   # when the unit has words
    basis: Mapped[str] = mapped_column(Text, default="")            # English (or as submitted)
    basis_zh: Mapped[str] = mapped_column(Text, default="")
    # A source-registry key for figures the bureau seeded; ``source`` keeps the
    # free text a submitter gave for figures that came through a submission.
    source_key: Mapped[str | None] = mapped_column(ForeignKey("reference_source.key"))
    source: Mapped[str] = mapped_column(Text, default="")
    flag: Mapped[str] = mapped_column(String(48), default="")
    evidence_key: Mapped[str] = mapped_column(ForeignKey("evidence_level.key"))

    technology: Mapped[Technology] = relationship(back_populates="figures")
    evidence = relationship("EvidenceLevel", lazy="joined")
    cited = relationship("ReferenceSource", lazy="joined")


class Edition(Base):
    """A published batch of the catalogue (年度/批次)."""

    __tablename__ = "edition"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(300))
    notes_zh: Mapped[str] = mapped_column(Text, default="")
    notes_en: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    notice_days: Mapped[int] = mapped_column(Integer, default=0)
    published_on: Mapped[date | None] = mapped_column(Date)

    entries: Mapped[list[EditionEntry]] = relationship(
        back_populates="edition", cascade="all, delete-orphan"
    )

    def title(self, locale: str) -> str:
        return self.title_en if locale.startswith("en") and self.title_en else self.title_zh


class EditionEntry(Base):
    """Membership of a technology in an edition, with what changed (added,
    changed, retired) against the previous edition."""

    __tablename__ = "edition_entry"
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), primary_key=True
    )
    technology_id: Mapped[int] = mapped_column(
        ForeignKey("technology.id", ondelete="CASCADE"), primary_key=True
    )
    change: Mapped[str] = mapped_column(String(16), default="added")
    # The entry's catalogue fields as published in this edition (editions are compared on these).
    snapshot: Mapped[dict] = mapped_column(default=dict)

    edition: Mapped[Edition] = relationship(back_populates="entries")
    technology: Mapped[Technology] = relationship()
