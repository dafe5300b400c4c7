"""How each mechanism changes a line's use of each carrier, for one value of
the effect: tce less used per carrier (negative = more), the substitute's
energy and counted CO₂ (for substitutes outside the carrier vocabulary) and
process CO₂ avoided. ``matching.impact`` runs it for the low, typical and
high value and turns tce into amounts, CO₂ and money.

Each function also writes the steps of its arithmetic (for the typical value)
so a page can show how the figure follows from the inputs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .effects import Effect
from .numbers import fmt
from .units import FUELS, KJ_PER_KGCE


class NotApplicable(Exception):
    """The effect cannot be applied to this line; ``reason`` is a key the
    portal explains (product, electric_line, no_carrier, no_fuel,
    negative_indicator, missing)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Step:
    label: str        # a key the portal translates
    formula: str      # language-neutral arithmetic with units
    carrier: str = ""


@dataclass
class Delta:
    tce: dict[str, float] = field(default_factory=dict)   # saved per carrier (negative = more used)
    kwh: float = 0.0                                      # electricity saved, where the natural unit is kWh
    substitute_tce: float = 0.0                           # non-vocabulary substitute burned
    substitute_co2: float | None = 0.0                    # its counted CO₂ (None: not known)
    process_co2: float = 0.0                              # process CO₂ avoided
    steps: list[Step] = field(default_factory=list)


@dataclass(frozen=True)
class LineEnergy:
    """What the mechanisms need of a line: its output, the energy it uses a
    year (tce; kWh too for an electricity indicator) and the tce shares."""

    output: float
    output_unit: str
    tce: float
    kwh: float | None                  # set for kWh indicators only
    shares: dict[str, float]
    main_fuel: str
    family: str | None


def spread_over_fuels(line: LineEnergy, tce: float, delta: Delta, label: str) -> None:
    """Book ``tce`` of fuel against the line's fuels in proportion to their
    shares (all of it to the main fuel when the line records no fuel)."""
    fuels = {c: s for c, s in line.shares.items() if c in FUELS and s > 0}
    if not fuels:
        if line.main_fuel not in FUELS:
            raise NotApplicable("no_fuel")
        fuels = {line.main_fuel: 1.0}
    total = sum(fuels.values())
    for carrier, share in fuels.items():
        part = tce * share / total
        delta.tce[carrier] = delta.tce.get(carrier, 0.0) + part
        if len(fuels) > 1:
            delta.steps.append(Step(label, f"{fmt(tce)} tce × {fmt(share / total * 100)} % = {fmt(part)} tce",
                                    carrier))


def share_of_line(effect: Effect, line: LineEnergy, v: float, delta: Delta) -> None:
    """indicator_share / enabling: ``v`` % of the line's energy in scope."""
    scope = effect.carrier or "all"
    if line.kwh is not None:
        if scope == "fuel":
            raise NotApplicable("electric_line")
        kwh = line.kwh * v / 100
        delta.kwh += kwh
        delta.steps.append(Step("saving", f"{fmt(line.kwh)} kWh × {fmt(v)} % = {fmt(kwh)} kWh",
                                "electricity"))
        return
    carriers = [c for c, s in line.shares.items() if s > 0 and (
        scope == "all" or (scope == "fuel" and c in FUELS) or c == scope)]
    if not carriers:
        raise NotApplicable("no_carrier", scope)
    for c in carriers:
        base = line.tce * line.shares[c]
        saved = base * v / 100
        delta.tce[c] = saved
        delta.steps.append(Step("carrier_energy", f"{fmt(line.tce)} tce × {fmt(line.shares[c] * 100)} % "
                                f"= {fmt(base)} tce", c))
        delta.steps.append(Step("saving", f"{fmt(base)} tce × {fmt(v)} % = {fmt(saved)} tce", c))


def amount_per_unit(effect: Effect, line: LineEnergy, v: float, delta: Delta) -> None:
    """indicator_amount and generation: ``v`` per unit of output."""
    quantity = effect.amount_unit
    total = v * line.output
    formula = f"{fmt(v)} {effect.unit} × {fmt(line.output)} {line.output_unit} = {fmt(total)} {quantity}"
    if quantity == "kWh":
        delta.kwh += total
        delta.steps.append(Step("saving", formula, "electricity"))
        return
    if quantity == "GJ":
        tce = total * 1e6 / KJ_PER_KGCE / 1000
        delta.steps.append(Step("saving", formula))
        delta.steps.append(Step("heat_tce", f"{fmt(total)} GJ × 10⁶ ÷ {fmt(KJ_PER_KGCE)} kJ/kgce ÷ 1000 "
                                f"= {fmt(tce)} tce"))
    else:  # kgce
        tce = total / 1000
        delta.steps.append(Step("saving", f"{formula} = {fmt(tce)} tce"))
    if effect.carrier in FUELS:
        delta.tce[effect.carrier] = delta.tce.get(effect.carrier, 0.0) + tce
    else:
        spread_over_fuels(line, tce, delta, "fuel_split")


def fuel_switch(effect: Effect, line: LineEnergy, v: float, delta: Delta) -> None:
    """``v`` % of the replaced carrier's energy comes from the substitute."""
    if line.kwh is not None:
        raise NotApplicable("electric_line")
    replaced = line.main_fuel if effect.replaces in ("", "main_fuel") else effect.replaces
    if replaced == "fuel":
        base = line.tce * sum(s for c, s in line.shares.items() if c in FUELS)
    else:
        base = line.tce * line.shares.get(replaced, 0.0)
    if base <= 0:
        raise NotApplicable("no_carrier", replaced)
    moved = base * v / 100
    if replaced != "fuel":
        share = fmt(line.shares[replaced] * 100)
        delta.steps.append(Step("carrier_energy", f"{fmt(line.tce)} tce × {share} % = {fmt(base)} tce",
                                replaced))
    delta.steps.append(Step("replaced", f"{fmt(base)} tce × {fmt(v)} % = {fmt(moved)} tce", replaced))
    if replaced == "fuel":
        spread_over_fuels(line, moved, delta, "fuel_split")
    else:
        delta.tce[replaced] = moved
    added = moved * effect.substitute_ratio
    delta.steps.append(Step("substitute", f"{fmt(moved)} tce × {fmt(effect.substitute_ratio)} "
                            f"= {fmt(added)} tce", effect.carrier))
    if effect.carrier in ("electricity", "natural_gas"):
        delta.tce[effect.carrier] = delta.tce.get(effect.carrier, 0.0) - added
        return
    delta.substitute_tce = added
    per_tce = effect.substitute_tco2_per_tce
    delta.substitute_co2 = None if per_tce is None else added * per_tce
    if per_tce is not None:
        delta.steps.append(Step("substitute_co2", f"{fmt(added)} tce × {fmt(per_tce)} tCO2/tce "
                                f"= {fmt(added * per_tce)} t CO2", effect.carrier))


def process_co2(effect: Effect, line: LineEnergy, v: float, delta: Delta) -> None:
    delta.process_co2 = v * line.output
    delta.steps.append(Step("process_co2", f"{fmt(v)} {effect.unit} × {fmt(line.output)} {line.output_unit} "
                            f"= {fmt(delta.process_co2)} t CO2"))


RULES = {"indicator_share": share_of_line, "enabling": share_of_line, "indicator_amount": amount_per_unit,
         "generation": amount_per_unit, "fuel_switch": fuel_switch, "process_co2": process_co2}


def delta(effect: Effect, line: LineEnergy, v: float) -> Delta:
    if not effect.fits(line.family):
        raise NotApplicable("product")
    out = Delta()
    RULES[effect.mechanism](effect, line, v, out)
    return out
