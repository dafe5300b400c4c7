"""Project finance for one energy-saving investment: simple payback, NPV, IRR,
the yearly cash flow and a sensitivity table. Standard library only.

Conventions (``matching.emc`` uses the same): the capex is spent at the start
(year 0); every later year 1 … life brings the net saving (saving − O&M) at
its end. Money in CNY, rates as fractions (0.08 = 8 %).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

IRR_LOW, IRR_HIGH = -0.99, 10.0   # the rates IRR looks between (−99 % … +1000 % a year)
IRR_GRID = 400                    # steps of the scan for a sign change before bisecting


@dataclass(frozen=True)
class Project:
    capex: float                  # CNY, spent in year 0
    annual_saving: float          # CNY a year (energy cost saved)
    life_years: int               # years of service
    discount_rate: float          # a fraction a year
    om: float = 0.0               # CNY a year of operation and maintenance

    def __post_init__(self):
        if self.life_years < 1:
            raise ValueError("life_years must be at least 1")
        if self.capex < 0 or self.om < 0:
            raise ValueError("capex and om must not be negative")
        if self.discount_rate <= -1:
            raise ValueError("discount_rate must be above -100 %")

    @property
    def net_saving(self) -> float:
        return self.annual_saving - self.om


@dataclass(frozen=True)
class Appraisal:
    net_saving: float                 # CNY a year
    payback_years: float | None       # None: the project never pays back
    npv: float                        # CNY at the project's discount rate
    irr: float | None                 # a fraction; None when the flows change sign nowhere
    flows: tuple[float, ...]          # year 0 … life


@dataclass(frozen=True)
class Case:
    """One line of the sensitivity table."""

    name: str                         # base | price_low | price_high | saving_low | saving_high
    annual_saving: float
    payback_years: float | None
    npv: float
    irr: float | None


def payback_years(capex: float, net_saving: float) -> float | None:
    """Simple payback: capex ÷ yearly net saving; None when the net saving is
    not positive (the project never pays back)."""
    if net_saving <= 0:
        return None
    return capex / net_saving


def cash_flows(project: Project) -> tuple[float, ...]:
    """−capex in year 0, then the net saving in each year of service."""
    return (-project.capex,) + (project.net_saving,) * project.life_years


def npv(rate: float, flows: Sequence[float]) -> float:
    """Net present value of ``flows`` (year 0 first) at ``rate``."""
    return sum(flow / (1 + rate) ** year for year, flow in enumerate(flows))


def irr(flows: Sequence[float], tolerance: float = 1e-12) -> float | None:
    """The rate at which the NPV of ``flows`` is zero, or None when there is
    none between −99 % and +1000 %. Robust rather than fast: a scan of the
    range finds the first sign change of the NPV, bisection narrows it. For
    flows that change sign more than once (several roots) the lowest rate is
    returned."""
    if not any(f > 0 for f in flows) or not any(f < 0 for f in flows):
        return None
    step = (IRR_HIGH - IRR_LOW) / IRR_GRID
    low, value_low = IRR_LOW, npv(IRR_LOW, flows)
    for k in range(1, IRR_GRID + 1):
        if value_low == 0:
            return low
        high = IRR_LOW + k * step
        value_high = npv(high, flows)
        if (value_low < 0) != (value_high < 0):
            return _bisect(flows, low, high, value_low, tolerance)
        low, value_low = high, value_high
    return None


def _bisect(flows: Sequence[float], low: float, high: float, value_low: float, tolerance: float) -> float:
    for _ in range(200):
        middle = (low + high) / 2
        value = npv(middle, flows)
        if value == 0 or high - low < tolerance:
            return middle
        if (value < 0) == (value_low < 0):
            low, value_low = middle, value
        else:
            high = middle
    return (low + high) / 2


def appraise(project: Project) -> Appraisal:
    flows = cash_flows(project)
    return Appraisal(project.net_saving, payback_years(project.capex, project.net_saving),
                     npv(project.discount_rate, flows), irr(flows), flows)


def case(name: str, project: Project) -> Case:
    found = appraise(project)
    return Case(name, project.annual_saving, found.payback_years, found.npv, found.irr)


def sensitivity(project: Project, saving_low: float | None = None, saving_high: float | None = None,
                price_swing: float = 0.2) -> tuple[Case, ...]:
    """Payback, NPV and IRR for the base case, the energy price ± ``price_swing``
    and the low / high saving.

    The saving in CNY is energy saved × price, so a price 20 % lower makes it
    20 % lower; the O&M stays. ``saving_low`` / ``saving_high`` are CNY a year
    the caller computed from the effect's low and high values (the energy
    price unchanged); a case is left out when its saving is not given."""
    cases = [case("base", project),
             case("price_low", replace(project, annual_saving=project.annual_saving * (1 - price_swing))),
             case("price_high", replace(project, annual_saving=project.annual_saving * (1 + price_swing)))]
    for name, saving in (("saving_low", saving_low), ("saving_high", saving_high)):
        if saving is not None:
            cases.append(case(name, replace(project, annual_saving=saving)))
    return tuple(cases)
