"""Forms of the account blueprint (shape only; rules are the domain's)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField, TelField
from wtforms.validators import DataRequired, EqualTo

from ..auth.forms import REQUIRED, MultiCheckboxField, required


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=required(1024))
    new_password = PasswordField(_l("New password"), validators=required(1024))
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(message=REQUIRED),
        EqualTo("new_password", message=_l("The two passwords are not the same."))])


class OrganisationForm(FlaskForm):
    contact_name = StringField(_l("Contact person"), validators=required(64))
    mobile = TelField(_l("Mobile number"), validators=required(20))
    email = EmailField(_l("Contact e-mail"), validators=required())
    district = SelectField(_l("District or county"), validate_choice=False)  # checked by the domain
    province = SelectField(_l("Province (outside Chongqing)"), validate_choice=False)
    sectors = MultiCheckboxField(_l("Sectors"), validate_choice=False)


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail of the colleague"), validators=required())
    role = SelectField(_l("Role"), validate_choice=False, validators=required(24))


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), validate_choice=False, validators=required(24))


class ActiveForm(FlaskForm):
    active = HiddenField(validators=required(1))


class ButtonForm(FlaskForm):
    """Only the CSRF token (withdraw an invitation)."""


__all__ = ["ActiveForm", "ButtonForm", "ChangePasswordForm", "InviteForm",
           "OrganisationForm", "RoleForm"]
