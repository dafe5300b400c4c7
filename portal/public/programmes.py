"""Support programmes and green finance (routes on the ``public`` blueprint):
the list of published programmes (retired ones after, marked) and one
programme's page with its eligibility rules, money rule, figures and source."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from catalog.models import Category, Sector
from catalog.programmes import service
from catalog.sources import resolve

from ..bureau.programme_forms import KINDS, RULES, STATUSES
from ..db import get_session
from .views import bp


def _labels(db) -> dict:
    return {"sectors": {s.key: s for s in db.scalars(select(Sector))},
            "categories": {c.key: c for c in db.scalars(select(Category))}}


@bp.get("/programmes", endpoint="programmes")
def programmes_list():
    db = get_session()
    items, gone = service.published(db), service.retired(db)
    cited = resolve(db, [p.source_key for p in items + gone])
    return render_template("public/programmes.html", items=items, gone=gone, cited=cited, KINDS=KINDS,
                           STATUSES=STATUSES, **_labels(db))


@bp.get("/programmes/<slug>", endpoint="programme")
def programme_page(slug: str):
    db = get_session()
    item = service.get_public(db, slug)
    return render_template("public/programme.html", item=item, cited=resolve(db, [item.source_key]),
                           KINDS=KINDS, STATUSES=STATUSES, RULES=RULES, **_labels(db))
