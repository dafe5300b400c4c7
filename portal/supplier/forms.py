"""Forms of the supplier workspace. They carry the shape of the input only;
every rule is the domain's (catalog.supply, catalog.curation), which reports
all problems at once with the field or table row they belong to. Table fields
(specifications, certificates, cases, figures) have blank rows to fill; blank
rows are ignored."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)

from ..auth.forms import MultiCheckboxField


def rows(form_class: type, minimum: int, maximum: int) -> FieldList:
    return FieldList(FormField(form_class), min_entries=minimum, max_entries=maximum)


class SpecRow(Form):
    name = StringField(_l("Specification"))
    value = StringField(_l("Value"))
    unit = StringField(_l("Unit"))


class CertificateRow(Form):
    name = StringField(_l("Certificate"))
    number = StringField(_l("Number"))
    issuer = StringField(_l("Issued by"))
    valid_until = StringField(_l("Valid until"))


class ProductCaseRow(Form):
    site = StringField(_l("Site (enterprise, plant)"))
    year = StringField(_l("Year"))
    results = TextAreaField(_l("Measured results"))
    contact_ok = BooleanField(_l("The site agrees to be contacted"))


class ProductForm(FlaskForm):
    name_zh = StringField(_l("Name (Chinese)"))
    name_en = StringField(_l("Name (English, optional)"))
    description = TextAreaField(_l("Description"))
    technologies = SelectMultipleField(_l("Catalogue technologies it implements"), validate_choice=False)
    specs = rows(SpecRow, 5, 20)
    stages = SelectMultipleField(_l("Applicable process stages"), validate_choice=False)
    capacity_note = StringField(_l("Applicable capacities (e.g. clinker lines of 2,500–10,000 t/d)"))
    price_min = StringField(_l("Price or investment from (10,000 CNY)"))
    price_max = StringField(_l("to (10,000 CNY)"))
    regions = SelectMultipleField(_l("Service regions"), validate_choice=False)
    certificates = rows(CertificateRow, 2, 10)
    cases = rows(ProductCaseRow, 2, 10)


class OfferForm(FlaskForm):
    title = StringField(_l("Title of the offer"))
    model = SelectField(_l("EMC model"), validate_choice=False)
    technologies = SelectMultipleField(_l("Catalogue technologies covered"), validate_choice=False)
    products = SelectMultipleField(_l("Your products covered (optional)"), validate_choice=False)
    investor = SelectField(_l("Who invests"), validate_choice=False)
    esco_investment_pct = StringField(_l("ESCO's part of the investment (%)"))
    enterprise_investment_pct = StringField(_l("Enterprise's co-investment (%, optional)"))
    max_investment = StringField(_l("Largest investment the ESCO takes on (10,000 CNY, optional)"))
    enterprise_shares = StringField(_l("Enterprise's share of the savings per contract year (%)"))
    term_years = StringField(_l("Contract term (years)"))
    guaranteed_saving = StringField(_l("Guaranteed saving"))
    guarantee_unit = SelectField(_l("Unit of the guaranteed saving"), validate_choice=False)
    shortfall_kind = SelectField(_l("Shortfall compensation"), validate_choice=False)
    shortfall_share_pct = StringField(_l("Share of the shortfall the ESCO pays (%)"))
    shortfall_cap = StringField(_l("Yearly cap of the compensation (10,000 CNY a year)"))
    shortfall_rule = TextAreaField(_l("Shortfall rule, further details (optional)"))
    service_fee = StringField(_l("Service fee (10,000 CNY a year)"))
    hosting_baseline = StringField(_l("Hosting baseline energy cost (10,000 CNY a year, optional)"))
    hosting_discount_pct = StringField(_l("Discount on the baseline energy cost (%)"))
    lease_rate_pct = StringField(_l("Lease rate (% a year)"))
    lease_instalments = SelectField(_l("Lease instalments a year"), validate_choice=False)
    down_payment_pct = StringField(_l("Enterprise's down payment (percent of the investment)"))
    baseline_method = TextAreaField(_l("Energy baseline (how it is set)"))
    mv_method = SelectField(_l("Measurement and verification"), validate_choice=False)
    min_project = StringField(_l("Minimum project size (10,000 CNY)"))
    regions = SelectMultipleField(_l("Regions served"), validate_choice=False)
    financing_partner = StringField(_l("Financing partner (bank, leasing company; optional)"))
    subsidy_note = TextAreaField(_l("Subsidy eligibility (optional)"))
    description = TextAreaField(_l("Further description (optional)"))


class FigureRow(Form):
    metric = SelectField(_l("Metric"), validate_choice=False)
    value = StringField(_l("Value"))
    unit = StringField(_l("Unit"))
    basis = StringField(_l("Basis"))
    source = StringField(_l("Source"))


class ApplicationCaseRow(Form):
    site = StringField(_l("Site (enterprise, plant)"))
    in_use_since = StringField(_l("In use since (YYYY-MM-DD)"))
    results = TextAreaField(_l("Measured results"))
    contact_ok = BooleanField(_l("The site agrees to be contacted"))


class SubmissionForm(FlaskForm):
    name_zh = StringField(_l("Name (Chinese)"))
    name_en = StringField(_l("Name (English)"))
    sector = SelectField(_l("Sector"), validate_choice=False)
    stage = SelectField(_l("Process stage"), validate_choice=False)
    category = SelectField(_l("Category"), validate_choice=False)
    maturity = SelectField(_l("Maturity"), validate_choice=False)
    trl = SelectField(_l("Readiness (TRL)"), validate_choice=False)
    summary_zh = TextAreaField(_l("Summary (Chinese)"))
    summary_en = TextAreaField(_l("Summary (English)"))
    description_zh = TextAreaField(_l("Main technical content (Chinese)"))
    description_en = TextAreaField(_l("Main technical content (English)"))
    keywords_zh = StringField(_l("Keywords (Chinese, separated by commas)"))
    keywords_en = StringField(_l("Keywords (English, separated by commas)"))
    energy_carriers = MultiCheckboxField(_l("Energy carriers"), validate_choice=False)
    applicable_to = SelectMultipleField(_l("Benchmark products it improves"), validate_choice=False)
    figures = rows(FigureRow, 3, 12)
    cases = rows(ApplicationCaseRow, 3, 10)


class UploadForm(FlaskForm):
    file = FileField(_l("File (PDF, PNG or JPEG)"))


class ButtonForm(FlaskForm):
    """Only the CSRF token (publish, withdraw, submit, remove)."""
