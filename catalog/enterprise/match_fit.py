"""Whether an entry can answer a need at all, and whether it is worth showing:
what the plant has, the goal against the entry's mechanism, the sector, the
wastes the need names, the conditions it states, and how clearly its words
point to the entry (catalog.enterprise.matches ranks what is left)."""
from __future__ import annotations

from catalog import models as m
from matching.fit import (
    CAPITAL_FIT,
    GOAL_NONE,
    Exclusion,
    adjacent,
    declined,
    exclusion,
    not_fit,
    other_sector,
)
from matching.scoring import Match, Need

from .conditions import scope_of, unfit_conditions
from .match_pool import Pool
from .understanding import Understanding, materials_in, producers
from .understanding import normalised as normalised_text

# A match the need's words do not point to (text or plant-language relevance below this) is no match,
# unless it is made for the line's own benchmark product: stage, sector and goal alone are not a match.
MIN_RELEVANCE = 0.1
CLEAR_RELEVANCE = 0.3
CAPITAL_MAJOR = CAPITAL_FIT["major"]
NARROW_GOALS = frozenset({"measure", "cost"})   # few entries serve them: each that does is worth showing


def goals_of(tech: m.Technology) -> tuple[str, ...] | None:
    """What the entry delivers, from its problem knowledge; None when it has
    none yet (an entry added after the seed): unknown, never 'nothing'."""
    problems = tech.problems or {}
    return tuple(problems["goals"]) if "goals" in problems else None


def _not_fit(tech: m.Technology, text: str) -> tuple[Exclusion | None, bool]:
    """A condition the need states under which the entry does not fit, and
    whether it rules the whole entry out: a condition of one variant only
    (煤改气： … of coal-to-gas-or-electricity) leaves the others standing."""
    problems = tech.problems or {}
    zh, en = problems.get("not_fit_zh", []), problems.get("not_fit_en", [])
    found = unfit_conditions(text, [normalised_text(p) for p in zh + en])
    if not found:
        return None, False
    said = [index % len(zh) if zh else 0 for index in found]
    left = not_fit(tech.code, zh[said[0]] if zh else "", en[said[0]] if said[0] < len(en) else "")
    variants = {scope_of(p) for p in zh} - {None}
    stated = {scope_of(zh[i]) for i in said} if zh else {None}
    return left, None in stated or variants <= stated


def fitting(found: Pool, stage: str | None, understood: Understanding) -> tuple[list, list[Exclusion]]:
    """The candidates that can answer the need, and the others with the reason."""
    kept, excluded = [], []
    for tech in found.technologies:
        left_out = exclusion(tech.code, goals_of(tech), (tech.effect or {}).get("mechanism", ""),
                             need_goals=understood.firm_goals, installed=understood.installed)
        if left_out is None and _other_sector(tech, understood):
            left_out = other_sector(tech.code)
        if left_out is None:
            kept.append(tech)
        elif left_out.reason == "installed" or _expected(tech, found, stage):
            excluded.append(left_out)      # only what the user might have expected is worth saying
    return kept, excluded


def _other_sector(tech: m.Technology, understood: Understanding) -> bool:
    """The need's sector is certain, and the entry belongs to another one, is
    no outlet for the need's own waste, and is not an adjacent sector's entry
    free of that sector's own products (a binder may serve a precast plant; a
    raw-meal measure for clinker lines may not)."""
    if not understood.sector_certain or tech.sector_key in (understood.sector, "cross_cutting"):
        return False
    if adjacent(understood.sector, tech.sector_key) and not tech.applicable_to:
        return False
    return not waste_fit(tech, understood)[1]


def _expected(tech: m.Technology, found: Pool, stage: str | None) -> bool:
    """Whether the user might expect the entry: the text finds it or says its
    problems, or it belongs to the need's stage."""
    return bool(found.text.get(tech.code) or found.said.get(tech.code)) or tech.stage_key == stage


def relevant(result: Match, tech: m.Technology, need: Need) -> bool:
    """The need's words point to the entry, or the entry is made for the line's
    benchmark product (generic ones included: they list the products they
    serve), or the need only wants to measure (or cut its bill) and the entry
    does just that. An entry that fits the need poorly in kind (it delivers
    none of its goals, is made for another product, or is a capital project
    the need rules out) must be pointed to clearly."""
    values = {f.name: f.value for f in result.factors}
    said = max(values.get("text", 0.0), values.get("symptom", 0.0))
    poor = values.get("goal") == GOAL_NONE or values.get("product") == 0.0 \
        or values.get("capital", 1.0) <= CAPITAL_MAJOR
    if poor:
        return said >= CLEAR_RELEVANCE
    narrow = need.goals - {"finance"} <= NARROW_GOALS and bool(need.goals & set(result.candidate.goals))
    made_for = need.product is not None and need.product in tech.applicable_to
    return said >= MIN_RELEVANCE or narrow or made_for


def waste_fit(tech: m.Technology, understood: Understanding) -> tuple[tuple[str, ...], bool]:
    """The entry's goals for this need, and whether it is an outlet for the need's
    own waste. It uses the wastes the need names only if its knowledge names one
    of them (an entry for dross is no use for red mud); it is an outlet across
    sectors when the need's sector produces that waste."""
    goals = goals_of(tech) or ()
    if "resource" not in goals or not understood.materials:
        return goals, False
    problems = tech.problems or {}
    said = " ".join([tech.name_zh, tech.name_en, *tech.keywords_zh, *tech.keywords_en,
                     *problems.get("problems_zh", []), *problems.get("problems_en", [])])
    shared = materials_in(said) & understood.materials
    if not shared:
        return tuple(g for g in goals if g != "resource"), False
    return goals, understood.sector in producers(shared)


def ruled_out(tech: m.Technology, text: str, understood: Understanding) -> tuple[Exclusion | None, bool]:
    """The need rules the entry out itself: it says "not that one", or states a
    condition under which the entry does not fit; and whether wholly."""
    return (declined(tech.code), True) if tech.code in understood.declined else _not_fit(tech, text)
