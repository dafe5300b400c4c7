"""Leads for a supplier (issue 7): other organisations' open public and
anonymous needs that fit the technologies of the supplier's published
products and EMC offers, ranked by the best score over the supplier's
technologies. ``lead_scoring`` computes them, ``lead_store`` keeps them
(issue 15: the alert scan, and a need's own save); this module reads the
stored rows for the leads page and the API, ranked in SQL and paged.

What may have changed since a row was scored is checked when reading: the
need must still be open and visible, its enterprise verified, the
technology still in one of the supplier's published listings, the offers
still published. What the page shows of the need is read live, and an
anonymous need is shown without its enterprise, production line or
description, its place and figures coarsened by ``anonymity.shown``: only
sector- and region-level facts and banded figures (``LeadNeed``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select, union
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.enterprise.offers import OfferView, offers_for
from catalog.errors import NotFound, RuleError
from catalog.models.accounts import organisation_sector

from . import anonymity
from .lead_scoring import visible

MARKS = ("followed", "dismissed")


@dataclass(frozen=True)
class LeadNeed:
    """What a supplier may see of a need. For an anonymous need ``enterprise``,
    ``facility`` and ``description`` are None / empty, ``place`` is a region
    and the figures are bands (``anonymity``)."""

    id: int
    title: str
    anonymous: bool
    enterprise: str | None
    facility: str | None
    description: str
    sector_key: str | None
    stage_key: str | None
    problem_type: str
    product_key: str | None
    financing: str
    place_key: str | None          # a district, or for an anonymous need its region
    place_zh: str | None
    place_en: str | None
    figures: anonymity.Shown
    status: str
    created_at: datetime


@dataclass
class Lead:
    need: LeadNeed
    technology: m.Technology          # the supplier's best-fitting technology for the need
    score: float                      # 0–1, the matching engine's
    reasons_zh: tuple[str, ...]
    reasons_en: tuple[str, ...]
    products: list[m.Product] = field(default_factory=list)   # the supplier's, for the technology
    offers: list[OfferView] = field(default_factory=list)     # the supplier's, fitting the need
    mark: str | None = None           # followed | dismissed
    interest_id: int | None = None    # the supplier's latest expression of interest in the need


def _listed_technologies(org_id: int):
    """The published technologies of the supplier's published listings."""
    parts = [select(link.c.technology_id).join(model, model.id == link.c[key])
             .join(m.Technology, m.Technology.id == link.c.technology_id)
             .where(model.organisation_id == org_id, model.status == "published",
                    m.Technology.status == "published")
             for model, link, key in ((m.Product, m.product_technology, "product_id"),
                                      (m.EmcOffer, m.offer_technology, "offer_id"))]
    return union(*parts)


def _ranked(org_id: int, include_dismissed: bool):
    """The supplier's stored leads that still hold: followed first, then by
    score (best first), newest need first among equals."""
    lead, mark = m.StoredLead, m.LeadMark
    stmt = (select(lead, mark.mark)
            .join(m.Need, m.Need.id == lead.need_id)
            .join(m.Organisation, m.Organisation.id == m.Need.organisation_id)
            .outerjoin(mark, and_(mark.organisation_id == org_id, mark.need_id == lead.need_id))
            .where(lead.organisation_id == org_id, visible(org_id),
                   lead.technology_id.in_(_listed_technologies(org_id))))
    if not include_dismissed:
        stmt = stmt.where(or_(mark.mark.is_(None), mark.mark != "dismissed"))
    return stmt.order_by(case((mark.mark == "followed", 0), else_=1), lead.score.desc(), lead.need_id.desc())


def leads_page(session: Session, supplier_org_id: int, include_dismissed: bool = False,
               page: int = 1, per_page: int = 20) -> tuple[list[Lead], int]:
    """One page of the supplier's leads and how many there are in all."""
    stmt = _ranked(supplier_org_id, include_dismissed)
    rows = session.execute(stmt.add_columns(func.count().over().label("total"))
                           .limit(per_page).offset(max(0, page - 1) * per_page)).all()
    if rows:
        total = rows[0].total
    else:  # past the last page (or none): count apart
        total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    return _leads(session, supplier_org_id, rows), total


def leads_for(session: Session, supplier_org_id: int, include_dismissed: bool = False) -> list[Lead]:
    """All the supplier's leads, ranked (the API)."""
    rows = session.execute(_ranked(supplier_org_id, include_dismissed)).all()
    return _leads(session, supplier_org_id, rows)


def ranked_needs(session: Session, supplier_org_id: int) -> list[int]:
    """The ids of the supplier's leads in page order, dismissed ones left out
    (what the alert scan compares with what it has announced)."""
    return [row.StoredLead.need_id for row in session.execute(_ranked(supplier_org_id, False))]


def _leads(session: Session, org_id: int, rows: list) -> list[Lead]:
    """The rows as leads: each need as the supplier may see it, the supplier's
    products for the technology and those of the stored offers still published."""
    if not rows:
        return []
    needs = {n.id: n for n in session.scalars(select(m.Need).where(
        m.Need.id.in_([row.StoredLead.need_id for row in rows]))).unique()}
    tech_ids = sorted({row.StoredLead.technology_id for row in rows})
    techs = {t.id: t for t in session.scalars(select(m.Technology).where(m.Technology.id.in_(tech_ids)))
             .unique()}
    products = _products(session, org_id, tech_ids)
    offers = {view.id: view for views in offers_for(session, tech_ids).values() for view in views
              if view.terms.supplier_id == org_id}
    shown = _shown(session, list(needs.values()))
    interests = _interests(session, org_id)
    out = []
    for row in rows:
        lead = row.StoredLead
        out.append(Lead(shown[lead.need_id], techs[lead.technology_id], lead.score, tuple(lead.reasons_zh),
                        tuple(lead.reasons_en), products.get(lead.technology_id, []),
                        [offers[i] for i in lead.offer_ids if i in offers], row.mark,
                        interests.get(lead.need_id)))
    return out


def _products(session: Session, org_id: int, tech_ids: list[int]) -> dict[int, list[m.Product]]:
    rows = session.execute(select(m.product_technology.c.technology_id, m.Product)
                           .join(m.Product, m.Product.id == m.product_technology.c.product_id)
                           .where(m.Product.organisation_id == org_id, m.Product.status == "published",
                                  m.product_technology.c.technology_id.in_(tech_ids))
                           .order_by(m.Product.id)).unique()
    out: dict[int, list[m.Product]] = {}
    for tech_id, product in rows:
        out.setdefault(tech_id, []).append(product)
    return out


def _shown(session: Session, needs: list[m.Need]) -> dict[int, LeadNeed]:
    """Each need as a supplier may see it, with its sector and district."""
    owners = {n.organisation_id for n in needs}
    orgs = {o.id: o for o in session.scalars(select(m.Organisation).where(m.Organisation.id.in_(owners)))}
    org_sectors: dict[int, list[str]] = {}
    for org_id, sector in session.execute(select(organisation_sector.c.organisation_id,
                                                 organisation_sector.c.sector_key)
                                          .where(organisation_sector.c.organisation_id.in_(owners))):
        org_sectors.setdefault(org_id, []).append(sector)
    stages = dict(session.execute(select(m.ProcessStage.key, m.ProcessStage.sector_key)).all())
    where = anonymity.places(session)
    return {n.id: lead_need(n, orgs[n.organisation_id].name, _sector(n, stages, org_sectors),
                            orgs[n.organisation_id].district_key, where) for n in needs}


def _sector(need: m.Need, stages: dict[str, str], org_sectors: dict[int, list[str]]) -> str | None:
    if need.stage_key:
        return stages.get(need.stage_key)
    if need.facility is not None:
        return need.facility.product.sector_key
    return next(iter(org_sectors.get(need.organisation_id, ())), None)


def lead_need(need: m.Need, enterprise: str, sector: str | None, district: str | None,
              where: anonymity.Places) -> LeadNeed:
    """``district`` is the enterprise's, used when the need names no line."""
    anonymous = need.confidentiality != "public"
    line = need.facility
    figures = anonymity.shown(anonymous, (line.district_key if line else None) or district, where,
                              need.budget_cny, need.target_saving_pct, need.target_saving_tce,
                              need.desired_start)
    return LeadNeed(
        id=need.id, title=need.title, anonymous=anonymous, enterprise=None if anonymous else enterprise,
        facility=None if anonymous or line is None else line.name,
        description="" if anonymous else need.description, sector_key=sector, stage_key=need.stage_key,
        problem_type=need.problem_type, product_key=line.product_key if line else None,
        financing=need.financing, place_key=figures.place_key, place_zh=where.name(figures.place_key, "zh"),
        place_en=where.name(figures.place_key, "en"), figures=figures, status=need.status,
        created_at=need.created_at)


def _interests(session: Session, org_id: int) -> dict[int, int]:
    rows = session.execute(select(m.Inquiry.need_id, func.max(m.Inquiry.id)).where(
        m.Inquiry.supplier_id == org_id, m.Inquiry.origin == "supplier", m.Inquiry.need_id.is_not(None))
        .group_by(m.Inquiry.need_id))
    return dict(rows.all())


def visible_need(session: Session, supplier_org_id: int, need_id: int) -> m.Need:
    """A need the supplier may see as a lead (whether or not it fits its
    listings); NotFound otherwise, so ids reveal nothing."""
    need = session.scalars(select(m.Need).join(m.Organisation, m.Organisation.id == m.Need.organisation_id)
                           .where(m.Need.id == need_id, visible(supplier_org_id))).unique().one_or_none()
    if need is None:
        raise NotFound("need", need_id)
    return need


def describe(session: Session, need: m.Need) -> LeadNeed:
    """One need as a supplier may see it (the expression-of-interest page)."""
    return _shown(session, [need])[need.id]


def mark(session: Session, supplier_org_id: int, need_id: int, value: str | None) -> None:
    """Follow or dismiss a lead; ``None`` clears the mark."""
    if value not in (None, *MARKS):
        raise RuleError("choice.invalid", "mark")
    need = visible_need(session, supplier_org_id, need_id)
    existing = session.get(m.LeadMark, (supplier_org_id, need.id))
    if value is None:
        if existing is not None:
            session.delete(existing)
    elif existing is None:
        session.add(m.LeadMark(organisation_id=supplier_org_id, need_id=need.id, mark=value))
    else:
        existing.mark, existing.marked_at = value, m.utcnow()
    session.commit()
