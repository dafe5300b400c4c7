"""The shapes every supplier view shares: save a form through a service,
take a status step from a button, store an uploaded file. Each returns the
response on success and None (or the error page) otherwise."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, request
from flask_babel import gettext as _

from catalog.errors import RuleError

from ..auth.messages import message
from . import max_upload
from .forms import ButtonForm, UploadForm
from .messages import to_form


def saved(form, run: Callable[[], Any], done: str, target: Callable[[Any], str]):
    """A valid POST runs the service: flash and redirect on success, or every
    problem on its field (None: show the form page again)."""
    if not form.validate_on_submit():
        return None
    try:
        result = run()
    except RuleError as exc:
        form.form_errors.extend(to_form(form, exc))
        return None
    flash(done, "success")
    return redirect(target(result))


def status_step(steps: dict, run: Callable[[Callable], Any], back: str, page: Callable[[], Any]):
    """A publish/withdraw button: ``steps`` maps the button's action to (service, message)."""
    step = steps.get(request.form.get("action", ""))
    if step is None or not ButtonForm().validate_on_submit():
        abort(400)
    try:
        run(step[0])
    except RuleError as exc:
        flash(message(exc), "danger")
        return page()
    flash(str(step[1]), "success")
    return redirect(back)


def stored(attach: Callable[[str, bytes], Any], back: str, page: Callable[[UploadForm], Any], done: str):
    """An upload: the service checks type and size; the page again with a 400 when refused."""
    form = UploadForm()
    if not form.validate_on_submit() or not form.file.data:
        flash(_("Choose a file to upload."), "danger")
        return page(form)
    upload = form.file.data
    try:
        attach(upload.filename or "", upload.read(max_upload() + 1))
    except RuleError as exc:
        flash(message(exc), "danger")
        return page(form)
    flash(done, "success")
    return redirect(back)
