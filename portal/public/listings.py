"""Public pages of issue 5 (routes on the ``public`` blueprint): editions and
their comparison, the public notice (公示) with objections, suppliers'
published products and EMC offers, and files that may be shown."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from catalog import clock
from catalog.accounts.roles import BUREAU_ROLES
from catalog.curation import editions, notice, review
from catalog.errors import RuleError
from catalog.supply import files, public

from ..auth.messages import message
from ..auth.session import actor
from ..db import get_session
from ..downloads import download, open_or_404
from ..params import str_arg
from ..supplier import listing_labels
from ..supplier.forms import ButtonForm
from .views import bp


@bp.get("/editions")
def editions_list():
    return render_template("public/editions.html", editions=editions.published(get_session()))


@bp.get("/editions/compare")
def edition_compare():
    db = get_session()
    published = editions.published(db)
    if len(published) < 2:
        return render_template("public/edition_compare.html", comparison=None, editions=published)
    older = str_arg("from", 16) or published[1].code
    newer = str_arg("to", 16) or published[0].code
    comparison = editions.compare(db, older, newer)
    return render_template("public/edition_compare.html", comparison=comparison, editions=published)


@bp.get("/editions/<code>")
def edition(code: str):
    item = editions.get_published(get_session(), code)
    entries = sorted(item.entries, key=lambda e: e.technology.code)
    return render_template("public/edition.html", edition=item, entries=entries)


@bp.get("/notices")
def notices():
    db = get_session()
    return render_template("public/notices.html", items=notice.listed(db), today=clock.today(),
                           rules=review.settings(db), criteria=review.CRITERIA)


@bp.get("/notices/<id:submission_id>")
def notice_page(submission_id: int, status: int = 200):
    item = notice.get_listed(get_session(), submission_id)
    return render_template("public/notice.html", item=item, button=ButtonForm(),
                           running=notice.running(item, clock.today())), status


@bp.post("/notices/<id:submission_id>/objections")
def object_to(submission_id: int):
    notice.get_listed(get_session(), submission_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        notice.file_objection(get_session(), actor(), submission_id, request.form.get("text", ""))
    except RuleError as exc:
        flash(message(exc) if exc.code != "text.too_short" else
              _("Describe the objection in at least 10 characters."), "danger")
        return notice_page(submission_id, 400)
    flash(_("Your objection has been filed. The bureau will look into it."), "success")
    return redirect(url_for("public.notice_page", submission_id=submission_id))


@bp.get("/products/<id:product_id>")
def product(product_id: int):
    return render_template("public/product.html", product=public.product(get_session(), product_id),
                           labels=listing_labels())


@bp.get("/offers/<id:offer_id>")
def offer(offer_id: int):
    return render_template("public/offer.html", offer=public.offer(get_session(), offer_id),
                           labels=listing_labels())


@bp.get("/attachments/<id:attachment_id>")
def attachment(attachment_id: int):
    """A file, to those who may see it (404 to others), as a download that
    the browser never interprets as a page."""
    signed_in = current_user.is_authenticated
    viewer = files.Viewer(current_user.organisation_id if signed_in else None,
                          signed_in and current_user.role in BUREAU_ROLES)
    row = files.readable(get_session(), attachment_id, viewer)
    return download(open_or_404("attachments", files.key_of(row.stored_name)), row.filename, row.content_type)
