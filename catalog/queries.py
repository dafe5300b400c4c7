"""Read-side queries for the public catalogue: filtered lists, facet counts,
sheets, sectors. Pure SQLAlchemy; callers pass a Session."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from . import listing, related, shapes
from . import models as m
from .errors import InvalidInput, NotFound

FACETS = {
    "sector": (m.Technology.sector_key, m.Sector),
    "stage": (m.Technology.stage_key, m.ProcessStage),
    "category": (m.Technology.category_key, m.Category),
    "maturity": (m.Technology.maturity_key, m.MaturityLevel),
}
SORTS = ("code", "relevance", "newest", "name", "trl", "payback", "capex")


@dataclass(frozen=True)
class CatalogueFilter:
    """What the visitor asked for. ``codes`` is the ordered result of a text
    search (None when there was no query)."""

    sector: str | None = None
    stage: str | None = None
    category: str | None = None
    maturity: str | None = None
    plan_named: bool = False
    max_payback: float | None = None        # years, at the entry's reference project
    max_capex: float | None = None          # CNY, of the entry's reference project
    sort: str = "code"
    page: int = 1
    per_page: int = 12
    codes: tuple[str, ...] | None = None

    def without(self, facet: str) -> CatalogueFilter:
        return replace(self, **{facet: False if facet == "plan_named" else None})


@dataclass
class Page:
    items: list[m.Technology]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


@dataclass
class FacetValue:
    key: str
    row: object
    count: int
    selected: bool


@dataclass
class Facets:
    groups: dict[str, list[FacetValue]] = field(default_factory=dict)
    plan_named: int = 0


def check_facet_keys(session: Session, values: dict[str, str | None]) -> None:
    """Unknown sector/stage/category/maturity keys are an error, not an empty page."""
    for name, value in values.items():
        if name in FACETS and value is not None and session.get(FACETS[name][1], value) is None:
            raise InvalidInput(name, value)


def validate(session: Session, flt: CatalogueFilter) -> None:
    """Reject unknown facet keys and sort orders instead of showing an empty page."""
    check_facet_keys(session, {name: getattr(flt, name) for name in FACETS})
    if flt.sort not in SORTS:
        raise InvalidInput("sort", flt.sort)
    if flt.page < 1:
        raise InvalidInput("page", flt.page, "must be 1 or more")


def list_technologies(session: Session, flt: CatalogueFilter) -> Page:
    """One page of the filtered catalogue; its cost is the page's, not the
    catalogue's (``catalog.listing``, ``catalog.shapes``)."""
    validate(session, flt)
    numbers = None if flt.codes is not None else shapes.numbers(session, flt)
    total = numbers.total if numbers is not None else session.scalar(
        shapes.filtered(select(func.count(m.Technology.id)), flt)) or 0
    items = listing.page_items(session, flt, numbers) if (flt.page - 1) * flt.per_page < total else []
    return Page(items, total, flt.page, flt.per_page)


def facet_counts(session: Session, flt: CatalogueFilter) -> Facets:
    """Counts per facet value, each computed with every other active filter
    applied, so a count says how many results choosing that value gives."""
    numbers = shapes.numbers(session, flt)
    facets = Facets(plan_named=numbers.plan_named)
    for name, (_column, model) in FACETS.items():
        counts, chosen = numbers.groups[name], getattr(flt, name)
        rows = session.scalars(select(model).order_by(model.position)).all()
        facets.groups[name] = [FacetValue(row.key, row, counts.get(row.key, 0), chosen == row.key)
                               for row in rows if counts.get(row.key, 0) or chosen == row.key]
    return facets


def get_technology(session: Session, code: str) -> m.Technology:
    # Retired entries stay readable (marked as retired) but are out of lists and search.
    stmt = (select(m.Technology).where(m.Technology.code == code,
                                       m.Technology.status.in_(("published", "retired")))
            .options(selectinload(m.Technology.figures)))
    tech = session.scalars(stmt).unique().one_or_none()
    if tech is None:
        raise NotFound("technology", code)
    return tech


def related_technologies(session: Session, tech: m.Technology, limit: int = 6) -> list[m.Technology]:
    """Entries sharing the process stage, benchmark products or category, most in common first."""
    return related.related_technologies(session, tech, limit)


def benchmarks_for(session: Session, families: Sequence[str]) -> list[m.BenchmarkProduct]:
    if not families:
        return []
    stmt = select(m.BenchmarkProduct).where(m.BenchmarkProduct.family.in_(families))
    return list(session.scalars(stmt.order_by(m.BenchmarkProduct.position)))


def all_benchmarks(session: Session) -> list[m.BenchmarkProduct]:
    return list(session.scalars(select(m.BenchmarkProduct).order_by(m.BenchmarkProduct.position)))


def sectors_with_counts(session: Session) -> list[tuple[m.Sector, int]]:
    counts = shapes.sector_counts(session)
    sectors = session.scalars(select(m.Sector).order_by(m.Sector.position)).all()
    return [(s, counts.get(s.key, 0)) for s in sectors]


def get_sector(session: Session, key: str) -> m.Sector:
    sector = session.get(m.Sector, key)
    if sector is None:
        raise NotFound("sector", key)
    return sector


def promoted_technologies(session: Session, limit: int = 6) -> list[m.Technology]:
    stmt = (select(m.Technology)
            .where(m.Technology.status == "published", m.Technology.promoted.is_(True))
            .order_by(m.Technology.code).limit(limit))
    return list(session.scalars(stmt).unique())


def evidence_levels(session: Session) -> list[m.EvidenceLevel]:
    return list(session.scalars(select(m.EvidenceLevel).order_by(m.EvidenceLevel.position)))


def current_edition(session: Session) -> m.Edition | None:
    stmt = (select(m.Edition).where(m.Edition.status == "published")
            .order_by(m.Edition.published_on.desc()).limit(1))
    return session.scalars(stmt).first()


def reference_flags(session: Session) -> dict[str, m.EvidenceLevel]:
    rows = session.execute(select(m.ReferenceFlag.flag, m.EvidenceLevel)
                           .join(m.EvidenceLevel)).all()
    return {flag: level for flag, level in rows}


def related_terms(session: Session, words: Sequence[str], limit: int = 8) -> list[m.GlossaryTerm]:
    """Glossary terms that share a word with the query, for the empty-result page."""
    words = [w for w in words if len(w) >= 2]
    if not words:
        return []
    scored = []
    for term in session.scalars(select(m.GlossaryTerm)):
        haystack = " ".join([term.zh, term.en.lower(), *term.synonyms_zh,
                             *(s.lower() for s in term.synonyms_en)])
        hits = sum(1 for w in words if w.lower() in haystack)
        if hits and term.zh not in words and term.en.lower() not in (w.lower() for w in words):
            scored.append((-hits, len(term.zh), term.zh, term))
    return [t for *_k, t in sorted(scored, key=lambda x: x[:3])[:limit]]


def facet_rows(session: Session) -> dict[str, dict[str, object]]:
    """Label rows for search facets: field -> key -> row."""
    return {name: {row.key: row for row in session.scalars(select(model).order_by(model.position))}
            for name, (_col, model) in FACETS.items()}


def technology_names(session: Session, codes: list[str], lang: str) -> dict[str, str]:
    rows = session.execute(select(m.Technology.code, m.Technology.name_zh, m.Technology.name_en)
                           .where(m.Technology.code.in_(codes)))
    return {code: (en or zh) if lang == "en" else zh for code, zh, en in rows}


def categories_for(session: Session, codes: list[str]) -> list[m.Category]:
    """The categories of ``codes`` (all categories in catalogue order when none)."""
    stmt = select(m.Category).order_by(m.Category.position)
    if codes:
        stmt = stmt.where(m.Category.key.in_(select(m.Technology.category_key)
                                             .where(m.Technology.code.in_(codes))))
    return list(session.scalars(stmt))[:4]
