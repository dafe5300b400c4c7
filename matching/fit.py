"""Whether a technology can answer a need at all, before it is scored: what
the plant already has, what the need wants (its goals) against what the
technology delivers, and which sector it belongs to. An entry that cannot
answer is left out with a stated reason (never silently), so the page can
say why an entry the user might expect is not there.

Goals: energy, process_co2, fuel_switch, comply, measure, finance (the
technology's own goals come from its problem knowledge). A need to comply
with a limit is served by entries that lower energy too.
"""
from __future__ import annotations

from dataclasses import dataclass

REASONS = {
    "installed": ("产线已安装该技术，不再推荐", "The line already has it, so it is not recommended again"),
    "goal": ("该技术不能实现需求的目标（{goals}）", "It does not deliver what the need asks for ({goals})"),
    "product": ("该条目是产品或材料，不改变产线本身的能耗或排放",
                "It is a product or material: it does not change the line's own energy or emissions"),
    "not_fit": ("不适用：{goals}", "Does not fit: {goals}"),
}
GOAL_ZH = {"energy": "降低能耗", "process_co2": "减少过程排放", "fuel_switch": "燃料替代",
           "comply": "达到限额要求", "measure": "计量与核算", "finance": "融资"}


@dataclass(frozen=True)
class Exclusion:
    code: str
    reason: str           # installed | goal | product | not_fit
    reason_zh: str
    reason_en: str


def served_by(need_goals: frozenset[str]) -> frozenset[str]:
    """The technology goals that answer the need's goals (complying with an
    energy limit is served by lower energy too)."""
    goals = set(need_goals) - {"finance"}        # how to pay is not what to do
    if "comply" in goals:
        goals.add("energy")
    return frozenset(goals)


# Mechanisms (matching.effects) that contradict a need's single goal: capturing or removing process
# CO₂ and switching fuels do not lower the energy a line uses (CCUS and an inert anode raise it;
# co-processing does not lower heat consumption); energy measures leave process CO₂ as it is.
CONTRADICTS = {"energy": ("process_co2", "fuel_switch"),
               "process_co2": ("indicator_share", "indicator_amount", "generation"),
               # a need that only wants to measure and report is answered by metering and management
               "measure": ("indicator_share", "indicator_amount", "generation", "fuel_switch", "process_co2")}


def exclusion(code: str, tech_goals: tuple[str, ...] | None, mechanism: str, *, need_goals: frozenset[str],
              installed: frozenset[str]) -> Exclusion | None:
    """Why ``code`` cannot answer the need, or None when it may. Only what is
    certain excludes: the plant has it; it is a product, not a change to the
    line; or its mechanism contradicts the need's single goal. Everything else
    (a partial goal fit, another sector) is a matter of scoring
    (``goal_fit``, ``sector_fit``)."""
    if code in installed:
        return _reason(code, "installed")
    single = need_goals - {"finance"}
    if len(single) != 1 or tech_goals is None:     # tech_goals None: not described yet
        return None
    goal = next(iter(single))
    if not tech_goals and goal in ("energy", "process_co2", "measure"):
        return _reason(code, "product")
    if mechanism in CONTRADICTS.get(goal, ()) and goal not in (tech_goals or ()):
        return _reason(code, "goal", zh=GOAL_ZH[goal], en=goal.replace("_", " "))
    return None


def goal_fit(need_goals: frozenset[str], tech_goals: tuple[str, ...], need_mechanism: str | None = None,
             mechanism: str = "") -> float:
    """1 when the entry delivers a goal of the need by the mechanism its
    problem type points to (waste heat → generation …), 0.7 by another, low
    when it delivers none, neutral when either side is unknown."""
    wanted = served_by(need_goals)
    if not wanted or not tech_goals:
        return 0.5
    if not set(tech_goals) & wanted:
        return 0.1
    return 0.7 if need_mechanism and mechanism != need_mechanism else 1.0


def sector_fit(need_sector: str | None, tech_sector: str) -> float:
    """An entry of another sector is penalised, unless it is cross-cutting."""
    if not need_sector or tech_sector in ("cross_cutting", need_sector):
        return 1.0
    return 0.0


def not_fit(code: str, phrase_zh: str, phrase_en: str) -> Exclusion:
    """The need states a condition under which the entry does not fit."""
    return Exclusion(code, "not_fit", REASONS["not_fit"][0].format(goals=phrase_zh),
                     REASONS["not_fit"][1].format(goals=phrase_en))


def _reason(code: str, key: str, zh: str = "", en: str = "") -> Exclusion:
    template_zh, template_en = REASONS[key]
    return Exclusion(code, key, template_zh.format(goals=zh), template_en.format(goals=en))


CAPITAL_FIT = {"operational": 1.0, "minor": 0.6, "major": 0.15}


def capital_fit(capital: str) -> float:
    """When the need rules out a big capital project: control and management
    measures first, equipment swaps next, capital retrofits last."""
    return CAPITAL_FIT.get(capital, 0.5)
