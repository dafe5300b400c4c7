"""JSON of the bureau's guides (routes on the ``api`` blueprint): every
guide with its latest edition, and one edition's frozen content."""
from __future__ import annotations

from flask import jsonify, url_for

from catalog.guides import editions, subjects

from ..db import get_session
from ..guides import guide_url
from .guide_models import GuideQuery
from .validation import valid_query
from .views import bp


def latest_json(edition) -> dict | None:
    if edition is None:
        return None
    return {"number": edition.number, "published_at": edition.published_at.isoformat(),
            "pdf_url": guide_url(edition.kind, edition.subject, pdf=True, edition=edition.number)
            if edition.pdf_key else None}


@bp.get("/api/v1/guides", endpoint="guides")
def guides():
    db = get_session()
    latest = editions.latest_of_all(db)
    items = [{"kind": s.kind, "subject": s.key, "name_zh": s.name_zh, "name_en": s.name_en,
              "url": guide_url(s.kind, s.key), "api_url": url_for("api.guide", kind=s.kind, key=s.key),
              "latest": latest_json(latest.get((s.kind, s.key)))} for s in subjects.all_subjects(db)]
    return jsonify(items=items)


@bp.get("/api/v1/guides/<kind>/<key>", endpoint="guide")
def guide(kind: str, key: str):
    db = get_session()
    subject = subjects.find(db, kind, key)
    number = valid_query(GuideQuery).get("edition")
    edition = editions.get(db, subject, int(number) if number else None)
    return jsonify(kind=edition.kind, subject=edition.subject, number=edition.number,
                   published_at=edition.published_at.isoformat(), intro_zh=edition.intro_zh,
                   intro_en=edition.intro_en, url=guide_url(kind, key, edition=edition.number),
                   pdf_url=latest_json(edition)["pdf_url"],
                   editions=[e.number for e in editions.editions(db, subject)], content=edition.content)
