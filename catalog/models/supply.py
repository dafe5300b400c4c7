"""What suppliers offer: products/solutions linked to catalogue technologies,
structured EMC (合同能源管理) offers, the history of published products, and
uploaded files (product attachments, submission evidence)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .accounts import Organisation
from .base import Base, utcnow
from .technology import Technology

LISTING_STATUSES = ("draft", "published", "withdrawn")
EMC_MODELS = ("shared_savings", "guaranteed_savings", "energy_cost_hosting", "financing_lease", "hybrid")
INVESTORS = ("esco", "enterprise", "shared", "financier")
MV_METHODS = ("ipmvp_a", "ipmvp_b", "ipmvp_c", "ipmvp_d", "gbt_28750")
GUARANTEE_UNITS = ("tce_per_year", "mwh_per_year", "percent", "cny_per_year")  # percent: old offers only
OFFERED_GUARANTEE_UNITS = ("cny_per_year", "tce_per_year", "mwh_per_year")    # what the form offers
SHORTFALL_KINDS = ("full", "share", "capped")
LEASE_INSTALMENTS = (1, 2, 4, 12)

product_technology = Table(
    "product_technology", Base.metadata,
    Column("product_id", ForeignKey("product.id", ondelete="CASCADE"), primary_key=True),
    Column("technology_id", ForeignKey("technology.id", ondelete="CASCADE"), primary_key=True),
    # the primary key starts with the other id: offers/products of a technology need their own index
    Index("ix_product_technology_technology_id", "technology_id"),
)
offer_technology = Table(
    "offer_technology", Base.metadata,
    Column("offer_id", ForeignKey("emc_offer.id", ondelete="CASCADE"), primary_key=True),
    Column("technology_id", ForeignKey("technology.id", ondelete="CASCADE"), primary_key=True),
    # the primary key starts with the other id: offers/products of a technology need their own index
    Index("ix_offer_technology_technology_id", "technology_id"),
)
offer_product = Table(
    "offer_product", Base.metadata,
    Column("offer_id", ForeignKey("emc_offer.id", ondelete="CASCADE"), primary_key=True),
    Column("product_id", ForeignKey("product.id", ondelete="CASCADE"), primary_key=True),
)


def _status_check() -> CheckConstraint:
    return CheckConstraint("status IN ('draft', 'published', 'withdrawn')", name="status_known")


class Product(Base):
    """A supplier's product or solution. ``specs`` are ``{name, value, unit}``,
    ``certificates`` ``{name, number, issuer, valid_until}``, ``cases``
    ``{site, year, results, contact_ok}``; ``regions`` are district keys,
    ``chongqing`` (the whole city) or ``national``. Money is in CNY."""

    __tablename__ = "product"
    __table_args__ = (
        _status_check(),
        CheckConstraint("price_min_cny IS NULL OR price_max_cny IS NULL OR price_min_cny <= price_max_cny",
                        name="price_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                 index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    specs: Mapped[list[dict]] = mapped_column(JSON, default=list)
    stage_keys: Mapped[list[str]] = mapped_column(default=list)
    capacity_note: Mapped[str] = mapped_column(String(300), default="")
    price_min_cny: Mapped[float | None] = mapped_column(Float)
    price_max_cny: Mapped[float | None] = mapped_column(Float)
    regions: Mapped[list[str]] = mapped_column(default=list)
    certificates: Mapped[list[dict]] = mapped_column(JSON, default=list)
    cases: Mapped[list[dict]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    technologies: Mapped[list[Technology]] = relationship(secondary=product_technology,
                                                          order_by=Technology.code)
    revisions: Mapped[list[ProductRevision]] = relationship(
        back_populates="product", order_by="ProductRevision.version.desc()",
        cascade="all, delete-orphan")
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="product", order_by="Attachment.id", cascade="all, delete-orphan")

    def label(self, locale: str) -> str:
        return self.name_en if locale.startswith("en") and self.name_en else self.name_zh


class ProductRevision(Base):
    """The product as it was published (version 1) and after every later save:
    a snapshot of its fields and the names of the fields that changed."""

    __tablename__ = "product_revision"
    __table_args__ = (UniqueConstraint("product_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor_label: Mapped[str] = mapped_column(String(254), default="")
    changed: Mapped[list[str]] = mapped_column(default=list)
    snapshot: Mapped[dict] = mapped_column(default=dict)

    product: Mapped[Product] = relationship(back_populates="revisions")


class EmcOffer(Base):
    """A contract-energy-management offer. ``enterprise_shares`` holds the
    enterprise's share of the savings (percent) for each contract year;
    ``esco_investment_pct`` the part of the investment the ESCO bears and
    ``enterprise_investment_pct`` the enterprise's co-investment (together
    100, except in a lease where the enterprise's part is the down payment).

    The contract terms added in revision 0010 are None on offers saved before
    (the page says which are missing): the service fee, the structured
    shortfall rule (``shortfall_rule`` stays as a free-text note), the hosting
    baseline and discount, and the lease's rate, instalments and down
    payment. Money in CNY, rates and shares in percent."""

    __tablename__ = "emc_offer"
    __table_args__ = (
        _status_check(),
        CheckConstraint("model IN ('shared_savings', 'guaranteed_savings', 'energy_cost_hosting', "
                        "'financing_lease', 'hybrid')", name="model_known"),
        CheckConstraint("investor IN ('esco', 'enterprise', 'shared', 'financier')", name="investor_known"),
        CheckConstraint("term_years BETWEEN 1 AND 30", name="term_range"),
        CheckConstraint("esco_investment_pct BETWEEN 0 AND 100", name="investment_share_range"),
        CheckConstraint("min_project_cny >= 0", name="min_project_not_negative"),
        CheckConstraint("shortfall_kind IN ('full', 'share', 'capped')", name="shortfall_kind_known"),
        CheckConstraint("lease_instalments_per_year IN (1, 2, 4, 12)", name="instalments_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                 index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    title: Mapped[str] = mapped_column(String(200))
    model: Mapped[str] = mapped_column(String(24))
    investor: Mapped[str] = mapped_column(String(16))
    esco_investment_pct: Mapped[float] = mapped_column(Float, default=100.0)
    max_investment_cny: Mapped[float | None] = mapped_column(Float)
    enterprise_shares: Mapped[list[float]] = mapped_column(JSON, default=list)
    term_years: Mapped[int] = mapped_column(Integer)
    guaranteed_saving: Mapped[float | None] = mapped_column(Float)
    guarantee_unit: Mapped[str] = mapped_column(String(16), default="")
    shortfall_rule: Mapped[str] = mapped_column(Text, default="")       # a note beside shortfall_kind
    enterprise_investment_pct: Mapped[float | None] = mapped_column(Float)
    service_fee_cny: Mapped[float | None] = mapped_column(Float)         # a year
    shortfall_kind: Mapped[str | None] = mapped_column(String(8))
    shortfall_share_pct: Mapped[float | None] = mapped_column(Float)
    shortfall_cap_cny: Mapped[float | None] = mapped_column(Float)       # a year
    hosting_baseline_cny: Mapped[float | None] = mapped_column(Float)    # a year
    hosting_discount_pct: Mapped[float | None] = mapped_column(Float)
    lease_rate_pct: Mapped[float | None] = mapped_column(Float)          # a year
    lease_instalments_per_year: Mapped[int | None] = mapped_column(Integer)
    down_payment_pct: Mapped[float | None] = mapped_column(Float)
    baseline_method: Mapped[str] = mapped_column(Text, default="")
    mv_method: Mapped[str] = mapped_column(String(16))
    min_project_cny: Mapped[float] = mapped_column(Float, default=0.0)
    regions: Mapped[list[str]] = mapped_column(default=list)
    financing_partner: Mapped[str] = mapped_column(String(200), default="")
    subsidy_note: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    technologies: Mapped[list[Technology]] = relationship(secondary=offer_technology,
                                                          order_by=Technology.code)
    products: Mapped[list[Product]] = relationship(secondary=offer_product, order_by="Product.id")


class Attachment(Base):
    """An uploaded file, kept under the data folder (never the web root) by
    ``stored_name``; it belongs to a product or to a submission (evidence)."""

    __tablename__ = "attachment"
    __table_args__ = (
        CheckConstraint("(product_id IS NULL) <> (submission_id IS NULL)", name="one_owner"),
        CheckConstraint("content_type IN ('application/pdf', 'image/png', 'image/jpeg')",
                        name="type_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                 index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"),
                                                   index=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"),
                                                      index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    product: Mapped[Product | None] = relationship(back_populates="attachments")


__all__ = ["EMC_MODELS", "GUARANTEE_UNITS", "INVESTORS", "LEASE_INSTALMENTS", "LISTING_STATUSES",
           "MV_METHODS", "OFFERED_GUARANTEE_UNITS", "SHORTFALL_KINDS", "Attachment",
           "EmcOffer", "Product", "ProductRevision", "offer_product", "offer_technology",
           "product_technology"]
