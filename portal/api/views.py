"""JSON API (v1) and the health check. Errors are JSON too (see portal.errors)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext as _

from catalog import queries, search
from catalog.db import schema_revision

from ..catalogue import filter_from_request, search_request
from ..db import get_session
from ..extensions import csrf

bp = Blueprint("api", __name__)


@bp.get("/healthz")
def healthz():
    db = get_session()
    return jsonify(
        status="ok",
        schema_revision=schema_revision(db),
        index_documents=search.document_count(current_app.config["SEARCH_INDEX_DIR"]),
        index_pending=search.pending_count(db),
    )


def technology_summary(tech) -> dict:
    return {
        "code": tech.code,
        "name_zh": tech.name_zh,
        "name_en": tech.name_en,
        "sector": tech.sector_key,
        "process_stage": tech.stage_key,
        "category": tech.category_key,
        "maturity": tech.maturity_key,
        "trl": tech.trl,
        "plan_named": tech.plan_named,
    }


def figure_json(fig) -> dict:
    return {
        "metric": fig.metric,
        "value": fig.value_num if fig.value_num is not None else fig.value_text,
        "unit": fig.unit,
        "basis": fig.basis,
        "source": fig.source,
        "evidence_level": fig.evidence_key,
        "flag": fig.flag,
        "verified": bool(fig.evidence.trusted),
    }


@bp.get("/api/v1/technologies")
def technologies():
    cfg = current_app.config
    flt, _q = filter_from_request(per_page=20, max_per_page=cfg["API_MAX_PER_PAGE"])
    page = queries.list_technologies(get_session(), flt)
    return jsonify(total=page.total, page=page.page, per_page=page.per_page,
                   items=[technology_summary(t) for t in page.items])


def listings_for(technology_id: int) -> dict:
    from .supply import for_technology

    return for_technology(technology_id)


@bp.get("/api/v1/technologies/<code>")
def technology(code: str):
    db = get_session()
    tech = queries.get_technology(db, code)
    return jsonify(
        **technology_summary(tech),
        summary_zh=tech.summary_zh, summary_en=tech.summary_en,
        description_zh=tech.description_zh, description_en=tech.description_en,
        keywords_zh=tech.keywords_zh, keywords_en=tech.keywords_en,
        energy_carriers=tech.energy_carriers, applicable_to=tech.applicable_to,
        plan_refs=tech.plan_refs, status=tech.status,
        retired_reason=tech.retired_reason or None, promoted=tech.promoted,
        figures=[figure_json(f) for f in tech.figures],
        benchmarks=[{"key": b.key, "name_zh": b.name_zh, "name_en": b.name_en, "unit": b.unit,
                     "benchmark": b.benchmark, "baseline": b.baseline, "flag": b.flag}
                    for b in queries.benchmarks_for(db, tech.applicable_to)],
        **listings_for(tech.id),  # products and EMC offers (issue 5)
    )


@bp.get("/api/v1/search", endpoint="search")
def search_api():
    req = search_request(per_page=10, max_per_page=current_app.config["API_MAX_PER_PAGE"])
    result = search.search(current_app.config["SEARCH_INDEX_DIR"], req)
    return jsonify(
        total=result.total, page=req.page, per_page=req.per_page,
        items=[{"type": h.doc_type, "code": h.code, "name_zh": h.title_zh, "name_en": h.title_en,
                "sector": h.sector, "score": h.score, "snippet": h.snippet} for h in result.hits],
        facets=result.facets, suggestion=result.suggestion, corrected=result.corrected,
        partial=result.partial,
    )


def json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return {}
    return body


def field_errors(exc) -> tuple:
    from ..auth.messages import errors_of, message

    fields = {e.field or "_": message(e) for e in errors_of(exc)}
    return jsonify(error={"status": 400, "message": _("Some fields are not valid."), "fields": fields}), 400


# Stateless computations over public data: no session state to protect, so
# API clients post JSON without a CSRF token.
@bp.post("/api/v1/diagnose", endpoint="diagnose")
@csrf.exempt
def diagnose_api():
    from catalog.accounts.errors import AccountError
    from catalog.enterprise.diagnosis import diagnose_values
    from catalog.enterprise.requests import diagnose_input

    db = get_session()
    try:
        key, unit_energy, output = diagnose_input(db, json_body())
    except AccountError as exc:
        return field_errors(exc)
    row, dia = diagnose_values(db, key, unit_energy, output)
    return jsonify(diagnosis_json(row, dia))


def diagnosis_json(row, dia) -> dict:
    return {"benchmark_product": row.key, "family": row.family, "name_zh": row.name_zh,
            "name_en": row.name_en, "unit": row.unit, "unit_energy": dia.value,
            "annual_output": dia.annual_output, "status": dia.standing.value,
            "benchmark": dia.benchmark, "baseline": dia.baseline,
            "gap_to_benchmark": dia.gap_to_benchmark, "gap_to_baseline": dia.gap_to_baseline,
            "gap_tce": dia.gap_tce, "gap_tco2": dia.gap_tco2,
            "deadline": dia.deadline.isoformat() if dia.deadline else None,
            "levels_verified": dia.verified, "flag": row.flag}


@bp.post("/api/v1/match", endpoint="match")
@csrf.exempt
def match_api():
    from catalog.accounts.errors import AccountError
    from catalog.enterprise.matches import match
    from catalog.enterprise.requests import match_query

    db = get_session()
    try:
        query = match_query(db, json_body())
    except AccountError as exc:
        return field_errors(exc)
    result = match(db, current_app.config["SEARCH_INDEX_DIR"], query)
    return jsonify(
        diagnosis=diagnosis_json(result.product, result.diagnosis) if result.diagnosis else None,
        matches=[match_json(v) for v in result.views])


def match_json(view) -> dict:
    tech, found, impact = view.technology, view.match, view.impact
    return {
        "technology": {"code": tech.code, "name_zh": tech.name_zh, "name_en": tech.name_en},
        "score": found.score,
        "factors": [{"name": f.name, "value": round(f.value, 4), "weight": round(f.weight, 4),
                     "contribution": round(f.contribution, 4)} for f in found.factors],
        "reasons_zh": list(found.reasons_zh), "reasons_en": list(found.reasons_en),
        "impact": None if impact is None else {
            "energy_tce": impact.energy_tce, "co2_t": impact.co2_t, "cost_cny": impact.cost_cny,
            "capex_cny": impact.capex_cny, "payback_years": impact.payback_years,
            "basis": view.saving_basis, "missing": impact.missing,
            "inputs": [{"name": i.name, "value": i.value, "unit": i.unit, "source": i.source}
                       for i in impact.inputs]},
        "offers": [offer_json(c) for c in view.offers],
    }


def offer_json(c) -> dict:
    def years(flow):
        if flow is None:
            return None
        return [{"year": y.year, "saving": y.saving, "enterprise": y.enterprise, "esco": y.esco}
                for y in flow.years]

    o = c.offer
    return {"id": o.id, "model": o.info.model, "supplier": o.supplier, "supplier_verified": o.info.verified,
            "title": o.title, "term_years": o.terms.term_years, "project_cny": c.project_cny,
            "project_basis": c.project_basis, "cash_flow": years(c.emc), "self_funded": years(c.own)}
