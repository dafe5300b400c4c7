"""The contract terms of an EMC offer beyond who invests and the shares: the
guarantee and its shortfall rule, the service fee, energy-cost hosting, the
financing lease and the enterprise's co-investment — their rules, and the
offer as ``matching.emc`` reads it (``OfferTerms``, ``emc_terms``).

A term the chosen model needs is required (``term.required``); a term it has
no use for is refused (``term.not_applicable``) rather than silently ignored
by the cash flow. Offers saved before these terms existed may lack them:
``missing`` names what their model needs (the page says 「合同条款不全」)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matching import emc

from .. import models as m
from ..accounts.checks import Checker
from . import fields

GUARANTEED = emc.GUARANTEED
LEASE, HOSTING = "financing_lease", "energy_cost_hosting"


@dataclass(frozen=True)
class OfferTerms:
    """A published offer as the matching engine reads it. Money in CNY;
    shares and rates as fractions 0–1 (``matching.emc.Terms``' convention):
    ``enterprise_share`` one per contract year, ``esco_investment_share`` the
    part of the project's investment the ESCO bears (``esco_investment_max_cny``
    caps it when the supplier says so). ``guaranteed_saving`` is in
    ``guarantee_unit`` (tce_per_year, mwh_per_year, cny_per_year; percent on
    old offers). The terms after ``supplier_verified`` are None when the
    offer does not state them."""

    offer_id: int
    title: str
    model: str
    min_project_cny: float
    regions: tuple[str, ...]
    enterprise_share: tuple[float, ...]
    term_years: int
    investor: str
    esco_investment_share: float
    esco_investment_max_cny: float | None
    guaranteed_saving: float | None
    guarantee_unit: str
    mv_method: str
    supplier_id: int
    supplier_name: str
    supplier_verified: bool
    enterprise_investment_share: float | None = None
    service_fee_cny: float | None = None
    shortfall_kind: str | None = None
    shortfall_share: float | None = None
    shortfall_cap_cny: float | None = None
    shortfall_note: str = ""
    hosting_baseline_cny: float | None = None
    hosting_discount: float | None = None
    lease_rate: float | None = None
    instalments_per_year: int | None = None
    down_payment_share: float | None = None


def _fraction(pct: float | None) -> float | None:
    return None if pct is None else pct / 100


def terms(offer: m.EmcOffer) -> OfferTerms:
    org = offer.organisation
    return OfferTerms(
        offer_id=offer.id, title=offer.title, model=offer.model, min_project_cny=offer.min_project_cny,
        regions=tuple(offer.regions), enterprise_share=tuple(s / 100 for s in offer.enterprise_shares),
        term_years=offer.term_years, investor=offer.investor,
        esco_investment_share=offer.esco_investment_pct / 100,
        esco_investment_max_cny=offer.max_investment_cny, guaranteed_saving=offer.guaranteed_saving,
        guarantee_unit=offer.guarantee_unit, mv_method=offer.mv_method, supplier_id=org.id,
        supplier_name=org.name, supplier_verified=org.status == "verified",
        enterprise_investment_share=_fraction(offer.enterprise_investment_pct),
        service_fee_cny=offer.service_fee_cny, shortfall_kind=offer.shortfall_kind,
        shortfall_share=_fraction(offer.shortfall_share_pct), shortfall_cap_cny=offer.shortfall_cap_cny,
        shortfall_note=offer.shortfall_rule, hosting_baseline_cny=offer.hosting_baseline_cny,
        hosting_discount=_fraction(offer.hosting_discount_pct), lease_rate=_fraction(offer.lease_rate_pct),
        instalments_per_year=offer.lease_instalments_per_year,
        down_payment_share=_fraction(offer.down_payment_pct))


def emc_terms(t: OfferTerms) -> emc.Terms:
    """The offer's terms as ``matching.emc`` computes with them."""
    shortfall = emc.Shortfall(t.shortfall_kind, t.shortfall_share, t.shortfall_cap_cny) \
        if t.shortfall_kind else None
    guarantee = t.guaranteed_saving if t.guaranteed_saving and t.guarantee_unit in emc.GUARANTEE_UNITS \
        else None
    return emc.Terms(
        t.model, t.term_years, tuple(t.enterprise_share), t.esco_investment_share, t.esco_investment_max_cny,
        service_fee=t.service_fee_cny, guarantee=guarantee,
        guarantee_unit=t.guarantee_unit if guarantee else "", shortfall=shortfall,
        hosting_baseline=t.hosting_baseline_cny, hosting_discount=t.hosting_discount,
        lease_rate=t.lease_rate, instalments_per_year=t.instalments_per_year,
        down_payment_share=t.down_payment_share)


def missing(offer: m.EmcOffer) -> tuple[str, ...]:
    """The terms the offer's model needs that it does not state (old offers)."""
    return emc.missing_terms(emc_terms(terms(offer)))


def _term(check: Checker, raw: str, field: str, applies: bool, required: bool,
          low: float, high: float) -> float | None:
    """A number the model needs (``required``), may have (``applies``) or has
    no use for; one error per field."""
    text = fields.clean(raw).strip()
    if not text:
        if required:
            check.add("term.required", field)
        return None
    value = check(fields.number, text, field, low, high)
    if value is not None and not applies:
        check.add("term.not_applicable", field)
        return None
    return value


def _wan(value: float | None) -> float | None:
    return None if value is None else round(value * fields.WAN, 2)


def guarantee(check: Checker, data: Any, model: str | None) -> dict:
    """The guarantee, its unit and the shortfall rule (kind, share or cap,
    and the free-text note)."""
    amount = check(fields.number, data.guaranteed_saving, "guaranteed_saving", 0, 1e12, False)
    unit = (data.guarantee_unit or "").strip()
    kind = fields.clean(data.shortfall_kind).strip() or None
    if model in GUARANTEED and not amount:
        check.add("guarantee.required", "guaranteed_saving")
    if amount and model and model not in GUARANTEED:
        check.add("term.not_applicable", "guaranteed_saving")
    elif amount and unit not in m.OFFERED_GUARANTEE_UNITS:
        check.add("guarantee.percent" if unit == "percent" else "guarantee.unit", "guarantee_unit")
    if kind is not None and kind not in m.SHORTFALL_KINDS:
        check.add("field.choice", "shortfall_kind")
        kind = None
    elif kind and not amount:
        check.add("shortfall.without_guarantee", "shortfall_kind")
    elif amount and model in GUARANTEED and not kind:
        check.add("shortfall.required", "shortfall_kind")
    share = _term(check, data.shortfall_share_pct, "shortfall_share_pct", kind == "share", kind == "share",
                  0, 100)
    cap = _term(check, data.shortfall_cap_wan, "shortfall_cap", kind == "capped", kind == "capped", 0, 1e7)
    note = " ".join((data.shortfall_rule or "").split())
    note = check(fields.long_text, note, "shortfall_rule", 4, 1000) if note else ""
    return {"guaranteed_saving": amount or None, "guarantee_unit": unit if amount else "",
            "shortfall_kind": kind, "shortfall_share_pct": share, "shortfall_cap_cny": _wan(cap),
            "shortfall_rule": note or ""}


def other_terms(check: Checker, data: Any, model: str | None, esco_pct: float | None) -> dict:
    """Service fee, hosting, lease and the enterprise's co-investment."""
    any_model = model is None
    fee = _term(check, data.service_fee_wan, "service_fee", any_model or model in GUARANTEED,
                model == "guaranteed_savings", 0, 1e7)
    hosting = any_model or model == HOSTING
    lease = any_model or model == LEASE
    values = {
        "service_fee_cny": _wan(fee),
        "hosting_discount_pct": _term(check, data.hosting_discount_pct, "hosting_discount_pct", hosting,
                                      model == HOSTING, 0, 99),
        "hosting_baseline_cny": _wan(_term(check, data.hosting_baseline_wan, "hosting_baseline", hosting,
                                           False, 0, 1e7)),
        "lease_rate_pct": _term(check, data.lease_rate_pct, "lease_rate_pct", lease, model == LEASE, 0, 30),
        "down_payment_pct": _term(check, data.down_payment_pct, "down_payment_pct", lease, model == LEASE,
                                  0, 99),
        "lease_instalments_per_year": _instalments(check, data.lease_instalments, model),
        "enterprise_investment_pct": _co_investment(check, data.enterprise_investment_pct, model, esco_pct),
    }
    if model == LEASE and esco_pct:
        check.add("investor.lease", "esco_investment_pct")
    return values


def _instalments(check: Checker, raw: str, model: str | None) -> int | None:
    allowed = tuple(str(n) for n in m.LEASE_INSTALMENTS)
    text = fields.clean(raw).strip()
    if not text:
        if model == LEASE:
            check.add("term.required", "lease_instalments")
        return None
    value = check(fields.choice, text, "lease_instalments", allowed)
    if value is not None and model not in (None, LEASE):
        check.add("term.not_applicable", "lease_instalments")
        return None
    return None if value is None else int(value)


def _co_investment(check: Checker, raw: str, model: str | None, esco_pct: float | None) -> float | None:
    """The enterprise's part of the investment: with the ESCO's it makes 100 %
    (derived when not given); a lease has the down payment instead."""
    value = _term(check, raw, "enterprise_investment_pct", True, False, 0, 100)
    if model == LEASE:
        if value is not None:
            check.add("coinvest.lease", "enterprise_investment_pct")
        return None
    if esco_pct is None:
        return value
    if value is not None and abs(value + esco_pct - 100) > 1e-6:
        check.add("coinvest.mismatch", "enterprise_investment_pct", esco=f"{esco_pct:g}")
        return None
    return 100 - esco_pct
