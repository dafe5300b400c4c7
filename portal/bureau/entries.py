"""The bureau's management of published entries, suppliers' listings and the
review settings (routes on the ``bureau`` blueprint): review-due list, retire
with a reason, feature on the home page, review dates; every product and
offer with a product's revision history; thresholds and periods."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from catalog import clock
from catalog import models as m
from catalog.curation import entries, review
from catalog.errors import RuleError
from catalog.supply import offers, products

from ..auth.messages import message
from ..auth.session import actor
from ..db import get_session
from ..params import int_arg, str_arg
from ..supplier import listing_labels
from ..supplier.messages import to_form
from .curation_forms import EntryForm, SettingsForm
from .views import bp

DONE = {"retire": _l("The entry has been retired."), "promote": _l("The entry is now featured."),
        "unpromote": _l("The entry is no longer featured."),
        "review_due": _l("The review date has been set.")}


@bp.get("/technologies", endpoint="technologies")
def technologies_page():
    db = get_session()
    status = str_arg("status")
    if status not in (None, "published", "retired"):
        abort(400, _("Unknown value “%(value)s” for “%(field)s”.", value=status, field="status"))
    within = int_arg("within", 90, minimum=1, maximum=3650)
    return render_template("bureau/technologies.html", status=status, within=within,
                           entries=entries.managed(db, status), due=entries.due(db, clock.today(), within))


@bp.get("/technologies/<code>", endpoint="technology")
def technology_page(code: str, form: EntryForm | None = None, status: int = 200):
    tech = entries.get(get_session(), code)
    return render_template("bureau/technology.html", tech=tech, form=form or EntryForm()), status


@bp.post("/technologies/<code>", endpoint="technology_action")
def technology_action(code: str):
    db = get_session()
    entries.get(db, code)
    form = EntryForm()
    action = request.form.get("action", "")
    if not form.validate_on_submit() or action not in DONE:
        abort(400)
    try:
        if action == "retire":
            entries.retire(db, actor(), code, form.reason.data or "")
        elif action == "review_due":
            entries.set_review_due(db, actor(), code, form.review_due.data or "")
        else:
            entries.promote(db, actor(), code, action == "promote")
    except RuleError as exc:
        field = getattr(form, exc.field or "", None)
        if field is not None:
            field.errors = [*field.errors, message(exc)]
        else:
            flash(message(exc), "danger")
        return technology_page(code, form, 400)
    flash(str(DONE[action]), "success")
    return redirect(url_for("bureau.technology", code=code))


@bp.get("/listings", endpoint="listings")
def listings_page():
    db = get_session()
    return render_template(
        "bureau/listings.html",
        products=list(db.scalars(select(m.Product).order_by(m.Product.updated_at.desc())).unique()),
        offers=list(db.scalars(select(m.EmcOffer).order_by(m.EmcOffer.updated_at.desc())).unique()))


@bp.get("/products/<id:product_id>", endpoint="product")
def product_page(product_id: int):
    return render_template("bureau/product.html", product=products.get(get_session(), product_id),
                           labels=listing_labels())


@bp.get("/offers/<id:offer_id>", endpoint="offer")
def offer_page(offer_id: int):
    return render_template("bureau/offer.html", offer=offers.get(get_session(), offer_id),
                           labels=listing_labels())


def _settings_data(row: m.CurationSettings) -> dict:
    data = {name: f"{getattr(row, name):g}" for name in review.DEFAULTS}
    data.update({name: "" if getattr(row, name) is None else f"{getattr(row, name):g}"
                 for name in review.REFERENCE_PRICE_LIMITS})
    return data


@bp.get("/settings", endpoint="settings")
def settings_page(form: SettingsForm | None = None, status: int = 200):
    row = review.settings(get_session())
    return render_template("bureau/settings.html", form=form or SettingsForm(data=_settings_data(row)),
                           row=row, criteria=review.CRITERIA), status


@bp.post("/settings", endpoint="update_settings")
def update_settings():
    form = SettingsForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        review.update_settings(get_session(), actor(), {
            name: getattr(form, name).data or ""
            for name in (*review.DEFAULTS, *review.REFERENCE_PRICE_LIMITS)})
    except RuleError as exc:
        form.form_errors.extend(to_form(form, exc))
        return settings_page(form, 400)
    flash(_("The review settings have been saved."), "success")
    return redirect(url_for("bureau.settings"))
