"""What one catalogue technology does, as ``data/catalogue/effects`` states it.

An effect has a mechanism (how it acts on a line), the carrier it changes,
and low / typical / high values of one quantity in one unit. ``value`` is
None when no citable source quantifies the effect: the portal then says so
and never falls back to the line's benchmark gap.
"""
from __future__ import annotations

from dataclasses import dataclass

MECHANISMS = ("indicator_share", "indicator_amount", "generation", "fuel_switch", "process_co2", "enabling")
# Mechanisms whose saving is a reduction of the line's own benchmark indicator,
# so it can be set against the gap to the benchmark (context, never the saving).
LOWERS_INDICATOR = ("indicator_share", "indicator_amount", "enabling")
SUBSTITUTES = ("biomass", "waste_fuel", "hydrogen", "electricity", "natural_gas")


@dataclass(frozen=True)
class Range:
    low: float
    typical: float
    high: float

    def __post_init__(self):
        if not self.low <= self.typical <= self.high:
            raise ValueError(f"range out of order: {self.low} / {self.typical} / {self.high}")


@dataclass(frozen=True)
class Effect:
    code: str
    mechanism: str
    carrier: str = ""                   # see data/catalogue/effects/README.md
    unit: str = ""                      # "%" or "<quantity>/<output unit>"
    value: Range | None = None          # None: not quantified
    products: tuple[str, ...] = ()      # benchmark families the per-unit value refers to
    source: str = ""                    # a source-registry key
    evidence: str = ""                  # the reliability flag
    replaces: str = ""                  # fuel_switch: main_fuel | fuel | a fuel key
    substitute_ratio: float = 1.0       # fuel_switch: tce of substitute per tce replaced
    substitute_tco2_per_tce: float | None = None   # fuel_switch, non-vocabulary substitutes

    def __post_init__(self):
        if self.mechanism not in MECHANISMS:
            raise ValueError(f"{self.code}: unknown mechanism {self.mechanism!r}")

    @property
    def quantified(self) -> bool:
        return self.value is not None

    @property
    def per_unit(self) -> bool:
        """True when the value is per unit of a product's output (not a share)."""
        return self.unit != "%"

    @property
    def amount_unit(self) -> str:
        """The quantity part of a per-unit value (kWh, kgce, GJ, tCO2)."""
        return self.unit.split("/", 1)[0]

    def fits(self, family: str | None) -> bool:
        """Whether the effect can be applied to a line of this benchmark family:
        any line when it names no product (share mechanisms), else only those."""
        return not self.products or family in self.products
