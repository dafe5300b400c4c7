"""The published catalogue's shapes, and the counts the public pages show.

A *shape* is a distinct (sector, stage, category, maturity, plan_named) of
published entries, with how many entries have it. There are as many shapes as
the taxonomy combines, not one per entry, and one grouped walk of the covering
index ``ix_technology_status_facets`` per catalogue generation (cached per
process, see ``catalog.counts``) answers the sector counts, the facet counts
and the totals of every filter made of facet values.
Filters with a payback or investment limit are counted in SQL (cached per
generation as well); filters with text-search codes are counted in SQL, bounded
by the number of codes, and not cached.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from . import counts
from . import models as m

if TYPE_CHECKING:
    from .queries import CatalogueFilter

T = m.Technology
FACET_COLUMNS = {"sector": T.sector_key, "stage": T.stage_key, "category": T.category_key,
                 "maturity": T.maturity_key}
SHAPE_COLUMNS = (T.sector_key, T.stage_key, T.category_key, T.maturity_key, T.plan_named)


@dataclass(frozen=True)
class Shape:
    """Published entries sharing every facet value."""

    sector: str
    stage: str
    category: str
    maturity: str
    plan_named: bool
    count: int

    def value(self, facet: str) -> str:
        return getattr(self, facet)


@dataclass(frozen=True)
class Numbers:
    """What a filtered list shows besides its items: per facet value the number
    of results choosing it would give, the plan-named count and the total."""

    groups: Mapping[str, Mapping[str, int]]
    plan_named: int
    total: int


def shapes(session: Session) -> tuple[Shape, ...]:
    return counts.cached(session, "shapes", lambda: _load_shapes(session))


def _load_shapes(session: Session) -> tuple[Shape, ...]:
    rows = session.execute(select(*SHAPE_COLUMNS, func.count()).where(T.status == "published")
                           .group_by(*SHAPE_COLUMNS)).all()
    return tuple(Shape(sector, stage, category, maturity, bool(plan), n)
                 for sector, stage, category, maturity, plan, n in rows)


def sector_counts(session: Session) -> dict[str, int]:
    totals: Counter[str] = Counter()
    for shape in shapes(session):
        totals[shape.sector] += shape.count
    return dict(totals)


def numbers(session: Session, flt: CatalogueFilter) -> Numbers:
    if flt.codes is not None:
        return _counted(session, flt)
    if flt.max_payback is None and flt.max_capex is None:
        return _from_shapes(shapes(session), flt)
    key = ("numbers", flt.sector, flt.stage, flt.category, flt.maturity, flt.plan_named,
           flt.max_payback, flt.max_capex)
    return counts.cached(session, key, lambda: _counted(session, flt))


def _matches(shape: Shape, flt: CatalogueFilter) -> bool:
    return (all(getattr(flt, name) in (None, shape.value(name)) for name in FACET_COLUMNS)
            and (shape.plan_named or not flt.plan_named))


def _from_shapes(rows: tuple[Shape, ...], flt: CatalogueFilter) -> Numbers:
    groups: dict[str, Counter[str]] = {}
    for name in FACET_COLUMNS:
        others = flt.without(name)
        groups[name] = Counter()
        for shape in rows:
            if _matches(shape, others):
                groups[name][shape.value(name)] += shape.count
    plan = replace(flt, plan_named=True)
    return Numbers({k: dict(v) for k, v in groups.items()},
                   sum(s.count for s in rows if _matches(s, plan)),
                   sum(s.count for s in rows if _matches(s, flt)))


def filtered(stmt: Select, flt: CatalogueFilter) -> Select:
    """``stmt`` restricted to the published entries ``flt`` selects."""
    stmt = stmt.where(T.status == "published")
    for name, column in FACET_COLUMNS.items():
        value = getattr(flt, name)
        if value is not None:
            stmt = stmt.where(column == value)
    if flt.plan_named:
        stmt = stmt.where(T.plan_named.is_(True))
    if flt.max_payback is not None:
        stmt = stmt.where(T.ref_payback_years <= flt.max_payback)
    if flt.max_capex is not None:
        stmt = stmt.where(T.ref_capex_cny <= flt.max_capex)
    if flt.codes is not None:
        stmt = stmt.where(T.code.in_(flt.codes))
    return stmt


def _counted(session: Session, flt: CatalogueFilter) -> Numbers:
    groups = {}
    for name, column in FACET_COLUMNS.items():
        stmt = filtered(select(column, func.count(T.id)), flt.without(name)).group_by(column)
        groups[name] = dict(session.execute(stmt).tuples().all())
    plan = session.scalar(filtered(select(func.count(T.id)), replace(flt, plan_named=True))) or 0
    total = session.scalar(filtered(select(func.count(T.id)), flt)) or 0
    return Numbers(groups, plan, total)
