"""The bureau's review of technology submissions (routes on the ``bureau``
blueprint): the queue with filters, a submission's file with reviews,
scores and the recommendation, the steps of the state machine, and the
objections filed during the public notice."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from catalog import clock
from catalog.curation import diff, notice, queue, review, workflow
from catalog.curation import submissions as service
from catalog.errors import RuleError
from catalog.models import SUBMISSION_KINDS, Objection, Sector

from ..auth.messages import errors_of, message
from ..auth.session import actor
from ..db import get_session
from ..params import bool_arg, str_arg
from ..supplier import rows_of
from ..supplier.messages import to_form
from .curation_forms import ObjectionForm, ReviewForm, StepForm
from .views import bp

DONE = {"start_review": _l("The review has started."),
        "return": _l("The submission has been returned to the submitter for revision."),
        "approve": _l("The submission has been approved."),
        "reject": _l("The submission has been rejected."),
        "start_notice": _l("The public notice has started.")}


@bp.get("/submissions", endpoint="submissions")
def submissions_page():
    db = get_session()
    flt = queue.QueueFilter(status=str_arg("status"), sector=str_arg("sector"), kind=str_arg("kind"),
                            text=str_arg("q", 100), mine=bool_arg("mine"))
    return render_template("bureau/submissions.html", flt=flt, rows=queue.queue(db, flt, current_user.id),
                           counts=queue.counts(db), statuses=queue.QUEUE_STATUSES,
                           sectors=rows_of(Sector), kinds=SUBMISSION_KINDS,
                           objections=notice.open_objections(db))


@bp.get("/submissions/<id:submission_id>", endpoint="submission")
def submission_page(submission_id: int, review_form: ReviewForm | None = None,
                    step_form: StepForm | None = None, problems: list[str] | None = None,
                    status: int = 200):
    db = get_session()
    item = service.get(db, submission_id)
    mine = next((r for r in review.current_reviews(item) if r.reviewer_id == current_user.id), None)
    if review_form is None:
        review_form = ReviewForm(data=_review_data(mine))
    return render_template(
        "bureau/submission.html", item=item, review_form=review_form, step_form=step_form or StepForm(),
        objection_form=ObjectionForm(), outcome=review.outcome(db, item), rules=review.settings(db),
        reviews=review.current_reviews(item), earlier=[r for r in item.reviews if r.round != item.round],
        steps=workflow.allowed_steps(item, "bureau"), criteria=review.CRITERIA, problems=problems or [],
        conflicted=review.conflicted(item, current_user.id), today=clock.today(),
        ready=notice.ready_for_edition(item, clock.today()),
        changes=diff.field_diffs(diff.snapshot(item.technology), diff.proposed(item))
        if item.kind == "change" and item.technology else []), status


def _review_data(mine) -> dict:
    if mine is None:
        return {}
    data = {"conflict": "yes" if mine.conflict else "no", "conflict_note": mine.conflict_note,
            "comment": mine.comment}
    data.update({f"score_{c}": str(v) for c, v in mine.scores.items()})
    return data


@bp.post("/submissions/<id:submission_id>/review", endpoint="review")
def review_submission(submission_id: int):
    service.get(get_session(), submission_id)
    form = ReviewForm()
    if not form.validate_on_submit():
        abort(400)
    scores = {c: request.form.get(f"score_{c}", "") for c in review.CRITERIA}
    try:
        review.record_review(get_session(), actor(), submission_id, form.conflict.data == "yes",
                             form.conflict_note.data or "", scores, form.comment.data or "")
    except RuleError as exc:
        form.form_errors.extend(to_form(form, exc))
        return submission_page(submission_id, review_form=form, status=400)
    flash(_("Your review has been recorded."), "success")
    return redirect(url_for("bureau.submission", submission_id=submission_id))


@bp.post("/submissions/<id:submission_id>/step", endpoint="step")
def take_step(submission_id: int):
    service.get(get_session(), submission_id)
    form = StepForm()
    action = request.form.get("action", "")
    if not form.validate_on_submit() or action not in DONE:
        abort(400)
    try:
        workflow.transition(get_session(), actor(), submission_id, action, form.reason.data or "",
                            side="bureau")
    except RuleError as exc:
        return submission_page(submission_id, step_form=form,
                               problems=[message(e) for e in errors_of(exc)], status=400)
    flash(str(DONE[action]), "success")
    return redirect(url_for("bureau.submission", submission_id=submission_id))


@bp.post("/objections/<id:objection_id>", endpoint="resolve_objection")
def resolve_objection(objection_id: int):
    form = ObjectionForm()
    decision = request.form.get("decision", "")
    if not form.validate_on_submit() or decision not in ("dismissed", "upheld"):
        abort(400)
    db = get_session()
    try:
        objection = notice.resolve(db, actor(), objection_id, decision, form.note.data or "")
    except RuleError as exc:
        row = db.get(Objection, objection_id)
        return submission_page(row.submission_id, problems=[message(exc)], status=400)
    flash(_("The objection has been dealt with."), "success")
    return redirect(url_for("bureau.submission", submission_id=objection.submission_id))
