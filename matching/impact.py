"""What one technology would mean for one production line: energy per
carrier, tce, CO₂ and money, as low / typical / high, with every input and
every step of the arithmetic, so a page can show how each figure follows.

The effect model (``matching.effects``) says what the technology does; the
line says how much it produces, from which carriers and at which prices. The
line's gap to the benchmark is context only (``gap_share_closed``), never the
saving. Positive figures mean less used, less emitted, less spent.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import mechanisms
from .effects import LOWERS_INDICATOR, Effect, Range
from .mechanisms import Delta, LineEnergy, NotApplicable, Step
from .numbers import fmt
from .units import CARRIERS, PRICE_UNIT, Factors


@dataclass(frozen=True)
class Line:
    """A production line as the estimate needs it. ``shares`` are the tce
    shares of the line's energy by carrier; ``prices`` CNY per carrier unit
    (``matching.units.PRICE_UNIT``)."""

    unit: str                                   # the benchmark indicator's unit, e.g. "kgce/t"
    family: str | None = None
    unit_energy: float | None = None
    annual_output: float | None = None
    shares: tuple[tuple[str, float], ...] = ()
    shares_default: bool = False                # the shares are the product's default, not entered
    main_fuel: str = "coal"
    prices: tuple[tuple[str, float], ...] = ()
    gap_to_benchmark: float | None = None       # indicator units, from the diagnosis

    @property
    def output_unit(self) -> str:
        return self.unit.split("/", 1)[1] if "/" in self.unit else ""

    @property
    def electric(self) -> bool:
        return self.unit.startswith("kWh")

    def price(self, carrier: str) -> float | None:
        return dict(self.prices).get(carrier)


@dataclass(frozen=True)
class Input:
    name: str
    value: object
    unit: str = ""
    source: str = ""      # a source-registry key, or "" for what the enterprise entered
    evidence: str = ""
    origin: str = ""      # line | default | effect | factor


@dataclass(frozen=True)
class CarrierChange:
    carrier: str
    unit: str
    amount: Range               # less used (negative: more used)
    tce: Range
    co2_t: Range
    cost_cny: Range | None      # None when the carrier's price is missing


@dataclass
class Impact:
    mechanism: str
    status: str = "ok"          # ok | not_quantified | not_applicable | incomplete
    reason: str = ""            # why not (a key the portal explains)
    energy_tce: Range | None = None
    co2_t: Range | None = None
    cost_cny: Range | None = None
    process_co2_t: Range | None = None
    substitute_tce: Range | None = None
    carriers: list[CarrierChange] = field(default_factory=list)
    gap_share_closed: float | None = None
    steps: list[Step] = field(default_factory=list)
    inputs: list[Input] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)      # what the enterprise should enter
    unavailable: list[str] = field(default_factory=list)  # figures no source lets us compute


def line_energy(line: Line, factors: Factors) -> LineEnergy:
    output = line.annual_output
    if line.electric:
        kwh = line.unit_energy * output
        return LineEnergy(output, line.output_unit, factors["electricity"].tce(kwh), kwh,
                          {"electricity": 1.0}, "electricity", line.family)
    return LineEnergy(output, line.output_unit, line.unit_energy * output / 1000, None,
                      dict(line.shares), line.main_fuel, line.family)


def line_energy_cost(line: Line, factors: Factors) -> float | None:
    """What the line pays for its energy a year (the hosting baseline): each
    carrier's amount at its price; None when a price is missing."""
    energy = line_energy(line, factors)
    total = 0.0
    for carrier, share in energy.shares.items():
        price = line.price(carrier)
        if price is None:
            return None
        amount = energy.kwh if energy.kwh is not None else factors[carrier].amount(energy.tce * share)
        total += amount * price
    return total


def _line_inputs(line: Line) -> list[Input]:
    inputs = [Input("unit_energy", line.unit_energy, line.unit, origin="line"),
              Input("annual_output", line.annual_output, f"{line.output_unit}/a", origin="line")]
    if not line.electric:
        origin = "default" if line.shares_default else "line"
        inputs += [Input(f"share_{c}", s, "", origin=origin) for c, s in line.shares]
    return inputs


def estimate(effect: Effect, line: Line, factors: Factors) -> Impact:
    impact = Impact(effect.mechanism)
    if not effect.quantified:
        impact.status, impact.reason = "not_quantified", "not_quantified"
        return impact
    impact.missing = [n for n, v in (("unit_energy", line.unit_energy), ("annual_output", line.annual_output))
                      if v is None]
    if impact.missing:
        impact.status = "incomplete"
        return impact
    if line.unit_energy <= 0 and effect.mechanism in ("indicator_share", "enabling", "fuel_switch"):
        impact.status, impact.reason = "not_applicable", "negative_indicator"
        return impact
    energy = line_energy(line, factors)
    try:
        deltas = [mechanisms.delta(effect, energy, v) for v in
                  (effect.value.low, effect.value.typical, effect.value.high)]
    except NotApplicable as exc:
        impact.status, impact.reason = "not_applicable", exc.reason
        return impact
    impact.inputs = _line_inputs(line) + [
        Input("effect", effect.value, effect.unit, effect.source, effect.evidence, "effect")]
    impact.steps = [Step("line_energy", _line_energy_formula(line, energy))] + deltas[1].steps
    _totals(impact, deltas, line, factors)
    impact.gap_share_closed = _gap_share(effect, line, impact)
    return impact


def _line_energy_formula(line: Line, energy: LineEnergy) -> str:
    if line.electric:
        return (f"{fmt(line.unit_energy)} {line.unit} × {fmt(line.annual_output)} {line.output_unit} "
                f"= {fmt(energy.kwh)} kWh")
    return (f"{fmt(line.unit_energy)} {line.unit} × {fmt(line.annual_output)} {line.output_unit} ÷ 1000 "
            f"= {fmt(energy.tce)} tce")


def _range(values) -> Range:
    """A Range from the values at the low, typical and high effect value."""
    low, typical, high = values
    return Range(min(low, high), typical, max(low, high))


def _carrier_change(carrier: str, deltas: list[Delta], line: Line, factors: Factors,
                    impact: Impact) -> tuple[CarrierChange, list[float], list[float], list[float] | None]:
    """The carrier's change, and its tce, CO₂ and cost at each effect value."""
    factor = factors[carrier]
    amounts = [(d.kwh if carrier == "electricity" else 0.0) + factor.amount(d.tce.get(carrier, 0.0))
               for d in deltas]
    tce, co2 = [factor.tce(a) for a in amounts], [factor.tco2(a) for a in amounts]
    for kind, coefficient in (("kgce", factor.kgce), ("kgco2", factor.kgco2)):
        impact.inputs.append(Input(f"{kind}_{carrier}", coefficient.value, coefficient.unit,
                                   coefficient.source, coefficient.evidence, "factor"))
    scale = "" if factor.unit == "t" else " ÷ 1000"
    typical = amounts[1]
    from_tce = any(carrier in d.tce for d in deltas)
    if from_tce:  # the mechanism counted tce: show the amount it is
        impact.steps.append(Step("amount", f"{fmt(tce[1])} tce ÷ {fmt(factor.kgce.value)} {factor.kgce.unit}"
                                 f"{' × 1000' if scale else ''} = {fmt(typical)} {factor.unit}", carrier))
    else:
        impact.steps.append(Step("tce", f"{fmt(typical)} {factor.unit} × {fmt(factor.kgce.value)} "
                                 f"{factor.kgce.unit}{scale} = {fmt(tce[1])} tce", carrier))
    impact.steps.append(Step("co2", f"{fmt(typical)} {factor.unit} × {fmt(factor.kgco2.value)} "
                             f"{factor.kgco2.unit}{scale} = {fmt(co2[1])} t CO2", carrier))
    price = line.price(carrier)
    cost = None
    if price is None:
        impact.missing.append(f"{carrier}_price")
    else:
        cost = [a * price for a in amounts]
        impact.inputs.append(Input(f"{carrier}_price", price, PRICE_UNIT[carrier], origin="line"))
        impact.steps.append(Step("cost", f"{fmt(typical)} {factor.unit} × {fmt(price)} {PRICE_UNIT[carrier]} "
                                 f"= {fmt(cost[1])} CNY", carrier))
    change = CarrierChange(carrier, factor.unit, _range(amounts), _range(tce), _range(co2),
                           None if cost is None else _range(cost))
    return change, tce, co2, cost


def _totals(impact: Impact, deltas: list[Delta], line: Line, factors: Factors) -> None:
    touched = [c for c in CARRIERS if any(c in d.tce for d in deltas)
               or (c == "electricity" and any(d.kwh for d in deltas))]
    per_carrier = [_carrier_change(c, deltas, line, factors, impact) for c in touched]
    impact.carriers = [change for change, *_rest in per_carrier]
    substitute = [d.substitute_tce for d in deltas]
    process = [d.process_co2 for d in deltas]
    if any(substitute):
        impact.substitute_tce = _range(substitute)
    if any(process):
        impact.process_co2_t = _range(process)
    impact.energy_tce = _range([sum(tce[i] for _c, tce, _co2, _cost in per_carrier) - substitute[i]
                                for i in range(3)])
    if any(d.substitute_co2 is None for d in deltas):
        impact.unavailable.append("substitute_co2")
    else:
        impact.co2_t = _range([sum(co2[i] for _c, _t, co2, _cost in per_carrier) + process[i]
                               - deltas[i].substitute_co2 for i in range(3)])
    if any(substitute):
        impact.unavailable.append("substitute_cost")
    elif per_carrier and all(cost is not None for *_rest, cost in per_carrier):
        impact.cost_cny = _range([sum(cost[i] for *_rest, cost in per_carrier) for i in range(3)])


def _gap_share(effect: Effect, line: Line, impact: Impact) -> float | None:
    """The share of the line's gap to the benchmark this saving would close."""
    gap = line.gap_to_benchmark
    if effect.mechanism not in LOWERS_INDICATOR or not gap or gap <= 0 or impact.energy_tce is None:
        return None
    if line.electric:
        kwh = sum(c.amount.typical for c in impact.carriers if c.carrier == "electricity")
        per_unit = kwh / line.annual_output
    else:
        per_unit = impact.energy_tce.typical * 1000 / line.annual_output
    return max(0.0, min(per_unit / gap, 1.0)) if line.annual_output else None
