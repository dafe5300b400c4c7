"""Support programmes as JSON (routes on the ``api`` blueprint, issue 23): the
published and retired programmes, one programme, and a match option's
qualifying programmes with its payback and NPV with each."""
from __future__ import annotations

from flask import jsonify, url_for

from catalog import sources
from catalog.programmes import service

from ..db import get_session
from .views import bp


def programme_json(p, cited: dict) -> dict:
    return {
        "slug": p.slug, "kind": p.kind, "status": p.status, "name_zh": p.name_zh, "name_en": p.name_en,
        "administrator_zh": p.administrator_zh, "administrator_en": p.administrator_en,
        "summary_zh": p.summary_zh, "summary_en": p.summary_en, "sectors": list(p.sectors or []),
        "categories": list(p.categories or []), "technologies": list(p.technologies or []),
        "min_saving_tce": p.min_saving_tce, "deadline": p.deadline.isoformat() if p.deadline else None,
        "share": p.share, "cap_cny": p.cap_cny, "rate": p.rate, "years": p.years,
        "source": sources.as_json(cited.get(p.source_key)), "basis_zh": p.basis_zh, "basis_en": p.basis_en,
        "retired_reason": p.retired_reason, "url": url_for("public.programme", slug=p.slug),
    }


@bp.get("/api/v1/programmes", endpoint="programmes")
def programmes_api():
    db = get_session()
    items = service.published(db) + service.retired(db)
    cited = sources.resolve(db, [p.source_key for p in items])
    return jsonify(items=[programme_json(p, cited) for p in items])


@bp.get("/api/v1/programmes/<slug>", endpoint="programme")
def programme_api(slug: str):
    db = get_session()
    item = service.get_public(db, slug)
    return jsonify(programme_json(item, sources.resolve(db, [item.source_key])))


def support_json(view, cited: dict) -> list[dict]:
    """A match view's qualifying programmes: the checks, and the recomputed
    payback and NPV beside the figures without (``matching.support``)."""
    out = []
    a = view.appraisal
    for o in view.support:
        s = o.supported
        row = {"programme": o.programme.slug, "kind": o.programme.kind,
               "name_zh": o.programme.name_zh, "name_en": o.programme.name_en,
               "source": sources.as_json(cited.get(o.programme.source_key)),
               "checks": [{"rule": c.rule, "ok": c.ok, "wanted": _plain(c.wanted), "found": _plain(c.found)}
                          for c in o.checks],
               "used_in_payback": bool(s and s.usable), "note": o.note or None,
               "payback_years_without": a.payback_years.typical if a and a.payback_years else None,
               "npv_cny_without": a.npv_cny.typical if a and a.npv_cny else None,
               "support_cny": None, "effective_capex_cny": None, "payback_years_with": None,
               "npv_cny_with": None, "npv_gain_cny": None}
        if s and s.usable:
            row.update(support_cny=s.support_cny, effective_capex_cny=s.effective_capex,
                       payback_years_with=s.payback_years, npv_cny_with=s.npv, npv_gain_cny=s.npv_gain,
                       yearly_cny=s.instalment_cny)
        out.append(row)
    return out


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
