"""Forms of the auth blueprint. They check shape only (present, not too
long); the rules (USCC, mobile, password policy, uniqueness) are the domain's."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
)
from wtforms.validators import DataRequired, EqualTo, Length
from wtforms.widgets import CheckboxInput, ListWidget

REQUIRED = _l("This field is required.")


def required(maximum: int = 254):
    return [DataRequired(message=REQUIRED), Length(max=maximum, message=_l("This is too long."))]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=required())
    password = PasswordField(_l("Password"), validators=required(1024))
    next = HiddenField()


class PasswordPair:
    """Mix-in: a new password typed twice."""

    password = PasswordField(_l("Password"), validators=required(1024))
    confirm = PasswordField(_l("Password again"), validators=[
        DataRequired(message=REQUIRED),
        EqualTo("password", message=_l("The two passwords are not the same."))])


class RegistrationForm(PasswordPair, FlaskForm):
    kind = RadioField(_l("Organisation type"), validate_choice=False, validators=required(16))
    org_name = StringField(_l("Organisation name"), validators=required(200))
    uscc = StringField(_l("Unified social credit code"), validators=required(40))
    district = SelectField(_l("District or county"), validate_choice=False)  # checked by the domain
    province = SelectField(_l("Province (outside Chongqing)"), validate_choice=False)
    sectors = MultiCheckboxField(_l("Sectors"), validate_choice=False)
    contact_name = StringField(_l("Contact person"), validators=required(64))
    mobile = TelField(_l("Mobile number"), validators=required(20))
    email = EmailField(_l("E-mail"), validators=required())
    # consent to the privacy policy (the template links the policy); the version shown travels
    # with the form, so a policy changed meanwhile is noticed by the domain
    privacy = BooleanField(_l("I have read the privacy policy and agree to the processing of my personal "
                              "information it describes"),
                           validators=[DataRequired(message=_l("Tick the box to agree to the privacy policy; "
                                                                "registration needs your consent."))])
    privacy_version = HiddenField()


class ConfirmRegistrationForm(FlaskForm):
    """Only the CSRF token: opening the e-mailed link shows a button, and
    the POST confirms (a mail scanner fetching the link changes nothing)."""


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=required())


class ResetPasswordForm(PasswordPair, FlaskForm):
    pass


class AcceptInvitationForm(PasswordPair, FlaskForm):
    name = StringField(_l("Your name"), validators=required(64))


class LogoutForm(FlaskForm):
    """Only the CSRF token: signing out is a POST."""
