"""Contract energy management (合同能源管理): an offer's contract terms as
yearly cash flows for the enterprise, the ESCO and (in a lease) the lessor,
beside self-funding, with totals, NPVs and every assumption listed.

Every figure is a party's cash against not doing the project (negative: it
pays out that year). The saving first lowers the enterprise's energy bill;
each payment between the parties moves money from one column to another. So
each year's columns add up to that year's saving (year 0: minus the capex) and
the totals to total saving − capex: nobody outside the table is paid (no bank
loan is modelled; a lease's interest is the lessor's income). Year 0 is the
investment, years 1 … term the contract; when the caller gives a service life
≥ the term, the enterprise keeps the whole saving in the years after it.

Models (S = yearly saving, C = capex, I = the ESCO's investment, G = guarantee):
- shared_savings (效益分享型): the ESCO invests its share of C (at most its
  cap), the enterprise the rest (co-investment); in contract year n the
  enterprise keeps S × share(n) and the ESCO the rest.
- guaranteed_savings (节能量保证型): the investment is split the same way
  (usually all the enterprise's); the enterprise pays the ESCO a yearly
  service fee; when S < G the ESCO compensates by the shortfall rule: ``full``,
  a ``share`` of it, or ``capped`` at an amount a year.
- energy_cost_hosting (能源费用托管型): the enterprise pays the ESCO the
  hosting fee, baseline × (1 − discount), instead of its energy bill; the ESCO
  pays the actual bill (the line's energy cost − S) and invests.
- financing_lease (融资租赁型): the enterprise pays a down payment, the lessor
  finances the rest and is repaid in equal instalments (1, 2, 4 or 12 a year)
  at the lease rate; the enterprise keeps S and pays the instalments.
- hybrid (混合型): shared savings where the ESCO guarantees the enterprise's
  part: when S < G it compensates share(n) × (G − S) by the shortfall rule, so
  the enterprise gets at least its share of G (less a service fee when the
  offer states one).

With every rule, a larger saving never lowers any party's cash: compensation
falls by at most what the saving rises.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .emc_terms import (
    GUARANTEE_UNITS,
    GUARANTEED,
    INSTALMENTS,
    MODELS,
    NEEDS,
    SHARED,
    SHORTFALL_KINDS,
    Assumption,
    CashFlow,
    Contract,
    Conversion,
    Project,
    Shortfall,
    Terms,
    Year,
    guarantee_cny,
    missing_inputs,
    missing_terms,
)

__all__ = ["GUARANTEED", "GUARANTEE_UNITS", "INSTALMENTS", "MODELS", "NEEDS", "SHARED", "SHORTFALL_KINDS",
           "Assumption", "CashFlow", "Contract", "Conversion", "Project", "Shortfall", "Terms", "Year",
           "annuity", "contract", "guarantee_cny", "missing_inputs", "missing_terms", "self_funded"]


@dataclass(frozen=True)
class _Money:
    """What a contract fixes for every contract year (CNY)."""

    saving: float
    esco_capex: float = 0.0
    enterprise_capex: float = 0.0
    lessor_capex: float = 0.0
    fee: float = 0.0               # service fee, enterprise → ESCO
    guarantee: float = 0.0         # CNY a year
    rule: Shortfall | None = None  # how the ESCO compensates a shortfall, ESCO → enterprise
    hosting_fee: float = 0.0       # enterprise → ESCO instead of the energy bill
    bill_before: float = 0.0       # the line's energy bill without the project
    lease_payment: float = 0.0     # enterprise → lessor


def annuity(principal: float, rate: float, periods: int) -> float:
    """Equal instalment that repays ``principal`` at ``rate`` a period over ``periods``."""
    if rate == 0:
        return principal / periods
    # 1 − (1 + rate)⁻ⁿ, written so that it stays exact for tiny rates
    return principal * rate / -math.expm1(-periods * math.log1p(rate))


def self_funded(capex: float, annual_saving: float, years: int, discount_rate: float = 0.0) -> CashFlow:
    """The enterprise pays the capex in year 0 and keeps every saving."""
    rows = (Year(0, 0.0, -capex or 0.0),) \
        + tuple(Year(n, annual_saving, annual_saving) for n in range(1, years + 1))
    return CashFlow("self_funded", rows, discount_rate)


def contract(terms: Terms, project: Project) -> Contract:
    """The offer's yearly cash flows for ``project`` beside self-funding, or an
    incomplete result naming the missing terms and inputs."""
    horizon = project.horizon(terms.term_years)
    lacking_terms, lacking_inputs = missing_terms(terms), missing_inputs(terms, project)
    conversion = guarantee_cny(terms, project)[0] if terms.model in GUARANTEED else None
    if lacking_terms or lacking_inputs:
        return Contract(terms.model, None, None, (), lacking_terms, lacking_inputs, conversion, horizon)
    money, notes = _plan(terms, project, conversion)
    notes.append(Assumption("horizon", horizon, "years", "computed"))
    outlay = (-money.enterprise_capex or 0.0, -money.esco_capex or 0.0, -money.lessor_capex or 0.0)
    years = (Year(0, 0.0, *outlay),) \
        + tuple(_year(terms, money, n) for n in range(1, horizon + 1))
    return Contract(terms.model, CashFlow(terms.model, years, project.discount_rate),
                    self_funded(float(project.capex), money.saving, horizon, project.discount_rate),
                    tuple(notes), (), (), conversion, horizon)


def _year(terms: Terms, money: _Money, n: int) -> Year:
    """Contract year ``n``; the ESCO's figure is what is left of the saving."""
    saving = money.saving
    if n > terms.term_years:
        return Year(n, saving, saving)
    if terms.model == "financing_lease":
        return Year(n, saving, saving - money.lease_payment, lessor=money.lease_payment)
    if terms.model == "energy_cost_hosting":
        enterprise = money.bill_before - money.hosting_fee
    else:
        enterprise = _kept(terms, saving, n) + _compensation(terms, money, n) - money.fee
    return Year(n, saving, enterprise, saving - enterprise)


def _kept(terms: Terms, amount: float, n: int) -> float:
    """The enterprise's part of ``amount`` in contract year ``n``."""
    return amount * terms.share(n) if terms.model in SHARED else amount


def _compensation(terms: Terms, money: _Money, n: int) -> float:
    """What the ESCO pays for a shortfall against the guarantee (of the
    enterprise's part of it in a hybrid contract) in contract year ``n``."""
    if money.rule is None:
        return 0.0
    return money.rule.compensation(_kept(terms, max(money.guarantee - money.saving, 0.0), n))


def _plan(terms: Terms, project: Project, conversion: Conversion | None) -> tuple[_Money, list[Assumption]]:
    saving, capex = float(project.annual_saving), float(project.capex)
    notes = [Assumption("annual_saving", saving, "cny_per_year", "project"),
             Assumption("capex", capex, "cny", "project"),
             Assumption("discount_rate", project.discount_rate * 100, "percent", "bureau"),
             Assumption("term_years", terms.term_years, "years", "offer")]
    if project.service_life:
        notes.append(Assumption("service_life", project.service_life, "years", "project"))
    values: dict = {"saving": saving}
    if terms.model == "financing_lease":
        values.update(_lease(terms, capex, notes))
    else:
        values.update(_investment(terms, capex, notes))
    if terms.model in SHARED:
        shares = "/".join(f"{s * 100:g}" for s in terms.enterprise_share)
        notes.append(Assumption("enterprise_share", shares, "percent", "offer"))
    if terms.model in GUARANTEED:
        values.update(_guarantee(terms, saving, conversion, notes))
    if terms.model == "energy_cost_hosting":
        values.update(_hosting(terms, project, notes))
    return _Money(**values), notes


def _investment(terms: Terms, capex: float, notes: list[Assumption]) -> dict:
    """The ESCO's share of the capex, at most its cap; the enterprise the rest."""
    esco = capex * terms.esco_investment_share
    notes.append(Assumption("esco_investment_share", terms.esco_investment_share * 100, "percent", "offer"))
    if terms.esco_investment_max is not None and esco > terms.esco_investment_max:
        esco = terms.esco_investment_max
        notes.append(Assumption("esco_investment_max", esco, "cny", "offer"))
    notes += [Assumption("esco_investment", esco, "cny", "computed"),
              Assumption("enterprise_investment", capex - esco, "cny", "computed")]
    return {"esco_capex": esco, "enterprise_capex": capex - esco}


def _guarantee(terms: Terms, saving: float, conversion: Conversion, notes: list[Assumption]) -> dict:
    if conversion.price is not None:
        notes += [Assumption("guarantee_amount", conversion.amount, conversion.unit, "offer"),
                  Assumption("guarantee_price", conversion.price, conversion.price_unit, "project")]
    shortfall = max(conversion.cny - saving, 0.0)
    rule = terms.shortfall
    money = _Money(saving, guarantee=conversion.cny, rule=rule)
    paid = [_compensation(terms, money, n) for n in range(1, terms.term_years + 1)]   # by contract year
    paid_text = paid[0] if len(set(paid)) == 1 else "/".join(f"{k:,.0f}" for k in paid)
    fee = terms.service_fee or 0.0
    notes += [Assumption("guarantee", conversion.cny, "cny_per_year",
                         "offer" if conversion.price is None else "computed"),
              Assumption("shortfall_kind", rule.kind, "", "offer")]
    if rule.kind == "share":
        notes.append(Assumption("shortfall_share", rule.share * 100, "percent", "offer"))
    if rule.kind == "capped":
        notes.append(Assumption("shortfall_cap", rule.cap, "cny_per_year", "offer"))
    notes += [Assumption("shortfall", shortfall, "cny_per_year", "computed"),
              Assumption("compensation", paid_text, "cny_per_year", "computed"),
              Assumption("service_fee", fee, "cny_per_year",
                         "offer" if terms.service_fee is not None else "default")]
    return {"fee": fee, "guarantee": conversion.cny, "rule": rule}


def _hosting(terms: Terms, project: Project, notes: list[Assumption]) -> dict:
    """The contract's baseline is the offer's, else the line's energy cost;
    the bill the enterprise no longer pays is the line's, else that baseline."""
    offered = terms.hosting_baseline is not None
    baseline = terms.hosting_baseline if offered else project.baseline_energy_cost
    before = project.baseline_energy_cost if project.baseline_energy_cost is not None else baseline
    fee = baseline * (1 - terms.hosting_discount)
    notes += [Assumption("hosting_baseline", baseline, "cny_per_year", "offer" if offered else "project"),
              Assumption("hosting_discount", terms.hosting_discount * 100, "percent", "offer"),
              Assumption("hosting_fee", fee, "cny_per_year", "computed"),
              Assumption("energy_cost_before", before, "cny_per_year",
                         "project" if project.baseline_energy_cost is not None else "computed"),
              Assumption("energy_cost_after", before - project.annual_saving, "cny_per_year", "computed")]
    return {"hosting_fee": fee, "bill_before": before}


def _lease(terms: Terms, capex: float, notes: list[Assumption]) -> dict:
    """Down payment by the enterprise, the rest financed as an annuity."""
    down = capex * terms.down_payment_share
    principal = capex - down
    per_year = terms.instalments_per_year
    instalment = annuity(principal, terms.lease_rate / per_year, terms.term_years * per_year)
    payment = instalment * per_year
    notes += [Assumption("down_payment_share", terms.down_payment_share * 100, "percent", "offer"),
              Assumption("down_payment", down, "cny", "computed"),
              Assumption("lease_principal", principal, "cny", "computed"),
              Assumption("lease_rate", terms.lease_rate * 100, "percent", "offer"),
              Assumption("instalments_per_year", per_year, "per_year", "offer"),
              Assumption("instalment", instalment, "cny", "computed"),
              Assumption("lease_payment", payment, "cny_per_year", "computed"),
              Assumption("lease_interest", payment * terms.term_years - principal, "cny", "computed")]
    return {"enterprise_capex": down, "lessor_capex": principal, "lease_payment": payment}
