"""The bureau's dashboard (routes on the ``bureau`` blueprint): the page
renders every table on the server (readable without JavaScript); the charts
are drawn by ``static/js/dashboard.js`` from the JSON endpoints, one per
figure. Filters: sector, district, period (``from``/``to``)."""
from __future__ import annotations

from typing import Any

from flask import abort, current_app, g, jsonify, make_response, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from catalog import clock
from catalog import models as m
from catalog.console import capacity, catalogue_stats, coverage, funnel, results
from catalog.console.filters import Filters, parse
from catalog.console.version import data_version
from catalog.errors import InvalidInput

from ..db import get_session
from ..enterprise.forms import PROBLEMS
from ..enterprise.labels import STANDINGS
from ..inquiries.labels import MODEL_LABELS
from .figure_cache import FigureCache
from .views import bp

LIST_LIMIT = 100  # rows of a list shown on the page; the export has them all
FIGURES = ("capacity", "catalogue", "funnel", "funnel_breakdown", "funnel_times", "results", "coverage")
STEPS = {"posted": _l("Needs posted"), "matched": _l("Matched"), "inquiry": _l("With an inquiry"),
         "sent": _l("Inquiries sent"), "site_survey": _l("Site survey"), "proposal": _l("Proposal"),
         "contracted": _l("Contracted"), "implemented": _l("Implemented")}
TECH_STATUSES = {"draft": _l("Draft"), "under_review": _l("Under review"),
                 "public_notice": _l("Public notice"), "published": _l("Published"), "retired": _l("Retired")}


def filter_message(exc: InvalidInput) -> str:
    if exc.reason == "date":
        return _("“%(name)s” must be a date like 2026-01-31.", name=exc.field)
    if exc.reason == "order":
        return _("The period ends before it starts.")
    return _("Unknown value “%(value)s” for “%(field)s”.", value=exc.value, field=exc.field)


def filters_or_400(as_json: bool = False) -> Filters:
    try:
        return parse(get_session(), request.args)
    except InvalidInput as exc:
        if as_json:
            abort(make_response(jsonify(error={"status": 400, "message": filter_message(exc)}), 400))
        abort(400, filter_message(exc))


def thresholds() -> tuple[float, float]:
    cfg = current_app.config
    return (float(cfg.get("DASHBOARD_MATCH_THRESHOLD", funnel.MATCH_THRESHOLD)),
            float(cfg.get("DASHBOARD_GAP_THRESHOLD", coverage.GAP_THRESHOLD)))


def locale() -> str:
    return str(get_locale() or "zh")


def names(model) -> dict[str, str]:
    en = locale().startswith("en")
    return {k: (e or z) if en else z for k, z, e in get_session().execute(
        select(model.key, model.name_zh, model.name_en).order_by(model.position))}


def figure(name: str, flt: Filters) -> dict[str, Any]:
    """The data of one figure, as plain JSON-ready values with labels; reused
    while the data's fingerprint is unchanged (DASHBOARD_CACHE_SIZE figures)."""
    db = get_session()
    if "dashboard_version" not in g:
        g.dashboard_version = data_version(db)
    cache = current_app.extensions.get("dashboard_cache")
    if cache is None:
        cache = current_app.extensions["dashboard_cache"] = FigureCache(
            int(current_app.config.get("DASHBOARD_CACHE_SIZE", 256)))
    key = (name, flt, locale(), thresholds(), clock.today(), g.dashboard_version)
    return cache.get_or_make(key, lambda: globals()[f"_{name}"](db, flt))


def _capacity(db, flt: Filters) -> dict[str, Any]:
    en = locale().startswith("en")
    rows = [{"key": r.key, "name": r.name_en if en else r.name_zh, "unit": r.output_unit, "lines": r.lines,
             "capacity": r.capacity, "total": r.total, "share": r.benchmark_share, "meets": r.meets_target}
            for r in capacity.by_product(db, flt)]
    below = [{"organisation": b.organisation, "facility": b.facility,
              "product": b.product_en if en else b.product_zh, "value": b.unit_energy,
              "baseline": b.baseline, "unit": b.unit, "capacity": b.capacity,
              "deadline": b.deadline.isoformat() if b.deadline else None}
             for b in capacity.below_baseline(db, flt, limit=LIST_LIMIT)]
    return {"target": capacity.TARGET_SHARE, "products": rows, "below_baseline": below, "limit": LIST_LIMIT,
            "labels": {k: str(v) for k, v in STANDINGS.items()}}


def _catalogue(db, flt: Filters) -> dict[str, Any]:
    en = locale().startswith("en")

    def counts(items):
        return [{"key": c.key, "name": c.name_en if en and c.name_en else c.name_zh, "count": c.count}
                for c in items]
    waiting = catalogue_stats.queue(db, flt)
    return {"sector": counts(catalogue_stats.by_sector(db, flt)),
            "category": counts(catalogue_stats.by_category(db, flt)),
            "maturity": counts(catalogue_stats.by_maturity(db, flt)),
            "status": [{"key": c.key, "name": str(TECH_STATUSES[c.key]), "count": c.count}
                       for c in catalogue_stats.by_status(db, flt)],
            "review_due": [{"code": t.code, "name": t.label(locale()), "due": t.review_due.isoformat()}
                           for t in catalogue_stats.review_due(db, flt, clock.today())],
            "queue": [{"id": w.id, "name": w.name_zh, "organisation": w.organisation, "status": w.status,
                       "days": w.days} for w in waiting],
            "ages": [{"bucket": b, "count": n} for b, n in catalogue_stats.ages(waiting)]}


def _steps(counts: dict[str, int]) -> list[dict[str, Any]]:
    rates = funnel.Funnel.rates(counts)
    return [{"key": k, "name": str(STEPS[k]), "count": v, "rate": rates[k]} for k, v in counts.items()]


def _funnel(db, flt: Filters) -> dict[str, Any]:
    data = funnel.totals(db, flt, thresholds()[0])
    return {"threshold": thresholds()[0], "needs": _steps(data.needs), "inquiries": _steps(data.inquiries)}


def _funnel_breakdown(db, flt: Filters) -> dict[str, Any]:
    data = funnel.breakdown(db, flt, thresholds()[0])
    unknown = _("Not given")

    def rows(table, labels):
        return [{"key": k, "name": labels.get(k, k) if k else unknown, **v}
                for k, v in sorted(table.items(), key=lambda kv: -kv[1]["posted"])]
    return {"steps": {k: str(STEPS[k]) for k in funnel.NEED_STEPS},
            "by_sector": rows(data.by_sector, names(m.Sector)),
            "by_district": rows(data.by_district, names(m.District))}


def _funnel_times(db, flt: Filters) -> dict[str, Any]:
    return {"pairs": [{"from": a, "to": b, "name": f"{STEPS[a]} → {STEPS[b]}", "days": days}
                      for (a, b), days in funnel.medians(db, flt).items()]}


def _results(db, flt: Filters) -> dict[str, Any]:
    shares = results.by_model(db, flt)
    return {"totals": [t.__dict__ for t in results.totals(db, flt)],
            "models": [{**s.__dict__, "name": str(MODEL_LABELS.get(s.model, s.model or _("Not given")))}
                       for s in shares],
            "emc_share": results.emc_share(shares)}


def _coverage(db, flt: Filters) -> dict[str, Any]:
    en = locale().startswith("en")
    problems = {k: str(v) for k, v in PROBLEMS}
    gaps = coverage.gaps(db, flt, thresholds()[1])
    return {"threshold": thresholds()[1],
            "gaps": [{"stage": (g.stage_en if en else g.stage_zh) or _("Not given"),
                      "problem": problems.get(g.problem_type, g.problem_type), "needs": g.needs,
                      "unscored": g.unscored, "mean_score": g.mean_score} for g in gaps]}


@bp.get("/dashboard", endpoint="dashboard")
def dashboard_page():
    flt = filters_or_400()
    data = {name: figure(name, flt) for name in FIGURES}
    return render_template("bureau/dashboard.html", flt=flt, data=data, query=flt.as_params(),
                           sectors=names(m.Sector), districts=names(m.District))


@bp.get("/dashboard/<any(" + ", ".join(FIGURES) + "):name>.json", endpoint="dashboard_data")
def dashboard_data(name: str):
    return jsonify(figure(name, filters_or_400(as_json=True)))
