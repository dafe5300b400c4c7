"""Bulk import from Excel (routes on the ``bureau`` blueprint): the page with
the templates and the upload forms, the template and current-data downloads,
and the upload. A file of up to IMPORT_INLINE_ROWS rows is checked and
imported within the request and its report shown at once; a larger one is
kept in the file storage and imported by a background job (run by the
worker, ``portal.queue``) whose page
shows the progress and then the same report. A bad file is refused with
400 and a message; any invalid row means nothing is imported (400 and the
report of every problem)."""
from __future__ import annotations

import io

from flask import current_app, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField

from catalog import clock
from catalog.accounts.audit import Actor
from catalog.console import imports, jobs
from catalog.console.problems import FileError
from catalog.models import ConsoleJob

from ..auth.session import actor
from ..db import get_session
from .jobs import DOWNLOAD_TYPES, WORK, job_files, start_background
from .views import bp

INLINE_ROWS = 500
TITLES = {"technologies": _l("Catalogue entries"), "organisations": _l("Organisations")}


class ImportForm(FlaskForm):
    file = FileField(_l("Excel workbook (.xlsx)"))


def _kind(name: str) -> imports.Kind:
    return imports.kind_of(name)  # InvalidInput → 400


def recent_jobs(limit: int = 10) -> list[ConsoleJob]:
    return jobs.recent(get_session(), ("import_technologies", "import_organisations"), limit)


def page(error: str = "", kind: str = "", status: int = 200):
    return render_template("bureau/imports.html", form=ImportForm(), kinds=imports.KINDS, titles=TITLES,
                           error=error, error_kind=kind, jobs=recent_jobs()), status


@bp.get("/imports", endpoint="imports")
def imports_page():
    return page()


@bp.get("/imports/<kind>/template.xlsx", endpoint="import_template")
def template(kind: str):
    chosen = _kind(kind)
    return send_file(io.BytesIO(imports.template(get_session(), chosen)), mimetype=DOWNLOAD_TYPES["xlsx"],
                     as_attachment=True, download_name=chosen.file_name)


@bp.get("/imports/<kind>/current.xlsx", endpoint="import_current")
def current(kind: str):
    chosen = _kind(kind)
    name = f"{'技术目录' if kind == 'technologies' else '单位'}-{clock.today().isoformat()}.xlsx"
    return send_file(io.BytesIO(imports.current(get_session(), chosen)), mimetype=DOWNLOAD_TYPES["xlsx"],
                     as_attachment=True, download_name=name)


def _message(exc: FileError) -> str:
    zh, en = exc.texts
    return en if str(get_locale()).startswith("en") else zh


@bp.post("/imports/<kind>", endpoint="import_upload")
def upload(kind: str):
    chosen = _kind(kind)
    form = ImportForm()
    if not form.validate_on_submit():
        return page(str(_l("The request could not be understood.")), kind, 400)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return page(str(_l("Choose an Excel file to upload.")), kind, 400)
    data = upload.read()
    config = current_app.config
    try:
        parsed = imports.parse(chosen, data, config.get("IMPORT_MAX_ROWS", imports.sheets.MAX_ROWS),
                               config.get("IMPORT_MAX_BYTES", imports.sheets.MAX_BYTES))
    except FileError as exc:
        return page(_message(exc), kind, 400)
    source = (upload.filename or "")[:200]
    if imports.row_count(chosen, parsed) > config.get("IMPORT_INLINE_ROWS", INLINE_ROWS):
        return _start_job(chosen, data, source)
    try:
        outcome = imports.run(get_session(), actor(), chosen, parsed, source)
    except FileError as exc:
        return page(_message(exc), kind, 409)
    return render_template("bureau/import_result.html", kind=chosen, title=TITLES[kind], source=source,
                           report=outcome.report()), 200 if outcome.imported else 400


def _start_job(chosen: imports.Kind, data: bytes, source: str):
    who = actor()
    params = {"import": chosen.name, "actor": {"user_id": who.user_id, "organisation_id": who.organisation_id,
                                               "label": who.label, "ip": who.ip}}
    job = jobs.create(get_session(), chosen.job_kind, params, who, source)
    job_files().save(jobs.file_name(job.id, "source", "xlsx"), data)
    start_background(current_app._get_current_object(), job.id)
    return redirect(url_for("bureau.job", job_id=job.id), 303)


def import_work(session, job: ConsoleJob, progress) -> dict:
    """The background job: read the saved upload, check and import it."""
    chosen = imports.kind_of(job.params["import"])
    source = jobs.file_name(job.id, "source", "xlsx")
    try:
        with job_files().open(source) as stored:
            data = stored.read()  # openpyxl needs the whole workbook (at most IMPORT_MAX_BYTES)
        parsed = imports.parse(chosen, data)
        outcome = imports.run(session, Actor(**job.params["actor"]), chosen, parsed, job.source_name,
                              progress)
    except FileError as exc:
        zh, en = exc.texts
        raise jobs.JobFailed({"error": en, "message_zh": zh, "message_en": en}) from exc
    finally:
        job_files().delete(source)
    report = outcome.report()
    jobs.finish(session, job.id, report)
    return report


for _kind_name in ("import_technologies", "import_organisations"):
    WORK[_kind_name] = import_work
