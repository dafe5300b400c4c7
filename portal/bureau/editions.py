"""The bureau's editions (routes on the ``bureau`` blueprint): list and create,
compose a draft from submissions whose public notice is over, publish, and
export an edition to Excel in the national catalogue table's layout."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from catalog import clock
from catalog.curation import editions, export
from catalog.errors import RuleError

from ..auth.messages import errors_of, message
from ..auth.session import actor
from ..auth.views import form_page
from ..db import get_session
from ..supplier.forms import ButtonForm
from ..supplier.messages import to_form
from .curation_forms import EditionForm
from .views import bp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/editions", methods=["GET", "POST"], endpoint="editions")
def editions_page():
    db = get_session()
    form = EditionForm()
    if form.validate_on_submit():
        try:
            edition = editions.create(db, actor(), form.code.data or "", form.title_zh.data or "",
                                      form.title_en.data or "", form.notes_zh.data or "",
                                      form.notes_en.data or "")
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("The draft edition %(code)s has been created.", code=edition.code), "success")
            return redirect(url_for("bureau.edition", code=edition.code))
    return form_page("bureau/editions.html", form, drafts=editions.drafts(db),
                     published=editions.published(db))


@bp.get("/editions/<code>", endpoint="edition")
def edition_page(code: str, problems: list[str] | None = None, status: int = 200):
    db = get_session()
    edition = editions.get(db, code)
    today = clock.today()
    return render_template(
        "bureau/edition.html", edition=edition, button=ButtonForm(), problems=problems or [],
        chosen=editions.assigned(db, edition) if edition.status == "draft" else [],
        candidates=editions.candidates(db, today) if edition.status == "draft" else [],
        previous=editions.previous(db, edition)), status


@bp.post("/editions/<code>/entries", endpoint="edition_entries")
def edition_entries(code: str):
    editions.get(get_session(), code)
    action = request.form.get("action", "")
    submission = request.form.get("submission", "")
    if not ButtonForm().validate_on_submit() or action not in ("add", "remove") \
            or not submission.isdigit() or len(submission) > 9:
        abort(400)
    try:
        editions.assign(get_session(), actor(), code, int(submission), action == "add")
    except RuleError as exc:
        return edition_page(code, [message(exc)], 400)
    return redirect(url_for("bureau.edition", code=code))


@bp.post("/editions/<code>/publish", endpoint="publish_edition")
def publish_edition(code: str):
    editions.get(get_session(), code)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        editions.publish(get_session(), actor(), code)
    except RuleError as exc:
        return edition_page(code, [message(e) for e in errors_of(exc)], 400)
    flash(_("Edition %(code)s has been published.", code=code), "success")
    return redirect(url_for("bureau.edition", code=code))


@bp.get("/editions/<code>/export.xlsx", endpoint="export_edition")
def export_edition(code: str):
    db = get_session()
    edition = editions.get_published(db, code)
    body = export.workbook(db, edition)
    filename = f"catalogue-{edition.code}.xlsx"
    return body, 200, {"Content-Type": XLSX, "Content-Disposition": f'attachment; filename="{filename}"',
                       "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}
