"""Labels for roles, organisation kinds, statuses, provinces and audit actions
in the user's language (the first three come from catalog.accounts.roles)."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from catalog.accounts.audit import CHINA
from catalog.accounts.regions import province_label
from catalog.accounts.roles import KIND_LABELS, ROLE_LABELS, STATUS_LABELS, label
from catalog.models import as_utc

from ..i18n import lang

ACTIONS = {
    "auth.sign_in": _l("Signed in"),
    "auth.sign_in_failed": _l("Failed sign-in"),
    "auth.sign_out": _l("Signed out"),
    "organisation.registered": _l("Organisation registered"),
    "organisation.updated": _l("Organisation details changed"),
    "organisation.verified": _l("Organisation verified"),
    "organisation.rejected": _l("Verification refused"),
    "organisation.revoked": _l("Verification revoked"),
    "invitation.sent": _l("Invitation sent"),
    "invitation.revoked": _l("Invitation withdrawn"),
    "invitation.accepted": _l("Invitation accepted"),
    "user.role_changed": _l("Role changed"),
    "user.activated": _l("Account reactivated"),
    "user.deactivated": _l("Account deactivated"),
    "user.created": _l("Account created"),
    "password.changed": _l("Password changed"),
    "password.reset_requested": _l("Password reset requested"),
    "password.reset": _l("Password reset"),
    "catalogue.seed_loaded": _l("Catalogue entry loaded from data/"),
}


def role_label(key: str) -> str:
    return label(ROLE_LABELS, key, lang())


def kind_label(key: str) -> str:
    return label(KIND_LABELS, key, lang())


def status_label(key: str) -> str:
    return label(STATUS_LABELS, key, lang())


def action_label(key: str) -> str:
    from ..vocabulary import action_label as label_of  # the one label layer (issue 20)

    return label_of(key)


def place_label(org) -> str:
    if org.district is not None:
        return org.district.label(lang())
    if org.province:
        return province_label(org.province, lang())
    return ""


def beijing(moment, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time shown in Beijing time."""
    return as_utc(moment).astimezone(CHINA).strftime(fmt) if moment else ""


def init_app(app: Flask) -> None:
    from .. import vocabulary

    app.jinja_env.filters["beijing"] = beijing
    app.jinja_env.globals.update(term=vocabulary.term, audit_details=vocabulary.audit_details,
                                 object_label=vocabulary.object_label)
    app.jinja_env.globals.update(role_label=role_label, kind_label=kind_label,
                                 status_label=status_label, action_label=action_label,
                                 place_label=place_label)
