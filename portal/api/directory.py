"""The supplier directory as JSON (issue 22; routes on the ``api``
blueprint): the same filters, rows and profile as /suppliers. A completed
project names its enterprise only with the enterprise's consent; no contact
details — ``contact_url`` is the inquiry form, which asks to sign in."""
from __future__ import annotations

from flask import jsonify, url_for

from catalog.supply import directory
from catalog.supply.directory import DirectoryFilter

from ..db import get_session
from . import directory_schema
from .validation import valid_query
from .views import bp


def _place(org) -> dict:
    return {"district": org.district_key, "province": org.province}


def row_json(row: directory.SupplierRow) -> dict:
    org = row.organisation
    return {"id": org.id, "name": org.name, **_place(org), "sectors": [s.key for s in org.sectors],
            "products": row.products, "offers": row.offers, "emc_models": row.models,
            "technologies": row.technologies, "regions": row.regions,
            "completed_projects": row.completed_projects,
            "url": url_for("public.supplier_profile", supplier_id=org.id)}


def _listing(kind: str, item) -> dict:
    product = kind == "product"
    return {"id": item.id, "kind": kind, "name": item.name_zh if product else item.title,
            "model": None if product else item.model, "technologies": [t.code for t in item.technologies],
            "regions": list(item.regions or ()),
            "url": url_for(f"public.{kind}", **{f"{kind}_id": item.id}),
            "contact_url": url_for("inquiries.new", **{f"{kind}_id": item.id})}


def profile_json(p: directory.Profile) -> dict:
    org, r = p.organisation, p.response
    return {
        "id": org.id, "name": org.name, **_place(org), "sectors": [s.key for s in org.sectors],
        "regions": p.regions, "technologies": [t.code for t in p.technologies],
        "listings": [_listing("product", x) for x in p.products] + [_listing("offer", x) for x in p.offers],
        "completed_projects": {
            "total": p.projects.total, "unnamed": p.projects.unnamed,
            "named": [{"enterprise": x.enterprise, "technology": x.technology.code if x.technology else None,
                       "implemented_on": x.implemented_on.isoformat(),
                       "achieved_saving_tce": x.achieved_saving_tce} for x in p.projects.named]},
        "response_time": {"median_hours": r.median_hours, "received": r.received, "answered": r.answered,
                          "minimum_answered": r.minimum, "window_from": r.since.isoformat(),
                          "window_to": r.until.isoformat(), "hours": list(r.hours)},
        "url": url_for("public.supplier_profile", supplier_id=org.id),
    }


@bp.get("/api/v1/suppliers")
def suppliers():
    values = valid_query(directory_schema.DirectoryQuery)
    flt = DirectoryFilter(
        q=values.get("q") or "", sector=values.get("sector") or None,
        category=values.get("category") or None, technology=values.get("technology") or None,
        region=values.get("region") or None, emc={"1": True, "0": False}.get(values.get("emc") or ""),
        model=values.get("model") or None, page=int(values.get("page") or 1),
        per_page=int(values.get("per_page") or directory.PER_PAGE))
    page = directory.listing(get_session(), flt)
    return jsonify(total=page.total, total_capped=page.capped, page=page.page, per_page=page.per_page,
                   items=[row_json(row) for row in page.rows])


@bp.get("/api/v1/suppliers/<id:supplier_id>")
def supplier(supplier_id: int):
    return jsonify(profile_json(directory.profile(get_session(), supplier_id)))
