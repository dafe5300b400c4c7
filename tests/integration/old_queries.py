"""The public page queries as they were before issue 15 (whole catalogue read,
sorted or scored in Python): the reference the bounded ones must equal."""
from __future__ import annotations

from sqlalchemy import Select, select

from catalog import models as m
from catalog.queries import CatalogueFilter

T = m.Technology


def old_related(session, tech: m.Technology, limit: int = 6) -> list[str]:
    """The algorithm before issue 15: score every published entry in Python."""
    others = session.scalars(select(T).where(T.status == "published", T.id != tech.id)).unique()

    def affinity(other: m.Technology) -> int:
        return (3 * (other.stage_key == tech.stage_key)
                + 2 * len(set(other.applicable_to) & set(tech.applicable_to))
                + (other.category_key == tech.category_key)
                + (other.sector_key == tech.sector_key))

    scored = sorted(((affinity(o), o.code) for o in others), key=lambda x: (-x[0], x[1]))
    return [code for score, code in scored if score >= 2][:limit]


def old_filtered(stmt: Select, flt: CatalogueFilter) -> Select:
    stmt = stmt.where(T.status == "published")
    for name in ("sector", "stage", "category", "maturity"):
        if getattr(flt, name) is not None:
            stmt = stmt.where(getattr(T, f"{name}_key") == getattr(flt, name))
    if flt.plan_named:
        stmt = stmt.where(T.plan_named.is_(True))
    if flt.max_payback is not None:
        stmt = stmt.where(T.ref_payback_years <= flt.max_payback)
    if flt.max_capex is not None:
        stmt = stmt.where(T.ref_capex_cny <= flt.max_capex)
    if flt.codes is not None:
        stmt = stmt.where(T.code.in_(flt.codes))
    return stmt


def old_order(sort: str) -> tuple:
    if sort == "newest":
        return (T.published_at.desc(), T.code)
    if sort == "name":
        return (T.name_zh, T.code)
    if sort == "trl":
        return (T.trl.desc(), T.code)
    if sort in ("payback", "capex"):
        column = T.ref_payback_years if sort == "payback" else T.ref_capex_cny
        return (column.is_(None), column, T.code)
    position = select(m.Sector.position).where(m.Sector.key == T.sector_key).scalar_subquery()
    return (position, T.code)


def old_listing(session, flt: CatalogueFilter) -> list[str]:
    """Every entry of the filtered list in the old order, to be sliced into pages."""
    codes = [t.code for t in session.scalars(old_filtered(select(T), flt)
                                              .order_by(*old_order(flt.sort))).unique()]
    if flt.sort == "relevance" and flt.codes is not None:
        rank = {code: i for i, code in enumerate(flt.codes)}
        codes.sort(key=lambda code: rank[code])
    return codes
