"""The bureau's guide pages: every guide with its latest edition; one
guide's live preview (built from the data as it stands), its introduction
(Chinese and English), publishing the next edition (PDF rendered and stored
then), and each edition's changes against the previous one."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField

from catalog.errors import RuleError
from catalog.guides import content, editions, subjects
from catalog.guides.subjects import Subject

from ..auth.session import actor
from ..db import get_session
from ..supplier.forms import ButtonForm
from . import bp, pdf
from .public import edition_number

PDF_PROBLEMS = {
    "font": _l("This server has no Chinese font for PDFs (install fonts-wqy-microhei or set GUIDE_PDF_FONT): "
               "the edition is published without a PDF."),
    "weasyprint": _l("This server cannot typeset PDFs (WeasyPrint or the Pango library is missing): "
                     "the edition is published without a PDF."),
}
RULES = {"guide.intro_long": _l("The introduction is longer than %(maximum)s characters."),
         "guide.busy": _l("Another edition of this guide was being published at the same moment; try again.")}


class IntroForm(FlaskForm):
    intro_zh = TextAreaField(_l("Introduction (Chinese)"))
    intro_en = TextAreaField(_l("Introduction (English)"))


def contact() -> dict:
    """Whom to contact, frozen into the guide: the site's operator and contact line."""
    config = current_app.config
    names = {"operator_zh": "SITE_OPERATOR", "operator_en": "SITE_OPERATOR_EN", "contact_zh": "SITE_CONTACT",
             "contact_en": "SITE_CONTACT_EN"}
    return {key: config.get(name) or "" for key, name in names.items()}


@bp.get("/bureau/guides", endpoint="manage")
def manage():
    db = get_session()
    return render_template("guides/manage.html", subjects=subjects.all_subjects(db),
                           latest=editions.latest_of_all(db), pdf_problem=pdf.status())


def draft_page(subject: Subject, form: IntroForm | None = None, status: int = 200, errors=()):
    db = get_session()
    number = edition_number()
    history = editions.editions(db, subject)
    shown = editions.get(db, subject, number) if number is not None or history else None
    text = editions.draft(db, subject)
    if form is None:
        form = IntroForm(intro_zh=text.intro_zh, intro_en=text.intro_en)
    live = content.build(db, subject, contact())
    return render_template("guides/draft.html", subject=subject, form=form, button=ButtonForm(), c=live,
                           draft=text, editions=history, shown=shown, errors=list(errors),
                           changes=editions.changes(db, shown) if shown else None,
                           pdf_problem=pdf.status()), status


@bp.route("/bureau/guides/<kind>/<key>", methods=["GET", "POST"], endpoint="draft")
def draft(kind: str, key: str):
    db = get_session()
    subject = subjects.find(db, kind, key)
    if request.method == "GET":
        return draft_page(subject)
    form = IntroForm()
    if not form.validate_on_submit():
        return draft_page(subject, form, 400, [_("The form has expired; reload the page and try again.")])
    try:
        editions.save_intro(db, actor(), subject, form.intro_zh.data, form.intro_en.data)
    except RuleError as exc:
        return draft_page(subject, form, 400, [str(RULES[exc.code]) % exc.params])
    flash(_("The introduction has been saved; it goes into the next edition."), "success")
    return redirect(url_for("guides.draft", kind=kind, key=key))


@bp.post("/bureau/guides/<kind>/<key>/publish", endpoint="publish")
def publish(kind: str, key: str):
    db = get_session()
    subject = subjects.find(db, kind, key)
    if not ButtonForm().validate_on_submit():
        return draft_page(subject, None, 400, [_("The form has expired; reload the page and try again.")])
    try:
        done = editions.publish(db, actor(), subject, contact(),
                                render=lambda edition: pdf.render(edition, subject), store=pdf.storage())
    except RuleError as exc:
        return draft_page(subject, None, 400, [str(RULES[exc.code]) % exc.params])
    flash(_("Edition %(number)d of this guide has been published.", number=done.edition.number), "success")
    if done.pdf_problem:
        flash(str(PDF_PROBLEMS.get(done.pdf_problem, PDF_PROBLEMS["weasyprint"])), "warning")
    return redirect(url_for("guides.draft", kind=kind, key=key, edition=done.edition.number) + "#changes")
