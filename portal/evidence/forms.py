"""Forms of the evidence pages. Numbers are plain text: the services check them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import MultipleFileField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import Optional

from .labels import KIND_LABELS


class RecordForm(FlaskForm):
    technology = SelectField(_l("Technology of the project"), validators=[Optional()])
    facility_id = SelectField(_l("Production line"), validators=[Optional()])


class EvidenceForm(FlaskForm):
    kind = SelectField(_l("Kind of evidence"), choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()],
                       validators=[Optional()])
    files = MultipleFileField(_l("Files (PDF, PNG or JPEG)"))


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[SelectChoice("verify", _l("Verify")),
                                                            SelectChoice("reject", _l("Reject"))],
                          validators=[Optional()])
    verified_saving_tce = StringField(_l("Verified annual saving (tce)"))
    reason = TextAreaField(_l("Reason or note (required to reject; the enterprise sees it)"))


class BaselineForm(FlaskForm):
    value = StringField(_l("Baseline clinker energy intensity"))
    unit = StringField(_l("Unit"))
    year = StringField(_l("Baseline year"))
    target_change_pct = StringField(_l("The plan's target change (%), if it states one"))
    publisher = StringField(_l("Publisher"))
    title = StringField(_l("Document title"))
    published_on = StringField(_l("Publication date (YYYY-MM-DD)"))
