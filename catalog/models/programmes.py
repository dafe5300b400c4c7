"""Support programmes and green finance (issue 23): municipal retrofit funds,
首台(套) support, green credit and the central bank's facilities, maintained
by the bureau. Each programme has its eligibility rules (sectors, catalogue
categories or technology codes, a minimum saving, a deadline) and its money
rule (``kind`` with a share of the investment, a cap, a rate, a number of
years; ``matching.support``). Every figure cites ``source_key``, an entry of
the source registry; a figure no document gives is left empty and the pages
say "not available"."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow

PROGRAMME_KINDS = ("grant", "interest_subsidy", "credit", "recognition")
PROGRAMME_STATUSES = ("draft", "published", "retired")


class Programme(Base):
    """``sectors`` / ``categories`` / ``technologies``: sector keys, category
    keys and catalogue codes; an empty list does not restrict. ``share`` and
    ``rate`` are fractions (0.1 = 10 %); ``cap_cny`` CNY; ``years`` whole
    years; ``min_saving_tce`` tce a year on the line."""

    __tablename__ = "programme"
    __table_args__ = (
        CheckConstraint(f"kind IN {PROGRAMME_KINDS}", name="kind_known"),
        CheckConstraint(f"status IN {PROGRAMME_STATUSES}", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    administrator_zh: Mapped[str] = mapped_column(String(200), default="")
    administrator_en: Mapped[str] = mapped_column(String(200), default="")
    summary_zh: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    technologies: Mapped[list[str]] = mapped_column(JSON, default=list)
    min_saving_tce: Mapped[float | None] = mapped_column(Float)
    deadline: Mapped[date | None] = mapped_column(Date)
    share: Mapped[float | None] = mapped_column(Float)
    cap_cny: Mapped[float | None] = mapped_column(Float)
    rate: Mapped[float | None] = mapped_column(Float)
    years: Mapped[int | None] = mapped_column(Integer)
    source_key: Mapped[str | None] = mapped_column(String(64))
    basis_zh: Mapped[str] = mapped_column(Text, default="")
    basis_en: Mapped[str] = mapped_column(Text, default="")
    retired_reason: Mapped[str] = mapped_column(String(500), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh
