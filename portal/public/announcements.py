"""Public announcements and events (routes on the ``public`` blueprint): the
list (upcoming first, then the archive), the detail page with the featured
technologies, and registering an organisation's interest (enterprises and
suppliers, once per organisation) or withdrawing it. The home page shows the
next three, passed by the home view (templates never query)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from catalog.console import announcements
from catalog.errors import RuleError
from catalog.models import Sector

from ..auth.session import actor
from ..bureau.announcement_forms import KINDS, STATUSES, RegistrationForm
from ..db import get_session
from ..supplier.forms import ButtonForm
from ..supplier.messages import to_form
from .views import bp


@bp.get("/announcements", endpoint="announcements")
def announcements_list():
    listing = announcements.listing(get_session())
    return render_template("public/announcements.html", listing=listing, KINDS=KINDS, STATUSES=STATUSES)


def _own_registration(item):
    if not current_user.is_authenticated:
        return None
    return announcements.registration_of(item, current_user.organisation_id)


@bp.get("/announcements/<int:announcement_id>", endpoint="announcement")
def announcement_page(announcement_id: int, form: RegistrationForm | None = None, status: int = 200):
    db = get_session()
    item = announcements.get_public(db, announcement_id)
    sectors = [s for s in (db.get(Sector, key) for key in item.sectors or ()) if s is not None]
    party = current_user.is_authenticated and current_user.organisation.kind in announcements.PARTY_KINDS
    return render_template("public/announcement.html", item=item, KINDS=KINDS, STATUSES=STATUSES,
                           state=announcements.registration_state(item), party=party,
                           mine=_own_registration(item), form=form or RegistrationForm(),
                           button=ButtonForm(), seats=announcements.seats_taken(item),
                           sectors=sectors), status


@bp.post("/announcements/<int:announcement_id>/register", endpoint="register_interest")
def register_interest(announcement_id: int):
    db = get_session()
    announcements.get_public(db, announcement_id)  # 404 first
    form = RegistrationForm()
    if not form.validate_on_submit():
        form.form_errors.append(_("The request could not be understood."))
        return announcement_page(announcement_id, form, 400)
    try:
        announcements.register(db, actor(), current_user.user, announcement_id, form.attendees.data or "",
                               form.note.data or "")
    except RuleError as exc:
        form.form_errors.extend(to_form(form, exc))
        return announcement_page(announcement_id, form, 400)
    flash(_("Your organisation's interest has been registered."), "success")
    return redirect(url_for("public.announcement", announcement_id=announcement_id), 303)


@bp.post("/announcements/<int:announcement_id>/withdraw", endpoint="withdraw_interest")
def withdraw_interest(announcement_id: int):
    db = get_session()
    announcements.get_public(db, announcement_id)
    form = RegistrationForm()
    if not ButtonForm().validate_on_submit():
        form.form_errors.append(_("The request could not be understood."))
        return announcement_page(announcement_id, form, 400)
    try:
        announcements.withdraw(db, actor(), current_user.user, announcement_id)
    except RuleError as exc:
        form.form_errors.extend(to_form(form, exc))
        return announcement_page(announcement_id, form, 400)
    flash(_("The registration has been withdrawn."), "success")
    return redirect(url_for("public.announcement", announcement_id=announcement_id), 303)
