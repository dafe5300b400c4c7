"""JSON API (v1) and the health check. Errors are JSON too (see portal.errors)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from catalog import queries, search
from catalog.db import schema_revision

from ..catalogue import filter_from_request, search_request
from ..db import get_session

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
        figures=[figure_json(f) for f in tech.figures],
        benchmarks=[{"key": b.key, "name_zh": b.name_zh, "name_en": b.name_en, "unit": b.unit,
                     "benchmark": b.benchmark, "baseline": b.baseline, "flag": b.flag}
                    for b in queries.benchmarks_for(db, tech.applicable_to)],
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
