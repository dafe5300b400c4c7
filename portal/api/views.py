"""JSON API (v1) and the health check. Errors are JSON too (see portal.errors)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from flask_babel import gettext as _

from catalog import queries, search
from catalog.db import schema_revision

from ..catalogue import filter_from_request, search_request
from ..db import get_session
from ..extensions import csrf
from . import schema
from .validation import valid_body, valid_query

bp = Blueprint("api", __name__)


@bp.get("/healthz")
def healthz():
    """``degraded`` with 503 and the reasons when search changes wait too long
    or the index folder cannot be written (``search.health``)."""
    db = get_session()
    found = search.health(db, current_app.config["SEARCH_INDEX_DIR"],
                          current_app.config.get("SEARCH_TASK_MAX_WAIT_S", 300))
    body = {"status": "ok" if found.ok else "degraded", "schema_revision": schema_revision(db),
            "search_backend": found.backend, "index_documents": found.documents,
            "index_pending": found.pending}
    if not found.ok:
        return jsonify({**body, "reasons": found.reasons}), 503
    return jsonify(body)


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
    from catalog.sources import as_json

    source = as_json(fig.cited) if fig.cited is not None else (
        {"publisher": None, "title": fig.source, "date": None, "url": None, "kind": "submitted"}
        if fig.source else None)
    return {
        "metric": fig.metric,
        "value": fig.value_num if fig.value_num is not None else fig.value_text,
        "unit": fig.unit,
        "unit_zh": fig.unit_zh or fig.unit,
        "basis_zh": fig.basis_zh or None,
        "basis_en": fig.basis or None,
        "source": source,
        "evidence_level": fig.evidence_key,
        "flag": fig.flag,
        "verified": bool(fig.evidence.trusted),
    }


@bp.get("/api/v1/technologies")
def technologies():
    cfg = current_app.config
    valid_query(schema.CatalogueQuery)
    flt, _q = filter_from_request(per_page=20, max_per_page=cfg["API_MAX_PER_PAGE"])
    page = queries.list_technologies(get_session(), flt)
    return jsonify(total=page.total, page=page.page, per_page=page.per_page,
                   items=[technology_summary(t) for t in page.items])


def projects_json(db, tech) -> dict:
    from .evidence import projects_json as found

    return found(db, tech)


def listings_for(technology_id: int) -> dict:
    from .supply import for_technology

    return for_technology(technology_id)


@bp.get("/api/v1/technologies/<code>")
def technology(code: str):
    from catalog.sources import effect_keys, resolve

    from .estimates import effect_json

    db = get_session()
    tech = queries.get_technology(db, code)
    cited = resolve(db, effect_keys(tech.effect))
    return jsonify(
        **technology_summary(tech),
        summary_zh=tech.summary_zh, summary_en=tech.summary_en,
        description_zh=tech.description_zh, description_en=tech.description_en,
        keywords_zh=tech.keywords_zh, keywords_en=tech.keywords_en,
        energy_carriers=tech.energy_carriers, applicable_to=tech.applicable_to,
        plan_refs=tech.plan_refs, status=tech.status,
        retired_reason=tech.retired_reason or None, promoted=tech.promoted,
        figures=[figure_json(f) for f in tech.figures],
        effect=effect_json(tech.effect, cited),
        benchmarks=[{"key": b.key, "name_zh": b.name_zh, "name_en": b.name_en, "unit": b.unit,
                     "benchmark": b.benchmark, "baseline": b.baseline, "flag": b.flag}
                    for b in queries.benchmarks_for(db, tech.applicable_to)],
        **listings_for(tech.id),  # products and EMC offers (issue 5)
        projects=projects_json(db, tech),  # Chongqing projects, claimed vs measured (issue 23)
    )


@bp.get("/api/v1/search", endpoint="search")
def search_api():
    valid_query(schema.SearchQuery)
    req = search_request(per_page=10, max_per_page=current_app.config["API_MAX_PER_PAGE"])
    result = search.search(current_app.config["SEARCH_INDEX_DIR"], req)
    return jsonify(
        total=result.total, page=req.page, per_page=req.per_page,
        items=[{"type": h.doc_type, "code": h.code, "name_zh": h.title_zh, "name_en": h.title_en,
                "sector": h.sector, "score": h.score, "snippet": h.snippet} for h in result.hits],
        facets=result.facets, suggestion=result.suggestion, corrected=result.corrected,
        partial=result.partial,
    )


def field_errors(exc) -> tuple:
    from ..auth.messages import errors_of, message

    fields = {e.field or "_": message(e) for e in errors_of(exc)}
    return jsonify(error={"status": 400, "message": _("Some fields are not valid."), "fields": fields}), 400


# Stateless computations over public data: no session state to protect, so
# API clients post JSON without a CSRF token.
@bp.post("/api/v1/diagnose", endpoint="diagnose")
@csrf.exempt
def diagnose_api():
    from catalog.enterprise.diagnosis import diagnose_values
    from catalog.enterprise.requests import diagnose_input
    from catalog.errors import RuleError
    from catalog.sources import resolve

    from .estimates import diagnosis_json

    payload = valid_body(schema.DiagnoseRequest)
    db = get_session()
    try:
        line = diagnose_input(db, payload)
    except RuleError as exc:
        return field_errors(exc)
    dia = diagnose_values(db, line.row, line.unit_energy, line.annual_output, line.energy_mix)
    cited = resolve(db, (line.row.annex_source, line.row.standard_source))
    return jsonify(diagnosis_json(line.row, dia, line.energy_mix, cited))


@bp.post("/api/v1/match", endpoint="match")
@csrf.exempt
def match_api():
    from catalog.enterprise.matches import match
    from catalog.enterprise.requests import match_query
    from catalog.errors import RuleError
    from catalog.sources import resolve

    from .estimates import appraisal_keys, diagnosis_json, impact_keys

    payload = valid_body(schema.MatchRequest)
    db = get_session()
    try:
        query = match_query(db, payload)
    except RuleError as exc:
        return field_errors(exc)
    result = match(db, current_app.config["SEARCH_INDEX_DIR"], query)
    keys = set().union(*(impact_keys(v.impact) | appraisal_keys(v.appraisal) for v in result.views)) \
        if result.views else set()
    keys |= {o.programme.source_key for v in result.views for o in v.support}  # issue 23
    if result.product is not None:
        keys |= {result.product.annex_source, result.product.standard_source}
    cited = resolve(db, keys)
    diagnosis = None
    if result.diagnosis is not None:
        diagnosis = diagnosis_json(result.product, result.diagnosis, query.energy_mix, cited)
    return jsonify(diagnosis=diagnosis, matches=[match_json(v, cited) for v in result.views],
                   excluded=[{"code": e.code, "reason": e.reason, "reason_zh": e.reason_zh,
                              "reason_en": e.reason_en} for e in result.excluded],
                   short_list=result.short_list,
                   understood=understood_json(result.understanding))


def understood_json(u) -> dict | None:
    """What the engine read from the need: goals, installed entries, sector, capital."""
    if u is None:
        return None
    return {"goals": sorted(u.goals), "installed": sorted(u.installed),
            "installed_from_text": sorted(u.installed_from_text), "sector": u.sector,
            "no_big_capital": u.low_capital}


def match_json(view, cited: dict) -> dict:
    from .estimates import appraisal_json, impact_json
    from .programmes import support_json

    tech, found = view.technology, view.match
    impact = impact_json(view.impact, cited)
    if impact is not None:
        impact.update(appraisal_json(view.appraisal, cited))
    return {
        "technology": {"code": tech.code, "name_zh": tech.name_zh, "name_en": tech.name_en},
        "score": found.score,
        "factors": [{"name": f.name, "value": round(f.value, 4), "weight": round(f.weight, 4),
                     "contribution": round(f.contribution, 4)} for f in found.factors],
        "reasons_zh": list(found.reasons_zh), "reasons_en": list(found.reasons_en),
        "impact": impact,
        "offers": [offer_json(c) for c in view.offers],
        "programmes": support_json(view, cited),
    }


def offer_json(c) -> dict:
    from .contracts import comparison_json

    return comparison_json(c)
