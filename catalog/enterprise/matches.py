"""Matches for a need: candidates from the search index and the taxonomy,
scored by matching/, each with its impact estimate for the facility and the
EMC offers that fit, cash flows included."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session, selectinload

from catalog import models as m
from catalog.search import SearchRequest, search
from catalog.search.documents import NUMBER
from matching.benchmark import Diagnosis
from matching.impact import Facility, Impact, estimate
from matching.reasons import explain
from matching.scoring import Candidate, Match, Need, active_factors, fitting_offers, score

from . import diagnosis as diag
from .offers import Comparison, OfferView, compare, offers_for

TEXT_CANDIDATES = 60
CANDIDATE_SHARE = 0.2  # a long need text: a fifth of its concepts is enough to be a candidate


@dataclass(frozen=True)
class MatchQuery:
    """A need as plain values (from a stored need or the API)."""

    text: str
    sector: str | None = None
    stage: str | None = None
    product_key: str | None = None      # a benchmark row key or a product family key
    unit_energy: float | None = None
    annual_output: float | None = None
    target_saving_pct: float | None = None
    budget_cny: float | None = None
    financing: str = "any"
    district: str | None = None
    electricity_price: float | None = None
    coal_price: float | None = None


@dataclass
class MatchView:
    match: Match
    technology: m.Technology
    impact: Impact | None
    saving_basis: str | None            # "figure", "benchmark_gap" or None
    saving_source: str = ""
    offers: list[Comparison] = field(default_factory=list)


@dataclass
class MatchResult:
    diagnosis: Diagnosis | None
    product: m.BenchmarkProduct | None
    views: list[MatchView]


def need_query(need: m.Need) -> MatchQuery:
    """A stored need (and its production line, if any) as a MatchQuery."""
    line = need.facility
    return MatchQuery(
        text=f"{need.title}\n{need.description}", stage=need.stage_key,
        product_key=line.product_key if line else None,
        unit_energy=line.unit_energy if line else None, annual_output=line.annual_output if line else None,
        target_saving_pct=need.target_saving_pct, budget_cny=need.budget_cny, financing=need.financing,
        district=line.district_key if line else None,
        electricity_price=line.electricity_price if line else None,
        coal_price=line.coal_price if line else None)


def product_row(session: Session, key: str | None) -> m.BenchmarkProduct | None:
    if not key:
        return None
    row = session.get(m.BenchmarkProduct, key)
    if row is None:
        row = session.scalars(select(m.BenchmarkProduct).where(m.BenchmarkProduct.family == key)
                              .order_by(m.BenchmarkProduct.position)).first()
    if row is None:
        from catalog.errors import InvalidInput

        raise InvalidInput("benchmark_product", key)
    return row


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


def whole_line_saving(tech: m.Technology) -> tuple[float, str] | None:
    """A percentage saving the entry states for the whole process (unit plain
    "%"), with its source and flag. Savings of one part ("% specific power",
    "% melting fuel") are not applied to the whole line's energy."""
    best = None
    for fig in tech.figures:
        if fig.metric == "energy_saving" and fig.unit.strip() == "%":
            numbers = [float(n) for n in NUMBER.findall(fig.value_text.replace("-", " "))]
            if numbers and (best is None or sum(numbers) / len(numbers) > best[0]):
                mean = sum(numbers) / len(numbers)
                best = (mean, f"{tech.code}: {fig.value_text} % — {fig.source} [{fig.flag}]")
    return best


def _saving(tech: m.Technology, row: m.BenchmarkProduct | None, q: MatchQuery,
            dia: Diagnosis | None) -> tuple[float | None, str | None, str]:
    """The saving to estimate with: the entry's own whole-process percentage,
    else — for an entry that improves this product — the cut that would bring
    the line to the benchmark (an upper bound), else nothing."""
    own = whole_line_saving(tech)
    if own is not None:
        return own[0], "figure", own[1]
    if row is not None and row.family in tech.applicable_to and dia is not None \
            and dia.gap_to_benchmark and q.unit_energy:
        pct = 100 * dia.gap_to_benchmark / abs(q.unit_energy)
        source = f"gap to the national benchmark {row.benchmark:g} {row.unit} (upper bound)"
        return pct, "benchmark_gap", source
    return None, None, ""


def scoring_need(q: MatchQuery, row: m.BenchmarkProduct | None, dia: Diagnosis | None) -> Need:
    """The need as matching.scoring reads it."""
    gap_share = None
    if dia and dia.gap_to_benchmark and q.unit_energy:
        gap_share = dia.gap_to_benchmark / abs(q.unit_energy)
    return Need(sector=q.sector or (row.sector_key if row else None), stage=q.stage,
                product=row.family if row else None, gap_share=gap_share,
                target_saving_pct=q.target_saving_pct, budget_cny=q.budget_cny, financing=q.financing,
                district=q.district)


def candidate(tech: m.Technology, text_score: float, offers: list[OfferView]) -> Candidate:
    # Only the entry's own figure counts for scoring; the benchmark gap is the
    # facility's, the same for every candidate, and only bounds the estimate.
    own = (whole_line_saving(tech) or (None,))[0]
    return Candidate(tech.code, tech.name_zh, tech.name_en, tech.sector_key, tech.stage_key, tech.trl,
                     tuple(tech.applicable_to), text_score, own, None, tech.plan_named,
                     tech.promoted, tuple(o.info for o in offers))


def explained(need: Need, result: Match, tech: m.Technology, q: MatchQuery, row: m.BenchmarkProduct | None,
              dia: Diagnosis | None, factors) -> tuple[Match, Impact | None, str | None, str]:
    """The match with its reasons, the impact estimate for the facility and
    the basis and source of the saving it assumes."""
    saving_pct, basis, source = _saving(tech, row, q, dia)
    facility = Facility(row.unit if row else "", q.unit_energy, q.annual_output,
                        q.electricity_price, q.coal_price)
    impact = estimate(facility, saving_pct, source, None, factors) if row is not None else None
    stage = (tech.stage.name_zh, tech.stage.name_en)
    return (explain(need, result, impact, stage_label=stage, upper_bound=basis == "benchmark_gap"),
            impact, basis, source)


def match(session: Session, index_dir: Path, q: MatchQuery, limit: int = 10) -> MatchResult:
    row = product_row(session, q.product_key)
    dia = None
    if row is not None and q.unit_energy is not None and q.annual_output is not None:
        dia = diag.diagnose_values(session, row.key, q.unit_energy, q.annual_output)[1]
    factors = diag.factors(session)
    need = scoring_need(q, row, dia)
    pool = _candidates(session, index_dir, q, need.product)
    offers = offers_for(session, [t.id for t, _s in pool])
    weights = active_factors(need)
    scored = [(score(need, candidate(tech, text_score, offers.get(tech.id, [])), weights), tech)
              for tech, text_score in pool]
    scored.sort(key=lambda pair: (-pair[0].score, pair[1].code))
    views = []
    for result, tech in scored[:limit]:
        reasoned, impact, basis, source = explained(need, result, tech, q, row, dia, factors)
        fitting = fitting_offers(need, result.candidate)
        chosen = [o for o in offers.get(tech.id, ()) if o.info in fitting]
        views.append(MatchView(reasoned, tech, impact, basis, source,
                               compare(chosen, impact, q.budget_cny)))
    return MatchResult(dia, row, views)
