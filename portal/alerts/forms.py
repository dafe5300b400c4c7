"""Saved-search forms: the name (save, rename) and the alert switch; the
search itself travels in the query string of the save form's address."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import Length, Optional

from catalog.alerts.saved import MAX_NAME


class SaveSearchForm(FlaskForm):
    name = StringField(_l("Name"), validators=[Optional(), Length(max=MAX_NAME)])


class AlertForm(FlaskForm):
    """CSRF and ``on`` ("1" or "0"): the alert switch and the delete button."""

    on = HiddenField()
