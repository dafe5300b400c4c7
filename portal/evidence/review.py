"""The bureau's verification queue (/bureau/projects): submitted project
records with their metering / M&V files, verified (the saving confirmed or
corrected) or rejected with a reason; both audited. A verification that
makes agreeing verified projects change a technology's typical value says so."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from catalog.errors import RuleError
from catalog.evidence import records, verification
from catalog.evidence.verification import Decision

from ..auth.messages import to_form
from ..auth.session import actor
from ..db import get_session
from . import bp
from .forms import DecisionForm


@bp.get("/bureau/projects", endpoint="queue")
def queue():
    db = get_session()
    waiting, done = verification.queue(db), verification.decided(db)
    return render_template("evidence/queue.html", waiting=waiting, done=done)


def _record_page(record_id: int, form=None, status: int = 200):
    db = get_session()
    record = verification.get(db, record_id)
    tech = record.technology
    return render_template("evidence/review.html", record=record, technology=tech, files=list(record.files),
                           row=records.row_of(record, tech.effect or {}), enterprise=record.enterprise.name,
                           form=form or DecisionForm(formdata=None)), status


@bp.get("/bureau/projects/<id:record_id>", endpoint="review")
def review(record_id: int):
    return _record_page(record_id)


@bp.post("/bureau/projects/<id:record_id>/decision", endpoint="decide")
def decide(record_id: int):
    form = DecisionForm()
    if form.validate():
        try:
            record, revision = verification.decide(get_session(), actor(), record_id, Decision(
                form.decision.data, form.reason.data or "", form.verified_saving_tce.data))
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            if record.level == "verified":
                flash(_("The project is verified."), "success")
            else:
                flash(_("The evidence is rejected; the enterprise sees the reason."), "success")
            if revision is not None:
                flash(_("%(n)d verified projects now agree: the typical value of %(code)s changed from "
                        "%(old)s to %(new)s %(unit)s.", n=revision.n, code=record.technology.code,
                        old=f"{revision.old_typical:g}", new=f"{revision.new_typical:.3g}",
                        unit=revision.unit), "info")
            return redirect(url_for("evidence.review", record_id=record_id))
    return _record_page(record_id, form, 400)
