"""The bureau's announcements and events (routes on the ``bureau`` blueprint):
list, create, edit, publish, cancel, and the registrations (CSV export)."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from catalog import clock
from catalog.console import announcements
from catalog.errors import RuleError
from catalog.models import Sector

from ..auth.messages import message
from ..auth.session import actor
from ..auth.views import form_page
from ..db import get_session
from ..supplier.forms import ButtonForm
from ..supplier.messages import to_form
from .announcement_forms import KINDS, STATUSES, AnnouncementForm
from .views import bp


def _form() -> AnnouncementForm:
    form = AnnouncementForm()
    locale = str(get_locale())
    form.kind.choices = [(key, str(label)) for key, label in KINDS.items()]
    form.sectors.choices = [(s.key, s.label(locale))
                            for s in get_session().scalars(select(Sector).order_by(Sector.position))]
    return form


def _input(form: AnnouncementForm) -> announcements.AnnouncementInput:
    return announcements.AnnouncementInput(
        kind=form.kind.data or "", title_zh=form.title_zh.data or "", title_en=form.title_en.data or "",
        body_zh=form.body_zh.data or "", body_en=form.body_en.data or "", starts_at=form.starts_at.data or "",
        ends_at=form.ends_at.data or "", place=form.place.data or "",
        registration_deadline=form.registration_deadline.data or "", capacity=form.capacity.data or "",
        sectors=tuple(form.sectors.data or ()), technologies=form.technologies.data or "")


@bp.get("/announcements", endpoint="announcements")
def announcements_page():
    return render_template("bureau/announcements.html", items=announcements.all_for_bureau(get_session()),
                           KINDS=KINDS, STATUSES=STATUSES)


@bp.route("/announcements/new", methods=["GET", "POST"], endpoint="new_announcement")
def new_announcement():
    form = _form()
    if form.validate_on_submit():
        try:
            item = announcements.create(get_session(), actor(), _input(form))
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("The announcement has been saved as a draft."), "success")
            return redirect(url_for("bureau.announcement", announcement_id=item.id), 303)
    return form_page("bureau/announcement_form.html", form, item=None)


@bp.route("/announcements/<int:announcement_id>", methods=["GET", "POST"], endpoint="announcement")
def announcement_page(announcement_id: int):
    db = get_session()
    item = announcements.get(db, announcement_id)
    form = _form()
    if request.method == "GET":
        form.fill(item)
    elif form.validate_on_submit():
        try:
            announcements.update(db, actor(), announcement_id, _input(form))
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("The announcement has been saved."), "success")
            return redirect(url_for("bureau.announcement", announcement_id=item.id), 303)
    return form_page("bureau/announcement_form.html", form, item=item, button=ButtonForm(),
                     seats=announcements.seats_taken(item), STATUSES=STATUSES)


@bp.post("/announcements/<int:announcement_id>/status", endpoint="announcement_status")
def announcement_status(announcement_id: int):
    db = get_session()
    announcements.get(db, announcement_id)  # 404 first
    action = request.form.get("action", "")
    if not ButtonForm().validate_on_submit() or action not in ("publish", "cancel"):
        abort(400, _("The request could not be understood."))
    step = announcements.publish if action == "publish" else announcements.cancel
    try:
        step(db, actor(), announcement_id)
    except RuleError as exc:
        flash(message(exc), "danger")
        return redirect(url_for("bureau.announcement", announcement_id=announcement_id), 303)
    flash(_("The announcement has been published.") if action == "publish"
          else _("The announcement has been cancelled."), "success")
    return redirect(url_for("bureau.announcement", announcement_id=announcement_id), 303)


@bp.get("/announcements/<int:announcement_id>/registrations.csv", endpoint="announcement_registrations")
def registrations_csv(announcement_id: int):
    text = announcements.registrations_csv(get_session(), announcement_id)
    name = f"registrations-{announcement_id}-{clock.today().isoformat()}.csv"
    return Response(text, mimetype="text/csv",  # Werkzeug adds "; charset=utf-8" once
                    headers={"Content-Disposition": f"attachment; filename={name}"})
