"""Choices for the organisation forms, in the user's language."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.accounts.organisations import OUTSIDE
from catalog.accounts.regions import PROVINCES
from catalog.models import District, Sector

from ..i18n import lang


def districts(db: Session) -> list[tuple[str, str]]:
    rows = db.scalars(select(District).order_by(District.position))
    return [("", _("Choose…"))] + [(d.key, d.label(lang())) for d in rows] \
        + [(OUTSIDE, _("Outside Chongqing"))]


def provinces() -> list[tuple[str, str]]:
    return [("", _("Choose…"))] + [(key, en if lang() == "en" else zh) for key, zh, en in PROVINCES]


def sectors(db: Session) -> list[tuple[str, str]]:
    return [(s.key, s.label(lang())) for s in db.scalars(select(Sector).order_by(Sector.position))]


def fill(form, db: Session) -> None:
    """Set the choices of an organisation form's location and sector fields."""
    form.district.choices = districts(db)
    form.province.choices = provinces()
    form.sectors.choices = sectors(db)


def kinds() -> list[tuple[str, str]]:
    return [("enterprise", _("Enterprise (energy user)")), ("supplier", _("Supplier or ESCO"))]
