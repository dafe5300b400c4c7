"""The enterprise's project record (/projects/<inquiry>): made from an
implemented inquiry's follow-up, with its per-unit figures and the metering /
M&V files it sends the bureau; the files are readable by the enterprise and
the bureau only."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields import SelectChoice

from catalog.accounts.roles import BUREAU_ROLES
from catalog.enterprise import facilities
from catalog.errors import RuleError
from catalog.evidence import records, verification
from catalog.supply.files import key_of

from ..auth.messages import to_form
from ..auth.session import actor
from ..db import get_session
from ..downloads import download, open_or_404
from ..i18n import lang
from ..inquiries import file_store, uploads
from . import bp
from .forms import EvidenceForm, RecordForm


def _page(inquiry_id: int, status: int = 200, record_form=None, evidence_form=None):
    db = get_session()
    org = current_user.organisation_id
    inquiry = records.own_inquiry(db, org, inquiry_id)
    record = records.record_of(db, inquiry.id)
    record_form = record_form or RecordForm(formdata=None)
    techs = records.technologies_of(inquiry)
    record_form.technology.choices = [SelectChoice(t.code, f"{t.code} {t.label(lang())}") for t in techs]
    lines = [] if inquiry.need and inquiry.need.facility else facilities.list_for(db, org)
    record_form.facility_id.choices = [SelectChoice("", "—"),
                                       *(SelectChoice(str(f.id), f.name) for f in lines)]
    row = records.row_of(record, record.technology.effect or {}) if record is not None else None
    return render_template(
        "evidence/project.html", inquiry=inquiry, record=record, row=row,
        files=list(record.files) if record is not None else [],
        technology=record.technology if record is not None else None,
        record_form=record_form, evidence_form=evidence_form or EvidenceForm(formdata=None),
        ask_line=bool(lines), max_mb=file_store().max_bytes // (1024 * 1024),
        max_files=verification.MAX_FILES), status


@bp.route("/projects/<id:inquiry_id>", methods=["GET", "POST"], endpoint="project")
def project(inquiry_id: int):
    if request.method == "GET":
        return _page(inquiry_id)
    form = RecordForm()
    if form.validate():
        try:
            records.create(get_session(), current_user.organisation_id, inquiry_id,
                           form.technology.data or "", form.facility_id.data or None, actor())
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("The project record is made. You can now send the bureau its metering or M&V evidence."),
                  "success")
            return redirect(url_for("evidence.project", inquiry_id=inquiry_id))
    return _page(inquiry_id, 400, record_form=form)


@bp.post("/projects/<id:inquiry_id>/evidence", endpoint="submit")
def submit(inquiry_id: int):
    db = get_session()
    inquiry = records.own_inquiry(db, current_user.organisation_id, inquiry_id)
    record = records.record_of(db, inquiry.id)
    if record is None:
        abort(404)
    form = EvidenceForm()
    if form.validate():
        store = file_store()
        try:
            verification.submit(db, current_user.organisation_id, record.id, form.kind.data or "",
                                uploads(store), store, actor())
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("The evidence is sent. The bureau reviews it; the project counts as verified once "
                    "it has."), "success")
            return redirect(url_for("evidence.project", inquiry_id=inquiry_id))
    return _page(inquiry_id, 400, evidence_form=form)


@bp.get("/projects/files/<id:file_id>", endpoint="file")
def evidence_file(file_id: int):
    """An evidence file, to its enterprise and the bureau (404 to anyone else)."""
    row = verification.readable_file(get_session(), file_id, current_user.organisation_id,
                                     current_user.role in BUREAU_ROLES)
    return download(open_or_404("attachments", key_of(row.stored_name)), row.filename, row.content_type)
