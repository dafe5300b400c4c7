"""Labels of EMC contract terms for templates: the shortfall rules, lease
instalments, the names of missing terms and of a cash flow's assumptions,
their units and where each value comes from (``matching.emc``'s keys)."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from catalog.supply.contract import missing

SHORTFALL_KIND = {"full": _l("The ESCO pays the whole shortfall"),
                  "share": _l("The ESCO pays a share of the shortfall"),
                  "capped": _l("The ESCO pays the shortfall up to a yearly cap")}
INSTALMENTS = {1: _l("once a year"), 2: _l("twice a year"), 4: _l("quarterly"), 12: _l("monthly")}
# Terms an offer may lack, inputs a comparison may lack, and assumptions.
EMC_TERM = {
    "enterprise_share": _l("Enterprise's share of the savings"),
    "guarantee": _l("Guaranteed saving"),
    "service_fee": _l("Service fee"),
    "shortfall_kind": _l("Shortfall compensation rule"),
    "shortfall_share": _l("Share of the shortfall the ESCO pays"),
    "shortfall_cap": _l("Yearly cap of the compensation"),
    "hosting_discount": _l("Discount on the baseline energy cost"),
    "lease_rate": _l("Lease rate"),
    "instalments_per_year": _l("Lease instalments a year"),
    "down_payment": _l("Down payment"),
    "annual_saving": _l("Yearly saving"),
    "capex": _l("Investment"),
    "price": _l("Energy price to value the guarantee"),
    "baseline_energy_cost": _l("The line's energy cost a year"),
    "discount_rate": _l("Discount rate"),
    "term_years": _l("Contract term"),
    "service_life": _l("Service life"),
    "horizon": _l("Years shown"),
    "esco_investment_share": _l("ESCO's part of the investment"),
    "esco_investment_max": _l("Largest investment the ESCO takes on"),
    "esco_investment": _l("The ESCO invests"),
    "enterprise_investment": _l("The enterprise invests"),
    "guarantee_amount": _l("Guaranteed saving as the offer states it"),
    "guarantee_price": _l("Price the guarantee is valued at"),
    "shortfall": _l("Shortfall against the guarantee a year"),
    "compensation": _l("Compensation a year"),
    "hosting_baseline": _l("Hosting baseline energy cost"),
    "hosting_fee": _l("Hosting fee the enterprise pays"),
    "energy_cost_before": _l("Energy bill without the project"),
    "energy_cost_after": _l("Energy bill with the project (paid by the ESCO)"),
    "down_payment_share": _l("Down payment share"),
    "lease_principal": _l("Financed by the lessor"),
    "instalment": _l("One instalment"),
    "lease_payment": _l("Lease payments a year"),
    "lease_interest": _l("Lease interest over the term"),
}
EMC_UNIT = {"cny": _l("CNY"), "cny_per_year": _l("CNY a year"), "percent": "%", "years": _l("years"),
            "per_year": _l("times a year"), "cny_per_tce": _l("CNY/tce"), "cny_per_mwh": _l("CNY/MWh"),
            "tce_per_year": _l("tce a year"), "mwh_per_year": _l("MWh a year"),
            "": ""}
EMC_SOURCE = {"offer": _l("offer"), "project": _l("this project"), "bureau": _l("set by the bureau"),
              "computed": _l("computed"), "default": _l("not stated, taken as 0")}


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(SHORTFALL_KIND=SHORTFALL_KIND, INSTALMENTS=INSTALMENTS, EMC_TERM=EMC_TERM,
                                 EMC_UNIT=EMC_UNIT, EMC_SOURCE=EMC_SOURCE, missing_terms=missing)
