"""JSON of an EMC comparison (``catalog.enterprise.offers.Comparison``) for
the match API: the yearly cash flows of every party beside self-funding,
totals and NPVs, the guarantee's conversion and the assumptions — or what is
missing. Money in CNY; rates in percent as the assumptions state them."""
from __future__ import annotations


def _flow_json(flow) -> dict | None:
    if flow is None:
        return None
    parties = ("enterprise", "esco", "lessor")
    return {
        "model": flow.model, "discount_rate": flow.discount_rate,
        "years": [{"year": y.year, "saving": y.saving, "enterprise": y.enterprise, "esco": y.esco,
                   "lessor": y.lessor} for y in flow.years],
        "totals": {"saving": flow.saving_total, **{p: flow.total(p) for p in parties}},
        "npv": {p: flow.npv(p) for p in parties},
    }


def comparison_json(c) -> dict:
    conv = c.conversion
    return {
        "id": c.offer.id, "model": c.offer.info.model, "supplier": c.offer.supplier,
        "supplier_verified": c.offer.info.verified, "title": c.offer.title,
        "term_years": c.offer.terms.term_years, "capex_cny": c.project_cny, "below_minimum": c.below_minimum,
        "status": "complete" if c.complete else "incomplete",
        "missing_terms": list(c.missing_terms), "missing_inputs": list(c.missing_inputs),
        "horizon_years": c.result.horizon_years,
        "cash_flow": _flow_json(c.emc), "self_funded": _flow_json(c.own),
        "guarantee_conversion": None if conv is None else {
            "amount": conv.amount, "unit": conv.unit, "price": conv.price, "price_unit": conv.price_unit,
            "cny_per_year": conv.cny},
        "assumptions": [{"name": a.name, "value": a.value, "unit": a.unit, "source": a.source}
                        for a in c.assumptions],
    }
