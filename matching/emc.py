"""Contract energy management (合同能源管理) cash flows by contract year, side by
side with self-funding. Plain arithmetic on the estimated annual saving; the
caller shows every input with its source.

Models:
- shared_savings (效益分享型): the ESCO invests; each contract year the enterprise
  keeps its share of the saving and the ESCO takes the rest.
- guaranteed_savings (节能量保证型): the enterprise invests (or finances) and
  the ESCO guarantees a saving; a shortfall is paid back by the ESCO; the
  enterprise pays a fixed service fee.
- energy_cost_hosting (能源费用托管型): the enterprise pays the ESCO a fixed
  hosting fee (its baseline energy cost less an agreed discount); the ESCO
  pays the energy bills and keeps what it saves.
- financing_lease (融资租赁型): the equipment is leased; the enterprise pays
  equal lease instalments and keeps the whole saving.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MODELS = ("shared_savings", "guaranteed_savings", "energy_cost_hosting", "financing_lease", "hybrid")


@dataclass(frozen=True)
class Offer:
    model: str
    term_years: int
    enterprise_share: tuple[float, ...] = ()   # shared savings: share (0–1) per contract year
    esco_investment: float = 0.0               # CNY the ESCO puts in
    guaranteed_saving: float = 0.0             # CNY a year guaranteed (guaranteed savings)
    service_fee: float = 0.0                   # CNY a year (guaranteed savings)
    hosting_discount: float = 0.0              # 0–1 off the baseline energy cost (hosting)
    lease_rate: float = 0.0                    # annual interest rate of the lease

    def __post_init__(self):
        if self.model not in MODELS:
            raise ValueError(f"unknown EMC model {self.model!r}")
        if self.term_years < 1:
            raise ValueError("term_years must be at least 1")
        if any(not 0 <= s <= 1 for s in self.enterprise_share):
            raise ValueError("enterprise_share values must lie between 0 and 1")


@dataclass(frozen=True)
class Year:
    year: int
    saving: float
    enterprise: float      # net cash to the enterprise this year (negative = outlay)
    esco: float            # net cash to the ESCO


@dataclass
class CashFlow:
    model: str
    years: list[Year] = field(default_factory=list)

    @property
    def enterprise_total(self) -> float:
        return sum(y.enterprise for y in self.years)

    @property
    def esco_total(self) -> float:
        return sum(y.esco for y in self.years)


def self_funded(capex: float, annual_saving: float, years: int) -> CashFlow:
    flow = CashFlow("self_funded")
    for n in range(1, years + 1):
        flow.years.append(Year(n, annual_saving, annual_saving - (capex if n == 1 else 0.0), 0.0))
    return flow


def annuity(principal: float, rate: float, years: int) -> float:
    """Equal yearly instalment that repays ``principal`` at ``rate`` over ``years``."""
    if rate == 0:
        return principal / years
    return principal * rate / (1 - (1 + rate) ** -years)


def emc_cash_flow(offer: Offer, capex: float, annual_saving: float,
                  baseline_energy_cost: float = 0.0) -> CashFlow:
    """Cash to each side per contract year under ``offer``."""
    flow = CashFlow(offer.model)
    investment = offer.esco_investment or capex
    instalment = annuity(capex, offer.lease_rate, offer.term_years)
    for n in range(1, offer.term_years + 1):
        esco_outlay = investment if n == 1 else 0.0
        if offer.model in ("shared_savings", "hybrid"):
            share = offer.enterprise_share[min(n, len(offer.enterprise_share)) - 1] \
                if offer.enterprise_share else 0.0
            flow.years.append(Year(n, annual_saving, annual_saving * share,
                                   annual_saving * (1 - share) - esco_outlay))
        elif offer.model == "guaranteed_savings":
            shortfall = max(offer.guaranteed_saving - annual_saving, 0.0)
            enterprise = annual_saving + shortfall - offer.service_fee - (capex if n == 1 else 0.0)
            flow.years.append(Year(n, annual_saving, enterprise, offer.service_fee - shortfall))
        elif offer.model == "energy_cost_hosting":
            fee = baseline_energy_cost * (1 - offer.hosting_discount)
            # The enterprise used to pay the baseline cost; now it pays the fee.
            enterprise = baseline_energy_cost - fee
            esco = fee - (baseline_energy_cost - annual_saving) - esco_outlay
            flow.years.append(Year(n, annual_saving, enterprise, esco))
        else:  # financing_lease
            flow.years.append(Year(n, annual_saving, annual_saving - instalment,
                                   instalment - (capex if n == 1 else 0.0)))
    return flow
