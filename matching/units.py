"""Energy and carbon arithmetic, with the source of every coefficient carried
along so pages can cite it. The caller (catalog/) passes the coefficients it
loaded from data/factors.yaml; defaults here only document typical values."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Coefficient:
    value: float
    unit: str
    source: str


@dataclass(frozen=True)
class Factors:
    """Conversion coefficients for one calculation."""

    kgce_per_kwh: Coefficient                # electricity, equal-value (当量值)
    grid_kgco2_per_kwh: Coefficient          # Chongqing grid, latest year
    coal_tco2_per_tce: Coefficient           # CO2 per tonne of coal equivalent of coal
    gas_kgce_per_m3: Coefficient | None = None
    gas_kgco2_per_m3: Coefficient | None = None


def kwh_to_tce(kwh: float, factors: Factors) -> float:
    return kwh * factors.kgce_per_kwh.value / 1000.0


def electricity_tco2(kwh: float, factors: Factors) -> float:
    return kwh * factors.grid_kgco2_per_kwh.value / 1000.0


def fuel_tco2(tce: float, factors: Factors) -> float:
    """CO2 of coal-equivalent fuel energy (coal-dominated materials plants)."""
    return tce * factors.coal_tco2_per_tce.value


def gap_energy(gap: float, unit: str, output: float, factors: Factors) -> tuple[float, float]:
    """(tce, tCO2) per year that a gap of ``gap`` indicator units represents at
    ``output`` units of product a year. Indicators in kWh are electricity
    (grid factor); indicators in kgce are treated as fuel (coal factor)."""
    amount = gap * output
    if unit.startswith("kWh"):
        return kwh_to_tce(amount, factors), electricity_tco2(amount, factors)
    tce = amount / 1000.0  # kgce → tce
    return tce, fuel_tco2(tce, factors)
