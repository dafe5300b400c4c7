"""Capex, payback, NPV and IRR of one technology on one line, with the
sensitivity to energy prices and to the effect's range. The capex comes from
the enterprise's quote, else the suppliers' listed prices, else the
technology's reference project scaled to the line (``matching.capex``); the
discount rate is the bureau's setting. A figure without its inputs (no capex,
no service life) is not available, and the page says which input is missing."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.supply.offers import listing_technologies
from matching import capex as capex_rules
from matching import finance
from matching.capex import Capex
from matching.effects import Range
from matching.impact import Impact

PRICE_SWING = 0.2
# Without a cited service life for the technology, NPV and IRR run over the statutory minimum
# depreciation period of production machinery (企业所得税法实施条例 第六十条: 10 years), said so.
STATUTORY_LIFE_YEARS = 10
STATUTORY_LIFE_SOURCE = "state-council-2007-512"


@dataclass
class Appraisal:
    capex: Capex | None = None
    payback_years: Range | None = None
    npv_cny: Range | None = None
    irr: float | None = None
    life_years: int | None = None
    life_source: str = ""             # a source key: the effect model's, or the statutory period's
    life_statutory: bool = False      # True: no cited life for the technology, the statutory period
    discount_rate: float = 0.08
    om_cny: float | None = None
    sensitivity: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def listed_prices(session: Session, technology_ids: list[int]) -> dict[int, list[tuple]]:
    """Per technology, the (min, max) CNY prices of published products that list one."""
    covers = listing_technologies(session, m.product_technology, "product_id", technology_ids)
    out: dict[int, list[tuple]] = {}
    if not covers:
        return out
    rows = session.execute(
        select(m.Product.id, m.Product.price_min_cny, m.Product.price_max_cny)
        .where(m.Product.id.in_(list(covers)), m.Product.status == "published",
               (m.Product.price_min_cny.is_not(None)) | (m.Product.price_max_cny.is_not(None)))
        .order_by(m.Product.id))
    for product_id, low, high in rows:
        for technology_id in covers[product_id]:
            out.setdefault(technology_id, []).append((low, high))
    return out


def capex_for(effect: dict, quote: float | None, prices: list[tuple], capacity: float | None) -> Capex | None:
    if quote:
        return capex_rules.from_quote(quote)
    listed = capex_rules.from_prices(prices)
    if listed is not None:
        return listed
    reference = effect.get("reference") or {}
    if reference and capacity:
        return capex_rules.scaled(float(reference["capex_cny"]), float(reference["capacity"]), capacity,
                                  reference.get("source", ""), reference.get("evidence", ""),
                                  linear_only=reference.get("scaling") == "linear")
    return None


def _payback(capex: float, saving: float, om: float) -> float | None:
    return finance.payback_years(capex, saving - om)


def appraise(effect: dict, impact: Impact | None, capex: Capex | None, discount_rate: float) -> Appraisal:
    out = Appraisal(capex=capex, discount_rate=discount_rate)
    if capex is None:
        out.missing.append("capex")
    saving = impact.cost_cny if impact is not None and impact.status == "ok" else None
    if capex is None or saving is None:
        return out
    share = effect.get("om_share_of_capex")
    out.om_cny = float(share) * capex.value.typical if share is not None else None
    om = out.om_cny or 0.0
    typical = _payback(capex.value.typical, saving.typical, om)
    best = _payback(capex.value.low, saving.high, om)
    worst = _payback(capex.value.high, saving.low, om)
    if typical is not None:
        out.payback_years = Range(best if best is not None else typical, typical,
                                  worst if worst is not None else typical)
    if effect.get("service_life_years"):
        out.life_years = int(effect["service_life_years"])
        out.life_source = effect.get("service_life_source", "")
    else:
        out.life_years, out.life_source = STATUTORY_LIFE_YEARS, STATUTORY_LIFE_SOURCE
        out.life_statutory = True
    out.sensitivity = _sensitivity(capex.value.typical, saving, om, out.life_years, discount_rate)
    if out.life_years is not None:
        def project(c: float, s: float) -> finance.Project:
            return finance.Project(c, s, out.life_years, discount_rate, om)

        base = finance.appraise(project(capex.value.typical, saving.typical))
        low = finance.appraise(project(capex.value.high, saving.low)).npv
        high = finance.appraise(project(capex.value.low, saving.high)).npv
        out.npv_cny = Range(min(low, base.npv), base.npv, max(high, base.npv))
        out.irr = base.irr
    return out


def _sensitivity(capex: float, saving: Range, om: float, life: int | None, rate: float) -> list[dict]:
    """Payback (and NPV, IRR over the service life) when the energy price is
    20 % lower or higher, and at the effect's low and high value."""
    cases = [("base", saving.typical), ("price_low", saving.typical * (1 - PRICE_SWING)),
             ("price_high", saving.typical * (1 + PRICE_SWING)), ("saving_low", saving.low),
             ("saving_high", saving.high)]
    rows = []
    for name, value in cases:
        row = {"case": name, "annual_saving_cny": value, "payback_years": _payback(capex, value, om),
               "npv_cny": None, "irr": None}
        if life is not None:
            found = finance.appraise(finance.Project(capex, value, life, rate, om))
            row["npv_cny"], row["irr"] = found.npv, found.irr
        rows.append(row)
    return rows
