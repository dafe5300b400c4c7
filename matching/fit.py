"""Whether a technology can answer a need at all, before it is scored: what
the plant already has, what the need wants (its goals) against what the
technology delivers, and which sector it belongs to. An entry that cannot
answer is left out with a stated reason (never silently), so the page can
say why an entry the user might expect is not there.

Goals: energy, process_co2, fuel_switch, comply, measure, resource (use of
wastes and by-products), cost (a lower energy bill for the same energy:
tariffs, peaks), finance (the technology's own goals come from its problem
knowledge). A need to comply with a limit is served by entries that
lower energy too.
"""
from __future__ import annotations

from dataclasses import dataclass

REASONS = {
    "installed": ("产线已安装该技术，不再推荐", "The line already has it, so it is not recommended again"),
    "goal": ("该技术不能实现需求的目标（{goals}）", "It does not deliver what the need asks for ({goals})"),
    "product": ("该条目是产品或材料，不改变产线本身的能耗或排放",
                "It is a product or material: it does not change the line's own energy or emissions"),
    "not_fit": ("不适用：{goals}", "Does not fit: {goals}"),
    "declined": ("需求中已说明不考虑该技术", "The need rules it out itself"),
    "sector": ("属于其他行业的技术，不适用于本需求的产线",
               "A technology of another sector: it does not apply to this line"),
}
GOAL_ZH = {"energy": "降低能耗", "process_co2": "减少过程排放", "fuel_switch": "燃料替代",
           "comply": "达到限额要求", "measure": "计量与核算", "resource": "固废消纳与资源化",
           "cost": "降低用能费用", "finance": "融资"}


@dataclass(frozen=True)
class Exclusion:
    code: str
    reason: str           # installed | goal | product | not_fit | declined | sector
    reason_zh: str
    reason_en: str


def served_by(need_goals: frozenset[str]) -> frozenset[str]:
    """The technology goals that answer the need's goals (complying with an
    energy limit is served by lower energy too)."""
    goals = set(need_goals) - {"finance"}        # how to pay is not what to do
    if "comply" in goals:
        goals.add("energy")
    return frozenset(goals)


# Mechanisms (matching.effects) that contradict a need's goal: capturing or removing process CO₂ and
# switching fuels do not lower the energy a line uses (CCUS and an inert anode raise it; co-processing
# does not lower heat consumption); energy measures leave process CO₂ as it is; capture does not bring
# a line under an energy limit.
CONTRADICTS = {"energy": ("process_co2", "fuel_switch"),
               "comply": ("process_co2", "fuel_switch"),
               "process_co2": ("indicator_share", "indicator_amount", "generation"),
               # a need that only wants to measure and report is answered by metering and management
               "measure": ("indicator_share", "indicator_amount", "generation", "fuel_switch", "process_co2"),
               # a need for an outlet for wastes is not answered by an energy retrofit
               "resource": ("indicator_share", "indicator_amount", "generation")}
# Goals a product or material (an entry delivering none of the goals) cannot serve for the line.
LINE_GOALS = frozenset({"energy", "process_co2", "fuel_switch", "comply", "measure"})


def exclusion(code: str, tech_goals: tuple[str, ...] | None, mechanism: str, *, need_goals: frozenset[str],
              installed: frozenset[str]) -> Exclusion | None:
    """Why ``code`` cannot answer the need, or None when it may. Only what is
    certain excludes: the plant has it; it is a product, not a change to the
    line; or its mechanism contradicts every goal of the need and it delivers
    none of them. Everything else (a partial goal fit, another sector) is a
    matter of scoring (``goal_fit``, ``sector_fit``)."""
    if code in installed:
        return _reason(code, "installed")
    goals = need_goals - {"finance"}
    if not goals or tech_goals is None:     # tech_goals None: not described yet
        return None
    if not tech_goals and goals <= LINE_GOALS:
        return _reason(code, "product")
    contradicted = all(mechanism in CONTRADICTS.get(goal, ()) for goal in goals)
    if contradicted and not served_by(goals) & set(tech_goals):
        wanted = sorted(goals)
        return _reason(code, "goal", zh="、".join(GOAL_ZH[g] for g in wanted),
                       en=", ".join(g.replace("_", " ") for g in wanted))
    return None


GOAL_NONE = 0.1   # the goal factor of an entry that delivers none of the need's goals


def goal_fit(need_goals: frozenset[str], tech_goals: tuple[str, ...], need_mechanism: str | None = None,
             mechanism: str = "") -> float:
    """1 when the entry delivers a goal of the need by the mechanism its
    problem type points to (waste heat → generation …), 0.7 by another, low
    when it delivers none, neutral when either side is unknown."""
    wanted = served_by(need_goals)
    if not wanted or not tech_goals:
        return 0.5
    if not set(tech_goals) & wanted:
        return GOAL_NONE
    return 0.7 if need_mechanism and mechanism != need_mechanism else 1.0


# Sectors whose plants share materials and kilns closely enough that an entry of one, not made for the
# other's own products, may serve the other (low-clinker binders for a precast plant).
ADJACENT = frozenset({frozenset({"cement", "wall_materials"}), frozenset({"ceramics", "wall_materials"})})


def adjacent(need_sector: str | None, tech_sector: str) -> bool:
    return frozenset({need_sector, tech_sector}) in ADJACENT


def sector_fit(need_sector: str | None, tech_sector: str, takes_waste: bool = False) -> float:
    """An entry of another sector is penalised, unless it is cross-cutting, or
    the need wants a use for its wastes and the entry takes wastes (red mud
    goes to brickworks, slag to concrete: the outlet is another sector); an
    adjacent sector's entry less so."""
    if not need_sector or tech_sector in ("cross_cutting", need_sector):
        return 1.0
    return 0.8 if takes_waste else 0.5 if adjacent(need_sector, tech_sector) else 0.0


def not_fit(code: str, phrase_zh: str, phrase_en: str) -> Exclusion:
    """The need states a condition under which the entry does not fit."""
    return Exclusion(code, "not_fit", REASONS["not_fit"][0].format(goals=phrase_zh),
                     REASONS["not_fit"][1].format(goals=phrase_en))


def other_sector(code: str) -> Exclusion:
    """The need's sector is certain and the entry belongs to another one."""
    return _reason(code, "sector")


def declined(code: str) -> Exclusion:
    """The need rules the entry out itself ("碳捕集太贵，暂不考虑")."""
    return _reason(code, "declined")


def _reason(code: str, key: str, zh: str = "", en: str = "") -> Exclusion:
    template_zh, template_en = REASONS[key]
    return Exclusion(code, key, template_zh.format(goals=zh), template_en.format(goals=en))


CAPITAL_FIT = {"operational": 1.0, "minor": 0.6, "major": 0.15, "new_line": 0.0}
FINANCED_MAJOR = 0.5   # a capital retrofit an energy service company or a lessor pays for


def capital_fit(capital: str, third_party: bool = False) -> float:
    """When the need rules out a big capital project: control and management
    measures first, equipment swaps next, capital retrofits last, a new line
    never. A need that has a third party invest can take a retrofit, not a
    new line."""
    if capital == "major" and third_party:
        return FINANCED_MAJOR
    return CAPITAL_FIT.get(capital, 0.5)
