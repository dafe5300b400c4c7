"""A supplier's stock for scoring leads: the published technologies of its
published listings (``listed``: light rows, also used to find which
suppliers a need is plausible for), each as a scoring candidate carrying the
supplier's own offers (``stocks``), and the pool of those a need's match
page would consider (``in_pool``)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.enterprise.matches import candidate
from catalog.enterprise.offers import OfferView, view
from catalog.supply.contract import terms
from matching.scoring import Candidate, Need

_LINKS = ((m.Product, m.product_technology, "product_id"), (m.EmcOffer, m.offer_technology, "offer_id"))


@dataclass
class Stock:
    """The technologies of a supplier's published listings by id, its own
    published offers for each, and each technology as a scoring candidate
    (carrying those offers)."""

    technologies: dict[int, m.Technology] = field(default_factory=dict)
    offers: dict[int, list[OfferView]] = field(default_factory=dict)
    candidates: dict[str, Candidate] = field(default_factory=dict)
    by_code: dict[str, m.Technology] = field(default_factory=dict)
    by_stage: dict[str, set[str]] = field(default_factory=dict)     # codes a need's stage puts in the pool
    by_product: dict[str, set[str]] = field(default_factory=dict)   # codes its line's product does

    def pool(self, want: Need, texts: dict[str, float]) -> list[Candidate]:
        """The candidates the need's match page would consider (``in_pool``),
        with their text relevance, in code order like the whole stock."""
        codes = {code for code in texts if code in self.candidates}
        codes |= self.by_stage.get(want.stage, set()) | self.by_product.get(want.product, set())
        pool = [replace(self.candidates[code], text_score=texts[code]) if code in texts
                else self.candidates[code] for code in sorted(codes)]
        return [c for c in pool if in_pool(want, c)]


def in_pool(want: Need, c: Candidate) -> bool:
    """Whether the need's match page would consider the technology (as
    ``catalog.enterprise.matches`` picks candidates)."""
    return c.text_score > 0 or (want.stage is not None and c.stage == want.stage) \
        or (want.product is not None and want.product in c.applicable_to)


@dataclass(frozen=True)
class Listed:
    """A published technology of a supplier's published product (``offer``
    None) or EMC offer."""

    org: int
    tech: int
    code: str
    stage: str
    sector: str
    applicable: tuple[str, ...]
    offer: int | None


def listed(session: Session, owner: int | None = None, suppliers: list[int] | None = None) -> list[Listed]:
    """Every published technology in a supplier's published listings, with
    the supplier: all suppliers but the need's ``owner``, or ``suppliers``."""
    out = []
    for model, link, key in _LINKS:
        is_offer = model is m.EmcOffer
        stmt = (select(model.organisation_id, m.Technology.id, m.Technology.code, m.Technology.stage_key,
                       m.Technology.sector_key, m.Technology.applicable_to, model.id)
                .join(link, link.c[key] == model.id)
                .join(m.Technology, m.Technology.id == link.c.technology_id)
                .where(model.status == "published", m.Technology.status == "published"))
        if suppliers is not None:
            stmt = stmt.where(model.organisation_id.in_(suppliers))
        else:
            stmt = stmt.join(m.Organisation, m.Organisation.id == model.organisation_id).where(
                m.Organisation.kind == "supplier", model.organisation_id != owner)
        out += [Listed(org, tech, code, stage, sector, tuple(applicable or ()), listing if is_offer else None)
                for org, tech, code, stage, sector, applicable, listing in session.execute(stmt)]
    return out


def stocks(session: Session, rows: list[Listed]) -> dict[int, Stock]:
    """The stocks of the suppliers in ``rows`` (``_listed``), each holding the
    technologies its rows name, with its own offers among them."""
    pairs: dict[int, set[int]] = {}
    for row in rows:
        pairs.setdefault(row.org, set()).add(row.tech)
    techs = {t.id: t for part in _chunks({row.tech for row in rows}) for t in session.scalars(
        select(m.Technology).where(m.Technology.id.in_(part))).unique()}
    offers = {o.id: o for part in _chunks({row.offer for row in rows if row.offer}) for o in session.scalars(
        select(m.EmcOffer).where(m.EmcOffer.id.in_(part))).unique()}
    own: dict[tuple[int, int], list[m.EmcOffer]] = {}
    for row in sorted(rows, key=lambda r: r.offer or 0):
        if row.offer:
            own.setdefault((row.org, row.tech), []).append(offers[row.offer])
    out = {org_id: Stock() for org_id in sorted(pairs)}
    for org_id, have in out.items():
        have.technologies = {tid: techs[tid] for tid in sorted(pairs[org_id])}
        have.offers = {tid: [view(terms(o)) for o in own.get((org_id, tid), [])] for tid in have.technologies}
        have.candidates = dict(sorted((t.code, candidate(t, 0.0, [o.info for o in have.offers[t.id]]))
                                      for t in have.technologies.values()))
        have.by_code = {t.code: t for t in have.technologies.values()}
        for code, c in have.candidates.items():
            have.by_stage.setdefault(c.stage, set()).add(code)
            for product in c.applicable_to:
                have.by_product.setdefault(product, set()).add(code)
    return out


def _chunks(ids: Iterable[int], size: int = 2000) -> Iterable[list[int]]:
    """Sorted ids in parts small enough for any database's parameter limit."""
    ordered = sorted(ids)
    return (ordered[start:start + size] for start in range(0, len(ordered), size))


def stock(session: Session, org_id: int) -> Stock:
    return stocks(session, listed(session, suppliers=[org_id])).get(org_id, Stock())
