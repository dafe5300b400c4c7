"""Leads for a supplier (issue 7): other organisations' open public and
anonymous needs that fit the technologies of the supplier's published
products and EMC offers, scored by the enterprise's matching engine in
reverse (``catalog.enterprise.matches``: the same Need, Candidate, factors
and reasons; the candidate carries the supplier's own offers) and ranked by
the best score over the supplier's technologies.

A need is a lead when one of the supplier's technologies would be among the
need's match candidates (same stage, improves the line's benchmark product,
or its text answers the need's) and scores at least MIN_SCORE. Needs are
pre-filtered in SQL first (the technologies' stages and benchmark products;
needs without a stage in their sectors; for cross-cutting entries the
problem types they answer), so only plausible needs are scored; the text
relevance comes from ``catalog.search.relevance`` (no full search per need).
An anonymous need is shown without its enterprise, production line or
description: only sector- and district-level facts (``LeadNeed``)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from catalog import models as m
from catalog.accounts.errors import AccountError
from catalog.enterprise import diagnosis as diag
from catalog.enterprise import energy
from catalog.enterprise.matches import (
    CANDIDATE_SHARE,
    candidate,
    explained,
    impact_for,
    line_of,
    need_query,
    scoring_need,
)
from catalog.enterprise.offers import OfferView, offers_for
from catalog.errors import NotFound
from catalog.models.accounts import organisation_sector
from catalog.pipeline.inquiries import today
from catalog.search.relevance import Relevance
from matching.benchmark import Diagnosis, diagnose
from matching.impact import Impact
from matching.scoring import Candidate, Match, Need, fitting_offers, rank

MIN_SCORE = 0.4          # below this a need is not worth a supplier's attention
OPEN_NEEDS = ("open", "in_negotiation")
LEAD_CONFIDENTIALITY = ("public", "anonymous")
MARKS = ("followed", "dismissed")
# A cross-cutting entry (its stage) answers these problem types in any sector.
CROSS_CUTTING_PROBLEMS = {
    "energy_supply": ("fuel_substitution", "electrification"),
    "waste_heat": ("waste_heat",),
    "utilities_motors": ("energy_efficiency", "electrification"),
    "digital_management": ("digital",),
    "ccus": ("ccus",),
    "product_materials": ("raw_material",),
}


@dataclass(frozen=True)
class LeadNeed:
    """What a supplier may see of a need. For an anonymous need ``enterprise``,
    ``facility`` and ``description`` are None / empty."""

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
    target_saving_pct: float | None
    target_saving_tce: float | None
    budget_cny: float | None
    financing: str
    desired_start: date | None
    district_key: str | None
    status: str
    created_at: datetime


@dataclass
class Lead:
    need: LeadNeed
    technology: m.Technology          # the supplier's best-fitting technology for the need
    match: Match                      # score, factors and reasons (zh/en)
    impact: Impact | None
    products: list[m.Product] = field(default_factory=list)   # the supplier's, for the technology
    offers: list[OfferView] = field(default_factory=list)     # the supplier's, fitting the need
    mark: str | None = None           # followed | dismissed
    interest_id: int | None = None    # the supplier's latest expression of interest in the need

    @property
    def score(self) -> float:
        return self.match.score


@dataclass
class Stock:
    """The supplier's published listings by technology id, and each
    technology as a scoring candidate (with the supplier's own offers)."""

    technologies: dict[int, m.Technology]
    products: dict[int, list[m.Product]]
    offers: dict[int, list[OfferView]]
    candidates: dict[str, Candidate] = field(default_factory=dict)
    by_code: dict[str, m.Technology] = field(default_factory=dict)


def stock(session: Session, org_id: int) -> Stock:
    products = session.scalars(select(m.Product).where(
        m.Product.organisation_id == org_id, m.Product.status == "published")
        .options(selectinload(m.Product.technologies)).order_by(m.Product.id)).unique().all()
    offers = session.scalars(select(m.EmcOffer).where(
        m.EmcOffer.organisation_id == org_id, m.EmcOffer.status == "published")
        .options(selectinload(m.EmcOffer.technologies))).unique().all()
    techs: dict[int, m.Technology] = {}
    by_product: dict[int, list[m.Product]] = {}
    for listing in (*products, *offers):
        for tech in listing.technologies:
            if tech.status == "published":
                techs[tech.id] = tech
                if isinstance(listing, m.Product):
                    by_product.setdefault(tech.id, []).append(listing)
    own = {tid: [v for v in views if v.terms.supplier_id == org_id]
           for tid, views in offers_for(session, list(techs)).items()}
    bases = {t.code: candidate(t, 0.0, own.get(t.id, [])) for t in techs.values()}
    return Stock(techs, by_product, own, dict(sorted(bases.items())), {t.code: t for t in techs.values()})


def _visible(org_id: int):
    """The conditions of a need any supplier other than its owner may see as a lead."""
    return and_(m.Need.status.in_(OPEN_NEEDS), m.Need.confidentiality.in_(LEAD_CONFIDENTIALITY),
                m.Need.organisation_id != org_id, m.Organisation.kind == "enterprise",
                m.Organisation.status == "verified")


def _candidate_needs(session: Session, org_id: int, techs: list[m.Technology]) -> list[m.Need]:
    """Open needs of other enterprises in the technologies' stages or benchmark
    products, needs without a stage in their sectors, and for cross-cutting
    entries the needs of the problem types they answer."""
    if not techs:
        return []
    line, product = aliased(m.Facility), aliased(m.BenchmarkProduct)
    sectors = {t.sector_key for t in techs if t.sector_key != "cross_cutting"}
    families = {f for t in techs for f in t.applicable_to}
    problems = {p for t in techs if t.sector_key == "cross_cutting"
                for p in CROSS_CUTTING_PROBLEMS.get(t.stage_key, ())}
    org_sector = exists().where(organisation_sector.c.organisation_id == m.Need.organisation_id,
                                organisation_sector.c.sector_key.in_(sectors))
    unstaged = and_(m.Need.stage_key.is_(None), or_(
        product.sector_key.in_(sectors), and_(m.Need.facility_id.is_(None), org_sector)))
    fits = or_(m.Need.stage_key.in_({t.stage_key for t in techs}), product.family.in_(families), unstaged,
               m.Need.problem_type.in_(problems))
    stmt = (select(m.Need).join(m.Organisation, m.Organisation.id == m.Need.organisation_id)
            .outerjoin(line, line.id == m.Need.facility_id)
            .outerjoin(product, product.key == line.product_key)
            .where(_visible(org_id), fits).order_by(m.Need.id))
    return list(session.scalars(stmt).unique())


class _Diagnoser:
    """Benchmark diagnoses with each product's levels read once per call."""

    def __init__(self, session: Session):
        self.session = session
        self.rows = {row.key: row for row in session.scalars(select(m.BenchmarkProduct))}
        self.products: dict[str, object] = {}
        self._factors = None

    @property
    def factors(self):
        if self._factors is None:
            self._factors = energy.factors(self.session)
        return self._factors

    def __call__(self, key: str, unit_energy: float | None, output: float | None,
                 energy_mix: energy.Mix | None = None) -> Diagnosis | None:
        if key not in self.rows or unit_energy is None or output is None:
            return None
        if key not in self.products:
            self.products[key] = diag.product(self.session, self.rows[key])
        energy_mix = energy_mix or energy.mix(self.rows[key], None, None)
        return diagnose(self.products[key], unit_energy, output, self.factors, energy_mix.shares, today())


def _sector(need: m.Need, stages: dict[str, str], org_sectors: dict[int, list[str]]) -> str | None:
    if need.stage_key:
        return stages.get(need.stage_key)
    if need.facility is not None:
        return need.facility.product.sector_key
    return next(iter(org_sectors.get(need.organisation_id, ())), None)


def lead_need(need: m.Need, enterprise: str, sector: str | None, district: str | None) -> LeadNeed:
    anonymous = need.confidentiality != "public"
    line = need.facility
    return LeadNeed(
        id=need.id, title=need.title, anonymous=anonymous, enterprise=None if anonymous else enterprise,
        facility=None if anonymous or line is None else line.name,
        description="" if anonymous else need.description, sector_key=sector, stage_key=need.stage_key,
        problem_type=need.problem_type, product_key=line.product_key if line else None,
        target_saving_pct=need.target_saving_pct, target_saving_tce=need.target_saving_tce,
        budget_cny=need.budget_cny, financing=need.financing, desired_start=need.desired_start,
        district_key=(line.district_key if line else None) or district, status=need.status,
        created_at=need.created_at)


def in_pool(want: Need, c: Candidate) -> bool:
    """Whether the need's match page would consider the technology (as
    ``catalog.enterprise.matches`` picks candidates)."""
    return c.text_score > 0 or (want.stage is not None and c.stage == want.stage) \
        or (want.product is not None and want.product in c.applicable_to)


def _best(need: m.Need, have: Stock, relevance: Relevance, diagnoser: _Diagnoser):
    """The best-scoring technology for ``need`` (with the inputs to explain
    it), or None when none is a candidate or the best scores below MIN_SCORE."""
    q = need_query(need)
    row = diagnoser.rows.get(q.product_key) if q.product_key else None
    dia = diagnoser(row.key, q.unit_energy, q.annual_output, q.energy_mix) if row is not None else None
    want = scoring_need(q, row, dia)
    texts = relevance(q.text)
    pool = [replace(c, text_score=texts[code]) if code in texts else c for code, c in have.candidates.items()]
    best = rank(want, [c for c in pool if in_pool(want, c)], limit=1)
    if not best or best[0].score < MIN_SCORE:
        return None
    return best[0], have.by_code[best[0].candidate.code], q, row, dia, want


def leads_for(session: Session, index_dir: Path, supplier_org_id: int,
              include_dismissed: bool = False) -> list[Lead]:
    """The supplier's leads in ``ranked`` order; dismissed ones only when asked."""
    have = stock(session, supplier_org_id)
    if not have.technologies:
        return []
    needs = _candidate_needs(session, supplier_org_id, list(have.technologies.values()))
    marks = dict(session.execute(select(m.LeadMark.need_id, m.LeadMark.mark).where(
        m.LeadMark.organisation_id == supplier_org_id)).all())
    needs = [n for n in needs if include_dismissed or marks.get(n.id) != "dismissed"]
    if not needs:
        return []
    relevance = Relevance(index_dir, sorted(have.candidates), CANDIDATE_SHARE)
    diagnoser = _Diagnoser(session)
    stages = dict(session.execute(select(m.ProcessStage.key, m.ProcessStage.sector_key)).all())
    owners = {n.organisation_id for n in needs}
    orgs = {o.id: o for o in session.scalars(select(m.Organisation).where(m.Organisation.id.in_(owners)))}
    org_sectors: dict[int, list[str]] = {}
    for org_id, sector in session.execute(select(organisation_sector.c.organisation_id,
                                                 organisation_sector.c.sector_key)
                                          .where(organisation_sector.c.organisation_id.in_(owners))):
        org_sectors.setdefault(org_id, []).append(sector)
    interests = _interests(session, supplier_org_id)
    leads = []
    for need in needs:
        found = _best(need, have, relevance, diagnoser)
        if found is None:
            continue
        result, tech, q, row, dia, want = found
        line = line_of(q, row, dia)
        impact = impact_for(tech, line, diagnoser.factors, row.sector_key if row is not None else None)
        reasoned = explained(want, result, tech, impact)
        fitting = fitting_offers(want, result.candidate)
        owner = orgs[need.organisation_id]
        leads.append(Lead(lead_need(need, owner.name, _sector(need, stages, org_sectors), owner.district_key),
                          tech, reasoned, impact, have.products.get(tech.id, []),
                          [o for o in have.offers.get(tech.id, []) if o.info in fitting],
                          marks.get(need.id), interests.get(need.id)))
    return ranked(leads)


def ranked(leads: list[Lead]) -> list[Lead]:
    """Followed leads first, then by score (best first), newest need first among equals."""
    return sorted(leads, key=lambda lead: (lead.mark != "followed", -lead.score, -lead.need.id))


def _interests(session: Session, org_id: int) -> dict[int, int]:
    rows = session.execute(select(m.Inquiry.need_id, func.max(m.Inquiry.id)).where(
        m.Inquiry.supplier_id == org_id, m.Inquiry.origin == "supplier", m.Inquiry.need_id.is_not(None))
        .group_by(m.Inquiry.need_id))
    return dict(rows.all())


def visible_need(session: Session, supplier_org_id: int, need_id: int) -> m.Need:
    """A need the supplier may see as a lead (whether or not it fits its
    listings); NotFound otherwise, so ids reveal nothing."""
    need = session.scalars(select(m.Need).join(m.Organisation, m.Organisation.id == m.Need.organisation_id)
                           .where(m.Need.id == need_id, _visible(supplier_org_id))).unique().one_or_none()
    if need is None:
        raise NotFound("need", need_id)
    return need


def describe(session: Session, need: m.Need) -> LeadNeed:
    """One need as a supplier may see it (the expression-of-interest page)."""
    owner = session.get(m.Organisation, need.organisation_id)
    stages = dict(session.execute(select(m.ProcessStage.key, m.ProcessStage.sector_key)).all())
    sectors = {need.organisation_id: [s.key for s in owner.sectors]}
    return lead_need(need, owner.name, _sector(need, stages, sectors), owner.district_key)


def mark(session: Session, supplier_org_id: int, need_id: int, value: str | None) -> None:
    """Follow or dismiss a lead; ``None`` clears the mark."""
    if value not in (None, *MARKS):
        raise AccountError("choice.invalid", "mark")
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
