"""Public pages: home, catalogue, technology sheets, sectors, benchmarks, language."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, session

from catalog import queries, reference_plant, search, sources
from catalog.console import announcements
from catalog.curation.publishing import cases_for
from catalog.enterprise import energy
from catalog.search.analysis import terms
from catalog.supply import public as supply_public

from ..catalogue import filter_from_request, search_request
from ..db import get_session
from ..redirects import safe_next
from ..supplier import listing_labels

bp = Blueprint("public", __name__)


@bp.get("/")
def home():
    db = get_session()
    return render_template(
        "public/home.html",
        sectors=queries.sectors_with_counts(db),
        promoted=queries.promoted_technologies(db, limit=6),
        edition=queries.current_edition(db),
        upcoming=announcements.upcoming(db, limit=3),  # the next events (issue 8)
    )


@bp.get("/catalogue")
def catalogue():
    db = get_session()
    flt, q = filter_from_request(current_app.config["CATALOGUE_PAGE_SIZE"])
    page = queries.list_technologies(db, flt)
    if flt.page > page.pages:
        abort(404)
    return render_template("public/catalogue.html", page=page, flt=flt, q=q,
                           facets=queries.facet_counts(db, flt),
                           sectors=queries.sectors_with_counts(db))


@bp.get("/search", endpoint="search")
def search_page():
    db = get_session()
    req = search_request(per_page=10)
    result = search.search(current_app.config["SEARCH_INDEX_DIR"], req)
    pages = max(1, -(-result.total // req.per_page))
    if req.page > pages:
        abort(404)
    related = queries.related_terms(db, terms(req.text)) if req.text and not result.total else []
    return render_template("public/search.html", req=req, result=result, pages=pages,
                           labels=queries.facet_rows(db), related=related,
                           sectors=queries.sectors_with_counts(db))


@bp.get("/technologies/<code>")
def technology(code: str):
    db = get_session()
    tech = queries.get_technology(db, code)
    products, offers = supply_public.for_technology(db, tech.id)  # issue 5
    benchmarks = queries.benchmarks_for(db, tech.applicable_to)
    prices, plant = {}, None
    if (tech.effect or {}).get("reference"):  # only entries with a reference project need the factors
        prices = reference_plant.reference_prices(db)
        plant = reference_plant.plant(tech, reference_plant.first_rows(db), energy.factors(db), prices)
    return render_template(
        "public/technology.html", tech=tech, benchmarks=benchmarks, plant=plant, ref_prices=prices,
        cited=sources.resolve(db, sources.effect_keys(tech.effect) | benchmark_keys(benchmarks)),
        related=queries.related_technologies(db, tech),
        flags=queries.reference_flags(db),
        products=products, offers=offers, cases=cases_for(db, tech),
        labels=listing_labels() if products or offers else {},
        **project_evidence(db, tech),
    )


def project_evidence(db, tech) -> dict:
    """The technology's Chongqing projects and the rule that lets them set its typical value (issue 23)."""
    from catalog.evidence import adoption, records

    from ..i18n import lang

    found = records.evidence_for(db, tech)
    keys = {r.record.product_key for g in found.groups for r in g.rows if r.record.product_key}
    names = {b.key: b.label(lang()) for b in queries.all_benchmarks(db) if b.key in keys} if keys else {}
    return {"projects": found, "project_products": names,
            "adoption_rule": {"n": adoption.MIN_PROJECTS, "pct": round(100 * adoption.AGREEMENT)}}


@bp.get("/technologies/<code>/print")
def technology_print(code: str):
    db = get_session()
    tech = queries.get_technology(db, code)
    return render_template(
        "public/technology_print.html", tech=tech,
        benchmarks=queries.benchmarks_for(db, tech.applicable_to),
        flags=queries.reference_flags(db),
    )


@bp.get("/sectors/<key>")
def sector(key: str):
    db = get_session()
    sector = queries.get_sector(db, key)
    flt = queries.CatalogueFilter(sector=key, per_page=100)
    return render_template(
        "public/sector.html", sector=sector, page=queries.list_technologies(db, flt),
        facets=queries.facet_counts(db, flt),
        benchmarks=(rows := [b for b in queries.all_benchmarks(db) if b.sector_key == key]),
        flags=queries.reference_flags(db), cited=sources.resolve(db, benchmark_keys(rows)),
    )


@bp.get("/benchmarks")
def benchmarks():
    db = get_session()
    rows = queries.all_benchmarks(db)
    return render_template("public/benchmarks.html", benchmarks=rows,
                           flags=queries.reference_flags(db), cited=sources.resolve(db, benchmark_keys(rows)),
                           levels=queries.evidence_levels(db))


def benchmark_keys(rows) -> set:
    return {k for b in rows for k in (b.annex_source, b.standard_source) if k}


@bp.get("/lang/<code>")
def switch_language(code: str):
    """Works without JavaScript: remember the choice and go back."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    return redirect(safe_next(request.args.get("next")))

