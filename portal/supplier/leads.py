"""Leads (routes on the ``supplier`` blueprint): open needs that fit the
supplier's published products and offers, ranked by the matching engine;
follow / dismiss; and the expression of interest written from a lead."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from catalog import models as m
from catalog.pipeline import interest, leads
from catalog.pipeline.interest import InterestInput
from catalog.supply import listing

from ..auth.session import actor
from ..db import get_session
from ..enterprise.forms import FINANCING, PROBLEMS
from ..i18n import lang
from ..inquiries import limits, to_thread
from ..inquiries.forms import InterestForm, options
from ..params import bool_arg, int_arg
from . import bp, org_id
from .forms import ButtonForm

PER_PAGE = 20
MARK_VALUES = {"followed": "followed", "dismissed": "dismissed", "": None}


def labels() -> dict:
    db = get_session()
    sectors = {s.key: s.label(lang()) for s in db.scalars(select(m.Sector))}
    stages = {s.key: s.label(lang()) for s in db.scalars(select(m.ProcessStage))}
    return {"SECTOR_NAMES": sectors, "STAGE_NAMES": stages, "FINANCING_LABELS": dict(FINANCING),
            "PROBLEM_LABELS": dict(PROBLEMS)}


@bp.get("/leads")
def leads_page():
    show_dismissed, asked = bool_arg("dismissed"), int_arg("page", 1)
    found, total = leads.leads_page(get_session(), org_id(), show_dismissed, asked, PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    page = min(asked, pages)
    if page < asked:  # past the last page: show the last one
        found, total = leads.leads_page(get_session(), org_id(), show_dismissed, page, PER_PAGE)
    return render_template("supplier/leads.html", leads=found, total=total, page=page, pages=pages,
                           show_dismissed=show_dismissed, button=ButtonForm(), **labels())


@bp.post("/leads/<id:need_id>/mark")
def lead_mark(need_id: int):
    value = request.form.get("mark", "")
    if not ButtonForm().validate_on_submit() or value not in MARK_VALUES:
        abort(400)
    leads.mark(get_session(), org_id(), need_id, MARK_VALUES[value])
    back = url_for("supplier.leads_page", dismissed="1" if request.form.get("dismissed") else None)
    return redirect(back + f"#lead-{need_id}")


def _interest_form(need: m.Need) -> InterestForm:
    db = get_session()
    form = InterestForm()

    def own(model):
        return sorted((row for row in listing.own(db, model, org_id()) if row.status == "published"),
                      key=lambda row: row.id)
    form.product_id.choices = options({str(p.id): p.label(lang()) for p in own(m.Product)})
    form.offer_id.choices = options({str(o.id): o.title for o in own(m.EmcOffer)})
    if request.method == "GET":
        form.subject.data = form.subject.data or _("Interest in your need: %(title)s", title=need.title)[:200]
        form.technology_code.data = request.args.get("technology", "")[:16]
    return form


@bp.route("/leads/<id:need_id>/interest", methods=["GET", "POST"])
def interest_page(need_id: int):
    """Write an expression of interest; a pending one is shown instead of a second form."""
    db = get_session()
    need = leads.visible_need(db, org_id(), need_id)
    pending = interest.pending(db, org_id(), need.id)
    if pending is not None:
        return redirect(url_for("inquiries.thread", inquiry_id=pending.id))
    form = _interest_form(need)
    if request.method == "POST" and form.validate():
        data = InterestInput(form.subject.data, form.body.data, form.product_id.data or None,
                             form.offer_id.data or None, form.technology_code.data or "")
        done = to_thread(form, lambda: interest.express(db, org_id(), need.id, data, actor(), limits()))
        if done is not None:
            return done
    status = 400 if request.method == "POST" else 200
    return render_template("inquiries/interest.html", form=form, need=leads.describe(db, need),
                           **labels()), status
