"""Forms of the bureau's curation pages (shape only; the rules are the domain's)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice

from catalog.curation.review import CRITERIA, MAX_SCORE

SCORES = [SelectChoice("", "—")] + [SelectChoice(str(n)) for n in range(MAX_SCORE + 1)]


class ReviewForm(FlaskForm):
    conflict = RadioField(_l("Conflict of interest"), default="no",
                          choices=[SelectChoice("no", _l("I have no conflict of interest with the submitter "
                                                         "or the technology")),
                                   SelectChoice("yes", _l("I have a conflict of interest "
                                                          "(I will not score)"))])
    conflict_note = TextAreaField(_l("What the conflict is"))
    comment = TextAreaField(_l("Comments for the file"))


for _criterion in CRITERIA:
    setattr(ReviewForm, f"score_{_criterion}", SelectField(_criterion, choices=SCORES, validate_choice=False))


class StepForm(FlaskForm):
    reason = TextAreaField(_l("Reason or comments (sent to the submitter; required to return, approve "
                              "or reject)"))


class ObjectionForm(FlaskForm):
    note = TextAreaField(_l("Finding (required)"))


class EditionForm(FlaskForm):
    code = StringField(_l("Edition code (year-batch, e.g. 2027-01)"))
    title_zh = StringField(_l("Title (Chinese)"))
    title_en = StringField(_l("Title (English)"))
    notes_zh = TextAreaField(_l("Notes (Chinese)"))
    notes_en = TextAreaField(_l("Notes (English)"))


class EntryForm(FlaskForm):
    reason = TextAreaField(_l("Reason for retiring (shown on the entry's page)"))
    review_due = StringField(_l("Review due on (YYYY-MM-DD)"))


class SettingsForm(FlaskForm):
    publish_min_total = StringField(_l("Publish when the mean total is at least (0–20)"))
    reject_below_total = StringField(_l("Reject when the mean total is below (0–20)"))
    min_per_criterion = StringField(_l("…and no criterion's mean is below (0–5)"))
    min_reviewers = StringField(_l("Reviews needed per round"))
    notice_days = StringField(_l("Public notice (days)"))
    review_years = StringField(_l("Review due after publication (years)"))
    discount_rate_pct = StringField(_l("Discount rate for NPVs (% a year, 0–30)"))
    ref_electricity_price = StringField(_l("Reference electricity price (CNY/kWh)"))
    ref_coal_price = StringField(_l("Reference coal price (CNY/t raw coal)"))
    ref_gas_price = StringField(_l("Reference natural gas price (CNY/m³)"))
    ref_coke_price = StringField(_l("Reference coke price (CNY/t)"))
    ref_fuel_oil_price = StringField(_l("Reference fuel oil price (CNY/t)"))
