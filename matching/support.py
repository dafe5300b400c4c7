"""What a support programme does to one investment's payback and NPV.
Standard library only; the conventions of ``matching.finance`` (capex in
year 0, the net saving at the end of years 1 … life, CNY, rates as fractions).

Three rules, each stated on the page with its inputs:

- ``grant`` (a share of the investment, capped): the grant is
  min(capex × share, cap); it lowers the investment the enterprise carries,
  so payback = (capex − grant) ÷ net saving and NPV = NPV + grant (the grant
  counted at the start).
- ``interest_subsidy`` (percentage points of the loan principal a year, for
  a number of years): with the whole investment borrowed under the programme,
  the subsidy is capex × points a year; payback = (capex − points × years ×
  capex) ÷ net saving; NPV adds each year's subsidy discounted at the
  enterprise's discount rate.
- ``credit`` (a loan at a rate over a term): the loan (capex × loan share)
  is repaid in equal yearly instalments at the loan rate; NPV adds the
  financing benefit loan − Σ instalment ÷ (1 + discount rate)^t, positive
  when the loan rate is below the discount rate. A loan spreads the
  investment, it does not lower it: the simple payback is unchanged.

A rule without one of its figures (no published share, rate or term) is not
used: ``Supported.usable`` is False and ``missing`` names the figure.
"""
from __future__ import annotations

from dataclasses import dataclass

from .finance import payback_years

KINDS = ("grant", "interest_subsidy", "credit")


@dataclass(frozen=True)
class Rule:
    kind: str                         # grant | interest_subsidy | credit
    share: float | None = None        # grant: share of the investment; credit: loan share (None = 1)
    cap_cny: float | None = None      # grant: at most this much
    rate: float | None = None         # interest_subsidy: points a year; credit: the loan rate a year
    years: int | None = None          # interest_subsidy: years paid; credit: loan term


@dataclass(frozen=True)
class Supported:
    kind: str
    usable: bool
    missing: tuple[str, ...] = ()
    support_cny: float | None = None        # grant / total interest subsidy / loan amount (credit)
    instalment_cny: float | None = None     # credit: the yearly repayment; interest subsidy: a year's subsidy
    effective_capex: float | None = None    # the investment the enterprise carries
    payback_years: float | None = None
    npv_gain: float | None = None           # what the programme adds to the NPV
    npv: float | None = None                # NPV with the programme (None without a base NPV)


def missing_figures(rule: Rule) -> tuple[str, ...]:
    """The figures the rule needs that are not given."""
    need = {"grant": ("share",), "interest_subsidy": ("rate", "years"),
            "credit": ("rate", "years")}.get(rule.kind, ("kind",))
    return tuple(name for name in need if getattr(rule, name) is None)


def grant_amount(capex: float, share: float, cap_cny: float | None = None) -> float:
    amount = capex * share
    return min(amount, cap_cny) if cap_cny is not None else amount


def present_value(amount: float, years: int, rate: float) -> float:
    """``amount`` at the end of each of years 1 … ``years``, discounted at ``rate``."""
    return sum(amount / (1 + rate) ** t for t in range(1, years + 1))


def instalment(loan: float, rate: float, years: int) -> float:
    """The equal yearly repayment of ``loan`` at ``rate`` over ``years``."""
    paid_down = 1 - (1 + rate) ** -years
    if rate == 0 or paid_down <= 0:   # no interest (or too little for a float to tell)
        return loan / years
    return loan * rate / paid_down


def apply(rule: Rule, capex: float, net_saving: float, discount_rate: float,
          base_npv: float | None = None) -> Supported:
    """The investment with the programme: the payback and, with ``base_npv``
    (the unsupported NPV at ``discount_rate``), the NPV."""
    if capex < 0:
        raise ValueError("capex must not be negative")
    missing = missing_figures(rule)
    if missing:
        return Supported(rule.kind, False, missing)
    if rule.kind == "grant":
        support = grant_amount(capex, rule.share, rule.cap_cny)
        effective, gain, each = capex - support, support, None
    elif rule.kind == "interest_subsidy":
        each = capex * rule.rate
        support = each * rule.years
        effective, gain = max(capex - support, 0.0), present_value(each, rule.years, discount_rate)
    else:
        support = capex * (rule.share if rule.share is not None else 1.0)
        each = instalment(support, rule.rate, rule.years)
        effective = capex
        gain = support - present_value(each, rule.years, discount_rate)
    payback = payback_years(effective, net_saving)
    npv = base_npv + gain if base_npv is not None else None
    return Supported(rule.kind, True, (), support, each, effective, payback, gain, npv)
