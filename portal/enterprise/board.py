"""The owner's side of the public needs board (routes on the ``enterprise``
blueprint): confirm a need's listing with an expiry date, or take it off.
The services scope the need to the user's organisation (another's id: 404)."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from catalog import clock
from catalog.errors import RuleError
from catalog.pipeline import board

from ..auth.messages import errors_of, message
from ..auth.session import actor
from ..db import get_session
from .forms import ButtonForm
from .views import bp, org


def panel(need) -> dict:
    """What the need page's board section shows; ``verified``: whether the
    board may show the organisation's needs at all."""
    today = clock.today()
    verified = current_user.organisation.status == "verified"
    return {"state": board.owner_state(need, today), "verified": verified,
            "default": board.default_expiry(today), "earliest": today,
            "latest": board.latest_expiry(today), "days": board.DEFAULT_DAYS}


def _back(need_id: int):
    return redirect(url_for("enterprise.need", need_id=need_id) + "#board")


@bp.post("/needs/<int:need_id>/board")
def need_board(need_id: int):
    """Confirm the listing (the box must be ticked) until the date given."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    db = get_session()
    if request.form.get("confirm") != "1":
        board.own_need(db, org(), need_id)  # another organisation's need: 404 before anything else
        flash(_("Tick the box to confirm that the need may be shown on the public board."), "danger")
        return _back(need_id)
    try:
        item = board.confirm(db, org(), need_id, request.form.get("expires_on", ""), actor())
    except RuleError as exc:
        for problem in errors_of(exc):
            flash(message(problem), "danger")
        return _back(need_id)
    flash(_("The need is on the public board until %(day)s.", day=item.board_expires_on.isoformat()),
          "success")
    return _back(need_id)


@bp.post("/needs/<int:need_id>/board/withdraw")
def need_board_withdraw(need_id: int):
    if not ButtonForm().validate_on_submit():
        abort(400)
    board.withdraw(get_session(), org(), need_id, actor())
    flash(_("The need is no longer on the public board."), "success")
    return _back(need_id)
