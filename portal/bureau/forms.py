"""Forms of the bureau blueprint."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length


class DecisionForm(FlaskForm):
    action = HiddenField(validators=[DataRequired(), AnyOf(("approve", "reject", "revoke"))])
    reason = TextAreaField(_l("Reason"), validators=[Length(max=1000, message=_l("This is too long."))])
