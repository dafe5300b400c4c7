"""Reference data shipped in ``data/``: taxonomy, benchmarks, factors, districts,
glossary. Loaded and updated by ``catalog.seed``; every figure keeps its source
and reliability flag."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Bilingual


class ReferenceSource(Base):
    """A document a reader can look up (``data/sources``): every figure,
    level, factor and effect value cites one by ``key``."""

    __tablename__ = "reference_source"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    publisher_zh: Mapped[str] = mapped_column(String(300), default="")
    publisher_en: Mapped[str] = mapped_column(String(300), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[str | None] = mapped_column(String(10))      # YYYY, YYYY-MM or YYYY-MM-DD
    url: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32), default="")

    def publisher(self, locale: str) -> str:
        if locale.startswith("en"):
            return self.publisher_en or self.publisher_zh
        return self.publisher_zh or self.publisher_en


class Sector(Bilingual, Base):
    __tablename__ = "sector"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    code_prefix: Mapped[str] = mapped_column(String(4), unique=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(128))
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class ProcessStage(Bilingual, Base):
    __tablename__ = "process_stage"
    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    sector_key: Mapped[str] = mapped_column(ForeignKey("sector.key"))
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(128))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Category(Bilingual, Base):
    __tablename__ = "category"
    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(128))
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class MaturityLevel(Bilingual, Base):
    __tablename__ = "maturity_level"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(128))
    trl_range: Mapped[str] = mapped_column(String(16), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class EvidenceLevel(Bilingual, Base):
    """How far a figure can be trusted, from verified-after-implementation down
    to unverified recollection; ``trusted`` is false for levels the UI must
    flag as unverified."""

    __tablename__ = "evidence_level"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(128))
    badge: Mapped[str] = mapped_column(String(16), default="secondary")
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class ReferenceFlag(Base):
    """A reliability flag as written in the research notes (``V-sec``,
    ``MEM-unverified`` …) and the evidence level it maps to."""

    __tablename__ = "reference_flag"
    flag: Mapped[str] = mapped_column(String(48), primary_key=True)
    evidence_key: Mapped[str] = mapped_column(ForeignKey("evidence_level.key"))


class BenchmarkProduct(Bilingual, Base):
    """One row of the national 标杆/基准 table (a product, or a size class of one).
    ``family`` is the key technologies refer to in ``applicable_to``."""

    __tablename__ = "benchmark_product"
    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    family: Mapped[str] = mapped_column(String(48), index=True)
    sector_key: Mapped[str] = mapped_column(ForeignKey("sector.key"))
    row: Mapped[str] = mapped_column(String(8), default="")
    name_zh: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(160))
    indicator_zh: Mapped[str] = mapped_column(String(128), default="")
    indicator_en: Mapped[str] = mapped_column(String(160), default="")
    unit: Mapped[str] = mapped_column(String(32))
    output_unit_zh: Mapped[str] = mapped_column(String(32), default="")
    output_unit_en: Mapped[str] = mapped_column(String(32), default="")
    benchmark: Mapped[float | None] = mapped_column(Float)
    baseline: Mapped[float | None] = mapped_column(Float)
    flag: Mapped[str] = mapped_column(String(48), default="")
    benchmark_flag: Mapped[str] = mapped_column(String(48), default="")
    baseline_flag: Mapped[str] = mapped_column(String(48), default="")
    annex_source: Mapped[str | None] = mapped_column(String(64))   # a source key
    standard: Mapped[str] = mapped_column(String(64), default="")
    standard_source: Mapped[str | None] = mapped_column(String(64))
    standard_in_force: Mapped[date | None] = mapped_column(Date)
    default_main_fuel: Mapped[str] = mapped_column(String(16), default="coal")
    standard_l1: Mapped[float | None] = mapped_column(Float)
    standard_l2: Mapped[float | None] = mapped_column(Float)
    standard_l3: Mapped[float | None] = mapped_column(Float)
    deadline: Mapped[date | None] = mapped_column(Date)
    in_annex: Mapped[bool] = mapped_column(Boolean, default=True)
    lower_is_better: Mapped[bool] = mapped_column(Boolean, default=True)
    notes_zh: Mapped[str] = mapped_column(Text, default="")
    notes_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class GridFactor(Base):
    __tablename__ = "grid_factor"
    __table_args__ = (UniqueConstraint("region", "year", "basis"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(48))
    region_zh: Mapped[str] = mapped_column(String(64))
    region_en: Mapped[str] = mapped_column(String(128))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    basis: Mapped[str] = mapped_column(String(48))
    announcement: Mapped[str] = mapped_column(String(160), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    flag: Mapped[str] = mapped_column(String(48), default="")
    default_for_chongqing: Mapped[bool] = mapped_column(Boolean, default=False)


class ConversionFactor(Bilingual, Base):
    __tablename__ = "conversion_factor"
    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(160))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(Text, default="")      # a source key
    flag: Mapped[str] = mapped_column(String(48), default="")
    basis_zh: Mapped[str] = mapped_column(Text, default="")
    basis_en: Mapped[str] = mapped_column(Text, default="")


class Fuel(Bilingual, Base):
    __tablename__ = "fuel"
    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(128))
    unit: Mapped[str] = mapped_column(String(16))
    ncv_kj: Mapped[float | None] = mapped_column(Float)
    kgce_per_unit: Mapped[float | None] = mapped_column(Float)
    carbon_tc_per_tj: Mapped[float | None] = mapped_column(Float)
    oxidation: Mapped[float | None] = mapped_column(Float)
    co2_kg_per_unit: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text, default="")       # a source key (kgce per unit)
    co2_source: Mapped[str] = mapped_column(Text, default="")   # a source key (NCV, carbon, oxidation)
    flag: Mapped[str] = mapped_column(String(48), default="")
    basis_zh: Mapped[str] = mapped_column(Text, default="")
    basis_en: Mapped[str] = mapped_column(Text, default="")


class Region(Bilingual, Base):
    """A group of districts ("一区两群"): what an anonymous need shows instead of its district."""

    __tablename__ = "region"
    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(128))
    position: Mapped[int] = mapped_column(Integer, default=0)


class District(Bilingual, Base):
    __tablename__ = "district"
    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(24))
    parent_key: Mapped[str | None] = mapped_column(String(48))
    region_key: Mapped[str | None] = mapped_column(ForeignKey("region.key"))
    position: Mapped[int] = mapped_column(Integer, default=0)


class GlossaryTerm(Base):
    __tablename__ = "glossary_term"
    __table_args__ = (UniqueConstraint("zh", "en"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    zh: Mapped[str] = mapped_column(String(128))
    en: Mapped[str] = mapped_column(String(200))
    domain: Mapped[str] = mapped_column(String(24), default="general")
    synonyms_zh: Mapped[list[str]] = mapped_column(default=list)
    synonyms_en: Mapped[list[str]] = mapped_column(default=list)
    abbreviations: Mapped[list[str]] = mapped_column(default=list)
