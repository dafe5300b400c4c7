"""The plan's what-if for the bureau (/bureau/whatif): if each open need's top
match were implemented, the share of capacity at ≥标杆 per benchmark product
and per district, the needs that move it most, and the clinker lines' energy
intensity, against today and against a baseline the bureau enters with its
source (POST /bureau/whatif/baseline). Filters as on the dashboard."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from catalog import clock
from catalog import models as m
from catalog.console import plan_baseline, whatif
from catalog.console.version import data_version
from catalog.errors import RuleError

from ..auth.messages import to_form
from ..auth.session import actor
from ..bureau.dashboard import filters_or_400, names
from ..bureau.figure_cache import FigureCache
from ..db import get_session
from ..i18n import lang
from . import bp
from .forms import BaselineForm


def clinker_unit(db) -> str:
    row = db.get(m.BenchmarkProduct, whatif.CLINKER)
    return row.unit if row is not None else "kgce/t"


def products(db) -> dict[str, m.BenchmarkProduct]:
    from sqlalchemy import select

    return {p.key: p for p in db.scalars(select(m.BenchmarkProduct))}


def listings_version(db) -> tuple:
    """Offers and products change what the matching engine ranks first."""
    from sqlalchemy import func, select

    parts = [select(func.count()).select_from(model).scalar_subquery() for model in (m.EmcOffer, m.Product)]
    parts += [select(func.max(model.updated_at)).scalar_subquery() for model in (m.EmcOffer, m.Product)]
    return tuple(db.execute(select(*parts)).one())


def computed(db, flt) -> whatif.WhatIf:
    """The what-if for ``flt``, reused while the data it is made of is unchanged
    (the dashboard's fingerprint, the listings, the baseline, the day):
    it runs the matching engine for every open need."""
    baseline = plan_baseline.latest(db)
    cache = current_app.extensions.get("whatif_cache")
    if cache is None:
        cache = current_app.extensions["whatif_cache"] = FigureCache(
            int(current_app.config.get("WHATIF_CACHE_SIZE", 32)))
    key = (flt, data_version(db), listings_version(db), baseline.id if baseline else None, clock.today())
    return cache.get_or_make(key, lambda: whatif.compute(db, current_app.config["SEARCH_INDEX_DIR"], flt,
                                                         baseline))


def page(form=None, status: int = 200):
    db = get_session()
    flt = filters_or_400()
    found = computed(db, flt)
    baseline = found.intensity.baseline if found.intensity else plan_baseline.latest(db)
    if form is None:
        form = BaselineForm(formdata=None, unit=clinker_unit(db))
    return render_template("evidence/whatif.html", found=found, flt=flt, query=flt.as_params(),
                           sectors=names(m.Sector), districts=names(m.District), products=products(db),
                           baseline=baseline, form=form, en=lang() == "en", top=whatif.TOP_NEEDS), status


@bp.get("/bureau/whatif", endpoint="whatif")
def whatif_page():
    return page()


@bp.post("/bureau/whatif/baseline", endpoint="baseline")
def baseline():
    form = BaselineForm()
    if form.validate():
        db = get_session()
        data = plan_baseline.BaselineInput(**{name: form[name].data or "" for name in
                                              plan_baseline.BaselineInput.__dataclass_fields__})
        try:
            plan_baseline.enter(db, actor(), data, clinker_unit(db))
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("The baseline is saved; the clinker intensity change is now also shown against it."),
                  "success")
            return redirect(url_for("evidence.whatif") + "#intensity")
    return page(form, 400)
