"""A signed-in supplier's leads as JSON (route on the ``api`` blueprint):
the same ranking and the same facts as the leads page, nothing more (an
anonymous need has no enterprise)."""
from __future__ import annotations

from flask import jsonify, url_for
from flask_login import current_user

from catalog.pipeline import leads

from ..db import get_session
from ..i18n import lang
from ..params import bool_arg
from . import schema
from .validation import valid_query
from .views import bp


def _band(band) -> dict | None:
    return None if band is None else band.as_json()


def lead_json(lead: leads.Lead) -> dict:
    """An anonymous need's place is its region and its figures are bands
    ({low, high}, high null for "and above"); a public need's bands are exact."""
    need, f = lead.need, lead.need.figures
    return {
        "need": {"id": need.id, "title": need.title, "anonymous": need.anonymous,
                 "enterprise": need.enterprise, "sector": need.sector_key, "process_stage": need.stage_key,
                 "problem_type": need.problem_type, "target_saving_pct": _band(f.target_saving_pct),
                 "target_saving_tce": _band(f.target_saving_tce), "budget_cny": _band(f.budget_cny),
                 "desired_start": f.desired_start.isoformat() if f.desired_start else (
                     f.start_half.label("en") if f.start_half else None),
                 "financing": need.financing, "district": None if f.place_is_region else need.place_key,
                 "region": need.place_key if f.place_is_region else None, "status": need.status},
        "technology": lead.technology.code, "score": round(lead.score, 4),
        "reasons": list(lead.reasons_zh if lang() == "zh" else lead.reasons_en),
        "products": [p.id for p in lead.products], "offers": [o.id for o in lead.offers],
        "mark": lead.mark, "interest": lead.interest_id,
        "interest_url": url_for("supplier.interest_page", need_id=need.id, technology=lead.technology.code),
    }


@bp.get("/api/v1/leads")
def leads_json():
    valid_query(schema.LeadsQuery)
    found = leads.leads_for(get_session(), current_user.organisation_id,
                            include_dismissed=bool_arg("dismissed"))
    return jsonify(total=len(found), leads=[lead_json(lead) for lead in found])
