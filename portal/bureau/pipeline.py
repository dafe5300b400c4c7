"""The bureau's pipeline view (「供需对接」, routes on the ``bureau``
blueprint): every inquiry's metadata with status / origin / sector filters,
counts per status and the contracted totals; one inquiry's step history; and
the queue of expressions of interest in anonymous needs, which the bureau
forwards or declines. The parties' messages are never shown here."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from catalog import models as m
from catalog.errors import InvalidInput, RuleError
from catalog.pipeline import interest, overview

from ..auth.messages import errors_of, message
from ..auth.session import actor
from ..db import get_session
from ..i18n import lang
from ..params import int_arg, str_arg
from .views import bp


class ForwardForm(FlaskForm):
    action = HiddenField(validators=[DataRequired(), AnyOf(("forward", "decline"))])
    reason = TextAreaField(validators=[Length(max=1000)])


def sector_names() -> dict[str, str]:
    rows = get_session().scalars(select(m.Sector).order_by(m.Sector.position))
    return {s.key: s.label(lang()) for s in rows}


@bp.get("/pipeline", endpoint="pipeline")
def pipeline_page():
    flt = overview.PipelineFilter(status=str_arg("status"), origin=str_arg("origin"),
                                  sector=str_arg("sector"), page=int_arg("page", 1))
    db = get_session()
    try:
        result = overview.overview(db, flt)
    except InvalidInput as exc:
        abort(400, _("Unknown value “%(value)s” for “%(field)s”.", value=exc.value, field=exc.field))
    return render_template("bureau/pipeline.html", flt=flt, result=result, awaiting=interest.awaiting(db),
                           sectors=sector_names())


@bp.get("/pipeline/<id:inquiry_id>", endpoint="pipeline_inquiry")
def pipeline_inquiry(inquiry_id: int, form: ForwardForm | None = None, status: int = 200):
    item = overview.detail(get_session(), inquiry_id)
    return render_template("bureau/pipeline_inquiry.html", item=item, form=form or ForwardForm(),
                           text=overview.interest_text(item), sectors=sector_names()), status


@bp.post("/pipeline/<id:inquiry_id>/forward", endpoint="pipeline_forward")
def pipeline_forward(inquiry_id: int):
    """Forward an expression of interest to the enterprise, or decline (with a reason)."""
    overview.detail(get_session(), inquiry_id)  # 404 first
    form = ForwardForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if form.action.data == "forward":
            interest.forward(get_session(), inquiry_id, actor())
        else:
            interest.decline_forward(get_session(), inquiry_id, form.reason.data or "", actor())
    except RuleError as exc:
        get_session().rollback()
        for problem in errors_of(exc):
            flash(message(problem), "danger")
        return pipeline_inquiry(inquiry_id, form, 400)
    done = _("The expression of interest has been forwarded to the enterprise.") \
        if form.action.data == "forward" else \
        _("The expression of interest has been declined; the supplier is told the reason.")
    flash(done, "success")
    return redirect(url_for("bureau.pipeline_inquiry", inquiry_id=inquiry_id))
