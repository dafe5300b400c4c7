"""The public guide pages: the list, one guide's latest edition (or
``?edition=N``) with the list of its editions and what changed, and the PDF
stored when that edition was published (never rendered per request)."""
from __future__ import annotations

from flask import abort, render_template, request

from catalog.errors import NotFound
from catalog.guides import editions, subjects
from catalog.guides.subjects import Subject

from ..db import get_session
from ..downloads import download
from . import bp, pdf

MAX_EDITION = 1_000_000


def edition_number() -> int | None:
    """``?edition=N``: None when absent, 400 when not a whole number ≥ 1."""
    raw = request.args.get("edition")
    if raw is None or raw == "":
        return None
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 7) or not 1 <= int(raw) <= MAX_EDITION:
        abort(400)
    return int(raw)


@bp.get("/guides", endpoint="index")
def index():
    db = get_session()
    latest = editions.latest_of_all(db)
    return render_template("guides/index.html", sectors=subjects.sectors(db), cross=subjects.cross(db),
                           plans=subjects.plans(db), latest=latest)


def guide_page(subject: Subject):
    db = get_session()
    number = edition_number()
    all_editions = editions.editions(db, subject)
    if not all_editions and number is None:
        return render_template("guides/guide.html", subject=subject, edition=None, editions=[],
                               changes=None, pdf_problem=pdf.status())
    edition = editions.get(db, subject, number)
    return render_template("guides/guide.html", subject=subject, edition=edition, c=edition.content,
                           editions=all_editions, changes=editions.changes(db, edition),
                           pdf_problem=pdf.status())


def guide_pdf(subject: Subject, filename: str):
    db = get_session()
    edition = editions.get(db, subject, edition_number())
    if not edition.pdf_key:
        abort(404)
    try:
        stream = pdf.storage().open(edition.pdf_key)
    except NotFound:
        abort(404)
    return download(stream, f"{filename}-{edition.number}.pdf", "application/pdf")


@bp.get("/guides/<slug>", endpoint="guide")
def guide(slug: str):
    return guide_page(subjects.from_slug(get_session(), slug))


@bp.get("/guides/<slug>.pdf", endpoint="guide_pdf")
def guide_pdf_route(slug: str):
    subject = subjects.from_slug(get_session(), slug)
    return guide_pdf(subject, f"guide-{subject.slug}")


@bp.get("/guides/plans/<key>", endpoint="plan")
def plan(key: str):
    return guide_page(subjects.find(get_session(), "plan", key))


@bp.get("/guides/plans/<key>.pdf", endpoint="plan_pdf")
def plan_pdf(key: str):
    subject = subjects.find(get_session(), "plan", key)
    return guide_pdf(subject, f"plan-{subject.key}")
