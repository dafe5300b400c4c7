"""Read-side queries for the public catalogue: filtered lists, facet counts,
sheets, sectors. Pure SQLAlchemy; callers pass a Session."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

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


def _filtered(stmt: Select, flt: CatalogueFilter) -> Select:
    stmt = stmt.where(m.Technology.status == "published")
    for name, (column, _model) in FACETS.items():
        value = getattr(flt, name)
        if value is not None:
            stmt = stmt.where(column == value)
    if flt.plan_named:
        stmt = stmt.where(m.Technology.plan_named.is_(True))
    if flt.max_payback is not None:
        stmt = stmt.where(m.Technology.ref_payback_years <= flt.max_payback)
    if flt.max_capex is not None:
        stmt = stmt.where(m.Technology.ref_capex_cny <= flt.max_capex)
    if flt.codes is not None:
        stmt = stmt.where(m.Technology.code.in_(flt.codes))
    return stmt


def list_technologies(session: Session, flt: CatalogueFilter) -> Page:
    validate(session, flt)
    total = session.scalar(_filtered(select(func.count(m.Technology.id)), flt)) or 0
    stmt = _filtered(select(m.Technology), flt)
    if flt.sort == "relevance" and flt.codes is not None:
        items = _by_relevance(session, stmt, flt)
    else:
        stmt = stmt.order_by(*_order(flt.sort))
        stmt = stmt.offset((flt.page - 1) * flt.per_page).limit(flt.per_page)
        items = list(session.scalars(stmt).unique())
    return Page(items, total, flt.page, flt.per_page)


def _by_relevance(session: Session, stmt: Select, flt: CatalogueFilter) -> list[m.Technology]:
    rank = {code: i for i, code in enumerate(flt.codes or ())}
    rows = sorted(session.scalars(stmt).unique(), key=lambda t: rank.get(t.code, len(rank)))
    start = (flt.page - 1) * flt.per_page
    return rows[start:start + flt.per_page]


def _order(sort: str) -> Sequence:
    if sort == "newest":
        return (m.Technology.published_at.desc(), m.Technology.code)
    if sort == "name":
        return (m.Technology.name_zh, m.Technology.code)
    if sort == "trl":
        return (m.Technology.trl.desc(), m.Technology.code)
    if sort in ("payback", "capex"):  # entries without the figure last
        column = m.Technology.ref_payback_years if sort == "payback" else m.Technology.ref_capex_cny
        return (column.is_(None), column, m.Technology.code)
    # Codes sort alphabetically by prefix (CE < CM < GL …); follow the taxonomy's sector order.
    sector_position = (select(m.Sector.position).where(m.Sector.key == m.Technology.sector_key)
                       .scalar_subquery())
    return (sector_position, m.Technology.code)


def facet_counts(session: Session, flt: CatalogueFilter) -> Facets:
    """Counts per facet value, each computed with every other active filter
    applied, so a count says how many results choosing that value gives."""
    facets = Facets()
    for name, (column, model) in FACETS.items():
        stmt = _filtered(select(column, func.count(m.Technology.id)), flt.without(name))
        counts = dict(session.execute(stmt.group_by(column)).all())
        rows = session.scalars(select(model).order_by(model.position)).all()
        facets.groups[name] = [
            FacetValue(row.key, row, counts.get(row.key, 0), getattr(flt, name) == row.key)
            for row in rows if counts.get(row.key, 0) or getattr(flt, name) == row.key
        ]
    plan_stmt = _filtered(select(func.count(m.Technology.id)), replace(flt, plan_named=True))
    facets.plan_named = session.scalar(plan_stmt) or 0
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
    others = session.scalars(
        select(m.Technology).where(m.Technology.status == "published", m.Technology.id != tech.id)
    ).unique()

    def affinity(other: m.Technology) -> int:
        return (3 * (other.stage_key == tech.stage_key)
                + 2 * len(set(other.applicable_to) & set(tech.applicable_to))
                + (other.category_key == tech.category_key)
                + (other.sector_key == tech.sector_key))

    scored = sorted(((affinity(o), o.code, o) for o in others), key=lambda x: (-x[0], x[1]))
    return [o for score, _code, o in scored if score >= 2][:limit]


def benchmarks_for(session: Session, families: Sequence[str]) -> list[m.BenchmarkProduct]:
    if not families:
        return []
    stmt = select(m.BenchmarkProduct).where(m.BenchmarkProduct.family.in_(families))
    return list(session.scalars(stmt.order_by(m.BenchmarkProduct.position)))


def all_benchmarks(session: Session) -> list[m.BenchmarkProduct]:
    return list(session.scalars(select(m.BenchmarkProduct).order_by(m.BenchmarkProduct.position)))


def sectors_with_counts(session: Session) -> list[tuple[m.Sector, int]]:
    counts = dict(session.execute(
        select(m.Technology.sector_key, func.count(m.Technology.id))
        .where(m.Technology.status == "published").group_by(m.Technology.sector_key)).all())
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
