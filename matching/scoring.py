"""Scoring a technology against an enterprise's need: named factors, one
weight table, reasons in Chinese and English.

Every factor is a value in [0, 1]. A factor the need says nothing about (no
budget, no benchmark product …) is left out for every candidate and the
remaining weights are rescaled, so the score stays in [0, 1]. A factor the
need asks about but the candidate cannot answer (no quantified saving) counts
as neutral 0.5 rather than as a guess.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import fit

# The one place the weights live (relative; normalised to sum to 1, and the
# active ones rescaled again for each need).
_RAW_WEIGHTS: dict[str, float] = {
    "text": 0.30,        # how well the catalogue text answers the need's words
    "symptom": 0.30,     # the need's words say the problems the entry solves (its problem knowledge)
    "stage": 0.15,       # the same process stage (工艺环节)
    "product": 0.12,     # improves the facility's benchmark product
    "gap": 0.08,         # the facility has a benchmark gap this technology can close
    "saving": 0.10,      # quantified saving against the target
    "capex": 0.05,       # investment within the budget
    "financing": 0.07,   # EMC offers that fit the financing preference
    "maturity": 0.06,    # readiness (TRL) against what the need requires
    "supplier": 0.04,    # verified suppliers serving the region
    "plan": 0.03,        # named by the plan / featured by the bureau
    "capital": 0.15,     # the project size the need can take (only when it rules out a big project)
    "goal": 0.15,        # delivers what the need asks for (energy, process CO2, fuel, measuring …)
    "sector": 0.25,      # the need's sector, or a truly cross-cutting entry (another sector rarely fits)
    "conditions": 0.40,  # only when the need rules entries out: its stated conditions, or "not that one"
}
WEIGHTS: dict[str, float] = {k: w / sum(_RAW_WEIGHTS.values()) for k, w in _RAW_WEIGHTS.items()}
NEUTRAL = 0.5
EMC_MODELS = ("shared_savings", "guaranteed_savings", "energy_cost_hosting", "financing_lease", "hybrid")


@dataclass(frozen=True)
class Need:
    sector: str | None = None
    stage: str | None = None
    product: str | None = None             # benchmark product family of the facility
    gap_share: float | None = None         # share of the facility's energy above the benchmark
    target_saving_pct: float | None = None
    budget_cny: float | None = None
    financing: str = "any"                 # any | self_funded | any_emc | an EMC model
    min_trl: int | None = None
    district: str | None = None
    low_capital: bool = False              # the need rules out a big capital project
    third_party: bool = False              # … but has an energy service company or a lessor invest
    goals: frozenset[str] = frozenset()    # what the need asks for (catalog.enterprise.understanding)
    mechanism: str | None = None           # the mechanism its problem type points to
    conditions: bool = False               # the need rules some entry out (a condition, "not that one")


@dataclass(frozen=True)
class OfferInfo:
    model: str
    min_project_cny: float | None = None
    regions: tuple[str, ...] = ()          # district keys, "chongqing" or "national"
    verified: bool = False


@dataclass(frozen=True)
class Candidate:
    code: str
    name_zh: str
    name_en: str
    sector: str
    stage: str
    trl: int
    applicable_to: tuple[str, ...] = ()
    text_score: float = 0.0                # relevance normalised to [0, 1] by the caller
    saving_pct: float | None = None
    capex_cny: float | None = None
    plan_named: bool = False
    promoted: bool = False
    offers: tuple[OfferInfo, ...] = ()
    capital: str = ""                      # new_line | major | minor | operational (problem knowledge)
    goals: tuple[str, ...] = ()            # what the entry delivers (problem knowledge)
    mechanism: str = ""                    # how it acts (its effect model)
    unfit: bool = False                    # the need states a condition under which it does not fit
    symptom: float = 0.0                   # how much of its problem knowledge the need says, in [0, 1]
    takes_waste: bool = False              # it takes a waste the need's own sector produces and names


@dataclass(frozen=True)
class Factor:
    name: str
    value: float
    weight: float

    @property
    def contribution(self) -> float:
        return self.value * self.weight


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    score: float
    factors: tuple[Factor, ...]
    reasons_zh: tuple[str, ...] = field(default=())
    reasons_en: tuple[str, ...] = field(default=())


def clip(x: float) -> float:
    return max(0.0, min(1.0, x))


# Stages that serve every process stage of their sector (a cement plant's waste-heat power serves the kiln).
UTILITY_STAGES = frozenset({"waste_heat", "energy_supply", "utilities_motors", "digital_management"})


def stage_fit(need: Need, c: Candidate) -> float:
    """The need's stage; else the sector's own entry (above a cross-cutting
    one when the need names no stage, as when it does for a utility stage)."""
    if c.stage == need.stage:
        return 1.0
    if c.sector == "cross_cutting":
        return 0.5
    if not need.sector or c.sector != need.sector:
        return 0.0
    if need.stage is None:
        return 0.7
    return 0.8 if c.stage in UTILITY_STAGES else 0.4


def product_fit(need: Need, c: Candidate) -> float:
    if need.product in c.applicable_to:
        return 1.0
    return 0.3 if c.sector == "cross_cutting" or not c.applicable_to else 0.0


def gap_fit(need: Need, c: Candidate) -> float:
    if need.product not in c.applicable_to:
        return 0.0
    return clip(0.3 + 7 * (need.gap_share or 0.0))


def saving_fit(need: Need, c: Candidate) -> float:
    """Monotonic in the saving: more saving never lowers it."""
    if c.saving_pct is None:
        return NEUTRAL
    target = need.target_saving_pct or 20.0
    return clip(c.saving_pct / target)


def capex_fit(need: Need, c: Candidate) -> float:
    if c.capex_cny is None:
        return NEUTRAL
    return 1.0 if c.capex_cny <= need.budget_cny else clip(need.budget_cny / c.capex_cny)


def _serves(offer: OfferInfo, district: str | None) -> bool:
    return not offer.regions or "national" in offer.regions or "chongqing" in offer.regions \
        or (district is not None and district in offer.regions)


def fitting_offers(need: Need, c: Candidate) -> list[OfferInfo]:
    wanted = EMC_MODELS if need.financing in ("any", "any_emc") else (need.financing,)
    budget = need.budget_cny
    return [o for o in c.offers if o.model in wanted and _serves(o, need.district)
            and (budget is None or o.min_project_cny is None or o.min_project_cny <= budget)]


def financing_fit(need: Need, c: Candidate) -> float:
    if need.financing == "self_funded":
        return 1.0
    return 1.0 if fitting_offers(need, c) else 0.2


def maturity_fit(need: Need, c: Candidate) -> float:
    if need.min_trl is not None and c.trl < need.min_trl:
        return 0.0
    return clip(c.trl / 9)


def supplier_fit(need: Need, c: Candidate) -> float:
    verified = sum(1 for o in c.offers if o.verified and _serves(o, need.district))
    return clip(0.3 + 0.35 * verified)


def plan_fit(_need: Need, c: Candidate) -> float:
    return 1.0 if c.promoted else 0.7 if c.plan_named else 0.3


def capital_size_fit(need: Need, c: Candidate) -> float:
    return fit.capital_fit(c.capital, need.third_party)


def goal_rule(need: Need, c: Candidate) -> float:
    return fit.goal_fit(need.goals, c.goals, need.mechanism, c.mechanism)


def sector_rule(need: Need, c: Candidate) -> float:
    return fit.sector_fit(need.sector, c.sector, c.takes_waste)


def conditions_fit(_need: Need, c: Candidate) -> float:
    return 0.0 if c.unfit else 1.0


def symptom_fit(_need: Need, c: Candidate) -> float:
    return clip(c.symptom)


def text_fit(_need: Need, c: Candidate) -> float:
    return clip(c.text_score)


RULES = {"text": text_fit, "symptom": symptom_fit, "conditions": conditions_fit, "stage": stage_fit,
         "product": product_fit, "gap": gap_fit, "saving": saving_fit, "capex": capex_fit,
         "financing": financing_fit, "maturity": maturity_fit, "supplier": supplier_fit, "plan": plan_fit,
         "capital": capital_size_fit, "goal": goal_rule, "sector": sector_rule}


def active_factors(need: Need) -> dict[str, float]:
    """The weights of the factors this need can be judged on, rescaled to sum to 1."""
    skip = set()
    if need.stage is None and need.sector is None:
        skip.add("stage")
    if need.product is None:
        skip |= {"product", "gap"}
    if need.gap_share is None:
        skip.add("gap")
    if need.budget_cny is None:
        skip.add("capex")
    if not need.low_capital:
        skip.add("capital")
    if not need.goals:
        skip.add("goal")
    if need.sector is None:
        skip.add("sector")
    if not need.conditions:
        skip.add("conditions")
    weights = {k: w for k, w in WEIGHTS.items() if k not in skip}
    total = sum(weights.values())
    return {k: w / total for k, w in weights.items()}


def score(need: Need, c: Candidate, weights: dict[str, float] | None = None) -> Match:
    weights = weights or active_factors(need)
    factors = tuple(Factor(k, RULES[k](need, c), w) for k, w in weights.items())
    total = clip(sum(f.contribution for f in factors))
    return Match(c, round(total, 6), factors)


def rank(need: Need, candidates: list[Candidate], limit: int = 10) -> list[Match]:
    """Best first; ties broken by code so the order is deterministic. Only the
    candidates that can reach the top are scored in full (matching.ranking)."""
    from .ranking import rank as ranked

    return ranked(need, candidates, limit)
