"""Domain error codes (catalog.accounts) → messages in the user's language."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form

from catalog.accounts.checks import InvalidFields
from catalog.errors import RuleError

MESSAGES = {
    "uscc.length": _l("A unified social credit code has 18 characters; this one has %(length)d."),
    "uscc.charset": _l("A unified social credit code uses only digits and capital letters other "
                       "than I, O, Z, S and V; these characters are not allowed: %(chars)s."),
    "uscc.authority": _l("Character 1 (registration authority) cannot be “%(char)s”: it must be "
                         "1–9, A, N or Y."),
    "uscc.category": _l("Character 2 (organisation category) “%(char)s” does not exist for this "
                        "registration authority."),
    "uscc.division": _l("Characters 3–8 (administrative division) must be six digits, not "
                        "“%(value)s”."),
    "uscc.check_character": _l("The check character (character 18) does not match the other 17 "
                               "characters (GB 32100-2015). Please compare the code character by "
                               "character with the business licence."),
    "uscc.taken": _l("An organisation with this unified social credit code is already registered. "
                     "Ask its administrator to invite you."),
    "email.invalid": _l("Enter a valid e-mail address."),
    "email.taken": _l("An account with this e-mail address already exists. Sign in, or use "
                      "“Forgot password”."),
    "mobile.invalid": _l("Enter a mainland mobile number: 11 digits starting with 13–19."),
    "text.required": _l("This field is required."),
    "text.too_short": _l("Enter at least %(minimum)d characters."),
    "text.too_long": _l("Enter at most %(maximum)d characters."),
    "kind.invalid": _l("Choose enterprise or supplier."),
    "district.invalid": _l("Choose a district or county, or “Outside Chongqing”."),
    "province.required": _l("Choose the province of an organisation outside Chongqing."),
    "sectors.required": _l("Choose at least one sector."),
    "sectors.invalid": _l("Choose sectors from the list."),
    "password.too_short": _l("The password must have at least %(minimum)d characters."),
    "password.too_long": _l("The password must have at most %(maximum)d characters."),
    "password.too_simple": _l("The password must use at least 4 different characters."),
    "password.common": _l("This password is among the most common passwords and easy to guess. "
                          "Choose another."),
    "password.like_email": _l("The password must not contain your e-mail address."),
    "password.wrong_current": _l("The current password is not correct."),
    "password.unchanged": _l("The new password must differ from the current one."),
    "password.mismatch": _l("The two passwords are not the same."),
    "login.failed": _l("The e-mail address or the password is not correct."),
    "login.inactive": _l("This account has been deactivated. Ask your organisation's administrator."),
    "login.unconfirmed": _l("Confirm your e-mail address first: open the link in the message we sent "
                            "when you registered (registering again sends a new one)."),
    "token.invalid": _l("This link is not valid. Check that it was copied completely."),
    "token.expired": _l("This link has expired. Ask for a new one."),
    "token.used": _l("This link has already been used. Ask for a new one if needed."),
    "role.invalid": _l("Choose a role from the list."),
    "role.last_admin": _l("The organisation must keep at least one active administrator."),
    "user.self_deactivate": _l("You cannot deactivate your own account."),
    "status.transition": _l("This decision is not possible while the organisation is “%(status)s”."),
    "status.not_applicable": _l("The bureau's own organisation is not verified."),
    "reason.required": _l("Give a reason."),
    "privacy.required": _l("Read the privacy policy and tick the box to agree to it; without your consent "
                           "the portal cannot keep the contact details an account needs."),
    "privacy.outdated": _l("The privacy policy has changed (now version %(version)s). Read it again and "
                           "tick the box to agree to the current version."),
}


def message(error: RuleError) -> str:
    template = MESSAGES.get(error.code)
    if template is None:
        return _("The request could not be completed.")
    params = dict(error.params)
    if error.code == "status.transition":
        from .labels import status_label

        params["status"] = status_label(params.get("status", ""))
    return str(template) % params if params else str(template)


def errors_of(error: RuleError) -> list[RuleError]:
    return error.errors if isinstance(error, InvalidFields) else [error]


def to_form(form: Form, error: RuleError, fields: dict[str, str] | None = None) -> list[str]:
    """Attach each problem to its form field (``fields`` renames domain field
    names to form field names); returns the messages that belong to no field."""
    loose: list[str] = []
    for problem in errors_of(error):
        name = (fields or {}).get(problem.field or "", problem.field)
        field = getattr(form, name, None) if name else None
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message(problem)]
        else:
            loose.append(message(problem))
    return loose
