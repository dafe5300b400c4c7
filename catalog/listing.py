"""One page of the filtered catalogue, read through an index in the page's order.

Each order has an index that starts with ``status`` and ends with ``code`` (see
migration 0012), so the database walks the index in order and stops after the
page instead of sorting every published entry. Deep pages skip index entries
only: the ids of the page are read first, then its rows (with their joined
labels) by id. Two orders are not one index walk:

- the default order follows the taxonomy's sector order, then code: the per-sector
  counts (``catalog.shapes``) say which sector the page starts in, and each sector
  is one walk of (status, sector_key, code);
- payback and investment put entries without the figure last: the entries with it
  are read first, the ones without only past them.

With text-search codes the candidates are bounded by the codes, and the old
single query (or the search's own order for "relevance") is kept.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from . import models as m
from .shapes import Numbers, filtered

if TYPE_CHECKING:
    from .queries import CatalogueFilter

T = m.Technology
ORDERS = {
    "newest": (T.published_at.desc(), T.code),
    "name": (T.name_zh, T.code),
    "trl": (T.trl.desc(), T.code),
}
LAST_WHEN_MISSING = {"payback": T.ref_payback_years, "capex": T.ref_capex_cny}


def page_items(session: Session, flt: CatalogueFilter, numbers: Numbers | None) -> list[m.Technology]:
    """The entries of ``flt.page``; ``numbers`` (facet counts of ``flt``) are
    needed for the default order without text-search codes."""
    offset, limit = (flt.page - 1) * flt.per_page, flt.per_page
    if flt.codes is not None:
        ids = _by_codes(session, flt, offset, limit)
    elif flt.sort in ORDERS:
        ids = _ids(session, filtered(select(T.id), flt).order_by(*ORDERS[flt.sort]), offset, limit)
    elif flt.sort in LAST_WHEN_MISSING:
        ids = _missing_last(session, flt, LAST_WHEN_MISSING[flt.sort], offset, limit)
    else:
        assert numbers is not None
        ids = _by_sector(session, flt, numbers, offset, limit)
    return load(session, ids)


def load(session: Session, ids: Sequence[int]) -> list[m.Technology]:
    """Rows for ``ids``, in that order."""
    if not ids:
        return []
    rows = {t.id: t for t in session.scalars(select(T).where(T.id.in_(ids))).unique()}
    return [rows[i] for i in ids if i in rows]


def _ids(session: Session, stmt: Select, offset: int, limit: int) -> list[int]:
    return list(session.scalars(stmt.offset(offset).limit(limit)))


def _sector_order(session: Session) -> list[str]:
    return list(session.scalars(select(m.Sector.key).order_by(m.Sector.position, m.Sector.key)))


def _by_sector(session: Session, flt: CatalogueFilter, numbers: Numbers,
               offset: int, limit: int) -> list[int]:
    sizes = numbers.groups["sector"]  # counts with every filter but the sector applied
    ids: list[int] = []
    for key in _sector_order(session):
        if flt.sector not in (None, key):
            continue
        size = sizes.get(key, 0)
        if offset >= size:
            offset -= size
            continue
        stmt = filtered(select(T.id), replace(flt, sector=key)).order_by(T.code)
        ids += _ids(session, stmt, offset, limit - len(ids))
        offset = 0
        if len(ids) >= limit:
            break
    return ids


def _missing_last(session: Session, flt: CatalogueFilter, column, offset: int, limit: int) -> list[int]:
    known = filtered(select(T.id), flt).where(column.is_not(None))
    ids = _ids(session, known.order_by(column, T.code), offset, limit)
    if len(ids) == limit:
        return ids
    # Past the entries with the figure: how many there are, to place the offset.
    with_figure = offset + len(ids) if ids else session.scalar(
        filtered(select(func.count(T.id)), flt).where(column.is_not(None))) or 0
    # Ordered by the (null) figure too: PostgreSQL then walks the same index in order.
    missing = filtered(select(T.id), flt).where(column.is_(None)).order_by(column, T.code)
    return ids + _ids(session, missing, max(0, offset - with_figure), limit - len(ids))


def _by_codes(session: Session, flt: CatalogueFilter, offset: int, limit: int) -> list[int]:
    if flt.sort == "relevance":
        rank = {code: i for i, code in enumerate(flt.codes or ())}
        rows = session.execute(filtered(select(T.code, T.id), flt)).all()
        rows.sort(key=lambda row: rank.get(row[0], len(rank)))
        return [ident for _code, ident in rows[offset:offset + limit]]
    order = ORDERS.get(flt.sort)
    if order is None and flt.sort in LAST_WHEN_MISSING:
        column = LAST_WHEN_MISSING[flt.sort]
        order = (column.is_(None), column, T.code)
    if order is None:
        position = select(m.Sector.position).where(m.Sector.key == T.sector_key).scalar_subquery()
        order = (position, T.code)
    return _ids(session, filtered(select(T.id), flt).order_by(*order), offset, limit)
