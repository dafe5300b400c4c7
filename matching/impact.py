"""What a technology would mean for one facility: energy, CO2, money, payback.

Every figure lists the inputs it came from (value, unit, source). Where an
input is missing the estimate says which one, instead of inventing a value.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .units import Factors, electricity_tco2, fuel_tco2, kwh_to_tce

COAL_TCE_PER_T = 0.7143  # raw coal, GB/T 2589 (data/factors.yaml)


@dataclass(frozen=True)
class Facility:
    unit: str                                  # the benchmark indicator's unit (kgce/t, kWh/t …)
    unit_energy: float | None = None
    annual_output: float | None = None
    electricity_price: float | None = None     # CNY/kWh
    coal_price: float | None = None            # CNY/t raw coal


@dataclass(frozen=True)
class Input:
    name: str
    value: float
    unit: str
    source: str


@dataclass
class Impact:
    energy_tce: float | None = None
    co2_t: float | None = None
    cost_cny: float | None = None
    capex_cny: float | None = None
    payback_years: float | None = None
    inputs: list[Input] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)   # what to enter for a complete estimate


def estimate(facility: Facility, saving_pct: float | None, saving_source: str,
             capex_cny: float | None, factors: Factors) -> Impact:
    impact = Impact(capex_cny=capex_cny)
    if facility.unit_energy is None or facility.annual_output is None:
        impact.missing += [m for m, v in (("unit_energy", facility.unit_energy),
                                          ("annual_output", facility.annual_output)) if v is None]
    if saving_pct is None:
        impact.missing.append("saving_pct")
    if impact.missing:
        return impact
    impact.inputs += [Input("unit_energy", facility.unit_energy, facility.unit, "entered by the enterprise"),
                      Input("annual_output", facility.annual_output, "", "entered by the enterprise"),
                      Input("saving_pct", saving_pct, "%", saving_source)]
    amount = facility.unit_energy * facility.annual_output * saving_pct / 100
    if facility.unit.startswith("kWh"):
        _electric(impact, amount, facility, factors)
    else:
        _fuel(impact, amount / 1000, facility, factors)
    if capex_cny is not None and impact.cost_cny:
        impact.payback_years = capex_cny / impact.cost_cny
    elif capex_cny is None:
        impact.missing.append("capex")
    return impact


def _electric(impact: Impact, kwh: float, facility: Facility, factors: Factors) -> None:
    impact.energy_tce = kwh_to_tce(kwh, factors)
    impact.co2_t = electricity_tco2(kwh, factors)
    impact.inputs += [_cite("kgce_per_kwh", factors.kgce_per_kwh),
                      _cite("grid_kgco2_per_kwh", factors.grid_kgco2_per_kwh)]
    if facility.electricity_price is None:
        impact.missing.append("electricity_price")
    else:
        impact.cost_cny = kwh * facility.electricity_price
        impact.inputs.append(Input("electricity_price", facility.electricity_price, "CNY/kWh",
                                   "entered by the enterprise"))


def _fuel(impact: Impact, tce: float, facility: Facility, factors: Factors) -> None:
    impact.energy_tce = tce
    impact.co2_t = fuel_tco2(tce, factors)
    impact.inputs.append(_cite("coal_tco2_per_tce", factors.coal_tco2_per_tce))
    if facility.coal_price is None:
        impact.missing.append("coal_price")
    else:
        impact.cost_cny = tce / COAL_TCE_PER_T * facility.coal_price
        impact.inputs += [Input("coal_price", facility.coal_price, "CNY/t", "entered by the enterprise"),
                          Input("coal_tce_per_t", COAL_TCE_PER_T, "tce/t", "GB/T 2589-2020 (raw coal)")]


def _cite(name: str, coefficient) -> Input:
    return Input(name, coefficient.value, coefficient.unit, coefficient.source)
