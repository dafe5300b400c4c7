"""Supplier workspace: technology submissions (a new entry, or a change to a
published one), their evidence files, submitting, and their history."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from catalog.curation import review, workflow
from catalog.curation import submissions as service
from catalog.curation.submissions import ENERGY_CARRIERS, FIGURE_METRICS, SubmissionInput
from catalog.errors import RuleError
from catalog.models import BenchmarkProduct, Category, MaturityLevel, ProcessStage, Sector
from catalog.supply import files

from ..auth.messages import errors_of, message
from ..auth.session import actor
from ..auth.views import form_page
from ..db import get_session
from ..i18n import lang
from ..labels import CARRIERS, METRICS
from ..params import str_arg
from . import attachment_dir, bp, max_upload, org_id, rows_of
from .forms import ButtonForm, SubmissionForm, UploadForm
from .steps import saved, stored

TEXT_FIELDS = ("name_zh", "name_en", "summary_zh", "summary_en", "description_zh", "description_en",
               "keywords_zh", "keywords_en")


def _choices(form: SubmissionForm) -> SubmissionForm:
    blank = [("", _("— choose —"))]
    form.sector.choices = blank + rows_of(Sector)
    form.stage.choices = blank + rows_of(ProcessStage)
    form.category.choices = blank + rows_of(Category)
    form.maturity.choices = blank + rows_of(MaturityLevel)
    form.trl.choices = blank + [(str(n), f"TRL {n}") for n in range(1, 10)]
    form.energy_carriers.choices = [(k, str(CARRIERS[k])) for k in ENERGY_CARRIERS]
    seen: dict[str, str] = {}
    for product in get_session().scalars(select(BenchmarkProduct).order_by(BenchmarkProduct.position)):
        seen.setdefault(product.family, product.label(lang()))
    form.applicable_to.choices = list(seen.items())
    for row in form.figures:
        row.form.metric.choices = [("", "—")] + [(k, str(METRICS[k])) for k in FIGURE_METRICS]
    return form


def _input(form: SubmissionForm) -> SubmissionInput:
    text = {name: getattr(form, name).data or "" for name in TEXT_FIELDS}
    return SubmissionInput(
        **text, sector=form.sector.data or "", stage=form.stage.data or "",
        category=form.category.data or "", maturity=form.maturity.data or "", trl=form.trl.data or "",
        energy_carriers=tuple(form.energy_carriers.data or ()),
        applicable_to=tuple(form.applicable_to.data or ()),
        figures=tuple((r.form.metric.data or "", r.form.value.data or "", r.form.unit.data or "",
                       r.form.basis.data or "", r.form.source.data or "") for r in form.figures),
        cases=tuple((r.form.site.data or "", r.form.in_use_since.data or "", r.form.results.data or "",
                     bool(r.form.contact_ok.data)) for r in form.cases))


def _current(item) -> dict:
    data = {name: getattr(item, name) for name in TEXT_FIELDS}
    data.update(sector=item.sector_key or "", stage=item.stage_key or "", category=item.category_key or "",
                maturity=item.maturity_key or "", trl=str(item.trl or ""),
                keywords_zh="，".join(item.keywords_zh), keywords_en=", ".join(item.keywords_en),
                energy_carriers=item.energy_carriers, applicable_to=item.applicable_to,
                figures=item.figures, cases=item.cases)
    return data


@bp.route("/submissions/new", methods=["GET", "POST"])
def new_submission():
    db = get_session()
    code = str_arg("technology", 16)
    if code and request.method == "GET":
        try:  # a change to an entry starts from the entry as published
            item = service.create(db, actor(), org_id(), None, technology_code=code)
        except RuleError as exc:
            abort(404, message(exc))
        flash(_("A change to %(code)s has been started from the published entry.", code=code), "success")
        return redirect(url_for("supplier.edit_submission", submission_id=item.id))
    form = _choices(SubmissionForm())
    return saved(form, lambda: service.create(db, actor(), org_id(), _input(form)),
                 _("The submission has been saved as a draft. Add evidence files, then submit it."),
                 lambda item: url_for("supplier.submission", submission_id=item.id)) \
        or form_page("supplier/submission_form.html", form, item=None)


@bp.route("/submissions/<id:submission_id>/edit", methods=["GET", "POST"])
def edit_submission(submission_id: int):
    db = get_session()
    item = service.get_own(db, org_id(), submission_id)
    form = _choices(SubmissionForm() if request.method == "POST" else SubmissionForm(data=_current(item)))
    return saved(form, lambda: service.update(db, actor(), org_id(), submission_id, _input(form)),
                 _("The submission has been saved."),
                 lambda done: url_for("supplier.submission", submission_id=done.id)) \
        or form_page("supplier/submission_form.html", form, item=item)


@bp.get("/submissions/<id:submission_id>")
def submission(submission_id: int, upload: UploadForm | None = None, problems: list[str] | None = None,
               status: int = 200):
    item = service.get_own(get_session(), org_id(), submission_id)
    return render_template("supplier/submission.html", item=item, upload=upload or UploadForm(),
                           button=ButtonForm(), problems=problems or [],
                           editable=item.status in service.EDITABLE,
                           steps=workflow.allowed_steps(item, "submitter"),
                           criteria=review.CRITERIA), status


@bp.post("/submissions/<id:submission_id>/submit")
def submit(submission_id: int):
    service.get_own(get_session(), org_id(), submission_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        workflow.transition(get_session(), actor(), submission_id, "submit", side="submitter",
                            org_id=org_id())
    except RuleError as exc:
        return submission(submission_id, problems=[message(e) for e in errors_of(exc)], status=400)
    flash(_("The submission has been sent to the bureau. You will be told of every step by e-mail."),
          "success")
    return redirect(url_for("supplier.submission", submission_id=submission_id))


@bp.post("/submissions/<id:submission_id>/files")
def evidence(submission_id: int):
    service.get_own(get_session(), org_id(), submission_id)
    def attach(name: str, data: bytes):
        return files.attach_evidence(get_session(), actor(), org_id(), submission_id, name, data,
                                     attachment_dir(), max_upload())

    return stored(attach,
                  url_for("supplier.submission", submission_id=submission_id),
                  lambda form: submission(submission_id, form, status=400),
                  _("The evidence file has been uploaded."))
