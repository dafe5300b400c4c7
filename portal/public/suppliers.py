"""The public supplier directory (issue 22; routes on the ``public``
blueprint): /suppliers lists verified suppliers with filters and search,
/suppliers/<id> is one supplier's profile. Anyone may browse; contacting a
supplier is the inquiry flow of signed-in enterprises (``inquiries.new``
about one of its products or offers). No contact details are shown."""
from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from catalog import models as m
from catalog.accounts.regions import province_label
from catalog.supply import directory, track_record
from catalog.supply.directory import DirectoryFilter

from ..db import get_session
from ..i18n import lang
from ..params import int_arg, str_arg
from ..supplier import listing_labels
from .views import bp

FILTER_ARGS = ("q", "sector", "category", "technology", "region", "emc", "model")
EMC_VALUES = {"1": True, "0": False}


def filter_from_request(per_page: int = directory.PER_PAGE) -> DirectoryFilter:
    """The query string → a DirectoryFilter (400 for values too long or
    malformed; unknown keys are refused by ``directory.validate``)."""
    values = {name: str_arg(name, directory.MAX_QUERY) for name in FILTER_ARGS}
    emc = values.pop("emc")
    if emc is not None and emc not in EMC_VALUES:
        abort(400, _("“%(name)s” must be 1 or 0.", name="emc"))
    return DirectoryFilter(q=values.pop("q") or "", emc=EMC_VALUES.get(emc or ""),
                           page=int_arg("page", 1), per_page=int_arg("per_page", per_page, maximum=100),
                           **values)


def place(org: m.Organisation) -> str:
    """A district of Chongqing, or a province outside it."""
    return org.district.label(lang()) if org.district is not None else province_label(org.province, lang())


def choices() -> dict:
    """The filters' options (templates never query)."""
    db = get_session()
    return {"sectors": list(db.scalars(select(m.Sector).order_by(m.Sector.position, m.Sector.key))),
            "categories": list(db.scalars(select(m.Category).order_by(m.Category.position, m.Category.key))),
            "districts": list(db.scalars(select(m.District).order_by(m.District.position, m.District.key))),
            "models": m.EMC_MODELS}


@bp.get("/suppliers")
def suppliers():
    flt = filter_from_request()
    page = directory.listing(get_session(), flt)
    if flt.page > page.pages:
        abort(404)
    args = {k: v for k in FILTER_ARGS if (v := request.args.get(k))}
    return render_template("public/suppliers.html", page=page, flt=flt, args=args, place=place,
                           labels=listing_labels(), **choices())


@bp.get("/suppliers/<id:supplier_id>")
def supplier_profile(supplier_id: int):
    profile = directory.profile(get_session(), supplier_id)
    return render_template("public/supplier.html", p=profile, place=place, labels=listing_labels(),
                           window_days=track_record.WINDOW_DAYS,
                           sign_in=url_for("auth.login", next=url_for("public.supplier_profile",
                                                                       supplier_id=supplier_id)))
