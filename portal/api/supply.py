"""JSON for suppliers' published listings (routes on the ``api`` blueprint):
one product, one EMC offer, and the lists the technology view embeds."""
from __future__ import annotations

from flask import jsonify, url_for

from catalog.supply import public
from catalog.supply.contract import missing

from ..db import get_session
from .views import bp


def supplier_json(org) -> dict:
    return {"id": org.id, "name": org.name, "verified": org.status == "verified"}


def product_json(product) -> dict:
    return {
        "id": product.id, "code": f"P-{product.id}", "name_zh": product.name_zh, "name_en": product.name_en,
        "description": product.description, "technologies": [t.code for t in product.technologies],
        "specs": product.specs, "stages": product.stage_keys, "capacity": product.capacity_note,
        "price_min_cny": product.price_min_cny, "price_max_cny": product.price_max_cny,
        "regions": product.regions, "certificates": product.certificates, "cases": product.cases,
        "attachments": [{"filename": a.filename, "content_type": a.content_type, "size": a.size,
                         "url": url_for("public.attachment", attachment_id=a.id)}
                        for a in product.attachments],
        "supplier": supplier_json(product.organisation), "version": product.version,
        "published_at": product.published_at.isoformat() if product.published_at else None,
        "url": url_for("public.product", product_id=product.id),
    }


def offer_json(offer) -> dict:
    return {
        "id": offer.id, "code": f"O-{offer.id}", "title": offer.title, "model": offer.model,
        "technologies": [t.code for t in offer.technologies], "products": [p.id for p in offer.products],
        "investor": offer.investor, "esco_investment_pct": offer.esco_investment_pct,
        "max_investment_cny": offer.max_investment_cny, "enterprise_shares": offer.enterprise_shares,
        "term_years": offer.term_years, "guaranteed_saving": offer.guaranteed_saving,
        "guarantee_unit": offer.guarantee_unit or None, "shortfall_rule": offer.shortfall_rule,
        "baseline_method": offer.baseline_method, "mv_method": offer.mv_method,
        "min_project_cny": offer.min_project_cny, "regions": offer.regions,
        "financing_partner": offer.financing_partner, "subsidy_note": offer.subsidy_note,
        "description": offer.description, "supplier": supplier_json(offer.organisation),
        **contract_terms_json(offer),
        "url": url_for("public.offer", offer_id=offer.id),
    }


def for_technology(technology_id: int) -> dict:
    products, offers = public.for_technology(get_session(), technology_id)
    return {"products": [product_json(p) for p in products], "offers": [offer_json(o) for o in offers]}


@bp.get("/api/v1/products/<id:product_id>")
def product(product_id: int):
    return jsonify(product_json(public.product(get_session(), product_id)))


@bp.get("/api/v1/offers/<id:offer_id>")
def offer(offer_id: int):
    return jsonify(offer_json(public.offer(get_session(), offer_id)))


def contract_terms_json(offer) -> dict:
    """The contract terms of revision 0010 (null when not stated), and the
    ones the offer's model needs but it lacks (「合同条款不全」 when any)."""
    names = ("enterprise_investment_pct", "service_fee_cny", "shortfall_kind", "shortfall_share_pct",
             "shortfall_cap_cny", "hosting_baseline_cny", "hosting_discount_pct", "lease_rate_pct",
             "lease_instalments_per_year", "down_payment_pct")
    return {**{name: getattr(offer, name) for name in names}, "missing_terms": list(missing(offer))}
