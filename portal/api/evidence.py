"""Measured outcomes as evidence and the plan's what-if as JSON (issue 23),
routes on the ``api`` blueprint: a technology's projects (added to
/api/v1/technologies/<code> by ``projects_json``), the bureau's verification
queue and decision, and the what-if. The decision is a POST with the signed-in
session: it needs the session's CSRF token in the ``X-CSRFToken`` header."""
from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _

from catalog.console import whatif
from catalog.console.filters import parse
from catalog.errors import InvalidInput, RuleError
from catalog.evidence import adoption, records, verification
from catalog.evidence.verification import Decision

from ..auth.session import actor
from ..db import get_session
from ..evidence.labels import WHATIF_RULE
from ..evidence.whatif import computed
from . import evidence_models as models
from .validation import refuse, valid_body, valid_query
from .views import bp, field_errors


def _spread(s: records.Spread) -> dict:
    return {"n": s.n, "median": s.median, "low": s.low, "high": s.high}


def revision_json(rev) -> dict:
    return {"at": rev.at.isoformat(), "unit": rev.unit, "old_typical": rev.old_typical,
            "new_typical": rev.new_typical, "n": rev.n, "project_ids": list(rev.project_ids),
            "values": list(rev.values)}


def projects_json(db, tech) -> dict:
    found = records.evidence_for(db, tech)

    def row(r: records.RecordRow) -> dict:
        rec = r.record
        return {"id": rec.id, "product": rec.product_key,
                "implemented_year": rec.implemented_on.year if rec.implemented_on else None,
                "annual_output": rec.annual_output, "energy_unit": rec.energy_unit,
                "unit_energy": rec.unit_energy, "fuel_share": rec.fuel_share,
                "claimed_saving_tce": rec.claimed_saving_tce, "measured_saving_tce": records.saving_of(rec),
                "claimed_per_unit": r.claimed, "measured_per_unit": r.measured, "evidence_level": rec.level}
    return {"rule": {"min_projects": adoption.MIN_PROJECTS, "agreement": adoption.AGREEMENT},
            "groups": [{"unit": g.unit, "claimed": _spread(g.spread("claimed")),
                        "measured": _spread(g.spread("measured")),
                        "verified": _spread(g.spread("measured", ("verified",))),
                        "projects": [row(r) for r in g.rows]} for g in found.groups],
            "revisions": [revision_json(rev) for rev in found.revisions]}


def record_json(rec) -> dict:
    return {"id": rec.id, "inquiry_id": rec.inquiry_id, "technology": rec.technology.code,
            "enterprise": rec.enterprise.name, "evidence_level": rec.level,
            "measured_saving_tce": rec.measured_saving_tce, "verified_saving_tce": rec.verified_saving_tce,
            "files": [{"id": f.id, "kind": f.kind, "filename": f.filename, "size": f.size, "sha256": f.sha256}
                      for f in rec.files],
            "review_note": rec.review_note or "",
            "submitted_at": rec.submitted_at.isoformat() if rec.submitted_at else None,
            "reviewed_at": rec.reviewed_at.isoformat() if rec.reviewed_at else None}


@bp.get("/api/v1/bureau/project-records", endpoint="project_records")
def project_records():
    from sqlalchemy import select

    from catalog import models as m

    args = valid_query(models.RecordsQuery)
    level = args.get("level") or "submitted"
    rows = get_session().scalars(select(m.ProjectRecord).where(m.ProjectRecord.level == level)
                                 .order_by(m.ProjectRecord.id)).all()
    return jsonify(total=len(rows), items=[record_json(r) for r in rows])


@bp.post("/api/v1/bureau/project-records/<id:record_id>/decision", endpoint="project_decision")
def project_decision(record_id: int):
    body = valid_body(models.DecisionRequest)
    saving = body.get("verified_saving_tce")
    try:
        rec, revision = verification.decide(get_session(), actor(), record_id, Decision(
            body["decision"], body.get("reason", ""), None if saving is None else str(saving)))
    except RuleError as exc:
        return field_errors(exc)
    return jsonify(record=record_json(rec), revision=revision_json(revision) if revision else None)


def _share(s: whatif.Share) -> dict:
    return {"product": s.product_key, "district": s.district, "unit": s.unit, "lines": s.lines,
            "classified_capacity": s.classified, "benchmark_capacity_today": s.benchmark_today,
            "benchmark_capacity_after": s.benchmark_after, "share_today": s.today, "share_after": s.after}


@bp.get("/api/v1/bureau/whatif", endpoint="whatif")
def whatif_json():
    valid_query(models.WhatIfQuery)
    db = get_session()
    try:
        flt = parse(db, {"sector": request.args.get("sector"), "district": request.args.get("district")})
    except InvalidInput as exc:
        refuse({exc.field: _("Unknown value “%(value)s” for “%(field)s”.", value=exc.value, field=exc.field)})
    found = computed(db, flt)
    it = found.intensity
    intensity = None if it is None else {
        "unit": it.unit, "lines": it.lines, "output": it.output, "today": it.today, "after": it.after,
        "change_pct": it.change_pct, "today_vs_baseline_pct": it.today_vs_baseline_pct,
        "after_vs_baseline_pct": it.after_vs_baseline_pct,
        "baseline": None if it.baseline is None else {
            "value": it.baseline.value, "unit": it.baseline.unit, "year": it.baseline.year,
            "target_change_pct": it.baseline.target_change_pct,
            "source": {"publisher": it.baseline.publisher, "title": it.baseline.title,
                       "date": it.baseline.published_on.isoformat() if it.baseline.published_on else None}}}
    return jsonify(
        rule=str(WHATIF_RULE),
        open_needs=found.open_needs, applied=found.applied,
        products=[_share(s) for s in found.products], districts=[_share(s) for s in found.districts],
        needs=[{"need_id": mv.need_id, "title": mv.title, "technology": mv.technology, "line": mv.line,
                "product": mv.product_key, "saving_tce": mv.saving_tce, "unit_energy_before": mv.before,
                "unit_energy_after": mv.after, "unit": mv.unit, "reaches_benchmark": mv.crosses,
                "share_points": mv.share_points} for mv in found.needs],
        clinker_intensity=intensity)
