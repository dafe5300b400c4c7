"""The supplier workspace (blueprint ``supplier``, /supplier): products, EMC
offers and technology submissions of the signed-in supplier's organisation.

Views only translate: form → input dataclass → catalog service → redirect or
the form again with every problem on its field. Objects are looked up scoped
to the user's organisation, so another organisation's ids are not found."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, current_app
from flask_login import current_user
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from catalog import models as m
from catalog.accounts.roles import can_publish
from catalog.supply.fields import NATIONAL, WHOLE_CITY

from ..db import get_session
from ..i18n import lang

bp = Blueprint("supplier", __name__, url_prefix="/supplier")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def org_id() -> int:
    return current_user.organisation_id


def may_publish() -> bool:
    return can_publish(current_user.organisation)


def attachment_dir():
    """Where attachments are kept: the FILE_STORAGE backend's attachments area."""
    from ..downloads import storage

    return storage("attachments")


def max_upload() -> int:
    return int(current_app.config["ATTACHMENT_MAX_BYTES"])


def technology_choices() -> list[tuple[str, str]]:
    techs = get_session().scalars(select(m.Technology).where(m.Technology.status == "published")
                                  .order_by(m.Technology.code)).unique()
    return [(t.code, f"{t.code} {t.label(lang())}") for t in techs]


def region_choices() -> list[tuple[str, str]]:
    from .labels import region_label

    districts = list(get_session().scalars(select(m.District).order_by(m.District.position)))
    wide = [(NATIONAL, region_label(NATIONAL, {})), (WHOLE_CITY, region_label(WHOLE_CITY, {}))]
    return wide + [(d.key, d.label(lang())) for d in districts]


def rows_of(model: type, order=None) -> list[tuple[str, str]]:
    column = order if order is not None else model.position
    return [(r.key, r.label(lang())) for r in get_session().scalars(select(model).order_by(column))]


def listing_labels() -> dict:
    """What the listing macros (``_macros/supply.html``: regions, product
    details, offer terms) need to name places and stages: districts by key and
    process-stage labels by key, in the reader's language. Views pass it as
    ``labels``; templates never query."""
    db = get_session()
    return {"districts": {d.key: d for d in db.scalars(select(m.District))},
            "stages": {s.key: s.label(lang()) for s in db.scalars(select(m.ProcessStage))}}


class IdConverter(IntegerConverter):
    """``<id:…>``: a row id, 1 … 2³¹−1; anything else is 404 before a query
    (a larger number would overflow the database's integer)."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, min=1, max=2**31 - 1)


def add_converters(app: Flask) -> None:
    """Before the blueprints: their routes use ``<id:…>``. ``<int:…>`` is the
    same bounded converter, so no route can pass a 2⁶³ id to the database
    (every integer in our routes is a row id)."""
    app.url_map.converters["id"] = IdConverter
    app.url_map.converters["int"] = IdConverter


def init_app(app: Flask) -> None:
    """Defaults for uploads and the template labels of listings and curation."""
    from . import emc_labels, labels, messages

    messages.register()
    app.config.setdefault("ATTACHMENT_MAX_BYTES", ATTACHMENT_MAX_BYTES)
    app.config.setdefault("ATTACHMENT_DIR", str(Path(app.config["PORTAL_DATA_DIR"]) / "attachments"))
    labels.init_app(app)
    emc_labels.init_app(app)


# The views register their routes on ``bp``.
from . import leads, offers, products, submissions  # noqa: E402,F401
