"""Supplier workspace: EMC offers (create, edit, publish, withdraw)."""
from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from catalog.models import (
    EMC_MODELS,
    INVESTORS,
    LEASE_INSTALMENTS,
    MV_METHODS,
    OFFERED_GUARANTEE_UNITS,
    SHORTFALL_KINDS,
)
from catalog.supply import offers, products
from catalog.supply.offers import OfferInput

from ..auth.session import actor
from ..auth.views import form_page
from ..db import get_session
from ..i18n import lang
from . import bp, listing_labels, may_publish, org_id, region_choices, technology_choices
from .emc_labels import INSTALMENTS, SHORTFALL_KIND
from .forms import ButtonForm, OfferForm
from .labels import EMC_MODEL, GUARANTEE_UNIT, INVESTOR, MV_METHOD
from .steps import saved, status_step

TEXT_FIELDS = ("title", "esco_investment_pct", "max_investment", "enterprise_shares", "term_years",
               "guaranteed_saving", "shortfall_rule", "baseline_method", "min_project",
               "financing_partner", "subsidy_note", "description", "enterprise_investment_pct",
               "shortfall_share_pct", "shortfall_cap", "service_fee", "hosting_baseline",
               "hosting_discount_pct", "lease_rate_pct", "down_payment_pct")

# Form field → (EmcOffer column, scale): the contract terms of revision 0010.
CONTRACT_NUMBERS = {
    "enterprise_investment_pct": ("enterprise_investment_pct", 1),
    "shortfall_share_pct": ("shortfall_share_pct", 1),
    "shortfall_cap": ("shortfall_cap_cny", 10_000),
    "service_fee": ("service_fee_cny", 10_000),
    "hosting_baseline": ("hosting_baseline_cny", 10_000),
    "hosting_discount_pct": ("hosting_discount_pct", 1),
    "lease_rate_pct": ("lease_rate_pct", 1),
    "lease_instalments": ("lease_instalments_per_year", 1),
    "down_payment_pct": ("down_payment_pct", 1),
}


def _choices(form: OfferForm) -> OfferForm:
    choose = [("", _("— choose —"))]
    form.model.choices = choose + [(k, str(EMC_MODEL[k])) for k in EMC_MODELS]
    form.investor.choices = choose + [(k, str(INVESTOR[k])) for k in INVESTORS]
    form.guarantee_unit.choices = [("", "—")] + [(k, str(GUARANTEE_UNIT[k])) for k in OFFERED_GUARANTEE_UNITS]
    form.shortfall_kind.choices = [("", "—")] + [(k, str(SHORTFALL_KIND[k])) for k in SHORTFALL_KINDS]
    form.lease_instalments.choices = [("", "—")] + [(str(n), str(INSTALMENTS[n])) for n in LEASE_INSTALMENTS]
    form.mv_method.choices = choose + [(k, str(MV_METHOD[k])) for k in MV_METHODS]
    form.technologies.choices = technology_choices()
    form.products.choices = [(str(p.id), p.label(lang())) for p in products.list_own(get_session(), org_id())]
    form.regions.choices = region_choices()
    return form


def _input(form: OfferForm) -> OfferInput:
    text = {name: getattr(form, name).data or "" for name in TEXT_FIELDS}
    return OfferInput(
        title=text["title"], model=form.model.data or "", investor=form.investor.data or "",
        technologies=tuple(form.technologies.data or ()), products=tuple(form.products.data or ()),
        esco_investment_pct=text["esco_investment_pct"], max_investment_wan=text["max_investment"],
        enterprise_shares=text["enterprise_shares"], term_years=text["term_years"],
        guaranteed_saving=text["guaranteed_saving"], guarantee_unit=form.guarantee_unit.data or "",
        shortfall_rule=text["shortfall_rule"], baseline_method=text["baseline_method"],
        mv_method=form.mv_method.data or "", min_project_wan=text["min_project"],
        regions=tuple(form.regions.data or ()), financing_partner=text["financing_partner"],
        subsidy_note=text["subsidy_note"], description=text["description"],
        shortfall_kind=form.shortfall_kind.data or "", shortfall_share_pct=text["shortfall_share_pct"],
        shortfall_cap_wan=text["shortfall_cap"], service_fee_wan=text["service_fee"],
        enterprise_investment_pct=text["enterprise_investment_pct"],
        hosting_baseline_wan=text["hosting_baseline"], hosting_discount_pct=text["hosting_discount_pct"],
        lease_rate_pct=text["lease_rate_pct"], lease_instalments=form.lease_instalments.data or "",
        down_payment_pct=text["down_payment_pct"])


def _number(value: float | None, scale: float = 1) -> str:
    return "" if value is None else f"{value / scale:g}"


def _current(offer) -> dict:
    return {
        "title": offer.title, "model": offer.model, "investor": offer.investor,
        "technologies": [t.code for t in offer.technologies], "products": [str(p.id) for p in offer.products],
        "esco_investment_pct": _number(offer.esco_investment_pct),
        "max_investment": _number(offer.max_investment_cny, 10_000),
        "enterprise_shares": ", ".join(f"{s:g}" for s in offer.enterprise_shares),
        "term_years": str(offer.term_years), "guaranteed_saving": _number(offer.guaranteed_saving),
        "guarantee_unit": offer.guarantee_unit, "shortfall_rule": offer.shortfall_rule,
        "baseline_method": offer.baseline_method, "mv_method": offer.mv_method,
        "min_project": _number(offer.min_project_cny, 10_000), "regions": offer.regions,
        "financing_partner": offer.financing_partner, "subsidy_note": offer.subsidy_note,
        "description": offer.description, "shortfall_kind": offer.shortfall_kind or "",
        **{name: _number(getattr(offer, col), scale) for name, (col, scale) in CONTRACT_NUMBERS.items()},
    }


@bp.route("/offers/new", methods=["GET", "POST"])
def new_offer():
    form = _choices(OfferForm())
    return saved(form, lambda: offers.create(get_session(), actor(), org_id(), _input(form)),
                 _("The offer has been saved as a draft."),
                 lambda item: url_for("supplier.offer", offer_id=item.id)) \
        or form_page("supplier/offer_form.html", form, offer=None)


@bp.route("/offers/<id:offer_id>/edit", methods=["GET", "POST"])
def edit_offer(offer_id: int):
    db = get_session()
    offer = offers.get_own(db, org_id(), offer_id)
    form = _choices(OfferForm() if request.method == "POST" else OfferForm(data=_current(offer)))
    return saved(form, lambda: offers.update(db, actor(), org_id(), offer_id, _input(form)),
                 _("The offer has been saved."), lambda item: url_for("supplier.offer", offer_id=item.id)) \
        or form_page("supplier/offer_form.html", form, offer=offer)


@bp.get("/offers/<id:offer_id>")
def offer(offer_id: int, status: int = 200):
    item = offers.get_own(get_session(), org_id(), offer_id)
    return render_template("supplier/offer.html", offer=item, button=ButtonForm(),
                           may_publish=may_publish(), labels=listing_labels()), status


STATUS_STEPS = {"publish": (offers.publish, _l("The offer is now public.")),
                "withdraw": (offers.withdraw, _l("The offer has been withdrawn from public view."))}


@bp.post("/offers/<id:offer_id>/status")
def offer_status(offer_id: int):
    offers.get_own(get_session(), org_id(), offer_id)
    return status_step(STATUS_STEPS, lambda step: step(get_session(), actor(), org_id(), offer_id),
                       url_for("supplier.offer", offer_id=offer_id), lambda: offer(offer_id, status=400))
