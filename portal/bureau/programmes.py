"""The bureau's support programmes (routes on the ``bureau`` blueprint): list,
create, edit, publish and retire (with a reason); every step audited by
``catalog.programmes.service``."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from catalog.errors import RuleError
from catalog.models import Category, Sector
from catalog.programmes import service

from ..auth.messages import message
from ..auth.session import actor
from ..auth.views import form_page
from ..db import get_session
from ..supplier.forms import ButtonForm
from ..supplier.messages import to_form
from .programme_forms import KINDS, STATUSES, ProgrammeForm, RetireForm
from .views import bp


def _form() -> ProgrammeForm:
    form = ProgrammeForm()
    locale, db = str(get_locale()), get_session()
    form.kind.choices = [(key, str(label)) for key, label in KINDS.items()]
    form.sectors.choices = [(s.key, s.label(locale))
                            for s in db.scalars(select(Sector).order_by(Sector.position))]
    form.categories.choices = [(c.key, c.label(locale))
                               for c in db.scalars(select(Category).order_by(Category.position))]
    return form


def _input(form: ProgrammeForm) -> service.ProgrammeInput:
    names = ("slug", "kind", "name_zh", "name_en", "administrator_zh", "administrator_en", "summary_zh",
             "summary_en", "technologies", "min_saving_tce", "deadline", "share_pct", "cap_cny", "rate_pct",
             "years", "source_key", "basis_zh", "basis_en")
    values = {name: getattr(form, name).data or "" for name in names}
    return service.ProgrammeInput(**values, sectors=tuple(form.sectors.data or ()),
                                  categories=tuple(form.categories.data or ()))


@bp.get("/programmes", endpoint="programmes")
def programmes_page():
    return render_template("bureau/programmes.html", items=service.all_for_bureau(get_session()),
                           KINDS=KINDS, STATUSES=STATUSES)


@bp.route("/programmes/new", methods=["GET", "POST"], endpoint="new_programme")
def new_programme():
    form = _form()
    if form.validate_on_submit():
        try:
            item = service.create(get_session(), actor(), _input(form))
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("The programme has been saved as a draft."), "success")
            return redirect(url_for("bureau.programme", programme_id=item.id), 303)
    return form_page("bureau/programme_form.html", form, item=None)


@bp.route("/programmes/<int:programme_id>", methods=["GET", "POST"], endpoint="programme")
def programme_page(programme_id: int):
    db = get_session()
    item = service.get(db, programme_id)
    form = _form()
    if request.method == "GET":
        form.fill(item)
    elif form.validate_on_submit():
        try:
            service.update(db, actor(), programme_id, _input(form))
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("The programme has been saved."), "success")
            return redirect(url_for("bureau.programme", programme_id=item.id), 303)
    return form_page("bureau/programme_form.html", form, item=item, button=ButtonForm(),
                     retire=RetireForm(), STATUSES=STATUSES)


@bp.post("/programmes/<int:programme_id>/status", endpoint="programme_status")
def programme_status(programme_id: int):
    db = get_session()
    item = service.get(db, programme_id)  # 404 first
    action = request.form.get("action", "")
    if not ButtonForm().validate_on_submit() or action not in ("publish", "retire"):
        abort(400, _("The request could not be understood."))
    try:
        if action == "publish":
            service.publish(db, actor(), programme_id)
        else:
            service.retire(db, actor(), programme_id, request.form.get("reason", ""))
    except RuleError as exc:
        retire = RetireForm()
        retire.reason.errors = [message(exc)]
        form = _form()
        form.fill(item)
        return render_template("bureau/programme_form.html", form=form, item=item, button=ButtonForm(),
                               retire=retire, STATUSES=STATUSES), 400
    flash(_("The programme has been published.") if action == "publish"
          else _("The programme has been retired."), "success")
    return redirect(url_for("bureau.programme", programme_id=programme_id), 303)
