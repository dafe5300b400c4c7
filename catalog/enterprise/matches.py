"""Matches for a need: candidates from the search index and the taxonomy,
scored by matching/, each with what the technology itself would do for the
line (its effect model × the line: energy per carrier, tce, CO₂, CNY) and
the EMC offers that fit, cash flows included. The line's gap to the
benchmark is context ("closes x % of your gap"), never the saving."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session, selectinload

from catalog import models as m
from catalog.curation.review import discount_rate
from catalog.effect_models import to_effect
from catalog.search import SearchRequest, search
from matching.benchmark import Diagnosis
from matching.fit import Exclusion, exclusion, not_fit
from matching.impact import Impact, Line, estimate, line_energy, line_energy_cost
from matching.reasons import explain
from matching.scoring import Candidate, Match, Need, active_factors, fitting_offers, score
from matching.units import Factors

from . import diagnosis as diag
from . import energy
from .appraisal import Appraisal, appraise, capex_for, listed_prices
from .offers import Comparison, OfferView, compare_terms, offers_for
from .understanding import Understanding, not_fitting, understand

TEXT_CANDIDATES = 60
MIN_SCORE = 0.25   # below this an entry is not a match worth showing (the list is short, never padded)
SHORT_LIST = 5
CANDIDATE_SHARE = 0.2  # a long need text: a fifth of its concepts is enough to be a candidate
ENERGY_MECHANISMS = ("indicator_share", "indicator_amount", "generation", "enabling")


@dataclass(frozen=True)
class MatchQuery:
    """A need as plain values (from a stored need or the API)."""

    text: str
    sector: str | None = None
    stage: str | None = None
    product_key: str | None = None      # a benchmark row key
    unit_energy: float | None = None
    annual_output: float | None = None
    target_saving_pct: float | None = None
    budget_cny: float | None = None
    financing: str = "any"
    district: str | None = None
    energy_mix: energy.Mix | None = None
    prices: dict = field(default_factory=dict)     # carrier → CNY per carrier unit
    capacity: float | None = None                  # output a year the line can make (scales capex)
    quotes: dict = field(default_factory=dict)     # technology code → the enterprise's quoted capex, CNY
    goal: str | None = None                        # the need's problem type / goal (issue 14)
    installed: tuple[str, ...] = ()                # catalogue codes the line already has
    notes: str = ""                                # the line's note of what else it has


@dataclass
class MatchView:
    match: Match
    technology: m.Technology
    impact: Impact | None               # None when the need has no production line
    offers: list[Comparison] = field(default_factory=list)
    appraisal: Appraisal | None = None  # capex, payback, NPV, IRR (None without a line)

    @property
    def effect(self) -> dict:
        return self.technology.effect or {}


@dataclass
class MatchResult:
    diagnosis: Diagnosis | None
    product: m.BenchmarkProduct | None
    views: list[MatchView]
    line: Line | None = None
    excluded: list[Exclusion] = field(default_factory=list)   # left out, with the reason
    short_list: bool = False            # fewer than SHORT_LIST entries fit: said, never padded
    understanding: Understanding | None = None


def need_query(need: m.Need, quotes: dict | None = None) -> MatchQuery:
    """A stored need (and its production line, if any) as a MatchQuery;
    ``quotes`` are the enterprise's quoted capex by technology code."""
    line = need.facility
    return MatchQuery(
        text=f"{need.title}\n{need.description}", stage=need.stage_key,
        product_key=line.product_key if line else None,
        unit_energy=line.unit_energy if line else None, annual_output=line.annual_output if line else None,
        target_saving_pct=need.target_saving_pct, budget_cny=need.budget_cny, financing=need.financing,
        district=line.district_key if line else None,
        energy_mix=diag.facility_mix(line) if line else None,
        prices=energy.facility_prices(line) if line else {},
        capacity=line.capacity if line else None, quotes=dict(quotes or {}),
        goal=need.problem_type, installed=tuple(line.installed or ()) if line else (),
        notes=line.installed_note if line else "")


def _candidates(session: Session, index_dir: Path, q: MatchQuery,
                family: str | None) -> list[tuple[m.Technology, float]]:
    request = SearchRequest(text=q.text[:2000], per_page=TEXT_CANDIDATES, snippets=False,
                            filters={"doc_type": "technology"}, min_share=CANDIDATE_SHARE, spelling=False)
    hits = search(index_dir, request).hits if q.text else []
    best = max((h.score for h in hits), default=0.0) or 1.0
    text_score = {h.code: h.score / best for h in hits}
    related = [m.Technology.code.in_(list(text_score))]
    if q.stage:
        related.append(m.Technology.stage_key == q.stage)
    if family:  # JSON list of product keys; the same text test on SQLite and PostgreSQL
        related.append(cast(m.Technology.applicable_to, String).like(f'%"{family}"%'))
    stmt = (select(m.Technology).where(m.Technology.status == "published", or_(*related))
            .options(selectinload(m.Technology.figures)))
    return [(t, text_score.get(t.code, 0.0)) for t in session.scalars(stmt).unique()]


def line_of(q: MatchQuery, row: m.BenchmarkProduct | None, dia: Diagnosis | None) -> Line | None:
    return energy.line(row, q.unit_energy, q.annual_output, q.energy_mix, q.prices,
                       dia.gap_to_benchmark if dia else None)


def impact_for(tech: m.Technology, line: Line | None, factors: Factors,
               line_sector: str | None = None) -> Impact | None:
    """What the technology's effect model means for the line (None without a
    line). A sector's own technology is not applied to another sector's line."""
    if line is None:
        return None
    effect = to_effect(tech.code, tech.effect or {})
    if line_sector and tech.sector_key not in ("cross_cutting", line_sector) and effect.quantified:
        return Impact(effect.mechanism, status="not_applicable", reason="sector")
    return estimate(effect, line, factors)


def saving_pct(tech: m.Technology, line: Line | None, impact: Impact | None,
               factors: Factors) -> float | None:
    """The energy saving as a percentage of the line's energy (for scoring
    against the need's target), from the effect model only; None when the
    model does not quantify an energy saving."""
    effect = tech.effect or {}
    if effect.get("mechanism") not in ENERGY_MECHANISMS or "typical" not in effect:
        return None
    if impact is not None and impact.status == "ok" and impact.energy_tce is not None and line is not None:
        whole = line_energy(line, factors).tce
        return 100 * impact.energy_tce.typical / whole if whole > 0 else None
    return float(effect["typical"]) if effect.get("unit") == "%" and effect.get("carrier") == "all" else None


def scoring_need(q: MatchQuery, row: m.BenchmarkProduct | None, dia: Diagnosis | None,
                 low_capital: bool = False) -> Need:
    """The need as matching.scoring reads it."""
    gap_share = None
    if dia and dia.gap_to_benchmark and q.unit_energy:
        gap_share = dia.gap_to_benchmark / abs(q.unit_energy)
    return Need(sector=q.sector or (row.sector_key if row else None), stage=q.stage,
                product=row.family if row else None, gap_share=gap_share,
                target_saving_pct=q.target_saving_pct, budget_cny=q.budget_cny, financing=q.financing,
                district=q.district, low_capital=low_capital)


def candidate(tech: m.Technology, text_score: float, offers: list[OfferView],
              saving: float | None = None) -> Candidate:
    """A generic entry (one that applies to every sector) is not credited with
    fitting the line's product merely because it lists every product."""
    problems = tech.problems or {}
    applicable = () if problems.get("generic") else tuple(tech.applicable_to)
    return Candidate(tech.code, tech.name_zh, tech.name_en, tech.sector_key, tech.stage_key, tech.trl,
                     applicable, text_score, saving, None, tech.plan_named,
                     tech.promoted, tuple(o.info for o in offers), problems.get("capital", ""),
                     goals_of(tech) or (), (tech.effect or {}).get("mechanism", ""))


def explained(need: Need, result: Match, tech: m.Technology, impact: Impact | None,
              unfit: Exclusion | None = None) -> Match:
    """The match with its reasons in both languages (and the condition the
    need states under which the entry may not fit, first)."""
    found = explain(need, result, impact, stage_label=(tech.stage.name_zh, tech.stage.name_en))
    if unfit is None:
        return found
    return replace(found, reasons_zh=(f"注意，{unfit.reason_zh}。", *found.reasons_zh[:3]),
                   reasons_en=(f"Note — {unfit.reason_en}.", *found.reasons_en[:3]))


def goals_of(tech: m.Technology) -> tuple[str, ...] | None:
    """What the entry delivers, from its problem knowledge; None when it has
    none yet (an entry added after the seed): unknown, never 'nothing'."""
    problems = tech.problems or {}
    return tuple(problems["goals"]) if "goals" in problems else None


def _not_fit(tech: m.Technology, text: str) -> Exclusion | None:
    problems = tech.problems or {}
    index = not_fitting(text, problems.get("not_fit_zh", []) + problems.get("not_fit_en", []))
    if index is None:
        return None
    zh, en = problems.get("not_fit_zh", []), problems.get("not_fit_en", [])
    position = index % len(zh) if zh else 0
    return not_fit(tech.code, zh[position] if zh else "", en[position] if position < len(en) else "")


def need_sector(session: Session, q: MatchQuery, row: m.BenchmarkProduct | None) -> str | None:
    if q.sector or row is not None:
        return q.sector or row.sector_key
    return session.scalar(select(m.ProcessStage.sector_key).where(m.ProcessStage.key == q.stage)) \
        if q.stage else None


def _fitting(pool, q: MatchQuery, understood: Understanding) -> tuple[list, list[Exclusion]]:
    """The candidates that can answer the need, and the others with the reason."""
    kept, excluded = [], []
    for tech, text_score in pool:
        found = exclusion(tech.code, goals_of(tech), (tech.effect or {}).get("mechanism", ""),
                          need_goals=understood.goals, installed=understood.installed)
        if found is None:
            kept.append((tech, text_score))
        elif found.reason == "installed" or text_score > 0 or tech.stage_key == q.stage:
            excluded.append(found)      # only what the user might have expected is worth saying
    return kept, sorted(excluded, key=lambda e: e.code)


def match(session: Session, index_dir: Path, q: MatchQuery, limit: int = 10) -> MatchResult:
    row = diag.product_row(session, q.product_key)
    dia = None
    if row is not None and q.unit_energy is not None and q.annual_output is not None:
        dia = diag.diagnose_values(session, row, q.unit_energy, q.annual_output, q.energy_mix)
    factors = energy.factors(session)
    line = line_of(q, row, dia)
    pool = _candidates(session, index_dir, q, row.family if row else None)
    understood = understand(q.text, q.goal, q.installed, need_sector(session, q, row), q.budget_cny,
                            [t for t, _s in pool], q.notes)
    need = replace(scoring_need(q, row, dia, understood.low_capital), goals=understood.goals,
                   sector=understood.sector, mechanism=understood.mechanism)
    pool, excluded = _fitting(pool, q, understood)
    offers = offers_for(session, [t.id for t, _s in pool])
    weights = active_factors(need)
    sector = row.sector_key if row is not None else None
    impacts = {tech.id: impact_for(tech, line, factors, sector) for tech, _s in pool}
    unfit = {tech.code: _not_fit(tech, q.text) for tech, _s in pool}
    scored = [(score(need, replace(candidate(tech, text_score, offers.get(tech.id, []),
                                             saving_pct(tech, line, impacts[tech.id], factors)),
                                   unfit=unfit[tech.code] is not None), weights), tech)
              for tech, text_score in pool]
    scored.sort(key=lambda pair: (-pair[0].score, pair[1].code))
    scored = [(found, tech) for found, tech in scored if found.score >= MIN_SCORE]
    kept = scored[:limit]
    prices = listed_prices(session, [tech.id for _r, tech in kept])
    rate = discount_rate(session)
    bill = line_energy_cost(line, factors) if line is not None and line.unit_energy is not None \
        and line.annual_output is not None else None
    views = []
    for result, tech in kept:
        impact = impacts[tech.id]
        appraisal = None
        if line is not None:
            capex = capex_for(tech.effect or {}, q.quotes.get(tech.code), prices.get(tech.id, []),
                              q.capacity or q.annual_output)
            appraisal = appraise(tech.effect or {}, impact, capex, rate)
        fitting = fitting_offers(need, result.candidate)
        chosen = [o for o in offers.get(tech.id, ()) if o.info in fitting]
        views.append(MatchView(explained(need, result, tech, impact, unfit[tech.code]), tech, impact,
                               _comparisons(chosen, impact, appraisal, line, bill, rate), appraisal))
    return MatchResult(dia, row, views, line, excluded, len(scored) < SHORT_LIST, understood)


def _comparisons(chosen: list[OfferView], impact: Impact | None, appraisal: Appraisal | None,
                 line: Line | None, bill: float | None, rate: float) -> list[Comparison]:
    """Each fitting offer's cash flows for this line: the yearly saving in CNY
    (net of O&M) and the capex of the appraisal; a guarantee in tce or MWh is
    valued at what a tce / MWh of this saving is worth to the line."""
    saving = impact.cost_cny.typical if impact is not None and impact.cost_cny is not None else None
    capex = appraisal.capex.value.typical if appraisal is not None and appraisal.capex is not None else None
    if saving is not None and appraisal is not None and appraisal.om_cny:
        saving -= appraisal.om_cny
    prices = {}
    if impact is not None and impact.cost_cny is not None and impact.energy_tce and impact.energy_tce.typical:
        prices["tce"] = impact.cost_cny.typical / impact.energy_tce.typical
    if line is not None and line.price("electricity") is not None:
        prices["mwh"] = line.price("electricity") * 1000
    life = appraisal.life_years if appraisal is not None else None
    return compare_terms(chosen, saving, capex, discount_rate=rate, service_life_years=life,
                         baseline_energy_cost_cny=bill, prices=prices)
