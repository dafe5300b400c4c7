"""Scoring leads (issue 7): which open public and anonymous needs of other
organisations fit a supplier's published products and EMC offers, scored by
the enterprise's matching engine in reverse (``catalog.enterprise.matches``:
the same Need, Candidate, factors and reasons; the candidate carries the
supplier's own offers). The results are stored (``lead_store``) and the
leads page reads them (``leads``).

A need is a lead when one of the supplier's technologies would be among the
need's match candidates (same stage, improves the line's benchmark product,
or its text answers the need's) and the best scores at least MIN_SCORE. Only
plausible needs are scored: those in the technologies' stages or benchmark
products, needs without a stage in their sectors, and for cross-cutting
entries the problem types they answer. ``score_supplier`` finds them in SQL
for one supplier (the alert scan); ``score_need`` applies the same rule in
Python for one need and every supplier (a need just posted or edited)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from catalog import clock
from catalog import models as m
from catalog.enterprise import diagnosis as diag
from catalog.enterprise import energy
from catalog.enterprise.matches import (
    CANDIDATE_SHARE,
    explained,
    impact_for,
    line_of,
    need_query,
    scoring_need,
)
from catalog.models.accounts import organisation_sector
from catalog.search.relevance import Relevance
from matching.benchmark import Diagnosis, diagnose
from matching.impact import Impact
from matching.scoring import Match, fitting_offers, rank

from .lead_stock import Stock, listed, stock, stocks

MIN_SCORE = 0.4          # below this a need is not worth a supplier's attention
OPEN_NEEDS = ("open", "in_negotiation")
LEAD_CONFIDENTIALITY = ("public", "anonymous")
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
class Scored:
    """One lead as computed: the supplier's best technology for the need, the
    explained match, the impact on the need's line and the supplier's offers
    that fit the need."""

    supplier_id: int
    need: m.Need
    technology: m.Technology
    match: Match
    impact: Impact | None
    offer_ids: tuple[int, ...]

    @property
    def score(self) -> float:
        return self.match.score


def visible(org_id: int | None = None):
    """The conditions of a need a supplier (other than its owner) may see as a lead."""
    conditions = [m.Need.status.in_(OPEN_NEEDS), m.Need.confidentiality.in_(LEAD_CONFIDENTIALITY),
                  m.Organisation.kind == "enterprise", m.Organisation.status == "verified"]
    if org_id is not None:
        conditions.append(m.Need.organisation_id != org_id)
    return and_(*conditions)


def _candidate_needs(session: Session, org_id: int, techs: list[m.Technology]) -> list[m.Need]:
    """The visible needs ``plausible`` for any of ``techs``, in SQL."""
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
            .where(visible(org_id), fits).order_by(m.Need.id))
    return list(session.scalars(stmt).unique())


@dataclass(frozen=True)
class NeedFacts:
    """What ``plausible`` reads of a need."""

    stage: str | None
    problem: str
    family: str | None         # the line's benchmark product family
    line_sector: str | None    # the line's sector; None without a line
    org_sectors: frozenset[str]


def facts(session: Session, need: m.Need) -> NeedFacts:
    line = need.facility
    sectors = frozenset(session.scalars(select(organisation_sector.c.sector_key).where(
        organisation_sector.c.organisation_id == need.organisation_id)))
    return NeedFacts(need.stage_key, need.problem_type, line.product.family if line else None,
                     line.product.sector_key if line else None, sectors)


def plausible(need: NeedFacts, stage: str, sector: str, applicable_to: Iterable[str]) -> bool:
    """``_candidate_needs``' rule for one need and one technology."""
    if need.stage is not None and need.stage == stage:
        return True
    if need.family is not None and need.family in applicable_to:
        return True
    if sector == "cross_cutting":
        return need.problem in CROSS_CUTTING_PROBLEMS.get(stage, ())
    if need.stage is None:
        return need.line_sector == sector if need.line_sector is not None else sector in need.org_sectors
    return False


class Diagnoser:
    """Benchmark diagnoses with each product's levels read once, and each
    need as the engine reads it, prepared once for every supplier it is
    scored for (one scan or refresh: a need saved meanwhile is scored again
    by its own save)."""

    def __init__(self, session: Session):
        self.session = session
        self.rows = {row.key: row for row in session.scalars(select(m.BenchmarkProduct))}
        self.products: dict[str, object] = {}
        self.needs: dict[int, tuple] = {}
        self._factors = None

    def prepare(self, need: m.Need) -> tuple:
        """(query, benchmark row, diagnosis, scoring need) of ``need``."""
        if need.id not in self.needs:
            q = need_query(need)
            row = self.rows.get(q.product_key) if q.product_key else None
            dia = self(row.key, q.unit_energy, q.annual_output, q.energy_mix) if row is not None else None
            self.needs[need.id] = (q, row, dia, scoring_need(q, row, dia))
        return self.needs[need.id]

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
        return diagnose(self.products[key], unit_energy, output, self.factors, energy_mix.shares,
                        clock.today())


def best(supplier_id: int, need: m.Need, have: Stock, relevance: Callable[[str], dict[str, float]],
         diagnoser: Diagnoser) -> Scored | None:
    """The best-scoring of the supplier's technologies for ``need``, explained;
    None when none is a candidate or the best scores below MIN_SCORE.
    ``relevance`` maps the need's text to {code: relevance} (a ``Relevance``)."""
    q, row, dia, want = diagnoser.prepare(need)
    found = rank(want, have.pool(want, relevance(q.text)), limit=1)
    if not found or found[0].score < MIN_SCORE:
        return None
    result = found[0]
    tech = have.by_code[result.candidate.code]
    impact = impact_for(tech, line_of(q, row, dia), diagnoser.factors,
                        row.sector_key if row is not None else None)
    fitting = fitting_offers(want, result.candidate)
    offers = tuple(o.id for o in have.offers.get(tech.id, []) if o.info in fitting)
    # An anonymous need's reasons leave out the saving on its line: the figure
    # would give away the line's size, which the coarsening hides (anonymity).
    told = impact if need.confidentiality == "public" else None
    return Scored(supplier_id, need, tech, explained(want, result, tech, told), impact, offers)


def score_supplier(session: Session, index_dir: Path, supplier_id: int,
                   diagnoser: Diagnoser | None = None) -> list[Scored]:
    """Every lead of one supplier (dismissed ones too: marks are applied when
    reading); pass one ``diagnoser`` when scoring many suppliers."""
    have = stock(session, supplier_id)
    needs = _candidate_needs(session, supplier_id, list(have.technologies.values()))
    if not needs:
        return []
    relevance = Relevance(index_dir, sorted(have.candidates), CANDIDATE_SHARE)
    diagnoser = diagnoser or Diagnoser(session)
    found = (best(supplier_id, need, have, relevance, diagnoser) for need in needs)
    return [lead for lead in found if lead is not None]


def score_need(session: Session, index_dir: Path, need_id: int) -> list[Scored]:
    """One need's lead for every supplier it fits (none unless it is visible).
    Only the technologies the need's match page could consider are loaded:
    the others would be left out of the pool anyway (``in_pool``)."""
    need = session.scalars(select(m.Need).join(m.Organisation, m.Organisation.id == m.Need.organisation_id)
                           .where(m.Need.id == need_id, visible())).unique().one_or_none()
    if need is None:
        return []
    shown = facts(session, need)
    rows = listed(session, owner=need.organisation_id)
    suppliers = {row.org for row in rows if plausible(shown, row.stage, row.sector, row.applicable)}
    rows = [row for row in rows if row.org in suppliers]
    relevance = Relevance(index_dir, sorted({row.code for row in rows}), CANDIDATE_SHARE)
    texts = relevance(need_query(need).text)
    stage, family = need.stage_key, shown.family
    pool = [row for row in rows if row.code in texts or (stage is not None and row.stage == stage)
            or (family is not None and family in row.applicable)]
    have, diagnoser = stocks(session, pool), Diagnoser(session)
    found = (best(org, need, have[org], lambda _text: texts, diagnoser) for org in sorted(have))
    return [lead for lead in found if lead is not None]
