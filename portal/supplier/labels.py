"""Labels for the vocabulary of listings and curation (statuses, EMC models,
investors, M&V methods, review criteria, audit actions), for templates."""
from __future__ import annotations

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l

from catalog.models import District
from catalog.supply.fields import NATIONAL, WAN, WHOLE_CITY

from ..auth.labels import ACTIONS
from ..i18n import lang

LISTING_STATUS = {"draft": _l("Draft"), "published": _l("Published"), "withdrawn": _l("Withdrawn")}
SUBMISSION_STATUS = {
    "draft": _l("Draft"), "submitted": _l("Submitted"), "under_review": _l("Under review"),
    "returned": _l("Returned for revision"), "approved": _l("Approved"),
    "public_notice": _l("In public notice"), "published": _l("Published in an edition"),
    "rejected": _l("Rejected"),
}
SUBMISSION_KIND = {"new": _l("New entry"), "change": _l("Change to an entry")}
STEP = {
    "created": _l("Created"), "submit": _l("Submitted"), "start_review": _l("Review started"),
    "return": _l("Returned for revision"), "approve": _l("Approved"), "reject": _l("Rejected"),
    "start_notice": _l("Public notice started"), "publish": _l("Published in an edition"),
}
EMC_MODEL = {
    "shared_savings": _l("Shared savings (效益分享型)"),
    "guaranteed_savings": _l("Guaranteed savings (节能量保证型)"),
    "energy_cost_hosting": _l("Energy-cost hosting (能源费用托管型)"),
    "financing_lease": _l("Financing lease (融资租赁型)"),
    "hybrid": _l("Hybrid (混合型)"),
}
INVESTOR = {"esco": _l("The ESCO"), "enterprise": _l("The enterprise"),
            "shared": _l("Shared between ESCO and enterprise"), "financier": _l("A financier or lessor")}
MV_METHOD = {"ipmvp_a": _l("IPMVP option A (key parameters measured)"),
             "ipmvp_b": _l("IPMVP option B (all parameters measured)"),
             "ipmvp_c": _l("IPMVP option C (whole facility, meters)"),
             "ipmvp_d": _l("IPMVP option D (calibrated simulation)"),
             "gbt_28750": _l("GB/T 28750 (energy-saving measurement and verification)")}
GUARANTEE_UNIT = {"tce_per_year": _l("tce per year"), "mwh_per_year": _l("MWh per year"),
                  "percent": _l("percent of baseline energy use"), "cny_per_year": _l("CNY per year")}
CRITERIA = {"advancement": _l("Advancement"), "effect": _l("Energy-saving and carbon effect"),
            "economics": _l("Economics"), "maturity": _l("Maturity and reliability")}
CRITERIA_HELP = {
    "advancement": _l("How far the technology goes beyond common practice in the sector."),
    "effect": _l("Measured energy saving and CO₂ reduction, and how well they are documented."),
    "economics": _l("Investment, payback and operating cost for a typical Chongqing plant."),
    "maturity": _l("Years and number of installations in stable use, supplier capacity, risks."),
}
RECOMMENDATION = {"publish": _l("publish"), "hold": _l("hold"), "reject": _l("reject"),
                  "incomplete": _l("not enough reviews yet")}
TYPE_LABELS = {"technology": _l("Technologies"), "product": _l("Products and solutions"),
               "offer": _l("EMC offers")}
OBJECTION_STATUS = {"open": _l("Open"), "dismissed": _l("Dismissed"), "upheld": _l("Upheld")}
CHANGE = {"added": _l("Added"), "changed": _l("Changed"), "unchanged": _l("Unchanged"),
          "retired": _l("Retired")}
FIELD = {"name_zh": _l("Name (Chinese)"), "name_en": _l("Name (English)"), "sector": _l("Sector"),
         "stage": _l("Process stage"), "category": _l("Category"), "maturity": _l("Maturity"),
         "trl": _l("Readiness (TRL)"), "summary_zh": _l("Summary (Chinese)"),
         "summary_en": _l("Summary (English)"), "description_zh": _l("Description (Chinese)"),
         "description_en": _l("Description (English)"), "keywords_zh": _l("Keywords (Chinese)"),
         "keywords_en": _l("Keywords (English)"), "energy_carriers": _l("Energy carriers"),
         "applicable_to": _l("Benchmark products"), "figures": _l("Key figures")}

SUPPLY_ACTIONS = {
    "product.created": _l("Product created"), "product.updated": _l("Product changed"),
    "product.published": _l("Product published"), "product.withdrawn": _l("Product withdrawn"),
    "offer.created": _l("EMC offer created"), "offer.updated": _l("EMC offer changed"),
    "offer.published": _l("EMC offer published"), "offer.withdrawn": _l("EMC offer withdrawn"),
    "attachment.added": _l("File uploaded"), "attachment.removed": _l("File removed"),
    "submission.created": _l("Submission created"), "submission.updated": _l("Submission changed"),
    "submission.submit": _l("Submission submitted"), "submission.start_review": _l("Review started"),
    "submission.return": _l("Submission returned"), "submission.approve": _l("Submission approved"),
    "submission.reject": _l("Submission rejected"), "submission.start_notice": _l("Public notice started"),
    "submission.publish": _l("Submission published"), "submission.reviewed": _l("Review recorded"),
    "objection.filed": _l("Objection filed"), "objection.dismissed": _l("Objection dismissed"),
    "objection.upheld": _l("Objection upheld"), "edition.created": _l("Edition created"),
    "edition.entry_added": _l("Entry added to an edition"),
    "edition.entry_removed": _l("Entry taken out of an edition"),
    "edition.published": _l("Edition published"), "technology.retired": _l("Entry retired"),
    "technology.promoted": _l("Entry featured"), "technology.unpromoted": _l("Entry no longer featured"),
    "technology.review_due_set": _l("Review date set"),
    "curation.settings_changed": _l("Review settings changed"),
}


def region_label(key: str, districts: dict[str, District]) -> str:
    if key == NATIONAL:
        return str(_l("Nationwide"))
    if key == WHOLE_CITY:
        return str(_l("All of Chongqing"))
    district = districts.get(key)
    return district.label(lang()) if district else key


def wan(cny: float | None) -> str:
    """CNY shown in 万元 (10,000 CNY), without needless decimals."""
    if cny is None:
        return "—"
    value = cny / WAN
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _million(cny: float) -> str:
    return f"{cny / 1_000_000:,.2f}".rstrip("0").rstrip(".")


def wan_amount(cny: float | None, lo: float | None = None, *, yearly: bool = False) -> str:
    """An amount (or the range ``lo`` – ``cny``) with its unit in the page's
    language: 「1,800 – 3,500 万元」, "CNY 18 – 35 million" (万元 has no
    English word; 1 million = 100 万)."""
    if cny is None and lo is None:
        return "—"
    english = lang() == "en"
    show = _million if english else wan
    figure = show(cny) if cny is not None else "—"
    if lo is not None:
        figure = f"{show(lo)} – {figure}"
    if english:
        return f"CNY {figure} million" + (" a year" if yearly else "")
    return f"{figure} 万元" + ("/年" if yearly else "")


def hit_url(hit) -> str:
    """Where a search hit leads: a technology sheet, a product or an offer page."""
    number = hit.code.partition("-")[2]
    if hit.doc_type == "product" and number.isdigit():
        return url_for("public.product", product_id=int(number))
    if hit.doc_type == "offer" and number.isdigit():
        return url_for("public.offer", offer_id=int(number))
    return url_for("public.technology", code=hit.code)


def vocab(table: dict, key: str | None) -> str:
    return str(table.get(key, key or "—"))


def init_app(app: Flask) -> None:
    ACTIONS.update(SUPPLY_ACTIONS)  # audit-log labels of supplier and curation actions
    app.jinja_env.globals.update(
        LISTING_STATUS=LISTING_STATUS, SUBMISSION_STATUS=SUBMISSION_STATUS, SUBMISSION_KIND=SUBMISSION_KIND,
        STEP=STEP, EMC_MODEL=EMC_MODEL, INVESTOR=INVESTOR, MV_METHOD=MV_METHOD,
        GUARANTEE_UNIT=GUARANTEE_UNIT, CRITERIA_LABELS=CRITERIA, CRITERIA_HELP=CRITERIA_HELP,
        RECOMMENDATION=RECOMMENDATION, OBJECTION_STATUS=OBJECTION_STATUS, CHANGE=CHANGE,
        FIELD_LABELS=FIELD, TYPE_LABELS=TYPE_LABELS, region_label=region_label, vocab=vocab,
        hit_url=hit_url)
    app.jinja_env.filters["wan"] = wan
    app.jinja_env.filters["wan_amount"] = wan_amount
