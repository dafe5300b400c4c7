"""Energy carriers and their coefficients: physical amount → tce, → t CO₂, → CNY.

The caller (catalog/) loads the coefficients with their sources from the
database and passes them in; nothing here knows a value. One carrier
vocabulary for the whole portal: ``coal`` (raw coal), ``natural_gas``,
``coke``, ``fuel_oil`` and ``electricity``. Electricity converts to tce at
the equal-value coefficient (当量值) and to CO₂ at the grid factor.
"""
from __future__ import annotations

from dataclasses import dataclass

FUELS = ("coal", "natural_gas", "coke", "fuel_oil")
CARRIERS = (*FUELS, "electricity")
# The unit an amount of each carrier is counted in, and what its coefficient
# is per: coal 0.7143 kgce/kg is also tce/t, while gas and electricity are
# per m³ and per kWh (kg → t: × 1/1000).
AMOUNT_UNIT = {"coal": "t", "natural_gas": "m³", "coke": "t", "fuel_oil": "t", "electricity": "kWh"}
PRICE_UNIT = {"coal": "CNY/t", "natural_gas": "CNY/m³", "coke": "CNY/t", "fuel_oil": "CNY/t",
              "electricity": "CNY/kWh"}
_PER_KG = {"coal", "coke", "fuel_oil"}
KJ_PER_KGCE = 29307.6   # GB/T 2589-2020: 1 kgce = 29 307.6 kJ (7 000 kcal)


@dataclass(frozen=True)
class Coefficient:
    value: float
    unit: str
    source: str = ""        # a source-registry key (the page resolves it to a citation)
    evidence: str = ""      # the reliability flag


@dataclass(frozen=True)
class CarrierFactor:
    """How one carrier converts: ``kgce`` in kgce per kg (solid and liquid
    fuels), per m³ (gas) or per kWh; ``kgco2`` the same way."""

    carrier: str
    kgce: Coefficient
    kgco2: Coefficient

    @property
    def unit(self) -> str:
        return AMOUNT_UNIT[self.carrier]

    def tce(self, amount: float) -> float:
        """tce in ``amount`` (t of a solid or liquid fuel, m³ of gas, kWh)."""
        return amount * self.kgce.value * (1.0 if self.carrier in _PER_KG else 0.001)

    def amount(self, tce: float) -> float:
        """The amount that holds ``tce``."""
        return tce / (self.kgce.value * (1.0 if self.carrier in _PER_KG else 0.001))

    def tco2(self, amount: float) -> float:
        return amount * self.kgco2.value * (1.0 if self.carrier in _PER_KG else 0.001)

    @property
    def tco2_per_tce(self) -> float:
        return self.kgco2.value / self.kgce.value


@dataclass(frozen=True)
class Factors:
    """The coefficients in force for one calculation, one per carrier."""

    carriers: dict[str, CarrierFactor]

    def __getitem__(self, carrier: str) -> CarrierFactor:
        return self.carriers[carrier]

    def __hash__(self) -> int:  # frozen dataclass with a dict: hash by identity
        return id(self)

    def mix_tco2_per_tce(self, shares: dict[str, float]) -> float:
        """CO₂ per tce of a mix of carriers given as shares of its tce."""
        total = sum(shares.values()) or 1.0
        return sum(s / total * self.carriers[c].tco2_per_tce for c, s in shares.items())
