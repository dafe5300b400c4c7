"""Matches for a need: candidates from the search index and the taxonomy,
scored by matching/, each with what the technology itself would do for the
line (its effect model × the line: energy per carrier, tce, CO₂, CNY) and
the EMC offers that fit, cash flows included. The line's gap to the
benchmark is context ("closes x % of your gap"), never the saving."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.curation.review import discount_rate
from catalog.effect_models import to_effect
from catalog.programmes.eligibility import attach  # issue 23: support programmes
from matching.benchmark import Diagnosis
from matching.fit import (
    Exclusion,
)
from matching.impact import Impact, Line, estimate, line_energy, line_energy_cost
from matching.ranking import ordered
from matching.reasons import explain
from matching.scoring import Candidate, Match, Need, OfferInfo, active_factors, fitting_offers, score
from matching.units import Factors

from . import diagnosis as diag
from . import energy
from .appraisal import Appraisal, appraise, capex_for, listed_prices
from .match_fit import fitting, goals_of, relevant, ruled_out, waste_fit
from .match_pool import CANDIDATE_SHARE as CANDIDATE_SHARE  # re-exported: lead scoring finds candidates alike
from .match_pool import SYMPTOM_FULL, Pool, pool, relative
from .offers import Comparison, OfferView, compare_terms, offer_infos, offers_for
from .understanding import Understanding, products_in, understand
from .understanding import normalised as normalised_text

MIN_SCORE = 0.25   # below this an entry is not a match worth showing (the list is short, never padded)
SHORT_LIST = 5
CJK = re.compile(r"[\u4e00-\u9fff]")
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
    support: list = field(default_factory=list)  # qualifying programmes (catalog.programmes.eligibility)

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


def candidate(tech: m.Technology, text_score: float, offers: list[OfferInfo],
              saving: float | None = None) -> Candidate:
    """A generic entry (one that applies to every sector) is not credited with
    fitting the line's product merely because it lists every product."""
    problems = tech.problems or {}
    applicable = () if problems.get("generic") else \
        tuple(dict.fromkeys([*tech.applicable_to, *products_in(f"{tech.name_zh} {tech.name_en}")]))
    return Candidate(tech.code, tech.name_zh, tech.name_en, tech.sector_key, tech.stage_key, tech.trl,
                     applicable, text_score, saving, None, tech.plan_named,
                     tech.promoted, tuple(offers), problems.get("capital", ""),
                     goals_of(tech) or (), (tech.effect or {}).get("mechanism", ""))


def explained(need: Need, result: Match, tech: m.Technology, impact: Impact | None,
              unfit: Exclusion | None = None, said: tuple[str, ...] = ()) -> Match:
    """The match with its reasons in both languages: first the condition the
    need states under which the entry may not fit, then the problems of the
    entry's problem knowledge the need describes (``said``), then the rest."""
    found = explain(need, result, impact, stage_label=(tech.stage.name_zh, tech.stage.name_en))
    zh, en = list(found.reasons_zh), list(found.reasons_en)
    if said:
        chinese = [p for p in said if CJK.search(p)] or list(said)
        english = [p for p in said if not CJK.search(p)] or list(said)
        zh.insert(0, f"需求描述的问题正是它所针对的：{'、'.join(chinese[:3])}。")
        en.insert(0, f"It addresses problems the need describes: {'; '.join(english[:3])}.")
    if unfit is not None:
        zh.insert(0, f"注意，{unfit.reason_zh}。")
        en.insert(0, f"Note — {unfit.reason_en}.")
    return replace(found, reasons_zh=tuple(zh[:4]), reasons_en=tuple(en[:4]))


def need_sector(session: Session, q: MatchQuery, row: m.BenchmarkProduct | None) -> str | None:
    if q.sector or row is not None:
        return q.sector or row.sector_key
    return session.scalar(select(m.ProcessStage.sector_key).where(m.ProcessStage.key == q.stage)) \
        if q.stage else None


def match(session: Session, index_dir: Path, q: MatchQuery, limit: int = 10) -> MatchResult:
    row = diag.product_row(session, q.product_key)
    dia = None
    if row is not None and q.unit_energy is not None and q.annual_output is not None:
        dia = diag.diagnose_values(session, row, q.unit_energy, q.annual_output, q.energy_mix)
    factors = energy.factors(session)
    line = line_of(q, row, dia)
    said = normalised_text(q.text)
    found = pool(session, index_dir, said, q.stage, row.family if row else None)
    understood = understand(said, q.goal, q.installed, need_sector(session, q, row), q.budget_cny,
                            found.technologies, q.notes,
                            third_party=q.financing not in ("any", "self_funded"))
    kept, excluded = fitting(found, q.stage, understood)
    ruled = {tech.code: ruled_out(tech, said, understood) for tech in kept}
    excluded += [left for left, whole in ruled.values() if whole]
    kept = [tech for tech in kept if not ruled[tech.code][1]]
    unfit = {tech.code: ruled[tech.code][0] for tech in kept}
    need = scoring_need(q, row, dia, understood.low_capital)
    need = replace(need, goals=understood.goals, sector=understood.sector, mechanism=understood.mechanism,
                   conditions=any(unfit.values()), product=need.product or understood.product,
                   third_party=understood.third_party)
    infos = offer_infos(session, [tech.id for tech in kept])
    impacts = {tech.id: impact_for(tech, line, factors, row.sector_key if row else None) for tech in kept}
    candidates = _candidates(kept, found, understood, infos, impacts, unfit, line, factors)
    best = _best(need, candidates, {tech.code: tech for tech in kept}, limit)
    shown = _entities(session, best[:limit])
    offers = offers_for(session, [tech.id for _r, tech in shown])
    on_show = {tech.code for _r, tech in shown}
    excluded += [left for code, left in unfit.items() if left is not None and code not in on_show]
    views = _views(session, q, need, shown, impacts, offers, line, factors, unfit, found.said)
    attach(session, views, need.sector or (row.sector_key if row else None))
    return MatchResult(dia, row, views, line, sorted(excluded, key=lambda e: e.code),
                       len(best) < SHORT_LIST, understood)


def _candidates(kept: list[m.Technology], found: Pool, understood: Understanding, offers: dict, impacts: dict,
                unfit: dict, line: Line | None, factors: Factors) -> list[Candidate]:
    """The entries as matching.scoring reads them. Text and plant-language
    relevance are compared with every entry the plant does not have (not only
    with those that fit the goal)."""
    codes = [tech.code for tech in kept]
    gone = understood.installed | understood.declined
    reference = [t.code for t in found.technologies if t.code not in gone]
    text = relative(found.text, codes, reference)
    symptom = relative(found.symptom, codes, reference, SYMPTOM_FULL)
    out = []
    for tech in kept:
        goals, takes_waste = waste_fit(tech, understood)
        out.append(replace(candidate(tech, text[tech.code], offers.get(tech.id, []),
                                     saving_pct(tech, line, impacts[tech.id], factors)),
                           unfit=unfit[tech.code] is not None, symptom=symptom[tech.code], goals=goals,
                           takes_waste=takes_waste))
    return out


def _best(need: Need, candidates: list[Candidate], techs: dict, limit: int) -> list[tuple[Match, object]]:
    """The best matches worth showing, best first: enough to show ``limit`` and
    to tell whether the list is short. Candidates below MIN_SCORE are never
    scored in full (matching.ranking)."""
    weights = active_factors(need)
    best = []
    for total, c in ordered(need, candidates, weights):
        if total < MIN_SCORE:
            break
        result, tech = score(need, c, weights), techs[c.code]
        if relevant(result, tech, need):
            best.append((result, tech))
            if len(best) >= max(limit, SHORT_LIST):
                break
    return best


def _entities(session: Session, best: list) -> list[tuple[Match, m.Technology]]:
    """The shown matches with their entries as entities (candidates are rows)."""
    ids = [row.id for _r, row in best]
    loaded = {t.id: t for t in session.scalars(select(m.Technology).where(m.Technology.id.in_(ids)))}
    return [(result, loaded[row.id]) for result, row in best]


def _views(session: Session, q: MatchQuery, need: Need, shown: list, impacts: dict, offers: dict,
           line: Line | None, factors: Factors, ruled_out: dict, said: dict) -> list[MatchView]:
    """The shown matches with their appraisal, reasons and fitting offers."""
    prices = listed_prices(session, [tech.id for _r, tech in shown])
    rate = discount_rate(session)
    bill = line_energy_cost(line, factors) if line is not None and line.unit_energy is not None \
        and line.annual_output is not None else None
    views = []
    for result, tech in shown:
        impact = impacts[tech.id]
        appraisal = None
        if line is not None:
            capex = capex_for(tech.effect or {}, q.quotes.get(tech.code), prices.get(tech.id, []),
                              q.capacity or q.annual_output)
            appraisal = appraise(tech.effect or {}, impact, capex, rate)
        fitting = fitting_offers(need, result.candidate)
        chosen = [o for o in offers.get(tech.id, ()) if o.info in fitting]
        reasons = explained(need, result, tech, impact, ruled_out[tech.code], said.get(tech.code, ()))
        terms = _comparisons(chosen, impact, appraisal, line, bill, rate)
        views.append(MatchView(reasons, tech, impact, terms, appraisal))
    return views


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
