"""The bureau: verification queue of organisations and the audit log."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from catalog.accounts import audit, organisations
from catalog.errors import RuleError
from catalog.models import ORG_STATUSES

from ..auth.messages import message
from ..auth.session import actor
from ..db import get_session
from ..params import int_arg, str_arg
from .forms import DecisionForm

bp = Blueprint("bureau", __name__, url_prefix="/bureau")
DONE = {"approve": _l("The organisation has been verified."),
        "reject": _l("The verification has been refused."),
        "revoke": _l("The verification has been revoked.")}


@bp.get("/")
def home():
    return redirect(url_for("bureau.dashboard"))


@bp.get("/organisations", endpoint="organisations")
def organisations_page():
    status = str_arg("status")
    if status and status not in ORG_STATUSES:
        abort(400, _("Unknown value “%(value)s” for “%(field)s”.", value=status, field="status"))
    db = get_session()
    return render_template("bureau/organisations.html", status=status,
                           orgs=organisations.list_by_status(db, status),
                           counts=organisations.count_by_status(db))


@bp.get("/organisations/<int:org_id>")
def organisation(org_id: int, form: DecisionForm | None = None, status: int = 200):
    db = get_session()
    org = organisations.get(db, org_id)
    history = audit.search(db, audit.AuditFilter(organisation_id=org_id, per_page=20)).items
    return render_template("bureau/organisation.html", org=org, form=form or DecisionForm(),
                           history=history), status


@bp.post("/organisations/<int:org_id>/decision")
def decide(org_id: int):
    form = DecisionForm()
    organisations.get(get_session(), org_id)  # 404 first
    if not form.validate_on_submit():
        flash(_("The request could not be understood."), "danger")
        return organisation(org_id, form, 400)
    try:
        organisations.decide(get_session(), actor(), org_id, form.action.data, form.reason.data or "")
    except RuleError as exc:
        flash(message(exc) if exc.code != "text.required" else _("Give a reason."), "danger")
        return organisation(org_id, form, 400)
    flash(str(DONE[form.action.data]), "success")
    return redirect(url_for("bureau.organisation", org_id=org_id))


@bp.get("/audit", endpoint="audit")
def audit_log():
    db = get_session()
    flt = audit.AuditFilter(action=str_arg("action", 48), organisation_id=_org_arg(),
                            since=_date_arg("since"), until=_date_arg("until"),
                            page=int_arg("page", 1), per_page=50)
    orgs = organisations.all_named(db)
    return render_template("bureau/audit.html", page=audit.search(db, flt), flt=flt,
                           actions=audit.actions_in_use(db), orgs=orgs,
                           org_names={o.id: o.name for o in orgs})


def _org_arg() -> int | None:
    raw = request.args.get("organisation")
    return int_arg("organisation", 0, minimum=1, maximum=2**31 - 1) if raw else None


def _date_arg(name: str) -> date | None:
    raw = str_arg(name, 10)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        abort(400, _("“%(name)s” must be a date like 2026-01-31.", name=name))
