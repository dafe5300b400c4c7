"""Inquiry forms. Numbers are plain text fields: the services check them, so
the messages are the same as everywhere else."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, MultipleFileField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from catalog.pipeline.inquiries import MAX_MESSAGE


class InquiryForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(min=4, max=200)])
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=MAX_MESSAGE)])
    need_id = SelectField(_l("About your need"), validators=[Optional()])
    product_id = HiddenField()
    offer_id = HiddenField()
    technology_code = HiddenField()


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=MAX_MESSAGE)])
    files = MultipleFileField(_l("Attachments (up to 3 PDF, PNG or JPEG files)"))


class InterestForm(FlaskForm):
    """A supplier's expression of interest in a lead."""

    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(min=4, max=200)])
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=MAX_MESSAGE)])
    product_id = SelectField(_l("Your product (optional)"), validators=[Optional()])
    offer_id = SelectField(_l("Your EMC offer (optional)"), validators=[Optional()])
    technology_code = HiddenField()


class AnswerForm(FlaskForm):
    """Accept or decline an expression of interest (the button carries CSRF)."""


class StepForm(FlaskForm):
    """One form for every step; the fields a step does not use are ignored."""

    target = HiddenField()
    lost_reason = SelectField(_l("Reason"), validators=[Optional()])
    contract_model = SelectField(_l("Contract model"), validators=[Optional()])
    contract_value_cny = StringField(_l("Contract value (CNY)"))
    expected_saving_tce = StringField(_l("Expected annual saving (tce)"))
    expected_co2_t = StringField(_l("Expected annual CO₂ reduction (t)"))
    measured_saving_tce = StringField(_l("Measured annual saving (tce), if known"))


def options(labels: dict) -> list[SelectChoice]:
    return [SelectChoice("", "—")] + [SelectChoice(key, str(label)) for key, label in labels.items()]


class FollowUpForm(FlaskForm):
    achieved_saving_tce = StringField(_l("Achieved annual saving (tce)"))
    satisfaction = SelectField(_l("Satisfaction (1–5)"),
                               choices=[SelectChoice(str(i)) for i in range(5, 0, -1)])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])
    reference_ok = BooleanField(_l("The supplier directory may name our organisation with this "
                                   "completed project"))


class ReferenceForm(FlaskForm):
    """Give or withdraw the consent to be named in the supplier directory."""

    reference_ok = BooleanField(_l("The supplier directory may name our organisation with this "
                                   "completed project"))
