"""Saved searches (blueprint ``alerts``, /alerts/saved): save the /search or
/catalogue page being viewed (its values come in the save form's query
string and are read exactly as the page reads them), list them, rename,
switch the alert on or off, delete. Every lookup is scoped to the signed-in
user by catalog.alerts.saved, so another user's id is a 404."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from catalog.alerts import saved
from catalog.alerts.results import RESULT_LIMIT
from catalog.alerts.saved import MAX_NAME, MAX_PER_USER, url_of
from catalog.errors import RuleError

from ..auth.messages import MESSAGES, message
from ..catalogue import page_values
from ..db import get_session
from .forms import AlertForm, SaveSearchForm
from .labels import MESSAGES as OWN_MESSAGES
from .labels import default_name, describe

bp = Blueprint("alerts", __name__, url_prefix="/alerts")


def init_app(app) -> None:
    from . import cli  # noqa: F401  (``flask notify scan`` joins the notify group)

    MESSAGES.update(OWN_MESSAGES)


def me() -> int:
    return current_user.id


@bp.post("/saved/new")
def save():
    """POST /alerts/saved/new?scope=search&q=…: the page's own query string."""
    scope = request.args.get("scope", "")
    form = SaveSearchForm()
    if scope not in saved.PAGES:
        abort(400, message(RuleError("saved_search.scope")))
    if not form.validate():
        abort(400, _("Give the saved search a name of at most %(n)d characters.", n=MAX_NAME)
              if form.name.errors else None)
    values = page_values(scope)
    try:
        item = saved.save(get_session(), me(), scope, values,
                          (form.name.data or "").strip() or default_name(values)[:MAX_NAME])
    except RuleError as exc:
        abort(400, message(exc))
    flash(_("Search saved as “%(name)s”. You will be told about new results.", name=item.name), "success")
    return redirect(url_for("alerts.saved_list"))


def _list(status: int = 200, editing: int | None = None, error: str | None = None):
    items = saved.list_for(get_session(), me())
    return render_template("alerts/saved.html", items=items, url_of=url_of, describe=describe,
                           form=AlertForm(formdata=None), limit=MAX_PER_USER, watched=RESULT_LIMIT,
                           editing=editing,
                           error=error), status


@bp.get("/saved")
def saved_list():
    return _list()


def _checked(search_id: int) -> AlertForm:
    saved.get(get_session(), me(), search_id)  # 404 before anything else
    form = AlertForm()
    if not form.validate():
        abort(400)
    return form


@bp.post("/saved/<int:search_id>/rename")
def rename(search_id: int):
    _checked(search_id)
    try:
        saved.rename(get_session(), me(), search_id, request.form.get("name", ""))
    except RuleError as exc:
        return _list(400, editing=search_id, error=message(exc))
    flash(_("Renamed."), "success")
    return redirect(url_for("alerts.saved_list"))


@bp.post("/saved/<int:search_id>/alert")
def toggle(search_id: int):
    form = _checked(search_id)
    if form.on.data not in ("0", "1"):
        abort(400)
    item = saved.set_alert(get_session(), me(), search_id, form.on.data == "1")
    flash(_("Alerts are on for “%(name)s”.", name=item.name) if item.alert
          else _("Alerts are off for “%(name)s”.", name=item.name), "success")
    return redirect(url_for("alerts.saved_list"))


@bp.post("/saved/<int:search_id>/delete")
def delete(search_id: int):
    _checked(search_id)
    saved.delete(get_session(), me(), search_id)
    flash(_("The saved search was deleted."), "success")
    return redirect(url_for("alerts.saved_list"))
