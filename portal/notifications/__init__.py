"""The user's notifications at /notifications: the list, opening one (a POST
marks it read and follows its link; a GET only follows it), marking all read, the per-kind channel
settings; the bell's unread count for every page; ``flask notify``."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from catalog import notify
from catalog.errors import NotFound, RuleError
from catalog.notify.texts import kind_label, title

from ..auth.messages import MESSAGES, errors_of, message
from ..db import get_session
from ..i18n import lang
from ..params import int_arg
from .cli import notify_group

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
PER_PAGE = 30
CHANNEL_LABELS = {"in_app": _l("In the portal only"), "email": _l("In the portal and by e-mail"),
                  "digest": _l("In the portal and in a daily e-mail digest")}
OWN_MESSAGES = {"notify.channel": _l("Choose one of the offered ways of being notified."),
                "notify.kind": _l("This kind of notification is not offered to you.")}


def init_app(app) -> None:
    MESSAGES.update(OWN_MESSAGES)
    app.context_processor(bell)
    app.jinja_env.globals.update(notification_title=lambda note: title(note.kind, note.params, lang()),
                                 notification_kind=lambda kind: kind_label(kind, lang()))
    app.cli.add_command(notify_group)


def bell() -> dict:
    """The signed-in user's unread count for the page header, counted here
    (before the template renders: templates never query)."""
    if not current_user.is_authenticated:
        return {}
    return {"unread_notifications": notify.unread_count(get_session(), current_user.id)}


@bp.get("/")
def index():
    unread_only = request.args.get("unread") == "1"
    page = int_arg("page", 1)
    rows, total = notify.latest(get_session(), current_user.id, page, PER_PAGE, unread_only)
    pages = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    return render_template("notifications/list.html", rows=rows, page=page, pages=pages, total=total,
                           unread_only=unread_only)


def safe_link(link: str) -> str:
    """Only the portal's own paths are followed (no //host or scheme)."""
    if link.startswith("/") and not link.startswith("//") and "\\" not in link:
        return link
    return url_for("notifications.index")


@bp.route("/<int:notification_id>/open", methods=["GET", "POST"])
def open_one(notification_id: int):
    """POST (the list's buttons) marks the notice read; a GET (a bookmarked or
    e-mailed address) changes nothing and only follows the link."""
    db = get_session()
    try:
        if request.method == "POST":
            note = notify.mark_read(db, current_user.id, notification_id)
        else:
            note = notify.own(db, current_user.id, notification_id)
    except NotFound:
        abort(404)
    return redirect(safe_link(note.link), 303 if request.method == "POST" else 302)


@bp.post("/read-all")
def read_all():
    count = notify.mark_all_read(get_session(), current_user.id)
    flash(_("%(count)d notifications marked as read.", count=count), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/preferences", methods=["GET", "POST"])
def preferences():
    db = get_session()
    current = notify.preferences(db, current_user)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        wanted = {kind: request.form.get(f"channel-{kind}", "") for kind in current}
        try:
            notify.set_preferences(db, current_user, wanted)
        except RuleError as exc:
            db.rollback()
            for problem in errors_of(exc):
                errors.setdefault(problem.field or "", []).append(message(problem))
            current = {**current, **wanted}
        else:
            flash(_("Your notification settings have been saved."), "success")
            return redirect(url_for("notifications.preferences"))
    return render_template("notifications/preferences.html", current=current, errors=errors,
                           channels=CHANNEL_LABELS), 400 if errors else 200
