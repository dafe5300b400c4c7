"""Inquiries (对接请求) for both parties at /inquiries: the list, the thread
(adapting to the caller's side), a new inquiry (enterprise), messages with
attachments, pipeline steps, the answer to a supplier's expression of
interest, and the follow-up. Views only translate between forms and
catalog.pipeline; the services scope every lookup to the user's organisation."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from catalog import models as m
from catalog.enterprise import needs
from catalog.errors import RuleError
from catalog.pipeline import attachments, followups, inquiries, interest, states
from catalog.pipeline.attachments import FileStore, Upload
from catalog.pipeline.followups import FollowUpInput
from catalog.pipeline.inquiries import InquiryInput, Limits, StepInput
from catalog.supply.files import key_of

from ..auth.messages import MESSAGES, message, to_form
from ..auth.session import actor
from ..db import get_session
from ..downloads import download, open_or_404, storage
from .forms import AnswerForm, FollowUpForm, InquiryForm, MessageForm, ReferenceForm, StepForm, options
from .labels import LOST_LABELS, MODEL_LABELS, STATUS_LABELS, globals_
from .labels import MESSAGES as OWN_MESSAGES

bp = Blueprint("inquiries", __name__, url_prefix="/inquiries")
LIMIT_CODES = ("inquiry.daily_limit", "inquiry.hourly_limit")


def init_app(app) -> None:
    MESSAGES.update(OWN_MESSAGES)
    app.jinja_env.globals.update(globals_())


def org() -> int:
    return current_user.organisation_id


def limits() -> Limits:
    config = current_app.config
    return Limits(int(config["INQUIRY_DAILY_LIMIT"]), int(config["INQUIRY_DAILY_LIMIT_UNVERIFIED"]),
                  int(config["MESSAGE_HOURLY_LIMIT"]))


def file_store() -> FileStore:
    config = current_app.config
    return FileStore(storage("attachments"), int(config["ATTACHMENT_MAX_BYTES"]))


def uploads(store: FileStore) -> list[Upload]:
    """The files of the request's ``files`` field (empty parts skipped); each
    read to one byte over the limit at most, so the check can say it is too large."""
    return [Upload(part.filename, part.read(store.max_bytes + 1))
            for part in request.files.getlist("files") if part.filename]


def refuse_if_limited(exc: RuleError) -> None:
    if exc.code in LIMIT_CODES:
        abort(429, message(exc))


def side_of(row: m.Inquiry, me: int) -> str:
    return "supplier" if row.supplier_id == me else "enterprise"


def to_thread(form, create, done: str = ""):
    """Run ``create`` (a new inquiry or expression of interest): a redirect to
    its thread (with ``done`` as confirmation), to the open one it repeats,
    or None with the problems on ``form`` (429 for a limit)."""
    try:
        item = create()
    except RuleError as exc:
        refuse_if_limited(exc)
        if exc.code == "inquiry.duplicate":
            return to_earlier(exc.params["inquiry_id"])
        form.form_errors.extend(to_form(form, exc))
        return None
    if done:
        flash(done, "success")
    return redirect(url_for("inquiries.thread", inquiry_id=item.id))


def to_earlier(inquiry_id: int):
    flash(_("You already have an open inquiry about this; continue the conversation here."), "info")
    return redirect(url_for("inquiries.thread", inquiry_id=inquiry_id))


@bp.get("/")
def index():
    status = request.args.get("status") or None
    if status is not None and status not in m.INQUIRY_STATUSES:
        abort(400)
    return render_template("inquiries/list.html", status=status,
                           rows=inquiries.list_for(get_session(), org(), status), me=org(),
                           side_of=side_of, enterprise_name=interest.enterprise_name)


@bp.route("/new", methods=["GET", "POST"])
def new():
    db = get_session()
    form = InquiryForm(request.form if request.method == "POST" else request.args)
    form.need_id.choices = options({str(n.id): n.title for n in needs.list_for(db, org())})
    data = InquiryInput(**{name: form[name].data or "" for name in InquiryInput.__dataclass_fields__})
    try:
        about = inquiries.subjects(db, org(), data)
    except RuleError as exc:
        abort(400, message(exc))
    earlier = inquiries.existing(db, org(), about) if request.method == "GET" else None
    if earlier is not None:  # one conversation per need, product and offer (a POST: the service says so)
        return to_earlier(earlier.id)
    if request.method == "GET" and not form.subject.data:
        listing = about["product"] or about["offer"]
        form.subject.data = getattr(listing, "name_zh", None) or getattr(listing, "title", "")
    if request.method == "POST" and form.validate():
        done = to_thread(form, lambda: inquiries.create(db, org(), data, actor(), limits()),
                         _("Your inquiry has been sent. The supplier is notified and answers here."))
        if done is not None:
            return done
    status = 400 if request.method == "POST" else 200
    return render_template("inquiries/new.html", form=form, about=about), status


def _step_form(formdata: bool = True) -> StepForm:
    form = StepForm() if formdata else StepForm(formdata=None)
    form.lost_reason.choices = options({k: v for k, v in LOST_LABELS.items()
                                        if k not in ("not_interested", "not_forwarded")})
    form.contract_model.choices = options(MODEL_LABELS)
    return form


def _thread(inquiry_id: int, status: int = 200, **forms):
    db = get_session()
    item, side = inquiries.get(db, org(), inquiry_id)
    forms.setdefault("message_form", MessageForm(formdata=None))
    forms.setdefault("step_form", _step_form(formdata=False))
    forms.setdefault("follow_up_form", FollowUpForm(formdata=None))
    forms.setdefault("reference_form", ReferenceForm(formdata=None, data={
        "reference_ok": bool(item.follow_up and item.follow_up.reference_ok)}))
    answering = side == "enterprise" and item.origin == "supplier" and item.status == "sent"
    return render_template("inquiries/thread.html", item=item, side=side,
                           enterprise=interest.enterprise_name(item, side), answer_form=AnswerForm(),
                           answering=answering,
                           steps=[] if answering else states.buttons(item.status, side, item.origin),
                           max_mb=file_store().max_bytes // (1024 * 1024),
                           follow_up_due=side == "enterprise" and followups.is_due(item), **forms), status


@bp.get("/<id:inquiry_id>")
def thread(inquiry_id: int):
    return _thread(inquiry_id)


def _act(inquiry_id: int, form, name: str, call, anchor: str = "", done=None):
    """Validate ``form``, call the service; back to the thread (confirming
    with ``done()``), or the thread with the form's errors (400; 429 when a
    limit refused it)."""
    if form.validate():
        try:
            call(get_session(), org(), inquiry_id, form)
        except RuleError as exc:
            refuse_if_limited(exc)
            form.form_errors.extend(to_form(form, exc))
        else:
            if done is not None:
                flash(done(), "success")
            return redirect(url_for("inquiries.thread", inquiry_id=inquiry_id) + anchor)
    return _thread(inquiry_id, 400, **{name: form})


@bp.post("/<id:inquiry_id>/messages")
def post_message(inquiry_id: int):
    store = file_store()
    return _act(inquiry_id, MessageForm(), "message_form", lambda db, me, item, form: inquiries.post(
        db, me, item, form.body.data, actor(), limits(), uploads(store), store), "#messages",
        lambda: _("Your message has been sent."))


@bp.post("/<id:inquiry_id>/step")
def step(inquiry_id: int):
    form = _step_form()
    return _act(inquiry_id, form, "step_form", lambda db, me, item, form: inquiries.move(
        db, me, item, StepInput(**{n: form[n].data for n in StepInput.__dataclass_fields__}), actor()),
        done=lambda: _("The inquiry is now at “%(status)s”.",
                       status=STATUS_LABELS.get(form.target.data, form.target.data)))


@bp.post("/<id:inquiry_id>/answer")
def answer(inquiry_id: int):
    """The enterprise accepts or declines a supplier's expression of interest."""
    choice = request.form.get("answer")
    if not AnswerForm().validate_on_submit() or choice not in ("accept", "decline"):
        abort(400)
    call = interest.accept if choice == "accept" else interest.decline
    try:
        call(get_session(), org(), inquiry_id, actor())
    except RuleError as exc:
        flash(message(exc), "danger")
        return _thread(inquiry_id, 400)
    flash(_("You accepted the expression of interest; the supplier now sees your organisation's name.")
          if choice == "accept" else _("You declined the expression of interest."), "success")
    return redirect(url_for("inquiries.thread", inquiry_id=inquiry_id))


@bp.post("/<id:inquiry_id>/follow-up")
def follow_up(inquiry_id: int):
    return _act(inquiry_id, FollowUpForm(), "follow_up_form", lambda db, me, item, form: followups.answer(
        db, me, item, FollowUpInput(form.achieved_saving_tce.data, form.satisfaction.data,
                                    form.comment.data or "", form.reference_ok.data is True), actor()))


@bp.post("/<id:inquiry_id>/follow-up/reference")
def follow_up_reference(inquiry_id: int):
    """The enterprise gives or withdraws its consent to be named with the
    project in the supplier directory (an unticked box withdraws it)."""
    form = ReferenceForm()
    return _act(inquiry_id, form, "reference_form", lambda db, me, item, form: followups.set_reference(
        db, me, item, form.reference_ok.data is True, actor()), "#follow-up-answer",
        lambda: _("The supplier directory names your organisation with this project.")
        if form.reference_ok.data else _("The supplier directory does not name your organisation "
                                         "with this project."))


@bp.get("/<id:inquiry_id>/files/<id:file_id>")
def file(inquiry_id: int, file_id: int):
    """A message's file, to the inquiry's two parties only (404 to anyone
    else), as a download the browser never interprets as a page."""
    row, item = attachments.readable(get_session(), org(), file_id)
    if item.id != inquiry_id:
        abort(404)
    return download(open_or_404("attachments", key_of(row.stored_name)), row.filename, row.content_type)
